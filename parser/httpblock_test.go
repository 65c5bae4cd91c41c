package parser

import (
	"reflect"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser/model"
)

func TestParseSyntaxBlock(t *testing.T) {
	code := strings.Join([]string{
		"GET /me/events", // 0
		"",               // 1
		"GET /users/{id | userPrincipalName}/events/{id}", // 2
		"  get users/{id}/calendar/events ",               // 3: lowercase method, no leading slash
		"GET /me/events?$select=subject&$top=5",           // 4
		"GET /me/messages/{id}/$value HTTP/1.1",           // 5
		"Content-Type: application/json",                  // 6: not a route
		// 7: a full URL
		"GET https://graph.microsoft.com/v1.0/reports/getEmailActivityCounts(period='{period_value}')",
		"# a comment line", // 8
		"// another",       // 9
		"DELETE",           // 10: no path
		"PATCH /me/drive/root:/{item-path}:/content/", // 11: trailing slash
		"",
	}, "\n")
	routes, problems := ParseSyntaxBlock(code)

	want := []RouteLine{
		{Line: 0, Method: "GET", Path: "/me/events"},
		{Line: 2, Method: "GET", Path: "/users/{id | userPrincipalName}/events/{id}"},
		{Line: 3, Method: "GET", Path: "/users/{id}/calendar/events"},
		{Line: 4, Method: "GET", Path: "/me/events", Query: "$select=subject&$top=5"},
		{Line: 5, Method: "GET", Path: "/me/messages/{id}/$value"},
		{Line: 7, Method: "GET", Path: "/reports/getEmailActivityCounts(period='{period_value}')"},
		{Line: 11, Method: "PATCH", Path: "/me/drive/root:/{item-path}:/content"},
	}
	if len(routes) != len(want) {
		t.Fatalf("got %d routes %+v, want %d", len(routes), routes, len(want))
	}
	for i, w := range want {
		if routes[i] != w {
			t.Errorf("route %d = %+v, want %+v", i, routes[i], w)
		}
	}

	if len(problems) != 2 {
		t.Fatalf("got %d problems %+v, want 2 (lines 6 and 10)", len(problems), problems)
	}
	for i, w := range []struct {
		line int
		text string
	}{{6, "Content-Type: application/json"}, {10, "DELETE"}} {
		if problems[i].Line != w.line {
			t.Errorf("problem %d is on line %d, want 0-based line %d", i, problems[i].Line, w.line)
		}
		if !strings.Contains(problems[i].Message, w.text) {
			t.Errorf("problem %d message %q should quote the line %q", i, problems[i].Message, w.text)
		}
	}
	if !strings.Contains(problems[0].Message, "HTTP method") {
		t.Errorf("problem 0 message %q should say the line lacks an HTTP method", problems[0].Message)
	}
	if !strings.Contains(problems[1].Message, "no path") {
		t.Errorf("problem 1 message %q should say the line has no path", problems[1].Message)
	}
}

func TestParseSyntaxBlockEmpty(t *testing.T) {
	for _, code := range []string{"", "\n\n", "   \n\t\n"} {
		routes, problems := ParseSyntaxBlock(code)
		if len(routes) != 0 || len(problems) != 0 {
			t.Errorf("ParseSyntaxBlock(%q) = %v, %v; want nothing", code, routes, problems)
		}
	}
}

func TestParseSyntaxBlockMethods(t *testing.T) {
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"} {
		routes, problems := ParseSyntaxBlock(m + " /x")
		if len(problems) != 0 || len(routes) != 1 || routes[0].Method != m {
			t.Errorf("ParseSyntaxBlock(%q) = %+v, %+v; want one %s route", m+" /x", routes, problems, m)
		}
	}
	routes, problems := ParseSyntaxBlock("FETCH /x")
	if len(routes) != 0 || len(problems) != 1 || problems[0].Line != 0 {
		t.Errorf("ParseSyntaxBlock(FETCH /x) = %+v, %+v; want one problem on line 0", routes, problems)
	}
}

func lit(s string) model.Segment   { return model.Segment{Literal: s} }
func param(s string) model.Segment { return model.Segment{Param: s} }

func TestParseRoute(t *testing.T) {
	tests := []struct {
		path string
		want []model.Segment
	}{
		{"/me", []model.Segment{lit("me")}},
		{"/Security/domainSecurityProfiles", []model.Segment{lit("Security"), lit("domainSecurityProfiles")}},
		{"/users/{id}", []model.Segment{lit("users"), param("id")}},
		// Alternatives name one value: the first names the parameter.
		{"/users/{id | userPrincipalName}/events/{id}", []model.Segment{lit("users"), param("id"), lit("events"), param("id")}},
		{"/users/{ id|userPrincipalName }", []model.Segment{lit("users"), param("id")}},
		{"/groups/{group-id}/members/{directoryObject-id}/$ref", []model.Segment{lit("groups"), param("group-id"), lit("members"), param("directoryObject-id"), lit("$ref")}},
		// OData function calls stay one segment; their parameters are Parts.
		{"/reports/getEmailActivityCounts(period='{period_value}')", []model.Segment{lit("reports"), mixed(lp("getEmailActivityCounts(period='"), pp("period_value"), lp("')"))}},
		{"/sites/{site-id}/getByPath(path='/a/b')/lists", []model.Segment{lit("sites"), param("site-id"), lit("getByPath(path='/a/b')"), lit("lists")}},
		{"/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')", []model.Segment{lit("me"), lit("drive"), lit("items"), param("id"), lit("workbook"), lit("worksheets"), param("id"), mixed(lp("range(address='"), pp("address"), lp("')"))}},
		{"/me/cell(row={row},column={column})", []model.Segment{lit("me"), mixed(lp("cell(row="), pp("row"), lp(",column="), pp("column"), lp(")"))}},
		{"/me/events/microsoft.graph.delta()", []model.Segment{lit("me"), lit("events"), lit("microsoft.graph.delta()")}},
		// Keys in parentheses.
		{"/users('{id}')", []model.Segment{mixed(lp("users('"), pp("id"), lp("')"))}},
		{"/items(id='{id | name}')/fields", []model.Segment{mixed(lp("items(id='"), pp("id"), lp("')")), lit("fields")}},
		// "<address>" is a placeholder some pages write in angle brackets.
		{"/me/range(address='<address>')/cell", []model.Segment{lit("me"), mixed(lp("range(address='"), pp("address"), lp("')")), lit("cell")}},
		{"/a/<b c>", []model.Segment{lit("a"), lit("<b c>")}},
		// An unclosed brace is text.
		{"/a/b{c", []model.Segment{lit("a"), lit("b{c")}},
		// So are braces that name nothing; a placeholder after them is not.
		{"/a/{}", []model.Segment{lit("a"), lit("{}")}},
		{"/a/f({ | },{x})", []model.Segment{lit("a"), mixed(lp("f({ | },"), pp("x"), lp(")"))}},
		// Type casts, $value and $count are literals.
		{"/users/{id}/memberOf/microsoft.graph.group", []model.Segment{lit("users"), param("id"), lit("memberOf"), lit("microsoft.graph.group")}},
		{"/me/photo/$value", []model.Segment{lit("me"), lit("photo"), lit("$value")}},
		{"/users/$count", []model.Segment{lit("users"), lit("$count")}},
		// Empty segments do not count.
		{"//me//events/", []model.Segment{lit("me"), lit("events")}},
		{"/", nil},
		{"", nil},
	}
	for _, tc := range tests {
		if got := derefSegments(ParseRoute(tc.path)); !reflect.DeepEqual(got, nonNil(tc.want)) {
			t.Errorf("ParseRoute(%q)\n got %+v\nwant %+v", tc.path, got, tc.want)
		}
	}
}

func nonNil(s []model.Segment) []model.Segment {
	if s == nil {
		return []model.Segment{}
	}
	return s
}

// Path addressing, "root:/{item-path}:", puts a parameter between colons; it
// must come out as a parameter that may hold slashes, never as a literal
// holding braces.
func TestParseRoutePathAddressing(t *testing.T) {
	tests := []struct {
		path string
		want []model.Segment
	}{
		{"/me/drive/root:/{item-path}:", []model.Segment{lit("me"), lit("drive"), lit("root:"), span(pp("item-path"), lp(":"))}},
		{"/me/drive/root:/{item-path}:/content", []model.Segment{lit("me"), lit("drive"), lit("root:"), span(pp("item-path"), lp(":")), lit("content")}},
		// Without the closing colon the item path runs to the end.
		{"/me/drive/root:/{item-path}", []model.Segment{lit("me"), lit("drive"), lit("root:"), {Param: "item-path", Span: true}}},
		// The parent's id opens the addressing; the file name spans.
		{"/drives/{drive-id}/items/{parent-id}:/{filename}:/content", []model.Segment{lit("drives"), param("drive-id"), lit("items"), mixed(pp("parent-id"), lp(":")), span(pp("filename"), lp(":")), lit("content")}},
	}
	for _, tc := range tests {
		segs := ParseRoute(tc.path)
		if got := derefSegments(segs); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseRoute(%q)\n got %s\nwant %s", tc.path, showSegments(got), showSegments(tc.want))
		}
		for _, s := range segs {
			if strings.ContainsAny(s.Literal, "{}") {
				t.Errorf("ParseRoute(%q): literal segment %q holds a parameter", tc.path, s.Literal)
			}
		}
	}
	r := &model.Route{Segments: ParseRoute("/drives/{drive-id}/items/{parent-id}:/{filename}:/content")}
	if got, want := r.Params(), []string{"drive-id", "parent-id", "filename"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Params() = %q, want %q", got, want)
	}
}

func lp(s string) *model.SegmentPart { return &model.SegmentPart{Literal: s} }
func pp(s string) *model.SegmentPart { return &model.SegmentPart{Param: s} }

func mixed(parts ...*model.SegmentPart) model.Segment { return model.Segment{Parts: parts} }
func span(parts ...*model.SegmentPart) model.Segment {
	return model.Segment{Parts: parts, Span: true}
}

// showSegments renders segments readably: "lit", "{param}", "[lit{param}]*".
func showSegments(segs []model.Segment) string {
	var out []string
	for _, s := range segs {
		switch {
		case s.Parts != nil:
			var b strings.Builder
			b.WriteString("[")
			for _, p := range s.Parts {
				if p.Param != "" {
					b.WriteString("{" + p.Param + "}")
				} else {
					b.WriteString(p.Literal)
				}
			}
			b.WriteString("]")
			out = append(out, b.String())
		case s.Param != "":
			out = append(out, "{"+s.Param+"}")
		default:
			out = append(out, s.Literal)
		}
		if s.Span {
			out[len(out)-1] += "*"
		}
	}
	return strings.Join(out, " / ")
}

func containsString(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func TestParseExampleRequest(t *testing.T) {
	tests := []struct {
		name string
		code string
		want HTTPMessage
	}{
		{
			name: "v1.0 URL, headers, blank line, JSON body",
			code: "POST https://graph.microsoft.com/v1.0/users\nContent-Type: application/json\nAuthorization: Bearer a:b\n\n{\n  \"displayName\": \"Adele Vance\"\n}\n",
			want: HTTPMessage{
				Method: "POST", URL: "https://graph.microsoft.com/v1.0/users", Path: "/users",
				Headers: []*model.Header{{Name: "Content-Type", Value: "application/json"}, {Name: "Authorization", Value: "Bearer a:b"}},
				Body:    "{\n  \"displayName\": \"Adele Vance\"\n}", BodyLine: 4,
			},
		},
		{
			name: "localtest version segment",
			code: "POST https://graph.microsoft.com/localtest/Security/domainSecurityProfiles\nContent-type: application/json\n\n{}",
			want: HTTPMessage{
				Method: "POST", URL: "https://graph.microsoft.com/localtest/Security/domainSecurityProfiles", Path: "/Security/domainSecurityProfiles",
				Headers: []*model.Header{{Name: "Content-type", Value: "application/json"}}, Body: "{}", BodyLine: 3,
			},
		},
		{
			name: "V1.0 upper case, query string",
			code: "GET https://graph.microsoft.com/V1.0/me/events?$select=subject,body&$top=5",
			want: HTTPMessage{Method: "GET", URL: "https://graph.microsoft.com/V1.0/me/events?$select=subject,body&$top=5", Path: "/me/events", BodyLine: 1},
		},
		{
			name: "beta",
			code: "GET https://graph.microsoft.com/beta/me/",
			want: HTTPMessage{Method: "GET", URL: "https://graph.microsoft.com/beta/me/", Path: "/me", BodyLine: 1},
		},
		{
			name: "lowercase method, HTTP/1.1 suffix, leading blank lines",
			code: "\n\n  get https://graph.microsoft.com/v1.0/me HTTP/1.1\nPrefer: outlook.timezone=\"Pacific Standard Time\"\n",
			want: HTTPMessage{
				Method: "GET", URL: "https://graph.microsoft.com/v1.0/me", Path: "/me",
				Headers: []*model.Header{{Name: "Prefer", Value: "outlook.timezone=\"Pacific Standard Time\""}}, BodyLine: 5,
			},
		},
		{
			name: "relative path",
			code: "GET /me/messages",
			want: HTTPMessage{Method: "GET", URL: "/me/messages", Path: "/me/messages", BodyLine: 1},
		},
		{
			name: "missing leading slash",
			code: "GET me/messages",
			want: HTTPMessage{Method: "GET", URL: "me/messages", Path: "/me/messages", BodyLine: 1},
		},
		{
			name: "path addressing",
			code: "PUT https://graph.microsoft.com/v1.0/me/drive/root:/folder/file.txt:/content\nContent-Type: text/plain\n\nThe contents of the file goes here.",
			want: HTTPMessage{
				Method: "PUT", URL: "https://graph.microsoft.com/v1.0/me/drive/root:/folder/file.txt:/content", Path: "/me/drive/root:/folder/file.txt:/content",
				Headers: []*model.Header{{Name: "Content-Type", Value: "text/plain"}}, Body: "The contents of the file goes here.", BodyLine: 3,
			},
		},
		{
			name: "body straight after the headers",
			code: "POST https://graph.microsoft.com/v1.0/me/events\nContent-type: application/json\n{\n  \"subject\": \"x\"\n}",
			want: HTTPMessage{
				Method: "POST", URL: "https://graph.microsoft.com/v1.0/me/events", Path: "/me/events",
				Headers: []*model.Header{{Name: "Content-type", Value: "application/json"}}, Body: "{\n  \"subject\": \"x\"\n}", BodyLine: 2,
			},
		},
		{
			name: "body with no headers",
			code: "POST https://graph.microsoft.com/v1.0/me/sendMail\n\n\n{\"message\": {}}\n\n",
			want: HTTPMessage{Method: "POST", URL: "https://graph.microsoft.com/v1.0/me/sendMail", Path: "/me/sendMail", Body: "{\"message\": {}}", BodyLine: 3},
		},
		{
			name: "host only",
			code: "GET https://graph.microsoft.com",
			want: HTTPMessage{Method: "GET", URL: "https://graph.microsoft.com", Path: "/", BodyLine: 1},
		},
		{
			name: "only slashes",
			code: "GET //",
			want: HTTPMessage{Method: "GET", URL: "//", Path: "/", BodyLine: 1},
		},
		{
			// A header needs a name; ": x" starts the body.
			name: "colon with no name",
			code: "PATCH /x\n: x",
			want: HTTPMessage{Method: "PATCH", URL: "/x", Path: "/x", Body: ": x", BodyLine: 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseExampleRequest(tc.code)
			if err != nil {
				t.Fatalf("ParseExampleRequest: %v", err)
			}
			checkMessage(t, got, tc.want)
		})
	}
}

func checkMessage(t *testing.T, got, want HTTPMessage) {
	t.Helper()
	if got.Method != want.Method || got.URL != want.URL || got.Path != want.Path || got.Status != want.Status {
		t.Errorf("Method/URL/Path/Status = %q %q %q %d, want %q %q %q %d",
			got.Method, got.URL, got.Path, got.Status, want.Method, want.URL, want.Path, want.Status)
	}
	if g, w := derefHeaders(got.Headers), derefHeaders(want.Headers); !reflect.DeepEqual(g, w) {
		t.Errorf("Headers = %+v, want %+v", g, w)
	}
	if got.Body != want.Body {
		t.Errorf("Body = %q, want %q", got.Body, want.Body)
	}
	if got.BodyLine != want.BodyLine {
		t.Errorf("BodyLine = %d, want %d", got.BodyLine, want.BodyLine)
	}
}

func TestParseExampleRequestErrors(t *testing.T) {
	for _, code := range []string{
		"",
		"  \n \n",
		"Content-Type: application/json",
		"GET",
		"https://graph.microsoft.com/v1.0/me",
		"{\"a\": 1}",
	} {
		if m, err := ParseExampleRequest(code); err == nil {
			t.Errorf("ParseExampleRequest(%q) = %+v, want an error", code, m)
		}
	}
}

// A relative URL's query may itself hold a URL; its "://" is not a scheme.
func TestParseExampleRequestURLInQuery(t *testing.T) {
	m, err := ParseExampleRequest("GET /subscriptions?$filter=notificationUrl eq 'https://webhook.example.com/api'")
	if err != nil {
		t.Fatal(err)
	}
	if m.Path != "/subscriptions" {
		t.Errorf("Path = %q, want /subscriptions", m.Path)
	}
	m, err = ParseExampleRequest("DELETE https://graph.microsoft.com/v1.0/groups/1/acceptedSenders/$ref?$id=https://graph.microsoft.com/v1.0/users/2")
	if err != nil || m.Path != "/groups/1/acceptedSenders/$ref" {
		t.Errorf("Path = %q, %v; want /groups/1/acceptedSenders/$ref", m.Path, err)
	}
	// A syntax line from group-delete-acceptedsenders.md.
	routes, _ := ParseSyntaxBlock("DELETE /groups/{id}/acceptedSenders/$ref?$id=https://graph.microsoft.com/v1.0/users/{user-id}")
	if len(routes) != 1 || routes[0].Path != "/groups/{id}/acceptedSenders/$ref" || routes[0].Query != "$id=https://graph.microsoft.com/v1.0/users/{user-id}" {
		t.Errorf("ParseSyntaxBlock routes = %+v, want path /groups/{id}/acceptedSenders/$ref with the $id query", routes)
	}
}

func TestParseExampleResponse(t *testing.T) {
	tests := []struct {
		name string
		code string
		want HTTPMessage
	}{
		{
			name: "HTTP/1.1 201 Created",
			code: "HTTP/1.1 201 Created\nContent-Type: application/json\nContent-Length: 1247\n\n{\n  \"id\": \"1\"\n}\n",
			want: HTTPMessage{
				Status:  201,
				Headers: []*model.Header{{Name: "Content-Type", Value: "application/json"}, {Name: "Content-Length", Value: "1247"}},
				Body:    "{\n  \"id\": \"1\"\n}", BodyLine: 4,
			},
		},
		{
			name: "HTTP 201 Created",
			code: "HTTP 201 Created\nContent-type: application/json\n\n{}",
			want: HTTPMessage{Status: 201, Headers: []*model.Header{{Name: "Content-type", Value: "application/json"}}, Body: "{}", BodyLine: 3},
		},
		{
			name: "no reason phrase",
			code: "HTTP/1.1 200\n\n{}",
			want: HTTPMessage{Status: 200, Body: "{}", BodyLine: 2},
		},
		{
			name: "HTTP/2",
			code: "HTTP/2 200 OK",
			want: HTTPMessage{Status: 200, BodyLine: 1},
		},
		{
			name: "204 with no body",
			code: "HTTP/1.1 204 No Content\n",
			want: HTTPMessage{Status: 204, BodyLine: 2},
		},
		{
			name: "204 with no body or newline",
			code: "HTTP/1.1 204 No Content",
			want: HTTPMessage{Status: 204, BodyLine: 1},
		},
		{
			name: "204 with a body",
			code: "HTTP/1.1 204 No Content\n\n{}",
			want: HTTPMessage{Status: 204, Body: "{}", BodyLine: 2},
		},
		{
			name: "leading blank line",
			code: "\nHTTP/1.1 202 Accepted\nLocation: https://graph.microsoft.com/v1.0/x",
			want: HTTPMessage{Status: 202, Headers: []*model.Header{{Name: "Location", Value: "https://graph.microsoft.com/v1.0/x"}}, BodyLine: 3},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseExampleResponse(tc.code)
			if err != nil {
				t.Fatalf("ParseExampleResponse: %v", err)
			}
			checkMessage(t, got, tc.want)
		})
	}
}

func TestParseExampleResponseErrors(t *testing.T) {
	for _, code := range []string{
		"",
		"\n\n",
		"201 Created",
		"HTTP/1.1",
		"HTTP/1.1 Created",
		"HTTP/1.1 OK 200",
		"HTTP/1.1 999 Weird",
		"HTTP/1.1 99 Low",
		"{\"id\": \"1\"}",
		"Content-Type: application/json",
	} {
		if m, err := ParseExampleResponse(code); err == nil {
			t.Errorf("ParseExampleResponse(%q) = %+v, want an error", code, m)
		}
	}
}

func TestHeaderValue(t *testing.T) {
	hs := []*model.Header{{Name: "Content-Type", Value: "application/json"}, {Name: "Prefer", Value: "a"}, {Name: "prefer", Value: "b"}}
	tests := []struct{ name, want string }{
		{"content-type", "application/json"},
		{"CONTENT-TYPE", "application/json"},
		{"Prefer", "a"}, // the first of repeated headers
		{"Authorization", ""},
	}
	for _, tc := range tests {
		if got := HeaderValue(hs, tc.name); got != tc.want {
			t.Errorf("HeaderValue(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := HeaderValue(nil, "x"); got != "" {
		t.Errorf("HeaderValue(nil) = %q", got)
	}
}

func TestAngledPlaceholder(t *testing.T) {
	for path, want := range map[string]string{
		"/range(address='<address>')/cell": "<address>",
		"/a/<b c>/<d>":                     "<d>",
		"/users/{id}":                      "",
		"/a<":                              "",
	} {
		if got := AngledPlaceholder(path); got != want {
			t.Errorf("AngledPlaceholder(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestRouteTypo(t *testing.T) {
	for path, want := range map[string]string{
		"/users/{id | userPrincipalName}/events":               "",
		"/organization/{tenant id}/branding":                   "",
		"/range/resizedRange(deltaRows={n}, deltaColumns={n})": "",
		"/range(address='{address}'/entireRow":                 "unbalanced parentheses",
		"/users/{user-id} | user-principal-name/chats":         "space outside braces",
		"/users/{id/events":                                    "unbalanced braces",
	} {
		if got := routeTypo(path); !strings.Contains(got, want) || (want == "") != (got == "") {
			t.Errorf("routeTypo(%q) = %q, want %q", path, got, want)
		}
	}
}
