package generator

import (
	"fmt"
	"path"
	"strings"

	"github.com/docgen-dev/docgen/parser/model"
)

// This file decides which page serves each method and route when several
// pages document it (see "Routes that several pages document" in the
// README): the decision is by meaning, never by page order.
//
//  1. A syntax line with a query string ("GET /me/events?$filter=...") shows
//     a use of the route; it claims the route only when no page documents
//     the route without one.
//  2. Among the rest, the page whose subject is the resource the route
//     addresses serves it. A page's subject is the first word of its file
//     name ("user" in user-list-events.md); the route addresses the type
//     reached by walking its segments through the model (/me/events: the
//     events property of user, a collection of event). The page about that
//     type (event-get.md for /me/events/{id}), or about its parent with the
//     property in its name (user-list-events.md for /me/events), ranks
//     first; then a page about the type or the parent alone; then one that
//     names either anywhere (intune-devices-user-get.md for /users/{id}).
//  3. A tie goes to the page whose verb fits the route: "list" for a
//     collection, "get" for one item; then to the first page.

// ownership is the outcome: the routes each operation serves, and the
// examples of other pages that test it.
type ownership struct {
	served  map[*model.Operation][]*model.Route
	adopted map[*model.Operation][]*model.Example
	moved   map[*model.Example]bool // examples that test another page's operation
	// subject holds the operations that serve a route their page is about:
	// they get the plain operation names.
	subject map[*model.Operation]bool
}

// candidate is one page's claim on a method and route.
type candidate struct {
	op    *model.Operation
	rt    *model.Route
	rank  int // by subject, higher first
	verb  int // 1 when the page's verb fits the route
	order int // page order, for a last tie-break
}

// Ranks of a candidate by its page's subject.
const (
	rankNone      = iota
	rankMentions  // the page's name mentions the type or the property
	rankParent    // the page is about the parent of what the route addresses
	rankType      // the page is about the type the route addresses
	rankAddressed // the page is about exactly what the route addresses
)

func (p *planner) assignRoutes() *ownership {
	own := &ownership{
		served:  map[*model.Operation][]*model.Route{},
		adopted: map[*model.Operation][]*model.Example{},
		moved:   map[*model.Example]bool{},
		subject: map[*model.Operation]bool{},
	}
	byKey := map[string][]*candidate{}
	var keys []string
	for i, op := range p.api.Operations {
		mine := map[string]bool{}
		for _, rt := range op.Routes {
			key := op.Method + " " + routeKey(rt)
			if mine[key] {
				continue // listed twice on the page, with different queries
			}
			mine[key] = true
			if len(byKey[key]) == 0 {
				keys = append(keys, key)
			}
			c := &candidate{op: op, rt: rt, order: i}
			c.rank, c.verb = p.rankPage(op, rt)
			byKey[key] = append(byKey[key], c)
		}
	}
	owner := map[string]*candidate{}
	for _, key := range keys {
		cs := byKey[key]
		best := cs[0]
		for _, c := range cs[1:] {
			if c.outranks(best) {
				best = c
			}
		}
		owner[key] = best
		if best.rank >= rankType {
			own.subject[best.op] = true
		}
	}
	// Each operation's lost routes, reported once per page; its examples
	// follow the routes they call.
	for _, op := range p.api.Operations {
		var lost []*model.Route
		var lostTo []*candidate
		mine := map[string]bool{}
		for _, rt := range op.Routes {
			key := op.Method + " " + routeKey(rt)
			if mine[key] {
				continue
			}
			mine[key] = true
			if o := owner[key]; o.op == op {
				own.served[op] = append(own.served[op], rt)
			} else {
				lost = append(lost, rt)
				lostTo = append(lostTo, o)
			}
		}
		if len(lost) == 0 {
			continue
		}
		more := ""
		if len(lost) > 1 {
			more = fmt.Sprintf(" (and %s more)", count(len(lost)-1, "route"))
		}
		first := lostTo[0]
		if len(own.served[op]) == 0 {
			p.diags.Warnf(op.Pos, "duplicate", "%s %s%s is also documented at %s (%s), which serves it; no operation is generated for %q, its examples test that page's", op.Method, lost[0].Path, more, first.rt.Pos, first.op.Title, op.Title)
		} else {
			p.diags.Warnf(lost[0].Pos, "duplicate", "%s %s%s is also documented at %s (%s), which serves it; this page serves its other routes", op.Method, lost[0].Path, more, first.rt.Pos, first.op.Title)
		}
		for _, ex := range op.Examples {
			if ex.Request != nil && routeMatching(own.served[op], ex.Request.Path) != nil {
				continue // tests this page's own operation
			}
			to := first.op
			if i := indexMatching(lost, ex.Request); i >= 0 {
				to = lostTo[i].op
			} else if len(own.served[op]) > 0 {
				continue
			}
			own.adopted[to] = append(own.adopted[to], ex)
			own.moved[ex] = true
		}
	}
	return own
}

// outranks reports whether c has the better claim of two on one route.
func (c *candidate) outranks(other *candidate) bool {
	if (c.rt.Query == "") != (other.rt.Query == "") {
		return c.rt.Query == ""
	}
	if c.rank != other.rank {
		return c.rank > other.rank
	}
	if c.verb != other.verb {
		return c.verb > other.verb
	}
	return c.order < other.order
}

// rankPage ranks a page's claim on a route by its subject, and says whether
// its verb fits the route.
func (p *planner) rankPage(op *model.Operation, rt *model.Route) (rank, verb int) {
	words := pageWords(op.Pos.File)
	a := p.addressed(rt)
	has := func(w string) bool {
		for _, pw := range words {
			if w != "" && pw == w {
				return true
			}
		}
		return false
	}
	subject := words[0]
	switch {
	case a.typ != "" && subject == a.typ && (a.item || a.property != ""):
		rank = rankAddressed
	case a.parent != "" && subject == a.parent && has(a.property):
		rank = rankAddressed
	case subject == a.typ:
		rank = rankType
	case subject == a.parent:
		rank = rankParent
	case has(a.typ) || has(a.property):
		rank = rankMentions
	}
	if (a.collection && has("list")) || (!a.collection && has("get")) {
		verb = 1
	}
	return rank, verb
}

// addressed is what a route addresses, in lower case: the type of the
// value at its end, the type holding it and the property's name.
type addressed struct {
	typ, parent, property string
	collection            bool // the route ends at a collection
	item                  bool // the route ends at one item of a collection, by key
}

// addressed walks a route through the model: its first segment is an
// entity set ("users": user) or a singleton ("me": user), each literal
// after it a property of the type reached so far, each parameter a key
// into a collection. Where the model has no such property (a function,
// a cast), the walk stops and the literal segments name what it reaches.
func (p *planner) addressed(rt *model.Route) addressed {
	var a addressed
	var cur *model.Type
	for i, seg := range rt.Segments {
		switch {
		case seg.Param != "":
			if a.collection {
				a.collection, a.item = false, true
			}
			continue
		case seg.Literal == "" || strings.ContainsAny(seg.Literal, "()$"):
			return a // a function call or a $value, $count, $ref
		}
		lit := strings.ToLower(seg.Literal)
		if i == 0 {
			name := singular(lit)
			if lit == "me" {
				name = "user"
			}
			cur = p.typeNamed(name)
			a = addressed{typ: name, collection: lit != name && lit != "me"}
			continue
		}
		var prop *model.Property
		if cur != nil {
			for _, pr := range p.properties(cur) {
				if strings.EqualFold(pr.Name, seg.Literal) {
					prop = pr
					break
				}
			}
		}
		a.parent, a.property, a.item = a.typ, lit, false
		if prop == nil {
			cur = nil
			a.typ, a.collection = singular(lit), lit != singular(lit)
			continue
		}
		cur = p.types[prop.Type.Name]
		a.typ, a.collection = strings.ToLower(typeName(prop.Type.Name)), prop.Type.Collection
	}
	return a
}

// typeNamed finds a type by its lower-case name, in the root namespace
// first.
func (p *planner) typeNamed(lower string) *model.Type {
	if t := p.types["microsoft.graph."+lower]; t != nil {
		return t
	}
	for _, t := range p.api.Types {
		if strings.ToLower(t.Name) == lower {
			return t
		}
	}
	return nil
}

// typeName is the last part of a qualified name.
func typeName(qualified string) string {
	if i := strings.LastIndexByte(qualified, '.'); i >= 0 {
		return qualified[i+1:]
	}
	return qualified
}

// pageWords splits a page's file name into its lower-case words:
// user-list-events.md → user list events.
func pageWords(file string) []string {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	words := strings.FieldsFunc(strings.ToLower(base), func(r rune) bool { return r == '-' || r == '_' })
	if len(words) == 0 {
		return []string{""}
	}
	return words
}

// routeMatching returns the route of routes that the router would choose
// for a request path, or nil.
func routeMatching(routes []*model.Route, reqPath string) *model.Route {
	var best *model.Route
	for _, rt := range routes {
		if _, ok := matchRoute(rt, reqPath); ok && (best == nil || outranks(rt, best)) {
			best = rt
		}
	}
	return best
}

// indexMatching returns the index in routes of the route an example's
// request calls, or -1.
func indexMatching(routes []*model.Route, req *model.ExampleRequest) int {
	if req == nil {
		return -1
	}
	rt := routeMatching(routes, req.Path)
	for i, r := range routes {
		if r == rt {
			return i
		}
	}
	return -1
}

// examples returns the examples that test op: its own, but those that call
// a route another page serves, and those of other pages that call its
// routes.
func (own *ownership) examples(op *model.Operation) []*model.Example {
	var out []*model.Example
	for _, ex := range op.Examples {
		if !own.moved[ex] {
			out = append(out, ex)
		}
	}
	return append(out, own.adopted[op]...)
}
