package outdir

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// The journal is text: a first line naming the format, one "op name" line
// per change, and "end", so that a damaged journal is told from a whole one
// (it is renamed into place complete, so it is only ever damaged by
// something other than docgen).
const journalFirst = "docgen swap journal 1"

func encodeJournal(changes []Change) []byte {
	var b bytes.Buffer
	b.WriteString(journalFirst + "\n")
	for _, c := range changes {
		fmt.Fprintf(&b, "%s %s\n", c.Op, c.Name)
	}
	b.WriteString("end\n")
	return b.Bytes()
}

func parseJournal(data []byte) ([]Change, error) {
	lines := strings.Split(string(data), "\n")
	if len(lines) < 3 || lines[0] != journalFirst || lines[len(lines)-2] != "end" || lines[len(lines)-1] != "" {
		return nil, errors.New("not a whole docgen journal")
	}
	var changes []Change
	for i, l := range lines[1 : len(lines)-2] {
		word, name, _ := strings.Cut(l, " ")
		var op Op
		for o, w := range opNames {
			if w == word {
				op = o
			}
		}
		if op == 0 {
			return nil, fmt.Errorf("line %d: %q is not a change", i+2, l)
		}
		if err := checkName(name); err != nil {
			return nil, fmt.Errorf("line %d: %v", i+2, err)
		}
		changes = append(changes, Change{name, op})
	}
	return changes, nil
}
