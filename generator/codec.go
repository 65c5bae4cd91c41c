package generator

import (
	"fmt"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
)

// The JSON coding of the generated structs is data: one objectType table
// per struct (see templates/support/jsoncodec.go), which this file plans
// and writes, and four one-line methods. Compiling a table costs the
// compiler next to nothing; compiling a decoder and an encoder per type was
// most of a large package's build.

// codecVar is the name of the JSON table of a struct (codecEvent) or of a
// base type's interface (codecAttachmentValue). The prefix keeps it apart
// from the support code's names, which never start with "codec" and a
// capital (TestGeneratedPrefixesAreFree).
func codecVar(goName string) string { return "codec" + goName }

// typeIDConst is the name of a struct's objectTypeID constant (typeEvent).
func typeIDConst(goName string) string { return "type" + goName }

// fieldKinds are the field kinds of the Edm codecs (edmTypes; ref gives
// "raw" to an Edm type it does not know).
var fieldKinds = map[string]string{
	"str": "kindString", "bool": "kindBool", "int32": "kindInt32", "int64": "kindInt64",
	"int16": "kindInt16", "int8": "kindInt8", "uint8": "kindUint8", "float64": "kindFloat64",
	"float32": "kindFloat32", "time": "kindTime", "raw": "kindRaw",
}

// codecField is one entry of a table: a property, the struct that declares
// its Go field, and that field's name.
type codecField struct {
	name  string // the JSON name
	owner string // the Go struct that declares the field
	field string // the Go field
	entry jen.Code
}

// codecFields lists the properties of a struct in encoding order, inherited
// ones first, each with the struct that declares it: a derived struct
// begins with its base type's, so an inherited field is at the offset its
// own struct has it at.
func (e *emitter) codecFields(name string, props []*model.Property, t *model.Type) []codecField {
	owners := make([]string, len(props))
	root := name
	for i := range owners {
		owners[i] = name
	}
	// Walk down from t: the first len(properties(base)) properties are the
	// base's, and so on up the chain.
	for b := e.baseOf(t); b != nil; b = e.baseOf(b) {
		n := len(e.properties(b))
		root = e.names.types[b.QualifiedName()]
		for i := 0; i < n && i < len(owners); i++ {
			owners[i] = root
		}
	}
	out := []codecField{{name: "@odata.type", owner: root, field: "ODataType"}}
	out[0].entry = fieldEntry(out[0], "kindODataType", 0)
	for i, p := range props {
		cf := codecField{name: p.Name, owner: owners[i], field: e.names.fields[p]}
		r := e.ref(p.Type)
		kind, extra := fieldKindOf(r)
		extraWidth := 0
		if len(extra) > 0 {
			extraWidth = len(r.name)
		}
		if p.Type.Collection {
			extra = append([]jen.Code{jen.Id("many").Op(":").True()}, extra...)
		}
		cf.entry = fieldEntry(cf, kind, extraWidth, extra...)
		out = append(out, cf)
	}
	return out
}

// fieldKindOf is the field kind that codes a value of r, and the items that
// name its object type's table (elem) or its interface's codec (poly).
func fieldKindOf(r goRef) (kind string, extra []jen.Code) {
	switch r.kind {
	case enumValue:
		return "kindString", nil
	case objectValue:
		return "kindObject", []jen.Code{jen.Id("elem").Op(":").Id(typeIDConst(r.name))}
	case polyValue:
		return "kindPoly", []jen.Code{jen.Id("poly").Op(":").Op("&").Id(codecVar(r.name))}
	}
	return fieldKinds[r.codec], nil
}

// fieldEntry is one field literal of a table; extraWidth is roughly how
// wide the extra items are.
func fieldEntry(cf codecField, kind string, extraWidth int, extra ...jen.Code) jen.Code {
	items := []jen.Code{
		jen.Id("name").Op(":").Lit(cf.name),
		jen.Id("off").Op(":").Qual("unsafe", "Offsetof").Call(jen.Id(cf.owner).Values().Dot(cf.field)),
		jen.Id("kind").Op(":").Id(kind),
	}
	items = append(items, extra...)
	// An entry a line, unless the names make it too long to read on one.
	width := len(`		{name: "", off: unsafe.Offsetof({}.), kind: , many: true, elem: type},`) +
		len(cf.name) + len(cf.owner) + len(cf.field) + len(kind) + extraWidth
	if width > maxEntryWidth {
		return jen.Values(listOf(items)...)
	}
	return jen.Values(items...)
}

// maxEntryWidth is the widest a table entry is written on one line.
const maxEntryWidth = 150

// fieldHash must be the support code's fieldHash (jsoncodec.go), bit for
// bit: the tables it indexes are computed here and searched there.
func fieldHash(name string) uint32 {
	n := len(name)
	h := uint32(n) * 0x9E3779B1
	if n > 0 {
		h ^= uint32(name[0]) | uint32(name[n/2])<<8 | uint32(name[n-1])<<16
	}
	h *= 0x85EBCA6B
	return h ^ h>>15
}

// fieldIndex is the open-addressing table objectType.lookup searches: at
// least twice as many slots as names, a power of two, each the position of
// a name plus one, inserted in order with linear probing.
func fieldIndex(names []string) []uint16 {
	size := 2
	for size < 2*len(names) {
		size *= 2
	}
	slots := make([]uint16, size)
	mask := uint32(size - 1)
	for i, n := range names {
		h := fieldHash(n) & mask
		for slots[h] != 0 {
			h = (h + 1) & mask
		}
		slots[h] = uint16(i + 1)
	}
	return slots
}

// emitCodec writes the JSON methods and the table of a struct. t is the
// documented type, nil for an action's parameters.
func (e *emitter) emitCodec(f *jen.File, name string, props []*model.Property, t *model.Type) {
	codec := jen.Op("&").Id(codecVar(name))
	ptr := func(v jen.Code) jen.Code { return jen.Qual("unsafe", "Pointer").Call(v) }
	f.Comment("UnmarshalJSON decodes " + name + ", keeping unknown properties in AdditionalData.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("unmarshalObject").Call(jen.Id("data"), ptr(jen.Id("v")), codec)),
	)
	f.Line()
	f.Comment("MarshalJSON encodes " + name + "; absent properties are left out.")
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("marshalObject").Call(ptr(jen.Op("&").Id("v")), codec), jen.Nil()),
	)
	f.Line()
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("decode").Params(jen.Id("r").Op("*").Id("jsonReader")).Block(
		jen.Id("decodeObject").Call(jen.Id("r"), ptr(jen.Id("v")), codec),
	)
	f.Line()
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("encode").Params(jen.Id("w").Op("*").Id("jsonWriter")).Block(
		jen.Id("encodeObject").Call(jen.Id("w"), ptr(jen.Id("v")), codec),
	)
	f.Line()

	fields := e.codecFields(name, props, t)
	var entries []jen.Code
	names := make([]string, len(fields))
	for i, cf := range fields {
		entries = append(entries, cf.entry)
		names[i] = cf.name
	}
	index := fieldIndex(names)
	var rows []jen.Code
	for i := 0; i < len(index); i += 16 {
		row := jen.Empty()
		for j := i; j < i+16 && j < len(index); j++ {
			if j > i {
				row.Op(",")
			}
			row.Lit(int(index[j]))
		}
		rows = append(rows, row)
	}
	items := []jen.Code{
		jen.Id("fields").Op(":").Index().Id("field").Values(listOf(entries)...),
		jen.Id("index").Op(":").Index().Uint16().Values(listOf(rows)...),
		jen.Id("extra").Op(":").Qual("unsafe", "Offsetof").Call(jen.Id(fields[0].owner).Values().Dot("AdditionalData")),
	}
	if t != nil && e.isOpen(t) {
		items = append(items, jen.Id("open").Op(":").True())
	}
	items = append(items, jen.Id("size").Op(":").Qual("unsafe", "Sizeof").Call(jen.Id(name).Values()))
	// Only the types some property holds need new or grow: each is a
	// function to compile.
	unsafePtr := jen.Qual("unsafe", "Pointer")
	if e.objectUses()[name]&usedSingly != 0 {
		items = append(items, jen.Id("new").Op(":").Func().Params().Add(unsafePtr).Block(
			jen.Return(ptr(jen.New(jen.Id(name)))),
		))
	}
	if e.objectUses()[name]&usedInSlices != 0 {
		items = append(items, jen.Id("grow").Op(":").Func().Params(jen.Id("s").Add(unsafePtr)).Add(unsafePtr).Block(
			jen.Id("p").Op(":=").Parens(jen.Op("*").Index().Id(name)).Parens(jen.Id("s")),
			// Room for four at first: most collections are short.
			jen.If(jen.Cap(jen.Op("*").Id("p")).Op("==").Lit(0)).Block(
				jen.Op("*").Id("p").Op("=").Make(jen.Index().Id(name), jen.Lit(0), jen.Lit(4)),
			),
			jen.Op("*").Id("p").Op("=").Append(jen.Op("*").Id("p"), jen.Id(name).Values()),
			jen.Return(ptr(jen.Op("&").Parens(jen.Op("*").Id("p")).Index(jen.Len(jen.Op("*").Id("p")).Op("-").Lit(1)))),
		))
	}
	f.Comment(fmt.Sprintf("%s is the JSON table of %s: its properties, inherited ones first.", codecVar(name), name))
	f.Var().Id(codecVar(name)).Op("=").Id("objectType").Values(listOf(items)...)
	f.Line()
}

// structTypes are the documented types that are structs, by Go name: the
// objectTypes registry and its objectTypeID constants, in a fixed order.
func (e *emitter) structTypes() []string {
	var names []string
	for _, t := range e.api.Types {
		names = append(names, e.names.types[t.QualifiedName()])
	}
	sort.Strings(names)
	return names
}

// emitRegistry writes the objectTypeID constants and objectTypes, the registry
// by which a property finds its object type's table.
func (e *emitter) emitRegistry(f *jen.File) {
	names := e.structTypes()
	var consts, entries []jen.Code
	for i, n := range names {
		if i == 0 {
			consts = append(consts, jen.Id(typeIDConst(n)).Id("objectTypeID").Op("=").Iota())
		} else {
			consts = append(consts, jen.Id(typeIDConst(n)))
		}
		entries = append(entries, jen.Op("&").Id(codecVar(n)))
	}
	f.Comment("The objectTypeID of each struct type: its position in objectTypes.")
	if len(consts) > 0 {
		f.Const().Defs(consts...)
	}
	f.Line()
	f.Comment("objectTypes are the JSON tables of the struct types, in the order of")
	f.Comment("their objectTypeID constants above.")
	f.Var().Id("objectTypes").Op("=").Index(jen.Op("...")).Op("*").Id("objectType").Values(listOf(entries)...)
	f.Line()
}

// objectUse says how properties hold a struct type: singly (an Optional[*T],
// whose decoding needs a new T) or in slices (an Optional[[]T], which
// grows by one T an element).
type objectUse uint8

const (
	usedSingly objectUse = 1 << iota
	usedInSlices
)

// objectUses returns how the properties of every type and action body, and
// the collection results, hold each struct type, by Go name; computed once.
func (e *emitter) objectUses() map[string]objectUse {
	if e.uses != nil {
		return e.uses
	}
	e.uses = map[string]objectUse{}
	note := func(props []*model.Property) {
		for _, p := range props {
			r := e.ref(p.Type)
			if r.kind != objectValue {
				continue
			}
			if p.Type.Collection {
				e.uses[r.name] |= usedInSlices
			} else {
				e.uses[r.name] |= usedSingly
			}
		}
	}
	for _, t := range e.api.Types {
		note(t.Properties)
	}
	for _, of := range e.files {
		for _, o := range of.ops {
			if o.body != nil && o.body.action {
				note(o.body.props)
			}
			// A collection result's items grow its page's slice.
			if o.result != nil && o.result.collection && o.result.ref.kind == objectValue {
				e.uses[o.result.ref.name] |= usedInSlices
			}
		}
	}
	return e.uses
}

// itemsVar is the name of the variable that describes the items of a
// collection result of r (itemsUser, itemsEdmString): the field the shared
// collection codec decodes and encodes the items by. Primitives are named
// after their codec, with the Edm prefix no Go type name of the package
// has.
func itemsVar(r goRef) string {
	if r.kind == edmValue {
		return "Items_Edm" + edmItemNames[r.codec]
	}
	return "Items_" + r.name
}

var edmItemNames = map[string]string{
	"str": "String", "bool": "Boolean", "int32": "Int32", "int64": "Int64",
	"int16": "Int16", "int8": "SByte", "uint8": "Byte", "float64": "Double",
	"float32": "Single", "time": "DateTimeOffset", "raw": "Untyped",
}

// itemsEntry is the field literal an items variable holds.
func itemsEntry(r goRef) jen.Code {
	kind, extra := fieldKindOf(r)
	items := []jen.Code{
		jen.Id("name").Op(":").Lit("value"),
		jen.Id("kind").Op(":").Id(kind),
		jen.Id("many").Op(":").True(),
	}
	return jen.Values(append(items, extra...)...)
}

// emitItems writes the items variables of every collection result.
func (e *emitter) emitItems(f *jen.File) {
	refs := map[string]goRef{}
	for _, of := range e.files {
		for _, o := range of.ops {
			if o.result != nil && o.result.collection {
				refs[itemsVar(o.result.ref)] = o.result.ref
			}
		}
	}
	if len(refs) == 0 {
		return
	}
	f.Comment("The items of the collection results, for the shared collection codec:")
	f.Comment("Items_User for a Collection[User]. Exported for the operations' packages;")
	f.Comment("the underscore keeps them apart from every documented name.")
	for _, name := range sortedKeys(refs) {
		f.Var().Id(name).Op("=").Id("field").Add(itemsEntry(refs[name]))
	}
	f.Line()
}
