package parser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

const (
	// seedDisk is the seed page, relative to this package's directory.
	seedDisk = "../seeds/api/security-post-domainsecurityprofiles.md"
	// seedFile is the seed's stable path, as ReadDir("seeds") would name it.
	seedFile = "seeds/api/security-post-domainsecurityprofiles.md"
)

func readSeed(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(seedDisk)
	if err != nil {
		t.Fatalf("reading the seed page: %v", err)
	}
	return data
}

// parseSeedPage runs ParsePage on the seed and fails unless the page yields
// an operation.
func parseSeedPage(t *testing.T) (*PageResult, *diag.List) {
	t.Helper()
	var d diag.List
	res := ParsePage(seedFile, readSeed(t), &d)
	if res == nil || res.Page == nil {
		t.Fatalf("ParsePage returned no page")
	}
	if res.Operation == nil {
		t.Fatalf("ParsePage found no operation on the seed; diagnostics:\n%s", formatDiags(d.Sorted()))
	}
	return res, &d
}

// parseSeed runs the whole Parse (parse + resolve) on the seed alone.
func parseSeed(t *testing.T) (*model.API, *diag.List) {
	t.Helper()
	var d diag.List
	api := Parse([]Source{{Path: seedFile, Data: readSeed(t)}}, &d)
	if api == nil {
		t.Fatalf("Parse returned nil")
	}
	return api, &d
}

// formatDiags renders diagnostics one per line for failure messages.
func formatDiags(ds []diag.Diagnostic) string {
	if len(ds) == 0 {
		return "  (none)\n"
	}
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s: %s [%s]: %s\n", d.Pos, d.Severity, d.Category, d.Message)
	}
	return b.String()
}

// wantDiag is the part of a diagnostic a test pins down: where, how bad,
// which category, and words its message must contain.
type wantDiag struct {
	line     int
	severity diag.Severity
	category string
	contains []string
}

// checkDiags asserts that got is exactly want, in order (got is expected to
// come from List.Sorted), with each message holding the wanted words.
func checkDiags(t *testing.T, file string, got []diag.Diagnostic, want []wantDiag) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		g, w := got[i], want[i]
		if g.Pos.File != file || g.Pos.Line != w.line || g.Severity != w.severity || g.Category != w.category {
			ok = false
			break
		}
		for _, s := range w.contains {
			if !strings.Contains(g.Message, s) {
				ok = false
			}
		}
	}
	if ok {
		return
	}
	var b strings.Builder
	for _, w := range want {
		fmt.Fprintf(&b, "  %s:%d: %s [%s]: message containing %q\n", file, w.line, w.severity, w.category, w.contains)
	}
	t.Errorf("diagnostics differ\ngot:\n%swant:\n%s", formatDiags(got), b.String())
}

// seedProp is one row of the seed's request-body table.
type seedProp struct {
	name string
	typ  string // TypeRef.String()
	link string // the Type cell's link, if any
}

// seedBodyTable is the seed's request-body table (lines 47 to 61), in order.
var seedBodyTable = []seedProp{
	{"id", "Edm.String", ""},
	{"activityGroupNames", "Collection(Edm.String)", ""},
	{"azureSubscriptionId", "Edm.String", ""},
	{"azureTenantId", "Edm.String", ""},
	{"countHits", "Edm.Int32", ""},
	{"countInOrg", "Edm.Int32", ""},
	{"domainCategories", "Collection(microsoft.graph.reputationCategory)", "../resources/reputationcategory.md"},
	{"domainRegisteredDateTime", "Edm.DateTimeOffset", ""},
	{"firstSeenDateTime", "Edm.DateTimeOffset", ""},
	{"lastSeenDateTime", "Edm.DateTimeOffset", ""},
	{"name", "Edm.String", ""},
	{"registrant", "microsoft.graph.domainRegistrant", "../resources/domainregistrant.md"},
	{"riskScore", "Edm.String", ""},
	{"tags", "Collection(Edm.String)", ""},
	{"vendorInformation", "microsoft.graph.securityVendorInformation", "../resources/securityvendorinformation.md"},
}

const seedFirstBodyRow = 47

// checkSeedProps asserts a property list against seedBodyTable.
func checkSeedProps(t *testing.T, what string, props []*model.Property) {
	t.Helper()
	if len(props) != len(seedBodyTable) {
		names := make([]string, len(props))
		for i, p := range props {
			names[i] = p.Name
		}
		t.Fatalf("%s: got %d properties %v, want %d", what, len(props), names, len(seedBodyTable))
	}
	for i, w := range seedBodyTable {
		p := props[i]
		line := seedFirstBodyRow + i
		if p.Name != w.name {
			t.Errorf("%s[%d]: name %q, want %q", what, i, p.Name, w.name)
		}
		if got := p.Type.String(); got != w.typ {
			t.Errorf("%s[%d] %s: type %s, want %s", what, i, w.name, got, w.typ)
		}
		if p.Pos != (model.Pos{File: seedFile, Line: line}) {
			t.Errorf("%s[%d] %s: pos %s, want %s:%d", what, i, w.name, p.Pos, seedFile, line)
		}
		if p.Navigation {
			t.Errorf("%s[%d] %s: Navigation is set; request-body rows are structural", what, i, w.name)
		}
	}
	// The id row's description is "Inherited from [entity](...)": link text kept.
	if got := props[0].Doc; got != "Inherited from entity" {
		t.Errorf("%s[0] id: Doc %q, want %q", what, got, "Inherited from entity")
	}
}

func TestSeedPage(t *testing.T) {
	res, _ := parseSeedPage(t)
	pg := res.Page
	checks := []struct {
		field     string
		got, want any
	}{
		{"Pos", pg.Pos, model.Pos{File: seedFile, Line: 10}},
		{"Kind", pg.Kind, model.PageMethod},
		{"Title", pg.Title, "Create domainSecurityProfile"},
		{"Namespace", pg.Namespace, "microsoft.graph"},
		{"Description", pg.Description, "Create a new domainSecurityProfile object."},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("Page.%s = %#v, want %#v", c.field, c.got, c.want)
		}
	}
	if res.Type != nil {
		t.Errorf("a method page yields no resource type; got %+v", res.Type)
	}
	if len(res.Enums) != 0 {
		t.Errorf("a method page yields no enums; got %d", len(res.Enums))
	}
}

func TestSeedOperation(t *testing.T) {
	res, _ := parseSeedPage(t)
	op := res.Operation
	if op.Title != "Create domainSecurityProfile" {
		t.Errorf("Operation.Title = %q", op.Title)
	}
	if op.Doc != "Create a new domainSecurityProfile object." {
		t.Errorf("Operation.Doc = %q", op.Doc)
	}
	if op.Pos != (model.Pos{File: seedFile, Line: 10}) {
		t.Errorf("Operation.Pos = %s, want the title's line 10", op.Pos)
	}
	if op.Method != "POST" {
		t.Errorf("Operation.Method = %q, want POST", op.Method)
	}
	if len(op.Query) != 0 {
		t.Errorf("Operation.Query = %d parameters, want none", len(op.Query))
	}

	if len(op.Routes) != 1 {
		t.Fatalf("got %d routes, want exactly 1", len(op.Routes))
	}
	r := op.Routes[0]
	if r.Path != "/Security/domainSecurityProfiles" {
		t.Errorf("route path %q, want /Security/domainSecurityProfiles", r.Path)
	}
	if r.Pos != (model.Pos{File: seedFile, Line: 31}) {
		t.Errorf("route pos %s, want line 31 (the syntax line, not the fence)", r.Pos)
	}
	wantSegs := []model.Segment{{Literal: "Security"}, {Literal: "domainSecurityProfiles"}}
	if got := derefSegments(r.Segments); !reflect.DeepEqual(got, wantSegs) {
		t.Errorf("route segments %+v, want %+v", got, wantSegs)
	}
}

func derefSegments(segs []*model.Segment) []model.Segment {
	out := make([]model.Segment, 0, len(segs))
	for _, s := range segs {
		out = append(out, *s)
	}
	return out
}

func TestSeedRequestHeaders(t *testing.T) {
	res, _ := parseSeedPage(t)
	want := []model.Parameter{
		{Pos: model.Pos{File: seedFile, Line: 37}, Name: "Authorization", Value: "Bearer {token}"},
		{Pos: model.Pos{File: seedFile, Line: 38}, Name: "Content-Type", Value: "application/json"},
	}
	hs := res.Operation.Headers
	if len(hs) != len(want) {
		t.Fatalf("got %d request headers, want %d", len(hs), len(want))
	}
	for i, w := range want {
		if got := *hs[i]; !reflect.DeepEqual(got, w) {
			t.Errorf("header %d = %+v, want %+v", i, got, w)
		}
	}
}

func TestSeedRequestBody(t *testing.T) {
	res, _ := parseSeedPage(t)
	b := res.Operation.Body
	if b == nil {
		t.Fatal("Operation.Body is nil; the seed has a request-body table")
	}
	if b.Pos != (model.Pos{File: seedFile, Line: 45}) {
		t.Errorf("Body.Pos = %s, want the table's header line 45", b.Pos)
	}
	// "supply a JSON representation for the [domainSecurityProfile](...)".
	if want := (model.TypeRef{Name: "microsoft.graph.domainSecurityProfile"}); b.Type != want {
		t.Errorf("Body.Type = %s, want %s", b.Type, want)
	}
	if res.BodyType == nil || res.BodyType.Link != "../resources/domainsecurityprofile.md" {
		t.Errorf("BodyType = %+v, want a link to ../resources/domainsecurityprofile.md", res.BodyType)
	}
	checkSeedProps(t, "Body.Properties", b.Properties)

	// Type cells that link to a page keep the link for resolution.
	for i, w := range seedBodyTable {
		p := b.Properties[i]
		if got := res.Links[p]; got != w.link {
			t.Errorf("Links[%s] = %q, want %q", w.name, got, w.link)
		}
	}
	if len(res.Links) != 3 {
		t.Errorf("len(Links) = %d, want 3 (domainCategories, registrant, vendorInformation)", len(res.Links))
	}
}

func TestSeedResponse(t *testing.T) {
	res, _ := parseSeedPage(t)
	r := res.Operation.Response
	if r.Status != 201 {
		t.Errorf("Response.Status = %d, want 201", r.Status)
	}
	if r.Pos != (model.Pos{File: seedFile, Line: 66}) {
		t.Errorf("Response.Pos = %s, want the prose line 66", r.Pos)
	}
	if r.Type == nil {
		t.Fatal("Response.Type is nil, want microsoft.graph.domainSecurityProfile")
	}
	if want := (model.TypeRef{Name: "microsoft.graph.domainSecurityProfile"}); *r.Type != want {
		t.Errorf("Response.Type = %s, want %s", *r.Type, want)
	}
	if res.ResponseLink != "../resources/domainsecurityprofile.md" {
		t.Errorf("ResponseLink = %q", res.ResponseLink)
	}
}

func TestSeedPermissions(t *testing.T) {
	res, _ := parseSeedPage(t)
	want := []model.Permission{
		{Pos: model.Pos{File: seedFile, Line: 21}, Kind: model.DelegatedWork, Supported: true, Undetermined: true},
		{Pos: model.Pos{File: seedFile, Line: 22}, Kind: model.DelegatedPersonal, Supported: false},
		{Pos: model.Pos{File: seedFile, Line: 23}, Kind: model.Application, Supported: true, Undetermined: true},
	}
	ps := res.Operation.Permissions
	if len(ps) != len(want) {
		t.Fatalf("got %d permission rows, want %d", len(ps), len(want))
	}
	for i, w := range want {
		if got := *ps[i]; !reflect.DeepEqual(got, w) {
			t.Errorf("permission %d = %+v, want %+v", i, got, w)
		}
		if ps[i].Sets != nil {
			t.Errorf("permission %d (%s): Sets = %q, want nil", i, ps[i].Kind, ps[i].Sets)
		}
	}
}

func TestSeedExample(t *testing.T) {
	res, _ := parseSeedPage(t)
	exs := res.Operation.Examples
	if len(exs) != 1 {
		t.Fatalf("got %d examples, want 1", len(exs))
	}
	ex := exs[0]
	if ex.Name != "create_domainsecurityprofile_from_" {
		t.Errorf("Example.Name = %q", ex.Name)
	}
	if ex.Pos != (model.Pos{File: seedFile, Line: 72}) {
		t.Errorf("Example.Pos = %s, want the annotation's line 72", ex.Pos)
	}

	req := ex.Request
	if req == nil {
		t.Fatal("Example.Request is nil")
	}
	if req.Pos != (model.Pos{File: seedFile, Line: 78}) {
		t.Errorf("Request.Pos = %s, want the request line 78", req.Pos)
	}
	if req.Method != "POST" {
		t.Errorf("Request.Method = %q", req.Method)
	}
	if want := "https://graph.microsoft.com/localtest/Security/domainSecurityProfiles"; req.URL != want {
		t.Errorf("Request.URL = %q, want %q", req.URL, want)
	}
	if req.Path != "/Security/domainSecurityProfiles" {
		t.Errorf("Request.Path = %q, want /Security/domainSecurityProfiles", req.Path)
	}
	wantReqHeaders := []model.Header{{Name: "Content-type", Value: "application/json"}, {Name: "Content-length", Value: "1198"}}
	if got := derefHeaders(req.Headers); !reflect.DeepEqual(got, wantReqHeaders) {
		t.Errorf("Request.Headers = %+v, want %+v", got, wantReqHeaders)
	}
	checkJSONBody(t, "Request.Body", req.Body, "#microsoft.graph.domainSecurityProfile")

	resp := ex.Response
	if resp == nil {
		t.Fatal("Example.Response is nil; the response should pair with the request")
	}
	if resp.Pos != (model.Pos{File: seedFile, Line: 131}) {
		t.Errorf("Response.Pos = %s, want the status line 131", resp.Pos)
	}
	if resp.Status != 201 {
		t.Errorf("Response.Status = %d, want 201", resp.Status)
	}
	if !resp.Truncated {
		t.Error("Response.Truncated = false; the annotation says \"truncated\": true")
	}
	if resp.ODataType != "microsoft.graph.domainsecurityprofile" {
		t.Errorf("Response.ODataType = %q, want the annotation's spelling microsoft.graph.domainsecurityprofile", resp.ODataType)
	}
	if resp.IsCollection {
		t.Error("Response.IsCollection = true, want false")
	}
	wantRespHeaders := []model.Header{{Name: "Content-Type", Value: "application/json"}, {Name: "Content-Length", Value: "1247"}}
	if got := derefHeaders(resp.Headers); !reflect.DeepEqual(got, wantRespHeaders) {
		t.Errorf("Response.Headers = %+v, want %+v", got, wantRespHeaders)
	}
	checkJSONBody(t, "Response.Body", resp.Body, "#microsoft.graph.domainSecurityProfile")
	if !strings.Contains(resp.Body, `"id": "2db8f0b7-f0b7-2db8-b7f0-b82db7f0b82d"`) {
		t.Error("Response.Body lacks the example's id")
	}
}

func derefHeaders(hs []*model.Header) []model.Header {
	out := make([]model.Header, 0, len(hs))
	for _, h := range hs {
		out = append(out, *h)
	}
	return out
}

// checkJSONBody asserts an example body is a whole JSON object of the given
// @odata.type, without fences or stray carriage returns.
func checkJSONBody(t *testing.T, what, body, odataType string) {
	t.Helper()
	if !strings.HasPrefix(body, "{") || !strings.HasSuffix(body, "}") {
		t.Errorf("%s should start with { and end with }; got %.40q...", what, body)
	}
	if strings.Contains(body, "\r") || strings.Contains(body, "```") {
		t.Errorf("%s holds a carriage return or a fence", what)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Errorf("%s is not valid JSON: %v", what, err)
		return
	}
	if v["@odata.type"] != odataType {
		t.Errorf("%s: @odata.type = %v, want %s", what, v["@odata.type"], odataType)
	}
}

func TestSeedParsePageDiagnostics(t *testing.T) {
	_, d := parseSeedPage(t)
	checkDiags(t, seedFile, d.Sorted(), []wantDiag{
		{21, diag.Warning, "permissions", []string{"delegated work or school account", "placeholder", "TODO: Determine scopes"}},
		{23, diag.Warning, "permissions", []string{"application", "placeholder", "TODO: Determine AppOnly scopes"}},
	})
}

// seedTypes is what resolution makes of the seed: the body type from the
// request-body table, the three nested types from the example JSON.
var seedTypes = []struct {
	name   string
	source model.TypeSource
	line   int      // where the type is first referenced
	props  []string // inferred properties, all Edm.String (nil: the body table)
}{
	{"domainRegistrant", model.FromExamples, 58, []string{"countryOrRegionCode", "organization", "url"}},
	{"domainSecurityProfile", model.FromRequestTable, seedFirstBodyRow, nil},
	{"reputationCategory", model.FromExamples, 53, []string{"description", "name", "vendor"}},
	{"securityVendorInformation", model.FromExamples, 61, []string{"provider", "providerVersion", "subProvider"}},
}

func TestSeedParseTypes(t *testing.T) {
	api, _ := parseSeed(t)
	if len(api.Pages) != 1 || api.Pages[0].Pos.File != seedFile {
		t.Errorf("api.Pages = %d pages, want the seed alone", len(api.Pages))
	}
	if len(api.Enums) != 0 {
		t.Errorf("api.Enums = %d, want none", len(api.Enums))
	}
	if len(api.Types) != len(seedTypes) {
		names := []string{}
		for _, ty := range api.Types {
			names = append(names, ty.QualifiedName())
		}
		t.Fatalf("api.Types = %v, want the %d types %v", names, len(seedTypes), seedTypes)
	}
	for i, w := range seedTypes {
		ty := api.Types[i]
		t.Run(w.name, func(t *testing.T) {
			if ty.Name != w.name || ty.Namespace != "microsoft.graph" {
				t.Fatalf("api.Types[%d] = %s, want microsoft.graph.%s (types are sorted by qualified name)", i, ty.QualifiedName(), w.name)
			}
			if ty.Source != w.source {
				t.Errorf("Source = %q, want %q", ty.Source, w.source)
			}
			if ty.Pos != (model.Pos{File: seedFile, Line: w.line}) {
				t.Errorf("Pos = %s, want line %d", ty.Pos, w.line)
			}
			if ty.BaseType != "" || ty.Key != "" || ty.Abstract || ty.OpenType {
				t.Errorf("BaseType/Key/Abstract/OpenType = %q/%q/%v/%v, want all unset", ty.BaseType, ty.Key, ty.Abstract, ty.OpenType)
			}
			if w.props == nil {
				checkSeedProps(t, w.name+".Properties", ty.Properties)
				return
			}
			var got []string
			for _, p := range ty.Properties {
				got = append(got, p.Name)
				if p.Type != (model.TypeRef{Name: "Edm.String"}) {
					t.Errorf("%s.%s: type %s, want Edm.String", w.name, p.Name, p.Type)
				}
				// Inferred properties point at the example they came from.
				if p.Pos != (model.Pos{File: seedFile, Line: 78}) {
					t.Errorf("%s.%s: pos %s, want the request example's line 78", w.name, p.Name, p.Pos)
				}
				if p.Navigation {
					t.Errorf("%s.%s: Navigation set on an inferred property", w.name, p.Name)
				}
			}
			if !reflect.DeepEqual(got, w.props) {
				t.Errorf("properties %v, want %v in example order", got, w.props)
			}
		})
	}
}

func TestSeedParseOperation(t *testing.T) {
	api, _ := parseSeed(t)
	if len(api.Operations) != 1 {
		t.Fatalf("api.Operations = %d, want 1", len(api.Operations))
	}
	op := api.Operations[0]
	if op.Method != "POST" || len(op.Routes) != 1 || op.Routes[0].Path != "/Security/domainSecurityProfiles" {
		t.Errorf("operation = %s %d routes, want POST /Security/domainSecurityProfiles", op.Method, len(op.Routes))
	}
	if op.Body == nil || op.Body.Type != (model.TypeRef{Name: "microsoft.graph.domainSecurityProfile"}) {
		t.Errorf("Body.Type = %+v, want microsoft.graph.domainSecurityProfile", op.Body)
	}
	if op.Response.Type == nil || *op.Response.Type != (model.TypeRef{Name: "microsoft.graph.domainSecurityProfile"}) {
		t.Errorf("Response.Type = %v, want microsoft.graph.domainSecurityProfile", op.Response.Type)
	}
	if op.Response.Status != 201 {
		t.Errorf("Response.Status = %d, want 201", op.Response.Status)
	}
	// The body table survives resolution unchanged, references resolved to
	// the (inferred) types.
	checkSeedProps(t, "Body.Properties", op.Body.Properties)

	// The type's properties are copies: editing one must not edit the other.
	var bodyType *model.Type
	for _, ty := range api.Types {
		if ty.Name == "domainSecurityProfile" {
			bodyType = ty
		}
	}
	if bodyType != nil && len(bodyType.Properties) > 0 && len(op.Body.Properties) > 0 && bodyType.Properties[0] == op.Body.Properties[0] {
		t.Error("the type shares *Property values with the request-body table; they should be copies")
	}
}

func TestSeedParseDiagnostics(t *testing.T) {
	_, d := parseSeed(t)
	checkDiags(t, seedFile, d.Sorted(), []wantDiag{
		{21, diag.Warning, "permissions", []string{"placeholder", "TODO: Determine scopes"}},
		{23, diag.Warning, "permissions", []string{"placeholder", "TODO: Determine AppOnly scopes"}},
		{45, diag.Warning, "missing-page", []string{"domainSecurityProfile", "request body table", "15 properties"}},
		{53, diag.Warning, "missing-page", []string{"reputationCategory", "example", "3 properties"}},
		{58, diag.Warning, "missing-page", []string{"domainRegistrant", "example", "3 properties"}},
		{61, diag.Warning, "missing-page", []string{"securityVendorInformation", "example", "3 properties"}},
	})
	if w, e := d.Count(); w != 6 || e != 0 {
		t.Errorf("Count() = %d warnings, %d errors; want 6, 0", w, e)
	}
}

// Stub pages come with CRLF line endings and sometimes a byte-order mark;
// neither may change the model or the diagnostics.
func TestSeedLineEndingVariants(t *testing.T) {
	lf := readSeed(t)
	if bytes.Contains(lf, []byte("\r")) {
		lf = bytes.ReplaceAll(lf, []byte("\r\n"), []byte("\n"))
	}
	crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
	variants := map[string][]byte{
		"CRLF":     crlf,
		"BOM+LF":   append([]byte("\xef\xbb\xbf"), lf...),
		"BOM+CRLF": append([]byte("\xef\xbb\xbf"), crlf...),
	}
	var wantDiags diag.List
	want := Parse([]Source{{Path: seedFile, Data: lf}}, &wantDiags)
	for name, data := range variants {
		t.Run(name, func(t *testing.T) {
			var d diag.List
			got := Parse([]Source{{Path: seedFile, Data: data}}, &d)
			if !reflect.DeepEqual(got, want) {
				gj, _ := json.MarshalIndent(got, "", " ")
				wj, _ := json.MarshalIndent(want, "", " ")
				t.Errorf("model differs from the LF page's\n got: %.2000s\nwant: %.2000s", gj, wj)
			}
			if g, w := d.Sorted(), wantDiags.Sorted(); !reflect.DeepEqual(g, w) {
				t.Errorf("diagnostics differ from the LF page's\ngot:\n%swant:\n%s", formatDiags(g), formatDiags(w))
			}
		})
	}
}

// Parse works on all cores; its result must not depend on scheduling.
func TestParseIsDeterministic(t *testing.T) {
	seed := readSeed(t)
	sources := []Source{
		{Path: "docs/api/a.md", Data: seed},
		{Path: "docs/api/b.md", Data: seed},
		{Path: "docs/api/c.md", Data: seed},
		{Path: "docs/api/d.md", Data: seed},
	}
	var d0 diag.List
	first, _ := json.Marshal(Parse(sources, &d0))
	for i := 0; i < 10; i++ {
		var d diag.List
		got, _ := json.Marshal(Parse(sources, &d))
		if !bytes.Equal(got, first) {
			t.Fatalf("run %d: model differs from the first run", i)
		}
		if !reflect.DeepEqual(d.Sorted(), d0.Sorted()) {
			t.Fatalf("run %d: diagnostics differ from the first run", i)
		}
	}
	var d diag.List
	api := Parse(sources, &d)
	for i, op := range api.Operations {
		if op.Pos.File != sources[i].Path {
			t.Errorf("api.Operations[%d] is from %s, want %s (page order)", i, op.Pos.File, sources[i].Path)
		}
	}
}
