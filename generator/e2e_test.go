package generator_test

// These tests run the package generated from seeds/ (generated/graph) the
// way a user would: a real client against the real handler over loopback,
// and raw HTTP requests for what a client would never send.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	graph "github.com/docgen-dev/docgen/generated/graph"
)

// seedExample is the request body of the seed page's example.
func seedExample(t *testing.T) []byte {
	t.Helper()
	page, err := os.ReadFile("../seeds/api/security-post-domainsecurityprofiles.md")
	if err != nil {
		t.Fatal(err)
	}
	// The first JSON object after the request line is the request body.
	s := string(page)
	s = s[strings.Index(s, "POST https://"):]
	s = s[strings.Index(s, "{"):]
	return []byte(s[:strings.Index(s, "\n}\n")+2])
}

// echoServer answers CreateDomainSecurityProfile with the body it was given,
// plus an id, as a real service would.
type echoServer struct {
	graph.UnimplementedServer
	err   error
	panic bool
}

func (s *echoServer) CreateDomainSecurityProfile(ctx context.Context, body *graph.DomainSecurityProfile) (*graph.DomainSecurityProfile, error) {
	if s.panic {
		panic("boom")
	}
	if s.err != nil {
		return nil, s.err
	}
	out := *body
	out.ID = graph.Some("2db8f0b7-f0b7-2db8-b7f0-b82db7f0b82d")
	return &out, nil
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newServer(t *testing.T, s graph.Server, opts ...graph.HandlerOption) *httptest.Server {
	t.Helper()
	opts = append([]graph.HandlerOption{graph.WithLogger(quietLogger())}, opts...)
	ts := httptest.NewServer(graph.NewHandler(s, opts...))
	t.Cleanup(ts.Close)
	return ts
}

func token(context.Context) (string, error) { return "t0ken", nil }

func TestClientPostsSeedExample(t *testing.T) {
	ts := newServer(t, &echoServer{})
	c := graph.NewClient(ts.URL, graph.WithBearerToken(token))
	var in graph.DomainSecurityProfile
	if err := json.Unmarshal(seedExample(t), &in); err != nil {
		t.Fatal(err)
	}
	got, err := c.CreateDomainSecurityProfile(context.Background(), &in)
	if err != nil {
		t.Fatal(err)
	}
	if id := got.ID.Value; id != "2db8f0b7-f0b7-2db8-b7f0-b82db7f0b82d" {
		t.Errorf("id = %q", id)
	}
	if n := got.CountHits.Value; n != 9 {
		t.Errorf("countHits = %d, want 9", n)
	}
	if u := got.Registrant.Value.URL.Value; u != "Url value" {
		t.Errorf("registrant.url = %q", u)
	}
	if ts := got.FirstSeenDateTime.Value; ts.IsZero() || ts.Nanosecond() != 646002500 {
		t.Errorf("firstSeenDateTime = %v", ts)
	}
}

// call sends a raw request and returns the status, headers and decoded
// OData error (if any).
func call(t *testing.T, ts *httptest.Server, method, path, contentType, auth string, body io.Reader) (int, http.Header, map[string]string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var env struct {
		Error map[string]string `json:"error"`
	}
	if resp.StatusCode >= 400 {
		if err := json.Unmarshal(data, &env); err != nil || env.Error["code"] == "" || env.Error["message"] == "" {
			t.Errorf("%s %s: answer %d is not an OData error: %s", method, path, resp.StatusCode, data)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("error Content-Type = %q", ct)
		}
	}
	return resp.StatusCode, resp.Header, env.Error
}

const route = "/Security/domainSecurityProfiles"

func TestHandlerAnswers(t *testing.T) {
	ts := newServer(t, &echoServer{})
	example := string(seedExample(t))
	bearer := "Bearer t0ken"
	tests := []struct {
		name, method, path, ctype, auth, body string
		status                                int
		message                               string // a part of the error message
	}{
		{"documented request", "POST", route, "application/json", bearer, example, 201, ""},
		{"lower-case path", "POST", strings.ToLower(route), "application/json", bearer, example, 201, ""},
		{"upper-case path", "POST", strings.ToUpper(route), "application/json", bearer, example, 201, ""},
		{"trailing slash", "POST", route + "/", "application/json", bearer, example, 201, ""},
		{"charset parameter", "POST", route, "application/json; charset=utf-8", bearer, example, 201, ""},
		{"no token", "POST", route, "application/json", "", example, 401, "bearer token"},
		{"basic auth", "POST", route, "application/json", "Basic dXNlcjpwYXNz", example, 401, "bearer token"},
		{"empty bearer", "POST", route, "application/json", "Bearer ", example, 401, "bearer token"},
		{"no token on unknown route", "GET", "/nowhere", "", "", "", 401, "bearer token"},
		{"text body", "POST", route, "text/plain", bearer, example, 415, "application/json"},
		{"no content type", "POST", route, "", bearer, example, 415, "application/json"},
		{"malformed JSON", "POST", route, "application/json", bearer, `{"name": }`, 400, "invalid JSON"},
		{"truncated JSON", "POST", route, "application/json", bearer, `{"name": "x"`, 400, "invalid JSON"},
		{"trailing data", "POST", route, "application/json", bearer, `{"name": "x"} {}`, 400, "after the JSON value"},
		{"empty body", "POST", route, "application/json", bearer, ``, 400, "empty"},
		{"array body", "POST", route, "application/json", bearer, `[]`, 400, "expected an object"},
		{"unknown property", "POST", route, "application/json", bearer, `{"colour": "red"}`, 400, `"colour": unknown property`},
		{"nested unknown property", "POST", route, "application/json", bearer, `{"registrant": {"url": "u", "phone": "1"}}`, 400, `"registrant.phone": unknown property`},
		{"string for int", "POST", route, "application/json", bearer, `{"countHits": "nine"}`, 400, `"countHits": expected a number, found a string`},
		{"int out of range", "POST", route, "application/json", bearer, `{"countHits": 4294967296}`, 400, `"countHits": expected a 32-bit integer`},
		{"fraction for int", "POST", route, "application/json", bearer, `{"countInOrg": 1.5}`, 400, `"countInOrg"`},
		{"number for string", "POST", route, "application/json", bearer, `{"name": 7}`, 400, `"name": expected a string, found a number`},
		{"bad timestamp", "POST", route, "application/json", bearer, `{"firstSeenDateTime": "yesterday"}`, 400, `"firstSeenDateTime": expected a timestamp`},
		{"object for collection", "POST", route, "application/json", bearer, `{"tags": {"a": 1}}`, 400, `"tags": expected an array`},
		{"wrong element", "POST", route, "application/json", bearer, `{"tags": ["a", 2]}`, 400, `"tags[1]": expected a string`},
		{"wrong nested element", "POST", route, "application/json", bearer, `{"domainCategories": [{"name": true}]}`, 400, `"domainCategories[0].name": expected a string`},
		{"control information accepted", "POST", route, "application/json", bearer, `{"@odata.context": "x", "name": "n"}`, 201, ""},
		{"wrong method", "GET", route, "", bearer, "", 405, "not allowed"},
		{"wrong method, lower case", "DELETE", strings.ToLower(route), "", bearer, "", 405, "not allowed"},
		{"unknown route", "GET", "/security/nothingHere", "", bearer, "", 404, "no resource"},
		{"root", "GET", "/", "", bearer, "", 404, "no resource"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, hdr, e := call(t, ts, tt.method, tt.path, tt.ctype, tt.auth, strings.NewReader(tt.body))
			if status != tt.status {
				t.Fatalf("status = %d, want %d (error %v)", status, tt.status, e)
			}
			if tt.message != "" && !strings.Contains(e["message"], tt.message) {
				t.Errorf("message %q does not contain %q", e["message"], tt.message)
			}
			if status == 401 && !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without a WWW-Authenticate: Bearer challenge")
			}
			if status == 405 && hdr.Get("Allow") != "POST" {
				t.Errorf("Allow = %q, want POST", hdr.Get("Allow"))
			}
		})
	}
}

func TestAuthenticator(t *testing.T) {
	var seen *graph.Principal
	srv := &principalServer{seen: &seen}
	auth := func(ctx context.Context, tok string) (*graph.Principal, error) {
		switch tok {
		case "good":
			return &graph.Principal{Subject: "adele", Scopes: []string{"ThreatIntelligence.ReadWrite.All"}}, nil
		case "blocked":
			return nil, &graph.Error{StatusCode: 403, Code: "AccountBlocked", Message: "account is blocked"}
		}
		return nil, errors.New("signature mismatch")
	}
	ts := newServer(t, srv, graph.WithAuthenticator(auth))
	body := `{"name":"n"}`
	if status, _, e := call(t, ts, "POST", route, "application/json", "Bearer bad", strings.NewReader(body)); status != 401 || strings.Contains(e["message"], "signature") {
		t.Errorf("rejected token: status %d, message %q; want 401 without the authenticator's error text", status, e["message"])
	}
	if status, _, e := call(t, ts, "POST", route, "application/json", "Bearer blocked", strings.NewReader(body)); status != 403 || e["code"] != "AccountBlocked" {
		t.Errorf("*Error from authenticator: status %d, code %q; want 403 AccountBlocked", status, e["code"])
	}
	// The seed page's permissions are TODO placeholders: by default no one
	// may call the operation, AllowUndetermined lets any caller in.
	if status, _, e := call(t, ts, "POST", route, "application/json", "Bearer good", strings.NewReader(body)); status != 403 || e["code"] != "Authorization_RequestDenied" {
		t.Errorf("undetermined permissions, default policy: status %d, code %q; want 403 Authorization_RequestDenied", status, e["code"])
	}
	if seen != nil {
		t.Errorf("the Server was called for a denied request")
	}
	ts = newServer(t, srv, graph.WithAuthenticator(auth), graph.WithPermissionPolicy(graph.AllowUndetermined))
	if status, _, _ := call(t, ts, "POST", route, "application/json", "Bearer good", strings.NewReader(body)); status != 201 {
		t.Fatalf("accepted token, AllowUndetermined: status %d", status)
	}
	if seen == nil || seen.Subject != "adele" || seen.Token != "good" {
		t.Errorf("PrincipalFromContext = %+v", seen)
	}
}

type principalServer struct {
	graph.UnimplementedServer
	seen **graph.Principal
}

func (s *principalServer) CreateDomainSecurityProfile(ctx context.Context, body *graph.DomainSecurityProfile) (*graph.DomainSecurityProfile, error) {
	*s.seen, _ = graph.PrincipalFromContext(ctx)
	return body, nil
}

func TestServerErrors(t *testing.T) {
	body := &graph.DomainSecurityProfile{Name: graph.Some("n")}
	t.Run("*Error passes through", func(t *testing.T) {
		ts := newServer(t, &echoServer{err: &graph.Error{StatusCode: 409, Code: "Conflict", Message: "already exists"}})
		_, err := graph.NewClient(ts.URL, graph.WithBearerToken(token)).CreateDomainSecurityProfile(context.Background(), body)
		var e *graph.Error
		if !errors.As(err, &e) || e.StatusCode != 409 || e.Code != "Conflict" || e.Message != "already exists" {
			t.Errorf("err = %#v", err)
		}
	})
	t.Run("other errors leak nothing", func(t *testing.T) {
		ts := newServer(t, &echoServer{err: errors.New("db password hunter2 rejected")})
		_, err := graph.NewClient(ts.URL, graph.WithBearerToken(token)).CreateDomainSecurityProfile(context.Background(), body)
		var e *graph.Error
		if !errors.As(err, &e) || e.StatusCode != 500 || strings.Contains(e.Message, "hunter2") {
			t.Errorf("err = %#v", err)
		}
	})
	t.Run("unimplemented answers 501", func(t *testing.T) {
		ts := newServer(t, &graph.UnimplementedServer{})
		_, err := graph.NewClient(ts.URL, graph.WithBearerToken(token)).CreateDomainSecurityProfile(context.Background(), body)
		var e *graph.Error
		if !errors.As(err, &e) || e.StatusCode != 501 {
			t.Errorf("err = %#v", err)
		}
	})
	t.Run("panic answers 500 and the server goes on", func(t *testing.T) {
		ts := newServer(t, &echoServer{panic: true})
		c := graph.NewClient(ts.URL, graph.WithBearerToken(token))
		for range 3 {
			_, err := c.CreateDomainSecurityProfile(context.Background(), body)
			var e *graph.Error
			if !errors.As(err, &e) || e.StatusCode != 500 || strings.Contains(e.Message, "boom") {
				t.Fatalf("err = %#v", err)
			}
		}
	})
}

func TestClientConcurrentUse(t *testing.T) {
	ts := newServer(t, &echoServer{})
	c := graph.NewClient(ts.URL, graph.WithBearerToken(token))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := strings.Repeat("n", i+1)
			got, err := c.CreateDomainSecurityProfile(context.Background(), &graph.DomainSecurityProfile{Name: graph.Some(name)})
			if err == nil && got.Name.Value != name {
				err = errors.New("answer for another request: " + got.Name.Value)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestJSONPresence(t *testing.T) {
	tests := []struct {
		name string
		in   graph.DomainSecurityProfile
		want string
	}{
		{"absent stays absent", graph.DomainSecurityProfile{Name: graph.Some("n")}, `{"name":"n"}`},
		{"zero values are sent", graph.DomainSecurityProfile{CountHits: graph.Some[int32](0), Name: graph.Some("")}, `{"countHits":0,"name":""}`},
		{"null is sent", graph.DomainSecurityProfile{RiskScore: graph.Null[string]()}, `{"riskScore":null}`},
		{"empty collection is sent", graph.DomainSecurityProfile{Tags: graph.Some([]string{})}, `{"tags":[]}`},
		{"nil value", graph.DomainSecurityProfile{}, `{}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: got %s, %v; want %s", tt.name, got, err, tt.want)
		}
	}
	// Decoding keeps null apart from absent, and unknown properties.
	var v graph.DomainSecurityProfile
	in := `{"riskScore":null,"tags":[],"futureProperty":{"a":[1,2]},"registrant":{"url":"u","added":true}}`
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if !v.RiskScore.IsNull() || v.Name.IsSet() || v.Name.IsNull() || !v.Tags.IsSet() {
		t.Errorf("presence lost: %+v", v)
	}
	out, _ := json.Marshal(v)
	// Documented properties come in doc order, unknown ones after them.
	want := `{"registrant":{"url":"u","added":true},"riskScore":null,"tags":[],"futureProperty":{"a":[1,2]}}`
	if string(out) != want {
		t.Errorf("re-encoded\n got %s\nwant %s", out, want)
	}
}
