package parser

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// parseSources parses inline sources, given as path then text.
func parseSources(t *testing.T, pathsAndTexts ...string) (*model.API, []diag.Diagnostic) {
	t.Helper()
	var src []Source
	for i := 0; i+1 < len(pathsAndTexts); i += 2 {
		src = append(src, Source{Path: pathsAndTexts[i], Data: []byte(pathsAndTexts[i+1])})
	}
	var d diag.List
	api := Parse(src, &d)
	return api, d.Sorted()
}

func diagLines(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %s: %s", d.Pos, d.Category, d.Message))
	}
	return out
}

func opOf(t *testing.T, api *model.API, file string) *model.Operation {
	t.Helper()
	for _, op := range api.Operations {
		if op.Pos.File == file {
			return op
		}
	}
	t.Fatalf("no operation from %s", file)
	return nil
}

// The fixture under testdata/includes is a docs folder in today's format:
// permissions tables and a query parameter table in includes, a nested
// include, an include outside the docs, a missing permissions include,
// tabbed examples with snippet includes, a response with a blank line before
// its headers and links whose case differs from the files'.
func TestIncludeFixture(t *testing.T) {
	src, err := ReadDir(filepath.Join("testdata", "includes", "docs"))
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	api := Parse(src, &d)
	got := diagLines(d.Sorted())
	want := []string{
		`docs/api/widget-delete.md:14 include: include ../includes/permissions/widget-delete-permissions.md: docs/includes/permissions/widget-delete-permissions.md is missing; not read, so the operation's permissions are undetermined`,
		`docs/api/widget-get.md:11 include: include ../../includes/all-clouds.md is outside every DOCS_DIR; not read`,
		`docs/api/widget-get.md:62 example: blank line before the response headers; read the lines after it as the headers`,
		`docs/api/widget-list.md:25 link: link ../resources/Widget.md names docs/resources/Widget.md, whose file is docs/resources/widget.md (the case differs); read as a link to it`,
		// Problems in included text are at the included file's own lines,
		// a nested include's too.
		`docs/includes/permissions/widget-get-permissions.md:11 permissions: permission type "Service" is not Delegated (work or school account), Delegated (personal Microsoft account) or Application`,
		`docs/includes/widget-note.md:9 table: row has 4 cells but the table has 3 (an unescaped | in a cell?); the extra cells are dropped`,
		`docs/resources/widget.md:19 link: link widgetPart.md names docs/resources/widgetPart.md, whose file is docs/resources/widgetpart.md (the case differs); read as a link to it`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Include files are not pages.
	var pages []string
	for _, p := range api.Pages {
		pages = append(pages, p.Pos.File+" "+string(p.Kind))
	}
	wantPages := []string{
		"docs/api/widget-delete.md method", "docs/api/widget-get.md method", "docs/api/widget-list.md method",
		"docs/resources/widget.md resource", "docs/resources/widgetpart.md resource",
	}
	if !reflect.DeepEqual(pages, wantPages) {
		t.Errorf("pages %q, want %q", pages, wantPages)
	}

	get := opOf(t, api, "docs/api/widget-get.md")
	// Today's columns: any scope of either column suffices.
	perms := permissionSummary(get.Permissions)
	wantPerms := []string{
		"docs/includes/permissions/widget-get-permissions.md:8 delegated work or school account [[Widget.Read] [Widget.ReadWrite] [Directory.Read.All]]",
		"docs/includes/permissions/widget-get-permissions.md:9 delegated personal Microsoft account unsupported",
		"docs/includes/permissions/widget-get-permissions.md:10 application [[Widget.Read.All]]",
	}
	if !reflect.DeepEqual(perms, wantPerms) {
		t.Errorf("widget-get permissions:\n%s\nwant:\n%s", strings.Join(perms, "\n"), strings.Join(wantPerms, "\n"))
	}
	// Lines after the includes keep the page's own numbers.
	if r := get.Routes[0]; r.Pos.String() != "docs/api/widget-get.md:22" || r.Path != "/widgets/{id}" {
		t.Errorf("route %s at %s", r.Path, r.Pos)
	}
	var query []string
	for _, q := range get.Query {
		query = append(query, fmt.Sprintf("%s %s %s", q.Pos, q.Name, q.Type))
	}
	wantQuery := []string{"docs/includes/widget-query.md:7 $top Edm.Int32", "docs/includes/widget-note.md:9 $skip Edm.Int32"}
	if !reflect.DeepEqual(query, wantQuery) {
		t.Errorf("query parameters %q, want %q", query, wantQuery)
	}
	if get.Response.Type == nil || get.Response.Type.Name != "microsoft.graph.widget" {
		t.Errorf("widget-get response %+v", get.Response)
	}
	// The tabbed example: the HTTP tab's request, the response after the
	// tab group, its headers read across the blank line.
	if len(get.Examples) != 1 {
		t.Fatalf("widget-get has %d examples, want 1", len(get.Examples))
	}
	ex := get.Examples[0]
	if ex.Name != "get_widget" || ex.Request.Method != "GET" || ex.Request.Path != "/widgets/1" || ex.Request.Pos.Line != 43 {
		t.Errorf("request %+v at %s", ex.Request, ex.Request.Pos)
	}
	if r := ex.Response; r == nil || r.Status != 200 || HeaderValue(r.Headers, "Content-Type") != "application/json" || !strings.HasPrefix(r.Body, "{") {
		t.Errorf("response %+v", r)
	}

	// The classic columns, in an include.
	list := opOf(t, api, "docs/api/widget-list.md")
	wantPerms = []string{
		"docs/includes/permissions/widget-list-permissions.md:3 delegated work or school account [[Widget.Read] [Widget.ReadWrite]]",
		"docs/includes/permissions/widget-list-permissions.md:4 delegated personal Microsoft account unsupported",
		"docs/includes/permissions/widget-list-permissions.md:5 application [[Widget.Read.All]]",
	}
	if perms := permissionSummary(list.Permissions); !reflect.DeepEqual(perms, wantPerms) {
		t.Errorf("widget-list permissions:\n%s\nwant:\n%s", strings.Join(perms, "\n"), strings.Join(wantPerms, "\n"))
	}
	if r := list.Response.Type; r == nil || r.String() != "Collection(microsoft.graph.widget)" {
		t.Errorf("widget-list response type %v", r)
	}

	// A missing permissions include: no permissions, so undetermined.
	if del := opOf(t, api, "docs/api/widget-delete.md"); len(del.Permissions) != 0 || len(del.Examples) != 1 {
		t.Errorf("widget-delete: %d permissions, %d examples", len(del.Permissions), len(del.Examples))
	}
}

func permissionSummary(ps []*model.Permission) []string {
	var out []string
	for _, p := range ps {
		s := fmt.Sprintf("%s %s", p.Pos, p.Kind)
		switch {
		case p.Undetermined:
			s += " undetermined"
		case !p.Supported:
			s += " unsupported"
		default:
			s += fmt.Sprint(" ", p.Sets)
		}
		out = append(out, s)
	}
	return out
}

// methodPageWith is a method page whose Permissions section holds perms.
func methodPageWith(perms string) string {
	return lines(
		"---",
		"title: Get gadget",
		"doc_type: apiPageType",
		"---",
		"# Get gadget",
		"## Permissions",
		perms,
		"## HTTP request",
		"```http",
		"GET /gadgets/{id}",
		"```",
		"## Response",
		"If successful, this method returns a `204 No Content` response code.",
	)
}

const permTable = "|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Application|Gadget.Read.All|Gadget.ReadWrite.All|\n"

func TestIncludeCycle(t *testing.T) {
	api, ds := parseSources(t,
		"docs/api/gadget-get.md", methodPageWith("[!INCLUDE [permissions-table](../includes/a.md)]"),
		"docs/includes/a.md", "[!INCLUDE [b](b.md)]\n"+permTable,
		"docs/includes/b.md", "before\n\n[!INCLUDE [a](a.md)]\n",
	)
	want := []string{"docs/includes/b.md:3 include: include a.md is a cycle (docs/api/gadget-get.md includes docs/includes/a.md includes docs/includes/b.md includes docs/includes/a.md); not read"}
	if got := diagLines(ds); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	op := opOf(t, api, "docs/api/gadget-get.md")
	if got := permissionSummary(op.Permissions); len(got) != 1 || got[0] != "docs/includes/a.md:4 application [[Gadget.Read.All] [Gadget.ReadWrite.All]]" {
		t.Errorf("permissions %q", got)
	}
	// A page that includes itself stays a page.
	api, ds = parseSources(t, "docs/api/gadget-get.md", methodPageWith("[!INCLUDE [me](gadget-get.md)]"))
	if len(api.Operations) != 1 || len(ds) != 1 || !strings.Contains(ds[0].Message, "is a cycle") || ds[0].Pos.Line != 7 {
		t.Errorf("self-include: %d operations, diagnostics %q", len(api.Operations), diagLines(ds))
	}
}

func TestIncludeDepthLimit(t *testing.T) {
	// The page includes i1, which includes i2, ... up to i10.
	srcs := []string{"docs/api/gadget-get.md", methodPageWith("[!INCLUDE [i1](../includes/i1.md)]")}
	for i := 1; i <= 10; i++ {
		srcs = append(srcs, fmt.Sprintf("docs/includes/i%d.md", i), fmt.Sprintf("line of i%d\n\n[!INCLUDE [next](i%d.md)]\n", i, i+1))
	}
	_, ds := parseSources(t, srcs...)
	want := []string{fmt.Sprintf("docs/includes/i%d.md:3 include: include i%d.md nests deeper than %d includes; not read", maxIncludeDepth, maxIncludeDepth+1, maxIncludeDepth)}
	if got := diagLines(ds); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
}

func TestIncludeMissingAndOutside(t *testing.T) {
	page := methodPageWith(lines(
		"[!INCLUDE [permissions-table](../includes/permissions/gadget-get-permissions.md)]",
		"",
		"[!INCLUDE [national-cloud-support](../../includes/all-clouds.md)]",
		"",
		"[!include[note](/absolute/note.md)]",
	))
	api, ds := parseSources(t, "docs/api/gadget-get.md", page)
	want := []string{
		"docs/api/gadget-get.md:7 include: include ../includes/permissions/gadget-get-permissions.md: docs/includes/permissions/gadget-get-permissions.md is missing; not read, so the operation's permissions are undetermined",
		"docs/api/gadget-get.md:9 include: include ../../includes/all-clouds.md is outside every DOCS_DIR; not read",
		"docs/api/gadget-get.md:11 include: include /absolute/note.md is outside every DOCS_DIR; not read",
	}
	if got := diagLines(ds); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	op := opOf(t, api, "docs/api/gadget-get.md")
	if len(op.Permissions) != 0 || op.Routes[0].Pos.Line != 15 {
		t.Errorf("permissions %v, route at %s", op.Permissions, op.Routes[0].Pos)
	}
}

// Files below includes/ and files some page includes are not pages, even
// when nothing includes them or they hold a table.
func TestIncludeOnlyFilesAreNotPages(t *testing.T) {
	api, ds := parseSources(t,
		"docs/api/gadget-get.md", methodPageWith("[!INCLUDE [permissions-table](../shared/gadget-perms.md)]"),
		"docs/shared/gadget-perms.md", permTable,
		"docs/includes/unused.md", "---\nms.topic: include\n---\n\n# Not a page\n",
		"docs/api/includes/note.md", "A note.\n",
	)
	if len(ds) != 0 {
		t.Errorf("diagnostics %q", diagLines(ds))
	}
	if len(api.Pages) != 1 || api.Pages[0].Pos.File != "docs/api/gadget-get.md" {
		for _, p := range api.Pages {
			t.Errorf("page %s (%s)", p.Pos, p.Kind)
		}
	}
	if op := opOf(t, api, "docs/api/gadget-get.md"); len(op.Permissions) != 1 || op.Permissions[0].Pos.File != "docs/shared/gadget-perms.md" {
		t.Errorf("permissions %q", permissionSummary(op.Permissions))
	}
}

// An include line in a code block is code; a front matter in an included
// file is left out; "include" is matched in any case.
func TestIncludeSplicing(t *testing.T) {
	inc := &includer{files: map[string][]byte{
		"d/includes/x.md": []byte("---\nms.topic: include\n---\nX line 4\nX line 5"),
	}, roots: map[string]bool{"d": true}}
	page := lines(
		"page 1",
		"[!InClUdE [x](../includes/x.md)]",
		"```md",
		"[!INCLUDE [x](../includes/x.md)]",
		"```",
		"page 6",
	)
	var d diag.List
	out, origin := inc.expand("d/api/p.md", []byte(page), &d)
	var got []string
	for i, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		got = append(got, fmt.Sprintf("%s %s", origin[i], l))
	}
	want := []string{
		"d/api/p.md:1 page 1",
		"d/api/p.md:2 ",
		"d/includes/x.md:4 X line 4",
		"d/includes/x.md:5 X line 5",
		"d/api/p.md:2 ",
		"d/api/p.md:3 ```md",
		"d/api/p.md:4 [!INCLUDE [x](../includes/x.md)]",
		"d/api/p.md:5 ```",
		"d/api/p.md:6 page 6",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spliced:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ds := d.Sorted(); len(ds) != 0 {
		t.Errorf("diagnostics %q", diagLines(ds))
	}
}

// A link whose case differs from the file's names that file: here only the
// link says the cell's type is gadget.
func TestLinkCaseDiffers(t *testing.T) {
	resource := func(name, props string) string {
		return lines("---", "title: "+name+" resource type", "doc_type: resourcePageType", "---",
			"# "+name+" resource type", "## Properties", "| Property | Type | Description |", "|:--|:--|:--|", props)
	}
	api, ds := parseSources(t,
		"docs/resources/holder.md", resource("holder", "| thing | [widgetThing](Gadget.md) | The gadget. |"),
		"docs/resources/gadget.md", resource("gadget", "| id | String | Its id. |"),
	)
	want := []string{"docs/resources/holder.md:9 link: link Gadget.md names docs/resources/Gadget.md, whose file is docs/resources/gadget.md (the case differs); read as a link to it"}
	if got := diagLines(ds); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	for _, ty := range api.Types {
		if ty.Name == "holder" {
			if got := ty.Properties[0].Type.Name; got != "microsoft.graph.gadget" {
				t.Errorf("thing is %s, want microsoft.graph.gadget", got)
			}
			return
		}
	}
	t.Error("no holder type")
}

// The tabbed form of an example (today's format) gives the same model as
// the classic form.
func TestTabbedExampleSameAsClassic(t *testing.T) {
	head := lines("---", "title: Get gadget", "doc_type: apiPageType", "---", "# Get gadget",
		"## HTTP request", "```http", "GET /gadgets/{id}", "```",
		"## Response", "If successful, this method returns a `200 OK` response code.",
		"## Examples", "### Request")
	request := lines(`<!-- { "blockType": "request", "name": "get_gadget" } -->`, "```%s", "GET https://graph.microsoft.com/v1.0/gadgets/1", "```")
	response := lines("### Response", `<!-- { "blockType": "response", "truncated": true } -->`, "```http",
		"HTTP/1.1 200 OK", "Content-type: application/json", "", `{"id": "1"}`, "```")
	classic := head + fmt.Sprintf(request, "http") + response
	tabbed := head + lines("# [HTTP](#tab/http)") + fmt.Sprintf(request, "msgraph-interactive") + lines(
		"# [C#](#tab/csharp)",
		"[!INCLUDE [sample-code](../includes/snippets/csharp/get-gadget-csharp-snippets.md)]",
		"[!INCLUDE [sdk-documentation](../includes/snippets/snippets-sdk-documentation-link.md)]",
		"",
		"# [Go](#tab/go)",
		"[!INCLUDE [sample-code](../includes/snippets/go/get-gadget-go-snippets.md)]",
		"---", // right after the include: a thematic break, not a heading
		"",
	) + response
	examples := func(page string) (string, []diag.Diagnostic) {
		api, ds := parseSources(t, "docs/api/gadget-get.md", page)
		op := opOf(t, api, "docs/api/gadget-get.md")
		for _, ex := range op.Examples {
			ex.Pos, ex.Request.Pos = model.Pos{}, model.Pos{}
			if ex.Response != nil {
				ex.Response.Pos = model.Pos{}
			}
		}
		b, _ := json.Marshal(op.Examples)
		return string(b), ds
	}
	want, ds := examples(classic)
	if len(ds) != 0 {
		t.Errorf("classic: %q", diagLines(ds))
	}
	got, ds := examples(tabbed)
	if len(ds) != 0 {
		t.Errorf("tabbed: %q", diagLines(ds))
	}
	if got != want || !strings.Contains(want, `"status":200`) {
		t.Errorf("tabbed examples\n%s\nwant\n%s", got, want)
	}
}

func TestResponseBlankLineBeforeHeaders(t *testing.T) {
	m, err := ParseExampleResponse("HTTP/1.1 200 OK\n\nContent-type: application/json\n\n{\"a\": 1}")
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != 200 || HeaderValue(m.Headers, "content-type") != "application/json" || m.Body != `{"a": 1}` || m.HeadersGap != 1 || m.BodyLine != 4 {
		t.Errorf("%+v", m)
	}
	// A body that is not a header stays the body.
	m, _ = ParseExampleResponse("HTTP/1.1 200 OK\n\nnote: text")
	if len(m.Headers) != 0 || m.Body != "note: text" || m.HeadersGap != 0 {
		t.Errorf("%+v", m)
	}
}

// The graph-current sample: today's reference format, pages mixed with
// older revisions, some includes missing.
var currentDir = filepath.Join("..", "..", "shared", "corpus", "graph-current", "api-reference", "v1.0")

func TestGraphCurrentSample(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the graph-current sample")
	}
	if _, err := os.Stat(currentDir); err != nil {
		t.Skipf("graph-current sample not found at %s (../shared/corpus/graph-current from the project): %v", currentDir, err)
	}
	src, err := ReadDir(currentDir)
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	api := Parse(src, &d)
	ds := d.Sorted()
	missingPerms := map[string]bool{} // pages whose permissions include is missing
	for _, x := range ds {
		if strings.Contains(x.Pos.File, "/includes/") && strings.Contains(x.Message, "read as a conceptual page") {
			t.Errorf("an include file is read as a page: %s: %s", x.Pos, x.Message)
		}
		if x.Category == "include" && strings.Contains(x.Message, "permissions are undetermined") {
			if missingPerms[x.Pos.File] {
				t.Errorf("%s: said twice: %s", x.Pos, x.Message)
			}
			missingPerms[x.Pos.File] = true
			if !strings.Contains(x.Message, "is missing") {
				t.Errorf("%s: %s", x.Pos, x.Message)
			}
		}
	}
	for _, p := range api.Pages {
		if strings.Contains(p.Pos.File, "/includes/") {
			t.Errorf("include file %s is a page", p.Pos.File)
		}
	}
	methods := 0
	for _, p := range api.Pages {
		if p.Kind == model.PageMethod {
			methods++
		}
	}
	ops := map[string]*model.Operation{}
	for _, op := range api.Operations {
		ops[op.Pos.File] = op
		undetermined := len(op.Permissions) == 0
		for _, p := range op.Permissions {
			undetermined = undetermined || p.Undetermined
		}
		if undetermined != missingPerms[op.Pos.File] {
			t.Errorf("%s: permissions undetermined %v, its permissions include missing %v", op.Pos.File, undetermined, missingPerms[op.Pos.File])
		}
	}
	if methods != 60 || len(ops) != methods {
		t.Errorf("%d method pages, %d operations", methods, len(ops))
	}
	for _, p := range api.Pages {
		if op := ops[p.Pos.File]; p.Kind == model.PageMethod && (op == nil || len(op.Examples) == 0) {
			t.Errorf("method page %s has no operation or no example", p.Pos.File)
		}
	}
	if len(missingPerms) == 0 {
		t.Error("no missing permissions include reported")
	}
}
