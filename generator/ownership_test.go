package generator

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// TestRouteOwnersOnTheCorpus checks, on the v1.0 reference, that the page a
// Graph user means serves each of the most used routes, whatever other
// pages document it too, and that it gets the plain operation name.
func TestRouteOwnersOnTheCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "graph-v1.0")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no corpus: %v", err)
	}
	src, err := parser.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	api := parser.Parse(src, &d)
	p := buildPlan(api, Options{Package: "graphv1", ImportPath: "example.com/graphv1", PlanOnly: true}, &d)
	owner := map[string]*operation{}
	for _, o := range p.operationsInOrder() {
		for _, r := range o.routes {
			owner[o.op.Method+" "+routeKey(r.route)] = o
		}
	}
	for _, c := range []struct {
		method, route, page, name string
	}{
		{"GET", "/users/{id}", "user-get.md", "GetUser"},
		{"PATCH", "/users/{id}", "user-update.md", "UpdateUser"},
		{"DELETE", "/users/{id}", "user-delete.md", ""},
		{"GET", "/users", "user-list.md", "ListUsers"},
		{"POST", "/users", "user-post-users.md", "CreateUser"},
		{"GET", "/me", "user-get.md", "GetUser"},
		{"GET", "/me/events", "user-list-events.md", ""},
		{"POST", "/me/events", "user-post-events.md", ""},
		{"GET", "/users/{id}/events", "user-list-events.md", ""},
		{"GET", "/me/messages", "user-list-messages.md", ""},
		{"GET", "/me/calendars", "user-list-calendars.md", ""},
		{"GET", "/organization", "organization-get.md", "GetOrganization"},
		{"GET", "/me/photo", "profilephoto-get.md", ""},
		{"GET", "/groups/{id}", "group-get.md", "GetGroup"},
	} {
		key := c.method + " " + routeKey(&model.Route{Segments: parser.ParseRoute(c.route)})
		o := owner[key]
		if o == nil {
			t.Errorf("%s %s: no operation serves it", c.method, c.route)
			continue
		}
		if got := path.Base(o.op.Pos.File); got != c.page {
			t.Errorf("%s %s is served by %s (%s), want %s", c.method, c.route, got, o.name, c.page)
		}
		if c.name != "" && o.name != c.name {
			t.Errorf("%s %s is served by %s, want it named %s", c.method, c.route, o.name, c.name)
		}
	}
	// Every enforced scope is a scope name, never a cell's prose.
	for _, o := range p.operationsInOrder() {
		for _, v := range o.perms {
			for _, sets := range [][][]string{v.set.delegated, v.set.application} {
				for _, set := range sets {
					for _, s := range set {
						if strings.ContainsAny(s, " \t,") {
							t.Errorf("%s enforces %q, which is not a scope", v.name, s)
						}
					}
				}
			}
		}
	}
}
