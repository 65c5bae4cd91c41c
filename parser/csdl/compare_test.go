package csdl

import (
	"reflect"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser/model"
)

func prop(line int, name, typ string, collection bool) *model.Property {
	return &model.Property{Pos: model.Pos{File: "docs/resources/user.md", Line: line}, Name: name,
		Type: model.TypeRef{Name: typ, Collection: collection}}
}

// sampleAPI documents the sample metadata's types the way real pages do:
// mostly right, with one of each kind of mistake.
func sampleAPI() *model.API {
	page := func(name string) model.Pos {
		return model.Pos{File: "docs/resources/" + strings.ToLower(name) + ".md", Line: 10}
	}
	nav := prop(31, "Manager", "microsoft.graph.user", false) // case differs; listed as structural
	user := &model.Type{
		Pos: page("user"), Name: "user", Namespace: "microsoft.graph", BaseType: "microsoft.graph.entity",
		Source: model.FromResourcePage,
		Properties: []*model.Property{
			prop(20, "id", "Edm.String", false),          // inherited: known, agrees
			prop(21, "displayName", "Edm.String", false), // agrees
			prop(22, "age", "Edm.Int32", false),          // Int32 vs Int64
			prop(23, "tags", "Edm.String", false),        // not a collection
			prop(24, "favorite", "Edm.Untyped", false),   // enum the parser lost
			prop(25, "nickname", "Edm.String", false),    // not in the metadata
			prop(26, "displayName", "Edm.String", false), // documented twice: counted once
			prop(27, "note", "Edm.Int32", false),         // own redeclaration wins over entity's
			nav,                                          // see above
			{Pos: model.Pos{File: "docs/resources/user.md", Line: 32}, Name: "friends", // agrees
				Type: model.TypeRef{Name: "microsoft.graph.USER", Collection: true}, Navigation: true},
		},
	}
	// home is missing from the page.
	address := &model.Type{Pos: page("address"), Name: "address", Namespace: "microsoft.graph", Source: model.FromResourcePage,
		Key: "street", // a key on a complex type
		Properties: []*model.Property{
			{Pos: model.Pos{File: "docs/resources/address.md", Line: 20}, Name: "street", Type: model.TypeRef{Name: "Edm.String"}},
		}}
	home := &model.Type{Pos: page("homeAddress"), Name: "homeAddress", Namespace: "microsoft.graph", Source: model.FromResourcePage,
		// base type not documented
		Properties: []*model.Property{
			{Pos: model.Pos{File: "docs/resources/homeaddress.md", Line: 20}, Name: "floor", Type: model.TypeRef{Name: "Edm.Int32"}},
			{Pos: model.Pos{File: "docs/resources/homeaddress.md", Line: 21}, Name: "street", Type: model.TypeRef{Name: "Edm.String"}},
		}}
	// The page forgot its namespace.
	call := &model.Type{Pos: page("callRecord"), Name: "callRecord", Namespace: "microsoft.graph", Source: model.FromResourcePage,
		Properties: []*model.Property{{Pos: model.Pos{File: "docs/resources/callrecord.md", Line: 20}, Name: "type", Type: model.TypeRef{Name: "Edm.String"}}}}
	unknown := &model.Type{Pos: page("gadget"), Name: "gadget", Namespace: "microsoft.graph", Source: model.FromResourcePage}
	enum := &model.Type{Pos: page("color"), Name: "color", Namespace: "microsoft.graph", Source: model.FromResourcePage}
	// Types docgen inferred are not held against the metadata.
	inferred := &model.Type{Pos: page("photo"), Name: "photo", Namespace: "microsoft.graph", Source: model.FromExamples,
		Properties: []*model.Property{{Name: "width", Type: model.TypeRef{Name: "Edm.Int32"}}}}
	return &model.API{Types: []*model.Type{address, call, enum, unknown, home, inferred, user}}
}

func TestCompare(t *testing.T) {
	r := Compare(sampleAPI(), readSample(t))
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.String())
	}
	want := []string{
		"docs/resources/address.md:10: csdl-kind: type address is a complex type in the metadata but the page gives it a key",
		"docs/resources/callrecord.md:10: csdl-unknown-type: the metadata has no type microsoft.graph.callRecord but has microsoft.graph.callRecords.callRecord; check the page's Namespace line",
		"docs/resources/color.md:10: csdl-unknown-type: type microsoft.graph.color is an enum in the metadata, not a structured type",
		"docs/resources/gadget.md:10: csdl-unknown-type: the metadata has no type microsoft.graph.gadget",
		"docs/resources/homeaddress.md:10: csdl-base-type: type homeAddress inherits from microsoft.graph.address in the metadata but the page names no base type",
		"docs/resources/user.md:10: csdl-missing-property: the metadata has property home (microsoft.graph.address) which the page does not document",
		"docs/resources/user.md:22: csdl-type-mismatch: property age is in the metadata as Edm.Int64 but documented as Edm.Int32",
		"docs/resources/user.md:23: csdl-type-mismatch: property tags is in the metadata as Collection(Edm.String) but documented as Edm.String",
		"docs/resources/user.md:24: csdl-type-mismatch: property favorite is in the metadata as microsoft.graph.color but its documented type was not understood (read as untyped JSON)",
		"docs/resources/user.md:25: csdl-unknown-property: the metadata has no property nickname on microsoft.graph.user or its base types",
		"docs/resources/user.md:31: csdl-navigation: property Manager is a navigation property in the metadata but the page lists it with the structural properties",
		"docs/resources/user.md:31: csdl-property-case: property Manager is spelled manager in the metadata",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// user: own 8, documented 7 of them (all but home); address: 1 of 1;
	// homeAddress: own 1 (floor), documented.
	// Documented: user 9 distinct names (8 known), address 1, homeAddress 2.
	// Agreeing: user id, displayName, note, Manager, friends; address
	// street; homeAddress floor, street.
	check := func(name string, got, want int) {
		if got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	check("Types", r.Types, 3)
	check("UnknownTypes", r.UnknownTypes, 3)
	check("CSDLProperties", r.CSDLProperties, 10)
	check("Recalled", r.Recalled, 9)
	check("CSDLInherited", r.CSDLInherited, 12)
	check("RecalledInherited", r.RecalledInherited, 11)
	check("DocProperties", r.DocProperties, 12)
	check("Known", r.Known, 11)
	check("Agreeing", r.Agreeing, 8)
	check("BaseAgreeing", r.BaseAgreeing, 2)
	check("KindAgreeing", r.KindAgreeing, 2)

	wantSummary := "csdl: 3 types compared; property recall 90.0% (9/10), precision 91.7% (11/12), kind agreement 72.7% (8/11)"
	if s := r.Summary(); s != wantSummary {
		t.Errorf("Summary() =\n%s\nwant\n%s", s, wantSummary)
	}
	if c := r.ByCategory(); c[CatUnknownType] != 3 || c[CatTypeMismatch] != 3 || len(c) != 8 {
		t.Errorf("ByCategory() = %v", c)
	}
}

func TestCompareEmpty(t *testing.T) {
	r := Compare(&model.API{}, readSample(t))
	if want := "csdl: 0 types compared; property recall 100.0% (0/0), precision 100.0% (0/0), kind agreement 100.0% (0/0)"; r.Summary() != want {
		t.Errorf("Summary() = %q", r.Summary())
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 12345: "12,345", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
