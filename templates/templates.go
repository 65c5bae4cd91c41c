// Package templates holds the fixed support code that every package docgen
// generates carries. The code itself is package support (templates/support),
// an ordinary Go package with its own tests and fuzz targets; this package
// embeds it and writes its files out for a generated package, with the
// generated header and that package's clause. It also says which names the
// support code declares, so that no documented type takes one.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed support/*.go coretest/coretest.go
var files embed.FS

// notCopied are the support package's files that stay behind: its package
// comment, and the stand-ins for what docgen generates per package.
var notCopied = map[string]bool{"doc.go": true, "stubs.go": true}

// The folders of the generated package's internal packages, relative to
// its own.
const (
	CoreDir     = "internal/core"
	CoretestDir = "internal/coretest"
)

// packageClause starts every support file; nothing may come before it.
const packageClause = "package support\n"

// supportImport is how coretest imports the support package; in a
// generated package it imports internal/core.
const supportImport = `core "github.com/docgen-dev/docgen/templates/support"`

// Data is what the support files are written out with.
type Data struct {
	Package    string // the generated package's name
	ImportPath string // and its import path
	Header     string // the "// Code generated ... DO NOT EDIT." line
	BasePath   string // the version path the API is served under, "/v1.0"
}

// File is one support file, as it goes into a generated package.
type File struct {
	Name    string // output file name, relative to the package: "internal/core/errors.go"
	Content []byte // unformatted Go source
	// Copied is true for a file of the support package, written out as it
	// is there, and false for the files made per package (support.go, the
	// root package's api.go).
	Copied bool
}

// Render returns every support file for package d.Package, sorted by name:
// the support package's files in internal/core, with d.Header and the
// package clause of core; support.go there, which declares what varies
// per package (its name and base path); internal/coretest, the example
// tests' helpers; and api.go, the root package's aliases of the support
// code's public names (see Public).
func Render(d Data) ([]File, error) {
	names, err := copiedNames()
	if err != nil {
		return nil, err
	}
	out := make([]File, 0, len(names)+3)
	for _, n := range names {
		src, err := files.ReadFile(path.Join("support", n))
		if err != nil {
			return nil, err
		}
		body, ok := bytes.CutPrefix(src, []byte(packageClause))
		if !ok {
			return nil, fmt.Errorf("support/%s does not start with %q", n, strings.TrimSpace(packageClause))
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "%s\n\npackage core\n", d.Header)
		b.Write(body)
		out = append(out, File{Name: path.Join(CoreDir, n), Content: b.Bytes(), Copied: true})
	}
	out = append(out, File{Name: path.Join(CoreDir, "support.go"), Content: perPackage(d)})
	coretest, err := files.ReadFile("coretest/coretest.go")
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(coretest, []byte(supportImport)) {
		return nil, fmt.Errorf("coretest/coretest.go does not import %s", supportImport)
	}
	coretest = bytes.Replace(coretest, []byte(supportImport), []byte(fmt.Sprintf("core %q", d.ImportPath+"/"+CoreDir)), 1)
	out = append(out, File{Name: path.Join(CoretestDir, "coretest.go"), Content: append([]byte(d.Header+"\n\n"), coretest...), Copied: true})
	api, err := rootAPI(d)
	if err != nil {
		return nil, err
	}
	out = append(out, File{Name: "api.go", Content: api})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// perPackage is support.go: the declarations stubs.go stands in for that
// the support code needs and docgen does not emit elsewhere.
func perPackage(d Data) []byte {
	return fmt.Appendf(nil, `%s

package core

// packageName prefixes the support code's error messages, and names the
// client's User-Agent and the handler's authentication realm.
const packageName = %s

%sconst DefaultBasePath = %s
`, d.Header, strconv.Quote(d.Package), defaultBasePathDoc, strconv.Quote(d.BasePath))
}

// defaultBasePathDoc is DefaultBasePath's doc comment, in support.go and in
// the root package's api.go.
const defaultBasePathDoc = `// DefaultBasePath is the path the handler serves the API under, beside the
// bare paths, and the client adds to a base URL without a path: the
// version path of the docs' example URLs. See WithBasePath.
`

// copiedNames are the support files that go into a generated package.
func copiedNames() ([]string, error) {
	all, err := fs.Glob(files, "support/*.go")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, p := range all {
		n := path.Base(p)
		if notCopied[n] || strings.HasSuffix(n, "_test.go") {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// Names are the exported package-level names the support package declares,
// its stand-ins for generated declarations included: a generated package
// declares every one of them, so no documented type may take one.
func Names() map[string]bool {
	all, err := fs.Glob(files, "support/*.go")
	if err != nil {
		panic(err)
	}
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, p := range all {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src, err := files.ReadFile(p)
		if err != nil {
			panic(err)
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			panic(err) // the support package compiles, so this cannot happen
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					names[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							names[s.Name.Name] = true
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								names[n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	return names
}
