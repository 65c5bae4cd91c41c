package support

import (
	"strings"
	"testing"
	"unsafe"
)

// messageParams is a generated Params struct with its route table: two
// routes by user, one by path span, and a function-call segment.
type messageParams struct {
	Route     string
	UserID    string
	MessageID string
	ItemPath  string
}

var pathsGetMessage = PathTable{
	Routes: []PathRoute{
		{Pattern: "/me/messages/{id}", Parts: []string{"/me/messages/", ""}, Params: []PathParam{{Off: unsafe.Offsetof(messageParams{}.MessageID)}}},
		{Pattern: "/users/{id}/messages/{id}", Parts: []string{"/users/", "/messages/", ""}, Params: []PathParam{
			{Off: unsafe.Offsetof(messageParams{}.UserID)}, {Off: unsafe.Offsetof(messageParams{}.MessageID)}}},
		{Pattern: "/users/{id}/messages/{id}/alias", Parts: []string{"/users/", "/messages/", "/alias"}, Params: []PathParam{
			{Off: unsafe.Offsetof(messageParams{}.UserID)}, {Off: unsafe.Offsetof(messageParams{}.MessageID)}}},
		{Pattern: "/drive/root:/{path}:/get(user='{id}')", Parts: []string{"/drive/root:/", ":/get(user='", "')"}, Params: []PathParam{
			{Off: unsafe.Offsetof(messageParams{}.ItemPath), Span: true}, {Off: unsafe.Offsetof(messageParams{}.UserID)}}},
	},
	Params: []uintptr{
		unsafe.Offsetof(messageParams{}.UserID), unsafe.Offsetof(messageParams{}.MessageID), unsafe.Offsetof(messageParams{}.ItemPath),
	},
	Choose: []int{0, 1, 3},
}

func TestBindPathSetsTheMatchedRoutesParameters(t *testing.T) {
	var p messageParams
	p.Route = BindPath(unsafe.Pointer(&p), &pathsGetMessage, 1, []string{"u 1", "m/2"})
	if p != (messageParams{Route: "/users/{id}/messages/{id}", UserID: "u 1", MessageID: "m/2"}) {
		t.Errorf("bound %+v", p)
	}
	var q messageParams
	if r := BindPath(unsafe.Pointer(&q), &pathsGetMessage, 9, []string{"x"}); r != "" || q != (messageParams{}) {
		t.Errorf("a route the table does not have bound %q, %+v", r, q)
	}
}

func TestBuildPath(t *testing.T) {
	for _, tt := range []struct {
		p    messageParams
		want string
	}{
		{messageParams{MessageID: "m 1"}, "/me/messages/m%201"},
		{messageParams{UserID: "a@b.com", MessageID: "m/1"}, "/users/a@b.com/messages/m%2F1"},
		{messageParams{Route: "/users/{id}/messages/{id}/alias", UserID: "u", MessageID: "m"}, "/users/u/messages/m/alias"},
		{messageParams{ItemPath: "folder/a b.txt", UserID: "u"}, "/drive/root:/folder/a%20b.txt:/get(user='u')"},
		{messageParams{UserID: "u"}, "error: no documented route"},
		{messageParams{Route: "/nope"}, `error: "/nope" is not one of its routes`},
	} {
		got, err := BuildPath(unsafe.Pointer(&tt.p), &pathsGetMessage, tt.p.Route, "GetMessage")
		if err != nil {
			got = "error: " + err.Error()
		}
		if !strings.HasPrefix(got, tt.want) && !strings.Contains(got, strings.TrimPrefix(tt.want, "error: ")) {
			t.Errorf("%+v: %q, want %q", tt.p, got, tt.want)
		}
		if err == nil && got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.p, got, tt.want)
		}
	}
}
