package generator

import (
	"fmt"
	"net/http"
	"path"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
)

// operation is an operation's Go shape, worked out once for the server, the
// client and the tests.
type operation struct {
	op     *model.Operation
	name   string     // Go method name
	routes []*opRoute // the routes it serves, deduplicated across operations
	// examples are the operation's own, then those of pages whose every
	// route it took over, so that a duplicate page loses no example.
	examples []*model.Example
	params   *paramsType
	body     *bodyShape
	result   *resultShape
	status   int
	// permVars are the distinct permission sets of its routes, as the
	// handler checks them; the first is named perm<Op>, the others
	// perm<Op>2, perm<Op>3...
	permVars []*routePerms
}

// opRoute is one served route and the Params fields its parameters fill.
type opRoute struct {
	route  *model.Route
	fields []*paramField // one per route parameter, in order
	perms  *routePerms   // one of the operation's permVars
}

// paramsType is an operation's Params struct: path parameters of all its
// routes, documented query parameters, and the OData query options of GETs.
type paramsType struct {
	name   string
	path   []*paramField
	query  []*paramField
	system bool // embeds QueryOptions
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
}

// paramType is the body's type in a signature.
func (b *bodyShape) paramType() jen.Code {
	if b.poly != nil {
		return jen.Id(b.goType)
	}
	return jen.Op("*").Id(b.goType)
}

// resultShape is what a successful answer carries.
type resultShape struct {
	elem       *jen.Statement // the Go type of the value or of each item
	ref        goRef
	collection bool
}

func (g *gen) operation(op *model.Operation, routes []*model.Route) *operation {
	o := &operation{op: op, name: g.names.ops[op], status: op.Response.Status, examples: op.Examples}
	g.shapeParams(o, routes)
	for _, r := range o.routes {
		ps, problem := routePermissions(op, r.route)
		if problem != "" {
			g.diags.Warnf(r.route.Pos, "permissions", "%s", problem)
		}
		o.addRoutePerms(r, ps)
	}
	if b := op.Body; b != nil {
		switch {
		case b.IsActionParameters():
			o.body = &bodyShape{goType: g.names.bodies[op], action: true, props: g.actionProperties(op)}
		case b.Type.Name != "" && !b.Type.Collection:
			switch r := g.ref(b.Type); r.kind {
			case polyValue:
				o.body = &bodyShape{goType: r.name, poly: &r}
			case objectValue:
				o.body = &bodyShape{goType: r.name}
			}
		}
	}
	if rt := op.Response.Type; rt != nil {
		r := g.ref(*rt)
		// A single primitive comes wrapped as {"value": ...}; only
		// collections of primitives are generated so far. A 204 carries
		// no body, whatever the prose says it returns otherwise.
		if o.status == http.StatusNoContent {
			g.diags.Warnf(op.Response.Pos, "response", "the response is %d No Content but names a %s result; the result is not generated", o.status, rt.Name)
		} else if r.kind != edmValue || rt.Collection {
			o.result = &resultShape{elem: r.typ, ref: r, collection: rt.Collection}
		}
	}
	return o
}

// shapeParams names the path parameters of every route ("{id}" after
// "users" is UserID) and decides whether the operation takes a Params struct.
func (g *gen) shapeParams(o *operation, routes []*model.Route) {
	p := &paramsType{name: o.name + "Params", system: o.op.Method == http.MethodGet}
	byName := map[string]*paramField{}
	reserved := map[string]bool{"Route": true, "QueryOptions": true}
	if p.system {
		for _, f := range []string{"Select", "Expand", "Filter", "OrderBy", "Search", "Top", "Skip", "Count", "Extra"} {
			reserved[f] = true
		}
	}
	for _, rt := range routes {
		r := &opRoute{route: rt}
		used := map[string]bool{}
		prev := ""
		for _, seg := range rt.Segments {
			for _, name := range segmentParams(seg) {
				field := paramFieldName(name, prev)
				for i := 2; used[field] || reserved[field]; i++ {
					field = fmt.Sprintf("%s%d", paramFieldName(name, prev), i)
				}
				used[field] = true
				f, ok := byName[field]
				if !ok {
					f = &paramField{field: field, doc: name}
					byName[field] = f
					p.path = append(p.path, f)
				}
				r.fields = append(r.fields, f)
			}
			if seg.Literal != "" {
				prev = seg.Literal
			}
		}
		o.routes = append(o.routes, r)
	}
	for _, q := range o.op.Query {
		if strings.HasPrefix(q.Name, "$") || !isQueryName(q.Name) {
			continue // system options are QueryOptions' business
		}
		field := GoName(q.Name)
		if _, clash := byName[field]; clash || reserved[field] {
			field += "Query"
		}
		if _, clash := byName[field]; clash {
			continue
		}
		f := &paramField{field: field, doc: q.Name}
		byName[field] = f
		p.query = append(p.query, f)
	}
	if len(p.path) > 0 || len(p.query) > 0 || p.system {
		o.params = p
	}
}

// isQueryName reports whether a query table's first cell names a parameter
// rather than describing one.
func isQueryName(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t=&?") && len(s) < 64
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

// paramFieldName names a path parameter; a bare "id" takes the singular of
// the segment before it: /users/{id} → UserID.
func paramFieldName(param, prevLiteral string) string {
	if strings.EqualFold(param, "id") && prevLiteral != "" {
		if i := strings.LastIndexByte(prevLiteral, '.'); i >= 0 {
			prevLiteral = prevLiteral[i+1:]
		}
		return GoName(singular(prevLiteral) + "-id")
	}
	return GoName(param)
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

// group is the operations of one page family ("user-get.md",
// "user-list.md" → "user"), which share an operations file and a test file.
type group struct {
	name string
	ops  []*operation
}

func (g *gen) operationGroups() []*group {
	var groups []*group
	byName := map[string]*group{}
	served, adopted := g.dedupeRoutes()
	for _, op := range g.api.Operations {
		routes := served[op]
		if len(routes) == 0 {
			continue
		}
		key := pageFamily(op.Pos.File)
		grp, ok := byName[key]
		if !ok {
			grp = &group{name: key}
			byName[key] = grp
			groups = append(groups, grp)
		}
		o := g.operation(op, routes)
		o.examples = append(o.examples, adopted[op]...)
		grp.ops = append(grp.ops, o)
	}
	return groups
}

// dedupeRoutes gives each method and route to the first operation that
// documents it, in page order, and reports the others with both places.
// Routes one page lists twice (differing only in query strings) merge
// silently. A page that loses every route hands its examples to the
// operation that serves them.
func (g *gen) dedupeRoutes() (served map[*model.Operation][]*model.Route, adopted map[*model.Operation][]*model.Example) {
	owner := map[string]*model.Operation{}
	place := map[string]*model.Route{}
	served = map[*model.Operation][]*model.Route{}
	adopted = map[*model.Operation][]*model.Example{}
	for _, op := range g.api.Operations {
		var lost []*model.Route
		for _, rt := range op.Routes {
			key := op.Method + " " + routeKey(rt)
			switch first, dup := owner[key]; {
			case !dup:
				owner[key], place[key] = op, rt
				served[op] = append(served[op], rt)
			case first != op:
				lost = append(lost, rt)
			}
		}
		if len(served[op]) == 0 && len(lost) > 0 {
			key := op.Method + " " + routeKey(lost[0])
			g.diags.Warnf(op.Pos, "duplicate", "every route of %q is documented by an earlier page (%s %s at %s); no operation is generated for it, its examples test that page's", op.Title, op.Method, lost[0].Path, place[key].Pos)
			adopted[owner[key]] = append(adopted[owner[key]], op.Examples...)
			continue
		}
		for _, rt := range lost {
			first := place[op.Method+" "+routeKey(rt)]
			g.diags.Warnf(rt.Pos, "duplicate", "%s %s is also documented at %s, which serves it; this page's route is not generated", op.Method, rt.Path, first.Pos)
		}
	}
	return served, adopted
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

func pageFamily(file string) string {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	family, _, _ := strings.Cut(base, "-")
	return family
}

func (grp *group) sources() []string {
	var out []string
	for _, o := range grp.ops {
		out = append(out, o.op.Pos.File)
	}
	return out
}

// signature returns the parameters and results shared by the Server and
// Client methods.
func (g *gen) signature(o *operation) (params []jen.Code, results []jen.Code) {
	params = append(params, jen.Id("ctx").Qual("context", "Context"))
	if o.params != nil {
		params = append(params, jen.Id("params").Id(o.params.name))
	}
	if o.body != nil {
		params = append(params, jen.Id("body").Add(o.body.paramType()))
	}
	if o.result != nil {
		results = append(results, o.result.returnType())
	}
	results = append(results, jen.Error())
	return params, results
}

// returnType is how methods return the result: a pointer, or for a base
// type with derived types, its interface.
func (r *resultShape) returnType() jen.Code {
	if r.poly() {
		return r.elem.Clone()
	}
	return jen.Op("*").Add(r.goType())
}

// poly reports whether the result is one value of a base type's interface.
func (r *resultShape) poly() bool { return !r.collection && r.ref.kind == polyValue }

// goType is the result's Go type, without the pointer.
func (r *resultShape) goType() *jen.Statement {
	if r.collection {
		return jen.Id("Collection").Types(r.elem.Clone())
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

func (o *operation) summary() string {
	return fmt.Sprintf("%s %s", o.op.Method, o.routes[0].route.Path)
}

// serverFile emits the Server interface, UnimplementedServer and the route
// table NewHandler serves.
func (g *gen) serverFile() File {
	f := g.newFile(g.opts.DocsName)
	var methods, routes, unimplemented []jen.Code
	for _, grp := range g.groups {
		for _, o := range grp.ops {
			params, results := g.signature(o)
			methods = append(methods,
				jen.Comment(fmt.Sprintf("%s handles %s: %s", o.name, o.summary(), oneLine(o.op.Doc))),
				jen.Comment(fmt.Sprintf("It answers %d %s. Permissions: %s. Documented at %s.", o.status, http.StatusText(o.status), o.describePerms(), o.op.Pos)),
				jen.Id(o.name).Params(params...).Params(results...),
			)
			for i, rt := range o.routes {
				routes = append(routes, jen.Values(
					jen.Qual("net/http", methodConst(o.op.Method)),
					jen.Lit(routePattern(rt.route)),
					jen.Id("serve"+o.name),
					jen.Lit(i),
					jen.Op("&").Id(rt.perms.name),
				))
			}
			var ret []jen.Code
			if o.result != nil {
				ret = append(ret, jen.Nil())
			}
			ret = append(ret, jen.Id("errNotImplemented").Call(jen.Lit(o.name)))
			unimplemented = append(unimplemented,
				jen.Comment(o.name+" answers 501 Not Implemented."),
				jen.Func().Params(jen.Op("*").Id("UnimplementedServer")).Id(o.name).Params(params...).Params(results...).Block(jen.Return(ret...)),
				jen.Line(),
			)
		}
	}
	f.Comment("Server is the API's behaviour, one method per documented operation. Embed")
	f.Comment("UnimplementedServer to implement only some of them, and give NewHandler a")
	f.Comment("pointer: its methods have pointer receivers, which spares the compiler a")
	f.Comment("wrapper for each of them.")
	f.Type().Id("Server").Interface(methods...)
	f.Line()
	f.Comment("UnimplementedServer answers every operation with 501 Not Implemented.")
	f.Type().Id("UnimplementedServer").Struct()
	f.Line()
	for _, c := range unimplemented {
		f.Add(c)
	}
	f.Comment("routes maps each documented route to the operation that serves it.")
	f.Var().Id("routes").Op("=").Index().Id("route").Values(listOf(routes)...)
	return g.render("server.go", g.opts.DocsName, f)
}

// operationsFile emits, for one page family, each operation's Params and
// body types, handler function and Client methods.
func (g *gen) operationsFile(grp *group) File {
	src := commonSource(grp.sources())
	f := g.newFile(src)
	for _, o := range grp.ops {
		if o.params != nil {
			g.emitParams(f, o)
		}
		if o.body != nil && o.body.action {
			comment(f, fmt.Sprintf("%s is the parameter object %s takes.", o.body.goType, o.name))
			g.emitStruct(f, o.body.goType, o.body.props, nil)
		}
		g.emitPermissions(f, o)
		g.emitServe(f, o)
		f.Line()
		g.emitClientMethod(f, o)
		f.Line()
	}
	return g.render(fileName(GoName(grp.name), "_operations"), src, f)
}

// emitParams writes the Params struct and the method that builds a request
// path from it.
func (g *gen) emitParams(f *jen.File, o *operation) {
	p := o.params
	fields := []jen.Code{
		jen.Comment("Route is the documented route: set by the handler to the one a request"),
		jen.Comment("matched; when empty, the Client takes the first route whose parameters"),
		jen.Comment("are exactly the ones set."),
		jen.Id("Route").String(),
	}
	for _, pf := range p.path {
		fields = append(fields, jen.Id(pf.field).String().Comment(fmt.Sprintf("path parameter {%s}", pf.doc)))
	}
	for _, pf := range p.query {
		fields = append(fields, jen.Id(pf.field).String().Comment(fmt.Sprintf("query parameter %s", pf.doc)))
	}
	if p.system {
		fields = append(fields, jen.Id("QueryOptions"))
	}
	f.Comment(fmt.Sprintf("%s are the parameters of %s.", p.name, o.name))
	f.Type().Id(p.name).Struct(fields...)
	f.Line()
	if len(p.path) == 0 && len(o.routes) == 1 {
		return
	}
	// path picks the route and fills in its parameters.
	var choose []jen.Code
	seen := map[string]bool{}
	for _, r := range o.routes {
		if key := fieldSet(r.fields); seen[key] {
			continue // an earlier route takes the same parameters
		} else {
			seen[key] = true
		}
		cond := jen.Null()
		first := true
		mine := map[*paramField]bool{}
		for _, pf := range r.fields {
			mine[pf] = true
		}
		for _, pf := range p.path {
			op := "=="
			if mine[pf] {
				op = "!="
			}
			c := jen.Id("p").Dot(pf.field).Op(op).Lit("")
			if first {
				cond = c
				first = false
			} else {
				cond = cond.Op("&&").Add(c)
			}
		}
		if first {
			cond = jen.True()
		}
		choose = append(choose, jen.Case(cond).Block(jen.Id("route").Op("=").Lit(r.route.Path)))
	}
	var build []jen.Code
	for _, r := range o.routes {
		build = append(build, jen.Case(jen.Lit(r.route.Path)).Block(jen.Return(g.pathExpr(r), jen.Nil())))
	}
	f.Comment("path builds the request path of the route the parameters select.")
	f.Func().Params(jen.Id("p").Op("*").Id(p.name)).Id("path").Params().Params(jen.String(), jen.Error()).Block(
		jen.Id("route").Op(":=").Id("p").Dot("Route"),
		jen.If(jen.Id("route").Op("==").Lit("")).Block(jen.Switch().Block(choose...)),
		jen.Switch(jen.Id("route")).Block(build...),
		jen.Return(jen.Lit(""), jen.Id("errNoRoute").Call(jen.Lit(o.name), jen.Id("route"))),
	)
	f.Line()
}

// pathExpr builds a route's request path: literals as documented,
// parameter values escaped.
func (g *gen) pathExpr(r *opRoute) jen.Code {
	var parts []jen.Code
	lit := ""
	i := 0
	value := func(span bool) {
		if lit != "" {
			parts = append(parts, jen.Lit(lit))
			lit = ""
		}
		fn := "PathEscape"
		if span {
			parts = append(parts, jen.Id("escapeSpan").Call(jen.Id("p").Dot(r.fields[i].field)))
		} else {
			parts = append(parts, jen.Qual("net/url", fn).Call(jen.Id("p").Dot(r.fields[i].field)))
		}
		i++
	}
	for _, seg := range r.route.Segments {
		lit += "/"
		switch {
		case seg.Param != "":
			value(seg.Span)
		case len(seg.Parts) > 0:
			for _, part := range seg.Parts {
				if part.Param != "" {
					value(seg.Span)
				} else {
					lit += part.Literal
				}
			}
		default:
			lit += seg.Literal
		}
	}
	if lit != "" || len(parts) == 0 {
		parts = append(parts, jen.Lit(lit))
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}

func (g *gen) emitServe(f *jen.File, o *operation) {
	var body []jen.Code
	var args = []jen.Code{jen.Id("r").Dot("Context").Call()}
	if p := o.params; p != nil {
		body = append(body, jen.Var().Id("p").Id(p.name))
		var cases []jen.Code
		for i, r := range o.routes {
			stmts := []jen.Code{jen.Id("p").Dot("Route").Op("=").Lit(r.route.Path)}
			for j, pf := range r.fields {
				stmts = append(stmts, jen.Id("p").Dot(pf.field).Op("=").Id("values").Index(jen.Lit(j)))
			}
			cases = append(cases, jen.Case(jen.Lit(i)).Block(stmts...))
		}
		body = append(body, jen.Switch(jen.Id("route")).Block(cases...))
		if len(p.query) > 0 || p.system {
			body = append(body, jen.Id("query").Op(":=").Id("r").Dot("URL").Dot("Query").Call())
		}
		for _, q := range p.query {
			body = append(body, jen.Id("p").Dot(q.field).Op("=").Id("queryValue").Call(jen.Id("query"), jen.Lit(q.doc)))
		}
		if p.system {
			documented := []jen.Code{jen.Id("query"), jen.Op("&").Id("p").Dot("QueryOptions")}
			for _, q := range p.query {
				documented = append(documented, jen.Lit(q.doc))
			}
			body = append(body, jen.If(jen.Err().Op(":=").Id("parseQueryOptions").Call(documented...), jen.Err().Op("!=").Nil()).Block(
				jen.Id("writeError").Call(jen.Id("w"), jen.Qual("net/http", "StatusBadRequest"), jen.Id("codeBadRequest"), jen.Err().Dot("Error").Call()),
				jen.Return(),
			))
		}
		args = append(args, jen.Id("p"))
	}
	switch {
	case o.body != nil && o.body.poly != nil:
		body = append(body,
			jen.Var().Id("body").Id(o.body.goType),
			jen.If(jen.Op("!").Id("h").Dot("readBody").Call(jen.Id("w"), jen.Id("r"),
				jen.Id("valueCodec").Types(jen.Id(o.body.goType)).Values(jen.Op("&").Id("body"), o.body.poly.readFunc(), o.body.poly.writeFunc()))).Block(jen.Return()),
		)
		args = append(args, jen.Id("body"))
	case o.body != nil:
		body = append(body,
			jen.Var().Id("body").Id(o.body.goType),
			jen.If(jen.Op("!").Id("h").Dot("readBody").Call(jen.Id("w"), jen.Id("r"), jen.Op("&").Id("body"))).Block(jen.Return()),
		)
		args = append(args, jen.Op("&").Id("body"))
	}
	call := jen.Id("h").Dot("srv").Dot(o.name).Call(args...)
	status := statusCode(o.status)
	switch {
	case o.result != nil && o.result.collection:
		read, write := o.result.itemCodecs()
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			jen.Id("replyCollection").Call(jen.Id("h"), jen.Id("w"), jen.Id("r"), status, jen.Id("res"), read, write, jen.Err()),
		)
	case o.result != nil && o.result.poly():
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			jen.Id("replyValue").Call(jen.Id("h"), jen.Id("w"), jen.Id("r"), status, jen.Id("res"), jen.Err()),
		)
	case o.result != nil:
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			jen.Id("reply").Call(jen.Id("h"), jen.Id("w"), jen.Id("r"), status, jen.Id("res"), jen.Err()),
		)
	default:
		body = append(body, jen.Id("h").Dot("replyNoContent").Call(jen.Id("w"), jen.Id("r"), status, call))
	}
	f.Comment(fmt.Sprintf("serve%s serves %s.", o.name, o.summary()))
	f.Func().Id("serve"+o.name).Params(
		jen.Id("h").Op("*").Id("handler"),
		jen.Id("w").Qual("net/http", "ResponseWriter"),
		jen.Id("r").Op("*").Qual("net/http", "Request"),
		jen.Id("route").Int(),
		jen.Id("values").Index().String(),
	).Block(body...)
}

func (g *gen) emitClientMethod(f *jen.File, o *operation) {
	params, results := g.signature(o)
	var stmts []jen.Code
	pathVal := jen.Code(nil)
	switch {
	case o.params != nil && (len(o.params.path) > 0 || len(o.routes) > 1):
		stmts = append(stmts,
			jen.List(jen.Id("path"), jen.Err()).Op(":=").Id("params").Dot("path").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(errReturn(o)...)),
		)
		pathVal = jen.Id("path")
	default:
		pathVal = jen.Lit(o.routes[0].route.Path)
	}
	query := jen.Code(jen.Nil())
	if p := o.params; p != nil && (p.system || len(p.query) > 0) {
		stmts = append(stmts, jen.Id("query").Op(":=").Qual("net/url", "Values").Values())
		if p.system {
			stmts = append(stmts, jen.Id("params").Dot("QueryOptions").Dot("addTo").Call(jen.Id("query")))
		}
		for _, q := range p.query {
			stmts = append(stmts, jen.If(jen.Id("params").Dot(q.field).Op("!=").Lit("")).Block(
				jen.Id("query").Dot("Set").Call(jen.Lit(q.doc), jen.Id("params").Dot(q.field)),
			))
		}
		query = jen.Id("query")
	}
	in := jen.Code(jen.Nil())
	if o.body != nil {
		in = jen.Id("body")
	}
	method := jen.Qual("net/http", methodConst(o.op.Method))
	f.Comment(fmt.Sprintf("%s calls %s: %s", o.name, o.summary(), oneLine(o.op.Doc)))
	f.Comment(fmt.Sprintf("Documented at %s.", o.op.Pos))
	switch {
	case o.result == nil:
		stmts = append(stmts, jen.Return(jen.Id("c").Dot("do").Call(jen.Id("ctx"), method, pathVal, query, in, jen.Nil())))
	case o.result.collection:
		read, write := o.result.itemCodecs()
		stmts = append(stmts,
			jen.Id("out").Op(":=").Op("&").Add(o.result.goType()).Values(),
			jen.If(
				jen.Err().Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), method, pathVal, query, in,
					jen.Id("collectionCodec").Types(o.result.elem.Clone()).Values(jen.Id("out"), read, write)),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	case o.result.poly():
		stmts = append(stmts,
			jen.Var().Id("out").Add(o.result.goType()),
			jen.If(
				jen.Err().Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), method, pathVal, query, in, g.codecValue(o.result, jen.Op("&").Id("out"))),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	default:
		stmts = append(stmts,
			jen.Var().Id("out").Add(o.result.goType()),
			jen.If(
				jen.Err().Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), method, pathVal, query, in, jen.Op("&").Id("out")),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Op("&").Id("out"), jen.Nil()),
		)
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(o.name).Params(params...).Params(results...).Block(stmts...)
	if o.result != nil && o.result.collection {
		f.Line()
		read, _ := o.result.itemCodecs()
		var args []jen.Code
		for _, a := range o.argNames() {
			args = append(args, jen.Id(a))
		}
		f.Comment(fmt.Sprintf("%sAll calls %s and yields every item of every page, following", o.name, o.name))
		f.Comment("@odata.nextLink; it stops at the first error, which it yields.")
		f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(o.name+"All").Params(params...).
			Qual("iter", "Seq2").Types(o.result.elem.Clone(), jen.Error()).Block(
			jen.Return(jen.Id("collect").Call(jen.Id("ctx"), jen.Id("c"),
				jen.Func().Params().Params(jen.Op("*").Add(o.result.goType()), jen.Error()).Block(
					jen.Return(jen.Id("c").Dot(o.name).Call(args...)),
				),
				read,
			)),
		)
	}
}

func errReturn(o *operation) []jen.Code {
	if o.result != nil {
		return []jen.Code{jen.Nil(), jen.Err()}
	}
	return []jen.Code{jen.Err()}
}

// methodConst names net/http's constant for a method.
func methodConst(m string) string {
	return "Method" + strings.ToUpper(m[:1]) + strings.ToLower(m[1:])
}

// statusNames are net/http's constants for the statuses docs use.
var statusNames = map[int]string{
	200: "StatusOK", 201: "StatusCreated", 202: "StatusAccepted", 204: "StatusNoContent",
	206: "StatusPartialContent", 301: "StatusMovedPermanently", 302: "StatusFound",
	303: "StatusSeeOther", 304: "StatusNotModified", 307: "StatusTemporaryRedirect",
}

func statusCode(status int) jen.Code {
	if name, ok := statusNames[status]; ok {
		return jen.Qual("net/http", name)
	}
	return jen.Lit(status)
}

// listOf puts each element of a composite literal on its own line.
func listOf(items []jen.Code) []jen.Code {
	out := make([]jen.Code, 0, len(items)+1)
	for _, it := range items {
		out = append(out, jen.Line().Add(it))
	}
	if len(out) > 0 {
		out = append(out, jen.Line())
	}
	return out
}

func fieldSet(fields []*paramField) string {
	var names []string
	for _, f := range fields {
		names = append(names, f.field)
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}
