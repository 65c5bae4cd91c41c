package diag

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/docgen-dev/docgen/parser/model"
)

func TestListSortsDedupesAndCounts(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.Warnf(model.Pos{File: "b.md", Line: 3}, "table", "same problem")
			if i == 0 {
				l.Errorf(model.Pos{File: "a.md", Line: 9}, "json", "bad %s", "json")
				l.Warnf(model.Pos{File: "b.md", Line: 1}, "route", "early")
			}
		}()
	}
	wg.Wait()
	ds := l.Sorted()
	if len(ds) != 3 {
		t.Fatalf("got %d diagnostics, want 3 (duplicates are reported once): %v", len(ds), ds)
	}
	var b bytes.Buffer
	Print(&b, ds, func(p string) string { return "docs/" + p })
	want := "docs/a.md:9: error: bad json\ndocs/b.md:1: warning: early\ndocs/b.md:3: warning: same problem\n"
	if b.String() != want {
		t.Errorf("Print:\n%s\nwant:\n%s", b.String(), want)
	}
	if w, e := l.Count(); w != 2 || e != 1 {
		t.Errorf("Count = %d warnings, %d errors", w, e)
	}
	if s := Summary(ds); s != "1 error, 2 warnings (json 1, route 1, table 1)" {
		t.Errorf("Summary = %q", s)
	}
	if s := Summary(nil); s != "0 errors, 0 warnings" {
		t.Errorf("Summary(nil) = %q", s)
	}
}

func TestPrintWithoutLine(t *testing.T) {
	var b bytes.Buffer
	Print(&b, []Diagnostic{{Pos: model.Pos{File: "x.md"}, Severity: Error, Message: "not a text file"}}, nil)
	if got := b.String(); !strings.HasPrefix(got, "x.md: error: ") {
		t.Errorf("got %q", got)
	}
}
