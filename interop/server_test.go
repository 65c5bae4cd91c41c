package interop

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/docgen-dev/docgen/interop/graphv1"
)

// fakeServer answers with the docs' example responses (copied from the
// corpus pages' response blocks into testdata/) and records what each of
// its methods received, for the tests to assert on.
type fakeServer struct {
	graphv1.UnimplementedServer

	users, deltaUsers []graphv1.User
	user              *graphv1.User
	events            []graphv1.Event
	event             *graphv1.Event
	createdEvent      *graphv1.Event
	updatedEvent      *graphv1.Event
	messages          []*graphv1.Message
	message           *graphv1.Message
	updatedMessage    *graphv1.Message
	children          []graphv1.DriveItem
	group             *graphv1.Group

	mu    sync.Mutex
	calls []call
}

// call is what one Server method received.
type call struct {
	Op     string
	Params any
	// Body is the decoded request body, encoded again and read into a map, so
	// that the tests do not depend on the Go type the handler decoded it to.
	Body map[string]any
}

func newFakeServer(t *testing.T) *fakeServer {
	t.Helper()
	s := &fakeServer{
		users:          loadItems[graphv1.User](t, "users.json"),
		deltaUsers:     loadItems[graphv1.User](t, "users-delta.json"),
		user:           load[graphv1.User](t, "user.json"),
		events:         loadItems[graphv1.Event](t, "events.json"),
		event:          load[graphv1.Event](t, "event.json"),
		createdEvent:   load[graphv1.Event](t, "event-created.json"),
		updatedEvent:   load[graphv1.Event](t, "event-updated.json"),
		message:        load[graphv1.Message](t, "message.json"),
		updatedMessage: load[graphv1.Message](t, "message-updated.json"),
		children:       loadItems[graphv1.DriveItem](t, "children.json"),
	}
	for _, m := range loadItems[graphv1.Message](t, "messages.json") {
		s.messages = append(s.messages, &m)
	}
	// memberof.json holds one group, with "@odata.type" as the service sends
	// it. A Server builds its values as Go values: it does not spell the
	// type's name, so the handler must.
	groups := loadItems[graphv1.Group](t, "memberof.json")
	s.group = &groups[0]
	s.group.ODataType = ""
	s.group.ID = graphv1.Some("45b7d2e7-b882-4a80-ba97-10b7a63b8fa4")
	return s
}

// load decodes testdata/name into a T with the generated UnmarshalJSON.
func load[T any](t *testing.T, name string) *T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decoding %s into %T: %v", name, v, err)
	}
	return v
}

// loadItems decodes the "value" array of the collection in testdata/name.
func loadItems[T any](t *testing.T, name string) []T {
	t.Helper()
	page := load[struct {
		Value []json.RawMessage `json:"value"`
	}](t, name)
	items := make([]T, len(page.Value))
	for i, raw := range page.Value {
		if err := json.Unmarshal(raw, &items[i]); err != nil {
			t.Fatalf("decoding %s value[%d] into %T: %v", name, i, &items[i], err)
		}
	}
	return items
}

func (s *fakeServer) record(op string, params, body any) {
	c := call{Op: op, Params: params}
	if body != nil {
		if data, err := json.Marshal(body); err == nil {
			json.Unmarshal(data, &c.Body)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
}

// last returns the most recent call of op.
func (s *fakeServer) last(op string) (call, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.calls) - 1; i >= 0; i-- {
		if s.calls[i].Op == op {
			return s.calls[i], true
		}
	}
	return call{}, false
}

func (s *fakeServer) ListUsers(ctx context.Context, p graphv1.ListUsersParams) (*graphv1.Collection[graphv1.User], error) {
	s.record("ListUsers", p, nil)
	c := &graphv1.Collection[graphv1.User]{
		Context: "https://graph.microsoft.com/v1.0/$metadata#users",
		Value:   s.users,
	}
	if p.Count {
		c.Count = graphv1.Some(int64(len(s.users)))
	}
	return c, nil
}

const missingUser = "00000000-0000-0000-0000-000000000404"

func (s *fakeServer) GetUser(ctx context.Context, p graphv1.GetUserParams) (*graphv1.User, error) {
	s.record("GetUser", p, nil)
	if p.UserID == missingUser {
		return nil, &graphv1.Error{StatusCode: http.StatusNotFound, Code: "Request_ResourceNotFound",
			Message: "Resource '" + p.UserID + "' does not exist or one of its queried reference-property objects are not present."}
	}
	return s.user, nil
}

func (s *fakeServer) UserDelta(ctx context.Context, p graphv1.UserDeltaParams) (*graphv1.Collection[graphv1.User], error) {
	s.record("UserDelta", p, nil)
	return &graphv1.Collection[graphv1.User]{
		Context:   "https://graph.microsoft.com/v1.0/$metadata#users",
		Value:     s.deltaUsers,
		DeltaLink: "https://graph.microsoft.com/v1.0/users/delta()?$deltatoken=mS5DuRZGjVL-abreviated",
	}, nil
}

func (s *fakeServer) UserListEvents(ctx context.Context, p graphv1.UserListEventsParams) (*graphv1.Collection[graphv1.Event], error) {
	s.record("UserListEvents", p, nil)
	return &graphv1.Collection[graphv1.Event]{Value: s.events}, nil
}

func (s *fakeServer) GetEvent(ctx context.Context, p graphv1.GetEventParams) (*graphv1.Event, error) {
	s.record("GetEvent", p, nil)
	return s.event, nil
}

func (s *fakeServer) UserCreateEvent(ctx context.Context, p graphv1.UserCreateEventParams, body *graphv1.Event) (*graphv1.Event, error) {
	s.record("UserCreateEvent", p, body)
	return s.createdEvent, nil
}

func (s *fakeServer) DeleteEvent(ctx context.Context, p graphv1.DeleteEventParams) error {
	s.record("DeleteEvent", p, nil)
	return nil
}

// messagesPage2 is the $skiptoken of the second page of /me/messages.
const messagesPage2 = "page2"

func (s *fakeServer) UserListMessages(ctx context.Context, p graphv1.UserListMessagesParams) (*graphv1.Collection[graphv1.MessageValue], error) {
	s.record("UserListMessages", p, nil)
	if p.Extra.Get("$skiptoken") == messagesPage2 {
		second := *s.message
		return &graphv1.Collection[graphv1.MessageValue]{Value: []graphv1.MessageValue{&second}}, nil
	}
	var page []graphv1.MessageValue
	for _, m := range s.messages {
		page = append(page, m)
	}
	return &graphv1.Collection[graphv1.MessageValue]{
		Context: "https://graph.microsoft.com/v1.0/$metadata#users('bb8775a4-4d8c-42cf-a1d4-4d58c2bb668f')/messages",
		Value:   page,
		// The service's next links are absolute, on its own host, and keep
		// the query options of the first request.
		NextLink: "https://graph.microsoft.com/v1.0/me/messages?$top=1&$skiptoken=" + messagesPage2,
	}, nil
}

func (s *fakeServer) GetMessage(ctx context.Context, p graphv1.GetMessageParams) (graphv1.MessageValue, error) {
	s.record("GetMessage", p, nil)
	return s.message, nil
}

func (s *fakeServer) SendMail(ctx context.Context, p graphv1.SendMailParams, body *graphv1.SendMailBody) error {
	s.record("SendMail", p, body)
	return nil
}

func (s *fakeServer) ListContentsOfFolder(ctx context.Context, p graphv1.ListContentsOfFolderParams) (*graphv1.Collection[graphv1.DriveItem], error) {
	s.record("ListContentsOfFolder", p, nil)
	return &graphv1.Collection[graphv1.DriveItem]{Value: s.children}, nil
}

func (s *fakeServer) UserListMemberOf(ctx context.Context, p graphv1.UserListMemberOfParams) (*graphv1.Collection[graphv1.DirectoryObjectValue], error) {
	s.record("UserListMemberOf", p, nil)
	return &graphv1.Collection[graphv1.DirectoryObjectValue]{Value: []graphv1.DirectoryObjectValue{s.group}}, nil
}
