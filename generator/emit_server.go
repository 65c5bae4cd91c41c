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

// describePermissions says what o's routes need, for the Server method's
// comment.
func describePermissions(o *operation) string {
	if len(o.perms) == 1 {
		return o.perms[0].set.describe()
	}
	var parts []string
	for _, v := range o.perms {
		n := 0
		first := ""
		for _, r := range o.routes {
			if r.perms == v {
				if n == 0 {
					first = r.route.Path
				}
				n++
			}
		}
		where := first
		if n > 1 {
			where = fmt.Sprintf("%s and %d more", first, n-1)
		}
		lead := "for"
		if len(parts) > 0 {
			lead = "For"
		}
		parts = append(parts, fmt.Sprintf("%s %s, %s", lead, where, v.set.describe()))
	}
	return strings.Join(parts, ". ")
}

// emitPermissions writes an operation's permissions beside its serve
// function, where a reviewer of a doc change sees them: one variable per
// distinct set its routes need.
func emitPermissions(f *jen.File, o *operation) {
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
			values[jen.Id("delegated")] = setsLiteral(ps.delegated)
		}
		if len(ps.application) > 0 {
			values[jen.Id("application")] = setsLiteral(ps.application)
		}
		if ps.undetermined {
			values[jen.Id("undetermined")] = jen.True()
		}
		f.Var().Id(v.name).Op("=").Id("permissions").Values(values)
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
