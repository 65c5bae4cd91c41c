// Package diag collects the problems docgen finds in documentation and in its
// own output, each tied to a model.Pos, and prints them in the compiler form
// "path:line: severity: message" that editors and CI annotate.
package diag

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/docgen-dev/docgen/parser/model"
)

// Severity is how bad a problem is. Warnings describe docs that docgen could
// work around; errors mean something the docs asked for was not generated.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one reported problem.
type Diagnostic struct {
	Pos      model.Pos `json:"pos"`
	Severity Severity  `json:"severity"`
	Category string    `json:"category"` // short stable slug for summaries: "permissions", "json"
	Message  string    `json:"message"`  // lowercase, no trailing period
}

// List gathers diagnostics; it is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
	seen  map[string]bool
}

// Warnf records a warning.
func (l *List) Warnf(pos model.Pos, category, format string, args ...any) {
	l.add(Diagnostic{pos, Warning, category, fmt.Sprintf(format, args...)})
}

// Errorf records an error.
func (l *List) Errorf(pos model.Pos, category, format string, args ...any) {
	l.add(Diagnostic{pos, Error, category, fmt.Sprintf(format, args...)})
}

// add keeps the first of identical reports, so that a problem found by two
// passes is reported once.
func (l *List) add(d Diagnostic) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := fmt.Sprintf("%s\x00%d\x00%s", d.Pos, d.Severity, d.Message)
	if l.seen[key] {
		return
	}
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	l.seen[key] = true
	l.items = append(l.items, d)
}

// Sorted returns the diagnostics ordered by file, line and message, so output
// is the same however the work was scheduled.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Message < b.Message
	})
	return out
}

// Count returns the number of warnings and errors.
func (l *List) Count() (warnings, errors int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return warnings, errors
}

// Print writes each diagnostic on its own line. display maps a model path to
// the path to show (relative to the working directory); nil shows it as is.
func Print(w io.Writer, ds []Diagnostic, display func(string) string) {
	for _, d := range ds {
		file := d.Pos.File
		if display != nil {
			file = display(file)
		}
		loc := file
		if d.Pos.Line > 0 {
			loc = fmt.Sprintf("%s:%d", file, d.Pos.Line)
		}
		fmt.Fprintf(w, "%s: %s: %s\n", loc, d.Severity, d.Message)
	}
}

// Summary is the one line that ends a run: counts, then the categories.
func Summary(ds []Diagnostic) string {
	var warnings, errors int
	byCat := map[string]int{}
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
		byCat[d.Category]++
	}
	s := fmt.Sprintf("%d %s, %d %s", errors, plural(errors, "error"), warnings, plural(warnings, "warning"))
	if len(byCat) == 0 {
		return s
	}
	cats := make([]string, 0, len(byCat))
	for c := range byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	parts := make([]string, len(cats))
	for i, c := range cats {
		parts[i] = fmt.Sprintf("%s %d", c, byCat[c])
	}
	return s + " (" + strings.Join(parts, ", ") + ")"
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
