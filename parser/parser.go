// Package parser turns API reference pages written in markdown (the
// Microsoft Graph reference format) into docgen's intermediate model.
//
// It walks each page's goldmark AST for front matter, headings, tables,
// prose and annotated code blocks, then resolves references across pages: a
// type with a resource page takes its properties from there (from all of its
// pages, where several document it); an enum comes from an enum page's
// member tables or, last, from a property's "Possible values are" prose; a
// type without a page borrows a method page's request-body table or, last,
// infers its properties from example JSON. Everything it has to guess is
// reported as a diagnostic with path:line.
package parser

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// Source is one page's bytes and its stable path (see model.Pos).
type Source struct {
	Path string
	Data []byte
}

// ReadDir reads every .md file below dir, in lexical order. Each page's
// stable path is dir's base name joined with its path inside dir, so output
// does not depend on where the docs are checked out.
func ReadDir(dir string) ([]Source, error) {
	dir = filepath.Clean(dir)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	base := filepath.Base(abs)
	var out []Source
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, Source{Path: path.Join(base, filepath.ToSlash(rel)), Data: data})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

// Parse parses every source, on all cores, and resolves the result into one
// API. The result does not depend on scheduling: pages are combined in the
// order given.
//
// Includes ("[!INCLUDE [label](path)]") are resolved against sources by
// stable path and spliced into the including page (see include.go); files
// that are only included, and those below an "includes" folder, are not
// pages.
func Parse(sources []Source, diags *diag.List) *model.API {
	return ParseNotify(sources, diags, nil)
}

// ParseNotify is Parse that calls parsed, unless it is nil, after each page
// is parsed, from the goroutine that parsed it: a progress display counts
// the calls.
func ParseNotify(sources []Source, diags *diag.List, parsed func()) *model.API {
	results := make([]*PageResult, len(sources))
	inc := newIncluder(sources)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range sources {
		g.Go(func() error {
			// A file that is only included is read where it is included.
			if !inc.includeOnly(sources[i].Path) {
				results[i] = parsePageWith(sources[i].Path, sources[i].Data, inc, diags)
			}
			if parsed != nil {
				parsed()
			}
			return nil
		})
	}
	g.Wait()
	return Resolve(results, diags)
}
