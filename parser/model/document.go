package model

import (
	"bytes"
	"encoding/json"
)

// Version is the version of Document's JSON shape. It changes when a field
// is removed, renamed or changes meaning; a new field leaves it as it is,
// so readers should ignore fields they do not know.
//
// Version 2: a Permission's "scopes" (one list, any scope suffices) became
// "sets" (any one set suffices, every scope of a set is required), and
// "resource" says which routes a row applies to.
const Version = 2

// Document is the model as `docgen --emit-model FILE` writes it, for tools
// that want the parsed docs without parsing markdown:
//
//	{
//	  "version": 2,
//	  "docs": ["graph-v1.0"],
//	  "api": {
//	    "pages":      [Page, ...],
//	    "types":      [Type, ...],
//	    "enums":      [Enum, ...],
//	    "operations": [Operation, ...]
//	  }
//	}
//
// docs names the docs folders, in command-line order, as the first element
// of every pos.file. Each object in api is the struct of the same name in
// this package, spelled by its json tags; every one has "pos": {"file":
// "graph-v1.0/api/user-get.md", "line": 12} (see Pos; line 0 is the whole
// page). Fields tagged omitempty or omitzero are absent when empty. Pages
// are in path order, types and enums in order of qualified name, operations
// in page order then source order, and everything inside them in the docs'
// order; the JSON has no maps, so the same docs give the same bytes.
type Document struct {
	Version int      `json:"version"`
	Docs    []string `json:"docs"`
	API     *API     `json:"api"`
}

// Encode returns the document as docgen writes it: indented by two spaces,
// with <, > and & left as they are (descriptions quote markup), and a final
// newline.
func (d *Document) Encode() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
