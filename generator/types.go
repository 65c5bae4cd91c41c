package generator

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
	"github.com/docgen-dev/docgen/templates"
)

// edmType says how an Edm primitive is written in Go and coded in JSON: the
// Go type, and the name of the jsonReader and jsonWriter methods for it.
type edmType struct {
	goType func() *jen.Statement
	codec  string
}

var edmTypes = map[string]edmType{
	"Edm.String":         {func() *jen.Statement { return jen.String() }, "str"},
	"Edm.Guid":           {func() *jen.Statement { return jen.String() }, "str"},
	"Edm.Duration":       {func() *jen.Statement { return jen.String() }, "str"},
	"Edm.Date":           {func() *jen.Statement { return jen.String() }, "str"},
	"Edm.TimeOfDay":      {func() *jen.Statement { return jen.String() }, "str"},
	"Edm.Binary":         {func() *jen.Statement { return jen.String() }, "str"},
	"Edm.Stream":         {func() *jen.Statement { return jen.String() }, "str"},
	"Edm.Int32":          {func() *jen.Statement { return jen.Int32() }, "int32"},
	"Edm.Int64":          {func() *jen.Statement { return jen.Int64() }, "int64"},
	"Edm.Int16":          {func() *jen.Statement { return jen.Int16() }, "int16"},
	"Edm.SByte":          {func() *jen.Statement { return jen.Int8() }, "int8"},
	"Edm.Byte":           {func() *jen.Statement { return jen.Uint8() }, "uint8"},
	"Edm.Boolean":        {func() *jen.Statement { return jen.Bool() }, "bool"},
	"Edm.Double":         {func() *jen.Statement { return jen.Float64() }, "float64"},
	"Edm.Decimal":        {func() *jen.Statement { return jen.Float64() }, "float64"},
	"Edm.Single":         {func() *jen.Statement { return jen.Float32() }, "float32"},
	"Edm.DateTimeOffset": {func() *jen.Statement { return jen.Qual("time", "Time") }, "time"},
	"Edm.Untyped":        {func() *jen.Statement { return jen.Qual("encoding/json", "RawMessage") }, "raw"},
}

// valueKind says how a value of a type is held and coded.
type valueKind int

const (
	edmValue    valueKind = iota // a primitive: its codec is a jsonReader/jsonWriter method
	objectValue                  // a generated struct
	polyValue                    // a base type with derived types: an interface
	enumValue                    // an enumeration: a string type
)

// goRef is how one value of a TypeRef (ignoring Collection) is written in Go.
type goRef struct {
	kind  valueKind
	typ   *jen.Statement // the Go type
	codec string         // edmValue: the reader/writer method
	name  string         // objectValue: the struct; polyValue: the interface
	base  string         // polyValue: the base type's struct
	read  string         // polyValue: the function that decodes one
	write string         // polyValue: the function that encodes one
	core  string         // the import path of internal/core, which declares them
}

// ref resolves a model type reference to its Go form.
func (p *plan) ref(ref model.TypeRef) goRef {
	core := p.corePath()
	if e, ok := edmTypes[ref.Name]; ok {
		return goRef{kind: edmValue, typ: e.goType(), codec: e.codec, core: core}
	}
	if enum, ok := p.names.enums[ref.Name]; ok {
		return goRef{kind: enumValue, typ: p.c(enum), name: enum, core: core}
	}
	if poly, ok := p.names.values[ref.Name]; ok {
		return goRef{kind: polyValue, typ: p.c(poly.iface), name: poly.iface, base: p.names.types[ref.Name], read: poly.read, write: poly.write, core: core}
	}
	if name, ok := p.names.types[ref.Name]; ok {
		return goRef{kind: objectValue, typ: p.c(name), name: name, core: core}
	}
	// The resolver turns every unknown reference into Edm.Untyped, so this
	// is an Edm type docgen does not know yet.
	return goRef{kind: edmValue, typ: jen.Qual("encoding/json", "RawMessage"), codec: "raw", core: core}
}

// fieldType is a property's Go type: always an Optional, so absent, null
// and set stay apart. A single object is held by pointer, so that types
// may refer to themselves (a chatMessage's replies, a folder's parent).
func (p *plan) fieldType(ref model.TypeRef) *jen.Statement {
	r := p.ref(ref)
	elem := r.typ
	switch {
	case ref.Collection:
		elem = jen.Index().Add(elem)
	case r.kind == objectValue:
		elem = jen.Op("*").Add(elem)
	}
	return p.c("Optional").Types(elem)
}

// readFunc and writeFunc are the item codecs of a value: functions that
// read or write one value.
func (r goRef) readFunc() jen.Code {
	switch r.kind {
	case edmValue:
		return jen.Qual(r.core, "ReadScalar").Types(r.typ.Clone())
	case polyValue:
		return jen.Qual(r.core, r.read)
	case enumValue:
		return jen.Qual(r.core, "ReadEnum").Types(r.typ.Clone())
	}
	return jen.Qual(r.core, "ReadValue").Types(r.typ.Clone())
}

func (r goRef) writeFunc() jen.Code {
	switch r.kind {
	case edmValue:
		return jen.Qual(r.core, "WriteScalar").Types(r.typ.Clone())
	case polyValue:
		return jen.Qual(r.core, r.write)
	case enumValue:
		return jen.Qual(r.core, "WriteEnum").Types(r.typ.Clone())
	}
	return jen.Qual(r.core, "WriteValue").Types(r.typ.Clone())
}

// typeFile emits one resource or complex type with its JSON coding.
func (e *emitter) typeFile(t *model.Type) File {
	name := e.names.types[t.QualifiedName()]
	f := e.coreFile(t.Pos.File)
	comment(f, typeDoc(name, t))
	e.emitStruct(f, name, e.properties(t), t)
	if poly, ok := e.names.values[t.QualifiedName()]; ok {
		e.emitPolymorphic(f, name, poly, t)
	}
	return e.render(path.Join(templates.CoreDir, e.names.typeFiles[t]), t.Pos.File, f)
}

// emitStruct writes a struct for props with its JSON methods and table
// (emitCodec). t is the documented type, nil for an action's parameters.
//
// A derived type embeds its base type's struct, which holds the inherited
// properties (and, at the root, ODataType and AdditionalData); its table
// lists every property, inherited or not.
func (e *emitter) emitStruct(f *jen.File, name string, props []*model.Property, t *model.Type) {
	var fields []jen.Code
	own := props
	if base := e.baseOf(t); base != nil {
		fields = append(fields, jen.Id(e.names.types[base.QualifiedName()]))
		own = props[len(e.properties(base)):]
	} else {
		fields = append(fields,
			jen.Comment("ODataType is @odata.type: the name of the value's concrete type."),
			jen.Id("ODataType").String().Tag(map[string]string{"json": "@odata.type,omitempty"}),
		)
	}
	for _, p := range own {
		if doc := oneLine(p.Doc); doc != "" {
			fields = append(fields, comments(doc)...)
		}
		fields = append(fields, jen.Id(e.names.fields[p]).Add(e.fieldType(p.Type)).Tag(map[string]string{"json": p.Name + ",omitzero"}))
	}
	if e.baseOf(t) == nil {
		fields = append(fields,
			jen.Comment("AdditionalData holds properties the docs do not define, as they came,"),
			jen.Comment("so that decoding and encoding again loses nothing."),
			jen.Id("AdditionalData").Map(jen.String()).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": "-"}),
		)
	}
	f.Type().Id(name).Struct(fields...)
	f.Line()
	e.emitCodec(f, name, props, t)
}

// emitPolymorphic writes, for a base type that has derived types, the
// interface every one of them satisfies and the function that decodes a
// value into the Go type its @odata.type names.
func (e *emitter) emitPolymorphic(f *jen.File, name string, poly *polyNames, t *model.Type) {
	iface, as := poly.iface, poly.as
	comment(f, fmt.Sprintf("%s is a %s or a value of any type derived from it. Decoding "+
		"picks the Go type that @odata.type names; encoding names the type of a "+
		"derived value, when its ODataType is empty, so that the receiver can do the same.", iface, t.QualifiedName()))
	f.Type().Id(iface).Interface(
		jen.Id("decoder"),
		jen.Id("encoder"),
		jen.Comment(as+" returns the "+t.Name+" part of the value."),
		jen.Id(as).Params().Op("*").Id(name),
	)
	f.Line()
	comment(f, fmt.Sprintf("%s returns v itself; derived types reach it through embedding.", as))
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id(as).Params().Op("*").Id(name).Block(jen.Return(jen.Id("v")))
	f.Line()
	var cases []jen.Code
	for _, d := range e.derived[t.QualifiedName()] {
		cases = append(cases, jen.Case(jen.Lit(strings.ToLower(d.QualifiedName()))).Block(
			jen.Return(jen.Op("&").Id(e.names.types[d.QualifiedName()]).Values(), jen.True()),
		))
	}
	comment(f, fmt.Sprintf("%s returns an empty value of the type an @odata.type names (in lower "+
		"case, without \"#\"), and whether that is a type derived from %s.", poly.newFn, t.Name))
	f.Func().Id(poly.newFn).Params(jen.Id("odataType").String()).Params(jen.Id(iface), jen.Bool()).Block(
		jen.Switch(jen.Id("odataType")).Block(cases...),
		jen.Return(jen.Op("&").Id(name).Values(), jen.False()),
	)
	f.Line()
	comment(f, fmt.Sprintf("%s decodes a %s into the Go type its @odata.type names, "+
		"or into %s when it names none of them.", poly.read, t.Name, name))
	f.Func().Id(poly.read).Params(jen.Id("r").Op("*").Id("jsonReader")).Id(iface).Block(
		jen.Return(jen.Id("readPoly").Call(jen.Id("r"), jen.Id(poly.newFn),
			jen.Func().Params(jen.Id("v").Id(iface)).String().Block(jen.Return(jen.Id("v").Dot(as).Call().Dot("ODataType"))))),
	)
	f.Line()
	comment(f, fmt.Sprintf("%s encodes a %s, naming the @odata.type of a derived value.", poly.write, t.Name))
	f.Func().Id(poly.write).Params(jen.Id("w").Op("*").Id("jsonWriter"), jen.Id("v").Id(iface)).Block(
		jen.Id("writePoly").Call(jen.Id("w"), jen.Id("v"), jen.Lit("#"+t.QualifiedName())),
	)
	f.Line()
	comment(f, fmt.Sprintf("%s codes the properties that hold a %s.", codecVar(iface), iface))
	f.Var().Id(codecVar(iface)).Op("=").Id("polyCodecOf").Call(jen.Id(poly.read), jen.Id(poly.write))
	f.Line()
}

// typeDoc is a type's doc comment: what it is, and where its definition
// came from, so a reader can find the page to fix.
func typeDoc(goName string, t *model.Type) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is the %s type.", goName, t.QualifiedName())
	if t.BaseType != "" {
		fmt.Fprintf(&b, " It has the properties of %s too.", t.BaseType)
	}
	if doc := oneLine(t.Doc); doc != "" {
		b.WriteString("\n" + doc)
	}
	switch t.Source {
	case model.FromResourcePage:
		fmt.Fprintf(&b, "\n\nDocumented at %s.", t.Pos)
	case model.FromRequestTable:
		fmt.Fprintf(&b, "\n\nIt has no resource page; its properties come from the request body table at %s.", t.Pos)
	case model.FromExamples:
		fmt.Fprintf(&b, "\n\nIt has no resource page; its properties are inferred from example JSON at %s.", t.Pos)
	}
	return b.String()
}

// oneLine flattens a description into one comment line, without the
// byte-order marks and control characters Go does not allow in source.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\uFEFF' || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// odataFile writes the package's OData tables: odataTypeOf, the
// @odata.type of each derived type, which writePoly sends for a value that
// leaves ODataType empty, and the registry of the structs' JSON tables
// (emitRegistry).
func (e *emitter) odataFile() File {
	f := e.coreFile(e.opts.DocsName)
	var cases []jen.Code
	for _, t := range e.api.Types {
		if e.baseOf(t) == nil {
			continue
		}
		cases = append(cases, jen.Case(jen.Op("*").Id(e.names.types[t.QualifiedName()])).Block(
			jen.Return(jen.Lit("#"+t.QualifiedName()))))
	}
	f.Comment("odataTypeOf returns the @odata.type of a value of a derived type, which")
	f.Comment("writePoly sends when the value names none itself, and \"\" for any other.")
	body := []jen.Code{jen.Return(jen.Lit(""))}
	if len(cases) > 0 {
		body = append([]jen.Code{jen.Switch(jen.Id("v").Assert(jen.Type())).Block(cases...)}, body...)
	}
	f.Func().Id("odataTypeOf").Params(jen.Id("v").Any()).String().Block(body...)
	f.Line()

	e.emitRegistry(f)
	e.emitItems(f)
	return e.render(path.Join(templates.CoreDir, "odata.go"), e.opts.DocsName, f)
}
