package csdl

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadFile reads a metadata document from a file.
func ReadFile(path string) (*Schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Read reads an OData CSDL v4 XML metadata document (edmx:Edmx, or a bare
// Schema). It keeps the declarations docgen compares against and skips the
// rest (annotations, terms); it fails on malformed XML and on a document
// with no Schema.
func Read(r io.Reader) (*Schema, error) {
	d := xml.NewDecoder(r)
	rd := &reader{d: d, s: &Schema{Aliases: map[string]string{}}}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if err := rd.start(tok); err != nil {
				line, _ := d.InputPos()
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
			rd.stack = append(rd.stack, tok.Name.Local)
		case xml.EndElement:
			rd.end(tok.Name.Local)
			rd.stack = rd.stack[:len(rd.stack)-1]
		}
	}
	if len(rd.s.Namespaces) == 0 {
		return nil, errors.New("no Schema element: not an OData CSDL document")
	}
	rd.s.resolveAliases()
	rd.s.index()
	return rd.s, nil
}

// reader is the state of one document's walk.
type reader struct {
	d     *xml.Decoder
	s     *Schema
	stack []string // local names of the open elements

	ns        string // of the open Schema
	typ       *Type
	enum      *Enum
	op        *Operation
	container *Container
}

func (rd *reader) parent() string {
	if len(rd.stack) == 0 {
		return ""
	}
	return rd.stack[len(rd.stack)-1]
}

func (rd *reader) line() int {
	line, _ := rd.d.InputPos()
	return line
}

func (rd *reader) start(e xml.StartElement) error {
	a := attrs(e)
	name := a["Name"]
	switch e.Name.Local {
	case "Schema":
		rd.ns = a["Namespace"]
		if rd.ns == "" {
			return errors.New("Schema has no Namespace")
		}
		rd.s.Namespaces = append(rd.s.Namespaces, rd.ns)
		if alias := a["Alias"]; alias != "" {
			rd.s.Aliases[alias] = rd.ns
		}
		return nil
	}
	if rd.ns == "" {
		return nil // edmx wrappers, or content outside any Schema
	}
	if name == "" && needsName[e.Name.Local] {
		return fmt.Errorf("%s has no Name", e.Name.Local)
	}
	switch parent := rd.parent(); e.Name.Local {
	case "EntityType", "ComplexType":
		kind := Entity
		if e.Name.Local == "ComplexType" {
			kind = Complex
		}
		rd.typ = &Type{Line: rd.line(), Name: name, Namespace: rd.ns, Kind: kind, BaseType: a["BaseType"],
			Abstract: a["Abstract"] == "true", OpenType: a["OpenType"] == "true", HasStream: a["HasStream"] == "true"}
		rd.s.Types = append(rd.s.Types, rd.typ)
	case "PropertyRef":
		if rd.typ != nil && parent == "Key" {
			rd.typ.Key = append(rd.typ.Key, name)
		}
	case "Property", "NavigationProperty":
		if rd.typ == nil || (parent != "EntityType" && parent != "ComplexType") {
			return nil
		}
		rd.typ.Properties = append(rd.typ.Properties, &Property{Line: rd.line(), Name: name, Type: a["Type"],
			Navigation: e.Name.Local == "NavigationProperty", Nullable: a["Nullable"] != "false",
			ContainsTarget: a["ContainsTarget"] == "true"})
	case "EnumType":
		rd.enum = &Enum{Line: rd.line(), Name: name, Namespace: rd.ns, Flags: a["IsFlags"] == "true"}
		rd.s.Enums = append(rd.s.Enums, rd.enum)
	case "Member":
		if rd.enum != nil && parent == "EnumType" {
			rd.enum.Members = append(rd.enum.Members, EnumMember{Name: name, Value: a["Value"]})
		}
	case "Action", "Function":
		kind := Action
		if e.Name.Local == "Function" {
			kind = Function
		}
		rd.op = &Operation{Line: rd.line(), Kind: kind, Name: name, Namespace: rd.ns,
			Bound: a["IsBound"] == "true", Composable: a["IsComposable"] == "true"}
		rd.s.Operations = append(rd.s.Operations, rd.op)
	case "Parameter":
		if rd.op != nil && (parent == "Action" || parent == "Function") {
			rd.op.Parameters = append(rd.op.Parameters, &Parameter{Name: name, Type: a["Type"], Nullable: a["Nullable"] != "false"})
		}
	case "ReturnType":
		if rd.op != nil && (parent == "Action" || parent == "Function") {
			rd.op.ReturnType = a["Type"]
		}
	case "EntityContainer":
		rd.container = &Container{Line: rd.line(), Name: name, Namespace: rd.ns}
		rd.s.Containers = append(rd.s.Containers, rd.container)
	case "EntitySet":
		if rd.container != nil && parent == "EntityContainer" {
			rd.container.EntitySets = append(rd.container.EntitySets, &EntrySet{Name: name, Type: a["EntityType"]})
		}
	case "Singleton":
		if rd.container != nil && parent == "EntityContainer" {
			rd.container.Singletons = append(rd.container.Singletons, &EntrySet{Name: name, Type: a["Type"]})
		}
	}
	return nil
}

// needsName lists the elements that CSDL requires to carry a Name.
var needsName = map[string]bool{
	"EntityType": true, "ComplexType": true, "Property": true, "NavigationProperty": true,
	"EnumType": true, "Member": true, "Action": true, "Function": true, "Parameter": true,
	"EntityContainer": true, "EntitySet": true, "Singleton": true, "PropertyRef": true,
}

func (rd *reader) end(local string) {
	switch local {
	case "Schema":
		rd.ns = ""
	case "EntityType", "ComplexType":
		rd.typ = nil
	case "EnumType":
		rd.enum = nil
	case "Action", "Function":
		rd.op = nil
	case "EntityContainer":
		rd.container = nil
	}
}

func attrs(e xml.StartElement) map[string]string {
	m := make(map[string]string, len(e.Attr))
	for _, a := range e.Attr {
		if a.Name.Space == "" {
			m[a.Name.Local] = a.Value
		}
	}
	return m
}

// resolveAliases rewrites every type string from alias-qualified to
// namespace-qualified. Aliases are document-wide: the Graph metadata
// declares "graph" on microsoft.graph and uses it from the other schemas.
func (s *Schema) resolveAliases() {
	if len(s.Aliases) == 0 {
		return
	}
	res := func(t string) string { return s.resolve(t) }
	for _, t := range s.Types {
		t.BaseType = res(t.BaseType)
		for _, p := range t.Properties {
			p.Type = res(p.Type)
		}
	}
	for _, op := range s.Operations {
		op.ReturnType = res(op.ReturnType)
		for _, p := range op.Parameters {
			p.Type = res(p.Type)
		}
	}
	for _, c := range s.Containers {
		for _, es := range c.EntitySets {
			es.Type = res(es.Type)
		}
		for _, es := range c.Singletons {
			es.Type = res(es.Type)
		}
	}
}

// resolve qualifies one type string by namespace rather than alias.
func (s *Schema) resolve(t string) string {
	elem, coll := SplitCollection(t)
	i := strings.LastIndexByte(elem, '.')
	if i < 0 {
		return t
	}
	ns, ok := s.Aliases[elem[:i]]
	if !ok {
		return t
	}
	elem = ns + elem[i:]
	if coll {
		return "Collection(" + elem + ")"
	}
	return elem
}
