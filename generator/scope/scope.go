// Package scope narrows an API model to part of it, for docgen's --include
// and --exclude: the operations whose routes a selection names, and the
// types and enums they reach.
//
// It is a model-to-model filter: the result shares its nodes with the
// input, so the generator can name everything from the whole API (see
// generator.Options.Select) and a name never depends on the scope.
package scope

import (
	"fmt"
	"strings"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// Pattern selects operations by route or types and enums by name.
//
// A route pattern starts with "/" and is matched, case-insensitively as the
// router does, against each documented route path, segment by segment: "*"
// matches within one segment ("*" alone: any one segment, a "{param}"
// segment included; "get*" a segment starting with "get"), "**" any number
// of segments, none included, and a "{name}" segment any route segment that
// is a whole parameter, whatever its name ("{id}" matches "{user-id}").
//
// Any other pattern is a type name, matched case-insensitively, "*"
// matching any run of characters: with a dot it is matched against the
// qualified name ("microsoft.graph.user", "microsoft.graph.callRecords.*"),
// without one against the name alone ("user" matches every type or enum
// named user, in any namespace).
type Pattern struct {
	text  string
	route []string // lower-case segments; nil for a type pattern
	typ   string   // lower-case; "" for a route pattern
}

// ParsePattern checks and compiles one pattern.
func ParsePattern(s string) (Pattern, error) {
	text := strings.TrimSpace(s)
	switch {
	case text == "":
		return Pattern{}, fmt.Errorf("empty pattern")
	case text == "/":
		return Pattern{text: text, route: []string{}}, nil
	case strings.HasPrefix(text, "/"):
		p := Pattern{text: text, route: []string{}}
		for _, seg := range strings.Split(strings.ToLower(text[1:]), "/") {
			switch {
			case seg == "":
				return Pattern{}, fmt.Errorf("route pattern %q has an empty segment", text)
			case strings.Contains(seg, "**") && seg != "**":
				return Pattern{}, fmt.Errorf("route pattern %q: ** must be a whole segment", text)
			case seg == "**" && len(p.route) > 0 && p.route[len(p.route)-1] == "**":
				continue // "**/**" is "**", and matching it twice costs
			}
			p.route = append(p.route, seg)
		}
		return p, nil
	}
	for _, r := range text {
		if !(r == '.' || r == '_' || r == '*' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return Pattern{}, fmt.Errorf("pattern %q is neither a route (starting with /) nor a type name", text)
		}
	}
	return Pattern{text: text, typ: strings.ToLower(text)}, nil
}

// String returns the pattern as given.
func (p Pattern) String() string { return p.text }

// IsRoute reports whether p is a route pattern.
func (p Pattern) IsRoute() bool { return p.route != nil }

// MatchRoute reports whether a route pattern matches a documented route
// path such as "/users/{id | userPrincipalName}/events".
func (p Pattern) MatchRoute(path string) bool {
	if p.route == nil {
		return false
	}
	path = strings.ToLower(strings.Trim(path, "/"))
	var segs []string
	if path != "" {
		segs = strings.Split(path, "/")
	}
	return matchSegments(p.route, segs)
}

// MatchType reports whether a type pattern matches a type or enum.
func (p Pattern) MatchType(namespace, name string) bool {
	if p.route != nil {
		return false
	}
	if strings.Contains(p.typ, ".") {
		return glob(p.typ, strings.ToLower(model.Qualify(namespace, name)))
	}
	return glob(p.typ, strings.ToLower(name))
}

func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := len(segs); i >= 0; i-- {
				if matchSegments(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 || !matchSegment(pat[0], segs[0]) {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

func matchSegment(pat, seg string) bool {
	if isParam(pat) {
		return isParam(seg)
	}
	return glob(pat, seg)
}

// isParam reports whether a segment is one whole parameter: "{id}",
// "{id | userPrincipalName}", but not "{item-path}:".
func isParam(seg string) bool {
	return len(seg) >= 2 && seg[0] == '{' && seg[len(seg)-1] == '}' && strings.Count(seg, "{") == 1
}

// glob matches s against pat, where "*" matches any run of characters and
// everything else only itself.
func glob(pat, s string) bool {
	// The classic linear scan: on a mismatch, let the last star swallow one
	// more character.
	p, i, star, mark := 0, 0, -1, 0
	for i < len(s) {
		switch {
		case p < len(pat) && pat[p] == '*':
			star, mark = p, i
			p++
		case p < len(pat) && pat[p] == s[i]:
			p++
			i++
		case star >= 0:
			mark++
			p, i = star+1, mark
		default:
			return false
		}
	}
	for p < len(pat) && pat[p] == '*' {
		p++
	}
	return p == len(pat)
}

// Selection is what --include and --exclude ask for.
type Selection struct {
	Include []Pattern
	Exclude []Pattern // route patterns only
}

// New parses the patterns of --include and --exclude. Each value may hold
// several patterns separated by commas (see SplitList). A type pattern may
// not be excluded: a type that a kept operation or type reaches has to be
// generated for those to compile.
func New(include, exclude []string) (Selection, error) {
	var s Selection
	for _, v := range include {
		for _, text := range SplitList(v) {
			p, err := ParsePattern(text)
			if err != nil {
				return Selection{}, fmt.Errorf("--include: %v", err)
			}
			s.Include = append(s.Include, p)
		}
	}
	for _, v := range exclude {
		for _, text := range SplitList(v) {
			p, err := ParsePattern(text)
			if err != nil {
				return Selection{}, fmt.Errorf("--exclude: %v", err)
			}
			if !p.IsRoute() {
				return Selection{}, fmt.Errorf("--exclude %q: only routes can be excluded; a type is generated whenever a kept operation or type reaches it", p)
			}
			s.Exclude = append(s.Exclude, p)
		}
	}
	return s, nil
}

// IsZero reports whether s selects the whole API.
func (s Selection) IsZero() bool { return len(s.Include) == 0 && len(s.Exclude) == 0 }

// SplitList splits a flag value at commas, except those inside
// parentheses or braces, which belong to a route's function call
// ("range(address='{a}',valuesOnly=true)").
func SplitList(v string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '(', '{':
			depth++
		case ')', '}':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				out = append(out, v[start:i])
				start = i + 1
			}
		}
	}
	out = append(out, v[start:])
	var kept []string
	for _, s := range out {
		if s = strings.TrimSpace(s); s != "" {
			kept = append(kept, s)
		}
	}
	return kept
}

// Apply returns the part of api that s selects; api itself when s is zero.
//
// An operation is kept if one of its routes matches an include route
// pattern, or there are no includes at all, and none matches an exclude.
// Types are kept if a kept operation reaches them (through its parameters,
// body and result) or an include type pattern names them, and then
// whatever a kept type reaches: its base types, its properties' types,
// and, for a type used as a value, every type derived from it, which such a
// value may hold. Enums are kept if a kept operation or type uses them, or
// a pattern names them.
//
// The result shares api's pages and nodes, in api's order. A pattern that
// matches nothing is a warning in diags.
func Apply(api *model.API, s Selection, diags *diag.List) *model.API {
	if s.IsZero() {
		return api
	}
	r := newReach(api)
	matched := map[*Pattern]bool{}
	matchAny := func(ps []Pattern, op *model.Operation) bool {
		hit := false
		for i := range ps {
			p := &ps[i]
			for _, rt := range op.Routes {
				if p.MatchRoute(rt.Path) {
					matched[p], hit = true, true
				}
			}
		}
		return hit
	}
	var ops []*model.Operation
	for _, op := range api.Operations {
		included := matchAny(s.Include, op) || len(s.Include) == 0
		if matchAny(s.Exclude, op) || !included {
			continue
		}
		ops = append(ops, op)
		r.operation(op)
	}
	for i := range s.Include {
		p := &s.Include[i]
		if p.IsRoute() {
			continue
		}
		for _, t := range api.Types {
			if p.MatchType(t.Namespace, t.Name) {
				matched[p] = true
				r.typ(t)
			}
		}
		for _, e := range api.Enums {
			if p.MatchType(e.Namespace, e.Name) {
				matched[p] = true
				r.enums[e.QualifiedName()] = true
			}
		}
	}
	for flag, ps := range map[string][]Pattern{"--include": s.Include, "--exclude": s.Exclude} {
		for i := range ps {
			p := &ps[i]
			if matched[p] {
				continue
			}
			what := "documented route"
			if !p.IsRoute() {
				what = "documented type or enum"
			}
			diags.Warnf(model.Pos{File: flag}, "scope", "%q matches no %s", p.String(), what)
		}
	}

	out := &model.API{Pages: api.Pages, Operations: ops}
	for _, t := range api.Types {
		if r.types[t.QualifiedName()] {
			out.Types = append(out.Types, t)
		}
	}
	for _, e := range api.Enums {
		if r.enums[e.QualifiedName()] {
			out.Enums = append(out.Enums, e)
		}
	}
	if len(out.Operations) == 0 && len(out.Types) == 0 && len(out.Enums) == 0 {
		flag := "--include"
		if len(s.Include) == 0 {
			flag = "--exclude"
		}
		diags.Warnf(model.Pos{File: flag}, "scope", "the selection keeps no operation, type or enum")
	}
	return out
}

// reach walks what kept operations and types refer to.
type reach struct {
	byName  map[string]*model.Type
	derived map[string][]*model.Type // base → its direct derived types
	enum    map[string]bool          // every enum, by qualified name
	types   map[string]bool          // kept
	enums   map[string]bool          // kept
}

func newReach(api *model.API) *reach {
	r := &reach{
		byName:  map[string]*model.Type{},
		derived: map[string][]*model.Type{},
		enum:    map[string]bool{},
		types:   map[string]bool{},
		enums:   map[string]bool{},
	}
	for _, t := range api.Types {
		r.byName[t.QualifiedName()] = t
	}
	for _, t := range api.Types {
		if t.BaseType != "" {
			r.derived[t.BaseType] = append(r.derived[t.BaseType], t)
		}
	}
	for _, e := range api.Enums {
		r.enum[e.QualifiedName()] = true
	}
	return r
}

func (r *reach) operation(op *model.Operation) {
	for _, ps := range [][]*model.Parameter{op.PathParams, op.Query, op.Headers} {
		for _, p := range ps {
			r.value(p.Type.Name)
		}
	}
	if b := op.Body; b != nil {
		r.value(b.Type.Name)
		for _, p := range b.Properties {
			r.value(p.Type.Name)
		}
	}
	if t := op.Response.Type; t != nil {
		r.value(t.Name)
	}
}

// value keeps what a value of the named type needs: the type, and every
// type derived from it, since the value may be any of them.
func (r *reach) value(name string) {
	if r.enum[name] {
		r.enums[name] = true
		return
	}
	t := r.byName[name]
	if t == nil {
		return // an Edm type, or nothing
	}
	r.typ(t)
	// Iterative, with the kept set as the visited set: inheritance is
	// shallow, but the resolver is what breaks its cycles.
	queue := append([]*model.Type(nil), r.derived[name]...)
	seen := map[string]bool{name: true}
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		if q := d.QualifiedName(); !seen[q] {
			seen[q] = true
			r.typ(d)
			queue = append(queue, r.derived[q]...)
		}
	}
}

// typ keeps t, its base types and what their properties hold.
func (r *reach) typ(t *model.Type) {
	for ; t != nil; t = r.byName[t.BaseType] {
		q := t.QualifiedName()
		if r.types[q] {
			return
		}
		r.types[q] = true
		for _, p := range t.Properties {
			r.value(p.Type.Name)
		}
	}
}
