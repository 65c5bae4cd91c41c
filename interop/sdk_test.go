package interop

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	abstractions "github.com/microsoft/kiota-abstractions-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/drives"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
	"github.com/microsoftgraph/msgraph-sdk-go/users"

	"github.com/docgen-dev/docgen/interop/graphv1"
)

// The ids of the docs' examples.
const (
	adeleID   = "87d349ed-44d7-43e1-9a83-5f2406dee5bd"
	adeleUPN  = "AdeleV@contoso.onmicrosoft.com"
	guestUPN  = "contoso1_gmail.com#EXT#@microsoft.onmicrosoft.com"
	eventID   = "AAMkAGIAAAoZDOFAAA="
	messageID = "AAMkADhMGAAA="
	driveID   = "b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd"
	folderID  = "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K"
)

// usualScopes are the delegated permissions the scenarios need.
var usualScopes = []string{
	"User.Read.All", "Calendars.ReadWrite", "Mail.ReadWrite", "Mail.Send",
	"Files.Read.All", "Directory.Read.All", "GroupMember.Read.All",
}

// TestSDK runs the scenarios against a handler without an Authenticator:
// any bearer token is accepted and no permission is checked.
func TestSDK(t *testing.T) {
	e := newEnv(t)
	runScenarios(t, e, e.client(t, "any-token"))
}

// TestSDKWithAuthenticator runs the scenarios again with WithAuthenticator,
// for a caller holding the usual scopes; a caller holding none is refused
// each call with 403.
func TestSDKWithAuthenticator(t *testing.T) {
	e := newEnv(t, graphv1.WithAuthenticator(func(ctx context.Context, token string) (*graphv1.Principal, error) {
		switch token {
		case "token-with-scopes":
			return &graphv1.Principal{Token: token, Subject: adeleID, Scopes: usualScopes}, nil
		case "token-without-scopes":
			return &graphv1.Principal{Token: token, Subject: adeleID}, nil
		}
		return nil, errors.New("unknown token")
	}))
	runScenarios(t, e, e.client(t, "token-with-scopes"))

	c := e.client(t, "token-without-scopes")
	ctx := context.Background()
	for _, call := range []struct {
		name string
		f    func() error
	}{
		{"users", func() error { _, err := c.Users().Get(ctx, nil); return err }},
		{"user", func() error { _, err := c.Users().ByUserId(adeleID).Get(ctx, nil); return err }},
		{"me", func() error { _, err := c.Me().Get(ctx, nil); return err }},
		{"events", func() error { _, err := c.Me().Events().Get(ctx, nil); return err }},
		{"event", func() error { _, err := c.Me().Events().ByEventId(eventID).Get(ctx, nil); return err }},
		{"create event", func() error { _, err := c.Me().Events().Post(ctx, newEvent(), nil); return err }},
		{"messages", func() error { _, err := c.Me().Messages().Get(ctx, nil); return err }},
		{"sendMail", func() error { return c.Me().SendMail().Post(ctx, newSendMail(), nil) }},
		{"children", func() error {
			_, err := c.Drives().ByDriveId(driveID).Items().ByDriveItemId(folderID).Children().Get(ctx, nil)
			return err
		}},
		{"memberOf", func() error { _, err := c.Me().MemberOf().Get(ctx, nil); return err }},
		{"delta", func() error { _, err := c.Users().Delta().GetAsDeltaGetResponse(ctx, nil); return err }},
		{"count", func() error { _, err := c.Users().Count().Get(ctx, countConfig()); return err }},
	} {
		e.run(t, "without scopes/"+call.name, func(t *testing.T) {
			err := call.f()
			var oerr *odataerrors.ODataError
			if !errors.As(err, &oerr) {
				t.Fatalf("got %v (%T), want an *odataerrors.ODataError with status 403", err, err)
			}
			if oerr.ResponseStatusCode != http.StatusForbidden {
				t.Errorf("status %d, want 403 (code %q)", oerr.ResponseStatusCode, odataCode(oerr))
			}
		})
	}
}

func runScenarios(t *testing.T, e *env, c *msgraphsdk.GraphServiceClient) {
	ctx := context.Background()

	e.run(t, "list users with query options", func(t *testing.T) {
		headers := abstractions.NewRequestHeaders()
		headers.Add("ConsistencyLevel", "eventual")
		top, filter, count := int32(5), "startswith(displayName,'contoso')", true
		resp, err := c.Users().Get(ctx, &users.UsersRequestBuilderGetRequestConfiguration{
			Headers: headers,
			QueryParameters: &users.UsersRequestBuilderGetQueryParameters{
				Select: []string{"displayName", "mail", "userPrincipalName"},
				Top:    &top,
				Filter: &filter,
				Count:  &count,
			},
		})
		if err != nil {
			t.Fatal(describe(err))
		}
		if got := resp.GetValue(); len(got) != 1 || deref(got[0].GetDisplayName()) != "contoso1" {
			t.Errorf("value: got %d users, want contoso1 only", len(got))
		}
		if n := resp.GetOdataCount(); n == nil || *n != 1 {
			t.Errorf("@odata.count: got %v, want 1", n)
		}
		p := lastParams[graphv1.ListUsersParams](t, e.srv, "ListUsers")
		if want := []string{"displayName", "mail", "userPrincipalName"}; !reflect.DeepEqual(p.Select, want) {
			t.Errorf("Server saw $select %q, want %q", p.Select, want)
		}
		if p.Top != 5 || p.Filter != filter || !p.Count {
			t.Errorf("Server saw $top=%d $filter=%q $count=%v, want 5, %q, true", p.Top, p.Filter, p.Count, filter)
		}
	})

	for _, id := range []string{adeleID, adeleUPN, guestUPN} {
		e.run(t, "get user "+id, func(t *testing.T) {
			u, err := c.Users().ByUserId(id).Get(ctx, nil)
			if err != nil {
				t.Fatal(describe(err))
			}
			if deref(u.GetDisplayName()) != "Adele Vance" || deref(u.GetId()) != adeleID {
				t.Errorf("got user %q %q, want Adele Vance %s", deref(u.GetDisplayName()), deref(u.GetId()), adeleID)
			}
			if p := lastParams[graphv1.GetUserParams](t, e.srv, "GetUser"); p.UserID != id {
				t.Errorf("Server saw user id %q, want %q", p.UserID, id)
			}
		})
	}

	e.run(t, "me", func(t *testing.T) {
		u, err := c.Me().Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(u.GetUserPrincipalName()) != adeleUPN {
			t.Errorf("got %q, want %q", deref(u.GetUserPrincipalName()), adeleUPN)
		}
		if p := lastParams[graphv1.GetUserParams](t, e.srv, "GetUser"); p.Route != "/me" || p.UserID != "" {
			t.Errorf("Server saw route %q user %q, want /me and no user id", p.Route, p.UserID)
		}
	})

	e.run(t, "events list", func(t *testing.T) {
		resp, err := c.Me().Events().Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if got, want := len(resp.GetValue()), len(e.srv.events); got != want || got == 0 {
			t.Fatalf("got %d events, want %d", got, want)
		}
		if got := deref(resp.GetValue()[0].GetSubject()); got != e.srv.events[0].Subject.Value {
			t.Errorf("subject %q, want %q", got, e.srv.events[0].Subject.Value)
		}
	})

	e.run(t, "events get", func(t *testing.T) {
		ev, err := c.Me().Events().ByEventId(eventID).Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(ev.GetSubject()) != e.srv.event.Subject.Value {
			t.Errorf("subject %q, want %q", deref(ev.GetSubject()), e.srv.event.Subject.Value)
		}
		if p := lastParams[graphv1.GetEventParams](t, e.srv, "GetEvent"); p.EventID != eventID {
			t.Errorf("Server saw event id %q, want %q", p.EventID, eventID)
		}
	})

	e.run(t, "events create", func(t *testing.T) {
		ev, err := c.Me().Events().Post(ctx, newEvent(), nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(ev.GetId()) != e.srv.createdEvent.ID.Value {
			t.Errorf("id %q, want %q", deref(ev.GetId()), e.srv.createdEvent.ID.Value)
		}
		b := lastCall(t, e.srv, "UserCreateEvent").Body
		if b["subject"] != "Let's go for lunch" {
			t.Errorf("Server saw subject %v", b["subject"])
		}
		if a, _ := b["attendees"].([]any); len(a) != 2 {
			t.Errorf("Server saw attendees %v, want 2", b["attendees"])
		}
	})

	e.run(t, "events update with attendees and categories", func(t *testing.T) {
		patch := models.NewEvent()
		patch.SetCategories([]string{"Red category", "Blue category"})
		patch.SetAttendees(newAttendees())
		ev, err := c.Me().Events().ByEventId(eventID).Patch(ctx, patch, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if n := ev.GetReminderMinutesBeforeStart(); n == nil || *n != 99 {
			t.Errorf("reminderMinutesBeforeStart %v, want the example's 99", n)
		}
		got := lastCall(t, e.srv, "UpdateEvent")
		if p := got.Params.(graphv1.UpdateEventParams); p.EventID != eventID {
			t.Errorf("Server saw event id %q, want %q", p.EventID, eventID)
		}
		if cats := fmt.Sprint(got.Body["categories"]); cats != "[Red category Blue category]" {
			t.Errorf("Server saw categories %s", cats)
		}
		if a, _ := got.Body["attendees"].([]any); len(a) != 2 {
			t.Errorf("Server saw attendees %v, want 2", got.Body["attendees"])
		}
	})

	e.run(t, "events delete", func(t *testing.T) {
		if err := c.Me().Events().ByEventId(eventID).Delete(ctx, nil); err != nil {
			t.Fatal(describe(err))
		}
		if p := lastParams[graphv1.DeleteEventParams](t, e.srv, "DeleteEvent"); p.EventID != eventID {
			t.Errorf("Server saw event id %q, want %q", p.EventID, eventID)
		}
	})

	e.run(t, "messages list across pages with PageIterator", func(t *testing.T) {
		top := int32(1)
		resp, err := c.Me().Messages().Get(ctx, &users.ItemMessagesRequestBuilderGetRequestConfiguration{
			QueryParameters: &users.ItemMessagesRequestBuilderGetQueryParameters{Top: &top},
		})
		if err != nil {
			t.Fatal(describe(err))
		}
		it, err := msgraphcore.NewPageIterator[models.Messageable](resp, c.GetAdapter(), models.CreateMessageCollectionResponseFromDiscriminatorValue)
		if err != nil {
			t.Fatal(err)
		}
		var subjects []string
		if err := it.Iterate(ctx, func(m models.Messageable) bool {
			subjects = append(subjects, deref(m.GetSubject()))
			return true
		}); err != nil {
			t.Fatal(describe(err))
		}
		want := []string{e.srv.messages[0].Subject.Value, e.srv.message.Subject.Value}
		if !reflect.DeepEqual(subjects, want) {
			t.Errorf("subjects %q, want %q (two pages)", subjects, want)
		}
		if p := lastParams[graphv1.UserListMessagesParams](t, e.srv, "UserListMessages"); p.Extra.Get("$skiptoken") != messagesPage2 || p.Top != 1 {
			t.Errorf("Server saw the second page asked with $top=%d and %v, want $top=1 and $skiptoken=%s", p.Top, p.Extra, messagesPage2)
		}
	})

	e.run(t, "messages get", func(t *testing.T) {
		m, err := c.Me().Messages().ByMessageId(messageID).Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(m.GetSubject()) != e.srv.message.Subject.Value {
			t.Errorf("subject %q, want %q", deref(m.GetSubject()), e.srv.message.Subject.Value)
		}
		if p := lastParams[graphv1.GetMessageParams](t, e.srv, "GetMessage"); p.MessageID != messageID {
			t.Errorf("Server saw message id %q, want %q", p.MessageID, messageID)
		}
	})

	e.run(t, "messages update", func(t *testing.T) {
		patch := models.NewMessage()
		read := true
		patch.SetIsRead(&read)
		patch.SetCategories([]string{"Red category"})
		m, err := c.Me().Messages().ByMessageId(messageID).Patch(ctx, patch, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if deref(m.GetSubject()) != e.srv.updatedMessage.Subject.Value {
			t.Errorf("subject %q, want %q", deref(m.GetSubject()), e.srv.updatedMessage.Subject.Value)
		}
		got := lastCall(t, e.srv, "UpdateMessage")
		if got.Body["isRead"] != true || fmt.Sprint(got.Body["categories"]) != "[Red category]" {
			t.Errorf("Server saw isRead %v categories %v", got.Body["isRead"], got.Body["categories"])
		}
	})

	e.run(t, "sendMail", func(t *testing.T) {
		if err := c.Me().SendMail().Post(ctx, newSendMail(), nil); err != nil {
			t.Fatal(describe(err))
		}
		b := lastCall(t, e.srv, "SendMail").Body
		msg, _ := b["message"].(map[string]any)
		if msg["subject"] != "Meet for lunch?" {
			t.Errorf("Server saw message %v", b["message"])
		}
		if to, _ := msg["toRecipients"].([]any); len(to) != 1 {
			t.Errorf("Server saw toRecipients %v", msg["toRecipients"])
		}
		if b["saveToSentItems"] != false {
			t.Errorf("Server saw saveToSentItems %v, want false", b["saveToSentItems"])
		}
	})

	e.run(t, "drive item children", func(t *testing.T) {
		resp, err := c.Drives().ByDriveId(driveID).Items().ByDriveItemId(folderID).Children().Get(ctx, &drives.ItemItemsItemChildrenRequestBuilderGetRequestConfiguration{})
		if err != nil {
			t.Fatal(describe(err))
		}
		var names []string
		for _, it := range resp.GetValue() {
			names = append(names, deref(it.GetName()))
		}
		if want := []string{"myfile.jpg", "Documents", "Photos", "my sheet(1).xlsx"}; !reflect.DeepEqual(names, want) {
			t.Errorf("names %q, want %q", names, want)
		}
		if p := lastParams[graphv1.ListContentsOfFolderParams](t, e.srv, "ListContentsOfFolder"); p.DriveID != driveID || p.ItemID != folderID {
			t.Errorf("Server saw drive %q item %q, want %q %q", p.DriveID, p.ItemID, driveID, folderID)
		}
	})

	e.run(t, "memberOf returns a group", func(t *testing.T) {
		resp, err := c.Me().MemberOf().Get(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if len(resp.GetValue()) != 1 {
			t.Fatalf("got %d directory objects, want 1", len(resp.GetValue()))
		}
		g, ok := resp.GetValue()[0].(models.Groupable)
		if !ok {
			t.Fatalf("the SDK decoded a %T, not a models.Groupable: the handler must send \"@odata.type\": \"#microsoft.graph.group\"", resp.GetValue()[0])
		}
		if deref(g.GetDisplayName()) != "All Users" || g.GetSecurityEnabled() == nil || !*g.GetSecurityEnabled() {
			t.Errorf("group %q securityEnabled %v", deref(g.GetDisplayName()), g.GetSecurityEnabled())
		}
	})

	e.run(t, "users delta", func(t *testing.T) {
		resp, err := c.Users().Delta().GetAsDeltaGetResponse(ctx, nil)
		if err != nil {
			t.Fatal(describe(err))
		}
		if v := resp.GetValue(); len(v) != 1 || deref(v[0].GetDisplayName()) != "Adele Vance" {
			t.Errorf("got %d users, want Adele Vance only", len(v))
		}
		if !strings.Contains(deref(resp.GetOdataDeltaLink()), "$deltatoken=") {
			t.Errorf("@odata.deltaLink %q", deref(resp.GetOdataDeltaLink()))
		}
		lastCall(t, e.srv, "UserDelta")
	})

	e.run(t, "users $count", func(t *testing.T) {
		n, err := c.Users().Count().Get(ctx, countConfig())
		if err != nil {
			t.Fatal(describe(err))
		}
		if n == nil || int(*n) != len(e.srv.users) {
			t.Errorf("count %v, want %d", n, len(e.srv.users))
		}
	})

	e.run(t, "OData error", func(t *testing.T) {
		_, err := c.Users().ByUserId(missingUser).Get(ctx, nil)
		var oerr *odataerrors.ODataError
		if !errors.As(err, &oerr) {
			t.Fatalf("got %v (%T), want an *odataerrors.ODataError", err, err)
		}
		if oerr.ResponseStatusCode != http.StatusNotFound || odataCode(oerr) != "Request_ResourceNotFound" {
			t.Errorf("status %d code %q, want 404 Request_ResourceNotFound", oerr.ResponseStatusCode, odataCode(oerr))
		}
		if m := oerr.GetErrorEscaped(); m == nil || !strings.Contains(deref(m.GetMessage()), missingUser) {
			t.Errorf("message does not name the user")
		}
	})
}

func newEvent() models.Eventable {
	ev := models.NewEvent()
	ev.SetSubject(ptr("Let's go for lunch"))
	body := models.NewItemBody()
	html := models.HTML_BODYTYPE
	body.SetContentType(&html)
	body.SetContent(ptr("Does noon work for you?"))
	ev.SetBody(body)
	start, end := models.NewDateTimeTimeZone(), models.NewDateTimeTimeZone()
	start.SetDateTime(ptr("2017-04-15T12:00:00"))
	start.SetTimeZone(ptr("Pacific Standard Time"))
	end.SetDateTime(ptr("2017-04-15T14:00:00"))
	end.SetTimeZone(ptr("Pacific Standard Time"))
	ev.SetStart(start)
	ev.SetEnd(end)
	loc := models.NewLocation()
	loc.SetDisplayName(ptr("Harry's Bar"))
	ev.SetLocation(loc)
	ev.SetAttendees(newAttendees())
	ev.SetCategories([]string{"Red category"})
	return ev
}

func newAttendees() []models.Attendeeable {
	var list []models.Attendeeable
	for _, who := range [][2]string{{"Samantha Booth", "samanthab@contoso.com"}, {"Dana Swope", "danas@contoso.com"}} {
		a := models.NewAttendee()
		addr := models.NewEmailAddress()
		addr.SetName(ptr(who[0]))
		addr.SetAddress(ptr(who[1]))
		a.SetEmailAddress(addr)
		required := models.REQUIRED_ATTENDEETYPE
		a.SetTypeEscaped(&required)
		list = append(list, a)
	}
	return list
}

func newSendMail() *users.ItemSendMailPostRequestBody {
	msg := models.NewMessage()
	msg.SetSubject(ptr("Meet for lunch?"))
	body := models.NewItemBody()
	text := models.TEXT_BODYTYPE
	body.SetContentType(&text)
	body.SetContent(ptr("The new cafeteria is open."))
	msg.SetBody(body)
	to := models.NewRecipient()
	addr := models.NewEmailAddress()
	addr.SetAddress(ptr("frannis@contoso.com"))
	to.SetEmailAddress(addr)
	msg.SetToRecipients([]models.Recipientable{to})
	req := users.NewItemSendMailPostRequestBody()
	req.SetMessage(msg)
	save := false
	req.SetSaveToSentItems(&save)
	return req
}

// countConfig asks for /users/$count as the docs say to: with
// ConsistencyLevel: eventual.
func countConfig() *users.CountRequestBuilderGetRequestConfiguration {
	headers := abstractions.NewRequestHeaders()
	headers.Add("ConsistencyLevel", "eventual")
	return &users.CountRequestBuilderGetRequestConfiguration{Headers: headers}
}

// lastCall returns the Server's most recent call of op, or fails the test.
func lastCall(t *testing.T, s *fakeServer, op string) call {
	t.Helper()
	c, ok := s.last(op)
	if !ok {
		t.Fatalf("the Server's %s was not called", op)
	}
	return c
}

func lastParams[P any](t *testing.T, s *fakeServer, op string) P {
	t.Helper()
	return lastCall(t, s, op).Params.(P)
}

// describe spells out an SDK error, with the OData code when there is one.
func describe(err error) string {
	var oerr *odataerrors.ODataError
	if errors.As(err, &oerr) {
		msg := ""
		if m := oerr.GetErrorEscaped(); m != nil {
			msg = deref(m.GetMessage())
		}
		return fmt.Sprintf("ODataError: status %d, code %q, message %q", oerr.ResponseStatusCode, odataCode(oerr), msg)
	}
	return fmt.Sprintf("%v (%T)", err, err)
}

func odataCode(e *odataerrors.ODataError) string {
	if m := e.GetErrorEscaped(); m != nil {
		return deref(m.GetCode())
	}
	return ""
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
