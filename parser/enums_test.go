package parser

import (
	"reflect"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// enumNames renders enums as "qualified.name(source): member member".
func enumNames(es []*model.Enum) []string {
	var out []string
	for _, e := range es {
		var ms []string
		for _, m := range e.Members {
			ms = append(ms, m.Name)
		}
		out = append(out, e.QualifiedName()+"("+string(e.Source)+"): "+strings.Join(ms, " "))
	}
	return out
}

func TestEnumPage(t *testing.T) {
	src := lines(
		"---",
		`title: "Enum values"`,
		"doc_type: enumPageType",
		"---",
		"# Enum values", // 5
		"",
		"Namespace: microsoft.graph.callRecords",
		"",
		"### callType values", // 9
		"",
		"|Member|", // 11
		"|:---|",
		"|unknown|", // 13
		"|groupCall|",
		"|`peerToPeer`|",
		"",
		"### modality values ",
		"",
		"| Member | Value | Description |",
		"|:--|:--|:--|",
		"| audio | 0 | Audio. |",
		"| video | 1 | Video. |",
		"| audio | 2 | Again. |", // 23: twice
		"",
		"#### mediaDirection values",
		"",
		"| Value | Description |", // 27
		"|:--|:--|",
		"| inactive | Off. |",
		"| two way | Both. |", // 30: not a name
		"",
		"Some prose and a table no heading names:",
		"",
		"| Member |",
		"|:--|",
		"| x |",
	)
	res, ds := parsePage(t, src)
	if res.Page.Kind != model.PageEnum {
		t.Errorf("Kind = %q, want enum", res.Page.Kind)
	}
	want := []string{
		"microsoft.graph.callRecords.callType(enum table): unknown groupCall peerToPeer",
		"microsoft.graph.callRecords.modality(enum table): audio video",
		"microsoft.graph.callRecords.mediaDirection(enum table): inactive",
	}
	if got := enumNames(res.Enums); !reflect.DeepEqual(got, want) {
		t.Errorf("enums\n got %q\nwant %q", got, want)
	}
	if e := res.Enums[0]; e.Pos.Line != 11 || e.Members[0].Pos.Line != 13 {
		t.Errorf("callType at line %d, first member at %d; want 11 and 13", e.Pos.Line, e.Members[0].Pos.Line)
	}
	if d := res.Enums[1].Members[1].Doc; d != "Video." {
		t.Errorf("video.Doc = %q, want Video.", d)
	}
	checkDiags(t, pageFile, ds, []wantDiag{
		{23, diag.Warning, "enum", []string{"modality", "audio", "twice"}},
		{30, diag.Warning, "enum", []string{"mediaDirection", `"two way"`, "not a name"}},
		{34, diag.Warning, "enum", []string{"names no enum"}},
	})
}

// A page documenting one enum names it in its heading, not in its
// front matter's title, which is sometimes "Members".
func TestSingleEnumPage(t *testing.T) {
	src := lines(
		"---",
		`title: "Members"`,
		"doc_type: enumPageType",
		"---",
		"# teamVisibilityType enum type",
		"",
		"Namespace: microsoft.graph",
		"",
		"Describes the visibility of a [team](../resources/team.md).",
		"",
		"## Members",
		"| Member | Value| Description |",
		"|:---|:---|:---|",
		"|private|0|Owners add members.|",
		"|public|1|Anyone can join.|",
	)
	res, ds := parsePage(t, src)
	if len(ds) != 0 {
		t.Errorf("want no diagnostics, got:\n%s", formatDiags(ds))
	}
	if got, want := enumNames(res.Enums), []string{"microsoft.graph.teamVisibilityType(enum table): private public"}; !reflect.DeepEqual(got, want) {
		t.Errorf("enums = %q, want %q", got, want)
	}
}

// Enums resolve across pages: a Type cell naming an enum, in any case,
// takes its qualified name; a member table on a resource page defines its
// enum only when a Type cell names it; "Possible values are" defines the
// enum of a type nothing else documents, but never turns a String into one.
func TestParseResolvesEnums(t *testing.T) {
	enums := lines(
		"---", "doc_type: enumPageType", "---",
		"# Enum values",
		"### widgetColor values",
		"|Member|", "|:--|", "|red|", "|blue|",
		"### widgetSize values", // 10
		"|Member|", "|:--|", "|small|",
	)
	dup := lines(
		"---", "doc_type: enumPageType", "---",
		"# widgetSize enum type",
		"## Members",
		"|Member|Value|Description|", // 6
		"|:--|:--|:--|", "|large|0|x|",
	)
	widget := lines(
		"---", "doc_type: resourcePageType", "---",
		"# widget resource type",
		"## Properties",
		"|Property|Type|Description|",
		"|:--|:--|:--|",
		"|color|WidgetColor|The color.|", // 8: case differs
		"|size|[widgetSize](enums.md#widgetsize-values)|The size.|",                                  // 9
		"|shape|widgetShape|The shape. Possible values are: `round`, `square`. Default is `round`.|", // 10
		"|shade|widgetShade|Possible values are `dark` and `light`.|",                                // 11
		"|mood|String|Possible values are: `happy`, `sad`.|",                                         // 12
		"|kind|widgetKind|The kind.|",                                                                // 13
		"|grade|widgetGrade|Possible values are: `a`, `b`.|",                                         // 14: documented below
		"|note|noteStyle|The note style.|",                                                           // 15: a page documents it
		"|scope|widgetScope|Possible values are **All**, **Selected** or **None**.|",                 // 16
		"",
		"### widgetKind values",
		"|Member|Description|", "|:--|:--|", "|plain|x|", "|fancy|y|",
		"",
		"### widgetGrade values",
		"|Value|Description|", "|:--|:--|", "|gradeA|x|",
		"",
		"### sortOrder values", // a value list no Type cell names
		"|Value|Description|", "|:--|:--|", "|asc|x|",
	)
	get := lines(
		"---", "doc_type: apiPageType", "---",
		"# Get widgets by color",
		"## HTTP request",
		"```http",
		"GET /widgets/byColor(color='{color}')",
		"```",
		"## Function parameters",
		"|Parameter|Type|Description|", "|:--|:--|:--|", "|color|WIDGETCOLOR|x|",
		"## Response",
		"If successful, this method returns a `200 OK` response code.",
	)
	noteStyle := lines("---", "doc_type: resourcePageType", "---", "# noteStyle resource type", "## Properties", "|Property|Type|Description|", "|-|-|-|", "|font|String|Possible values are: `serif`.|")
	var d diag.List
	api := Parse([]Source{
		{Path: "docs/api/widget-bycolor.md", Data: []byte(get)},
		{Path: "docs/resources/enums.md", Data: []byte(enums)},
		{Path: "docs/resources/notestyle.md", Data: []byte(noteStyle)},
		{Path: "docs/resources/widget.md", Data: []byte(widget)},
		{Path: "docs/resources/widgetsize.md", Data: []byte(dup)},
	}, &d)
	want := []string{
		"microsoft.graph.widgetColor(enum table): red blue",
		"microsoft.graph.widgetGrade(enum table): gradeA",
		"microsoft.graph.widgetKind(enum table): plain fancy",
		"microsoft.graph.widgetScope(property description): All Selected None",
		"microsoft.graph.widgetShade(property description): dark light",
		"microsoft.graph.widgetShape(property description): round square",
		"microsoft.graph.widgetSize(enum table): small",
	}
	if got := enumNames(api.Enums); !reflect.DeepEqual(got, want) {
		t.Errorf("enums\n got %q\nwant %q", got, want)
	}
	var w *model.Type
	for _, ty := range api.Types {
		if ty.Name == "widget" {
			w = ty
		}
	}
	if w == nil {
		t.Fatal("no widget type")
	}
	var types []string
	for _, p := range w.Properties {
		types = append(types, p.Name+" "+p.Type.String())
	}
	wantTypes := []string{
		"color microsoft.graph.widgetColor",
		"size microsoft.graph.widgetSize",
		"shape microsoft.graph.widgetShape",
		"shade microsoft.graph.widgetShade",
		"mood Edm.String",
		"kind microsoft.graph.widgetKind",
		"grade microsoft.graph.widgetGrade",
		"note microsoft.graph.noteStyle",
		"scope microsoft.graph.widgetScope",
	}
	if !reflect.DeepEqual(types, wantTypes) {
		t.Errorf("property types\n got %q\nwant %q", types, wantTypes)
	}
	if got := api.Operations[0].PathParams[0].Type.Name; got != "microsoft.graph.widgetColor" {
		t.Errorf("parameter color is %s, want microsoft.graph.widgetColor", got)
	}
	if e := api.Enums[5]; e.Pos != (model.Pos{File: "docs/resources/widget.md", Line: 10}) {
		t.Errorf("widgetShape at %s, want the property's line", e.Pos)
	}
	checkDiags(t, "docs/resources/widgetsize.md", d.Sorted(), []wantDiag{
		{6, diag.Warning, "duplicate", []string{"enum microsoft.graph.widgetSize", "docs/resources/enums.md:11", "first wins"}},
	})
}
