package generator

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	docparser "github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
)

// corpora are the real doc sets beside the project, each generated as a
// user would: the 2021 v1.0 and beta references, and today's format.
var corpora = []string{
	"graph-v1.0",
	"graph-beta",
	filepath.Join("graph-current", "api-reference", "v1.0"),
}

// TestEveryCorpusTypeChecks is the promise that nothing in the docs breaks
// the build: each doc set present generates a package whose every file,
// the example tests included, type-checks. A construct docgen cannot
// generate must be a diagnostic, never a compile error. (CI also builds,
// vets and tests the v1.0 package; this test keeps the promise for every
// doc set, at the cost of type-checking only.)
func TestEveryCorpusTypeChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and type-checks every doc set")
	}
	for _, name := range corpora {
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			dir := filepath.Join("..", "..", "shared", "corpus", name)
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("doc set not found at %s: %v", dir, err)
			}
			src, err := docparser.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var d diag.List
			api := docparser.Parse(src, &d)
			out, err := Generate(api, Options{Package: "corpus", ImportPath: "example.com/corpus", DocsName: filepath.Base(name)}, &d)
			if err != nil {
				t.Fatalf("Generate: %v", err)
			}
			warnings, errors := d.Count()
			t.Logf("%d files; %d warnings, %d errors", len(out.Files), warnings, errors)
			typeCheck(t, "example.com/corpus", out.Files)
		})
	}
}

// typeCheck parses and type-checks files, the packages of one generated
// package at importPath (each with its test files, as go vet checks
// them), reporting the first errors with their file and line.
func typeCheck(t *testing.T, importPath string, files []File) {
	t.Helper()
	fset := token.NewFileSet()
	byDir := map[string][]*ast.File{}
	for _, f := range files {
		af, err := parser.ParseFile(fset, f.Name, f.Content, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s does not parse: %v", f.Name, err)
		}
		dir := path.Dir(f.Name)
		byDir[dir] = append(byDir[dir], af)
	}
	checked := map[string]*types.Package{}
	std := importer.Default()
	var problems []string
	var check func(dir string) *types.Package
	imp := importerFunc(func(p string) (*types.Package, error) {
		if p == importPath {
			return check("."), nil // fakeserver imports the root package
		}
		if rel, ok := strings.CutPrefix(p, importPath+"/"); ok {
			return check(rel), nil
		}
		return std.Import(p)
	})
	check = func(dir string) *types.Package {
		if pkg, ok := checked[dir]; ok {
			return pkg
		}
		conf := types.Config{
			Importer: imp,
			Error: func(err error) {
				if len(problems) < 20 {
					problems = append(problems, err.Error())
				}
			},
		}
		p := importPath
		if dir != "." {
			p += "/" + dir
		}
		pkg, _ := conf.Check(p, fset, byDir[dir], nil)
		checked[dir] = pkg
		return pkg
	}
	dirs := make([]string, 0, len(byDir))
	for dir := range byDir {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		check(dir)
	}
	if len(problems) > 0 {
		t.Errorf("the generated package does not type-check:\n%s", strings.Join(problems, "\n"))
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
