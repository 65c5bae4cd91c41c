package generator

import (
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/dave/jennifer/jen"
)

// serverFile emits the root package's Server interface, made of the
// areas' parts, UnimplementedServer, made of theirs, and NewHandler, which
// serves the route table joined from theirs.
func (e *emitter) serverFile() File {
	f := e.newFile(e.opts.DocsName)
	var parts, unimpl, tables []jen.Code
	for _, a := range e.areas {
		path := a.importPath(e.plan)
		parts = append(parts, jen.Qual(path, "Server"))
		unimpl = append(unimpl, jen.Qual(path, "Unimplemented"+a.goName+"Server"))
		tables = append(tables, jen.Qual(path, "Routes"))
	}
	f.Comment("Server is the API's behaviour, one method per documented operation, in one")
	f.Comment("part for each area of the docs. Embed UnimplementedServer to implement only")
	f.Comment("some of them, and give NewHandler a pointer.")
	f.Type().Id("Server").Interface(parts...)
	f.Line()
	f.Comment("UnimplementedServer answers every operation with 501 Not Implemented. Its")
	f.Comment("parts are internal, and their names change as the docs do.")
	f.Type().Id("UnimplementedServer").Struct(unimpl...)
	f.Line()
	for _, l := range []string{
		"NewHandler returns an http.Handler that serves s on every documented",
		"route, under DefaultBasePath and at the bare paths (see WithBasePath). It",
		"answers, before s is called: 401 without a bearer token, 404 for an",
		"unknown path, 405 for a known path with another method, 415 for a body",
		"that is not JSON or has a Content-Encoding other than gzip or deflate,",
		"413 for one over the size limit, as sent or decoded, and 400 for one that",
		"is malformed, has a property its type does not define, or a value of the",
		"wrong type. Every error answer is an OData error body.",
	} {
		f.Comment(l)
	}
	f.Func().Id("NewHandler").Params(jen.Id("s").Id("Server"), jen.Id("opts").Op("...").Id("HandlerOption")).Qual("net/http", "Handler").Block(
		jen.Return(e.c("NewRouteHandler").Call(jen.Id("s"), jen.Id("routes"), jen.Id("opts").Op("..."))),
	)
	f.Line()
	f.Comment("routes maps each documented route to the operation that serves it.")
	f.Var().Id("routes").Op("=").Qual("slices", "Concat").Types(jen.Index().Add(e.c("Route"))).Call(listOf(tables)...)
	return e.render("server.go", e.opts.DocsName, f)
}

// clientFile emits the root package's Client, made of the areas' parts,
// which share one connection, and NewClient.
func (e *emitter) clientFile() File {
	f := e.newFile(e.opts.DocsName)
	var parts, values []jen.Code
	for _, a := range e.areas {
		parts = append(parts, jen.Qual(a.importPath(e.plan), a.goName+"Client"))
		values = append(values, jen.Qual(a.importPath(e.plan), "NewClient").Call(jen.Id("c")))
	}
	f.Comment("Client calls the API, one method per documented operation, in one part")
	f.Comment("for each area of the docs; it is safe for concurrent use. The parts are")
	f.Comment("internal, and their names change as the docs do: call the methods.")
	f.Type().Id("Client").Struct(parts...)
	f.Line()
	f.Comment("NewClient returns a Client for the API at baseURL, such as")
	f.Comment("\"https://graph.microsoft.com\"; a base URL without a path gets")
	f.Comment("DefaultBasePath.")
	conn := jen.Id("c").Op(":=")
	if len(values) == 0 {
		conn = jen.Id("_").Op("=") // no operations (a package of types only): no part uses it
	}
	f.Func().Id("NewClient").Params(jen.Id("baseURL").String(), jen.Id("opts").Op("...").Id("ClientOption")).Op("*").Id("Client").Block(
		conn.Add(e.c("NewClient")).Call(jen.Id("baseURL"), jen.Id("opts").Op("...")),
		jen.Return(jen.Op("&").Id("Client").Values(listOf(values)...)),
	)
	return e.render("client.go", e.opts.DocsName, f)
}

// areaFile emits an area's server.go: its part of Server, made of its
// files' parts, its UnimplementedServer, Client and route table.
func (e *emitter) areaFile(a *area) File {
	f := e.areaFileOf(a, e.opts.DocsName)
	var parts, tables []jen.Code
	for _, of := range a.files {
		parts = append(parts, jen.Id(of.server))
		tables = append(tables, jen.Id(of.routes))
	}
	root := e.opts.Package
	paragraph(f.PackageComment, fmt.Sprintf("Package %s holds operations of package %s: their part of its Server, UnimplementedServer and Client, and their routes. It is internal: use package %s.", a.name, root, root))
	f.Comment(fmt.Sprintf("Server is the part of %s.Server for this package's operations.", root))
	f.Type().Id("Server").Interface(parts...)
	f.Line()
	unimpl, client := "Unimplemented"+a.goName+"Server", a.goName+"Client"
	comment(f, fmt.Sprintf("%s is the part of %s.UnimplementedServer for this package's operations: it answers each with 501 Not Implemented.", unimpl, root))
	f.Type().Id(unimpl).Struct()
	f.Line()
	comment(f, fmt.Sprintf("%s is the part of %s.Client for this package's operations.", client, root))
	f.Type().Id(client).Struct(jen.Id("core").Op("*").Add(e.c("Client")))
	f.Line()
	f.Comment("NewClient returns the part of a Client that calls through c.")
	f.Func().Id("NewClient").Params(jen.Id("c").Op("*").Add(e.c("Client"))).Id(client).Block(
		jen.Return(jen.Id(client).Values(jen.Id("c"))),
	)
	f.Line()
	e.emitAreaFake(f, a)
	f.Comment("Routes are the routes of this package's operations, in the route table.")
	f.Var().Id("Routes").Op("=").Qual("slices", "Concat").Types(jen.Index().Add(e.c("Route"))).Call(listOf(tables)...)
	return e.render(path.Join(a.dir, "server.go"), e.opts.DocsName, f)
}

// emitServerPart writes an operations file's part of the Server interface.
func (e *emitter) emitServerPart(f *jen.File, of *opsFile) {
	var methods []jen.Code
	for _, o := range of.ops {
		params, results := signature(o)
		// The permissions are said beside the serve function, where the
		// permissions variable is.
		undetermined := ""
		for _, v := range o.perms {
			if v.set.undetermined {
				undetermined = " The docs do not determine all its permissions."
			}
		}
		settable := ""
		if o.body != nil && len(o.body.settable) > 0 {
			settable = fmt.Sprintf(" The docs list the properties to set as %s.", strings.Join(o.body.settable, ", "))
		}
		methods = append(methods, comments(fmt.Sprintf("%s handles %s: %s\nIt answers %d %s.%s%s Documented at %s.",
			o.name, o.summary, oneLine(o.op.Doc), o.status, http.StatusText(o.status), settable, undetermined, o.op.Pos))...)
		methods = append(methods, jen.Id(o.name).Params(paramList(o, params)...).Params(results...))
	}
	comment(f, fmt.Sprintf("%s is the part of Server for the operations of the %s pages in this file.", of.server, strings.Join(of.key, "-")))
	f.Type().Id(of.server).Interface(methods...)
	f.Line()
}

// emitPermissions writes an operation's permissions beside its serve
// function, where a reviewer of a doc change sees them: one variable per
// distinct set its routes need.
func (e *emitter) emitPermissions(f *jen.File, o *operation) {
	for _, v := range o.perms {
		ps := v.set
		what := o.name
		if len(o.perms) > 1 {
			var paths []string
			for _, r := range o.routes {
				if r.perms == v {
					paths = append(paths, r.route.Path)
				}
			}
			what = fmt.Sprintf("%s through %s", o.name, strings.Join(paths, ", "))
		}
		comment(f, fmt.Sprintf("%s are the permissions %s requires: %s.", v.name, what, ps.describe()))
		values := jen.Dict{}
		if len(ps.delegated) > 0 {
			values[jen.Id("Delegated")] = setsLiteral(ps.delegated)
		}
		if len(ps.application) > 0 {
			values[jen.Id("Application")] = setsLiteral(ps.application)
		}
		if ps.undetermined {
			values[jen.Id("Undetermined")] = jen.True()
		}
		f.Var().Id(v.name).Op("=").Add(e.c("Permissions")).Values(values)
		f.Line()
	}
}

// setsLiteral is a [][]string literal of sets, one short line in the
// common case: [][]string{{"User.Read"}, {"User.ReadWrite"}}.
func setsLiteral(sets [][]string) *jen.Statement {
	return jen.Index().Index().String().ValuesFunc(func(g *jen.Group) {
		for _, set := range sets {
			g.ValuesFunc(func(g *jen.Group) {
				for _, s := range set {
					g.Lit(s)
				}
			})
		}
	})
}

// maxSignatureWidth is how wide a method's name and parameters may be on
// one line; a wider list is written one parameter a line, so that no
// signature runs past about 160 columns with its results.
const maxSignatureWidth = 100

// paramList lays out o's signature parameters: on one line, or one a line
// when they are wide.
func paramList(o *operation, params []jen.Code) []jen.Code {
	width := len(o.name) + len("(ctx context.Context)")
	if o.params != nil {
		width += len(", params ") + len(o.params.name)
	}
	if o.body != nil {
		width += len(", body *") + len(o.body.goType)
	}
	if o.result != nil {
		width += len(" (*Collection[], error)") + len(o.result.ref.name)
	}
	if width <= maxSignatureWidth {
		return params
	}
	return listOf(params)
}

// aliasesFile emits the root package's types.go: an alias of every type,
// interface, enumeration and action body of internal/core, with the
// enumerations' members, and of every operation's Params, so that users
// name them all in the root package.
func (e *emitter) aliasesFile() File {
	f := e.newFile(e.opts.DocsName)
	alias := func(doc, name string, target jen.Code) {
		comment(f, doc)
		f.Type().Id(name).Op("=").Add(target)
		f.Line()
	}
	for _, t := range e.api.Types {
		name := e.names.types[t.QualifiedName()]
		alias(fmt.Sprintf("%s is the %s type.", name, t.QualifiedName()), name, e.c(name))
		if poly, ok := e.names.values[t.QualifiedName()]; ok {
			alias(fmt.Sprintf("%s is a %s or a value of any type derived from it.", poly.iface, t.QualifiedName()), poly.iface, e.c(poly.iface))
		}
	}
	for _, en := range e.api.Enums {
		name := e.names.enums[en.QualifiedName()]
		alias(fmt.Sprintf("%s is the %s enumeration.", name, en.QualifiedName()), name, e.c(name))
		var consts []jen.Code
		for _, m := range en.Members {
			if c := e.names.members[m]; c != "" {
				consts = append(consts, jen.Id(c).Op("=").Add(e.c(c)))
			}
		}
		if len(consts) > 0 {
			f.Comment(fmt.Sprintf("The members of %s.", name))
			f.Const().Defs(consts...)
			f.Line()
		}
	}
	for _, a := range e.areas {
		for _, of := range a.files {
			for _, o := range of.ops {
				if o.params != nil {
					alias(fmt.Sprintf("%s are the parameters of %s.", o.params.name, o.name), o.params.name, jen.Qual(a.importPath(e.plan), o.params.name))
				}
				if o.body != nil && o.body.action {
					alias(fmt.Sprintf("%s is the parameter object %s takes.", o.body.goType, o.name), o.body.goType, e.c(o.body.goType))
				}
			}
		}
	}
	return e.render("types.go", e.opts.DocsName, f)
}
