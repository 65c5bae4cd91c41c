package generator

import (
	"fmt"
	"path"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/templates"
)

// operationsFile emits one file of operations: for each, its Params and
// body types, permissions, handler function, UnimplementedServer method and
// Client methods; then the file's parts of the Server interface and of the
// route table.
func (e *emitter) operationsFile(of *opsFile) File {
	src := commonSource(of.sources())
	f := e.areaFileOf(of.area, src)
	e.emitServerPart(f, of)
	var routes []jen.Code
	for _, o := range of.ops {
		if o.params != nil {
			e.emitParams(f, o)
		}
		e.emitPermissions(f, o)
		e.emitServe(f, o)
		f.Line()
		params, results := signature(o)
		f.Comment(o.name + " answers 501 Not Implemented.")
		f.Comment(noInline)
		f.Func().Params(jen.Op("*").Id("Unimplemented" + of.area.goName + "Server")).Id(o.name).Params(paramList(o, params)...).Params(results...).Block(jen.Return(unimplemented(o)...))
		f.Line()
		e.emitClientMethod(f, o, of.area)
		f.Line()
		e.emitFakeMethod(f, o, of.area)
		f.Line()
		for i, r := range o.routes {
			routes = append(routes, jen.Values(
				jen.Id("Method").Op(":").Qual("net/http", methodConst(o.op.Method)),
				jen.Id("Pattern").Op(":").Lit(r.pattern),
				jen.Id("Serve").Op(":").Id(o.serve),
				jen.Id("Index").Op(":").Lit(i),
				jen.Id("Perms").Op(":").Op("&").Id(r.perms.name),
			))
		}
	}
	f.Comment(of.routes + " are the routes of this file's operations, in the route table.")
	f.Var().Id(of.routes).Op("=").Index().Add(e.c("Route")).Values(listOf(routes)...)
	return e.render(path.Join(of.area.dir, of.name), src, f)
}

// bodiesFile emits, in internal/core, the parameter objects of an
// operations file's actions: types like the others, which the root
// package aliases. ok is false when it has none.
func (e *emitter) bodiesFile(of *opsFile) (File, bool) {
	var actions []*operation
	for _, o := range of.ops {
		if o.body != nil && o.body.action {
			actions = append(actions, o)
		}
	}
	if len(actions) == 0 {
		return File{}, false
	}
	src := commonSource(of.sources())
	f := e.coreFile(src)
	for _, o := range actions {
		comment(f, fmt.Sprintf("%s is the parameter object %s takes.", o.body.goType, o.name))
		e.emitStruct(f, o.body.goType, o.body.props, nil)
	}
	return e.render(path.Join(templates.CoreDir, of.bodies), src, f), true
}

// noInline keeps a method of an area's Client and UnimplementedServer
// from being inlined: it is called only through the root package's
// wrapper (the root's Client and UnimplementedServer embed the areas'),
// and a wrapper that inlined it would compile every body again in the
// root package, the one compile that holds every operation (v1.0's root:
// 7.1 s and 529 MB with the bodies inlined, 4.5 s and 394 MB without).
// jennifer writes a comment that starts with "//" as it is.
const noInline = "//go:noinline"

// unimplemented is what UnimplementedServer returns for o.
func unimplemented(o *operation) []jen.Code {
	var ret []jen.Code
	if o.result != nil {
		ret = append(ret, o.result.zero())
	}
	return append(ret, jen.Qual(o.core, "NotImplemented").Call(jen.Lit(o.name)))
}

// signature returns the parameters and results shared by the Server and
// Client methods.
func signature(o *operation) (params []jen.Code, results []jen.Code) {
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

// emitParams writes the Params struct and the table of the operation's
// routes.
func (e *emitter) emitParams(f *jen.File, o *operation) {
	p := o.params
	fields := []jen.Code{jen.Id("Route").String().Comment("the documented route: see the comment of package " + e.opts.Package)}
	for _, pf := range p.path {
		fields = append(fields, jen.Id(pf.field).String().Comment(fmt.Sprintf("path parameter {%s}", pf.doc)))
	}
	for _, pf := range p.query {
		fields = append(fields, jen.Id(pf.field).String().Comment(fmt.Sprintf("query parameter %s", pf.doc)))
	}
	if p.system {
		fields = append(fields, e.c("QueryOptions"))
	}
	f.Comment(fmt.Sprintf("%s are the parameters of %s.", p.name, o.name))
	f.Type().Id(p.name).Struct(fields...)
	f.Line()
	e.emitPathTable(f, o)
}

// pathsVar is the name of an operation's route table (pathsListUsers).
func pathsVar(o *operation) string { return "paths" + o.name }

// emitPathTable writes the table of an operation's routes that bindPath
// and buildPath read: each route's literal parts and parameter fields,
// and the routes the Client chooses from by the parameters set.
func (e *emitter) emitPathTable(f *jen.File, o *operation) {
	p := o.params
	offset := func(field string) jen.Code {
		return jen.Qual("unsafe", "Offsetof").Call(jen.Id(p.name).Values().Dot(field))
	}
	var routes []jen.Code
	index := map[string]int{}
	for i, r := range o.routes {
		index[r.route.Path] = i
		parts, params := pathParts(r)
		var lits, fields []jen.Code
		for _, part := range parts {
			lits = append(lits, jen.Lit(part))
		}
		for _, pp := range params {
			entry := []jen.Code{jen.Id("Off").Op(":").Add(offset(pp.field))}
			if pp.span {
				entry = append(entry, jen.Id("Span").Op(":").True())
			}
			fields = append(fields, jen.Values(entry...))
		}
		items := []jen.Code{
			jen.Id("Pattern").Op(":").Lit(r.route.Path),
			jen.Id("Parts").Op(":").Index().String().Values(lits...),
		}
		if len(fields) > 0 {
			items = append(items, jen.Id("Params").Op(":").Index().Add(e.c("PathParam")).Values(listOf(fields)...))
		}
		routes = append(routes, jen.Values(listOf(items)...))
	}
	table := []jen.Code{jen.Id("Routes").Op(":").Index().Add(e.c("PathRoute")).Values(listOf(routes)...)}
	if len(p.path) > 0 {
		var offs []jen.Code
		for _, pf := range p.path {
			offs = append(offs, offset(pf.field))
		}
		table = append(table, jen.Id("Params").Op(":").Index().Uintptr().Values(listOf(offs)...))
	}
	var choose []jen.Code
	for _, r := range p.choose {
		choose = append(choose, jen.Lit(index[r.route.Path]))
	}
	if len(choose) > 0 {
		table = append(table, jen.Id("Choose").Op(":").Index().Int().Values(choose...))
	}
	f.Comment(fmt.Sprintf("%s are the routes of %s, for binding and building paths.", pathsVar(o), o.name))
	f.Var().Id(pathsVar(o)).Op("=").Add(e.c("PathTable")).Values(listOf(table)...)
	f.Line()
}

// routeParam is a parameter of a route as pathParts finds it.
type routeParam struct {
	field string
	span  bool
}

// pathParts splits a route's request path into its literal parts and its
// parameters, in order: literals as documented, one more part than
// parameters.
func pathParts(r *opRoute) (parts []string, params []routeParam) {
	lit := ""
	i := 0
	value := func(span bool) {
		parts = append(parts, lit)
		lit = ""
		params = append(params, routeParam{field: r.fields[i].field, span: span})
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
	return append(parts, lit), params
}

func (e *emitter) emitServe(f *jen.File, o *operation) {
	var body []jen.Code
	var args = []jen.Code{jen.Id("r").Dot("Context").Call()}
	if p := o.params; p != nil {
		body = append(body,
			jen.Var().Id("p").Id(p.name),
			jen.Id("p").Dot("Route").Op("=").Add(e.c("BindPath")).Call(
				jen.Qual("unsafe", "Pointer").Call(jen.Op("&").Id("p")), jen.Op("&").Id(pathsVar(o)), jen.Id("route"), jen.Id("values")),
		)
		if len(p.query) > 0 || p.system {
			body = append(body, jen.Id("query").Op(":=").Id("r").Dot("URL").Dot("Query").Call())
		}
		for _, q := range p.query {
			body = append(body, jen.Id("p").Dot(q.field).Op("=").Add(e.c("QueryValue")).Call(jen.Id("query"), jen.Lit(q.doc)))
		}
		if p.system {
			documented := []jen.Code{jen.Id("query"), jen.Op("&").Id("p").Dot("QueryOptions")}
			for _, q := range p.query {
				documented = append(documented, jen.Lit(q.doc))
			}
			body = append(body, jen.If(jen.Err().Op(":=").Add(e.c("ParseQueryOptions")).Call(documented...), jen.Err().Op("!=").Nil()).Block(
				e.c("WriteError").Call(jen.Id("w"), jen.Qual("net/http", "StatusBadRequest"), e.c("CodeBadRequest"), jen.Err().Dot("Error").Call()),
				jen.Return(),
			))
		}
		args = append(args, jen.Id("p"))
	}
	switch {
	case o.body != nil && o.body.poly != nil:
		body = append(body,
			jen.Var().Id("body").Add(o.body.typ()),
			jen.If(jen.Op("!").Id("h").Dot("ReadBody").Call(jen.Id("w"), jen.Id("r"), e.valueCodec(o.body.typ(), jen.Op("&").Id("body"), *o.body.poly))).Block(jen.Return()),
		)
		args = append(args, jen.Id("body"))
	case o.body != nil:
		body = append(body,
			jen.Var().Id("body").Add(o.body.typ()),
			jen.If(jen.Op("!").Id("h").Dot("ReadBody").Call(jen.Id("w"), jen.Id("r"), jen.Op("&").Id("body"))).Block(jen.Return()),
		)
		args = append(args, jen.Op("&").Id("body"))
	}
	call := jen.Id("h").Dot("Server").Call().Assert(jen.Id("Server")).Dot(o.name).Call(args...)
	status := statusCode(o.status)
	switch {
	case o.result != nil && o.result.collection:
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			e.c("ReplyCollection").Call(jen.Id("h"), jen.Id("w"), jen.Id("r"), status, jen.Id("res"), jen.Op("&").Add(e.c(itemsVar(o.result.ref))), jen.Err()),
		)
	case o.result != nil && o.result.poly():
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			e.c("ReplyValue").Call(jen.Id("h"), jen.Id("w"), jen.Id("r"), status, jen.Id("res"), o.result.ref.writeFunc(), jen.Err()),
		)
	case o.result != nil && o.result.stream:
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			jen.Id("h").Dot("ReplyStream").Call(jen.Id("w"), jen.Id("r"), status, jen.Id("res"), jen.Err()),
		)
	case o.result != nil && o.result.scalar():
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			e.c("ReplyScalar").Call(jen.Id("h"), jen.Id("w"), jen.Id("r"), status, jen.Id("res"), o.result.ref.writeFunc(), jen.Err()),
		)
	case o.result != nil:
		body = append(body,
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call),
			jen.Id("h").Dot("ReplyJSON").Call(jen.Id("w"), jen.Id("r"), status, jen.Id("res"), jen.Err()),
		)
	default:
		body = append(body, jen.Id("h").Dot("ReplyNoContent").Call(jen.Id("w"), jen.Id("r"), status, call))
	}
	comment(f, fmt.Sprintf("%s serves %s.", o.serve, o.summary))
	f.Func().Id(o.serve).Params(
		jen.Id("h").Op("*").Add(e.c("Handler")),
		jen.Id("w").Qual("net/http", "ResponseWriter"),
		jen.Id("r").Op("*").Qual("net/http", "Request"),
		jen.Id("route").Int(),
		jen.Id("values").Index().String(),
	).Block(body...)
}

func (e *emitter) emitClientMethod(f *jen.File, o *operation, a *area) {
	params, results := signature(o)
	comment(f, fmt.Sprintf("%s calls %s: %s\nDocumented at %s.", o.name, o.summary, oneLine(o.op.Doc), o.op.Pos))
	f.Comment(noInline)
	f.Func().Params(jen.Id("c").Op("*").Id(a.goName + "Client")).Id(o.name).Params(paramList(o, params)...).Params(results...).Block(
		e.requestBody(o, func(name string) *jen.Statement { return jen.Id("c").Dot("core").Dot(name) }, jen.Qual("net/http", methodConst(o.op.Method)))...,
	)
	if o.result != nil && o.result.collection {
		f.Line()
		var args []jen.Code
		for _, a := range o.argNames() {
			args = append(args, jen.Id(a))
		}
		comment(f, fmt.Sprintf("%s calls %s and yields every item of every page, following @odata.nextLink; it stops at the first error, which it yields.", o.all, o.name))
		f.Comment(noInline)
		f.Func().Params(jen.Id("c").Op("*").Id(a.goName+"Client")).Id(o.all).Params(paramList(o, params)...).
			Qual("iter", "Seq2").Types(o.result.elem.Clone(), jen.Error()).Block(
			jen.Return(e.c("Collect").Call(jen.Id("ctx"), jen.Id("c").Dot("core"),
				jen.Func().Params().Params(jen.Op("*").Add(o.result.goType()), jen.Error()).Block(
					jen.Return(jen.Id("c").Dot(o.name).Call(args...)),
				),
				jen.Op("&").Add(e.c(itemsVar(o.result.ref))),
			)),
		)
	}
}

// requestBody is the body of a method that sends o's request: the Client's,
// to do("Do") or do("DoStream") of its connection with the HTTP method as
// lead, and the Fake's, to its store's with the operation's FakeOp.
func (e *emitter) requestBody(o *operation, do func(name string) *jen.Statement, lead jen.Code) []jen.Code {
	var stmts []jen.Code
	pathVal := jen.Code(nil)
	switch {
	case o.takesPath():
		stmts = append(stmts,
			jen.List(jen.Id("path"), jen.Err()).Op(":=").Add(e.c("BuildPath")).Call(
				jen.Qual("unsafe", "Pointer").Call(jen.Op("&").Id("params")), jen.Op("&").Id(pathsVar(o)), jen.Id("params").Dot("Route"), jen.Lit(o.name)),
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
			stmts = append(stmts, e.c("AddQueryOptions").Call(jen.Id("query"), jen.Op("&").Id("params").Dot("QueryOptions")))
		}
		for _, q := range p.query {
			stmts = append(stmts, jen.If(jen.Id("params").Dot(q.field).Op("!=").Lit("")).Block(
				jen.Id("query").Dot("Set").Call(jen.Lit(q.doc), jen.Id("params").Dot(q.field)),
			))
		}
		query = jen.Id("query")
	}
	in := jen.Code(jen.Nil())
	switch {
	case o.body != nil && o.body.poly != nil:
		// Written by the interface's function, which names a derived
		// value's @odata.type.
		in = e.valueCodec(o.body.typ(), jen.Op("&").Id("body"), *o.body.poly)
	case o.body != nil:
		in = jen.Id("body")
	}
	method := lead
	switch {
	case o.result == nil:
		stmts = append(stmts, jen.Return(do("Do").Call(jen.Id("ctx"), method, pathVal, query, in, jen.Nil())))
	case o.result.collection:
		stmts = append(stmts,
			jen.Id("out").Op(":=").Op("&").Add(o.result.goType()).Values(),
			jen.If(
				jen.Err().Op(":=").Add(do("Do")).Call(jen.Id("ctx"), method, pathVal, query, in,
					e.c("PageCodec").Call(jen.Id("out"), jen.Op("&").Add(e.c(itemsVar(o.result.ref))))),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	case o.result.stream:
		stmts = append(stmts, jen.Return(do("DoStream").Call(jen.Id("ctx"), method, pathVal, query, in)))
	case o.result.poly() || o.result.scalar():
		// A value held by an interface, or a primitive: decoded through
		// its codec, returned as it is.
		stmts = append(stmts,
			jen.Var().Id("out").Add(o.result.goType()),
			jen.If(
				jen.Err().Op(":=").Add(do("Do")).Call(jen.Id("ctx"), method, pathVal, query, in, e.codecValue(o.result, jen.Op("&").Id("out"))),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(o.result.zero(), jen.Err())),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	default:
		stmts = append(stmts,
			jen.Var().Id("out").Add(o.result.goType()),
			jen.If(
				jen.Err().Op(":=").Add(do("Do")).Call(jen.Id("ctx"), method, pathVal, query, in, jen.Op("&").Id("out")),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Op("&").Id("out"), jen.Nil()),
		)
	}
	return stmts
}

func errReturn(o *operation) []jen.Code {
	if o.result != nil {
		return []jen.Code{o.result.zero(), jen.Err()}
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
