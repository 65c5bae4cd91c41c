package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/apidiff"
	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
)

// diffTotalFactor is how many files' worth of diff --check prints in all:
// --diff-lines bounds one file's diff, and this many times it the whole, so
// that a change to every file does not flood a CI log.
const diffTotalFactor = 10

// quietWords mark each file --check -q names.
var quietWords = map[outdir.Op]string{
	outdir.Create:  "new",
	outdir.Replace: "changed",
	outdir.Remove:  "removed",
}

// contents maps each generated file's name to its new content.
func contents(files []outdir.File) map[string][]byte {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.Name] = f.Content
	}
	return m
}

// listChanges names each file that would change, for --check -q.
func listChanges(w io.Writer, cfg *config, plan *outdir.Plan) {
	for _, c := range plan.Changes {
		fmt.Fprintf(w, "%s %s\n", quietWords[c.Op], outPath(cfg, c.Name))
	}
}

// printDiffs writes a unified diff of each file that would change, with
// paths relative to the output folder, as git does. The output is bounded
// (see --diff-lines) so that a large change, such as a new docgen, does not
// flood a CI log; a last line says what was left out and how to see it.
func printDiffs(w io.Writer, cfg *config, plan *outdir.Plan, content map[string][]byte) error {
	perFile, total := cfg.diffLines, cfg.diffLines*diffTotalFactor
	bounded := perFile > 0
	// The headers and a hunk header are the least worth showing of a file.
	least := min(3, perFile)
	shown, cutLines, cutFiles, allLines := 0, 0, 0, 0
	for _, c := range plan.Changes {
		left := math.MaxInt
		if bounded {
			left = min(perFile, total-shown)
		}
		var lines []string
		n := 0
		if left < least && c.Op != outdir.Replace {
			// Not shown at all: a whole-file add or remove is counted
			// without building its diff.
			n = 3 + bytes.Count(plan.Old[c.Name], newline) + bytes.Count(content[c.Name], newline)
		} else {
			var err error
			lines, err = fileDiff(c, plan.Old[c.Name], content[c.Name])
			if err != nil {
				return err
			}
			n = len(lines)
		}
		allLines += n
		if n <= left {
			writeLines(w, lines)
			shown += n
			continue
		}
		if left < least {
			cutFiles++
			cutLines += n
			continue
		}
		writeLines(w, lines[:left])
		fmt.Fprintf(w, "[%d more lines of the diff of %s not shown]\n", n-left, c.Name)
		shown += left
		cutLines += n - left
	}
	if cutLines > 0 {
		files := ""
		if cutFiles > 0 {
			files = fmt.Sprintf(", %d files not at all", cutFiles)
		}
		fmt.Fprintf(w, "docgen: diff cut to %d lines a file and %d in all: %d of %d lines not shown%s; --diff-lines=0 shows all\n",
			perFile, total, cutLines, allLines, files)
	}
	return nil
}

// fileDiff is the unified diff of one change, as lines without their ends.
func fileDiff(c outdir.Change, old, new []byte) ([]string, error) {
	from, to := "a/"+c.Name, "b/"+c.Name
	switch c.Op {
	case outdir.Create:
		from = "/dev/null"
	case outdir.Remove:
		to = "/dev/null"
	}
	o, n := string(old), string(new)
	text, err := udiff.ToUnified(from, to, o, udiff.Lines(o, n), udiff.DefaultContextLines)
	if err != nil {
		return nil, fmt.Errorf("diff of %s: %v", c.Name, err)
	}
	if text == "" {
		return nil, nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n"), nil
}

var newline = []byte("\n")

func writeLines(w io.Writer, lines []string) {
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// apiChange is the API summary of a plan.
type apiChange struct {
	changes  []apidiff.Change
	fresh    bool // the folder had no generated files: nothing to compare with
	breaking int
}

// apiChanges compares the API of the generated files on disk with that of
// the new ones. Only the files that change are read: a declaration in an
// unchanged file is the same on both sides. Test files declare no API.
func apiChanges(cfg *config, plan *outdir.Plan, content map[string][]byte) (*apiChange, error) {
	res := &apiChange{fresh: plan.Unchanged == 0}
	var old, new []apidiff.File
	for _, c := range plan.Changes {
		if c.Op != outdir.Create {
			res.fresh = false
		}
		if strings.HasSuffix(c.Name, "_test.go") {
			continue
		}
		if c.Op != outdir.Create {
			old = append(old, apidiff.File{Name: outPath(cfg, c.Name), Content: plan.Old[c.Name]})
		}
		if c.Op != outdir.Remove {
			new = append(new, apidiff.File{Name: c.Name, Content: content[c.Name]})
		}
	}
	if res.fresh {
		return res, nil
	}
	oldAPI, oerr := apidiff.Parse(old)
	newAPI, nerr := apidiff.Parse(new)
	res.changes = apidiff.Diff(oldAPI, newAPI)
	for _, c := range res.changes {
		if c.Breaking() {
			res.breaking++
		}
	}
	var err error
	if oerr != nil || nerr != nil {
		err = fmt.Errorf("the API changes may be incomplete: %v", errors.Join(oerr, nerr))
	}
	return res, err
}

// print writes the summary: a line of counts, then a line per change.
func (a *apiChange) print(w io.Writer, cfg *config) {
	if a.fresh {
		fmt.Fprintf(w, "docgen: API changes: none listed, as %s held no generated files\n", cfg.out)
		return
	}
	if len(a.changes) == 0 {
		fmt.Fprintln(w, "docgen: API changes: none")
		return
	}
	count := map[apidiff.Op]int{}
	for _, c := range a.changes {
		count[c.Op]++
	}
	fmt.Fprintf(w, "docgen: API changes: %d added, %d removed, %d changed; %d breaking\n",
		count[apidiff.Added], count[apidiff.Removed], count[apidiff.Changed], a.breaking)
	for _, c := range a.changes {
		fmt.Fprintln(w, c)
	}
}
