package interop

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
	"github.com/microsoftgraph/msgraph-sdk-go/users"

	"github.com/docgen-dev/docgen/interop/graphv1"
)

// defaultMe is the user a fresh Fake's /me stands for.
const defaultMe = "00000000-0000-0000-0000-000000000001"

// TestSDKAgainstFake runs the official SDK, set up as in TestSDK, against
// the generated handler around graphv1.NewFake(): a user created, read,
// given five events that are paged through, updated, deleted, filtered
// and ordered, and /me. The steps depend on each other: a failed one stops
// the test.
func TestSDKAgainstFake(t *testing.T) {
	e := newEnvWith(t, graphv1.NewFake())
	c := e.client(t, "any-token")
	ctx := context.Background()

	var userID string
	step := func(name string, f func(t *testing.T)) {
		t.Helper()
		ok := true
		e.run(t, name, func(t *testing.T) {
			defer func() { ok = !t.Failed() }()
			f(t)
		})
		if !ok {
			t.FailNow()
		}
	}

	step("create user", func(t *testing.T) {
		u := models.NewUser()
		u.SetDisplayName(ptr("Adele Vance"))
		u.SetMailNickname(ptr("AdeleV"))
		u.SetUserPrincipalName(ptr("AdeleV@contoso.example"))
		u.SetAccountEnabled(ptr(true))
		pp := models.NewPasswordProfile()
		pp.SetPassword(ptr("xWwvJ]6NMw+bWH-d"))
		pp.SetForceChangePasswordNextSignIn(ptr(true))
		u.SetPasswordProfile(pp)
		start := e.rec.len()
		got, err := c.Users().Post(ctx, u, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		e.wantStatus(t, start, http.MethodPost, "/v1.0/users", http.StatusCreated)
		userID = deref(got.GetId())
		if userID == "" {
			t.Fatal("the created user has no id")
		}
		if userID == defaultMe {
			t.Fatalf("the created user has the signed-in user's id %s", userID)
		}
		if deref(got.GetDisplayName()) != "Adele Vance" || deref(got.GetUserPrincipalName()) != "AdeleV@contoso.example" {
			t.Errorf("created user %q %q, want what was sent", deref(got.GetDisplayName()), deref(got.GetUserPrincipalName()))
		}
	})

	step("get user", func(t *testing.T) {
		u, err := c.Users().ByUserId(userID).Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(u.GetId()) != userID || deref(u.GetDisplayName()) != "Adele Vance" ||
			deref(u.GetMailNickname()) != "AdeleV" || deref(u.GetUserPrincipalName()) != "AdeleV@contoso.example" ||
			!deref(u.GetAccountEnabled()) {
			t.Errorf("got user id %q displayName %q mailNickname %q upn %q accountEnabled %v, want what was created",
				deref(u.GetId()), deref(u.GetDisplayName()), deref(u.GetMailNickname()), deref(u.GetUserPrincipalName()), u.GetAccountEnabled())
		}
		// By userPrincipalName too, as Graph allows.
		byUPN, err := c.Users().ByUserId("AdeleV@contoso.example").Get(ctx, nil)
		if err != nil {
			t.Fatal("by userPrincipalName: " + describe(err))
		}
		if deref(byUPN.GetId()) != userID {
			t.Errorf("by userPrincipalName: id %q, want %q", deref(byUPN.GetId()), userID)
		}
	})

	step("list users", func(t *testing.T) {
		resp, err := c.Users().Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		var ids []string
		for _, u := range resp.GetValue() {
			ids = append(ids, deref(u.GetId()))
		}
		slices.Sort(ids)
		want := []string{defaultMe, userID}
		slices.Sort(want)
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("users %q, want the signed-in user and the created one %q", ids, want)
		}
	})

	events := c.Users().ByUserId(userID).Events()
	subjects := []string{"Standup 1", "Standup 2", "Standup 3", "Standup 4", "Standup 5"}
	var eventIDs []string
	step("create 5 events", func(t *testing.T) {
		for i, s := range subjects {
			ev := models.NewEvent()
			ev.SetSubject(ptr(s))
			ev.SetStart(dateTimeTZ(fmt.Sprintf("2024-05-0%dT09:00:00", i+1)))
			ev.SetEnd(dateTimeTZ(fmt.Sprintf("2024-05-0%dT09:15:00", i+1)))
			start := e.rec.len()
			got, err := events.Post(ctx, ev, nil)
			if err != nil {
				t.Fatalf("event %d: %s", i+1, describe(err))
			}
			e.wantStatus(t, start, http.MethodPost, "/v1.0/users/"+userID+"/events", http.StatusCreated)
			id := deref(got.GetId())
			if id == "" || slices.Contains(eventIDs, id) {
				t.Fatalf("event %d: id %q, want a new one (have %q)", i+1, id, eventIDs)
			}
			eventIDs = append(eventIDs, id)
			if deref(got.GetSubject()) != s {
				t.Errorf("event %d: subject %q, want %q", i+1, deref(got.GetSubject()), s)
			}
			if st := got.GetStart(); st == nil || deref(st.GetDateTime()) != fmt.Sprintf("2024-05-0%dT09:00:00", i+1) || deref(st.GetTimeZone()) != "UTC" {
				t.Errorf("event %d: start %v, want what was sent", i+1, st)
			}
		}
	})

	top2 := func() *users.ItemEventsRequestBuilderGetRequestConfiguration {
		return &users.ItemEventsRequestBuilderGetRequestConfiguration{
			QueryParameters: &users.ItemEventsRequestBuilderGetQueryParameters{Top: ptr(int32(2))},
		}
	}

	step("page through events with PageIterator", func(t *testing.T) {
		start := e.rec.len()
		resp, err := events.Get(ctx, top2())
		if err != nil {
			t.Fatal(describe(err))
		}
		it, err := msgraphcore.NewPageIterator[models.Eventable](resp, c.GetAdapter(), models.CreateEventCollectionResponseFromDiscriminatorValue)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		if err := it.Iterate(ctx, func(ev models.Eventable) bool {
			got = append(got, deref(ev.GetSubject()))
			return true
		}); err != nil {
			t.Fatal(describe(err))
		}
		if !reflect.DeepEqual(got, subjects) {
			t.Errorf("subjects %q, want %q in the order created", got, subjects)
		}
		var gets int
		for _, x := range e.rec.since(start) {
			if x.method == http.MethodGet && strings.Contains(x.url, "/events") {
				gets++
			}
		}
		if gets != 3 {
			t.Errorf("%d GET requests of the events, want 3 pages", gets)
		}
	})

	step("page through events by hand", func(t *testing.T) {
		resp, err := events.Get(ctx, top2())
		if err != nil {
			t.Fatal(describe(err))
		}
		var sizes []int
		seen := map[string]bool{}
		for page := 1; ; page++ {
			if page > 5 {
				t.Fatal("more than 5 pages")
			}
			sizes = append(sizes, len(resp.GetValue()))
			for _, ev := range resp.GetValue() {
				seen[deref(ev.GetId())] = true
			}
			next := deref(resp.GetOdataNextLink())
			if next == "" {
				break
			}
			u, err := url.Parse(next)
			if err != nil || u.Scheme != "https" || u.Host != "graph.microsoft.com" || !strings.HasPrefix(u.Path, "/v1.0/users/"+userID+"/events") {
				t.Fatalf("page %d: @odata.nextLink %q, want an absolute link to https://graph.microsoft.com/v1.0/users/%s/events", page, next, userID)
			}
			if resp, err = events.WithUrl(next).Get(ctx, nil); err != nil {
				t.Fatalf("page %d: %s", page+1, describe(err))
			}
		}
		if !reflect.DeepEqual(sizes, []int{2, 2, 1}) {
			t.Errorf("page sizes %v, want [2 2 1]", sizes)
		}
		if len(seen) != 5 {
			t.Errorf("%d distinct events, want 5", len(seen))
		}
		for _, id := range eventIDs {
			if !seen[id] {
				t.Errorf("event %s was on no page", id)
			}
		}
	})

	step("update an event", func(t *testing.T) {
		patch := models.NewEvent()
		patch.SetSubject(ptr("Standup 2 (moved)"))
		got, err := events.ByEventId(eventIDs[1]).Patch(ctx, patch, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(got.GetSubject()) != "Standup 2 (moved)" {
			t.Errorf("PATCH answered subject %q", deref(got.GetSubject()))
		}
		ev, err := events.ByEventId(eventIDs[1]).Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(ev.GetSubject()) != "Standup 2 (moved)" {
			t.Errorf("subject %q after PATCH, want %q", deref(ev.GetSubject()), "Standup 2 (moved)")
		}
		// A merge: what the PATCH did not send stays.
		if st := ev.GetStart(); st == nil || deref(st.GetDateTime()) != "2024-05-02T09:00:00" {
			t.Errorf("start %v after PATCH of the subject, want it kept", st)
		}
		if deref(ev.GetId()) != eventIDs[1] {
			t.Errorf("id %q after PATCH, want %q", deref(ev.GetId()), eventIDs[1])
		}
	})

	step("delete an event", func(t *testing.T) {
		start := e.rec.len()
		if err := events.ByEventId(eventIDs[0]).Delete(ctx, nil); err != nil {
			t.Fatal(describe(err))
		}
		e.wantStatus(t, start, http.MethodDelete, "/v1.0/users/"+userID+"/events/"+eventIDs[0], http.StatusNoContent)
		_, err := events.ByEventId(eventIDs[0]).Get(ctx, nil)
		var oerr *odataerrors.ODataError
		if !errors.As(err, &oerr) {
			t.Fatalf("GET of the deleted event: %v (%T), want an *odataerrors.ODataError", err, err)
		}
		if oerr.ResponseStatusCode != http.StatusNotFound {
			t.Errorf("GET of the deleted event: status %d, want 404", oerr.ResponseStatusCode)
		}
		if odataCode(oerr) == "" {
			t.Error("GET of the deleted event: the error has no code")
		}
		resp, err := events.Get(ctx, &users.ItemEventsRequestBuilderGetRequestConfiguration{
			QueryParameters: &users.ItemEventsRequestBuilderGetQueryParameters{Count: ptr(true)},
		})
		if err != nil {
			t.Fatal(describe(err))
		}
		if n := len(resp.GetValue()); n != 4 {
			t.Errorf("%d events after the delete, want 4", n)
		}
		if n := resp.GetOdataCount(); n == nil || *n != 4 {
			t.Errorf("@odata.count %v after the delete, want 4", n)
		}
		for _, ev := range resp.GetValue() {
			if deref(ev.GetId()) == eventIDs[0] {
				t.Errorf("the deleted event is still listed")
			}
		}
	})

	step("filter and orderby", func(t *testing.T) {
		filter := "subject eq 'Standup 3'"
		resp, err := events.Get(ctx, &users.ItemEventsRequestBuilderGetRequestConfiguration{
			QueryParameters: &users.ItemEventsRequestBuilderGetQueryParameters{Filter: &filter},
		})
		if err != nil {
			t.Fatal(describe(err))
		}
		if v := resp.GetValue(); len(v) != 1 || deref(v[0].GetId()) != eventIDs[2] {
			t.Errorf("$filter=%s: %d events, want the third only", filter, len(v))
		}

		resp, err = events.Get(ctx, &users.ItemEventsRequestBuilderGetRequestConfiguration{
			QueryParameters: &users.ItemEventsRequestBuilderGetQueryParameters{Orderby: []string{"subject desc"}},
		})
		if err != nil {
			t.Fatal(describe(err))
		}
		var got []string
		for _, ev := range resp.GetValue() {
			got = append(got, deref(ev.GetSubject()))
		}
		if want := []string{"Standup 5", "Standup 4", "Standup 3", "Standup 2 (moved)"}; !reflect.DeepEqual(got, want) {
			t.Errorf("$orderby=subject desc: %q, want %q", got, want)
		}

		filter = "startswith(subject,'Standup') and subject ne 'Standup 4'"
		resp, err = events.Get(ctx, &users.ItemEventsRequestBuilderGetRequestConfiguration{
			QueryParameters: &users.ItemEventsRequestBuilderGetQueryParameters{
				Filter: &filter, Orderby: []string{"subject"}, Select: []string{"subject"},
			},
		})
		if err != nil {
			t.Fatal(describe(err))
		}
		got = nil
		for _, ev := range resp.GetValue() {
			got = append(got, deref(ev.GetSubject()))
			if ev.GetStart() != nil {
				t.Errorf("$select=subject: start %v is there", ev.GetStart())
			}
		}
		if want := []string{"Standup 2 (moved)", "Standup 3", "Standup 5"}; !reflect.DeepEqual(got, want) {
			t.Errorf("$filter=%s&$orderby=subject: %q, want %q", filter, got, want)
		}
	})

	step("me", func(t *testing.T) {
		u, err := c.Me().Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(u.GetId()) != defaultMe {
			t.Errorf("/me is %q, want the default signed-in user %s", deref(u.GetId()), defaultMe)
		}
		// /me/events is the signed-in user's, not the created user's.
		resp, err := c.Me().Events().Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if n := len(resp.GetValue()); n != 0 {
			t.Errorf("/me/events has %d events, want none: the events were created for another user", n)
		}
	})

	step("users $count", func(t *testing.T) {
		n, err := c.Users().Count().Get(ctx, countConfig())
		if err != nil {
			t.Fatal(describe(err))
		}
		if n == nil || *n != 2 {
			t.Errorf("/users/$count: %v, want 2 (the signed-in user and the created one)", n)
		}
	})

	step("update user", func(t *testing.T) {
		patch := models.NewUser()
		patch.SetJobTitle(ptr("Retail Manager"))
		start := e.rec.len()
		if _, err := c.Users().ByUserId(userID).Patch(ctx, patch, nil); err != nil {
			t.Fatal(describe(err))
		}
		e.wantStatus(t, start, http.MethodPatch, "/v1.0/users/"+userID, http.StatusNoContent)
		u, err := c.Users().ByUserId(userID).Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(u.GetJobTitle()) != "Retail Manager" || deref(u.GetDisplayName()) != "Adele Vance" {
			t.Errorf("after PATCH: jobTitle %q displayName %q, want Retail Manager, Adele Vance", deref(u.GetJobTitle()), deref(u.GetDisplayName()))
		}
	})

	step("unsupported query", func(t *testing.T) {
		search := `"subject:Standup"`
		_, err := events.Get(ctx, &users.ItemEventsRequestBuilderGetRequestConfiguration{
			QueryParameters: &users.ItemEventsRequestBuilderGetQueryParameters{Search: &search},
		})
		var oerr *odataerrors.ODataError
		if !errors.As(err, &oerr) {
			t.Fatalf("$search: %v (%T), want an *odataerrors.ODataError with status 400", err, err)
		}
		if oerr.ResponseStatusCode != http.StatusBadRequest {
			t.Errorf("$search: status %d, want 400", oerr.ResponseStatusCode)
		}
		if m := oerr.GetErrorEscaped(); m == nil || !strings.Contains(strings.ToLower(deref(m.GetMessage())), "fake") {
			t.Errorf("$search: %s, want a message saying the fake does not support it", describe(err))
		}
	})

	step("delete user", func(t *testing.T) {
		start := e.rec.len()
		if err := c.Users().ByUserId(userID).Delete(ctx, nil); err != nil {
			t.Fatal(describe(err))
		}
		e.wantStatus(t, start, http.MethodDelete, "/v1.0/users/"+userID, http.StatusNoContent)
		_, err := c.Users().ByUserId(userID).Get(ctx, nil)
		var oerr *odataerrors.ODataError
		if !errors.As(err, &oerr) || oerr.ResponseStatusCode != http.StatusNotFound {
			t.Errorf("GET of the deleted user: %v, want an ODataError with status 404", err)
		}
		_, err = c.Users().ByUserId(userID).Events().ByEventId(eventIDs[2]).Get(ctx, nil)
		if !errors.As(err, &oerr) || oerr.ResponseStatusCode != http.StatusNotFound {
			t.Errorf("GET of an event of the deleted user: %v, want an ODataError with status 404", err)
		}
	})
}

func dateTimeTZ(dt string) models.DateTimeTimeZoneable {
	v := models.NewDateTimeTimeZone()
	v.SetDateTime(ptr(dt))
	v.SetTimeZone(ptr("UTC"))
	return v
}

// wantStatus checks that the first request since exchange start of method
// and path got status.
func (e *env) wantStatus(t *testing.T, start int, method, path string, status int) {
	t.Helper()
	for _, x := range e.rec.since(start) {
		u, err := url.Parse(x.url)
		if err != nil || x.method != method || u.Path != path {
			continue
		}
		if x.status != status {
			t.Errorf("%s %s answered %d, want %d", method, path, x.status, status)
		}
		return
	}
	t.Errorf("no %s %s reached the handler", method, path)
}
