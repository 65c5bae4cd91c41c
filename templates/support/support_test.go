package support

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestReaderStrictAndLenient(t *testing.T) {
	body := `{"name":"n","count":2,"tags":["a"],"other":{"x":[1]},"x@odata.bind":"y"}`
	var strict thing
	err := unmarshal([]byte(body), &strict, true)
	var de *DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "other") {
		t.Fatalf("strict: %v, want an unknown property error naming other", err)
	}
	var lenient thing
	if err := unmarshal([]byte(body), &lenient, false); err != nil {
		t.Fatal(err)
	}
	if got := string(marshal(&lenient)); got != `{"name":"n","count":2,"tags":["a"],"other":{"x":[1]},"x@odata.bind":"y"}` {
		t.Errorf("re-encoded %s", got)
	}
}

// A duplicate member name keeps its last value, as encoding/json does, in
// either mode.
func TestReaderDuplicateKeyLastWins(t *testing.T) {
	var v thing
	if err := unmarshal([]byte(`{"name":"a","name":null,"name":"b","x":1,"x":2}`), &v, false); err != nil {
		t.Fatal(err)
	}
	if n := v.Name.Value; n != "b" || string(v.AdditionalData["x"]) != "2" {
		t.Errorf("name %q, x %s", n, v.AdditionalData["x"])
	}
}

func TestReaderStrings(t *testing.T) {
	for in, want := range map[string]string{
		`"\u00e9\ud83d\ude00"`: "é😀",
		`"\ud83d\u0041"`:       "\uFFFDA",
		`"\udc00"`:             "\uFFFD",
		"\"\xff\xfe\"":         "\uFFFD\uFFFD",
		`"a\/b\\\"\t"`:         "a/b\\\"\t",
	} {
		var v jsonValue
		if err := unmarshal([]byte(in), &v, true); err != nil || v.text != want {
			t.Errorf("%s: %q, %v; want %q", in, v.text, err, want)
		}
		var std string
		if err := json.Unmarshal([]byte(in), &std); err != nil || std != want {
			t.Errorf("%s: encoding/json reads %q", in, std)
		}
	}
}

func TestReaderRejects(t *testing.T) {
	for _, in := range []string{``, `{`, `{"a":1,}`, `[1,]`, `01`, `1.`, `"\x"`, "\"\x01\"", `{"count":2147483648}`, `{"count":"1"}`, `{} {}`,
		strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)} {
		var v thing
		if unmarshal([]byte(in), &v, false) == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestWriterEscapes(t *testing.T) {
	w := &jsonWriter{}
	w.str("a\"\\\n\x01\u2028\xff<")
	if got, want := string(w.buf), `"a\"\\\n\u0001\u2028\ufffd<"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestRouterMatches(t *testing.T) {
	root, routes := fuzzRouter()
	for _, tt := range []struct {
		method, path, pattern string
		params                []string
	}{
		{"GET", "/THINGS", "/things", nil},
		{"GET", "/things/a%2Fb", "/things/{id}", []string{"a/b"}},
		{"PATCH", "/things/1", "/things/{thing-id}", []string{"1"}},
		{"GET", "/things/1/Parts/2", "/Things/{id}/parts/{part}", []string{"1", "2"}},
		{"GET", "/things/delta()", "/things/delta()", nil},
		{"GET", "/things/delta", "/things/delta()", nil},
		{"GET", "/things/DELTA()", "/things/delta()", nil},
		{"GET", "/things/%24count", "/things/{id}", []string{"$count"}},
		{"GET", "/things/a%28b%29", "/things/{id}", []string{"a(b)"}},
		{"GET", "/things/a%252Fb", "/things/{id}", []string{"a%2Fb"}},
		{"GET", "/things('a%2Fb')", "/things/{id}", []string{"a/b"}},
		{"GET", "/things('O''Neil')", "/things/{id}", []string{"O'Neil"}},
		{"GET", "/things(userPrincipalName='x%40y.com')", "/things/{id}", []string{"x@y.com"}},
		{"GET", "/things(42)/parts('p')", "/Things/{id}/parts/{part}", []string{"42", "p"}},
		{"GET", "/things/getstats(period='D7')", "/things/getStats(period='{period}')", []string{"D7"}},
		{"GET", "/drive/root:/a/b:/content", "/drive/root:/{item-path*}:/content", []string{"a/b"}},
		{"GET", "/drive/root:/a/b:", "/drive/root:/{item-path*}:", []string{"a/b"}},
	} {
		target, params, _, _ := root.match(tt.method, tt.path)
		if target.serve == nil || routes[target.index].Pattern != tt.pattern || strings.Join(params, "|") != strings.Join(tt.params, "|") {
			t.Errorf("%s %s: matched %d with %q, want %s with %q", tt.method, tt.path, target.index, params, tt.pattern, tt.params)
		}
	}
	if _, _, allowed, _ := root.match("DELETE", "/things"); strings.Join(allowed, ",") != "GET,POST" {
		t.Errorf("allowed %q", allowed)
	}
	if target, _, allowed, _ := root.match("GET", "/things/%zz"); target.serve != nil || allowed != nil {
		t.Errorf("a path that does not unescape matched")
	}
	// OData syntax never fills a parameter: /things/$count is the count of
	// /things, and an unknown function is no id.
	for _, path := range []string{"/things/$count", "/things/$COUNT"} {
		if target, _, _, count := root.match("GET", path); target.serve == nil || routes[target.index].Pattern != "/things" || !count {
			t.Errorf("GET %s: matched %d, count %v; want the count of /things", path, target.index, count)
		}
	}
	for _, path := range []string{"/things/other()", "/things/$value", "/things/$ref", "/things('a','b')", "/things(a='1',b='2')"} {
		if target, params, _, _ := root.match("GET", path); target.serve != nil {
			t.Errorf("GET %s: matched %s with %q", path, routes[target.index].Pattern, params)
		}
	}
}

func newThingServer(t *testing.T, opts ...HandlerOption) *httptest.Server {
	opts = append([]HandlerOption{WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))}, opts...)
	ts := httptest.NewServer(newHandler(echoServer{}, thingRoutes, opts))
	t.Cleanup(ts.Close)
	return ts
}

func TestHandlerAnswers(t *testing.T) {
	ts := newThingServer(t, WithMaxBodyBytes(64))
	for _, tt := range []struct {
		method, path, auth, contentType, body string
		status                                int
		code                                  string
	}{
		{"GET", "/things/1", "", "", "", 401, codeUnauthorized},
		{"GET", "/nowhere", "Bearer t", "", "", 404, codeNotFound},
		{"DELETE", "/things", "Bearer t", "", "", 405, codeMethodNotAllowed},
		{"GET", "/things/1?$top=x", "Bearer t", "", "", 400, CodeBadRequest},
		{"POST", "/things", "Bearer t", "text/plain", "{}", 415, codeUnsupportedMedia},
		{"POST", "/things", "Bearer t", "application/json", `{"name":"` + strings.Repeat("x", 64) + `"}`, 413, codeTooLarge},
		{"POST", "/things", "Bearer t", "application/json", `{"nope":1}`, 400, CodeBadRequest},
		{"POST", "/things", "Bearer t", "application/json", ` `, 400, CodeBadRequest},
		{"GET", "/things/missing", "Bearer t", "", "", 404, "ResourceNotFound"},
		{"GET", "/things/nothing", "Bearer t", "", "", 500, codeInternal},
		{"POST", "/things", "Bearer t", "application/json", `{"name":"n"}`, 201, ""},
	} {
		req, _ := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader(tt.body))
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		if tt.contentType != "" {
			req.Header.Set("Content-Type", tt.contentType)
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: %d %s, want %d", tt.method, tt.path, resp.StatusCode, data, tt.status)
			continue
		}
		if tt.code != "" {
			var e errorBody
			if err := json.Unmarshal(data, &e); err != nil || e.Error == nil || e.Error.Code != tt.code {
				t.Errorf("%s %s: body %s, want code %s", tt.method, tt.path, data, tt.code)
			}
		}
		if tt.status == 401 && resp.Header.Get("WWW-Authenticate") != `Bearer realm="support"` {
			t.Errorf("WWW-Authenticate %q", resp.Header.Get("WWW-Authenticate"))
		}
	}
}

func TestClientAgainstHandler(t *testing.T) {
	ts := newThingServer(t)
	c := NewClient(ts.URL, WithHTTPClient(ts.Client()), WithBearerToken(func(context.Context) (string, error) { return "t", nil }))
	got, err := c.createThing(t.Context(), &thing{Name: Some("n"), Count: Null[int32](), Tags: Some([]string{"a"})})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(marshal(got)); s != `{"name":"n","count":null,"tags":["a"]}` {
		t.Errorf("got %s", s)
	}
	if th, err := c.getThing(t.Context(), "a/b"); err != nil || th.Name.Value != "a/b" {
		t.Errorf("getThing: %+v, %v", th, err)
	}
	_, err = c.getThing(t.Context(), "missing")
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 404 || e.Code != "ResourceNotFound" {
		t.Errorf("getThing(missing): %v", err)
	}
	if !strings.HasPrefix(err.Error(), "support: ") {
		t.Errorf("error %q does not name the package", err)
	}
	noToken := NewClient(ts.URL, WithHTTPClient(ts.Client()))
	if _, err := noToken.getThing(t.Context(), "1"); !errors.As(err, &e) || e.StatusCode != 401 {
		t.Errorf("without a token: %v", err)
	}
}

// The body limit holds with a Content-Length and, without one, while the
// body is read.
func TestBodyLimit(t *testing.T) {
	big := `{"name": "` + strings.Repeat("x", DefaultMaxBodyBytes) + `"}`
	for _, tt := range []struct {
		limit  int64
		body   io.Reader
		status int
	}{
		{0, strings.NewReader(big), 413},
		{0, io.MultiReader(strings.NewReader(big)), 413},
		{20, strings.NewReader(`{"name":"` + strings.Repeat("x", 20) + `"}`), 413},
		{20, io.MultiReader(strings.NewReader(`{"name":"` + strings.Repeat("x", 20) + `"}`)), 413},
		{20, strings.NewReader(`{"name":"n"}`), 201},
	} {
		var opts []HandlerOption
		if tt.limit > 0 {
			opts = append(opts, WithMaxBodyBytes(tt.limit))
		}
		ts := newThingServer(t, opts...)
		req, _ := http.NewRequest("POST", ts.URL+"/things", tt.body)
		req.Header.Set("Authorization", "Bearer t")
		req.Header.Set("Content-Type", "application/json")
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("limit %d, length %d: status %d, want %d", tt.limit, req.ContentLength, resp.StatusCode, tt.status)
		}
	}
}
