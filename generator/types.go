package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
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

// elemType returns the Go type of one value of ref (ignoring Collection),
// and the Edm codec name, or "" for a generated type.
func (g *gen) elemType(ref model.TypeRef) (*jen.Statement, string) {
	if e, ok := edmTypes[ref.Name]; ok {
		return e.goType(), e.codec
	}
	if name, ok := g.names.types[ref.Name]; ok {
		return jen.Id(name), ""
	}
	// The resolver turns every unknown reference into Edm.Untyped, so this
	// is an Edm type docgen does not know yet.
	return jen.Qual("encoding/json", "RawMessage"), "raw"
}

// fieldType is a property's Go type: always an Optional, so absent, null
// and set stay apart. A single object is held by pointer, so that types
// may refer to themselves (a chatMessage's replies, a folder's parent).
func (g *gen) fieldType(ref model.TypeRef) *jen.Statement {
	elem, codec := g.elemType(ref)
	switch {
	case ref.Collection:
		elem = jen.Index().Add(elem)
	case codec == "":
		elem = jen.Op("*").Add(elem)
	}
	return jen.Id("Optional").Types(elem)
}

// typeFile emits one resource or complex type with its JSON coding.
func (g *gen) typeFile(t *model.Type) File {
	name := g.names.types[t.QualifiedName()]
	f := g.newFile(t.Pos.File)
	comment(f, typeDoc(name, t))
	g.emitStruct(f, name, g.properties(t), t)
	return g.render(fileName(name, ""), t.Pos.File, f)
}

// emitStruct writes a struct for props with its JSON methods: the exported
// ones users and encoding/json call, and the decode and encode methods that
// do the work. t is the documented type, nil for an action's parameters.
func (g *gen) emitStruct(f *jen.File, name string, props []*model.Property, t *model.Type) {
	fields := []jen.Code{
		jen.Comment("ODataType is @odata.type: the name of the value's concrete type."),
		jen.Id("ODataType").String().Tag(map[string]string{"json": "@odata.type,omitempty"}),
	}
	for _, p := range props {
		if doc := oneLine(p.Doc); doc != "" {
			fields = append(fields, jen.Comment(doc))
		}
		fields = append(fields, jen.Id(g.names.fields[p]).Add(g.fieldType(p.Type)).Tag(map[string]string{"json": p.Name + ",omitzero"}))
	}
	fields = append(fields,
		jen.Comment("AdditionalData holds properties the docs do not define, as they came,"),
		jen.Comment("so that decoding and encoding again loses nothing."),
		jen.Id("AdditionalData").Map(jen.String()).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": "-"}),
	)
	f.Type().Id(name).Struct(fields...)
	f.Line()
	f.Comment("UnmarshalJSON decodes " + name + ", keeping unknown properties in AdditionalData.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("unmarshal").Call(jen.Id("data"), jen.Id("v"), jen.False())),
	)
	f.Line()
	f.Comment("MarshalJSON encodes " + name + "; absent properties are left out.")
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("marshal").Call(jen.Op("&").Id("v")), jen.Nil()),
	)
	f.Line()

	cases := []jen.Code{
		jen.Case(jen.Lit("@odata.type")).Block(jen.Id("v").Dot("ODataType").Op("=").Id("r").Dot("str").Call()),
	}
	for _, p := range props {
		cases = append(cases, jen.Case(jen.Lit(p.Name)).Block(g.decodeProperty(p)))
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("r").Dot("unknown").Call(jen.Op("&").Id("v").Dot("AdditionalData"), jen.Id("k")),
	))
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("decode").Params(jen.Id("r").Op("*").Id("jsonReader")).Block(
		jen.For(
			jen.Id("more").Op(":=").Id("r").Dot("beginObject").Call(),
			jen.Id("more"),
			jen.Id("more").Op("=").Id("r").Dot("nextMember").Call(),
		).Block(
			jen.Id("k").Op(":=").Id("r").Dot("key").Call(),
			jen.Switch(jen.Id("k")).Block(cases...),
			jen.If(jen.Id("r").Dot("err").Op("!=").Nil()).Block(
				jen.Id("r").Dot("inProperty").Call(jen.Id("k")),
				jen.Return(),
			),
		),
	)
	f.Line()

	body := []jen.Code{
		jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Id("w").Dot("null").Call(), jen.Return()),
		jen.Id("w").Dot("beginObject").Call(),
		jen.If(jen.Id("v").Dot("ODataType").Op("!=").Lit("")).Block(
			jen.Id("w").Dot("key").Call(jen.Lit("@odata.type")),
			jen.Id("w").Dot("str").Call(jen.Id("v").Dot("ODataType")),
		),
	}
	for _, p := range props {
		body = append(body, g.encodeProperty(p))
	}
	body = append(body,
		jen.Id("w").Dot("extra").Call(jen.Id("v").Dot("AdditionalData")),
		jen.Id("w").Dot("endObject").Call(),
	)
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("encode").Params(jen.Id("w").Op("*").Id("jsonWriter")).Block(body...)
	f.Line()
}

func (g *gen) decodeProperty(p *model.Property) jen.Code {
	field := jen.Op("&").Id("v").Dot(g.names.fields[p])
	_, codec := g.elemType(p.Type)
	switch {
	case codec != "" && p.Type.Collection:
		return jen.Id("readOptSlice").Call(jen.Id("r"), field, jen.Parens(jen.Op("*").Id("jsonReader")).Dot(codec))
	case codec != "":
		return jen.Id("readOpt").Call(jen.Id("r"), field, jen.Parens(jen.Op("*").Id("jsonReader")).Dot(codec))
	case p.Type.Collection:
		return jen.Id("readOptObjects").Call(jen.Id("r"), field)
	default:
		return jen.Id("readOptObject").Call(jen.Id("r"), field)
	}
}

func (g *gen) encodeProperty(p *model.Property) jen.Code {
	field := jen.Op("&").Id("v").Dot(g.names.fields[p])
	_, codec := g.elemType(p.Type)
	switch {
	case codec != "" && p.Type.Collection:
		return jen.Id("writeOptSlice").Call(jen.Id("w"), jen.Lit(p.Name), field, jen.Parens(jen.Op("*").Id("jsonWriter")).Dot(codec))
	case codec != "":
		return jen.Id("writeOpt").Call(jen.Id("w"), jen.Lit(p.Name), field, jen.Parens(jen.Op("*").Id("jsonWriter")).Dot(codec))
	case p.Type.Collection:
		return jen.Id("writeOptObjects").Call(jen.Id("w"), jen.Lit(p.Name), field)
	default:
		return jen.Id("writeOptObject").Call(jen.Id("w"), jen.Lit(p.Name), field)
	}
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

// oneLine flattens a description into one comment line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// comment writes a possibly multi-line comment as // lines; jennifer would
// write /* */ for it.
func comment(f *jen.File, text string) {
	for _, line := range strings.Split(text, "\n") {
		f.Comment(line)
	}
}
