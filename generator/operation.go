package generator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
)

// operation is an operation's Go shape, worked out once in the plan for the
// server, the client and the tests.
type operation struct {
	op      *model.Operation
	core    string     // the import path of internal/core
	name    string     // Go method name, of Server and Client
	all     string     // the Client's iterator over every item, for a collection result
	serve   string     // the handler function
	fake    string     // the example tests' fake server's field for it
	routes  []*opRoute // the routes it serves
	params  *paramsType
	body    *bodyShape
	result  *resultShape
	status  int
	perms   []*permissionVar // each distinct permission set of its routes
	summary string           // "GET /users/{id}", for comments
	// examples are those that test it: its own, and those of pages whose
	// routes it serves (see ownership.examples).
	examples []*model.Example
	// fakeCalled is set when an example test calls it through the client
	// and handler, so that the fake server needs a field for it.
	fakeCalled bool
	// fakeShape is what the Fake does for it.
	fakeShape *fakeShape
}

// opRoute is one served route, the Params fields its parameters fill, and
// the permissions the handler checks for it.
type opRoute struct {
	route   *model.Route
	pattern string        // as the router reads it: "/users/{id}"
	fields  []*paramField // one per route parameter, in order
	perms   *permissionVar
}

// paramsType is an operation's Params struct: path parameters of all its
// routes, documented query parameters, and the OData query options of GETs.
type paramsType struct {
	name   string
	path   []*paramField
	query  []*paramField
	system bool // embeds QueryOptions
	// routeFields are, for each route in order, the fields its parameters
	// fill.
	routeFields [][]*paramField
	// choose is each distinct set of path parameters, with the route the
	// Client takes when exactly those are set.
	choose []*opRoute
}

type paramField struct {
	field string // Go field name
	doc   string // documented parameter name
}

// bodyShape is what the request body decodes into.
type bodyShape struct {
	goType string // the generated struct, or a base type's interface
	poly   *goRef // set for an interface: a base type with derived types
	action bool   // an action's parameter object, generated for the operation
	props  []*model.Property
	// settable are the properties an update page says are meant to be set,
	// for a PATCH whose body is the resource type.
	settable []string
	ref      model.TypeRef // the documented type, unless action
	core     string        // the import path of internal/core, which declares goType
}

// typ is the body's Go type, of internal/core.
func (b *bodyShape) typ() *jen.Statement { return jen.Qual(b.core, b.goType) }

// paramType is the body's type in a signature.
func (b *bodyShape) paramType() jen.Code {
	if b.poly != nil {
		return b.typ()
	}
	return jen.Op("*").Add(b.typ())
}

// resultShape is what a successful answer carries.
type resultShape struct {
	elem       *jen.Statement // the Go type of the value or of each item
	ref        goRef
	collection bool
	stream     bool // the response body is the content itself: a *Stream
}

// operations shapes every operation that serves a route, in page order.
func (p *planner) operations(own *ownership) []*operation {
	var out []*operation
	for _, op := range p.api.Operations {
		routes := own.served[op]
		if len(routes) == 0 {
			continue
		}
		out = append(out, p.operation(op, routes, own.examples(op)))
	}
	return out
}

func (p *planner) operation(op *model.Operation, routes []*model.Route, examples []*model.Example) *operation {
	n := p.names
	o := &operation{
		core: p.corePath(),
		op:   op, name: n.ops[op], all: n.all[op], serve: n.serve[op], fake: n.fake[op],
		status: op.Response.Status, examples: examples,
		summary: fmt.Sprintf("%s %s", op.Method, routes[0].Path),
	}
	o.params = n.params[op]
	for i, rt := range routes {
		r := &opRoute{route: rt, pattern: routePattern(rt)}
		if o.params != nil {
			r.fields = o.params.routeFields[i]
		}
		o.routes = append(o.routes, r)
	}
	if o.params != nil {
		o.params.choose = chooseRoutes(o)
	}
	p.permissions(o)
	if b := op.Body; b != nil {
		switch {
		case p.updates[op] != nil:
			t := p.updates[op]
			ref := model.TypeRef{Name: t.QualifiedName()}
			r := p.ref(ref)
			o.body = &bodyShape{goType: r.name, ref: ref, core: p.corePath()}
			if r.kind == polyValue {
				o.body.poly = &r
			}
			for _, prop := range b.Properties {
				o.body.settable = append(o.body.settable, prop.Name)
			}
		case b.IsActionParameters():
			o.body = &bodyShape{goType: n.bodies[op], action: true, props: n.bodyProps[op], core: p.corePath()}
		case b.Type.Name != "" && !b.Type.Collection:
			switch r := p.ref(b.Type); r.kind {
			case polyValue:
				o.body = &bodyShape{goType: r.name, poly: &r, ref: b.Type, core: p.corePath()}
			case objectValue:
				o.body = &bodyShape{goType: r.name, ref: b.Type, core: p.corePath()}
			}
		}
	}
	if rt := op.Response.Type; rt != nil {
		r := p.ref(*rt)
		// A single primitive or enumeration comes wrapped as {"value":
		// ...}. A stream is the response body itself, not JSON. A 204
		// carries no body, whatever the prose says it returns otherwise.
		switch {
		case o.status == http.StatusNoContent:
			p.diags.Warnf(op.Response.Pos, "response", "the response is %d No Content but names a %s result; the result is not generated", o.status, rt.Name)
		case rt.Name == "Edm.Stream" && !rt.Collection:
			o.result = &resultShape{elem: p.c("Stream"), ref: r, stream: true}
		default:
			o.result = &resultShape{elem: r.typ, ref: r, collection: rt.Collection}
		}
	}
	o.fakeShape = planFake(o)
	return o
}

// chooseRoutes lists, for the Client, each distinct set of path parameters
// with the first route that takes exactly those.
func chooseRoutes(o *operation) []*opRoute {
	var out []*opRoute
	seen := map[string]bool{}
	for _, r := range o.routes {
		var names []string
		for _, f := range r.fields {
			names = append(names, f.field)
		}
		key := strings.Join(sortedCopy(names), ",")
		if !seen[key] {
			seen[key] = true
			out = append(out, r)
		}
	}
	return out
}

// takesPath reports whether the Client must build the path from Params.
func (o *operation) takesPath() bool {
	return o.params != nil && (len(o.params.path) > 0 || len(o.routes) > 1)
}

// routePattern writes a route for the router: literals as documented and
// every parameter as {name}, whatever placeholder style the page used
// ("<address>", "{id | userPrincipalName}").
//
// A parameter that may hold slashes (path addressing) is written {name*}.
func routePattern(rt *model.Route) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		star := ""
		if s.Span {
			star = "*"
		}
		b.WriteByte('/')
		switch {
		case s.Param != "":
			b.WriteString("{" + s.Param + star + "}")
		case len(s.Parts) > 0:
			for _, p := range s.Parts {
				if p.Param != "" {
					b.WriteString("{" + p.Param + star + "}")
				} else {
					b.WriteString(p.Literal)
				}
			}
		default:
			b.WriteString(s.Literal)
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// routeKey is what makes two routes the same to the router: literals in
// lower case, parameters unnamed.
func routeKey(rt *model.Route) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		b.WriteByte('/')
		switch {
		case s.Param != "":
			b.WriteString("{}")
		case len(s.Parts) > 0:
			for _, p := range s.Parts {
				if p.Param != "" {
					b.WriteString("{}")
				} else {
					b.WriteString(strings.ToLower(p.Literal))
				}
			}
		default:
			b.WriteString(strings.ToLower(s.Literal))
		}
	}
	return b.String()
}

func segmentParams(seg *model.Segment) []string {
	if seg.Param != "" {
		return []string{seg.Param}
	}
	var out []string
	for _, p := range seg.Parts {
		if p.Param != "" {
			out = append(out, p.Param)
		}
	}
	return out
}

// isQueryName reports whether a query table's first cell names a parameter
// rather than describing one.
func isQueryName(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t=&?") && len(s) < 64
}

func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 3:
		return s[:len(s)-1]
	}
	return s
}

// returnType is how methods return the result: a pointer, or for a base
// type with derived types, its interface.
func (r *resultShape) returnType() jen.Code {
	if r.poly() || r.scalar() {
		return r.elem.Clone()
	}
	return jen.Op("*").Add(r.goType())
}

// poly reports whether the result is one value of a base type's interface.
func (r *resultShape) poly() bool { return !r.collection && r.ref.kind == polyValue }

// scalar reports whether the result is one primitive or enumeration value,
// which OData sends as {"value": ...} and the methods return as a value.
func (r *resultShape) scalar() bool {
	return !r.collection && !r.stream && (r.ref.kind == edmValue || r.ref.kind == enumValue)
}

// zero is the literal of the result's zero value, which the methods
// return with an error.
func (r *resultShape) zero() jen.Code {
	if !r.scalar() {
		return jen.Nil()
	}
	switch r.ref.codec {
	case "str", "":
		return jen.Lit("")
	case "bool":
		return jen.False()
	case "time":
		return jen.Qual("time", "Time").Values()
	case "raw":
		return jen.Nil()
	}
	return jen.Lit(0)
}

// goType is the result's Go type, without the pointer.
func (r *resultShape) goType() *jen.Statement {
	if r.collection {
		return jen.Qual(r.ref.core, "Collection").Types(r.elem.Clone())
	}
	return r.elem.Clone()
}

// itemCodecs returns the reader and writer of one item of a collection,
// or of a polymorphic value.
func (r *resultShape) itemCodecs() (read, write jen.Code) {
	return r.ref.readFunc(), r.ref.writeFunc()
}

// argNames are the names of the parameters signature declares, in order.
func (o *operation) argNames() []string {
	names := []string{"ctx"}
	if o.params != nil {
		names = append(names, "params")
	}
	if o.body != nil {
		names = append(names, "body")
	}
	return names
}

// planUpdates finds, for each PATCH whose page documents its body as a
// table of properties, the resource it updates: the type its first route
// addresses, or else the type it answers with. Such a body is that type,
// as the service reads it, not a type made from the update page's table:
// the table says which properties are meant to be set, and where it types
// a property otherwise than the resource page, the resource page wins and
// a warning names both places. A table property the resource does not
// have is warned of too; the body cannot carry it.
func (p *planner) planUpdates(own *ownership) map[*model.Operation]*model.Type {
	out := map[*model.Operation]*model.Type{}
	for _, op := range p.api.Operations {
		routes := own.served[op]
		if op.Method != http.MethodPatch || op.Body == nil || !op.Body.IsActionParameters() || len(routes) == 0 {
			continue
		}
		var t *model.Type
		if a := p.addressed(routes[0]); !a.collection && a.typ != "" {
			t = p.typeNamed(a.typ)
		}
		if rt := op.Response.Type; t == nil && rt != nil && !rt.Collection {
			t = p.types[rt.Name]
		}
		if t == nil {
			continue
		}
		out[op] = t
		byName := map[string]*model.Property{}
		for _, prop := range p.properties(t) {
			byName[prop.Name] = prop
		}
		// A table that merges the properties of derived types (a place's
		// and a room's) is met by the base type's interface: the body says
		// its @odata.type.
		for _, d := range p.derived[t.QualifiedName()] {
			for _, prop := range p.properties(d) {
				if _, ok := byName[prop.Name]; !ok {
					byName[prop.Name] = prop
				}
			}
		}
		for _, prop := range op.Body.Properties {
			res, ok := byName[prop.Name]
			switch {
			case !ok:
				p.diags.Warnf(prop.Pos, "update", "property %q is not a property of %s (%s) or of a type derived from it; the update body is that type, so it cannot be set", prop.Name, t.Name, t.Pos)
			case res.Type != prop.Type && !p.sameOnTheWire(prop.Type, res.Type):
				p.diags.Warnf(prop.Pos, "update", "property %q is %s here but %s on the resource (%s); the resource's type is used", prop.Name, prop.Type, res.Type, res.Pos)
			}
		}
	}
	return out
}

// sameOnTheWire reports whether a table's type is only a looser name for
// the resource's: a String where the resource has an enumeration, whose
// values are strings.
func (p *planner) sameOnTheWire(table, resource model.TypeRef) bool {
	if table.Name != "Edm.String" || table.Collection != resource.Collection {
		return false
	}
	for _, e := range p.whole.Enums {
		if e.QualifiedName() == resource.Name {
			return true
		}
	}
	return false
}
