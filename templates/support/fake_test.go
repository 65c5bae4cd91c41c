package support

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// rawJSON stands in for a generated type: it encodes and decodes as the
// JSON it holds.
type rawJSON struct{ data json.RawMessage }

func (v *rawJSON) encode(w *jsonWriter) { w.raw(v.data) }
func (v *rawJSON) decode(r *jsonReader) { v.data = r.raw() }

func body(s string) *rawJSON { return &rawJSON{data: json.RawMessage(s)} }

// call runs op on s and returns the answer as a map, or the error.
func call(t *testing.T, s *FakeStore, op *FakeOp, path, query, in string) (map[string]any, error) {
	t.Helper()
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	var enc encoder
	if in != "" {
		enc = body(in)
	}
	out := &rawJSON{}
	if err := s.Do(context.Background(), op, path, q, enc, out); err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(out.data, &m); err != nil {
		t.Fatalf("%s %s answered %s: %v", op.Name, path, out.data, err)
	}
	return m, nil
}

var (
	opList    = &FakeOp{Name: "List", Kind: FakeList}
	opCreate  = &FakeOp{Name: "Create", Kind: FakeCreate}
	opRead    = &FakeOp{Name: "Read", Kind: FakeRead}
	opUpdate  = &FakeOp{Name: "Update", Kind: FakeUpdate}
	opReplace = &FakeOp{Name: "Replace", Kind: FakeReplace}
	opDelete  = &FakeOp{Name: "Delete", Kind: FakeDelete}
)

func mustCall(t *testing.T, s *FakeStore, op *FakeOp, path, query, in string) map[string]any {
	t.Helper()
	m, err := call(t, s, op, path, query, in)
	if err != nil {
		t.Fatalf("%s %s: %v", op.Name, path, err)
	}
	return m
}

func wantStatus(t *testing.T, err error, status int, text string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != status || !strings.Contains(e.Message, text) {
		t.Fatalf("got error %v; want a %d *Error saying %q", err, status, text)
	}
}

func TestFakeCreateReadUpdateDelete(t *testing.T) {
	s := NewFakeStore(nil)
	created := mustCall(t, s, opCreate, "/users", "", `{"displayName":"Adele","city":"Oslo"}`)
	id, _ := created["id"].(string)
	if len(id) != 36 || created["displayName"] != "Adele" {
		t.Fatalf("created %v; want the entity with a UUID id", created)
	}
	if got := mustCall(t, s, opRead, "/users/"+id, "", ""); got["city"] != "Oslo" {
		t.Fatalf("read %v", got)
	}
	// PATCH: a property sent replaces, null clears, one not sent stays.
	mustCall(t, s, opUpdate, "/users/"+id, "", `{"city":null,"jobTitle":"Pilot"}`)
	got := mustCall(t, s, opRead, "/users/"+id, "", "")
	if _, ok := got["city"]; ok || got["jobTitle"] != "Pilot" || got["displayName"] != "Adele" || got["id"] != id {
		t.Fatalf("after the patch, read %v", got)
	}
	// The id in the path wins over one in a PATCH body.
	mustCall(t, s, opUpdate, "/users/"+id, "", `{"id":"other"}`)
	if got := mustCall(t, s, opRead, "/users/"+id, "", ""); got["id"] != id {
		t.Fatalf("a PATCH changed the id: %v", got)
	}
	if _, err := call(t, s, opDelete, "/users/"+id, "", ""); !errors.Is(err, errNoContent) && err != nil {
		t.Fatal(err)
	}
	_, err := call(t, s, opRead, "/users/"+id, "", "")
	wantStatus(t, err, http.StatusNotFound, id)
	_, err = call(t, s, opDelete, "/users/"+id, "", "")
	wantStatus(t, err, http.StatusNotFound, id)
	_, err = call(t, s, opUpdate, "/users/"+id, "", `{"city":"Rome"}`)
	wantStatus(t, err, http.StatusNotFound, id)
}

func TestFakeCreateKeepsIDAndRefusesDuplicates(t *testing.T) {
	s := NewFakeStore(nil)
	mustCall(t, s, opCreate, "/groups", "", `{"id":"g1","@odata.type":"#microsoft.graph.group"}`)
	if got := mustCall(t, s, opRead, "/groups/g1", "", ""); got["@odata.type"] != "#microsoft.graph.group" {
		t.Fatalf("read %v; want @odata.type kept", got)
	}
	_, err := call(t, s, opCreate, "/groups", "", `{"id":"g1"}`)
	wantStatus(t, err, http.StatusConflict, "g1")
}

func TestFakeMeAndContainedCollections(t *testing.T) {
	s := NewFakeStore(nil, WithMe("u-me"))
	if got := mustCall(t, s, opRead, "/me", "", ""); got["id"] != "u-me" {
		t.Fatalf("GET /me read %v", got)
	}
	other := mustCall(t, s, opCreate, "/users", "", `{"displayName":"Other"}`)["id"].(string)
	mustCall(t, s, opCreate, "/me/events", "", `{"subject":"mine"}`)
	mustCall(t, s, opCreate, "/users/"+other+"/events", "", `{"subject":"theirs"}`)
	mustCall(t, s, opCreate, "/users/"+other+"/events", "", `{"subject":"theirs too"}`)
	// /me/events and /users/u-me/events are one collection.
	if got := mustCall(t, s, opList, "/users/u-me/events", "", ""); len(got["value"].([]any)) != 1 {
		t.Fatalf("u-me's events: %v", got)
	}
	if got := mustCall(t, s, opList, "/users/"+other+"/events", "", ""); len(got["value"].([]any)) != 2 {
		t.Fatalf("the other user's events: %v", got)
	}
	// A contained collection of a user who is not there.
	_, err := call(t, s, opCreate, "/users/nobody/events", "", `{"subject":"x"}`)
	wantStatus(t, err, http.StatusNotFound, "nobody")
	// A user's events are reached by its userPrincipalName too, in any case.
	mustCall(t, s, opUpdate, "/users/"+other, "", `{"userPrincipalName":"other@contoso.com"}`)
	mustCall(t, s, opCreate, "/users/Other@Contoso.com/events", "", `{"subject":"by name"}`)
	if got := mustCall(t, s, opList, "/users/"+other+"/events", "", ""); len(got["value"].([]any)) != 3 {
		t.Fatalf("the other user's events, by id: %v", got)
	}
	// Deleting a user deletes what it contains: its events are gone with it.
	call(t, s, opDelete, "/users/other@contoso.com", "", "")
	_, err = call(t, s, opList, "/users/"+other+"/events", "", "")
	wantStatus(t, err, http.StatusNotFound, other)
	if c := s.collections["users/"+other+"/events"]; c != nil {
		t.Fatalf("a deleted user's events are still stored: %v", c.ids)
	}
}

func TestFakeListQuery(t *testing.T) {
	s := NewFakeStore(nil, WithPageSize(2))
	for i, name := range []string{"Cleo", "adele", "Bob", "Dana", "Eve"} {
		mustCall(t, s, opCreate, "/people", "", fmt.Sprintf(`{"id":"p%d","name":%q,"age":%d}`, i, name, 20+i))
	}
	names := func(m map[string]any) string {
		var out []string
		for _, v := range m["value"].([]any) {
			out = append(out, fmt.Sprint(v.(map[string]any)["name"]))
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct{ query, want string }{
		{"", "Cleo,adele"},
		{"$top=10", "Cleo,adele,Bob,Dana,Eve"},
		{"$top=10&$orderby=name", "adele,Bob,Cleo,Dana,Eve"},
		{"$top=10&$orderby=age desc", "Eve,Dana,Bob,adele,Cleo"},
		{"$top=2&$skip=3", "Dana,Eve"},
		{"$filter=age gt 21&$orderby=name", "Bob,Dana"},
		{"$filter=startswith(name,'d') or name eq 'Eve'&$top=10", "Dana,Eve"},
	} {
		if got := names(mustCall(t, s, opList, "/people", tc.query, "")); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.query, got, tc.want)
		}
	}
	page := mustCall(t, s, opList, "/people", "$count=true&$select=name", "")
	if page["@odata.count"] != float64(5) || page["@odata.nextLink"] != "/people?$count=true&$select=name&$skip=2" {
		t.Fatalf("page %v; want a count of 5 and a next link", page)
	}
	if item := page["value"].([]any)[0].(map[string]any); len(item) != 2 || item["id"] != "p0" {
		t.Fatalf("$select=name gave %v; want name and id", item)
	}
	if last := mustCall(t, s, opList, "/people", "$skip=4", ""); last["@odata.nextLink"] != nil {
		t.Fatalf("the last page links to %v", last["@odata.nextLink"])
	}
	_, err := call(t, s, opList, "/people", "$filter=tags/any(t:t eq 'x')", "")
	wantStatus(t, err, http.StatusBadRequest, "does not support")
	_, err = call(t, s, opList, "/people", "$expand=manager", "")
	wantStatus(t, err, http.StatusBadRequest, "does not support")
}

func TestFakeSingletonsActionsAndETags(t *testing.T) {
	s := NewFakeStore(nil)
	settings := &FakeOp{Name: "GetSettings", Kind: FakeRead, Singleton: true, Example: `{"timeZone":"UTC"}`}
	update := &FakeOp{Name: "UpdateSettings", Kind: FakeUpdate, Singleton: true, Example: settings.Example}
	if got := mustCall(t, s, settings, "/me/mailboxSettings", "", ""); got["timeZone"] != "UTC" {
		t.Fatalf("a singleton never written reads %v; want its example", got)
	}
	mustCall(t, s, update, "/me/mailboxSettings", "", `{"language":"nb"}`)
	if got := mustCall(t, s, settings, "/me/mailboxSettings", "", ""); got["timeZone"] != "UTC" || got["language"] != "nb" {
		t.Fatalf("after a patch the singleton reads %v", got)
	}
	action := &FakeOp{Name: "Rotate", Kind: FakeAction, Example: `{"angle":90}`}
	if got := mustCall(t, s, action, "/widgets/w1/rotate", "", `{"by":1}`); got["angle"] != float64(90) {
		t.Fatalf("the action answered %v; want its example", got)
	}
	_, err := call(t, s, &FakeOp{Name: "Ping", Kind: FakeAction}, "/ping", "", "")
	if err != errNoContent {
		t.Fatalf("an action without an example answered %v; want errNoContent (204)", err)
	}
	tagged := &FakeOp{Name: "Create", Kind: FakeCreate, ETag: true}
	first := mustCall(t, s, tagged, "/notes", "", `{"text":"a"}`)
	id := first["id"].(string)
	second := mustCall(t, s, opUpdate, "/notes/"+id, "", `{"text":"b"}`)
	if first["@odata.etag"] == nil || first["@odata.etag"] == second["@odata.etag"] {
		t.Fatalf("etags %v then %v; want one that changes on update", first["@odata.etag"], second["@odata.etag"])
	}
	// PUT creates or replaces.
	mustCall(t, s, opReplace, "/notes/n2", "", `{"text":"c"}`)
	mustCall(t, s, opReplace, "/notes/n2", "", `{"color":"red"}`)
	if got := mustCall(t, s, opRead, "/notes/n2", "", ""); got["text"] != nil || got["color"] != "red" {
		t.Fatalf("after two PUTs: %v", got)
	}
}

func TestFakeExampleData(t *testing.T) {
	seeds := [][]FakeSeed{{
		{Path: "/users", List: true, Body: `{"value":[{"id":"u1","displayName":"Adele"},{"id":"u2","displayName":"Bob"}]}`},
		{Path: "/me/events", List: true, Body: `{"value":[{"id":"e1","subject":"Lunch"}]}`},
		{Path: "/me", Body: `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity","id":"u2","displayName":"Bob"}`},
		{Path: "/me/mailboxSettings", Singleton: true, Body: `{"timeZone":"CET"}`},
		{Path: "/users/u3", Body: `{"displayName":"Cleo"}`},
		{Path: "/users", List: true, Body: `not json`},
	}}
	s := NewFakeStore(seeds, WithExampleData())
	if got := mustCall(t, s, opRead, "/me", "", ""); got["displayName"] != "Bob" || got["@odata.context"] != nil {
		t.Fatalf("/me is %v; want the user GET /me's example shows, without its response's @odata.context", got)
	}
	if got := mustCall(t, s, opList, "/users/u2/events", "", ""); len(got["value"].([]any)) != 1 {
		t.Fatalf("u2's events: %v", got)
	}
	if got := mustCall(t, s, opRead, "/users/u3", "", ""); got["id"] != "u3" {
		t.Fatalf("an item seed without an id: %v", got)
	}
	if got := mustCall(t, s, &FakeOp{Kind: FakeRead, Singleton: true}, "/users/u2/mailboxSettings", "", ""); got["timeZone"] != "CET" {
		t.Fatalf("a singleton seed: %v", got)
	}
	if got := mustCall(t, s, opList, "/users", "", ""); len(got["value"].([]any)) != 3 {
		t.Fatalf("users: %v", got)
	}
	// Without WithExampleData, only the signed-in user.
	if got := mustCall(t, NewFakeStore(seeds), opList, "/users", "", ""); len(got["value"].([]any)) != 1 {
		t.Fatalf("a fake without example data lists %v", got)
	}
}

func TestFakeConcurrentWriters(t *testing.T) {
	s := NewFakeStore(nil)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 25 {
				m, err := call(t, s, opCreate, "/items", "", fmt.Sprintf(`{"w":%d,"i":%d}`, w, i))
				if err != nil {
					t.Error(err)
					return
				}
				id := m["id"].(string)
				if _, err := call(t, s, opUpdate, "/items/"+id, "", `{"seen":true}`); err != nil {
					t.Error(err)
				}
				if _, err := call(t, s, opList, "/items", "$filter=seen eq true&$count=true", ""); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if got := mustCall(t, s, opList, "/items", "$count=true&$top=1", ""); got["@odata.count"] != float64(200) {
		t.Fatalf("count %v; want 200", got["@odata.count"])
	}
}

func TestUnverifiedClaims(t *testing.T) {
	jwt := func(payload string) string {
		enc := base64.RawURLEncoding.EncodeToString
		return enc([]byte(`{"alg":"none"}`)) + "." + enc([]byte(payload)) + ".sig"
	}
	p, err := UnverifiedClaims(context.Background(), jwt(`{"scp":"User.Read Calendars.ReadWrite","roles":["Mail.Send"],"oid":"u1","sub":"s1"}`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.Scopes, ",") != "User.Read,Calendars.ReadWrite" || strings.Join(p.Roles, ",") != "Mail.Send" || p.Subject != "u1" {
		t.Fatalf("got %+v", p)
	}
	if p, _ := UnverifiedClaims(context.Background(), jwt(`{"sub":"s1"}`)); p == nil || p.Subject != "s1" || len(p.Scopes) != 0 {
		t.Fatalf("without scp, roles and oid: %+v", p)
	}
	for _, bad := range []string{"opaque-token", "a.b", "a.!!.c", jwt(`[1]`)} {
		if _, err := UnverifiedClaims(context.Background(), bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
	// Through a handler: the claims' scopes are checked against an
	// operation's permissions.
	h := NewRouteHandler(struct{}{}, []Route{{Method: "GET", Pattern: "/things", Perms: &Permissions{Delegated: [][]string{{"Things.Read"}}},
		Serve: func(h *Handler, w http.ResponseWriter, r *http.Request, route int, values []string) {
			w.WriteHeader(204)
		}}},
		WithAuthenticator(UnverifiedClaims))
	for token, want := range map[string]int{jwt(`{"scp":"Things.Read"}`): 204, jwt(`{"scp":"Other.Read"}`): 403, "opaque": 401} {
		req := httptest.NewRequest("GET", "/things", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("token %q: %d; want %d", token, rec.Code, want)
		}
	}
	// An operation the docs give no permissions for: refused by default,
	// saying why; open under AllowUndetermined (fakeserver --permissions).
	open := []Route{{Method: "GET", Pattern: "/open", Perms: &Permissions{Undetermined: true},
		Serve: func(h *Handler, w http.ResponseWriter, r *http.Request, route int, values []string) {
			w.WriteHeader(204)
		}}}
	for _, policy := range []PermissionPolicy{DenyUndetermined, AllowUndetermined} {
		h := NewRouteHandler(struct{}{}, open, WithAuthenticator(UnverifiedClaims), WithPermissionPolicy(policy))
		req := httptest.NewRequest("GET", "/open", nil)
		req.Header.Set("Authorization", "Bearer "+jwt(`{"scp":"Things.Read"}`))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if want := map[PermissionPolicy]int{DenyUndetermined: 403, AllowUndetermined: 204}[policy]; rec.Code != want {
			t.Errorf("policy %d: %d; want %d", policy, rec.Code, want)
		}
		if policy == DenyUndetermined && !strings.Contains(rec.Body.String(), "the docs list no permissions for GET /open") {
			t.Errorf("the 403 says %s", rec.Body)
		}
	}
}

func TestFakeDeltaAndCalendarView(t *testing.T) {
	s := NewFakeStore(nil, WithMe("me1"))
	mustCall(t, s, opCreate, "/me/events", "", `{"subject":"in","start":{"dateTime":"2024-09-10T09:00:00.0000000","timeZone":"UTC"},"end":{"dateTime":"2024-09-10T10:00:00.0000000","timeZone":"UTC"}}`)
	mustCall(t, s, opCreate, "/me/events", "", `{"subject":"out","start":{"dateTime":"2024-10-10T09:00:00","timeZone":"UTC"},"end":{"dateTime":"2024-10-10T10:00:00","timeZone":"UTC"}}`)
	view := &FakeOp{Name: "CalendarView", Kind: FakeList, ListOf: "../events", Window: true}
	got := mustCall(t, s, view, "/me/calendarView", "startDateTime=2024-09-01T00:00:00&endDateTime=2024-09-30T00:00:00", "")
	if v := got["value"].([]any); len(v) != 1 || v[0].(map[string]any)["subject"] != "in" {
		t.Fatalf("calendarView of September: %v", got)
	}
	_, err := call(t, s, view, "/me/calendarView", "startDateTime=2024-09-01", "")
	wantStatus(t, err, http.StatusBadRequest, "endDateTime")

	delta := &FakeOp{Name: "Delta", Kind: FakeList, ListOf: "..", Delta: true}
	got = mustCall(t, s, delta, "/users/delta", "", "")
	if len(got["value"].([]any)) != 1 || !strings.HasPrefix(fmt.Sprint(got["@odata.deltaLink"]), "/users/delta?$deltatoken=") {
		t.Fatalf("delta: %v; want the users and a delta link", got)
	}
	_, err = call(t, s, delta, "/users/delta", "$deltatoken=1", "")
	wantStatus(t, err, http.StatusBadRequest, "does not support")
}
