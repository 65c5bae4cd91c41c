// Package templates holds the fixed support code that every package docgen
// generates carries: the OData error type, optional values, the handler's
// router, options and authentication, and the client's transport. It is
// written as text/template sources, embedded, so that it reads as ordinary
// Go; package generator renders it next to the code it emits per document.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"text/template"
)

//go:embed *.go.tmpl
var files embed.FS

// Data is what the templates are rendered with.
type Data struct {
	Package string // the generated package's name
	Header  string // the "// Code generated ... DO NOT EDIT." line
}

var parsed = template.Must(template.ParseFS(files, "*.go.tmpl"))

// File is one rendered support file.
type File struct {
	Name    string // output file name, such as "errors.go"
	Content []byte // unformatted Go source
}

// Render renders every support file, sorted by name.
func Render(d Data) ([]File, error) {
	names, err := fs.Glob(files, "*.go.tmpl")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]File, 0, len(names))
	for _, n := range names {
		var b bytes.Buffer
		if err := parsed.ExecuteTemplate(&b, n, d); err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		out = append(out, File{Name: strings.TrimSuffix(n, ".tmpl"), Content: b.Bytes()})
	}
	return out, nil
}
