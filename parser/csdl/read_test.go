package csdl

import (
	"reflect"
	"strings"
	"testing"
)

// sample exercises what Read must handle: an alias used across schemas,
// inheritance with a redeclared property, collections, navigation
// properties, nullability, enums, annotations whose elements look like
// properties, operations and the entity container.
const sample = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color" IsFlags="true">
        <Member Name="red" Value="1" />
        <Member Name="green" Value="2" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <Property Name="note" Type="Edm.String" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity" OpenType="true">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="age" Type="Edm.Int64" Nullable="false" />
        <Property Name="tags" Type="Collection(Edm.String)" />
        <Property Name="favorite" Type="graph.color" />
        <Property Name="home" Type="graph.address" />
        <Property Name="note" Type="Edm.Int32" />
        <NavigationProperty Name="manager" Type="graph.user" />
        <NavigationProperty Name="friends" Type="Collection(graph.user)" ContainsTarget="true" />
        <Annotation Term="Org.OData.Core.V1.Description" String="not a property" />
      </EntityType>
      <ComplexType Name="address">
        <Property Name="street" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="homeAddress" BaseType="graph.address">
        <Property Name="floor" Type="Edm.Int32" />
      </ComplexType>
      <EntityType Name="photo" BaseType="graph.entity" HasStream="true" />
      <Action Name="invite" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.user" Nullable="false" />
        <Parameter Name="friends" Type="Collection(graph.user)" />
        <ReturnType Type="Collection(graph.user)" />
      </Action>
      <Function Name="delta" IsBound="true" IsComposable="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.user)" />
        <ReturnType Type="Collection(graph.user)" />
      </Function>
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="microsoft.graph.user">
          <NavigationPropertyBinding Path="manager" Target="users" />
        </EntitySet>
        <Singleton Name="me" Type="graph.user" />
      </EntityContainer>
      <Annotations Target="microsoft.graph.user/displayName">
        <Annotation Term="Org.OData.Capabilities.V1.SearchRestrictions">
          <Record>
            <PropertyValue Property="Searchable" Bool="true" />
          </Record>
        </Annotation>
      </Annotations>
    </Schema>
    <Schema Namespace="microsoft.graph.callRecords" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="callType">
        <Member Name="groupCall" Value="0" />
      </EnumType>
      <EntityType Name="callRecord" BaseType="graph.entity">
        <Property Name="type" Type="microsoft.graph.callRecords.callType" Nullable="false" />
        <Property Name="organizer" Type="graph.user" />
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`

func readSample(t *testing.T) *Schema {
	t.Helper()
	s, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestReadTypes(t *testing.T) {
	s := readSample(t)
	if want := []string{"microsoft.graph", "microsoft.graph.callRecords"}; !reflect.DeepEqual(s.Namespaces, want) {
		t.Errorf("namespaces = %v, want %v", s.Namespaces, want)
	}
	if got := s.Aliases["graph"]; got != "microsoft.graph" {
		t.Errorf("alias graph = %q", got)
	}
	var names []string
	for _, ty := range s.Types {
		names = append(names, ty.QualifiedName())
	}
	want := []string{"microsoft.graph.address", "microsoft.graph.callRecords.callRecord", "microsoft.graph.entity",
		"microsoft.graph.homeAddress", "microsoft.graph.photo", "microsoft.graph.user"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("types = %v, want %v", names, want)
	}
	if e, c, n := s.Count(); e != 4 || c != 2 || n != 2 {
		t.Errorf("Count() = %d entities, %d complex, %d enums; want 4, 2, 2", e, c, n)
	}

	entity := s.Type("microsoft.graph.entity")
	if entity.Kind != Entity || !entity.Abstract || !reflect.DeepEqual(entity.Key, []string{"id"}) || entity.Properties[0].Nullable {
		t.Errorf("entity = %+v", entity)
	}
	user := s.Type("Microsoft.Graph.USER") // lookups ignore case
	if user == nil {
		t.Fatal("no user type")
	}
	if user.BaseType != "microsoft.graph.entity" || !user.OpenType || user.Abstract || user.Line != 16 {
		t.Errorf("user = %+v", user)
	}
	if len(user.Properties) != 8 {
		t.Fatalf("user has %d properties, want 8 (annotations are not properties)", len(user.Properties))
	}
	checks := []struct {
		name, typ  string
		nav, null  bool
		elem       string
		collection bool
	}{
		{"displayName", "Edm.String", false, true, "Edm.String", false},
		{"age", "Edm.Int64", false, false, "Edm.Int64", false},
		{"tags", "Collection(Edm.String)", false, true, "Edm.String", true},
		{"favorite", "microsoft.graph.color", false, true, "microsoft.graph.color", false},
		{"home", "microsoft.graph.address", false, true, "microsoft.graph.address", false},
		{"note", "Edm.Int32", false, true, "Edm.Int32", false},
		{"manager", "microsoft.graph.user", true, true, "microsoft.graph.user", false},
		{"friends", "Collection(microsoft.graph.user)", true, true, "microsoft.graph.user", true},
	}
	for i, c := range checks {
		p := user.Properties[i]
		elem, coll := p.Elem()
		if p.Name != c.name || p.Type != c.typ || p.Navigation != c.nav || p.Nullable != c.null || elem != c.elem || coll != c.collection {
			t.Errorf("property %d = %+v (elem %s, collection %v), want %+v", i, p, elem, coll, c)
		}
	}
	if !user.Properties[7].ContainsTarget || user.Properties[6].ContainsTarget {
		t.Errorf("ContainsTarget not read")
	}
	if p := s.Type("microsoft.graph.photo"); !p.HasStream || len(p.Properties) != 0 {
		t.Errorf("photo = %+v", p)
	}

	// The alias is declared on microsoft.graph and used from callRecords.
	cr := s.Type("microsoft.graph.callRecords.callRecord")
	if cr.BaseType != "microsoft.graph.entity" || cr.Properties[1].Type != "microsoft.graph.user" ||
		cr.Properties[0].Type != "microsoft.graph.callRecords.callType" {
		t.Errorf("callRecord = %+v, properties %+v %+v", cr, cr.Properties[0], cr.Properties[1])
	}
}

func TestInheritance(t *testing.T) {
	s := readSample(t)
	user := s.Type("microsoft.graph.user")
	if b := s.Bases(user); len(b) != 1 || b[0].Name != "entity" {
		t.Errorf("Bases(user) = %v", b)
	}
	var got []string
	for _, p := range s.AllProperties(user) {
		got = append(got, p.Name+":"+p.Type)
	}
	// Base properties come first; user's note hides entity's.
	want := []string{"id:Edm.String", "note:Edm.Int32", "displayName:Edm.String", "age:Edm.Int64",
		"tags:Collection(Edm.String)", "favorite:microsoft.graph.color", "home:microsoft.graph.address",
		"manager:microsoft.graph.user", "friends:Collection(microsoft.graph.user)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AllProperties(user) =\n%v\nwant\n%v", got, want)
	}
	home := s.Type("microsoft.graph.homeAddress")
	if all := s.AllProperties(home); len(all) != 2 || all[0].Name != "street" || all[1].Name != "floor" {
		t.Errorf("AllProperties(homeAddress) = %v", all)
	}
}

func TestInheritanceCycle(t *testing.T) {
	const doc = `<Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
	<ComplexType Name="a" BaseType="ns.b"><Property Name="x" Type="Edm.String"/></ComplexType>
	<ComplexType Name="b" BaseType="ns.a"><Property Name="y" Type="Edm.String"/></ComplexType>
	<ComplexType Name="c" BaseType="ns.missing"/>
</Schema>`
	s, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if all := s.AllProperties(s.Type("ns.a")); len(all) != 2 {
		t.Errorf("AllProperties on a cycle = %v", all)
	}
	if b := s.Bases(s.Type("ns.c")); len(b) != 0 {
		t.Errorf("Bases with an undeclared base = %v", b)
	}
}

func TestReadEnumsOperationsContainer(t *testing.T) {
	s := readSample(t)
	color := s.Enum("microsoft.graph.COLOR")
	if color == nil || !color.Flags || !reflect.DeepEqual(color.Members, []EnumMember{{"red", "1"}, {"green", "2"}}) {
		t.Errorf("color = %+v", color)
	}
	if e := s.Enum("microsoft.graph.callRecords.callType"); e == nil || len(e.Members) != 1 || e.Flags {
		t.Errorf("callType = %+v", e)
	}
	if s.Enum("microsoft.graph.user") != nil || s.Type("microsoft.graph.color") != nil {
		t.Error("enums and structured types are looked up separately")
	}

	if len(s.Operations) != 2 {
		t.Fatalf("%d operations, want 2", len(s.Operations))
	}
	inv, delta := s.Operations[0], s.Operations[1]
	if inv.Kind != Action || !inv.Bound || inv.Composable || inv.ReturnType != "Collection(microsoft.graph.user)" ||
		len(inv.Parameters) != 2 || inv.Parameters[0].Type != "microsoft.graph.user" || inv.Parameters[0].Nullable ||
		inv.Parameters[1].Type != "Collection(microsoft.graph.user)" || !inv.Parameters[1].Nullable {
		t.Errorf("invite = %+v", inv)
	}
	if delta.Kind != Function || !delta.Composable || delta.Namespace != "microsoft.graph" {
		t.Errorf("delta = %+v", delta)
	}

	if len(s.Containers) != 1 {
		t.Fatalf("%d containers", len(s.Containers))
	}
	c := s.Containers[0]
	if c.Name != "GraphService" || len(c.EntitySets) != 1 || c.EntitySets[0].Type != "microsoft.graph.user" ||
		len(c.Singletons) != 1 || c.Singletons[0].Name != "me" || c.Singletons[0].Type != "microsoft.graph.user" {
		t.Errorf("container = %+v", c)
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`<Schema Namespace="ns"><EntityType Name="a">`, "unexpected EOF"},
		{`<edmx:Edmx xmlns:edmx="x"/>`, "no Schema element"},
		{``, "no Schema element"},
		{`<Schema><EntityType Name="a"/></Schema>`, "Schema has no Namespace"},
		{"<Schema Namespace=\"ns\">\n<EntityType/>\n</Schema>", "line 2: EntityType has no Name"},
		{`<Schema Namespace="ns"><EntityType Name="a"></ComplexType></Schema>`, "element <EntityType> closed by </ComplexType>"},
	} {
		_, err := Read(strings.NewReader(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Read(%q) error = %v, want one containing %q", c.doc, err, c.want)
		}
	}
	if _, err := ReadFile("testdata/no-such-file.csdl"); err == nil {
		t.Error("ReadFile of a missing file succeeded")
	}
}

func TestSplitCollection(t *testing.T) {
	for in, want := range map[string]struct {
		elem string
		coll bool
	}{
		"Edm.String":                    {"Edm.String", false},
		"Collection(Edm.String)":        {"Edm.String", true},
		"Collection(microsoft.graph.x)": {"microsoft.graph.x", true},
		"Collection(":                   {"Collection(", false},
	} {
		if elem, coll := SplitCollection(in); elem != want.elem || coll != want.coll {
			t.Errorf("SplitCollection(%q) = %q, %v", in, elem, coll)
		}
	}
}
