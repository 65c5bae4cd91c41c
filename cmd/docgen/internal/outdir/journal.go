package outdir

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// The journal is text: a first line naming the format, one line per step
// ("mkdir folder", then "op name" per change, then "rmdir folder"), and
// "end", so that a damaged journal is told from a whole one (it is renamed
// into place complete, so it is only ever damaged by something other than
// docgen). Names are slash-separated paths relative to the output folder.
// Format 1, of a docgen before subfolders, has only changes, and is read
// too, so that an older run's journal can be rolled back.
const (
	journalFirst   = "docgen swap journal 2"
	journalFirstV1 = "docgen swap journal 1"
)

// journal is every step of a switch.
type journal struct {
	mkdirs  []string // subfolders made before the changes, parents first
	changes []Change
	rmdirs  []string // subfolders removed after, if empty, children first
}

// sortFolders puts parents before children in mkdirs, after in rmdirs: a
// folder sorts before what is in it.
func (j *journal) sortFolders() {
	sort.Strings(j.mkdirs)
	sort.Sort(sort.Reverse(sort.StringSlice(j.rmdirs)))
}

const (
	mkdirWord = "mkdir"
	rmdirWord = "rmdir"
)

func encodeJournal(j *journal) []byte {
	var b bytes.Buffer
	b.WriteString(journalFirst + "\n")
	for _, dir := range j.mkdirs {
		fmt.Fprintf(&b, "%s %s\n", mkdirWord, dir)
	}
	for _, c := range j.changes {
		fmt.Fprintf(&b, "%s %s\n", c.Op, c.Name)
	}
	for _, dir := range j.rmdirs {
		fmt.Fprintf(&b, "%s %s\n", rmdirWord, dir)
	}
	b.WriteString("end\n")
	return b.Bytes()
}

func parseJournal(data []byte) (*journal, error) {
	lines := strings.Split(string(data), "\n")
	if len(lines) < 3 || (lines[0] != journalFirst && lines[0] != journalFirstV1) || lines[len(lines)-2] != "end" || lines[len(lines)-1] != "" {
		return nil, errors.New("not a whole docgen journal")
	}
	folders := lines[0] == journalFirst
	j := &journal{}
	for i, l := range lines[1 : len(lines)-2] {
		word, name, _ := strings.Cut(l, " ")
		if folders && (word == mkdirWord || word == rmdirWord) {
			if err := checkFolder(name); err != nil {
				return nil, fmt.Errorf("line %d: %v", i+2, err)
			}
			if word == mkdirWord {
				j.mkdirs = append(j.mkdirs, name)
			} else {
				j.rmdirs = append(j.rmdirs, name)
			}
			continue
		}
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
		j.changes = append(j.changes, Change{name, op})
	}
	j.sortFolders()
	return j, nil
}
