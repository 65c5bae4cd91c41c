package support

// What real OData clients send and expect, beyond the documented forms:
// the version base path, compressed bodies, /$count, absolute next links,
// and permissions that include narrower ones.

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// totalServer answers ListThings with one page of two items, the total
// (100) when $count=true asked for it, unless total=unknown, and a
// relative next link when the query has next=.
type totalServer struct{ echoServer }

func (totalServer) ListThings(ctx context.Context, q QueryOptions) (*Collection[string], error) {
	c := &Collection[string]{Value: []string{"a", "b"}}
	if q.Count && q.Extra.Get("total") != "unknown" {
		c.Count = Some(int64(100))
	}
	c.NextLink = q.Extra.Get("next")
	return c, nil
}

func get(t *testing.T, ts *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	return send(t, ts, "GET", path, "", nil)
}

// send makes a request with a bearer token, the Content-Type given when
// body is not nil, and the encoding given when it is not empty.
func send(t *testing.T, ts *httptest.Server, method, path, encoding string, body []byte) (int, http.Header, string) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, _ := http.NewRequest(method, ts.URL+path, r)
	req.Header.Set("Authorization", "Bearer t")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if encoding != "" {
		req.Header.Set("Content-Encoding", encoding)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(data)
}

func TestHandlerServesTheBasePath(t *testing.T) {
	for _, tt := range []struct {
		opts   []HandlerOption
		path   string
		status int
	}{
		{nil, "/v1.0/things/1", 200},
		{nil, "/V1.0/things/1", 200},
		{nil, "/things/1", 200},
		{nil, "/v1.0", 404},
		{nil, "/v1.0x/things/1", 404},
		{[]HandlerOption{WithBasePath("/beta/")}, "/beta/things/1", 200},
		{[]HandlerOption{WithBasePath("beta")}, "/beta/things/1", 200},
		{[]HandlerOption{WithBasePath("/beta")}, "/v1.0/things/1", 404},
		{[]HandlerOption{WithBasePath("")}, "/v1.0/things/1", 404},
		{[]HandlerOption{WithBasePath("")}, "/things/1", 200},
	} {
		ts := newThingServer(t, tt.opts...)
		if status, _, body := get(t, ts, tt.path); status != tt.status {
			t.Errorf("GET %s with %d options: %d %s, want %d", tt.path, len(tt.opts), status, body, tt.status)
		}
	}
}

func TestClientAddsTheBasePath(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"https://graph.example", "https://graph.example/v1.0"},
		{"https://graph.example/", "https://graph.example/v1.0"},
		{"https://graph.example/v1.0", "https://graph.example/v1.0"},
		{"https://graph.example/v1.0/", "https://graph.example/v1.0"},
		{"https://graph.example/beta", "https://graph.example/beta"},
	} {
		if got := NewClient(tt.base).baseURL; got != tt.want {
			t.Errorf("NewClient(%q) sends to %q, want %q", tt.base, got, tt.want)
		}
	}
}

func TestHandlerCountsACollection(t *testing.T) {
	ts := httptest.NewServer(thingHandler(totalServer{}))
	t.Cleanup(ts.Close)
	status, header, body := get(t, ts, "/v1.0/things/$count")
	if status != 200 || body != "100" || !strings.HasPrefix(header.Get("Content-Type"), "text/plain") {
		t.Errorf("GET /things/$count: %d %q %q, want 200 text/plain 100", status, header.Get("Content-Type"), body)
	}
	// Without a Count, a single page counts its items; a page of several
	// cannot be counted.
	ts2 := newThingServer(t)
	if status, _, body := get(t, ts2, "/things/$count?$select=a,b,c"); status != 200 || body != "3" {
		t.Errorf("GET /things/$count from a Server without Count: %d %q, want 3", status, body)
	}
	if status, _, body := get(t, ts, "/things/$count?total=unknown&next=/things%3Fx=2"); status != 500 {
		t.Errorf("GET /things/$count of one page of several, no Count: %d %q, want 500", status, body)
	}
	// $count=true keeps its meaning, and $count of one item is no count.
	status, _, body = get(t, ts, "/things?$count=true")
	if status != 200 || !strings.Contains(body, `"@odata.count":100`) {
		t.Errorf("GET /things?$count=true: %d %s", status, body)
	}
	if status, _, body := get(t, ts, "/things/1/$count"); status != 400 {
		t.Errorf("GET /things/1/$count: %d %s, want 400", status, body)
	}
}

func TestHandlerMakesNextLinksAbsolute(t *testing.T) {
	ts := httptest.NewServer(thingHandler(totalServer{}))
	t.Cleanup(ts.Close)
	for _, tt := range []struct{ path, next, want string }{
		{"/v1.0/things", "?$skiptoken=2", ts.URL + "/v1.0/things?$skiptoken=2"},
		{"/v1.0/things", "/things?$skiptoken=2", ts.URL + "/v1.0/things?$skiptoken=2"},
		{"/v1.0/things", "/v1.0/things?$skiptoken=2", ts.URL + "/v1.0/things?$skiptoken=2"},
		{"/things", "/things?$skiptoken=2", ts.URL + "/things?$skiptoken=2"},
		{"/v1.0/things", "https://elsewhere.example/v1.0/things?$skiptoken=2", "https://elsewhere.example/v1.0/things?$skiptoken=2"},
	} {
		status, _, body := get(t, ts, tt.path+"?next="+strings.NewReplacer("?", "%3F", "&", "%26", "$", "%24").Replace(tt.next))
		var page struct {
			Next string `json:"@odata.nextLink"`
		}
		if err := json.Unmarshal([]byte(body), &page); status != 200 || err != nil || page.Next != tt.want {
			t.Errorf("GET %s with next link %q: %d, @odata.nextLink %q, want %q", tt.path, tt.next, status, page.Next, tt.want)
		}
	}
}

func compress(t *testing.T, encoding string, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	var w io.WriteCloser
	switch encoding {
	case "gzip":
		w = gzip.NewWriter(&b)
	case "deflate":
		w = zlib.NewWriter(&b)
	case "raw-deflate":
		w, _ = flate.NewWriter(&b, flate.BestSpeed)
	}
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func TestHandlerDecodesCompressedBodies(t *testing.T) {
	body := []byte(`{"name":"n"}`)
	bomb := compress(t, "gzip", bytes.Repeat([]byte(" "), 64<<20))
	for _, tt := range []struct {
		name, encoding string
		body           []byte
		status         int
	}{
		{"gzip", "gzip", compress(t, "gzip", body), 201},
		{"GZIP", "GZIP", compress(t, "gzip", body), 201},
		{"zlib deflate", "deflate", compress(t, "deflate", body), 201},
		{"raw deflate", "deflate", compress(t, "raw-deflate", body), 201},
		{"identity", "identity", body, 201},
		{"none", "", body, 201},
		{"gzip that is not", "gzip", body, 400},
		{"truncated gzip", "gzip", compress(t, "gzip", body)[:10], 400},
		{"brotli", "br", body, 415},
		{"gzip bomb", "gzip", bomb, 413},
		{"decoded over the limit", "gzip", compress(t, "gzip", []byte(`{"name":"`+strings.Repeat("x", 200)+`"}`)), 413},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newThingServer(t, WithMaxBodyBytes(128))
			if tt.name == "gzip bomb" || tt.name == "gzip" {
				ts = newThingServer(t)
			}
			status, _, data := send(t, ts, "POST", "/v1.0/things", tt.encoding, tt.body)
			if status != tt.status {
				t.Fatalf("%d %s, want %d", status, data, tt.status)
			}
			if tt.status == 201 && !strings.Contains(data, `"name":"n"`) {
				t.Errorf("body %s", data)
			}
			if tt.status >= 400 {
				var e errorBody
				if err := json.Unmarshal([]byte(data), &e); err != nil || e.Error == nil {
					t.Errorf("not an OData error: %s", data)
				}
			}
		})
	}
}

func TestImplies(t *testing.T) {
	for _, tt := range []struct {
		held, wanted string
		want         bool
	}{
		{"Calendars.ReadWrite", "Calendars.Read", true},
		{"calendars.readwrite", "Calendars.Read", true},
		{"Calendars.ReadWrite", "Calendars.ReadBasic", true},
		{"Mail.ReadWrite", "Mail.Read", true},
		{"Mail.ReadWrite.Shared", "Mail.Read.Shared", true},
		{"Mail.ReadWrite.Shared", "Mail.Read", true},
		{"User.ReadWrite.All", "User.Read.All", true},
		{"User.ReadWrite.All", "User.ReadWrite", true},
		{"User.ReadWrite.All", "User.Read", true},
		{"User.Read.All", "User.ReadBasic.All", true},
		{"Directory.ReadWrite.All", "Directory.Read.All", true},
		{"Files.ReadWrite.All", "Files.Read", true},
		{"Calendars.Read", "Calendars.ReadWrite", false},
		{"User.Read", "User.Read.All", false},
		{"User.ReadBasic.All", "User.Read", false},
		{"Directory.Read.All", "User.Read.All", false},
		{"Mail.Send", "Mail.Read", false},
		{"Mail", "Mail.Read", false},
		{"Calendars.ReadWrite", "Contacts.Read", false},
	} {
		if got := Implies(tt.held, tt.wanted); got != tt.want {
			t.Errorf("Implies(%q, %q) = %v, want %v", tt.held, tt.wanted, got, tt.want)
		}
	}
}

func TestPermissionsIncludeNarrowerOnes(t *testing.T) {
	auth := func(scopes ...string) Authenticator {
		return func(context.Context, string) (*Principal, error) { return &Principal{Scopes: scopes}, nil }
	}
	for _, tt := range []struct {
		name   string
		opts   []HandlerOption
		status int
	}{
		{"listed", []HandlerOption{WithAuthenticator(auth("Thing.Read"))}, 200},
		{"broader", []HandlerOption{WithAuthenticator(auth("Thing.ReadWrite"))}, 200},
		{"broader, exact asked", []HandlerOption{WithAuthenticator(auth("Thing.ReadWrite")), WithExactPermissions()}, 403},
		{"narrower", []HandlerOption{WithAuthenticator(auth("Thing.ReadBasic"))}, 403},
	} {
		ts := newThingServer(t, tt.opts...)
		if status, _, body := get(t, ts, "/v1.0/things/1"); status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, status, body, tt.status)
		}
	}
}

func TestBodyNamesMatchInAnyCase(t *testing.T) {
	ts := newThingServer(t)
	for _, tt := range []struct {
		body   string
		status int
		want   string
	}{
		{`{"Name":"n","COUNT":2,"Tags":["a"]}`, 201, `{"name":"n","count":2,"tags":["a"]}`},
		{`{"name":"exact","Name":"folded"}`, 201, `{"name":"folded"}`},
		{`{"Nmae":"n"}`, 400, ""},
	} {
		status, _, data := send(t, ts, "POST", "/v1.0/things", "", []byte(tt.body))
		if status != tt.status || (tt.want != "" && data != tt.want) {
			t.Errorf("POST %s: %d %s, want %d %s", tt.body, status, data, tt.status, tt.want)
		}
	}
}
