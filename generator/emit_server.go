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
	for _, of := range e.files {
		parts = append(parts, jen.Id(of.server))
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

// valueList lays out the values of a codec's composite literal for the Go
// type named elem ({out, readValue[T], writeValue[T]}), which stands inside
// a call: one a line when the type's name is long.
func valueList(elem string, values []jen.Code) []jen.Code {
	if len(elem) <= 16 {
		return values
	}
	return listOf(values)
}
