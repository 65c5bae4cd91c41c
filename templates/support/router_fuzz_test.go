package support

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// fuzzRoutes are routes of every kind the router knows, each with its own
// index so that a match names its route: case-insensitive literals,
// parameters, function calls with parameters, a {x*} span, and routes that
// share a prefix or differ only in their parameters' names.
var fuzzRoutes = []string{
	"GET /things",
	"POST /things",
	"GET /things/{id}",
	"PATCH /things/{thing-id}",
	"GET /Things/{id}/parts/{part}",
	"GET /things/delta()",
	"GET /things/getStats(period='{period}')",
	"GET /things/{id}/range(address='{a}',sheet={s})",
	"GET /drive/root:/{item-path*}:/content",
	"GET /drive/root:/{item-path*}:",
	"GET /users/{id}/photos/{size}/$value",
}

func fuzzRouter() (*routeNode, []Route) {
	n := &routeNode{}
	var routes []Route
	for i, r := range fuzzRoutes {
		method, pattern, _ := strings.Cut(r, " ")
		rt := Route{Method: method, Pattern: pattern, Index: i, Serve: func(*Handler, http.ResponseWriter, *http.Request, int, []string) {}}
		routes = append(routes, rt)
		n.add(rt)
	}
	return n, routes
}

// reassemble puts params into a route's pattern, as the path they match.
func reassemble(pattern string, params []string) (string, bool) {
	var b strings.Builder
	for _, seg := range splitRoute(pattern) {
		b.WriteByte('/')
		for _, p := range parseSegment(seg) {
			if !p.param {
				b.WriteString(p.literal)
				continue
			}
			if len(params) == 0 {
				return "", false
			}
			b.WriteString(params[0])
			params = params[1:]
		}
	}
	return b.String(), len(params) == 0
}

// FuzzRouter checks that any path matches one route or none, without
// panicking, and that a match's parameters put back into its pattern give
// the (unescaped) path, literals compared without regard to case.
func FuzzRouter(f *testing.F) {
	for _, s := range []string{
		"/things", "/THINGS/", "//things//abc", "/things/a%2Fb", "/things/a%2fb/parts/%7Bx%7D", "/things/delta()",
		"/things/getStats(period='D7')", "/things/GETSTATS(period='')", "/things/x/range(address='A1',sheet=2)",
		"/drive/root:/a/b/c:/content", "/drive/root:/a%3A:/content", "/drive/root:/a:", "/drive/root::/content",
		"/users/1/photos/48x48/$value", "/things/$count", "/things/delta", "/things('a''b')", "/things(id='x')/parts/2",
		"/things/%24count", "/things/x(1)", "/things/%zz", "/things/%", "/", "", "/things/\x00", "/things/é",
	} {
		for _, m := range []string{"GET", "POST", "PATCH", "DELETE"} {
			f.Add(m, s)
		}
	}
	root, routes := fuzzRouter()
	f.Fuzz(func(t *testing.T, method, path string) {
		target, params, allowed, count := root.match(method, path)
		again, params2, allowed2, count2 := root.match(method, path)
		if again.index != target.index || !slices.Equal(params, params2) || !slices.Equal(allowed, allowed2) || count != count2 {
			t.Fatalf("%s %q: two matches differ", method, path)
		}
		if target.serve == nil {
			if len(params) > 0 {
				t.Fatalf("%s %q: no route, but parameters %q", method, path, params)
			}
			if len(allowed) > 0 {
				if slices.Contains(allowed, method) {
					t.Fatalf("%s %q: not matched, yet %s is allowed", method, path, method)
				}
				if other, _, _, _ := root.match(allowed[0], path); other.serve == nil {
					t.Fatalf("%s %q: %s is allowed but does not match", method, path, allowed[0])
				}
			}
			return
		}
		rt := routes[target.index]
		if rt.Method != method {
			t.Fatalf("%s %q matched %s %s", method, path, rt.Method, rt.Pattern)
		}
		for _, p := range params {
			if p == "" {
				t.Fatalf("%s %q: an empty parameter in %q", method, path, params)
			}
		}
		// A raw segment of OData syntax ($count, delta()) never fills a
		// whole-segment parameter; inside a call's quotes it is data
		// (getStats(period='$')), and so is an escaped one (%24count).
		rawSegs := strings.Split(path, "/")
		for _, p := range params {
			if !strings.Contains(rt.Pattern, "*}") && (strings.HasPrefix(p, "$") || strings.HasSuffix(p, "()")) && slices.Contains(rawSegs, p) {
				t.Fatalf("%s %q: OData syntax %q bound to a parameter of %s", method, path, p, rt.Pattern)
			}
		}
		// The path is the pattern with the parameters put back, up to the
		// forms the router accepts besides the documented one: a trailing
		// /$count, "()" after a function, a key in parentheses.
		segs, ok := splitPath(path)
		if !ok {
			t.Fatalf("%s %q matched a path that does not unescape", method, path)
		}
		if count {
			segs = segs[:len(segs)-1]
		}
		got, ok := reassemble(rt.Pattern, params)
		if !ok {
			t.Fatalf("%s %q matched %s with %q, which does not reassemble", method, path, rt.Pattern, params)
		}
		forms := []string{joinVals(segs)}
		if keyed, ok := expandKeys(segs); ok {
			forms = append(forms, joinVals(keyed))
		}
		for _, want := range forms {
			if strings.EqualFold(withoutCalls(got), withoutCalls(want)) {
				return
			}
		}
		t.Fatalf("%s %q matched %s with %q, which reassembles to %q, not %q", method, path, rt.Pattern, params, got, forms)
	})
}

func joinVals(segs []pathSegment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString("/" + s.val)
	}
	return b.String()
}

// withoutCalls drops the "()" of each segment that ends in one.
func withoutCalls(path string) string {
	return strings.ReplaceAll(path+"/", "()/", "/")
}
