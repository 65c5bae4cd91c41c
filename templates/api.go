package templates

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Internal are the support code's exported names that only the generated
// operations' packages and example tests call: they are exported because
// those are other packages than internal/core, and the root package does
// not show them to users. Every other exported name is public (see
// Public).
var Internal = map[string]bool{
	"Handler": true, "NewRouteHandler": true, "Route": true, "Permissions": true,
	"PathTable": true, "PathRoute": true, "PathParam": true, "BindPath": true, "BuildPath": true,
	"QueryValue": true, "ParseQueryOptions": true, "AddQueryOptions": true,
	"WriteError": true, "CodeBadRequest": true, "NotImplemented": true,
	"ReplyCollection": true, "ReplyValue": true, "ReplyScalar": true,
	"Collect": true, "PageCodec": true, "ValueCodec": true, "ScalarCodec": true,
	"ReadValue": true, "WriteValue": true, "ReadEnum": true, "WriteEnum": true,
	"ReadScalar": true, "WriteScalar": true,
	"Unmarshal": true, "DecodeShape": true, "Marshal": true, "ParseInstant": true,
	"FakeStore": true, "NewFakeStore": true, "FakeOp": true, "FakeSeed": true, "FakeKind": true,
	"FakeAction": true, "FakeList": true, "FakeCreate": true, "FakeRead": true,
	"FakeUpdate": true, "FakeReplace": true, "FakeDelete": true,
}

// composed are the public names the root package declares itself, from
// the operations' packages: the support code's are its parts.
var composed = map[string]bool{"Client": true, "NewClient": true}

// rootAPI is the root package's api.go: for each public name of the
// support code, an alias (types), a constant or variable of the same value,
// or a function that calls the support code's, each with its doc comment.
func rootAPI(d Data) ([]byte, error) {
	names, err := copiedNames()
	if err != nil {
		return nil, err
	}
	type decl struct {
		name string
		src  string
	}
	var decls []decl
	imports := map[string]string{} // package name → path, of what the declarations use
	fset := token.NewFileSet()
	for _, n := range names {
		src, err := files.ReadFile(path.Join("support", n))
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, n, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		fileImports := map[string]string{}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			fileImports[path.Base(p)] = p
		}
		for _, dd := range f.Decls {
			out := publicDecls(fset, dd)
			for _, o := range out {
				decls = append(decls, decl(o))
			}
			// A function's wrapper repeats its signature, so it needs the
			// packages the signature names; aliases name only core.
			if fd, ok := dd.(*ast.FuncDecl); ok && len(out) > 0 {
				ast.Inspect(fd.Type, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						if x, ok := sel.X.(*ast.Ident); ok && fileImports[x.Name] != "" {
							imports[x.Name] = fileImports[x.Name]
						}
					}
					return true
				})
			}
		}
	}
	decls = append(decls, decl{"DefaultBasePath", defaultBasePathDoc + "const DefaultBasePath = core.DefaultBasePath\n"})
	sort.Slice(decls, func(i, j int) bool { return decls[i].name < decls[j].name })
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n\npackage %s\n\n", d.Header, d.Package)
	b.WriteString("// The support code's public names, declared in internal/core.\n\n")
	b.WriteString("import (\n")
	var pkgs []string
	for pkg := range imports {
		pkgs = append(pkgs, imports[pkg])
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	fmt.Fprintf(&b, "\n\t%q\n)\n\n", d.ImportPath+"/"+CoreDir)
	for _, dd := range decls {
		b.WriteString(dd.src)
		b.WriteString("\n")
	}
	return b.Bytes(), nil
}

type publicDecl struct{ name, src string }

// publicDecls are the root package's declarations for one of the support
// code's: none for a method, an internal or unexported name.
func publicDecls(fset *token.FileSet, d ast.Decl) []publicDecl {
	public := func(n *ast.Ident) bool {
		return n.IsExported() && !Internal[n.Name] && !composed[n.Name]
	}
	var out []publicDecl
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil || !public(d.Name) {
			return nil
		}
		var b strings.Builder
		writeDoc(&b, d.Doc)
		sig := &ast.FuncDecl{Name: d.Name, Type: d.Type}
		b.WriteString(node(fset, sig))
		var args []string
		for _, f := range d.Type.Params.List {
			for _, n := range f.Names {
				a := n.Name
				if _, ok := f.Type.(*ast.Ellipsis); ok {
					a += "..."
				}
				args = append(args, a)
			}
		}
		call := "core." + d.Name.Name
		if tp := d.Type.TypeParams; tp != nil {
			var ts []string
			for _, f := range tp.List {
				for _, n := range f.Names {
					ts = append(ts, n.Name)
				}
			}
			call += "[" + strings.Join(ts, ", ") + "]"
		}
		fmt.Fprintf(&b, " {\n\treturn %s(%s)\n}\n", call, strings.Join(args, ", "))
		out = append(out, publicDecl{d.Name.Name, b.String()})
	case *ast.GenDecl:
		for _, s := range d.Specs {
			doc := d.Doc
			switch s := s.(type) {
			case *ast.TypeSpec:
				if !public(s.Name) {
					continue
				}
				if s.Doc != nil {
					doc = s.Doc
				}
				var b strings.Builder
				writeDoc(&b, doc)
				params, args := "", ""
				if tp := s.TypeParams; tp != nil {
					var ps, ts []string
					for _, f := range tp.List {
						var ns []string
						for _, n := range f.Names {
							ns = append(ns, n.Name)
							ts = append(ts, n.Name)
						}
						ps = append(ps, strings.Join(ns, ", ")+" "+node(fset, f.Type))
					}
					params = "[" + strings.Join(ps, ", ") + "]"
					args = "[" + strings.Join(ts, ", ") + "]"
				}
				fmt.Fprintf(&b, "type %s%s = core.%s%s\n", s.Name.Name, params, s.Name.Name, args)
				out = append(out, publicDecl{s.Name.Name, b.String()})
			case *ast.ValueSpec:
				if s.Doc != nil {
					doc = s.Doc
				}
				for _, n := range s.Names {
					if !public(n) {
						continue
					}
					var b strings.Builder
					writeDoc(&b, doc)
					fmt.Fprintf(&b, "%s %s = core.%s\n", d.Tok, n.Name, n.Name)
					out = append(out, publicDecl{n.Name, b.String()})
				}
			}
		}
	}
	return out
}

func writeDoc(b *strings.Builder, doc *ast.CommentGroup) {
	if doc == nil {
		return
	}
	for _, c := range doc.List {
		b.WriteString(c.Text)
		b.WriteString("\n")
	}
}

func node(fset *token.FileSet, n any) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, n); err != nil {
		panic(err) // printing a parsed node cannot fail
	}
	return b.String()
}
