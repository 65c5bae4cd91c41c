package templates

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// The root package's api.go shows every public support name and no
// internal one, and Internal names only what the support code declares.
func TestRootAPI(t *testing.T) {
	names := Names()
	for n := range Internal {
		if !names[n] {
			t.Errorf("Internal lists %s, which the support code does not declare", n)
		}
	}
	src, err := rootAPI(Data{Package: "graph", ImportPath: "example.com/graph", Header: "// h", BasePath: "/v1.0"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "api.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("api.go does not parse: %v\n%s", err, src)
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			declared[d.Name.Name] = true
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					declared[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						declared[n.Name] = true
					}
				}
			}
		}
	}
	for n := range names {
		switch {
		case Internal[n] && declared[n]:
			t.Errorf("api.go declares the internal %s", n)
		case !Internal[n] && !composed[n] && !stubbed[n] && !declared[n]:
			t.Errorf("api.go lacks the public %s", n)
		}
	}
	if !strings.Contains(string(src), "type Optional[T any] = core.Optional[T]") {
		t.Errorf("api.go does not alias the generic Optional:\n%s", src)
	}
}

// stubbed are the names stubs.go stands in for: the generator declares
// them in the root package.
var stubbed = map[string]bool{"Server": true, "UnimplementedServer": true, "NewHandler": true, "DefaultBasePath": false}
