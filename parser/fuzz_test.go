package parser

// Fuzz targets for the parser's entry points. Each checks properties that
// hold for any input, not only that it returned: diagnostics and model
// positions point inside the page, a second parse gives the same result,
// line endings and a byte-order mark change nothing, the lenient JSON dialect
// reads strict JSON as encoding/json does, and parsed routes, messages and
// type names are well formed. Crashers found are kept in testdata/fuzz as
// regression cases; `go test` runs them.

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// fuzzCorpusPages are small corpus pages with features the inline seeds
// lack: a function route, path addressing, a sub-namespace, an enum page,
// $ref with @odata.bind, and a type with enum tables of its own.
var fuzzCorpusPages = []string{
	"api/reportroot-getemailactivitycounts.md",
	"api/driveitem-get-content.md",
	"api/group-post-members.md",
	"resources/callrecords-callrecord.md",
	"resources/enums-callrecords.md",
	"resources/identityset.md",
	"resources/chat.md",
}

// seedPages returns pages to seed the fuzzers with: the seed page, the
// inline pages of the tests, small pages with one problem each, and, where
// the corpus is present, fuzzCorpusPages.
func seedPages(f *testing.F) [][]byte {
	f.Helper()
	seed, err := os.ReadFile(seedDisk)
	if err != nil {
		f.Fatalf("reading the seed page: %v", err)
	}
	pages := []string{
		string(seed),
		methodPage,
		strings.ReplaceAll(methodPage, "\n", "\r\n"),
		"\xef\xbb\xbf" + methodPage,
		resourceTable("| id | String | The id. |", "| name | String |", "| size | Int64 | Bytes. | extra |", "| kind | [widgetKind](widgetkind.md) | Possible values are: `a`, `b`. |"),
		examplesPage(concat(request("a", "/widgets/1"), response("", `{"n":1}`), request("a", "/widgets/2"), response(`["a"]`, `{"value":[{"n":2}]}`))...),
		lines("---", "doc_type: enumPageType", "---", "# Enums", "### widgetKind values", "| Member | Value |", "|:--|:--|", "| round | 0 |", "| unknownFutureValue | 1 |"),
		lines("# widget resource type", "Inherits from [entity](entity.md).", "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\", \"baseType\": \"microsoft.graph.entity\" } -->", "```json", "{}", "```"),
		// An unclosed fence, then an unclosed comment.
		lines("---", "doc_type: apiPageType", "---", "# Get widget", "## HTTP request", "```http", "GET /widgets/{id}", "", "## Response"),
		lines("# Get widget", "<!-- { \"blockType\": \"request\" }", "```http", "GET /widgets", "```"),
		lines("## Properties", "|"+strings.Repeat(" c |", maxTableColumns+1), "|"+strings.Repeat("---|", maxTableColumns+1)),
		strings.Repeat("> ", maxNesting+1) + "x\n",
		"# Title\r\rbad \xff byte\r\n\x00",
	}
	out := make([][]byte, 0, len(pages)+len(fuzzCorpusPages))
	for _, p := range pages {
		out = append(out, []byte(p))
	}
	for _, name := range fuzzCorpusPages {
		if data, err := os.ReadFile(filepath.Join(corpusDir, filepath.FromSlash(name))); err == nil {
			out = append(out, data)
		}
	}
	return out
}

// fuzzPath is the stable path fuzzed pages are parsed under.
const fuzzPath = "docs/api/fuzz.md"

// parseFuzzPage runs the whole Parse on one page.
func parseFuzzPage(data []byte) (*model.API, []diag.Diagnostic) {
	var d diag.List
	api := Parse([]Source{{Path: fuzzPath, Data: data}}, &d)
	return api, d.Sorted()
}

// lineCount is the number of lines the parser sees in a page: line endings
// are "\r\n", "\n" or a lone "\r".
func lineCount(data []byte) int {
	return rawLine(data, len(data))
}

// eachPos calls fn with every model.Pos held in v, and the Go path to it.
func eachPos(v reflect.Value, at string, fn func(string, model.Pos)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachPos(v.Elem(), at, fn)
		}
	case reflect.Struct:
		if pos, ok := v.Interface().(model.Pos); ok {
			fn(at, pos)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				eachPos(v.Field(i), at+"."+v.Type().Field(i).Name, fn)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			eachPos(v.Index(i), at+"[]", fn)
		}
	}
}

// checkPage asserts the properties every parse of data must have: each
// diagnostic is one line pointing at a line of the page, and so is each
// position in the model (a zero Pos is a part the page did not state,
// such as the line of a response status assumed to be 200).
func checkPage(t *testing.T, data []byte, api *model.API, ds []diag.Diagnostic) {
	t.Helper()
	n := lineCount(data)
	for _, d := range ds {
		if d.Pos.File != fuzzPath || d.Pos.Line < 1 || d.Pos.Line > n {
			t.Errorf("diagnostic at %s, outside the page's %d lines: %s", d.Pos, n, d.Message)
		}
		if strings.ContainsAny(d.Message, "\r\n") || d.Message == "" {
			t.Errorf("diagnostic at %s is not one line: %q", d.Pos, d.Message)
		}
	}
	eachPos(reflect.ValueOf(api), "api", func(at string, p model.Pos) {
		if p != (model.Pos{}) && (p.File != fuzzPath || p.Line < 1 || p.Line > n) {
			t.Errorf("%s is %s, outside the page's %d lines", at, p, n)
		}
	})
}

// sameParse asserts that two parses gave the same model and diagnostics.
func sameParse(t *testing.T, what string, a *model.API, ad []diag.Diagnostic, b *model.API, bd []diag.Diagnostic) {
	t.Helper()
	aj, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	bj, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(aj, bj) {
		t.Errorf("%s: the model differs\n%.3000s\n%.3000s", what, aj, bj)
	}
	if !reflect.DeepEqual(ad, bd) {
		t.Errorf("%s: the diagnostics differ\n%s\n%s", what, formatDiags(ad), formatDiags(bd))
	}
}

func FuzzParsePage(f *testing.F) {
	for _, p := range seedPages(f) {
		f.Add(p)
	}
	bom := []byte("\xef\xbb\xbf")
	f.Fuzz(func(t *testing.T, data []byte) {
		api, ds := parseFuzzPage(data)
		checkPage(t, data, api, ds)
		again, ads := parseFuzzPage(data)
		sameParse(t, "a second parse", api, ds, again, ads)
		// CRLF line endings and a byte-order mark change bytes, never the
		// model or a line number.
		if crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")); !bytes.ContainsRune(data, '\r') && len(crlf) <= maxPageBytes {
			got, gds := parseFuzzPage(crlf)
			sameParse(t, "with CRLF line endings", api, ds, got, gds)
		}
		if withBOM := append(bom[:len(bom):len(bom)], data...); !bytes.HasPrefix(data, bom) && len(withBOM) <= maxPageBytes {
			got, gds := parseFuzzPage(withBOM)
			sameParse(t, "with a byte-order mark", api, ds, got, gds)
		}
	})
}

var (
	annotationRE = regexp.MustCompile(`(?s)<!--(.*?)-->`)
	codeBlockRE  = regexp.MustCompile("(?s)```[a-z-]*[ \t]*\r?\n(.*?)```")
	tableRowRE   = regexp.MustCompile(`(?m)^\|?([^|\n]*)\|([^|\n]*)\|`)
)

// seedMatches adds group 1 of each match of re in the seed pages.
func seedMatches(f *testing.F, re *regexp.Regexp, add func(string)) {
	for _, p := range seedPages(f) {
		for _, m := range re.FindAllSubmatch(p, 200) {
			add(string(m[1]))
		}
	}
}

// jsonDepth is the nesting depth of a decoded JSON value.
func jsonDepth(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			d = max(d, jsonDepth(e))
		}
		return d + 1
	case []any:
		for _, e := range v {
			d = max(d, jsonDepth(e))
		}
		return d + 1
	}
	return 0
}

func FuzzParseAnnotation(f *testing.F) {
	seedMatches(f, annotationRE, func(s string) { f.Add(s) })
	for _, s := range []string{
		`{ blockType: request, 'name': "a", }`,
		"{ \"blockType\": \"response\",\n \"truncated\": \"true\" \n}",
		`{"name": ["a", "b"], "isCollection": true, "x": [1, -2.5e3, null, {}]}`,
		`{"s": "tab\t, \"quote\", \\, \/, \b\f\n\r, \u00e9, \ud83d\ude00"}`,
		`{"unclosed": [1, 2`,
		nested("[", "1", "]", maxJSONDepth+1),
		"not an annotation",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		a, ok, err := ParseAnnotation(body)
		if want := strings.HasPrefix(strings.TrimSpace(body), "{"); ok != want {
			t.Fatalf("ok = %v, want %v", ok, want)
		}
		if !ok {
			return
		}
		deep := tooDeep(body) >= 0
		if deep && err == nil {
			t.Errorf("nested deeper than %d levels, and no error", maxJSONDepth)
		}
		if err == nil && a.BlockType != strings.TrimSpace(a.BlockType) {
			t.Errorf("blockType %q is not trimmed", a.BlockType)
		}
		// The lenient dialect is a superset of JSON: on strict JSON it
		// reads what encoding/json reads.
		var strict any
		if deep || json.Unmarshal([]byte(body), &strict) != nil {
			return
		}
		if err != nil {
			if _, isObj := strict.(map[string]any); isObj {
				t.Errorf("strict JSON object refused: %v", err)
			}
		}
		lp := &lenient{s: body}
		got, lerr := lp.value(0)
		if lerr == nil {
			lp.space()
		}
		if lerr != nil || lp.i != len(body) {
			t.Fatalf("lenient parser refuses strict JSON: %v (stopped at %d of %d)", lerr, lp.i, len(body))
		}
		if !reflect.DeepEqual(got, strict) {
			t.Errorf("lenient parser reads\n%#v\nencoding/json reads\n%#v", got, strict)
		}
		if d := jsonDepth(got); d > maxJSONDepth+1 {
			t.Errorf("depth %d read past the limit", d)
		}
	})
}

// checkRoute asserts a route path's segments are well formed: each is a
// literal, a parameter, or a mix of at least two parts, and each part one
// of the two.
func checkRoute(t *testing.T, path string) {
	t.Helper()
	for i, s := range ParseRoute(path) {
		kinds := 0
		for _, set := range []bool{s.Literal != "", s.Param != "", len(s.Parts) > 0} {
			if set {
				kinds++
			}
		}
		if kinds != 1 || (len(s.Parts) > 0 && len(s.Parts) < 2) {
			t.Errorf("route %q segment %d is %+v", path, i, *s)
		}
		for _, part := range s.Parts {
			if (part.Literal == "") == (part.Param == "") {
				t.Errorf("route %q segment %d has a part %+v", path, i, *part)
			}
		}
	}
}

// checkParsedMessage asserts the parts of a parsed example message are where
// block says.
func checkParsedMessage(t *testing.T, code string, m HTTPMessage) {
	t.Helper()
	n := strings.Count(code, "\n") + 1
	if m.BodyLine < 0 || m.BodyLine > n {
		t.Errorf("body line %d outside the block's %d lines", m.BodyLine, n)
	}
	if m.Body != strings.TrimSpace(m.Body) || !strings.Contains(code, m.Body) {
		t.Errorf("body %q is not trimmed text of the block", m.Body)
	}
	for _, h := range m.Headers {
		if h.Name == "" || strings.ContainsAny(h.Name, " \t\n:") {
			t.Errorf("header name %q", h.Name)
		}
	}
}

func FuzzHTTPBlock(f *testing.F) {
	seedMatches(f, codeBlockRE, func(s string) { f.Add(s) })
	for _, s := range []string{
		"GET /users/{id | userPrincipalName}/events/{id}\nPOST /reports/getEmailActivityCounts(period='{period_value}')\nGET me/drive/root:/{item-path}:/content?$select=id\nPATCH /x HTTP/1.1\n# comment\nnot a route\nGET",
		"GET https://graph.microsoft.com/V1.0/users/<id>/photo/$value?x=https://y\nAuthorization: Bearer {token}\n{\n  \"a\": 1\n}",
		"HTTP/1.1 201 Created\r\nContent-type: application/json\r\n\r\n{\"value\": []}",
		"HTTP 204",
		"/a{b}c{d}/e(f='{g}'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		n := strings.Count(code, "\n") + 1
		routes, problems := ParseSyntaxBlock(code)
		for _, r := range routes {
			if r.Line < 0 || r.Line >= n || !httpMethods[r.Method] || !strings.HasPrefix(r.Path, "/") || strings.Contains(r.Path, "?") {
				t.Errorf("route %+v of a %d-line block", r, n)
			}
			checkRoute(t, r.Path)
		}
		for _, p := range problems {
			if p.Line < 0 || p.Line >= n || p.Message == "" {
				t.Errorf("problem %+v of a %d-line block", p, n)
			}
		}
		checkRoute(t, code)
		if m, err := ParseExampleRequest(code); err == nil {
			if !httpMethods[m.Method] || !strings.HasPrefix(m.Path, "/") || m.URL == "" {
				t.Errorf("request %s %q path %q", m.Method, m.URL, m.Path)
			}
			checkParsedMessage(t, code, m)
		}
		if m, err := ParseExampleResponse(code); err == nil {
			if m.Status < 100 || m.Status > 599 {
				t.Errorf("status %d", m.Status)
			}
			checkParsedMessage(t, code, m)
		}
		if p := urlPath(code); !strings.HasPrefix(p, "/") {
			t.Errorf("urlPath(%q) = %q", code, p)
		}
	})
}

// edmKnown reports whether name is one of the Edm types a cell can name.
func edmKnown(name string) bool {
	for _, e := range edmNames {
		if "Edm."+e == name {
			return true
		}
	}
	return false
}

func FuzzParseTypeCell(f *testing.F) {
	seedMatches(f, tableRowRE, func(s string) { f.Add(s, "", "microsoft.graph") })
	for _, s := range []string{
		"String", "Edm.Int64", "int", "Collection(String)", "Collection([x](x.md))", "x collection",
		"Collection of String", "[a](a.md) or [b](b.md)", "string/number", "string, maximum size 20",
		"(Optional) String", "`alertSeverity`", "**Int32**", "[x](x.md", "Untyped JSON object",
		"microsoft.graph.callRecords.session", "itemAnalytics resource", "n/a", "#microsoft.graph.x",
	} {
		f.Add(s, "x.md", "microsoft.graph.callRecords")
	}
	f.Fuzz(func(t *testing.T, text, link, namespace string) {
		c, ok := ParseTypeCell(text, link, namespace)
		if !ok {
			if c != (TypeCell{}) {
				t.Errorf("not a type, yet %+v", c)
			}
			return
		}
		// The cell's link is the page of its type; with none, the target
		// of an unclosed link in its text is.
		if link != "" && c.Link != link {
			t.Errorf("link %q, want %q", c.Link, link)
		}
		// An Edm type docgen does not know is one the cell or the
		// namespace spelled out.
		if c.Ref.IsEdm() && !edmKnown(c.Ref.Name) && !strings.Contains(strings.ToLower(text+namespace), "edm") {
			t.Errorf("%q reads as the unknown %s", text, c.Ref.Name)
		}
		// With a namespace such as documented ones, a cell names a type,
		// and that name read again is the same type: the canonical form is
		// a fixed point. (Markup trimming takes a namespace's leading or
		// trailing "_", which no real one has.)
		if !isTypeName(namespace) || strings.Contains(namespace, "..") || strings.Trim(namespace, "._") != namespace {
			return
		}
		if !isTypeName(c.Ref.Name) {
			t.Fatalf("%q reads as %q, not a type name", text, c.Ref.Name)
		}
		again, ok := ParseTypeCell(c.Ref.String(), "", namespace)
		if !ok || again.Ref != c.Ref {
			t.Errorf("%q reads as %s, which reads as %s (ok %v)", text, c.Ref, again.Ref, ok)
		}
	})
}

// FuzzParseIncludes parses a page that includes a file, which a second page
// includes twice, with both fuzzed: no panic, the same result twice, and
// every position inside the file it names.
func FuzzParseIncludes(f *testing.F) {
	dir := filepath.Join("testdata", "includes", "docs")
	page, err := os.ReadFile(filepath.Join(dir, "api", "widget-get.md"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"permissions/widget-get-permissions.md", "widget-query.md", "widget-note.md"} {
		inc, err := os.ReadFile(filepath.Join(dir, "includes", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bytes.ReplaceAll(page, []byte("../includes/"+name), []byte("../includes/i.md")), inc)
	}
	f.Add([]byte("[!INCLUDE [i](../includes/i.md)]\n"), []byte("[!INCLUDE [i](i.md)]\n[!INCLUDE [p](../api/p.md)]\n"))
	f.Fuzz(func(t *testing.T, page, inc []byte) {
		files := map[string][]byte{
			"docs/api/p.md":      page,
			"docs/includes/i.md": inc,
			"docs/api/q.md":      []byte("# Q\n\n[!INCLUDE [i](../includes/i.md)]\n\n[!include[i](../includes/i.md)]\n"),
		}
		src := []Source{{"docs/api/p.md", page}, {"docs/api/q.md", files["docs/api/q.md"]}, {"docs/includes/i.md", inc}}
		parse := func() (*model.API, []diag.Diagnostic) {
			var d diag.List
			api := Parse(src, &d)
			return api, d.Sorted()
		}
		api, ds := parse()
		inFile := func(p model.Pos) bool {
			data, ok := files[p.File]
			return ok && p.Line >= 1 && p.Line <= max(lineCount(data), 1)
		}
		for _, d := range ds {
			if !inFile(d.Pos) {
				t.Errorf("diagnostic at %s, outside its file: %s", d.Pos, d.Message)
			}
		}
		eachPos(reflect.ValueOf(api), "api", func(at string, p model.Pos) {
			if p != (model.Pos{}) && !inFile(p) {
				t.Errorf("%s is %s, outside its file", at, p)
			}
		})
		again, ads := parse()
		sameParse(t, "a second parse", api, ds, again, ads)
	})
}
