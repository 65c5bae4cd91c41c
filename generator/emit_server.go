package generator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"
)

// serverFile emits the Server interface, made of one part per page family,
// UnimplementedServer and the route table NewHandler serves, joined from
// the operations files' parts.
func (e *emitter) serverFile() File {
	f := e.newFile(e.opts.DocsName)
	var parts []jen.Code
	for _, fam := range e.families {
		parts = append(parts, jen.Id(fam.server))
	}
	f.Comment("Server is the API's behaviour, one method per documented operation, in one")
	f.Comment("part for each family of doc pages. Embed UnimplementedServer to implement")
	f.Comment("only some of them, and give NewHandler a pointer: its methods have pointer")
	f.Comment("receivers, which spares the compiler a wrapper for each of them.")
	f.Type().Id("Server").Interface(parts...)
	f.Line()
	f.Comment("UnimplementedServer answers every operation with 501 Not Implemented.")
	f.Type().Id("UnimplementedServer").Struct()
	f.Line()
	var tables []jen.Code
	for _, of := range e.files {
		tables = append(tables, jen.Id(of.routes))
	}
	f.Comment("routes maps each documented route to the operation that serves it.")
	f.Var().Id("routes").Op("=").Qual("slices", "Concat").Types(jen.Index().Id("route")).Call(listOf(tables)...)
	return e.render("server.go", e.opts.DocsName, f)
}

// familyServerFile emits the part of Server of a family whose operations
// are split over several files.
func (e *emitter) familyServerFile(fam *family) File {
	var pages []string
	for _, o := range fam.ops {
		pages = append(pages, o.op.Pos.File)
	}
	src := commonSource(pages)
	f := e.newFile(src)
	e.emitServerPart(f, fam)
	return e.render(fam.file, src, f)
}

// emitServerPart writes a family's part of the Server interface.
func (e *emitter) emitServerPart(f *jen.File, fam *family) {
	var methods []jen.Code
	for _, o := range fam.ops {
		params, results := signature(o)
		methods = append(methods, comments(fmt.Sprintf("%s handles %s: %s\nIt answers %d %s. Permissions: %s. Documented at %s.",
			o.name, o.summary, oneLine(o.op.Doc), o.status, http.StatusText(o.status), describePermissions(o), o.op.Pos))...)
		methods = append(methods, jen.Id(o.name).Params(params...).Params(results...))
	}
	comment(f, fmt.Sprintf("%s is the part of Server for the operations of the %s pages.", fam.server, fam.key))
	f.Type().Id(fam.server).Interface(methods...)
	f.Line()
}

// describePermissions says what o's callers need, route by route when its
// routes differ.
func describePermissions(o *operation) string {
	if len(o.perms) == 1 {
		return o.perms[0].set.describe()
	}
	var parts []string
	for _, r := range o.routes {
		parts = append(parts, fmt.Sprintf("%s: %s", r.route.Path, r.perms.set.describe()))
	}
	return strings.Join(parts, "; ")
}

// emitPermissions writes an operation's permissions beside its serve
// function, where a reviewer of a doc change sees them.
func emitPermissions(f *jen.File, o *operation) {
	for _, v := range o.perms {
		ps := v.set
		comment(f, fmt.Sprintf("%s are the permissions %s requires: %s.", v.name, o.name, ps.describe()))
		values := jen.Dict{}
		if len(ps.delegated) > 0 {
			values[jen.Id("delegated")] = stringSlice(ps.delegated)
		}
		if len(ps.application) > 0 {
			values[jen.Id("application")] = stringSlice(ps.application)
		}
		if ps.undetermined {
			values[jen.Id("undetermined")] = jen.True()
		}
		f.Var().Id(v.name).Op("=").Id("permissions").Values(values)
		f.Line()
	}
}

// stringSlice is a []string literal of ss.
func stringSlice(ss []string) *jen.Statement {
	return jen.Index().String().ValuesFunc(func(g *jen.Group) {
		for _, s := range ss {
			g.Lit(s)
		}
	})
}
