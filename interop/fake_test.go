package interop

// The Fake's semantics on the Graph v1.0 package, through the generated
// Client: each test serves graphv1.NewHandler(graphv1.NewFake(...)) (or a
// struct embedding *graphv1.Fake) on an httptest server, behind the
// harness's recorder so that statuses can be checked and a failing test
// logs what was exchanged.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/docgen-dev/docgen/interop/graphv1"
)

// fakeEnv is a Server behind the generated handler on an httptest server,
// and a generated Client pointed at it.
type fakeEnv struct {
	c   *graphv1.Client
	ts  *httptest.Server
	rec *recorder
}

func newFakeEnv(t *testing.T, srv graphv1.Server) *fakeEnv {
	t.Helper()
	e := &fakeEnv{rec: &recorder{next: graphv1.NewHandler(srv)}}
	e.ts = httptest.NewServer(e.rec)
	t.Cleanup(e.ts.Close)
	e.c = graphv1.NewClient(e.ts.URL, graphv1.WithBearerToken(func(context.Context) (string, error) { return "test", nil }))
	t.Cleanup(func() {
		if t.Failed() {
			xs := e.rec.since(0)
			if len(xs) > 20 {
				t.Logf("(the first %d of %d exchanges are not shown)", len(xs)-20, len(xs))
				xs = xs[len(xs)-20:]
			}
			for _, x := range xs {
				s := x.String()
				if len(s) > 3000 {
					s = s[:3000] + "…"
				}
				t.Logf("exchange:\n%s", s)
			}
		}
	})
	return e
}

// status is the status of the last request of method to path (without the
// query), or fails the test.
func (e *fakeEnv) status(t *testing.T, method, path string) int {
	t.Helper()
	xs := e.rec.since(0)
	for i := len(xs) - 1; i >= 0; i-- {
		u, err := url.Parse(xs[i].url)
		if err == nil && xs[i].method == method && u.Path == path {
			return xs[i].status
		}
	}
	t.Fatalf("no %s %s reached the handler", method, path)
	return 0
}

// wantError checks that err is a *graphv1.Error of status.
func wantError(t *testing.T, what string, err error, status int) *graphv1.Error {
	t.Helper()
	var gerr *graphv1.Error
	if !errors.As(err, &gerr) {
		t.Errorf("%s: got %v (%T), want a *graphv1.Error with status %d", what, err, err, status)
		return nil
	}
	if gerr.StatusCode != status {
		t.Errorf("%s: status %d (%s: %s), want %d", what, gerr.StatusCode, gerr.Code, gerr.Message, status)
	}
	if gerr.Code == "" {
		t.Errorf("%s: the error has no code", what)
	}
	return gerr
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func newUser(name, upn string) *graphv1.User {
	return &graphv1.User{
		DisplayName:       graphv1.Some(name),
		MailNickname:      graphv1.Some(strings.Split(upn, "@")[0]),
		UserPrincipalName: graphv1.Some(upn),
		AccountEnabled:    graphv1.Some(true),
		PasswordProfile:   graphv1.Some(&graphv1.PasswordProfile{Password: graphv1.Some("xWwvJ]6NMw+bWH-d")}),
	}
}

func mustCreateUser(t *testing.T, c *graphv1.Client, u *graphv1.User) string {
	t.Helper()
	got, err := c.CreateUser(context.Background(), u)
	if err != nil {
		t.Fatalf("CreateUser %s: %v", u.DisplayName.Value, err)
	}
	if !got.ID.IsSet() || got.ID.Value == "" {
		t.Fatalf("CreateUser %s: no id", u.DisplayName.Value)
	}
	return got.ID.Value
}

func newEventAt(subject, day string) *graphv1.Event {
	return &graphv1.Event{
		Subject: graphv1.Some(subject),
		Start:   graphv1.Some(&graphv1.DateTimeTimeZone{DateTime: graphv1.Some(day + "T09:00:00"), TimeZone: graphv1.Some("UTC")}),
		End:     graphv1.Some(&graphv1.DateTimeTimeZone{DateTime: graphv1.Some(day + "T09:30:00"), TimeZone: graphv1.Some("UTC")}),
	}
}

func mustCreateEvent(t *testing.T, c *graphv1.Client, userID string, ev *graphv1.Event) string {
	t.Helper()
	got, err := c.UserCreateEvent(context.Background(), graphv1.UserCreateEventParams{UserID: userID}, ev)
	if err != nil {
		t.Fatalf("UserCreateEvent %q for %q: %v", ev.Subject.Value, userID, err)
	}
	if !got.ID.IsSet() || got.ID.Value == "" {
		t.Fatalf("UserCreateEvent %q: no id", ev.Subject.Value)
	}
	return got.ID.Value
}

func TestFakeCreateGetPatchDelete(t *testing.T) {
	e := newFakeEnv(t, graphv1.NewFake())
	c, ctx := e.c, context.Background()

	u := newUser("Adele Vance", "AdeleV@contoso.example")
	u.JobTitle = graphv1.Some("Retail Manager")
	u.OfficeLocation = graphv1.Some("18/2111")
	created, err := c.CreateUser(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if s := e.status(t, "POST", "/v1.0/users"); s != http.StatusCreated {
		t.Errorf("POST /users answered %d, want 201 as documented", s)
	}
	id := created.ID.Value
	if !uuidRE.MatchString(id) {
		t.Errorf("created id %q is not a UUID", id)
	}
	if created.DisplayName.Value != "Adele Vance" || created.JobTitle.Value != "Retail Manager" {
		t.Errorf("POST answered %q %q, want the entity sent", created.DisplayName.Value, created.JobTitle.Value)
	}

	t.Run("get", func(t *testing.T) {
		got, err := c.GetUser(ctx, graphv1.GetUserParams{UserID: id})
		if err != nil {
			t.Fatal(err)
		}
		if got.ID.Value != id || got.DisplayName.Value != "Adele Vance" || got.UserPrincipalName.Value != "AdeleV@contoso.example" ||
			got.MailNickname.Value != "AdeleV" || !got.AccountEnabled.Value || got.OfficeLocation.Value != "18/2111" {
			t.Errorf("GetUser: %+v, want what was created", got)
		}
		// By userPrincipalName, whatever its case, as Graph allows.
		got, err = c.GetUser(ctx, graphv1.GetUserParams{UserID: "adelev@CONTOSO.example"})
		if err != nil {
			t.Fatal(err)
		}
		if got.ID.Value != id {
			t.Errorf("GetUser by userPrincipalName: id %q, want %q", got.ID.Value, id)
		}
		// $select on an item.
		got, err = c.GetUser(ctx, graphv1.GetUserParams{UserID: id, QueryOptions: graphv1.QueryOptions{Select: []string{"jobTitle"}}})
		if err != nil {
			t.Fatal(err)
		}
		if got.JobTitle.Value != "Retail Manager" || got.DisplayName.IsSet() || got.OfficeLocation.IsSet() {
			t.Errorf("GetUser $select=jobTitle: jobTitle %q displayName %v officeLocation %v, want jobTitle only",
				got.JobTitle.Value, got.DisplayName, got.OfficeLocation)
		}
	})

	t.Run("patch", func(t *testing.T) {
		err := c.UpdateUser(ctx, graphv1.UpdateUserParams{UserID: id}, &graphv1.User{
			JobTitle:       graphv1.Some("Store Manager"),
			OfficeLocation: graphv1.Null[string](),
		})
		if err != nil {
			t.Fatal(err)
		}
		if s := e.status(t, "PATCH", "/v1.0/users/"+id); s != http.StatusNoContent {
			t.Errorf("PATCH /users/{id} answered %d, want 204 as documented", s)
		}
		got, err := c.GetUser(ctx, graphv1.GetUserParams{UserID: id})
		if err != nil {
			t.Fatal(err)
		}
		if got.JobTitle.Value != "Store Manager" {
			t.Errorf("jobTitle %q after PATCH, want Store Manager", got.JobTitle.Value)
		}
		if got.OfficeLocation.IsSet() {
			t.Errorf("officeLocation %q after PATCH with null, want it cleared", got.OfficeLocation.Value)
		}
		if got.DisplayName.Value != "Adele Vance" || got.UserPrincipalName.Value != "AdeleV@contoso.example" || got.ID.Value != id {
			t.Errorf("PATCH lost what it did not send: %+v", got)
		}
	})

	t.Run("event patch answers the entity and a new etag", func(t *testing.T) {
		evID := mustCreateEvent(t, c, id, newEventAt("Planning", "2024-05-01"))
		if s := e.status(t, "POST", "/v1.0/users/"+id+"/events"); s != http.StatusCreated {
			t.Errorf("POST /users/{id}/events answered %d, want 201", s)
		}
		before, err := c.GetEvent(ctx, graphv1.GetEventParams{UserID: id, EventID: evID})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.UpdateEvent(ctx, graphv1.UpdateEventParams{UserID: id, EventID: evID}, &graphv1.Event{
			Subject:    graphv1.Some("Planning (moved)"),
			Importance: graphv1.Some(graphv1.ImportanceHigh),
		})
		if err != nil {
			t.Fatal(err)
		}
		if s := e.status(t, "PATCH", "/v1.0/users/"+id+"/events/"+evID); s != http.StatusOK {
			t.Errorf("PATCH of an event answered %d, want 200", s)
		}
		if got.Subject.Value != "Planning (moved)" || got.Importance.Value != graphv1.ImportanceHigh ||
			!got.Start.IsSet() || got.Start.Value.DateTime.Value != "2024-05-01T09:00:00" {
			t.Errorf("PATCH answered subject %q importance %q start %v, want the merged event", got.Subject.Value, got.Importance.Value, got.Start)
		}
		etag := func(ev *graphv1.Event) string { return string(ev.AdditionalData["@odata.etag"]) }
		if etag(before) == "" {
			t.Errorf("a created event has no @odata.etag (the docs show one)")
		} else if etag(got) == "" || etag(got) == etag(before) {
			t.Errorf("@odata.etag %s after PATCH, was %s: want a new one", etag(got), etag(before))
		}
	})

	t.Run("create with an id", func(t *testing.T) {
		mine := newUser("Alex Wilber", "AlexW@contoso.example")
		mine.ID = graphv1.Some("my-own-id")
		got, err := c.CreateUser(ctx, mine)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID.Value != "my-own-id" {
			t.Errorf("id %q, want the one sent", got.ID.Value)
		}
		_, err = c.CreateUser(ctx, mine)
		wantError(t, "creating the same id again", err, http.StatusConflict)
	})

	t.Run("delete", func(t *testing.T) {
		if err := c.DeleteUserMicrosoftGraphAPI(ctx, graphv1.DeleteUserMicrosoftGraphAPIParams{UserID: id}); err != nil {
			t.Fatal(err)
		}
		if s := e.status(t, "DELETE", "/v1.0/users/"+id); s != http.StatusNoContent {
			t.Errorf("DELETE /users/{id} answered %d, want 204", s)
		}
		_, err := c.GetUser(ctx, graphv1.GetUserParams{UserID: id})
		wantError(t, "GetUser after DELETE", err, http.StatusNotFound)
		err = c.DeleteUserMicrosoftGraphAPI(ctx, graphv1.DeleteUserMicrosoftGraphAPIParams{UserID: id})
		wantError(t, "DELETE again", err, http.StatusNotFound)
		err = c.UpdateUser(ctx, graphv1.UpdateUserParams{UserID: id}, &graphv1.User{JobTitle: graphv1.Some("x")})
		wantError(t, "PATCH after DELETE", err, http.StatusNotFound)
		list, err := c.ListUsers(ctx, graphv1.ListUsersParams{})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range list.Value {
			if u.ID.Value == id {
				t.Errorf("the deleted user is still listed")
			}
		}
	})
}

func TestFakePaging(t *testing.T) {
	e := newFakeEnv(t, graphv1.NewFake(graphv1.WithPageSize(3)))
	c, ctx := e.c, context.Background()
	var ids []string
	for i := range 7 {
		ev := newEventAt(fmt.Sprintf("Event %d", i+1), fmt.Sprintf("2024-06-%02d", i+1))
		got, err := c.UserCreateEvent(ctx, graphv1.UserCreateEventParams{}, ev) // POST /me/events
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, got.ID.Value)
	}

	t.Run("by hand", func(t *testing.T) {
		page, err := c.UserListEvents(ctx, graphv1.UserListEventsParams{})
		if err != nil {
			t.Fatal(err)
		}
		var sizes []int
		var got []string
		for n := 1; ; n++ {
			if n > 5 {
				t.Fatal("more than 5 pages")
			}
			sizes = append(sizes, len(page.Value))
			for _, ev := range page.Value {
				got = append(got, ev.ID.Value)
			}
			if page.NextLink == "" {
				break
			}
			if !strings.HasPrefix(page.NextLink, e.ts.URL+"/v1.0/me/events?") {
				t.Fatalf("page %d: @odata.nextLink %q, want an absolute link to %s/v1.0/me/events", n, page.NextLink, e.ts.URL)
			}
			page = getPage[graphv1.Event](t, page.NextLink)
		}
		if !reflect.DeepEqual(sizes, []int{3, 3, 1}) {
			t.Errorf("page sizes %v, want [3 3 1]", sizes)
		}
		if !reflect.DeepEqual(got, ids) {
			t.Errorf("ids %q, want the 7 created, in order: %q", got, ids)
		}
	})

	t.Run("All follows nextLink", func(t *testing.T) {
		start := e.rec.len()
		var got []string
		for ev, err := range c.UserListEventsAll(ctx, graphv1.UserListEventsParams{}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ev.ID.Value)
		}
		if !reflect.DeepEqual(got, ids) {
			t.Errorf("ids %q, want %q", got, ids)
		}
		if n := len(e.rec.since(start)); n != 3 {
			t.Errorf("%d requests, want 3 pages", n)
		}
	})

	t.Run("$top sets the page size", func(t *testing.T) {
		page, err := c.UserListEvents(ctx, graphv1.UserListEventsParams{QueryOptions: graphv1.QueryOptions{Top: 5}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Value) != 5 || page.NextLink == "" {
			t.Fatalf("$top=5: %d items, nextLink %q, want 5 and a link", len(page.Value), page.NextLink)
		}
		next := getPage[graphv1.Event](t, page.NextLink)
		if len(next.Value) != 2 || next.NextLink != "" || next.Value[0].ID.Value != ids[5] {
			t.Errorf("$top=5, second page: %d items, nextLink %q, want the last 2 and no link", len(next.Value), next.NextLink)
		}
	})

	t.Run("$skip", func(t *testing.T) {
		page, err := c.UserListEvents(ctx, graphv1.UserListEventsParams{QueryOptions: graphv1.QueryOptions{Skip: 6}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Value) != 1 || page.Value[0].ID.Value != ids[6] || page.NextLink != "" {
			t.Errorf("$skip=6: %d items, nextLink %q, want the 7th only", len(page.Value), page.NextLink)
		}
	})

	t.Run("$count on every page", func(t *testing.T) {
		page, err := c.UserListEvents(ctx, graphv1.UserListEventsParams{QueryOptions: graphv1.QueryOptions{Count: true}})
		if err != nil {
			t.Fatal(err)
		}
		if !page.Count.IsSet() || page.Count.Value != 7 || len(page.Value) != 3 {
			t.Errorf("$count=true: count %v, %d items, want 7 and a page of 3", page.Count, len(page.Value))
		}
		next := getPage[graphv1.Event](t, page.NextLink)
		if !next.Count.IsSet() || next.Count.Value != 7 {
			t.Errorf("$count=true, second page: count %v, want 7 (the link keeps the query)", next.Count)
		}
	})

	t.Run("the link keeps $filter and $orderby", func(t *testing.T) {
		var got []string
		for ev, err := range c.UserListEventsAll(ctx, graphv1.UserListEventsParams{QueryOptions: graphv1.QueryOptions{
			Filter: "subject ne 'Event 4'", OrderBy: []string{"start/dateTime desc"}, Top: 2,
		}}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ev.Subject.Value)
		}
		want := []string{"Event 7", "Event 6", "Event 5", "Event 3", "Event 2", "Event 1"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// getPage GETs an @odata.nextLink as a client that follows it would.
func getPage[T any](t *testing.T, link string) *graphv1.Collection[T] {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, link, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer test")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", link, resp.Status)
	}
	var page struct {
		Value    []T    `json:"value"`
		NextLink string `json:"@odata.nextLink"`
		Count    *int64 `json:"@odata.count"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		t.Fatalf("GET %s: %v", link, err)
	}
	out := &graphv1.Collection[T]{Value: page.Value, NextLink: page.NextLink}
	if page.Count != nil {
		out.Count = graphv1.Some(*page.Count)
	}
	return out
}

func TestFakeQuery(t *testing.T) {
	e := newFakeEnv(t, graphv1.NewFake())
	c, ctx := e.c, context.Background()
	for _, p := range []struct {
		name, job string
		enabled   bool
	}{
		{"Alice Adams", "Engineer", true},
		{"Bob Brown", "Designer", false},
		{"Carol Clark", "Engineer", true},
		{"Dan Drake", "Manager", true},
		{"Eve Evans", "", true},
	} {
		u := newUser(p.name, strings.Split(p.name, " ")[0]+"@contoso.example")
		u.AccountEnabled = graphv1.Some(p.enabled)
		if p.job != "" {
			u.JobTitle = graphv1.Some(p.job)
		}
		mustCreateUser(t, c, u)
	}

	// names lists the users matching filter, in the order listed; the
	// signed-in user, who has no displayName, is "-".
	names := func(t *testing.T, q graphv1.QueryOptions) []string {
		t.Helper()
		page, err := c.ListUsers(ctx, graphv1.ListUsersParams{QueryOptions: q})
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		var out []string
		for _, u := range page.Value {
			if u.DisplayName.IsSet() {
				out = append(out, u.DisplayName.Value)
			} else {
				out = append(out, "-")
			}
		}
		return out
	}

	for _, tc := range []struct {
		filter string
		want   []string // sorted
	}{
		{"jobTitle eq 'Engineer'", []string{"Alice Adams", "Carol Clark"}},
		{"jobTitle eq 'engineer'", []string{"Alice Adams", "Carol Clark"}}, // strings compare as Graph does, without case
		{"jobTitle ne 'Engineer'", []string{"-", "Bob Brown", "Dan Drake", "Eve Evans"}},
		{"accountEnabled eq false", []string{"Bob Brown"}},
		{"displayName gt 'C'", []string{"Carol Clark", "Dan Drake", "Eve Evans"}},
		{"displayName ge 'Carol Clark' and displayName lt 'Eve'", []string{"Carol Clark", "Dan Drake"}},
		{"displayName le 'Bob Brown'", []string{"Alice Adams", "Bob Brown"}},
		{"jobTitle eq 'Designer' or jobTitle eq 'Manager'", []string{"Bob Brown", "Dan Drake"}},
		{"not(jobTitle eq 'Engineer') and displayName ne null", []string{"Bob Brown", "Dan Drake", "Eve Evans"}},
		{"jobTitle in ('Designer', 'Manager')", []string{"Bob Brown", "Dan Drake"}},
		{"jobTitle eq null", []string{"-", "Eve Evans"}},
		{"startswith(displayName,'a')", []string{"Alice Adams"}},
		{"endswith(displayName,'Clark')", []string{"Carol Clark"}},
		{"contains(displayName,'an')", []string{"Dan Drake", "Eve Evans"}},
		{"(jobTitle eq 'Engineer' or jobTitle eq 'Manager') and startswith(userPrincipalName,'c')", []string{"Carol Clark"}},
		{"userPrincipalName eq 'nobody@contoso.example'", nil},
	} {
		t.Run("$filter="+tc.filter, func(t *testing.T) {
			got := names(t, graphv1.QueryOptions{Filter: tc.filter})
			slices.Sort(got)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}

	t.Run("$orderby", func(t *testing.T) {
		got := names(t, graphv1.QueryOptions{Filter: "displayName ne null", OrderBy: []string{"displayName desc"}})
		if want := []string{"Eve Evans", "Dan Drake", "Carol Clark", "Bob Brown", "Alice Adams"}; !reflect.DeepEqual(got, want) {
			t.Errorf("displayName desc: %q, want %q", got, want)
		}
		got = names(t, graphv1.QueryOptions{Filter: "jobTitle ne null", OrderBy: []string{"jobTitle", "displayName desc"}})
		if want := []string{"Bob Brown", "Carol Clark", "Alice Adams", "Dan Drake"}; !reflect.DeepEqual(got, want) {
			t.Errorf("jobTitle,displayName desc: %q, want %q", got, want)
		}
	})

	t.Run("$select", func(t *testing.T) {
		page, err := c.ListUsers(ctx, graphv1.ListUsersParams{QueryOptions: graphv1.QueryOptions{
			Filter: "jobTitle eq 'Engineer'", Select: []string{"displayName", "jobTitle"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Value) != 2 {
			t.Fatalf("%d users, want 2", len(page.Value))
		}
		for _, u := range page.Value {
			if !u.DisplayName.IsSet() || u.JobTitle.Value != "Engineer" {
				t.Errorf("$select=displayName,jobTitle: displayName %v jobTitle %v, want both", u.DisplayName, u.JobTitle)
			}
			if u.UserPrincipalName.IsSet() || u.AccountEnabled.IsSet() || u.MailNickname.IsSet() {
				t.Errorf("$select=displayName,jobTitle: %s also has userPrincipalName %v accountEnabled %v mailNickname %v",
					u.DisplayName.Value, u.UserPrincipalName, u.AccountEnabled, u.MailNickname)
			}
		}
	})

	t.Run("$count", func(t *testing.T) {
		page, err := c.ListUsers(ctx, graphv1.ListUsersParams{QueryOptions: graphv1.QueryOptions{
			Filter: "accountEnabled eq true", Count: true, Top: 1,
		}})
		if err != nil {
			t.Fatal(err)
		}
		if !page.Count.IsSet() || page.Count.Value != 4 || len(page.Value) != 1 || page.NextLink == "" {
			t.Errorf("$count with $filter and $top=1: count %v, %d items, nextLink %q; want 4, 1 and a link", page.Count, len(page.Value), page.NextLink)
		}
		page, err = c.ListUsers(ctx, graphv1.ListUsersParams{})
		if err != nil {
			t.Fatal(err)
		}
		if page.Count.IsSet() {
			t.Errorf("@odata.count %d without $count=true", page.Count.Value)
		}
		if len(page.Value) != 6 {
			t.Errorf("%d users, want the 5 created and the signed-in one", len(page.Value))
		}
	})

	t.Run("numbers and nested properties", func(t *testing.T) {
		for i, m := range []int32{0, 15, 30, 60} {
			ev := newEventAt(fmt.Sprintf("R%d", m), fmt.Sprintf("2024-07-%02d", 4-i))
			ev.ReminderMinutesBeforeStart = graphv1.Some(m)
			mustCreateEvent(t, c, defaultMe, ev)
		}
		list := func(q graphv1.QueryOptions) []string {
			t.Helper()
			page, err := c.UserListEvents(ctx, graphv1.UserListEventsParams{QueryOptions: q})
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			var out []string
			for _, ev := range page.Value {
				out = append(out, ev.Subject.Value)
			}
			return out
		}
		if got, want := list(graphv1.QueryOptions{Filter: "reminderMinutesBeforeStart ge 15 and reminderMinutesBeforeStart lt 60"}), []string{"R15", "R30"}; !reflect.DeepEqual(got, want) {
			t.Errorf("reminderMinutesBeforeStart in [15, 60): %q, want %q", got, want)
		}
		if got, want := list(graphv1.QueryOptions{OrderBy: []string{"reminderMinutesBeforeStart desc"}}), []string{"R60", "R30", "R15", "R0"}; !reflect.DeepEqual(got, want) {
			t.Errorf("$orderby=reminderMinutesBeforeStart desc: %q, want %q", got, want)
		}
		if got, want := list(graphv1.QueryOptions{OrderBy: []string{"start/dateTime"}}), []string{"R60", "R30", "R15", "R0"}; !reflect.DeepEqual(got, want) {
			t.Errorf("$orderby=start/dateTime: %q, want %q", got, want)
		}
		if got, want := list(graphv1.QueryOptions{Filter: "start/dateTime ge '2024-07-03'"}), []string{"R0", "R15"}; !reflect.DeepEqual(got, want) {
			t.Errorf("$filter=start/dateTime ge '2024-07-03': %q, want %q", got, want)
		}
	})

	t.Run("unsupported and invalid queries answer 400", func(t *testing.T) {
		for _, tc := range []struct {
			q           graphv1.QueryOptions
			unsupported bool // the message says the fake does not support it
		}{
			{graphv1.QueryOptions{Filter: "assignedLicenses/any(x:x/skuId eq 'abc')"}, true},
			{graphv1.QueryOptions{Expand: []string{"manager"}}, true},
			{graphv1.QueryOptions{Search: `"displayName:Alice"`}, true},
			{graphv1.QueryOptions{Filter: "displayName eq"}, false},
			{graphv1.QueryOptions{Filter: "displayName eq 'Alice"}, false},
		} {
			_, err := c.ListUsers(ctx, graphv1.ListUsersParams{QueryOptions: tc.q})
			gerr := wantError(t, fmt.Sprintf("%+v", tc.q), err, http.StatusBadRequest)
			if gerr != nil && tc.unsupported && !strings.Contains(gerr.Message, "fake does not support") {
				t.Errorf("%+v: message %q, want one saying the fake does not support it", tc.q, gerr.Message)
			}
		}
	})
}

func TestFakeContainedCollections(t *testing.T) {
	e := newFakeEnv(t, graphv1.NewFake())
	c, ctx := e.c, context.Background()
	alice := mustCreateUser(t, c, newUser("Alice", "alice@contoso.example"))
	bob := mustCreateUser(t, c, newUser("Bob", "bob@contoso.example"))
	aliceEvents := []string{
		mustCreateEvent(t, c, alice, newEventAt("Alice 1", "2024-05-01")),
		mustCreateEvent(t, c, alice, newEventAt("Alice 2", "2024-05-02")),
	}
	bobEvents := []string{
		mustCreateEvent(t, c, bob, newEventAt("Bob 1", "2024-05-01")),
		mustCreateEvent(t, c, bob, newEventAt("Bob 2", "2024-05-02")),
		mustCreateEvent(t, c, bob, newEventAt("Bob 3", "2024-05-03")),
	}

	ids := func(t *testing.T, userID string) []string {
		t.Helper()
		page, err := c.UserListEvents(ctx, graphv1.UserListEventsParams{UserID: userID})
		if err != nil {
			t.Fatalf("events of %s: %v", userID, err)
		}
		var out []string
		for _, ev := range page.Value {
			out = append(out, ev.ID.Value)
		}
		return out
	}

	t.Run("each user has their own", func(t *testing.T) {
		if got := ids(t, alice); !reflect.DeepEqual(got, aliceEvents) {
			t.Errorf("Alice's events %q, want %q", got, aliceEvents)
		}
		if got := ids(t, bob); !reflect.DeepEqual(got, bobEvents) {
			t.Errorf("Bob's events %q, want %q", got, bobEvents)
		}
		if got := ids(t, defaultMe); len(got) != 0 {
			t.Errorf("the signed-in user has events %q, want none", got)
		}
	})

	t.Run("a parent named by its userPrincipalName is the same parent", func(t *testing.T) {
		// Graph's /users/{id | userPrincipalName}/events: either names the
		// user, without regard to the case of the userPrincipalName.
		carol := mustCreateUser(t, c, newUser("Carol", "carol@contoso.example"))
		byID := mustCreateEvent(t, c, carol, newEventAt("Carol 1", "2024-05-01"))
		byUPN := mustCreateEvent(t, c, "carol@contoso.example", newEventAt("Carol 2", "2024-05-02"))
		want := []string{byID, byUPN}
		if got := ids(t, carol); !reflect.DeepEqual(got, want) {
			t.Errorf("/users/{id}/events: %q, want %q (the second created at /users/carol@contoso.example/events)", got, want)
		}
		if got := ids(t, "CAROL@contoso.example"); !reflect.DeepEqual(got, want) {
			t.Errorf("/users/CAROL@contoso.example/events: %q, want %q", got, want)
		}
		if _, err := c.GetEvent(ctx, graphv1.GetEventParams{UserID: "carol@contoso.example", EventID: byID}); err != nil {
			t.Errorf("GET /users/carol@contoso.example/events/{id} of an event created at /users/{id}/events: %v", err)
		}
	})

	t.Run("an item is found only under its parent", func(t *testing.T) {
		if _, err := c.GetEvent(ctx, graphv1.GetEventParams{UserID: alice, EventID: aliceEvents[0]}); err != nil {
			t.Fatal(err)
		}
		_, err := c.GetEvent(ctx, graphv1.GetEventParams{UserID: bob, EventID: aliceEvents[0]})
		wantError(t, "Alice's event under Bob", err, http.StatusNotFound)
		_, err = c.UpdateEvent(ctx, graphv1.UpdateEventParams{UserID: bob, EventID: aliceEvents[0]}, &graphv1.Event{Subject: graphv1.Some("x")})
		wantError(t, "PATCH of Alice's event under Bob", err, http.StatusNotFound)
		err = c.DeleteEvent(ctx, graphv1.DeleteEventParams{UserID: bob, EventID: aliceEvents[0]})
		wantError(t, "DELETE of Alice's event under Bob", err, http.StatusNotFound)
		if got := ids(t, alice); !reflect.DeepEqual(got, aliceEvents) {
			t.Errorf("Alice's events %q after the attempts under Bob, want %q", got, aliceEvents)
		}
	})

	t.Run("/me is the signed-in user", func(t *testing.T) {
		mine, err := c.UserCreateEvent(ctx, graphv1.UserCreateEventParams{Route: "/me/events"}, newEventAt("Mine", "2024-05-05"))
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(t, defaultMe); !reflect.DeepEqual(got, []string{mine.ID.Value}) {
			t.Errorf("/users/%s/events: %q, want the one created at /me/events", defaultMe, got)
		}
		got, err := c.GetEvent(ctx, graphv1.GetEventParams{Route: "/me/events/{id}", EventID: mine.ID.Value})
		if err != nil {
			t.Fatal(err)
		}
		if got.Subject.Value != "Mine" {
			t.Errorf("GET /me/events/{id}: subject %q", got.Subject.Value)
		}
		me, err := c.GetUser(ctx, graphv1.GetUserParams{Route: "/me"})
		if err != nil {
			t.Fatal(err)
		}
		if me.ID.Value != defaultMe {
			t.Errorf("/me is %q, want %s", me.ID.Value, defaultMe)
		}
	})

	t.Run("no events for a user that is not there", func(t *testing.T) {
		_, err := c.UserCreateEvent(ctx, graphv1.UserCreateEventParams{UserID: "nobody"}, newEventAt("x", "2024-05-01"))
		wantError(t, "POST /users/nobody/events", err, http.StatusNotFound)
		_, err = c.UserListEvents(ctx, graphv1.UserListEventsParams{UserID: "nobody"})
		wantError(t, "GET /users/nobody/events", err, http.StatusNotFound)
	})

	t.Run("deleting a user deletes their events", func(t *testing.T) {
		if err := c.DeleteUserMicrosoftGraphAPI(ctx, graphv1.DeleteUserMicrosoftGraphAPIParams{UserID: alice}); err != nil {
			t.Fatal(err)
		}
		_, err := c.GetEvent(ctx, graphv1.GetEventParams{UserID: alice, EventID: aliceEvents[0]})
		wantError(t, "an event of the deleted user", err, http.StatusNotFound)
		if got := ids(t, bob); !reflect.DeepEqual(got, bobEvents) {
			t.Errorf("Bob's events %q after Alice's deletion, want %q", got, bobEvents)
		}
		// A new user of the same id starts with none.
		u := newUser("Alice again", "alice@contoso.example")
		u.ID = graphv1.Some(alice)
		mustCreateUser(t, c, u)
		if got := ids(t, alice); len(got) != 0 {
			t.Errorf("the new user of the deleted one's id has events %q", got)
		}
	})
}

// The ids of the docs' examples that WithExampleData stores.
const (
	gradyID         = "e8b753b5-4117-464e-9a08-713e1ff266b3" // user-list.md
	concertID       = "AAMkADhMGAAA="                        // message-get.md
	concertSubject  = "9/9/2018: concert"
	userGetMeName   = "Adele Vance" // user-get.md's GET /me
	listManagerMeID = "a97733ce-92a4-4e7e-8d45-8e1f3e6a69d8"
)

func TestFakeExampleData(t *testing.T) {
	ctx := context.Background()

	t.Run("without it only the signed-in user", func(t *testing.T) {
		e := newFakeEnv(t, graphv1.NewFake())
		page, err := e.c.ListUsers(ctx, graphv1.ListUsersParams{})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Value) != 1 || page.Value[0].ID.Value != defaultMe {
			t.Errorf("%d users, want the signed-in user %s only", len(page.Value), defaultMe)
		}
		events, err := e.c.UserListEvents(ctx, graphv1.UserListEventsParams{})
		if err != nil {
			t.Fatal(err)
		}
		if len(events.Value) != 0 {
			t.Errorf("%d events, want none", len(events.Value))
		}
	})

	e := newFakeEnv(t, graphv1.NewFake(graphv1.WithExampleData()))
	c := e.c

	t.Run("users", func(t *testing.T) {
		page, err := c.ListUsers(ctx, graphv1.ListUsersParams{})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Value) < 3 {
			t.Errorf("%d users, want the docs' examples' users", len(page.Value))
		}
		var names []string
		for _, u := range page.Value {
			names = append(names, u.DisplayName.Value)
			if _, ok := u.AdditionalData["@odata.context"]; ok {
				t.Errorf("user %s keeps its example's @odata.context", u.DisplayName.Value)
			}
		}
		for _, want := range []string{"Adele Vance", "Grady Archie"} {
			if !slices.Contains(names, want) {
				t.Errorf("users %q, want %s among them", names, want)
			}
		}
		u, err := c.GetUser(ctx, graphv1.GetUserParams{UserID: gradyID})
		if err != nil {
			t.Fatal(err)
		}
		if u.DisplayName.Value != "Grady Archie" || u.JobTitle.Value != "Designer" || u.Mail.Value != "GradyA@contoso.com" {
			t.Errorf("user %s: %q %q %q, want the example's Grady Archie, Designer", gradyID, u.DisplayName.Value, u.JobTitle.Value, u.Mail.Value)
		}
		u, err = c.GetUser(ctx, graphv1.GetUserParams{UserID: adeleID})
		if err != nil {
			t.Fatal(err)
		}
		if u.DisplayName.Value != "Adele Vance" || u.UserPrincipalName.Value != adeleUPN {
			t.Errorf("user %s: %q %q, want Adele Vance", adeleID, u.DisplayName.Value, u.UserPrincipalName.Value)
		}
		// Filtering works on seeded data as on created data.
		page, err = c.ListUsers(ctx, graphv1.ListUsersParams{QueryOptions: graphv1.QueryOptions{Filter: "startswith(displayName,'Grady')"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Value) != 1 || page.Value[0].ID.Value != gradyID {
			t.Errorf("startswith(displayName,'Grady'): %d users, want Grady Archie", len(page.Value))
		}
	})

	t.Run("me is GET /me's example", func(t *testing.T) {
		me, err := c.GetUser(ctx, graphv1.GetUserParams{Route: "/me"})
		if err != nil {
			t.Fatal(err)
		}
		if me.DisplayName.Value != userGetMeName || me.ID.Value != adeleID {
			t.Errorf("/me is %q (%s), want %s (%s), the example of GET /me in user-get.md", me.DisplayName.Value, me.ID.Value, userGetMeName, adeleID)
			if me.ID.Value == listManagerMeID {
				t.Logf("%s is the example of GET /me?$expand=manager in user-list-manager.md", listManagerMeID)
			}
		}
	})

	t.Run("events and messages of /me", func(t *testing.T) {
		events, err := c.UserListEvents(ctx, graphv1.UserListEventsParams{})
		if err != nil {
			t.Fatal(err)
		}
		if len(events.Value) == 0 {
			t.Fatal("no events at /me/events")
		}
		first := events.Value[0]
		ev, err := c.GetEvent(ctx, graphv1.GetEventParams{EventID: first.ID.Value})
		if err != nil {
			t.Fatalf("GET /me/events/%s, listed: %v", first.ID.Value, err)
		}
		if ev.Subject.Value != first.Subject.Value {
			t.Errorf("event %s: subject %q, listed as %q", first.ID.Value, ev.Subject.Value, first.Subject.Value)
		}

		msgs, err := c.UserListMessages(ctx, graphv1.UserListMessagesParams{})
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs.Value) == 0 {
			t.Fatal("no messages at /me/messages")
		}
		m, err := c.GetMessage(ctx, graphv1.GetMessageParams{MessageID: concertID})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.AsMessage().Subject.Value; got != concertSubject {
			t.Errorf("message %s: subject %q, want %q", concertID, got, concertSubject)
		}
	})

	t.Run("it can be changed", func(t *testing.T) {
		err := c.UpdateUser(ctx, graphv1.UpdateUserParams{UserID: gradyID}, &graphv1.User{JobTitle: graphv1.Some("Lead Designer")})
		if err != nil {
			t.Fatal(err)
		}
		u, err := c.GetUser(ctx, graphv1.GetUserParams{UserID: gradyID})
		if err != nil {
			t.Fatal(err)
		}
		if u.JobTitle.Value != "Lead Designer" || u.DisplayName.Value != "Grady Archie" {
			t.Errorf("after PATCH: %q %q", u.DisplayName.Value, u.JobTitle.Value)
		}
		// Another Fake's data is its own.
		other := newFakeEnv(t, graphv1.NewFake(graphv1.WithExampleData()))
		u, err = other.c.GetUser(ctx, graphv1.GetUserParams{UserID: gradyID})
		if err != nil {
			t.Fatal(err)
		}
		if u.JobTitle.Value != "Designer" {
			t.Errorf("a new Fake's Grady Archie is %q, want the example's Designer", u.JobTitle.Value)
		}
	})

	t.Run("WithMe", func(t *testing.T) {
		e := newFakeEnv(t, graphv1.NewFake(graphv1.WithExampleData(), graphv1.WithMe("my-user")))
		me, err := e.c.GetUser(ctx, graphv1.GetUserParams{Route: "/me"})
		if err != nil {
			t.Fatal(err)
		}
		if me.ID.Value != "my-user" {
			t.Errorf("/me is %q, want my-user", me.ID.Value)
		}
		// The examples of /me/... are the signed-in user's.
		events, err := e.c.UserListEvents(ctx, graphv1.UserListEventsParams{UserID: "my-user"})
		if err != nil {
			t.Fatal(err)
		}
		if len(events.Value) == 0 {
			t.Error("no events at /users/my-user/events, want the examples of /me/events")
		}
		plain := newFakeEnv(t, graphv1.NewFake(graphv1.WithMe("someone")))
		page, err := plain.c.ListUsers(ctx, graphv1.ListUsersParams{})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Value) != 1 || page.Value[0].ID.Value != "someone" {
			t.Errorf("WithMe(someone): %d users, want someone only", len(page.Value))
		}
	})
}

func TestFakeConcurrentWriters(t *testing.T) {
	e := newFakeEnv(t, graphv1.NewFake())
	c, ctx := e.c, context.Background()
	shared := mustCreateUser(t, c, newUser("Shared", "shared@contoso.example"))

	const writers, each = 8, 20
	// Each writer patches its own property of the shared user, so that a
	// lost update shows as a missing property.
	props := []func(u *graphv1.User, v string){
		func(u *graphv1.User, v string) { u.JobTitle = graphv1.Some(v) },
		func(u *graphv1.User, v string) { u.Department = graphv1.Some(v) },
		func(u *graphv1.User, v string) { u.OfficeLocation = graphv1.Some(v) },
		func(u *graphv1.User, v string) { u.City = graphv1.Some(v) },
		func(u *graphv1.User, v string) { u.State = graphv1.Some(v) },
		func(u *graphv1.User, v string) { u.Country = graphv1.Some(v) },
		func(u *graphv1.User, v string) { u.CompanyName = graphv1.Some(v) },
		func(u *graphv1.User, v string) { u.MobilePhone = graphv1.Some(v) },
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*4)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				subject := fmt.Sprintf("w%d-%d", w, i)
				ev, err := c.UserCreateEvent(ctx, graphv1.UserCreateEventParams{}, newEventAt(subject, "2024-08-01"))
				if err != nil {
					errs <- err
					continue
				}
				if _, err := c.UpdateEvent(ctx, graphv1.UpdateEventParams{EventID: ev.ID.Value}, &graphv1.Event{Subject: graphv1.Some(subject + " done")}); err != nil {
					errs <- err
				}
				patch := &graphv1.User{}
				props[w](patch, fmt.Sprintf("w%d-%d", w, i))
				if err := c.UpdateUser(ctx, graphv1.UpdateUserParams{UserID: shared}, patch); err != nil {
					errs <- err
				}
				if _, err := c.UserListEvents(ctx, graphv1.UserListEventsParams{QueryOptions: graphv1.QueryOptions{Filter: "startswith(subject,'w')", Top: 5}}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	seen := map[string]bool{}
	for ev, err := range c.UserListEventsAll(ctx, graphv1.UserListEventsParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[ev.ID.Value] {
			t.Errorf("event %s listed twice", ev.ID.Value)
		}
		seen[ev.ID.Value] = true
		if !strings.HasSuffix(ev.Subject.Value, " done") {
			t.Errorf("event %s: subject %q, want it patched", ev.ID.Value, ev.Subject.Value)
		}
	}
	if len(seen) != writers*each {
		t.Errorf("%d events, want %d", len(seen), writers*each)
	}

	u, err := c.GetUser(ctx, graphv1.GetUserParams{UserID: shared})
	if err != nil {
		t.Fatal(err)
	}
	last := fmt.Sprintf("-%d", each-1)
	for w, v := range []graphv1.Optional[string]{u.JobTitle, u.Department, u.OfficeLocation, u.City, u.State, u.Country, u.CompanyName, u.MobilePhone} {
		if v.Value != fmt.Sprintf("w%d%s", w, last) {
			t.Errorf("writer %d's property is %q, want its last write w%d%s", w, v.Value, w, last)
		}
	}
	if u.DisplayName.Value != "Shared" {
		t.Errorf("displayName %q after the patches, want Shared", u.DisplayName.Value)
	}
}

// onboardingFake overrides two operations of the Fake and keeps the rest.
type onboardingFake struct {
	*graphv1.Fake
	mu      sync.Mutex
	created []string
}

// CreateUser refuses a user without a userPrincipalName and gives the
// others a default jobTitle, then stores them as the Fake does.
func (f *onboardingFake) CreateUser(ctx context.Context, body *graphv1.User) (*graphv1.User, error) {
	if !body.UserPrincipalName.IsSet() {
		return nil, &graphv1.Error{StatusCode: http.StatusBadRequest, Code: "Request_BadRequest", Message: "userPrincipalName is required"}
	}
	if !body.JobTitle.IsSet() {
		body.JobTitle = graphv1.Some("New hire")
	}
	u, err := f.Fake.CreateUser(ctx, body)
	if err == nil {
		f.mu.Lock()
		f.created = append(f.created, u.ID.Value)
		f.mu.Unlock()
	}
	return u, err
}

// DeleteUserMicrosoftGraphAPI refuses to delete the signed-in user.
func (f *onboardingFake) DeleteUserMicrosoftGraphAPI(ctx context.Context, p graphv1.DeleteUserMicrosoftGraphAPIParams) error {
	if p.UserID == defaultMe {
		return &graphv1.Error{StatusCode: http.StatusForbidden, Code: "Authorization_RequestDenied", Message: "not yourself"}
	}
	return f.Fake.DeleteUserMicrosoftGraphAPI(ctx, p)
}

func TestFakeOverride(t *testing.T) {
	f := &onboardingFake{Fake: graphv1.NewFake()}
	e := newFakeEnv(t, f)
	c, ctx := e.c, context.Background()

	_, err := c.CreateUser(ctx, &graphv1.User{DisplayName: graphv1.Some("No UPN")})
	if gerr := wantError(t, "CreateUser without a userPrincipalName", err, http.StatusBadRequest); gerr != nil && gerr.Code != "Request_BadRequest" {
		t.Errorf("code %q, want the override's Request_BadRequest", gerr.Code)
	}

	id := mustCreateUser(t, c, newUser("Nia", "nia@contoso.example"))
	if s := e.status(t, "POST", "/v1.0/users"); s != http.StatusCreated {
		t.Errorf("POST /users through the override answered %d, want 201", s)
	}
	// The rest is the Fake's, on the same store.
	u, err := c.GetUser(ctx, graphv1.GetUserParams{UserID: id})
	if err != nil {
		t.Fatal(err)
	}
	if u.JobTitle.Value != "New hire" || u.DisplayName.Value != "Nia" {
		t.Errorf("stored user %q %q, want Nia, New hire", u.DisplayName.Value, u.JobTitle.Value)
	}
	f.mu.Lock()
	created := slices.Clone(f.created)
	f.mu.Unlock()
	if !reflect.DeepEqual(created, []string{id}) {
		t.Errorf("the override saw %q created, want %q", created, []string{id})
	}

	err = c.DeleteUserMicrosoftGraphAPI(ctx, graphv1.DeleteUserMicrosoftGraphAPIParams{UserID: defaultMe})
	if gerr := wantError(t, "deleting the signed-in user", err, http.StatusForbidden); gerr != nil && gerr.Code != "Authorization_RequestDenied" {
		t.Errorf("code %q, want the override's", gerr.Code)
	}
	if _, err := c.GetUser(ctx, graphv1.GetUserParams{Route: "/me"}); err != nil {
		t.Errorf("/me after the refused delete: %v", err)
	}
	if err := c.DeleteUserMicrosoftGraphAPI(ctx, graphv1.DeleteUserMicrosoftGraphAPIParams{UserID: id}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetUser(ctx, graphv1.GetUserParams{UserID: id})
	wantError(t, "GetUser after the delete passed through", err, http.StatusNotFound)
}

// Functions that Graph answers from the entities of a collection: a delta
// query of /users, a calendar view of /me/events. A Fake's answer should
// be made of what it stores.
func TestFakeViews(t *testing.T) {
	e := newFakeEnv(t, graphv1.NewFake())
	c, ctx := e.c, context.Background()

	t.Run("users delta", func(t *testing.T) {
		id := mustCreateUser(t, c, newUser("Delta", "delta@contoso.example"))
		var ids []string
		page, err := c.UserDelta(ctx, graphv1.UserDeltaParams{})
		for n := 1; ; n++ {
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range page.Value {
				ids = append(ids, u.ID.Value)
			}
			if page.NextLink == "" || n == 5 {
				break
			}
			page = getPage[graphv1.User](t, page.NextLink)
		}
		slices.Sort(ids)
		want := []string{defaultMe, id}
		slices.Sort(want)
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("GET /users/delta: users %q, want the users stored, %q", ids, want)
		}
		if page.DeltaLink == "" {
			t.Errorf("GET /users/delta: the last page has no @odata.deltaLink")
		}
	})

	t.Run("calendarView", func(t *testing.T) {
		in := mustCreateEvent(t, c, defaultMe, newEventAt("In the window", "2024-09-10"))
		mustCreateEvent(t, c, defaultMe, newEventAt("After it", "2024-10-10"))
		page, err := c.UserListCalendarView(ctx, graphv1.UserListCalendarViewParams{
			UserID:        defaultMe,
			StartDateTime: "2024-09-01T00:00:00", EndDateTime: "2024-09-30T00:00:00",
		})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, ev := range page.Value {
			ids = append(ids, ev.ID.Value)
		}
		if !reflect.DeepEqual(ids, []string{in}) {
			t.Errorf("GET /me/calendarView for September: events %q, want the one of /me/events in September, %q", ids, in)
		}
	})
}
