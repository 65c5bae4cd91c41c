package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestImportPathOf(t *testing.T) {
	root := t.TempDir()
	mod := filepath.Join(root, "mod")
	must(t, os.MkdirAll(filepath.Join(mod, "api", "graph"), 0o755))
	must(t, os.WriteFile(filepath.Join(mod, "go.mod"), []byte("// a comment\nmodule \"example.com/m\"\n\ngo 1.24\n"), 0o644))
	for _, c := range []struct{ out, want string }{
		{filepath.Join(mod, "api", "graph"), "example.com/m/api/graph"},
		{mod, "example.com/m"},
		{filepath.Join(mod, "api", "not-yet"), "example.com/m/api/not-yet"}, // the run creates it
		{filepath.Join(root, "alone"), "widgets"},                           // no go.mod above: the package name
	} {
		got, err := importPathOf(c.out, "widgets")
		if err != nil || got != c.want {
			t.Errorf("importPathOf(%s) = %q, %v; want %q", c.out, got, err, c.want)
		}
	}
	must(t, os.WriteFile(filepath.Join(mod, "go.mod"), []byte("go 1.24\n"), 0o644))
	if got, err := importPathOf(filepath.Join(mod, "api"), "widgets"); err == nil {
		t.Errorf("a go.mod without a module line gave %q", got)
	}
}
