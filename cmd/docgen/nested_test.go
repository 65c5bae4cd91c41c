package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/generator"
)

// The generator is to emit packages split into subfolders, with names
// such as internal/core/event.go; what docgen prints of the output folder
// and the manifest it keeps name them with '/'.
func TestNestedNames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "widgets")
	cfg := &config{out: out}
	file := func(name, body string) generator.File {
		return generator.File{Name: name, Content: []byte(generator.HeaderPrefix + ". DO NOT EDIT.\n\npackage p\n\n" + body + "\n")}
	}
	first := []generator.File{file("doc.go", ""), file("internal/core/event.go", "type Event struct {\n\tID string `json:\"id\"`\n}"), file("internal/gone/gone.go", "")}
	if _, err := outputDir(cfg).Write(outFiles(first)); err != nil {
		t.Fatal(err)
	}
	second := []generator.File{file("doc.go", ""), file("internal/core/event.go", "type Event struct {\n\tID int `json:\"id\"`\n}"), file("internal/users/user.go", "")}
	files := outFiles(second)
	plan, err := outputDir(cfg).Plan(files)
	must(t, err)

	var quiet bytes.Buffer
	listChanges(&quiet, cfg, plan)
	o := filepath.ToSlash(out)
	if got, want := quiet.String(), "changed "+o+"/internal/core/event.go\nremoved "+o+"/internal/gone/gone.go\nnew "+o+"/internal/users/user.go\n"; got != want {
		t.Errorf("--check -q printed\n%s\nwant\n%s", got, want)
	}
	var diff bytes.Buffer
	must(t, printDiffs(&diff, cfg, plan, contents(files)))
	for _, line := range []string{
		"--- a/internal/core/event.go\n", "+++ b/internal/core/event.go\n",
		"--- a/internal/gone/gone.go\n", "+++ /dev/null\n",
		"--- /dev/null\n", "+++ b/internal/users/user.go\n",
	} {
		if !strings.Contains(diff.String(), line) {
			t.Errorf("the diff has no line %q:\n%s", line, diff.String())
		}
	}
	if _, err := apiChanges(cfg, plan, contents(files)); err != nil {
		t.Errorf("API changes of nested files: %v", err)
	}

	// The manifest keys files by their slash-separated names and finds
	// them again in their subfolders.
	c := newFormatCache(out, nil)
	for _, f := range first {
		c.lookup(f.Name, f.Content)
	}
	must(t, c.save(first, nil))
	data, err := os.ReadFile(filepath.Join(out, manifestName))
	must(t, err)
	if !strings.Contains(string(data), " internal/core/event.go\n") {
		t.Errorf("the manifest does not name internal/core/event.go:\n%s", data)
	}
	c = newFormatCache(out, nil)
	if content, ok := c.lookup("internal/core/event.go", first[1].Content); !ok || !bytes.Equal(content, first[1].Content) {
		t.Errorf("the manifest's entry for internal/core/event.go is not used")
	}
	if _, err := outputDir(cfg).Write(files); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(out, "internal", "gone")); !os.IsNotExist(err) {
		t.Errorf("internal/gone is still there: %v", err)
	}
}
