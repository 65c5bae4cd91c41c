package generator

import (
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The tables are hashed here and searched by the support code: the two
// fieldHash functions must be the same code.
func TestFieldHashMatchesTheSupportCode(t *testing.T) {
	body := func(path string) string {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "fieldHash" {
				var b strings.Builder
				printer.Fprint(&b, fset, fn.Body)
				return b.String()
			}
		}
		t.Fatalf("%s has no fieldHash", path)
		return ""
	}
	if here, there := body("codec.go"), body("../templates/support/jsoncodec.go"); here != there {
		t.Errorf("fieldHash differs:\ngenerator:\n%s\nsupport:\n%s", here, there)
	}
}

// Every name lands in the index at a slot lookup's probing reaches, and at
// least half the slots stay empty, so a miss ends.
func TestFieldIndexFindsEveryName(t *testing.T) {
	names := []string{"@odata.type", "id", "subject", "body", "start", "end", "isAllDay", "attendees", "a", ""}
	for n := 1; n <= len(names); n++ {
		index := fieldIndex(names[:n])
		mask := uint32(len(index) - 1)
		empty := 0
		for _, s := range index {
			if s == 0 {
				empty++
			}
		}
		if empty*2 < len(index) {
			t.Errorf("%d names: %d of %d slots empty", n, empty, len(index))
		}
		for i, name := range names[:n] {
			h := fieldHash(name) & mask
			for index[h] != 0 && int(index[h]) != i+1 {
				h = (h + 1) & mask
			}
			if int(index[h]) != i+1 {
				t.Errorf("%d names: %q not found", n, name)
			}
		}
	}
}

// The generated codec and type ID names must not be the support code's:
// no top-level name there has their prefixes.
func TestGeneratedPrefixesAreFree(t *testing.T) {
	files, err := filepath.Glob("../templates/support/*.go")
	if err != nil || len(files) == 0 {
		t.Fatal("no support files", err)
	}
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for name := range f.Scope.Objects {
			for _, prefix := range []string{"codec", "type", "items", "paths"} {
				if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
					t.Errorf("%s: %s has the prefix of generated names", path, name)
				}
			}
		}
	}
}

// Every Edm codec has a field kind and an items name: a missing one would
// write a table that does not compile.
func TestEveryEdmCodecHasAFieldKind(t *testing.T) {
	for name, e := range edmTypes {
		if fieldKinds[e.codec] == "" || edmItemNames[e.codec] == "" {
			t.Errorf("%s: codec %q has no field kind or items name", name, e.codec)
		}
	}
}
