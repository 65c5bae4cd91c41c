package parser

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// pageFile is the stable path the inline pages are parsed under.
const pageFile = "docs/api/page.md"

// parsePage runs ParsePage on an inline page and returns the sorted
// diagnostics with it.
func parsePage(t *testing.T, src string) (*PageResult, []diag.Diagnostic) {
	t.Helper()
	var d diag.List
	res := ParsePage(pageFile, []byte(src), &d)
	if res == nil || res.Page == nil {
		t.Fatal("ParsePage returned no page")
	}
	return res, d.Sorted()
}

// lines joins page lines with "\n", so that a page reads top to bottom in
// the source with its line numbers easy to count.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// methodPage is a small, complete method page. Its line numbers are asserted
// below; keep the comments in step when editing it.
var methodPage = lines(
	"---", // 1
	`title: "Get widget"`,
	`description: "Read a widget."`,
	"doc_type: apiPageType",
	"---", // 5
	"",
	"# Get widget", // 7
	"",
	"Namespace: microsoft.graph", // 9
	"",
	"## Permissions", // 11
	"|Permission type|Permissions (from least to most privileged)|",
	"|:---|:---|",
	"|Delegated (work or school account)|Widget.Read, Widget.ReadWrite.All|", // 14
	"|Delegated (personal Microsoft account)|Not supported.|",                // 15
	"|Application|`Widget.Read.All`|",                                        // 16
	"",
	"## HTTP request", // 18
	`<!-- { "blockType": "ignored" } -->`,
	"```http",
	"GET /widgets/{id}",                 // 21
	"GET /me/widgets/{id}?$select=name", // 22
	"```",
	"",
	"## Optional query parameters", // 25
	"|Name|Description|",
	"|:---|:---|",
	"|$select|Selects properties.|", // 28
	"",
	"## Request headers", // 30
	"|Name|Description|",
	"|:---|:---|",
	"|Authorization|Bearer {token}. Required.|", // 33
	"|Prefer|Optional.|",                        // 34
	"",
	"## Response", // 36
	"If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.", // 37
	"",
	"## Example",  // 39
	"### Request", // 40
	"<!-- {",      // 41
	`  "blockType": "request",`,
	`  "name": "get_widget"`,
	"}-->",
	"```http",
	"GET https://graph.microsoft.com/v1.0/widgets/1", // 46
	"```",
	"",
	"### Response", // 49
	"<!-- {",       // 50
	`  "blockType": "response",`,
	`  "@odata.type": "microsoft.graph.widget"`,
	"} -->",
	"```http",
	"HTTP/1.1 200 OK", // 55
	"Content-Type: application/json",
	"",
	"{",
	`  "id": "1",`,
	`  "name": "Left-handed"`,
	"}",
	"```",
)

func TestMethodPage(t *testing.T) {
	res, ds := parsePage(t, methodPage)
	if len(ds) != 0 {
		t.Errorf("want no diagnostics, got:\n%s", formatDiags(ds))
	}
	checkMethodPage(t, res)
}

// checkMethodPage asserts everything methodPage says, line numbers included.
func checkMethodPage(t *testing.T, res *PageResult) {
	t.Helper()
	pos := func(line int) model.Pos { return model.Pos{File: pageFile, Line: line} }
	want := &model.Page{Pos: pos(7), Kind: model.PageMethod, Title: "Get widget", Description: "Read a widget.", Namespace: "microsoft.graph"}
	if !reflect.DeepEqual(res.Page, want) {
		t.Errorf("Page = %+v, want %+v", res.Page, want)
	}
	op := res.Operation
	if op == nil {
		t.Fatal("Operation is nil")
	}
	if op.Method != "GET" || op.Title != "Get widget" || op.Doc != "Read a widget." || op.Pos != pos(7) {
		t.Errorf("Operation = %s %q %q at %s", op.Method, op.Title, op.Doc, op.Pos)
	}

	var routes []string
	for _, r := range op.Routes {
		routes = append(routes, r.Pos.String()+" "+r.Path)
	}
	if want := []string{pos(21).String() + " /widgets/{id}", pos(22).String() + " /me/widgets/{id}"}; !reflect.DeepEqual(routes, want) {
		t.Errorf("routes = %q, want %q (query strings dropped)", routes, want)
	}

	wantPerms := []model.Permission{
		{Pos: pos(14), Kind: model.DelegatedWork, Sets: [][]string{{"Widget.Read"}, {"Widget.ReadWrite.All"}}, Supported: true},
		{Pos: pos(15), Kind: model.DelegatedPersonal},
		{Pos: pos(16), Kind: model.Application, Sets: [][]string{{"Widget.Read.All"}}, Supported: true},
	}
	if len(op.Permissions) != len(wantPerms) {
		t.Fatalf("got %d permissions, want %d", len(op.Permissions), len(wantPerms))
	}
	for i, w := range wantPerms {
		if got := *op.Permissions[i]; !reflect.DeepEqual(got, w) {
			t.Errorf("permission %d = %+v, want %+v", i, got, w)
		}
	}

	wantQuery := []model.Parameter{{Pos: pos(28), Name: "$select", Doc: "Selects properties."}}
	wantHeaders := []model.Parameter{
		{Pos: pos(33), Name: "Authorization", Doc: "Bearer {token}. Required.", Required: true},
		{Pos: pos(34), Name: "Prefer", Doc: "Optional."},
	}
	for _, c := range []struct {
		what      string
		got       []*model.Parameter
		wantParam []model.Parameter
	}{{"Query", op.Query, wantQuery}, {"Headers", op.Headers, wantHeaders}} {
		if len(c.got) != len(c.wantParam) {
			t.Errorf("%s: got %d parameters, want %d", c.what, len(c.got), len(c.wantParam))
			continue
		}
		for i, w := range c.wantParam {
			if got := *c.got[i]; !reflect.DeepEqual(got, w) {
				t.Errorf("%s[%d] = %+v, want %+v", c.what, i, got, w)
			}
		}
	}

	if op.Body != nil {
		t.Errorf("Body = %+v, want nil (no request body documented)", op.Body)
	}
	if op.Response.Status != 200 || op.Response.Pos != pos(37) || op.Response.Type == nil || *op.Response.Type != (model.TypeRef{Name: "microsoft.graph.widget"}) {
		t.Errorf("Response = %d %v at %s, want 200 microsoft.graph.widget at line 37", op.Response.Status, op.Response.Type, op.Response.Pos)
	}

	if len(op.Examples) != 1 {
		t.Fatalf("got %d examples, want 1", len(op.Examples))
	}
	ex := op.Examples[0]
	if ex.Name != "get_widget" || ex.Pos != pos(41) {
		t.Errorf("example %q at %s, want get_widget at line 41", ex.Name, ex.Pos)
	}
	if ex.Request.Pos != pos(46) || ex.Request.Path != "/widgets/1" || ex.Request.Method != "GET" {
		t.Errorf("request %s %s at %s, want GET /widgets/1 at line 46", ex.Request.Method, ex.Request.Path, ex.Request.Pos)
	}
	if ex.Response == nil {
		t.Fatal("the response example is not paired with the request")
	}
	if ex.Response.Pos != pos(55) || ex.Response.Status != 200 || ex.Response.ODataType != "microsoft.graph.widget" {
		t.Errorf("response %d %q at %s, want 200 microsoft.graph.widget at line 55", ex.Response.Status, ex.Response.ODataType, ex.Response.Pos)
	}
	if want := "{\n  \"id\": \"1\",\n  \"name\": \"Left-handed\"\n}"; ex.Response.Body != want {
		t.Errorf("response body = %q, want %q", ex.Response.Body, want)
	}
}

// Line endings and a byte-order mark change bytes, never line numbers.
func TestLineEndingsAndBOM(t *testing.T) {
	bom := "\xef\xbb\xbf"
	variants := []struct{ name, src string }{
		{"CRLF", strings.ReplaceAll(methodPage, "\n", "\r\n")},
		{"CR", strings.ReplaceAll(methodPage, "\n", "\r")},
		{"BOM", bom + methodPage},
		{"BOM+CRLF", bom + strings.ReplaceAll(methodPage, "\n", "\r\n")},
		{"mixed", strings.Replace(strings.ReplaceAll(methodPage, "\n", "\r\n"), "\r\n", "\n", 20)},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			res, ds := parsePage(t, v.src)
			if len(ds) != 0 {
				t.Errorf("want no diagnostics, got:\n%s", formatDiags(ds))
			}
			checkMethodPage(t, res)
		})
	}
}

// The NUL's line is counted in the raw bytes, BOM and CRLF included.
func TestNULLineWithBOMAndCRLF(t *testing.T) {
	src := "\xef\xbb\xbf# Title\r\n\r\nsome\x00text\r\n"
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{{3, diag.Error, "encoding", []string{"NUL"}}})
	if res.Operation != nil || res.Type != nil {
		t.Error("a page with a NUL byte must be skipped")
	}
}

// A lone "\r" ends a line, as it does for goldmark, so the NUL is on line 3.
func TestNULLineWithCR(t *testing.T) {
	_, ds := parsePage(t, "# Title\r\rsome\x00text\r")
	checkDiags(t, pageFile, ds, []wantDiag{{3, diag.Error, "encoding", []string{"NUL"}}})
}

func TestNULByteSkipsThePage(t *testing.T) {
	src := lines(
		"---",
		"doc_type: apiPageType",
		"---",
		"# Get widget",
		"## HTTP request",
		"```http",
		"GET /widgets\x00", // 7
		"```",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{{7, diag.Error, "encoding", []string{"NUL", "skipped"}}})
	if res.Operation != nil || res.Type != nil || len(res.Enums) != 0 {
		t.Errorf("a page with a NUL byte must be skipped, got Operation %v Type %v", res.Operation, res.Type)
	}
	if res.Page.Pos.File != pageFile {
		t.Errorf("Page.Pos.File = %q, want %q", res.Page.Pos.File, pageFile)
	}
}

func TestInvalidUTF8IsRepaired(t *testing.T) {
	src := lines(
		"---",
		"doc_type: resourcePageType",
		"---",
		"# widget resource type",
		"",
		"## Properties",
		"|Property|Type|Description|",
		"|:---|:---|:---|",
		"|id|String|The id.|",
		"|name|String|Caf\xe9 name.|", // 10: Latin-1, not UTF-8
		"|size|Int64|Bad \xff\xfe bytes.|",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{{10, diag.Warning, "encoding", []string{"UTF-8"}}})
	if res.Type == nil {
		t.Fatal("the page was not parsed")
	}
	var names []string
	for _, p := range res.Type.Properties {
		names = append(names, p.Name)
	}
	if !reflect.DeepEqual(names, []string{"id", "name", "size"}) {
		t.Fatalf("properties = %v, want [id name size]", names)
	}
	if got := res.Type.Properties[1].Doc; got != "Caf\uFFFD name." {
		t.Errorf("name.Doc = %q, want the bad byte replaced by U+FFFD", got)
	}
	if got := res.Type.Properties[2].Pos.Line; got != 11 {
		t.Errorf("size is on line %d, want 11", got)
	}
}

// resourceTable wraps rows in a resource page's Properties table; the first
// row is on line 10.
func resourceTable(rows ...string) string {
	return lines(append([]string{
		"---",
		"doc_type: resourcePageType",
		"---",
		"# widget resource type",
		"",
		"## Properties",
		"",
		"| Property | Type | Description |",
		"|:--|:--|:--|",
	}, rows...)...)
}

func TestTableRowCellCounts(t *testing.T) {
	res, ds := parsePage(t, resourceTable(
		"| id | String | The id. |",                 // 10
		"| name | String |",                         // 11: a cell short
		"| size | Int64 | Bytes. | extra |",         // 12: a cell over
		`| note | String | a \| b |`,                // 13: escaped pipe, fine
		"| kind | `String` | x |",                   // 14
		"tags | String collection | no outer pipes", // 15
	))
	checkDiags(t, pageFile, ds, []wantDiag{
		{11, diag.Warning, "table", []string{"2 of the table's 3 cells"}},
		{12, diag.Warning, "table", []string{"4 cells", "has 3"}},
	})
	if res.Type == nil {
		t.Fatal("no type")
	}
	want := []struct{ name, typ, doc string }{
		{"id", "Edm.String", "The id."},
		{"name", "Edm.String", ""},
		{"size", "Edm.Int64", "Bytes."},
		{"note", "Edm.String", "*"}, // see TestCellTextUnescapes
		{"kind", "Edm.String", "x"},
		{"tags", "Collection(Edm.String)", "no outer pipes"},
	}
	props := res.Type.Properties
	if len(props) != len(want) {
		t.Fatalf("got %d properties, want %d", len(props), len(want))
	}
	for i, w := range want {
		p := props[i]
		if p.Name != w.name || p.Type.String() != w.typ || (w.doc != "*" && p.Doc != w.doc) || p.Pos.Line != 10+i {
			t.Errorf("property %d = %s %s %q line %d, want %s %s %q line %d", i, p.Name, p.Type, p.Doc, p.Pos.Line, w.name, w.typ, w.doc, 10+i)
		}
	}
}

// Cell text is plain text: backslash escapes such as "\|" and "\[" are
// markdown, not content, and are gone from a property's Doc.
func TestCellTextUnescapes(t *testing.T) {
	res, _ := parsePage(t, resourceTable(
		`| note | String | a \| b |`,
		`| flag | Boolean | \[Deprecated\] Set it to \*true\*. |`,
	))
	if res.Type == nil || len(res.Type.Properties) != 2 {
		t.Fatalf("want two properties, got %+v", res.Type)
	}
	for i, want := range []string{"a | b", "[Deprecated] Set it to *true*."} {
		if got := res.Type.Properties[i].Doc; got != want {
			t.Errorf("%s.Doc = %q, want %q", res.Type.Properties[i].Name, got, want)
		}
	}
}

// GFM splits a row at every unescaped pipe, inside code spans too, so such
// a row loses cells; that must be reported like any other extra cell.
func TestTablePipeInCodeSpan(t *testing.T) {
	_, ds := parsePage(t, resourceTable(
		"| id | String | The id. |",
		"| name | String | Must not contain `|` or `;`. |", // 11
	))
	checkDiags(t, pageFile, ds, []wantDiag{{11, diag.Warning, "table", []string{"4 cells", "has 3"}}})
}

// Bold section rows ("| **App role assignments** | | |") carry no type and
// are passed over without a diagnostic.
func TestTableBoldSectionRow(t *testing.T) {
	res, ds := parsePage(t, resourceTable(
		"| **App role assignments** | | |",
		"| id | String | The id. |",
	))
	if len(ds) != 0 {
		t.Errorf("want no diagnostics, got:\n%s", formatDiags(ds))
	}
	if res.Type == nil || len(res.Type.Properties) != 1 || res.Type.Properties[0].Name != "id" {
		t.Errorf("want the single property id, got %+v", res.Type)
	}
}

func TestResourcePage(t *testing.T) {
	src := lines(
		"---",
		"title: widget resource type",
		"description: A widget on a shelf.",
		"doc_type: resourcePageType",
		"---", // 5
		"",
		"# widget resource type", // 7
		"",
		"Namespace: microsoft.graph",
		"",
		"A widget on a shelf.",
		"",
		"Inherits from [entity](entity.md).", // 13
		"",
		"## Properties", // 15
		"| Property | Type | Description |",
		"|:--|:--|:--|",
		"| id | String | The id. Inherited from [entity](entity.md). |", // 18
		"| name (deprecated) | String | The name. |",                    // 19
		"| size | Int64 | Bytes. |",                                     // 20
		"| owner@odata.bind | String | Bind only. |",                    // 21
		"",
		"## Relationships", // 23
		"| Relationship | Type | Description |",
		"|:--|:--|:--|",
		"| owner | [widgetOwner](widgetowner.md) | The owner. |", // 26
		"| parts | [part](part.md) collection | The parts. |",    // 27
		"",
		"## JSON representation",
		`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widget", "keyProperty": "id", "openType": true, "baseType": "microsoft.graph.entity" } -->`,
		"```json",
		`{ "id": "String" }`,
		"```",
	)
	res, ds := parsePage(t, src)
	if len(ds) != 0 {
		t.Errorf("want no diagnostics, got:\n%s", formatDiags(ds))
	}
	if res.Page.Kind != model.PageResource || res.Operation != nil {
		t.Errorf("Page.Kind = %q, Operation = %v; want a resource page with no operation", res.Page.Kind, res.Operation)
	}
	ty := res.Type
	if ty == nil {
		t.Fatal("Type is nil")
	}
	if ty.Name != "widget" || ty.Namespace != "microsoft.graph" || ty.Pos != (model.Pos{File: pageFile, Line: 7}) {
		t.Errorf("type %s at %s, want microsoft.graph.widget at line 7", ty.QualifiedName(), ty.Pos)
	}
	if ty.BaseType != "microsoft.graph.entity" || res.BaseLink != "entity.md" {
		t.Errorf("BaseType %q BaseLink %q, want microsoft.graph.entity and entity.md", ty.BaseType, res.BaseLink)
	}
	if ty.Key != "id" || !ty.OpenType || ty.Abstract {
		t.Errorf("Key/OpenType/Abstract = %q/%v/%v, want id/true/false", ty.Key, ty.OpenType, ty.Abstract)
	}
	if ty.Source != model.FromResourcePage {
		t.Errorf("Source = %q, want %q", ty.Source, model.FromResourcePage)
	}
	if ty.Doc != "A widget on a shelf." {
		t.Errorf("Doc = %q", ty.Doc)
	}
	want := []struct {
		name, typ, link string
		line            int
		nav             bool
	}{
		{"id", "Edm.String", "", 18, false},
		{"name", "Edm.String", "", 19, false},
		{"size", "Edm.Int64", "", 20, false},
		{"owner@odata.bind", "Edm.String", "", 21, false},
		{"owner", "microsoft.graph.widgetOwner", "widgetowner.md", 26, true},
		{"parts", "Collection(microsoft.graph.part)", "part.md", 27, true},
	}
	if len(ty.Properties) != len(want) {
		t.Fatalf("got %d properties, want %d", len(ty.Properties), len(want))
	}
	for i, w := range want {
		p := ty.Properties[i]
		if p.Name != w.name || p.Type.String() != w.typ || p.Pos.Line != w.line || p.Navigation != w.nav || res.Links[p] != w.link {
			t.Errorf("property %d = %s %s line %d nav %v link %q; want %s %s line %d nav %v link %q",
				i, p.Name, p.Type, p.Pos.Line, p.Navigation, res.Links[p], w.name, w.typ, w.line, w.nav, w.link)
		}
	}
}

func TestResourcePageSubNamespace(t *testing.T) {
	src := lines(
		"---",
		"doc_type: resourcePageType",
		"---",
		"# session resource type",
		"",
		"Namespace: microsoft.graph.callRecords",
		"",
		"## Properties",
		"| Property | Type | Description |",
		"|:--|:--|:--|",
		"| modalities | [modality](callrecords-modality.md) collection | x |",
		"| caller | [microsoft.graph.identitySet](identityset.md) | x |",
		"| startDateTime | DateTimeOffset | x |",
	)
	res, _ := parsePage(t, src)
	if res.Page.Namespace != "microsoft.graph.callRecords" {
		t.Errorf("Page.Namespace = %q", res.Page.Namespace)
	}
	if res.Type == nil || res.Type.QualifiedName() != "microsoft.graph.callRecords.session" {
		t.Fatalf("type = %+v, want microsoft.graph.callRecords.session", res.Type)
	}
	var got []string
	for _, p := range res.Type.Properties {
		got = append(got, p.Type.String())
	}
	want := []string{"Collection(microsoft.graph.callRecords.modality)", "microsoft.graph.identitySet", "Edm.DateTimeOffset"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("property types = %v, want %v", got, want)
	}
}

// Real pages put the summary right under the namespace line, in the same
// paragraph: "Namespace: microsoft.graph\nRepresents information about...".
func TestNamespaceLineFollowedByText(t *testing.T) {
	src := lines(
		"---",
		"doc_type: resourcePageType",
		"---",
		"# riskDetection resource type",
		"",
		"Namespace: microsoft.graph",
		"Represents information about a detected risk.",
		"",
		"## Properties",
		"| Property | Type | Description |",
		"|:--|:--|:--|",
		"| riskLevel | riskLevel | x |",
	)
	res, _ := parsePage(t, src)
	if res.Page.Namespace != "microsoft.graph" {
		t.Errorf("Page.Namespace = %q, want microsoft.graph", res.Page.Namespace)
	}
	if res.Type == nil || res.Type.QualifiedName() != "microsoft.graph.riskDetection" {
		t.Fatalf("type = %+v, want microsoft.graph.riskDetection", res.Type)
	}
	if got := res.Type.Properties[0].Type.Name; got != "microsoft.graph.riskLevel" {
		t.Errorf("riskLevel type = %q, want microsoft.graph.riskLevel", got)
	}
}

// "Represents an application. Inherits from [directoryObject](...)." is the
// usual wording on pages such as application.md and serviceprincipal.md.
func TestInheritsFromMidParagraph(t *testing.T) {
	tests := []struct{ prose, base, link string }{
		{"Represents an application. See [Basics](/azure/basics). Inherits from [directoryObject](directoryobject.md).", "microsoft.graph.directoryObject", "directoryobject.md"},
		{"Derived from [place](place.md).", "microsoft.graph.place", "place.md"},
		{"The **drive** resource is derived from [**baseItem**](baseitem.md) and inherits properties from that resource.", "microsoft.graph.baseItem", "baseitem.md"},
		{"A subclass of [educationResource](educationresource.md) that represents a file.", "microsoft.graph.educationResource", "educationresource.md"},
		{"Represents a SRV record. Inherited from [DomainDnsRecord](domaindnsrecord.md) entity.", "microsoft.graph.DomainDnsRecord", "domaindnsrecord.md"},
		{"Inherits from base class [identityUserFlow](../resources/identityuserflow.md).", "microsoft.graph.identityUserFlow", "../resources/identityuserflow.md"},
		{"The following properties are inherited from **[baseItem][]**.\n\n[baseItem]: baseitem.md", "microsoft.graph.baseItem", "baseitem.md"},
		// A link that does not follow the phrase is no base type.
		{"The **extensions** property is derived from the [extension](extension.md) abstract type.", "", ""},
		{"Inherits from [the docs](https://example.com/docs).", "", ""},
	}
	for _, tc := range tests {
		src := lines(
			"---",
			"doc_type: resourcePageType",
			"---",
			"# application resource type",
			"",
			tc.prose,
			"",
			"## Properties",
			"| Property | Type | Description |",
			"|:--|:--|:--|",
			"| appId | String | x |",
		)
		res, _ := parsePage(t, src)
		if res.Type == nil || res.Type.BaseType != tc.base || res.BaseLink != tc.link {
			t.Errorf("%q: type = %+v, BaseLink %q; want base %q from %q", tc.prose, res.Type, res.BaseLink, tc.base, tc.link)
		}
	}
}

func TestAnnotationProblems(t *testing.T) {
	head := []string{
		"---", "doc_type: apiPageType", "---",
		"# Get widget", // 4
		"## HTTP request",
		"```http",
		"GET /widgets",
		"```",
		"## Response",
		"If successful, this method returns a `200 OK` response code.",
		"## Example", // 11
	}
	tests := []struct {
		name     string
		rest     []string // from line 12
		want     []wantDiag
		examples int
	}{
		{
			name: "followed by a heading",
			rest: []string{
				`<!-- { "blockType": "request", "name": "x" } -->`, // 12
				"### Request",
				"```http",
				"GET https://graph.microsoft.com/v1.0/widgets",
				"```",
			},
			want: []wantDiag{{12, diag.Warning, "annotation", []string{"heading"}}},
		},
		{
			name: "followed by a tab heading, prose and a blank line: fine",
			rest: []string{
				"# [HTTP](#tab/http)",
				`<!-- { "blockType": "request", "name": "x" } -->`,
				"Some prose between.",
				"",
				"```http",
				"GET https://graph.microsoft.com/v1.0/widgets",
				"```",
				"---",
			},
			want:     []wantDiag{{13, diag.Warning, "example", []string{`"x" has no response`}}},
			examples: 1,
		},
		{
			name: "followed by another annotation",
			rest: []string{
				`<!-- { "blockType": "request", "name": "x" } -->`, // 12
				"",
				`<!-- { "blockType": "request", "name": "y" } -->`, // 14
				"```http",
				"GET https://graph.microsoft.com/v1.0/widgets",
				"```",
			},
			want: []wantDiag{
				{12, diag.Warning, "annotation", []string{"not followed by a code block"}},
				{14, diag.Warning, "example", []string{`"y" has no response`}},
			},
			examples: 1,
		},
		{
			name: "at the end of the page",
			rest: []string{`<!-- { "blockType": "request", "name": "x" } -->`},
			want: []wantDiag{{12, diag.Warning, "annotation", []string{"not followed by a code block"}}},
		},
		{
			name: "not JSON",
			rest: []string{
				`<!-- { "blockType": "request", "name": } -->`, // 12
				"```http",
				"GET https://graph.microsoft.com/v1.0/widgets",
				"```",
			},
			want: []wantDiag{{12, diag.Warning, "annotation", []string{"not JSON"}}},
		},
		{
			name: "plain comments and page annotations are not reported",
			rest: []string{
				"<!-- markdownlint-disable MD041 -->",
				`<!-- { "type": "#page.annotation", "description": "Get widget" } -->`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ds := parsePage(t, lines(append(append([]string{}, head...), tc.rest...)...))
			checkDiags(t, pageFile, ds, tc.want)
			if res.Operation == nil {
				t.Fatal("Operation is nil")
			}
			if got := len(res.Operation.Examples); got != tc.examples {
				t.Errorf("got %d examples, want %d", got, tc.examples)
			}
		})
	}
}

func TestMissingDocTypeIsInferred(t *testing.T) {
	tests := []struct {
		name string
		src  string
		kind model.PageKind
	}{
		{
			name: "method",
			src:  lines("---", "title: Get widget", "---", "# Get widget", "## HTTP request", "```http", "GET /widgets", "```"),
			kind: model.PageMethod,
		},
		{
			name: "resource",
			src:  lines("# widget resource type", "## Properties", "|Property|Type|Description|", "|-|-|-|", "|id|String|x|"),
			kind: model.PageResource,
		},
		{
			name: "conceptual",
			src:  lines("# Overview", "", "Some words."),
			kind: model.PageConceptual,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ds := parsePage(t, tc.src)
			if res.Page.Kind != tc.kind {
				t.Errorf("Page.Kind = %q, want %q", res.Page.Kind, tc.kind)
			}
			var found bool
			for _, d := range ds {
				if d.Pos.Line == 1 && d.Category == "front-matter" && strings.Contains(d.Message, "no doc_type") && strings.Contains(d.Message, string(tc.kind)) {
					found = true
				}
			}
			if !found {
				t.Errorf("want a front-matter warning on line 1 naming the inferred kind; got:\n%s", formatDiags(ds))
			}
			if tc.kind == model.PageMethod && (res.Operation == nil || len(res.Operation.Routes) != 1) {
				t.Errorf("the inferred method page should keep its operation")
			}
			if tc.kind == model.PageResource && (res.Type == nil || res.Type.Name != "widget") {
				t.Errorf("the inferred resource page should keep its type")
			}
			if tc.kind == model.PageConceptual && (res.Operation != nil || res.Type != nil) {
				t.Errorf("a conceptual page yields neither operation nor type")
			}
		})
	}
}

func TestDocTypeSpellings(t *testing.T) {
	tests := []struct {
		docType string
		kind    model.PageKind
	}{
		{"apiPageType", model.PageMethod},
		{`"apiPageType"`, model.PageMethod},
		{`'apiPageType '`, model.PageMethod},
		{"APIPAGETYPE", model.PageMethod},
		{"resourcePageType", model.PageResource},
		{"resourcePageType_", model.PageResource},
		{`"resourcePageType "`, model.PageResource},
		{"enumPageType", model.PageEnum},
		{"conceptualPageType", model.PageConceptual},
	}
	for _, tc := range tests {
		src := lines("---", "title: x", "doc_type: "+tc.docType, "---", "# x")
		res, ds := parsePage(t, src)
		if res.Page.Kind != tc.kind {
			t.Errorf("doc_type %s: Kind = %q, want %q", tc.docType, res.Page.Kind, tc.kind)
		}
		for _, d := range ds {
			if d.Category == "front-matter" {
				t.Errorf("doc_type %s: unexpected %s", tc.docType, d.Message)
			}
		}
	}
}

func TestInvalidFrontMatter(t *testing.T) {
	src := lines("---", "title: [unclosed", "doc_type: apiPageType", "---", "# Get widget", "## HTTP request", "```http", "GET /widgets", "```")
	res, ds := parsePage(t, src)
	// The YAML error's line is counted from the front matter's first line.
	checkDiags(t, pageFile, ds, []wantDiag{
		{1, diag.Warning, "front-matter", []string{"no doc_type"}},
		{2, diag.Warning, "front-matter", []string{"not valid YAML: yaml: did not find expected ',' or ']'"}},
		{5, diag.Warning, "response", []string{"assumed 200"}},
	})
	if res.Page.Title != "Get widget" || res.Operation == nil {
		t.Errorf("the page should still be read: title %q, operation %v", res.Page.Title, res.Operation)
	}
	// A message that spans lines is joined into one: diagnostics are one
	// line each.
	_, ds = parsePage(t, lines("---", "00", "---", "# x"))
	checkDiags(t, pageFile, ds, []wantDiag{
		{1, diag.Warning, "front-matter", []string{"no doc_type"}},
		{2, diag.Warning, "front-matter", []string{"yaml: unmarshal errors: cannot unmarshal !!int `00`"}},
	})
}

func TestMethodPageWithoutSyntaxBlock(t *testing.T) {
	src := lines(
		"---",
		"doc_type: apiPageType",
		"---",
		"",
		"# Get widget", // 5
		"## Permissions",
		"|Permission type|Permissions (from least to most privileged)|",
		"|:---|:---|",
		"|Application|Widget.Read.All|",
		"## HTTP request",
		"Call it somehow.",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{{5, diag.Warning, "route", []string{"no HTTP request syntax block"}}})
	if res.Operation != nil {
		t.Errorf("Operation = %+v, want nil", res.Operation)
	}
	if res.Page.Kind != model.PageMethod || res.Page.Title != "Get widget" {
		t.Errorf("Page = %+v, want a method page titled Get widget", res.Page)
	}
}

func TestSyntaxBlockProblems(t *testing.T) {
	src := lines(
		"---", "doc_type: apiPageType", "---",
		"# Update widget",
		"## HTTP request",
		"```http", // 6
		"PATCH /widgets/{id}",
		"workbook-session-id: {session-id}", // 8
		"PUT /widgets/{id}",                 // 9
		"```",
		"## Response",
		"If successful, this method returns a `204 No Content` response code.",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{
		{8, diag.Warning, "route", []string{"workbook-session-id"}},
		{9, diag.Warning, "route", []string{"PUT", "PATCH"}},
	})
	if res.Operation == nil || len(res.Operation.Routes) != 1 || res.Operation.Method != "PATCH" {
		t.Fatalf("want one PATCH route, got %+v", res.Operation)
	}
	if res.Operation.Response.Status != 204 || res.Operation.Response.Type != nil {
		t.Errorf("Response = %d %v, want 204 with no type", res.Operation.Response.Status, res.Operation.Response.Type)
	}
}

// examplesPage builds a method page whose Example section is body; body
// starts on line 9.
func examplesPage(body ...string) string {
	return lines(append([]string{
		"---", "doc_type: apiPageType", "---",
		"# List widgets", // 4
		"## HTTP request",
		"```http",
		"GET /widgets",
		"```",
	}, body...)...)
}

func request(name, url string) []string {
	ann := `<!-- { "blockType": "request" } -->`
	if name != "" {
		ann = `<!-- { "blockType": "request", "name": "` + name + `" } -->`
	}
	return []string{ann, "```http", "GET https://graph.microsoft.com/v1.0" + url, "```"}
}

func response(names, body string) []string {
	ann := `<!-- { "blockType": "response" } -->`
	if names != "" {
		ann = `<!-- { "blockType": "response", "name": ` + names + ` } -->`
	}
	return []string{ann, "```http", "HTTP/1.1 200 OK", "", body, "```"}
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// pairs renders each example as "name url -> response body".
func pairs(op *model.Operation) []string {
	var out []string
	for _, ex := range op.Examples {
		s := ex.Name + " " + ex.Request.Path + " -> "
		if ex.Response != nil {
			s += ex.Response.Body
		}
		out = append(out, s)
	}
	return out
}

func TestExamplePairing(t *testing.T) {
	tests := []struct {
		name  string
		body  []string
		want  []string
		diags []wantDiag
	}{
		{
			name: "by order, no names",
			body: concat(request("", "/widgets/1"), response("", `{"n":1}`), request("", "/widgets/2"), response("", `{"n":2}`)),
			want: []string{` /widgets/1 -> {"n":1}`, ` /widgets/2 -> {"n":2}`},
		},
		{
			name: "by order, request names only",
			body: concat(request("a", "/widgets/1"), response("", `{"n":1}`), request("b", "/widgets/2"), response("", `{"n":2}`)),
			want: []string{`a /widgets/1 -> {"n":1}`, `b /widgets/2 -> {"n":2}`},
		},
		{
			name: "by name, out of order",
			body: concat(request("a", "/widgets/1"), request("b", "/widgets/2"), response(`"b"`, `{"n":2}`), response(`"a"`, `{"n":1}`)),
			want: []string{`a /widgets/1 -> {"n":1}`, `b /widgets/2 -> {"n":2}`},
		},
		{
			name:  "a request without a response",
			body:  concat(request("a", "/widgets/1"), request("b", "/widgets/2"), response(`"b"`, `{"n":2}`)),
			want:  []string{`a /widgets/1 -> `, `b /widgets/2 -> {"n":2}`},
			diags: []wantDiag{{9, diag.Warning, "example", []string{`"a" has no response`}}},
		},
		{
			name:  "a response without a request",
			body:  concat(response("", `{"n":0}`), request("a", "/widgets/1"), response("", `{"n":1}`)),
			want:  []string{`a /widgets/1 -> {"n":1}`},
			diags: []wantDiag{{9, diag.Warning, "example", []string{"no request before it"}}},
		},
		{
			name:  "a name used twice",
			body:  concat(request("a", "/widgets/1"), response("", `{"n":1}`), request("a", "/widgets/2"), response("", `{"n":2}`)),
			want:  []string{`a /widgets/1 -> {"n":1}`, `a /widgets/2 -> {"n":2}`},
			diags: []wantDiag{{19, diag.Warning, "example", []string{`"a" is also used at line 9`}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ds := parsePage(t, examplesPage(tc.body...))
			if res.Operation == nil {
				t.Fatal("Operation is nil")
			}
			if got := pairs(res.Operation); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("pairs\n got %q\nwant %q", got, tc.want)
			}
			// No page here states its status, so the first paired example
			// supplies it, with a warning on the title's line.
			want := append([]wantDiag{{4, diag.Warning, "response", []string{"took 200 from the example"}}}, tc.diags...)
			checkDiags(t, pageFile, ds, want)
		})
	}
}

// One response may name several requests ("name": ["a", "b"]), as
// drive-get.md and drive-list.md do: each of them gets that response.
func TestExampleResponseNamingSeveralRequests(t *testing.T) {
	res, ds := parsePage(t, examplesPage(concat(
		request("a", "/widgets/1"),
		request("b", "/widgets/2"),
		response(`["a", "b"]`, `{"n":1}`),
	)...))
	if got, want := pairs(res.Operation), []string{`a /widgets/1 -> {"n":1}`, `b /widgets/2 -> {"n":1}`}; !reflect.DeepEqual(got, want) {
		t.Errorf("pairs\n got %q\nwant %q", got, want)
	}
	checkDiags(t, pageFile, ds, []wantDiag{{4, diag.Warning, "response", []string{"took 200 from the example"}}})
}

func TestResponseProse(t *testing.T) {
	tests := []struct {
		prose      string
		status     int
		typ        string // "" for no type
		collection bool
	}{
		{"If successful, this method returns a `201 Created` response code and a [widget](../resources/widget.md) object in the response body.", 201, "microsoft.graph.widget", false},
		{"If successful, this method returns a `200 OK` response code and a collection of [widget](../resources/widget.md) objects in the response body.", 200, "microsoft.graph.widget", true},
		{"If successful, this method returns `204 No Content` response code. It does not return anything in the response body.", 204, "", false},
		{"If successful, returns `200 OK`. See [errors](/graph/errors) for failures.", 200, "", false},
		{"If successful, this method returns a `200 OK` response code and collection of [widget](../resources/widget.md) objects in the response body.", 200, "microsoft.graph.widget", true},
		{"If successful, this function returns a `200 OK` response code and a [widget](../resources/widget.md) collection in the response body.", 200, "microsoft.graph.widget", true},
		{"If successful, this method returns a `200 OK` response code and a list of [widget](../resources/widget.md) items in the response body.", 200, "microsoft.graph.widget", true},
		{"If successful, this method returns a `200 OK` response code and the requested [widget](../resources/widget.md) objects in the response body.", 200, "microsoft.graph.widget", true},
		{"If successful, this method returns a `201 Created` response code and a new [widget](../resources/widget.md) object in the response body.", 201, "microsoft.graph.widget", false},
		{"If successful, this method returns a `200 OK` response code and an updated [widget](../resources/widget.md) object in the response body.", 200, "microsoft.graph.widget", false},
		{"If successful, this method returns a 201 Created response code and the newly created **chat** resource in the response body.", 201, "", false},
		{"If successful, this method returns a `204, No Content` response code.", 204, "", false},
		{"If successful, this method returns `HTTP 200 OK` response code and a [widget](../resources/widget.md) collection object in the response body.", 200, "microsoft.graph.widget", true},
		{"If successful, this action returns a `200 OK` response code and a Stream in the response body.", 200, "Edm.Stream", false},
		{"If successful, this method returns a `200 OK` response code and a String collection object in the response body.", 200, "Edm.String", true},
		{"If successful, this method returns a `202 Accepted` response code and an `Operation-Location` header. Poll the endpoint to [get the status of the copy](onenoteoperation-get.md).", 202, "", false},
		{"If successful, this method returns a `204 No Content` response code. With `Prefer: return=representation` it returns a [widget](../resources/widget.md).", 204, "", false},
	}
	for _, tc := range tests {
		src := lines("---", "doc_type: apiPageType", "---", "# x", "## HTTP request", "```http", "GET /widgets", "```", "## Response", "", tc.prose)
		res, ds := parsePage(t, src)
		if len(ds) != 0 {
			t.Errorf("%q: unexpected diagnostics:\n%s", tc.prose, formatDiags(ds))
		}
		r := res.Operation.Response
		if r.Status != tc.status || r.Pos.Line != 11 {
			t.Errorf("%q: status %d at line %d, want %d at 11", tc.prose, r.Status, r.Pos.Line, tc.status)
		}
		switch {
		case tc.typ == "" && r.Type != nil:
			t.Errorf("%q: Type = %v, want none", tc.prose, r.Type)
		case tc.typ != "" && (r.Type == nil || r.Type.Name != tc.typ || r.Type.Collection != tc.collection):
			t.Errorf("%q: Type = %v, want %s collection %v", tc.prose, r.Type, tc.typ, tc.collection)
		}
	}
}

// Parse settles references against resource pages: a type with a page takes
// its properties from there, and links resolve relative to the page.
func TestParseResolvesAgainstResourcePages(t *testing.T) {
	widget := lines(
		"---", "doc_type: resourcePageType", "---",
		"# Widget resource type", // 4: the title's case differs from the links
		"Inherits from [entity](entity.md).",
		"",
		"## Properties",
		"|Property|Type|Description|",
		"|-|-|-|",
		"|name|String|x|",
		"|owner|[person](person.md)|x|", // 11: no page for person
	)
	entity := lines("---", "doc_type: resourcePageType", "---", "# entity resource type", "## Properties", "|Property|Type|Description|", "|-|-|-|", "|id|String|x|")
	get := lines(
		"---", "doc_type: apiPageType", "---",
		"# Get widget",
		"## HTTP request",
		"```http",
		"GET /widgets/{id}",
		"```",
		"## Response",
		"If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object.",
	)
	var d diag.List
	api := Parse([]Source{
		{Path: "docs/api/widget-get.md", Data: []byte(get)},
		{Path: "docs/resources/widget.md", Data: []byte(widget)},
		{Path: "docs/resources/entity.md", Data: []byte(entity)},
	}, &d)
	var names []string
	for _, ty := range api.Types {
		names = append(names, ty.QualifiedName()+" ("+string(ty.Source)+")")
	}
	want := []string{"microsoft.graph.Widget (resource page)", "microsoft.graph.entity (resource page)"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("types = %q, want %q", names, want)
	}
	w := api.Types[0]
	if w.BaseType != "microsoft.graph.entity" {
		t.Errorf("Widget.BaseType = %q, want microsoft.graph.entity", w.BaseType)
	}
	// The response links to ../resources/widget.md: the page's type, whatever the spelling.
	if rt := api.Operations[0].Response.Type; rt == nil || rt.Name != "microsoft.graph.Widget" {
		t.Errorf("response type = %v, want microsoft.graph.Widget (resolved by link)", rt)
	}
	// A type nothing defines becomes untyped JSON, with a warning.
	if got := w.Properties[1].Type.Name; got != "Edm.Untyped" {
		t.Errorf("owner type = %q, want Edm.Untyped", got)
	}
	checkDiags(t, "docs/resources/widget.md", d.Sorted(), []wantDiag{
		{11, diag.Warning, "missing-type", []string{"microsoft.graph.person", "never defined"}},
	})
}

func TestParseDuplicateAndBrokenBases(t *testing.T) {
	page := func(title, base string) []byte {
		return []byte(lines("---", "doc_type: resourcePageType", "---", "# "+title, "Inherits from ["+base+"]("+base+".md).", "## Properties", "|Property|Type|Description|", "|-|-|-|", "|id|String|x|"))
	}
	var d diag.List
	api := Parse([]Source{
		{Path: "docs/resources/a.md", Data: page("a resource type", "b")},
		{Path: "docs/resources/a2.md", Data: page("A resource type", "b")}, // duplicate of a
		{Path: "docs/resources/b.md", Data: page("b resource type", "a")},  // cycle a -> b -> a
		{Path: "docs/resources/c.md", Data: page("c resource type", "nothing")},
	}, &d)
	bases := map[string]string{}
	for _, ty := range api.Types {
		bases[ty.Name] = ty.BaseType
	}
	if len(api.Types) != 3 {
		t.Errorf("types %v, want a, b and c (a2 duplicates a)", bases)
	}
	if bases["c"] != "" {
		t.Errorf("c.BaseType = %q; an undocumented base is dropped", bases["c"])
	}
	if bases["a"] != "" && bases["b"] != "" {
		t.Errorf("a and b still inherit from each other: %v", bases)
	}
	var cats []string
	for _, x := range d.Sorted() {
		cats = append(cats, x.Pos.File+" "+x.Category)
	}
	for _, w := range []string{"docs/resources/a2.md duplicate", "docs/resources/c.md missing-type"} {
		if !containsString(cats, w) {
			t.Errorf("want a %q diagnostic; got:\n%s", w, formatDiags(d.Sorted()))
		}
	}
	var cycle bool
	for _, x := range d.Sorted() {
		cycle = cycle || (x.Category == "type" && strings.Contains(x.Message, "cycle"))
	}
	if !cycle {
		t.Errorf("want an inheritance-cycle warning; got:\n%s", formatDiags(d.Sorted()))
	}
}

func TestReadDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "docs")
	files := map[string]string{
		"api/b.md":        "# b",
		"api/a.MD":        "# a",
		"resources/c.md":  "# c",
		"resources/x.txt": "not markdown",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range src {
		got = append(got, s.Path+"="+string(s.Data))
	}
	want := []string{"docs/api/a.MD=# a", "docs/api/b.md=# b", "docs/resources/c.md=# c"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadDir = %q, want %q (stable paths, lexical order, .md only)", got, want)
	}
	if _, err := ReadDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("ReadDir of a missing folder should fail")
	}
}

// The real Graph v1.0 reference must parse without a panic, an error, or a
// long wait; it sits at ../shared/corpus beside the project.
func TestCorpusSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 3,341 pages")
	}
	dir := filepath.Join("..", "..", "shared", "corpus", "graph-v1.0")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not found at %s: %v", dir, err)
	}
	src, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var d diag.List
	api := Parse(src, &d)
	if elapsed := time.Since(start); elapsed > time.Minute {
		t.Errorf("Parse took %v", elapsed)
	}
	if len(api.Pages) != len(src) {
		t.Errorf("api.Pages = %d, want one per source (%d)", len(api.Pages), len(src))
	}
	for _, p := range api.Pages {
		if p.Kind == "" {
			t.Errorf("%s: no page kind", p.Pos)
		}
	}
	if _, errs := d.Count(); errs != 0 {
		var b bytes.Buffer
		for _, x := range d.Sorted() {
			if x.Severity == diag.Error {
				b.WriteString(x.Pos.String() + ": " + x.Message + "\n")
			}
		}
		t.Errorf("%d errors:\n%s", errs, b.String())
	}
	if len(api.Operations) < 1500 || len(api.Types) < 500 {
		t.Errorf("only %d operations and %d types from %d pages", len(api.Operations), len(api.Types), len(src))
	}
}

// When the prose and the annotation name different base types, the prose
// wins (the annotation is more often the copied default), with a warning.
func TestBaseTypeProseAndAnnotationDisagree(t *testing.T) {
	src := lines(
		"---",
		"doc_type: resourcePageType",
		"---",
		"# orgContact resource type",
		"",
		"Represents a contact. Inherits from [directoryObject](directoryobject.md).", // 6
		"",
		"## Properties",
		"| Property | Type | Description |",
		"|:--|:--|:--|",
		"| mail | String | x |",
		"",
		`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.orgContact", "baseType": "microsoft.graph.entity" } -->`, // 13
		"```json",
		`{ "mail": "String" }`,
		"```",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{{13, diag.Warning, "type", []string{"microsoft.graph.entity", "line 6", "directoryobject.md"}}})
	if res.Type == nil || res.Type.BaseType != "microsoft.graph.directoryObject" || res.BaseLink != "directoryobject.md" {
		t.Errorf("type = %+v, BaseLink %q; want the prose's directoryObject", res.Type, res.BaseLink)
	}
}

// Cell counts are checked as goldmark splits rows, and each problem is
// reported once: a delimiter row wider than the header is the table's
// problem, not each row's; an empty last cell written "||" loses nothing.
func TestTableCellCountsAsWritten(t *testing.T) {
	src := lines(
		"---", "doc_type: apiPageType", "---",
		"# Get widget",
		"## HTTP request",
		"```http",
		"GET /widgets",
		"```",
		"## Permissions",
		"|Permission type | Permissions (from least to most privileged) |", // 10
		"|:---|:---|:---|",
		"| Delegated (work or school account) | Widget.Read |",
		"| Application | Widget.Read.All |",
		"## Request body",
		"|Property|Type|Description|", // 15
		"|:---|:---|:---|",
		"|name|String||",                // 17: empty description, fine
		"|**Sizes**|",                   // 18: a short section row, fine
		"|size|Int64|a &amp; b|",        // 19
		"| sep | String | Use `a|b`. |", // 20
		"## Methods",
		"|Method|Return type|Description|",
		"|:---|:---|:---|",
		"|[Get](x.md)|widget|", // 24: a table docgen does not read
		"## Response",
		"If successful, this method returns a `200 OK` response code.",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{
		{10, diag.Warning, "table", []string{"delimiter row has 3 columns", "header has 2"}},
		{20, diag.Warning, "table", []string{"4 cells", "code span", `\|`}},
	})
	if res.Operation == nil || len(res.Operation.Permissions) != 2 {
		t.Fatalf("want two permissions, got %+v", res.Operation)
	}
	var got []string
	for _, p := range res.Operation.Body.Properties {
		got = append(got, p.Name+":"+p.Doc)
	}
	if want := []string{"name:", "size:a & b", "sep:Use `a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("body properties = %q, want %q", got, want)
	}
}

// A header with an empty trailing column, as in searchrequest.md, makes
// rows one cell shorter without loss.
func TestTableEmptyTrailingHeaderColumn(t *testing.T) {
	res, ds := parsePage(t, lines(
		"---", "doc_type: resourcePageType", "---",
		"# widget resource type",
		"## Properties",
		"| Property | Type | Description | |",
		"|:--|:--|:--|:--|",
		"|id|String|The id.|",
	))
	if len(ds) != 0 {
		t.Errorf("want no diagnostics, got:\n%s", formatDiags(ds))
	}
	if res.Type == nil || len(res.Type.Properties) != 1 {
		t.Errorf("want one property, got %+v", res.Type)
	}
}

// A row broken over two lines leaves a lone cell, as in
// securescorecontrolprofile.md: one warning, and no property made of it.
func TestTableRowBrokenOverTwoLines(t *testing.T) {
	res, ds := parsePage(t, resourceTable(
		"|threats|String collection|List of threats (accountBreach,", // 10
		"spoofing).|", // 11
		"|tier|String|Control tier.|",
	))
	checkDiags(t, pageFile, ds, []wantDiag{{11, diag.Warning, "table", []string{"1 of the table's 3 cells", "two lines", "skipped"}}})
	if res.Type == nil || len(res.Type.Properties) != 2 {
		t.Errorf("want threats and tier, got %+v", res.Type)
	}
}

// Only a section's first table must be a property table: tables after it,
// or under a subheading, are for readers.
func TestTablesForReaders(t *testing.T) {
	src := lines(
		"---", "doc_type: resourcePageType", "---",
		"# widget resource type",
		"## Properties",
		"|Method|Return type|Description|", // 6: meant as the property table
		"|:--|:--|:--|",
		"|data|Binary|x|",
		"",
		"|Property|Type|Description|",
		"|:--|:--|:--|",
		"|id|String|x|",
		"",
		"The following table maps colors:",
		"",
		"|Pre-set constant|Color|",
		"|:--|:--|",
		"|preset0|Red|",
		"### Derived types",
		"|Type|Description|",
		"|:--|:--|",
		"|[gadget](gadget.md)|x|",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{{6, diag.Warning, "table", []string{"no Property and Type columns", "method | return type | description"}}})
	if res.Type == nil || len(res.Type.Properties) != 1 {
		t.Errorf("want the single property id, got %+v", res.Type)
	}
}

// Pages that document each route in its own section put a request example
// under "### HTTP request" (drive-get.md), or leave out the "HTTP request"
// heading (site-get.md): their routes are read all the same, with one
// warning.
func TestRoutesOutsideASyntaxBlock(t *testing.T) {
	tests := []struct {
		name   string
		body   []string
		routes []string
		want   []wantDiag
	}{
		{
			name: "request examples under HTTP request subheadings",
			body: []string{
				"## Get my widget", // 5
				"### HTTP request",
				"# [HTTP](#tab/http)",
				`<!-- { "blockType": "request", "name": "get-mine" } -->`,
				"```msgraph-interactive",
				"GET /me/widget", // 10
				"```",
				"## Get a user's widget",
				"### HTTP request",
				`<!-- { "blockType": "request", "name": "get-theirs" } -->`,
				"```http",
				"GET /users/{user-id}/widget", // 16
				"```",
				"## Remarks",
				"```http",
				"GET /widgets/{other-id}",
				"```",
			},
			routes: []string{"/me/widget", "/users/{user-id}/widget"},
			want: []wantDiag{
				{10, diag.Warning, "route", []string{`"HTTP request" section holds a request example`}},
			},
		},
		{
			name: "no HTTP request heading",
			body: []string{
				"## Get the root widget",
				`<!-- { "blockType": "ignored" } -->`,
				"```http",
				"GET /widgets/root", // 8
				"```",
				"## Get a widget by path",
				"```http",
				"GET /widgets/{hostname}:/{path}",
				"```",
				"## Example",
				"```http",
				"GET /widgets/42",
				"```",
			},
			routes: []string{"/widgets/root", "/widgets/{hostname}:/{path}"},
			want:   []wantDiag{{8, diag.Warning, "route", []string{`outside an "HTTP request" section`}}},
		},
		{
			name: "a samples block",
			body: []string{
				"## HTTP request",
				`<!-- { "blockType": "samples" } -->`,
				"```http",
				"GET /widgets/{id}/image",
				"GET /widgets/{id}/image(width=640)",
				"```",
			},
			routes: []string{"/widgets/{id}/image", "/widgets/{id}/image(width=640)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := lines(append([]string{"---", "doc_type: apiPageType", "---", "# Get widget"}, append(tc.body,
				"## Response",
				"If successful, this method returns a `200 OK` response code.")...)...)
			res, ds := parsePage(t, src)
			if res.Operation == nil {
				t.Fatalf("no operation; diagnostics:\n%s", formatDiags(ds))
			}
			var got []string
			for _, r := range res.Operation.Routes {
				got = append(got, r.Path)
			}
			if !reflect.DeepEqual(got, tc.routes) || res.Operation.Method != "GET" {
				t.Errorf("routes = %s %q, want GET %q", res.Operation.Method, got, tc.routes)
			}
			var routeDiags []diag.Diagnostic
			for _, d := range ds {
				if d.Category == "route" {
					routeDiags = append(routeDiags, d)
				}
			}
			checkDiags(t, pageFile, routeDiags, tc.want)
		})
	}
}

// A block mixing methods keeps the first and reports the rest once.
func TestSyntaxBlockMixedMethods(t *testing.T) {
	src := lines(
		"---", "doc_type: apiPageType", "---",
		"# Update photo",
		"## HTTP request",
		"```http",
		"PATCH /me/photo/$value",
		"PATCH /groups/{id}/photo/$value",
		"",
		"PUT /me/photo/$value", // 10
		"PUT /groups/{id}/photo/$value",
		"```",
		"## Response",
		"If successful, this method returns a `204 No Content` response code.",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{{10, diag.Warning, "route", []string{"kept the PATCH routes", "2 routes", "PUT /me/photo/$value"}}})
	if res.Operation == nil || len(res.Operation.Routes) != 2 || res.Operation.Method != "PATCH" {
		t.Errorf("want two PATCH routes, got %+v", res.Operation)
	}
}

// paramList renders parameters as "name type required".
func paramList(ps []*model.Parameter) []string {
	var out []string
	for _, p := range ps {
		s := p.Name + " " + p.Type.String()
		if p.Required {
			s += " required"
		}
		out = append(out, s)
	}
	return out
}

func TestPathAndFunctionParameters(t *testing.T) {
	src := lines(
		"---", "doc_type: apiPageType", "---",
		"# Get widget report",
		"## HTTP request",
		"```http",
		"GET /reports/getWidgetCounts(period='{period_value}')",
		"GET /widgets/{widget-id}/range(address=<address>)",
		"GET /widgets/{widget-id}/parts?$filter=id eq '{part_id}'",
		"```",
		"## Function parameters",
		"| Parameter | Type | Description |",
		"|:--|:--|:--|",
		"| period | string | The period. Required. |",
		"| address | String | The range. |",
		"| part_id | String | A part. |",
		"| color | widgetColor | Not in any route. |", // 17
		"| shade | String | Nor this. |",
		"### Path parameters",
		"| Parameter name | Value | Description |",
		"|:--|:--|:--|",
		"| _widget-ID_ | string | The widget. |",
		"## Query parameters",
		"| Query parameter | Type | Description |",
		"|:--|:--|:--|",
		"| $top | Int32 | At most this many. |",
		"## Response",
		"If successful, this method returns a `200 OK` response code.",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{
		{8, diag.Warning, "route", []string{"<address>", "angle brackets", "{address}"}},
		{17, diag.Warning, "route", []string{`"color", "shade"`, "no route"}},
	})
	op := res.Operation
	want := []string{
		"period_value Edm.String required",
		"address Edm.String",
		"part_id Edm.String",
		"color microsoft.graph.widgetColor",
		"shade Edm.String",
		"widget-id Edm.String",
	}
	if got := paramList(op.PathParams); !reflect.DeepEqual(got, want) {
		t.Errorf("PathParams\n got %q\nwant %q", got, want)
	}
	if got, want := paramList(op.Query), []string{"$top Edm.Int32"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Query = %q, want %q", got, want)
	}
	if got := op.Routes[1].Params(); !reflect.DeepEqual(got, []string{"widget-id", "address"}) {
		t.Errorf("route 2 params = %q, want widget-id and address", got)
	}
}

func TestRequestBody(t *testing.T) {
	page := func(method string, body ...string) string {
		return lines(append(append([]string{
			"---", "doc_type: apiPageType", "---",
			"# Do widget",
			"## HTTP request",
			"```http",
			method + " /widgets/{id}/do",
			"```",
			"## Request body",
		}, body...), "## Response", "If successful, this method returns a `204 No Content` response code.")...)
	}
	tests := []struct {
		name   string
		src    string
		typ    string
		props  []string
		action bool
		params []string
	}{
		{
			name: "action parameters",
			src: page("POST", "In the request body, provide a JSON object with the following parameters.", "",
				"| Parameter | Type | Description |", "|:--|:--|:--|", "| force | Boolean | x |", "| reason | String | x |"),
			props: []string{"force Edm.Boolean", "reason Edm.String"}, action: true,
		},
		{
			name: "a linked resource and the properties to send",
			src: page("POST", "In the request body, supply a JSON representation of a [widget](../resources/widget.md) object.", "",
				"| Property | Type | Description |", "|:--|:--|:--|", "| name | String | Required. |"),
			typ: "microsoft.graph.widget", props: []string{"name Edm.String"},
		},
		{
			name: "a resource named without a link",
			src: page("PATCH", "In the request body, supply a JSON representation for the widgetPolicy object.", "",
				"| Property | Type | Description |", "|:--|:--|:--|", "| name | String | x |"),
			typ: "microsoft.graph.widgetPolicy", props: []string{"name Edm.String"},
		},
		{
			name: "a link that is not the body",
			src: page("POST", "In the request body, supply the identifier of the [directoryObject](../resources/directoryobject.md) to add.", "",
				"| Property | Type | Description |", "|:--|:--|:--|", "| @odata.id | String | x |"),
			props: []string{"@odata.id Edm.String"}, action: true,
		},
		{
			name:  "Name | Value | Description with types in Value",
			src:   page("POST", "| Name | Value | Description |", "|:--|:--|:--|", "| comment | string | x |"),
			props: []string{"comment Edm.String"}, action: true,
		},
		{
			name: "function parameters under Request body",
			src: page("GET", "In the request URL, provide the following query parameters with values.", "",
				"| Property | Type | Description |", "|:--|:--|:--|", "| id | String | x |"),
			params: []string{"id Edm.String"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ds := parsePage(t, tc.src)
			if len(ds) != 0 {
				t.Errorf("want no diagnostics, got:\n%s", formatDiags(ds))
			}
			op := res.Operation
			if got := paramList(op.PathParams); !reflect.DeepEqual(got, tc.params) {
				t.Errorf("PathParams = %q, want %q", got, tc.params)
			}
			if tc.props == nil {
				if op.Body != nil {
					t.Errorf("Body = %+v, want none", op.Body)
				}
				return
			}
			if op.Body == nil {
				t.Fatal("Body is nil")
			}
			var props []string
			for _, p := range op.Body.Properties {
				props = append(props, p.Name+" "+p.Type.String())
			}
			if op.Body.Type.Name != tc.typ || !reflect.DeepEqual(props, tc.props) || op.Body.IsActionParameters() != tc.action {
				t.Errorf("Body = %q %q action %v, want %q %q action %v", op.Body.Type.Name, props, op.Body.IsActionParameters(), tc.typ, tc.props, tc.action)
			}
		})
	}
}

// Where the prose states no status and no type, the example supplies the
// status; the type comes from the response annotation, and a later error
// case ("returns `404`") is not the success status.
func TestResponseFromExampleAnnotation(t *testing.T) {
	src := lines(
		"---", "doc_type: apiPageType", "---",
		"# List followed widgets", // 4
		"## HTTP request",
		"```http",
		"GET /me/widgets/following",
		"```",
		"## Response",
		"Each of these methods returns the items followed.",
		"",
		"If the drive does not exist, an `HTTP 404` response will be returned.",
		"## Example",
		`<!-- { "blockType": "request", "name": "list" } -->`,
		"```http",
		"GET https://graph.microsoft.com/v1.0/me/widgets/following",
		"```",
		`<!-- { "blockType": "response", "@odata.type": "Collection(microsoft.graph.widget)", "truncated": true } -->`,
		"```http",
		"HTTP/1.1 200 OK",
		"",
		`{"value": []}`,
		"```",
	)
	res, ds := parsePage(t, src)
	checkDiags(t, pageFile, ds, []wantDiag{{4, diag.Warning, "response", []string{"took 200 from the example"}}})
	r := res.Operation.Response
	if r.Status != 200 || r.Type == nil || r.Type.String() != "Collection(microsoft.graph.widget)" {
		t.Errorf("Response = %d %v, want 200 Collection(microsoft.graph.widget)", r.Status, r.Type)
	}
}

// A page whose doc_type and content disagree is read by its content, with
// one warning; a resource page that documents no type yields none.
func TestDocTypeAndContentDisagree(t *testing.T) {
	tests := []struct {
		name string
		src  string
		kind model.PageKind
		want wantDiag
	}{
		{
			name: "a method page labelled resource",
			src: lines("---", "doc_type: resourcePageType", "---", "# servicePrincipal: List createdObjects",
				"## HTTP request", "```http", "GET /servicePrincipals/{id}/createdObjects", "```",
				"## Response", "If successful, this method returns a `200 OK` response code."),
			kind: model.PageMethod,
			want: wantDiag{1, diag.Warning, "front-matter", []string{"resourcePageType", "read as a method page"}},
		},
		{
			name: "a resource page labelled method",
			src: lines("---", "doc_type: apiPageType", "---", "# fido2KeyRestrictions resource type",
				"## Properties", "|Property|Type|Description|", "|:--|:--|:--|", "|isEnforced|Boolean|x|"),
			kind: model.PageResource,
			want: wantDiag{1, diag.Warning, "front-matter", []string{"apiPageType", "read as a resource page"}},
		},
		{
			name: "an overview labelled resource",
			src:  lines("---", "doc_type: resourcePageType", "---", "# Use the search API", "", "## Common use cases", "Words."),
			kind: model.PageResource,
			want: wantDiag{4, diag.Warning, "type", []string{"no Properties section", "no type generated"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ds := parsePage(t, tc.src)
			checkDiags(t, pageFile, ds, []wantDiag{tc.want})
			if res.Page.Kind != tc.kind {
				t.Errorf("Kind = %q, want %q", res.Page.Kind, tc.kind)
			}
			switch tc.kind {
			case model.PageMethod:
				if res.Operation == nil || res.Type != nil {
					t.Errorf("want an operation and no type, got %+v %+v", res.Operation, res.Type)
				}
			case model.PageResource:
				if res.Operation != nil || (res.Type == nil) != (tc.want.category == "type") {
					t.Errorf("want a type (unless reported) and no operation, got %+v %+v", res.Operation, res.Type)
				}
			}
		})
	}
}

// A type is named by the JSON representation's @odata.type (or the older
// "@type"), else by the "# x resource type" heading, else by the title; its
// properties are the table right under Properties, wherever the page puts
// that section, and not the tables of subsections about other things.
func TestResourcePageNamesAndSections(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		typ   string
		props []string
	}{
		{
			name: "the heading over a misleading title",
			src: lines("---", `title: "Identity Protection APIs"`, "doc_type: resourcePageType", "---", "# identityProtectionRoot resource type",
				"## Properties", "|Property|Type|Description|", "|:--|:--|:--|", "|id|String|x|"),
			typ: "identityProtectionRoot", props: []string{"id"},
		},
		{
			name: "@type",
			src: lines("---", "doc_type: resourcePageType", "---", "# ItemActionSet resource type",
				"## Properties", "|Property|Type|Description|", "|:--|:--|:--|", "|comment|String|x|",
				`<!-- { "blockType": "resource", "@type": "microsoft.graph.itemActionSet" } -->`, "```json", "{}", "```"),
			typ: "itemActionSet", props: []string{"comment"},
		},
		{
			name: "sections one level down",
			src: lines("---", "doc_type: resourcePageType", "---", "# settingValue resource type",
				"### Properties", "|Property|Type|Description|", "|:--|:--|:--|", "|name|String|x|"),
			typ: "settingValue", props: []string{"name"},
		},
		{
			name: "a section named after the type",
			src: lines("---", "doc_type: resourcePageType", "---", "# operationError resource type",
				"## operationError Properties", "|Property|Type|Description|", "|:--|:--|:--|", "|code|String|x|"),
			typ: "operationError", props: []string{"code"},
		},
		{
			name: "subsections about other things",
			src: lines("---", "doc_type: resourcePageType", "---", "# team resource type",
				"## Properties", "|Property|Type|Description|", "|:--|:--|:--|", "|id|String|x|",
				"### Instance attributes", "|Property name|Type|Description|", "|:--|:--|:--|", "|@microsoft.graph.teamCreationMode|string|x|",
				"### Properties of a policy definition", "|Property|Type|Description|", "|:--|:--|:--|", "|Version|Int32|x|",
				"## Relationships", "|Relationship|Type|Description|", "|:--|:--|:--|", "|channels|[channel](channel.md) collection|x|"),
			typ: "team", props: []string{"id", "channels"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ds := parsePage(t, tc.src)
			if len(ds) != 0 {
				t.Errorf("want no diagnostics, got:\n%s", formatDiags(ds))
			}
			if res.Type == nil {
				t.Fatal("no type")
			}
			var props []string
			for _, p := range res.Type.Properties {
				props = append(props, p.Name)
			}
			if res.Type.Name != tc.typ || !reflect.DeepEqual(props, tc.props) {
				t.Errorf("type %s %q, want %s %q", res.Type.Name, props, tc.typ, tc.props)
			}
		})
	}
}

// Intune documents one type on several pages, a workload each: they are
// merged into the page named after the type.
func TestParseMergesTypePages(t *testing.T) {
	page := func(rows ...string) []byte {
		return []byte(lines(append([]string{"---", "doc_type: resourcePageType", "---", "# user resource type", "## Properties", "|Property|Type|Description|", "|-|-|-|"}, rows...)...))
	}
	var d diag.List
	api := Parse([]Source{
		{Path: "docs/resources/intune-devices-user.md", Data: page("|id|String|x|", "|deviceEnrollmentLimit|Int32|x|")}, // 8
		{Path: "docs/resources/intune-mam-user.md", Data: page("|id|String|x|")},                                        // adds nothing
		{Path: "docs/resources/intune-onboarding-user.md", Data: page("|displayName|Int32|x|")},                         // 8: a different type
		{Path: "docs/resources/user.md", Data: page("|id|String|x|", "|displayName|String|x|")},
	}, &d)
	if len(api.Types) != 1 {
		t.Fatalf("got %d types, want one user", len(api.Types))
	}
	u := api.Types[0]
	var props []string
	for _, p := range u.Properties {
		props = append(props, p.Name+" "+p.Type.String())
	}
	if want := []string{"id Edm.String", "displayName Edm.String", "deviceEnrollmentLimit Edm.Int32"}; !reflect.DeepEqual(props, want) {
		t.Errorf("user properties = %q, want %q", props, want)
	}
	if u.Pos.File != "docs/resources/user.md" {
		t.Errorf("user is at %s, want its own page", u.Pos)
	}
	var got []string
	for _, x := range d.Sorted() {
		got = append(got, x.Pos.String()+" "+x.Category+": "+x.Message)
	}
	want := []string{
		"docs/resources/intune-mam-user.md:4 duplicate: type microsoft.graph.user is also documented at docs/resources/user.md:4, and this page adds no property to it",
		"docs/resources/intune-onboarding-user.md:8 duplicate: property displayName of user is Edm.Int32 here but Edm.String at docs/resources/user.md:9; kept the one at docs/resources/user.md:9",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics\n got %q\nwant %q", got, want)
	}
}

// Requests the docs' tooling ignores, or that lack an annotation, are not
// examples; a response after one pairs with it quietly, or with a warning
// that names the missing annotation.
func TestIgnoredAndUnannotatedRequests(t *testing.T) {
	res, ds := parsePage(t, examplesPage(concat(
		[]string{"## Examples"},
		[]string{`<!-- { "blockType": "ignored", "name": "count" } -->`, "```http", "GET https://graph.microsoft.com/v1.0/widgets/$count", "ConsistencyLevel: eventual", "```"},
		response("", `{"n":0}`),
		[]string{"### Request", "```http", "GET https://graph.microsoft.com/v1.0/widgets/9", "```"}, // 21
		response("", `{"n":9}`),    // 25
		request("a", "/widgets/1"), // 31
		response("", `{"n":1}`),
		request("a", "/widgets/2"), // 41: a name used a third time is reported once
		response("", `{"n":2}`),
		request("a", "/widgets/3"),
		response("", `{"n":3}`),
	)...))
	if got, want := pairs(res.Operation), []string{`a /widgets/1 -> {"n":1}`, `a /widgets/2 -> {"n":2}`, `a /widgets/3 -> {"n":3}`}; !reflect.DeepEqual(got, want) {
		t.Errorf("pairs\n got %q\nwant %q", got, want)
	}
	checkDiags(t, pageFile, ds, []wantDiag{
		{4, diag.Warning, "response", []string{"took 200 from the example"}},
		{25, diag.Warning, "example", []string{"request for this response, at line 23, has no annotation"}},
		{41, diag.Warning, "example", []string{`"a" is also used at line 31`}},
		{51, diag.Warning, "example", []string{`"a" is also used at line 31`}},
	})
}

func TestMalformedRouteIsReported(t *testing.T) {
	_, ds := parsePage(t, lines(
		"---", "doc_type: apiPageType", "---",
		"# Get rows",
		"## HTTP request",
		"```http",
		"GET /range(address='{address}')/entireRow",
		"GET /range(address='{address}'/entireRow", // 8
		"```",
		"## Response",
		"If successful, this method returns a `200 OK` response code.",
	))
	checkDiags(t, pageFile, ds, []wantDiag{{8, diag.Warning, "route", []string{"unbalanced parentheses", "read as written"}}})
}

func TestUnclosedCodeFence(t *testing.T) {
	res, ds := parsePage(t, lines(
		"---", "doc_type: apiPageType", "---",
		"# Delete widget",
		"## HTTP request",
		"~~~~http", // 6
		"DELETE /widgets/{id}",
		"~~~",
		"## Response", // a comment line to a syntax block
		"If successful, this method returns a `204 No Content` response code.", // 10
	))
	checkDiags(t, pageFile, ds, []wantDiag{
		{4, diag.Warning, "response", []string{"assumed 200"}},
		{6, diag.Warning, "markdown", []string{"code block has no closing ~~~~: lines 7-10 are read as its code"}},
		{8, diag.Warning, "route", []string{`"~~~" does not start with an HTTP method`}},
		{10, diag.Warning, "route", []string{`"If successful`}},
	})
	if res.Operation == nil || len(res.Operation.Routes) != 1 {
		t.Errorf("the route is still read: %+v", res.Operation)
	}
	_, ds = parsePage(t, "# x\n\n```\n")
	checkDiags(t, pageFile, ds, []wantDiag{
		{1, diag.Warning, "front-matter", []string{"no doc_type"}},
		{3, diag.Warning, "markdown", []string{"code block has no closing ```"}},
	})
}

func TestUnclosedComment(t *testing.T) {
	_, ds := parsePage(t, examplesPage(
		`<!-- { "blockType": "request", "name": "a" }`, // 9
		"```http",
		"GET https://graph.microsoft.com/v1.0/widgets",
		"```",
	))
	checkDiags(t, pageFile, ds, []wantDiag{
		{4, diag.Warning, "response", []string{"assumed 200"}},
		{9, diag.Warning, "markdown", []string{"comment has no closing -->: lines 9-12 are read as a comment"}},
	})
}
