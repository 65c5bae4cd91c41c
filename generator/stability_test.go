package generator

import (
	"testing"

	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
)

// TestNamesAreStable checks that adding a page renames nothing that was
// already generated: names are claimed in a fixed order (types by qualified
// name, then operations by page), so a newcomer that wants a taken name and
// sorts after its holder yields to it. Nor does it move an operations file
// to another package, or rename its package's parts.
func TestNamesAreStable(t *testing.T) {
	src, err := parser.ReadDir("testdata/docs")
	if err != nil {
		t.Fatal(err)
	}
	before := goNames(t, src)
	// A page whose type and operation want names already taken.
	extra := parser.Source{Path: "docs/resources/zwidget.md", Data: []byte(`---
doc_type: resourcePageType
---
# widget_owner resource type

Namespace: microsoft.graph

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widget_owner" } -->
` + "```json\n{}\n```\n" + `
## Properties

| Property | Type | Description |
|:--|:--|:--|
| id | String | An id. |
| ID | String | The same name in other case. |
`)}
	// The testdata's operations files are few: one package, named after
	// the first.
	if got := before["area of widget_operations.go"]; got != "internal/security Security" {
		t.Errorf("widget_operations.go is in %q, want internal/security, whose parts are named Security", got)
	}
	after := goNames(t, append(src, extra))
	for key, name := range before {
		if after[key] != name {
			t.Errorf("%s was %s, is %s after adding an unrelated page", key, name, after[key])
		}
	}
	if got := after["type microsoft.graph.widget_owner"]; got != "WidgetOwner2" {
		t.Errorf("the new type that wants WidgetOwner is named %q, want WidgetOwner2", got)
	}
}

func goNames(t *testing.T, src []parser.Source) map[string]string {
	t.Helper()
	var d diag.List
	api := parser.Parse(src, &d)
	p := buildPlan(api, Options{Package: "widgets", ImportPath: "example.com/widgets"}, &d)
	n := p.names
	out := map[string]string{}
	for q, name := range n.types {
		out["type "+q] = name
	}
	for op, name := range n.ops {
		out["operation "+op.Pos.File] = name
	}
	for p, name := range n.fields {
		out["field "+p.Pos.String()+" "+p.Name] = name
	}
	// The packages the operations files are in, and the names of their
	// parts, which the root package's Client and UnimplementedServer embed.
	for _, a := range p.areas {
		for _, f := range a.files {
			out["area of "+f.name] = a.dir + " " + a.goName
		}
	}
	return out
}
