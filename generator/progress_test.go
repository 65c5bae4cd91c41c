package generator_test

import (
	"sync"
	"testing"

	"github.com/docgen-dev/docgen/generator"
	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
)

// TestProgressCountsEachFile checks that Options.Progress hears of every
// file formatted, with the number of files as the total.
func TestProgressCountsEachFile(t *testing.T) {
	src, err := parser.ReadDir("testdata/docs")
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	var mu sync.Mutex
	seen := map[int]bool{}
	totals := map[int]bool{}
	out, err := generator.Generate(parser.Parse(src, &d), generator.Options{Package: "widgets", ImportPath: "example.com/widgets", DocsName: "docs",
		Progress: func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			seen[done], totals[total] = true, true
		}}, &d)
	if err != nil {
		t.Fatal(err)
	}
	n := len(out.Files)
	if len(seen) != n || !seen[1] || !seen[n] || len(totals) != 1 || !totals[n] {
		t.Errorf("Progress saw counts %v of totals %v; want 1..%d of %d", seen, totals, n, n)
	}
}
