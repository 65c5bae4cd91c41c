package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// corpusOperation parses one page of the v1.0 corpus, skipping the test
// where the corpus is absent.
func corpusOperation(t *testing.T, page string) *model.Operation {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "corpus", "graph-v1.0", "api", page)
	src, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("no corpus: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	res := parser.ParsePage("graph-v1.0/api/"+page, src, &d)
	if res.Operation == nil {
		t.Fatalf("%s: no operation", page)
	}
	return res.Operation
}

func findRoute(t *testing.T, op *model.Operation, path string) *model.Route {
	t.Helper()
	for _, rt := range op.Routes {
		if rt.Path == path {
			return rt
		}
	}
	t.Fatalf("%s: no route %s", op.Pos, path)
	return nil
}

// describeFor is what routePermissions gives a route, as describe says it.
func describeFor(t *testing.T, op *model.Operation, path string) (string, string) {
	t.Helper()
	ps, problem := routePermissions(op, findRoute(t, op, path))
	return ps.describe(), problem
}

func TestRoutePermissionsCorpus(t *testing.T) {
	const (
		photoUser    = "delegated User.Read, User.ReadBasic.All, User.Read.All, User.ReadWrite, User.ReadWrite.All; application User.Read.All, User.ReadWrite.All"
		photoGroup   = "delegated Group.Read.All, Group.ReadWrite.All; application Group.Read.All, Group.ReadWrite.All"
		photoContact = "delegated Contacts.Read, Contacts.ReadWrite; application Contacts.Read, Contacts.ReadWrite"
		attEvent     = "delegated Calendars.Read; application Calendars.Read"
		attMessage   = "delegated Mail.Read; application Mail.Read"
		attPost      = "delegated Group.Read.All"
		calUser      = "delegated Calendars.Read, Calendars.ReadWrite; application Calendars.Read, Calendars.ReadWrite"
		calGroup     = "delegated Group.Read.All, Group.ReadWrite.All"
	)
	cases := []struct{ page, route, want string }{
		{"profilephoto-get.md", "/me/photo", photoUser},
		{"profilephoto-get.md", "/me/photo/$value", photoUser},
		{"profilephoto-get.md", "/users/{id | userPrincipalName}/photos/{size}", photoUser},
		{"profilephoto-get.md", "/groups/{id}/photo", photoGroup},
		{"profilephoto-get.md", "/groups/{id}/photos/{size}", photoGroup},
		// me is a user, but contacts is nearer the end.
		{"profilephoto-get.md", "/me/contacts/{id}/photo", photoContact},
		{"profilephoto-get.md", "/users/{id | userPrincipalName}/contactfolders/{contactFolderId}/contacts/{id}/photo/$value", photoContact},
		{"attachment-get.md", "/me/events/{id}/attachments/{id}", attEvent},
		{"attachment-get.md", "/users/{id | userPrincipalName}/calendargroups/{id}/calendars/{id}/events/{id}/attachments/{id}/$value", attEvent},
		{"attachment-get.md", "/me/messages/{id}/attachments/{id}", attMessage},
		{"attachment-get.md", "/users/{id | userPrincipalName}/mailFolders/{id}/childFolders/{id}/messages/{id}/attachments/{id}", attMessage},
		{"attachment-get.md", "/groups/{id}/threads/{id}/posts/{id}/attachments/{id}", attPost},
		{"calendar-get.md", "/me/calendar", calUser},
		{"calendar-get.md", "/users/{id | userPrincipalName}/calendarGroups/{id}/calendars/{id}", calUser},
		{"calendar-get.md", "/groups/{id}/calendar", calGroup},
		{"calendar-post-events.md", "/me/calendars/{id}/events", "delegated Calendars.ReadWrite; application Calendars.ReadWrite"},
		{"calendar-post-events.md", "/groups/{id}/calendar/events", "delegated Group.ReadWrite.All"},
		// "Policy.Read.All and Policy.ReadWrite.ConditionalAccess": one set of two.
		{"conditionalaccesspolicy-delete.md", "/identity/conditionalAccess/policies/{id}", "delegated Policy.Read.All and Policy.ReadWrite.ConditionalAccess; application Policy.Read.All and Policy.ReadWrite.ConditionalAccess"},
		{"grouplifecyclepolicy-get.md", "/groupLifecyclePolicies/{id}", "delegated Directory.Read.All, Directory.ReadWrite.All; application Directory.Read.All, Directory.ReadWrite.All"},
	}
	ops := map[string]*model.Operation{}
	for _, c := range cases {
		op := ops[c.page]
		if op == nil {
			op = corpusOperation(t, c.page)
			ops[c.page] = op
		}
		got, problem := describeFor(t, op, c.route)
		if got != c.want || problem != "" {
			t.Errorf("%s %s:\n got %s (problem %q)\nwant %s", c.page, c.route, got, problem, c.want)
		}
	}
}

// TestRoutePermissionsRule checks the matching rule's finer points on
// qualifiers as the corpus writes them (opentypeextension-get.md).
func TestRoutePermissionsRule(t *testing.T) {
	quals := []string{"device", "event", "group", "group event", "group post", "message", "organization", "personal contact", "user", "task", "tasklist"}
	op := &model.Operation{Permissions: []*model.Permission{
		{Kind: model.Application, Resource: "", Supported: false},
	}}
	for _, q := range quals {
		op.Permissions = append(op.Permissions, &model.Permission{Kind: model.DelegatedWork, Resource: q, Sets: [][]string{{"Scope." + strings.ReplaceAll(q, " ", "_")}}, Supported: true})
	}
	cases := []struct{ route, want string }{
		{"/me/events/{id}/extensions/{id}", "delegated Scope.event"},
		{"/groups/{id}/events/{id}/extensions/{id}", "delegated Scope.group_event"},
		{"/groups/{id}/threads/{id}/posts/{id}/extensions/{id}", "delegated Scope.group_post"},
		{"/groups/{id}/extensions/{id}", "delegated Scope.group"},
		{"/me/contacts/{id}/extensions/{id}", "delegated Scope.personal_contact"},
		{"/me/todo/lists/{id}/tasks/{id}/extensions/{id}", "delegated Scope.task"},
		{"/users/{id}/extensions/{id}", "delegated Scope.user"},
		{"/organization/{id}/extensions/{id}", "delegated Scope.organization"},
	}
	for _, c := range cases {
		ps, problem := routePermissions(op, &model.Route{Path: c.route, Segments: parser.ParseRoute(c.route)})
		if got := ps.describe(); got != c.want || problem != "" {
			t.Errorf("%s: got %s (problem %q), want %s", c.route, got, problem, c.want)
		}
	}
	// A route that addresses none of the resources: undetermined, and why.
	ps, problem := routePermissions(op, &model.Route{Path: "/subscriptions", Segments: parser.ParseRoute("/subscriptions")})
	if !ps.undetermined || len(ps.delegated) != 0 || !strings.Contains(problem, "addresses none of them") {
		t.Errorf("/subscriptions: %+v, problem %q", ps, problem)
	}
	// Rows with no Resource apply to every route, matched or not.
	op.Permissions[0] = &model.Permission{Kind: model.Application, Sets: [][]string{{"Directory.Read.All"}}, Supported: true}
	ps, _ = routePermissions(op, &model.Route{Path: "/subscriptions", Segments: parser.ParseRoute("/subscriptions")})
	if got := ps.describe(); got != "application Directory.Read.All; the docs do not determine them all" {
		t.Errorf("/subscriptions with a row for every route: %s", got)
	}
	ps, _ = routePermissions(op, &model.Route{Path: "/me/events", Segments: parser.ParseRoute("/me/events")})
	if got := ps.describe(); got != "delegated Scope.event; application Directory.Read.All" {
		t.Errorf("/me/events with a row for every route: %s", got)
	}
	// No table at all: undetermined, no problem to report here (the
	// parser's concern).
	if ps, problem := routePermissions(&model.Operation{}, &model.Route{Path: "/x"}); !ps.undetermined || problem != "" {
		t.Errorf("no permissions: %+v, %q", ps, problem)
	}
}

// TestRoutePermissionVars: equal sets share a variable, the first keeps
// perm<Op>.
func TestRoutePermissionVars(t *testing.T) {
	op := corpusOperation(t, "calendar-get.md")
	o := &operation{op: op, name: "GetCalendar"}
	for _, rt := range op.Routes {
		o.routes = append(o.routes, &opRoute{route: rt})
	}
	p := &planner{plan: &plan{names: &names{perms: map[*model.Operation]string{op: "permGetCalendar"}}}, diags: &diag.List{}}
	p.permissions(o)
	var names []string
	for _, r := range o.routes {
		names = append(names, r.route.Path+" "+r.perms.name)
	}
	want := []string{
		"/me/calendar permGetCalendar",
		"/users/{id | userPrincipalName}/calendar permGetCalendar",
		"/groups/{id}/calendar permGetCalendar2",
		"/me/calendars/{id} permGetCalendar",
		"/users/{id | userPrincipalName}/calendars/{id} permGetCalendar",
		"/me/calendarGroups/{id}/calendars/{id} permGetCalendar",
		"/users/{id | userPrincipalName}/calendarGroups/{id}/calendars/{id} permGetCalendar",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("vars:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
}
