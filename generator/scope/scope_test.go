package scope_test

import (
	"bytes"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/generator"
	"github.com/docgen-dev/docgen/generator/scope"
	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

func mustPattern(t *testing.T, s string) scope.Pattern {
	t.Helper()
	p, err := scope.ParsePattern(s)
	if err != nil {
		t.Fatalf("ParsePattern(%q): %v", s, err)
	}
	return p
}

func TestParsePatternRejects(t *testing.T) {
	for _, s := range []string{"", "  ", "/a//b", "/a/", "/a/b**", "/**x", "widget-owner", "user id", "/a\n"[0:0]} {
		if _, err := scope.ParsePattern(s); err == nil {
			t.Errorf("ParsePattern(%q) accepted", s)
		}
	}
	for _, s := range []string{"/", "/**", "/security/**", "/users/{id | userPrincipalName}/events", "user", "microsoft.graph.callRecords.*", "get_*"} {
		if _, err := scope.ParsePattern(s); err != nil {
			t.Errorf("ParsePattern(%q): %v", s, err)
		}
	}
}

func TestMatchRoute(t *testing.T) {
	for _, c := range []struct {
		pattern string
		yes, no []string
	}{
		{"/security/**",
			[]string{"/security", "/Security/domainSecurityProfiles", "/security/alerts/{alert_id}", "/security/cases/ediscoveryCases/{id}/custodians"},
			[]string{"/securityx", "/me/security", "/"}},
		{"/security/*",
			[]string{"/security/alerts", "/security/{id}"},
			[]string{"/security", "/security/alerts/{alert_id}"}},
		// {param} segments are matched by *, and by any {name}.
		{"/users/*/events",
			[]string{"/users/{id | userPrincipalName}/events", "/users/{user-id}/events", "/users/me/events"},
			[]string{"/users/events", "/users/{id}/events/{id}"}},
		{"/users/{id}/events",
			[]string{"/users/{id | userPrincipalName}/events", "/USERS/{user-id}/EVENTS"},
			[]string{"/users/me/events", "/users/{id}:/events"}},
		// ** in the middle, none or many segments.
		{"/me/**/content",
			[]string{"/me/content", "/me/drive/root:/{item-path}:/content", "/me/drive/items/{id}/content"},
			[]string{"/me/drive/items/{id}/content/x", "/users/{id}/drive/content"}},
		// * within a segment.
		{"/reports/get*(*)",
			[]string{"/reports/getEmailActivityCounts(period='{period_value}')", "/reports/getTeamsUserActivityUserDetail(date={date_value})"},
			[]string{"/reports/getEmailActivityCounts", "/reports/microsoft.graph.getX(period='D7')"}},
		{"/**", []string{"/", "/a", "/a/b/c"}, nil},
		{"/", []string{"/"}, []string{"/a"}},
	} {
		p := mustPattern(t, c.pattern)
		if !p.IsRoute() {
			t.Errorf("%q is not a route pattern", c.pattern)
		}
		for _, r := range c.yes {
			if !p.MatchRoute(r) {
				t.Errorf("%q does not match %q", c.pattern, r)
			}
		}
		for _, r := range c.no {
			if p.MatchRoute(r) {
				t.Errorf("%q matches %q", c.pattern, r)
			}
		}
	}
}

func TestMatchType(t *testing.T) {
	type name struct{ ns, name string }
	for _, c := range []struct {
		pattern string
		yes, no []name
	}{
		{"user",
			[]name{{"microsoft.graph", "user"}, {"microsoft.graph", "User"}, {"microsoft.graph.callRecords", "user"}},
			[]name{{"microsoft.graph", "userActivity"}, {"microsoft.graph", "directoryObject"}}},
		{"microsoft.graph.user",
			[]name{{"microsoft.graph", "user"}},
			[]name{{"microsoft.graph.callRecords", "user"}}},
		{"microsoft.graph.callRecords.*",
			[]name{{"microsoft.graph.callRecords", "session"}, {"microsoft.graph.callrecords", "callRecord"}},
			[]name{{"microsoft.graph", "callRecordsSession"}}},
		{"*Profile",
			[]name{{"microsoft.graph", "domainSecurityProfile"}, {"microsoft.graph", "profile"}},
			[]name{{"microsoft.graph", "profiles"}}},
	} {
		p := mustPattern(t, c.pattern)
		if p.IsRoute() || p.MatchRoute("/user") {
			t.Errorf("%q is taken for a route pattern", c.pattern)
		}
		for _, n := range c.yes {
			if !p.MatchType(n.ns, n.name) {
				t.Errorf("%q does not match %s", c.pattern, model.Qualify(n.ns, n.name))
			}
		}
		for _, n := range c.no {
			if p.MatchType(n.ns, n.name) {
				t.Errorf("%q matches %s", c.pattern, model.Qualify(n.ns, n.name))
			}
		}
	}
}

func TestSplitList(t *testing.T) {
	for in, want := range map[string][]string{
		"/a/**":                 {"/a/**"},
		"/a/**,/b/*, user":      {"/a/**", "/b/*", "user"},
		"/x/range(a='{a}',b=1)": {"/x/range(a='{a}',b=1)"},
		"/a/{x,y},b":            {"/a/{x,y}", "b"},
		",,/a,":                 {"/a"},
	} {
		if got := scope.SplitList(in); !reflect.DeepEqual(got, want) {
			t.Errorf("SplitList(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNew(t *testing.T) {
	s, err := scope.New([]string{"/security/**,user", "/widgets"}, []string{"/widgets/{id}/rotate"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Include) != 3 || len(s.Exclude) != 1 || s.IsZero() {
		t.Errorf("New = %+v", s)
	}
	if s, err := scope.New(nil, nil); err != nil || !s.IsZero() {
		t.Errorf("no patterns: %+v, %v", s, err)
	}
	for _, c := range []struct{ include, exclude []string }{
		{nil, []string{"user"}}, // a type cannot be left out
		{[]string{"/a//b"}, nil},
		{nil, []string{"/a,/b//c"}},
		{[]string{"not a pattern"}, nil},
	} {
		if _, err := scope.New(c.include, c.exclude); err == nil {
			t.Errorf("New(%q, %q) accepted", c.include, c.exclude)
		}
	}
}

func parse(t *testing.T, dir string) *model.API {
	t.Helper()
	src, err := parser.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return parser.Parse(src, &diag.List{})
}

func selection(t *testing.T, include, exclude []string) scope.Selection {
	t.Helper()
	s, err := scope.New(include, exclude)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestApply checks what a selection keeps of generator/testdata/docs:
// widget is a base type with two derived types (gadget, plainWidget) and
// refers to widgetOwner and the enums; the security page uses four types
// of its own.
func TestApply(t *testing.T) {
	api := parse(t, "../testdata/docs")
	widgetTypes := []string{"entity", "gadget", "plainWidget", "widget", "widgetOwner"}
	security := []string{"domainRegistrant", "domainSecurityProfile", "reputationCategory", "securityVendorInformation"}
	for _, c := range []struct {
		name             string
		include, exclude []string
		ops              []string // page files
		types, enums     []string
		warnings         []string
	}{
		{name: "routes, case-insensitively",
			include: []string{"/security/**"},
			ops:     []string{"security-post-domainsecurityprofiles.md"},
			types:   security},
		{name: "a result type brings its base, its properties' types and its derived types",
			include: []string{"/widgets/*"},
			ops:     []string{"widget-delete.md", "widget-get.md", "widget-read.md", "widget-stats.md", "widget-update.md"},
			types:   widgetTypes, enums: []string{"widgetColor", "widgetKind"}},
		{name: "no types for an operation without any",
			include: []string{"/widgets/getStats(*)"},
			ops:     []string{"widget-stats.md"}},
		{name: "an operation is left out when one of its routes is excluded",
			include: []string{"/widgets/**"}, exclude: []string{"/me/**"},
			ops:   []string{"widget-create.md", "widget-delete.md", "widget-export.md", "widget-kindof.md", "widget-list-parts.md", "widget-list.md", "widget-post-parts.md", "widget-read.md", "widget-ready.md", "widget-rotate.md"},
			types: widgetTypes, enums: []string{"widgetColor", "widgetKind"}},
		{name: "excludes alone keep the rest",
			exclude: []string{"/widgets/**", "/me/**"},
			ops:     []string{"security-post-domainsecurityprofiles.md"},
			types:   security},
		{name: "a type pattern keeps the type and what it uses, without operations",
			include: []string{"widgetOwner"},
			types:   []string{"widgetOwner"}},
		{name: "a type used only as a base is no value: its other derived types stay out",
			include: []string{"microsoft.graph.plainWidget"},
			// plainWidget's base widget has a property of type widget,
			// which may hold any widget: gadget comes with it.
			types: widgetTypes, enums: []string{"widgetColor", "widgetKind"}},
		{name: "an enum pattern",
			include: []string{"widgetKind"},
			enums:   []string{"widgetKind"}},
		{name: "patterns that match nothing are reported",
			include: []string{"/security/**", "/nothing/**", "noSuchType"}, exclude: []string{"/gone"},
			ops:      []string{"security-post-domainsecurityprofiles.md"},
			types:    security,
			warnings: []string{`--exclude: warning: "/gone" matches no documented route`, `--include: warning: "/nothing/**" matches no documented route`, `--include: warning: "noSuchType" matches no documented type or enum`}},
		{name: "a selection of nothing is reported",
			include: []string{"/widgets/**"}, exclude: []string{"/widgets/**"},
			warnings: []string{"--include: warning: the selection keeps no operation, type or enum"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var d diag.List
			got := scope.Apply(api, selection(t, c.include, c.exclude), &d)
			var ops, types, enums []string
			for _, op := range got.Operations {
				ops = append(ops, filepath.Base(op.Pos.File))
			}
			for _, ty := range got.Types {
				types = append(types, ty.Name)
			}
			for _, e := range got.Enums {
				enums = append(enums, e.Name)
			}
			if !reflect.DeepEqual(ops, c.ops) {
				t.Errorf("operations %q, want %q", ops, c.ops)
			}
			if !reflect.DeepEqual(types, c.types) {
				t.Errorf("types %q, want %q", types, c.types)
			}
			if !reflect.DeepEqual(enums, c.enums) {
				t.Errorf("enums %q, want %q", enums, c.enums)
			}
			var buf bytes.Buffer
			diag.Print(&buf, d.Sorted(), nil)
			if got, want := strings.TrimSpace(buf.String()), strings.Join(c.warnings, "\n"); got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
			if len(got.Pages) != len(api.Pages) {
				t.Errorf("%d pages kept of %d; pages are the docs read, not the scope", len(got.Pages), len(api.Pages))
			}
		})
	}
	if got := scope.Apply(api, scope.Selection{}, &diag.List{}); got != api {
		t.Errorf("an empty selection copied the API")
	}
}

// scopedModule is the module path of the module
// TestScopedPackagesBuildAndPass builds packages in, each in the folder of
// its name.
const scopedModule = "example.com/scoped"

// generate generates the part api of whole, or whole when api is nil, as
// package pkg of scopedModule. The files are by slash-separated path.
func generate(t *testing.T, api, whole *model.API, pkg string) map[string][]byte {
	t.Helper()
	if whole == nil {
		whole = api
	}
	out, err := generator.Generate(whole, generator.Options{Package: pkg, ImportPath: scopedModule + "/" + pkg, DocsName: "docs", Select: api}, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range out.Files {
		files[f.Name] = f.Content
	}
	return files
}

// TestNamesDoNotDependOnScope checks that a scoped package is the whole
// package less what it leaves out: every file it has in common with the
// whole package is the same, apart from those that list everything. In
// testdata/clash, fleetWidget is FleetWidget2 because the type
// microsoft.graph.fleet.widget is named FleetWidget first, and its
// operation is GetWidget because its page is about the resource its route
// addresses, so the other page's is FleetGetWidget; a scope without those
// keeps the names. So do the packages of operations: in testdata/docs the
// widget operations stay in internal/security, whose parts (SecurityClient)
// are named after the whole package's first operations file, which the
// scope leaves out. (A scope that keeps
// some operations of a page family changes that family's files, and may
// give a route to another page that documents it too.)
func TestNamesDoNotDependOnScope(t *testing.T) {
	for _, c := range []struct {
		docs    string
		include []string
		want    []string
	}{
		{"testdata/clash", []string{"/fleetWidgets/**"}, []string{"type FleetWidget2 struct", "func (c *FleetClient) GetWidget("}},
		// Every widget operation, so that their files are whole too.
		{"../testdata/docs", []string{"/widgets/**,/me/**"}, []string{"type WidgetValue interface", "func (c *SecurityClient) ReadWidget("}},
	} {
		whole := parse(t, c.docs)
		all := generate(t, whole, nil, "p")
		scoped := generate(t, scope.Apply(whole, selection(t, c.include, nil), &diag.List{}), whole, "p")
		if len(scoped) >= len(all) {
			t.Errorf("%s %q: %d files of %d; the scope left nothing out", c.docs, c.include, len(scoped), len(all))
		}
		var src strings.Builder
		for name, content := range scoped {
			src.Write(content)
			if listsEverything(name) {
				continue
			}
			if whole, ok := all[name]; !ok {
				t.Errorf("%s %q: %s is not in the whole package", c.docs, c.include, name)
			} else if !bytes.Equal(content, whole) {
				t.Errorf("%s %q: %s differs from the whole package's", c.docs, c.include, name)
			}
		}
		for _, w := range c.want {
			if !strings.Contains(src.String(), w) {
				t.Errorf("%s %q: no %q in the scoped package", c.docs, c.include, w)
			}
		}
	}
}

// listsEverything reports whether a generated file lists the package's
// operations, areas or types, and so differs in a scoped package: the root
// package's doc.go, server.go, client.go and types.go, the JSON tables'
// index internal/core/odata.go, and an area's server.go and fake server.
func listsEverything(name string) bool {
	switch name {
	case "doc.go", "server.go", "client.go", "types.go", "fake.go", "internal/core/odata.go":
		return true
	}
	dir, base := path.Split(name)
	return strings.HasPrefix(dir, "internal/") && dir != "internal/core/" && (base == "server.go" || base == "fake_server_test.go" || base == "fake_seeds.go")
}

// TestInterfaceOnlyWhereUsed checks that a base type is an interface in a
// scoped package only if the package holds a value of it: in
// testdata/clash, only the operation left out does.
func TestInterfaceOnlyWhereUsed(t *testing.T) {
	whole := parse(t, "testdata/clash")
	if all := generate(t, whole, nil, "p"); !bytes.Contains(all["internal/core/fleet_widget.go"], []byte("type FleetWidgetValue interface")) {
		t.Fatalf("the whole package has no FleetWidgetValue:\n%s", all["internal/core/fleet_widget.go"])
	}
	scoped := generate(t, scope.Apply(whole, selection(t, []string{"gizmo"}, nil), &diag.List{}), whole, "p")
	if scoped["internal/core/gizmo.go"] == nil || scoped["internal/core/fleet_widget.go"] == nil {
		t.Fatalf("gizmo or its base type is missing: %d files", len(scoped))
	}
	for name, content := range scoped {
		if bytes.Contains(content, []byte("FleetWidgetValue")) {
			t.Errorf("%s has FleetWidgetValue, which nothing in the package holds", name)
		}
	}
}

// TestScopedPackagesBuildAndPass compiles packages generated from parts of
// testdata/docs in a module of their own, and runs their example tests:
// the widget operations but the action, and a types-only package.
func TestScopedPackagesBuildAndPass(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	whole := parse(t, "../testdata/docs")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+scopedModule+"\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pkg              string
		include, exclude []string
		tests            []string
	}{
		{"widgets", []string{"/widgets/**"}, []string{"/widgets/{id}/rotate"}, []string{"func TestExampleGetWidget(", "func TestExampleListWidgets("}},
		{"owners", []string{"widgetOwner"}, nil, nil},
	} {
		api := scope.Apply(whole, selection(t, c.include, c.exclude), &diag.List{})
		files := generate(t, api, whole, c.pkg)
		var tests strings.Builder
		for name, content := range files {
			if strings.HasSuffix(name, "_examples_test.go") {
				tests.Write(content)
			}
			p := filepath.Join(dir, c.pkg, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, w := range c.tests {
			if !strings.Contains(tests.String(), w) {
				t.Errorf("%s: no %s in the example tests", c.pkg, w)
			}
		}
		if c.tests == nil && tests.Len() > 0 {
			t.Errorf("%s: example tests without operations", c.pkg)
		}
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
