package generator

import (
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
)

// operation is an operation's Go signature, worked out once for the server,
// the client and the tests.
type operation struct {
	op     *model.Operation
	name   string         // Go method name
	route  *model.Route   // the route whose parameters the method takes
	params []string       // Go names of the path parameters, in order
	body   *model.TypeRef // nil when the method takes no body
	result *model.TypeRef // nil when the answer has no body
	status int            // the documented success status
	routes []*model.Route // every route served by the method
}

func (g *gen) operation(op *model.Operation) *operation {
	o := &operation{op: op, name: g.names.ops[op], route: op.Routes[0], status: op.Response.Status}
	for _, seg := range o.route.Segments {
		if seg.Param != "" {
			o.params = append(o.params, g.names.params[seg])
		}
	}
	// Other routes are served by the same method when they take the same
	// number of path parameters.
	for _, rt := range op.Routes {
		if countParams(rt) == len(o.params) {
			o.routes = append(o.routes, rt)
		}
	}
	if op.Body != nil && op.Body.Type.Name != "" && !op.Body.Type.Collection {
		if _, ok := g.types[op.Body.Type.Name]; ok {
			o.body = &op.Body.Type
		}
	}
	if rt := op.Response.Type; rt != nil && !rt.Collection {
		if _, ok := g.types[rt.Name]; ok {
			o.result = rt
		}
	}
	return o
}

func countParams(rt *model.Route) int {
	n := 0
	for _, s := range rt.Segments {
		if s.Param != "" {
			n++
		}
	}
	return n
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
	for _, op := range g.api.Operations {
		key := pageFamily(op.Pos.File)
		grp, ok := byName[key]
		if !ok {
			grp = &group{name: key}
			byName[key] = grp
			groups = append(groups, grp)
		}
		grp.ops = append(grp.ops, g.operation(op))
	}
	return groups
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
	for _, p := range o.params {
		params = append(params, jen.Id(p).String())
	}
	if o.body != nil {
		params = append(params, jen.Id("body").Op("*").Id(g.names.types[o.body.Name]))
	}
	if o.result != nil {
		results = append(results, jen.Op("*").Id(g.names.types[o.result.Name]))
	}
	results = append(results, jen.Error())
	return params, results
}

// argNames are the names of the parameters signature declares, in order.
func (o *operation) argNames() []string {
	names := append([]string{"ctx"}, o.params...)
	if o.body != nil {
		names = append(names, "body")
	}
	return names
}

func (o *operation) summary() string {
	return fmt.Sprintf("%s %s", o.op.Method, o.route.Path)
}

// serverFile emits the Server interface, UnimplementedServer and the route
// table NewHandler serves.
func (g *gen) serverFile() File {
	f := g.newFile(g.opts.DocsName)
	var methods []jen.Code
	var routes []jen.Code
	var unimplemented []jen.Code
	for _, grp := range g.groups {
		for _, o := range grp.ops {
			params, results := g.signature(o)
			methods = append(methods,
				jen.Comment(fmt.Sprintf("%s handles %s: %s", o.name, o.summary(), oneLine(o.op.Doc))),
				jen.Comment(fmt.Sprintf("It answers %d %s. Documented at %s.", o.status, http.StatusText(o.status), o.op.Pos)),
				jen.Id(o.name).Params(params...).Params(results...),
			)
			for _, rt := range o.routes {
				routes = append(routes, jen.Values(
					jen.Qual("net/http", methodConst(o.op.Method)),
					jen.Lit(rt.Path),
					jen.Id("serve"+o.name),
				))
			}
			var ret []jen.Code
			if o.result != nil {
				ret = append(ret, jen.Nil())
			}
			ret = append(ret, jen.Id("errNotImplemented").Call(jen.Lit(o.name)))
			unimplemented = append(unimplemented,
				jen.Comment(o.name+" answers 501 Not Implemented."),
				jen.Func().Params(jen.Id("UnimplementedServer")).Id(o.name).Params(params...).Params(results...).Block(jen.Return(ret...)),
				jen.Line(),
			)
		}
	}
	f.Comment("Server is the API's behaviour, one method per documented operation. Embed")
	f.Comment("UnimplementedServer to implement only some of them; NewHandler serves it.")
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

// operationsFile emits, for one page family, each operation's handler
// function and Client method.
func (g *gen) operationsFile(grp *group) File {
	src := commonSource(grp.sources())
	f := g.newFile(src)
	for _, o := range grp.ops {
		g.emitServe(f, o)
		f.Line()
		g.emitClientMethod(f, o)
		f.Line()
	}
	return g.render(fileName(GoName(grp.name), "_operations"), src, f)
}

func (g *gen) emitServe(f *jen.File, o *operation) {
	args := []jen.Code{jen.Id("r").Dot("Context").Call()}
	for i := range o.params {
		args = append(args, jen.Id("params").Index(jen.Lit(i)))
	}
	var body []jen.Code
	if o.body != nil {
		body = append(body,
			jen.Var().Id("body").Id(g.names.types[o.body.Name]),
			jen.If(jen.Op("!").Id("h").Dot("readBody").Call(jen.Id("w"), jen.Id("r"), jen.Op("&").Id("body"))).Block(jen.Return()),
		)
		args = append(args, jen.Op("&").Id("body"))
	}
	call := jen.Id("h").Dot("srv").Dot(o.name).Call(args...)
	status := statusCode(o.status)
	if o.result != nil {
		body = append(body,
			jen.List(jen.Id("res"), jen.Id("err")).Op(":=").Add(call),
			jen.Id("reply").Call(jen.Id("h"), jen.Id("w"), jen.Id("r"), status, jen.Id("res"), jen.Id("err")),
		)
	} else {
		body = append(body, jen.Id("h").Dot("replyNoContent").Call(jen.Id("w"), jen.Id("r"), status, call))
	}
	f.Comment(fmt.Sprintf("serve%s serves %s.", o.name, o.summary()))
	f.Func().Id("serve"+o.name).Params(
		jen.Id("h").Op("*").Id("handler"),
		jen.Id("w").Qual("net/http", "ResponseWriter"),
		jen.Id("r").Op("*").Qual("net/http", "Request"),
		jen.Id("params").Index().String(),
	).Block(body...)
}

func (g *gen) emitClientMethod(f *jen.File, o *operation) {
	params, results := g.signature(o)
	var in jen.Code = jen.Nil()
	if o.body != nil {
		in = jen.Id("body")
	}
	pathExpr := g.clientPath(o)
	f.Comment(fmt.Sprintf("%s calls %s: %s", o.name, o.summary(), oneLine(o.op.Doc)))
	f.Comment(fmt.Sprintf("Documented at %s.", o.op.Pos))
	if o.result == nil {
		f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(o.name).Params(params...).Params(results...).Block(
			jen.Return(jen.Id("c").Dot("do").Call(jen.Id("ctx"), jen.Qual("net/http", methodConst(o.op.Method)), pathExpr, jen.Nil(), in, jen.Nil())),
		)
		return
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(o.name).Params(params...).Params(results...).Block(
		jen.Var().Id("out").Id(g.names.types[o.result.Name]),
		jen.If(
			jen.Err().Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), jen.Qual("net/http", methodConst(o.op.Method)), pathExpr, jen.Nil(), in, jen.Op("&").Id("out")),
			jen.Err().Op("!=").Nil(),
		).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id("out"), jen.Nil()),
	)
}

// clientPath builds the request path: literal segments as documented,
// parameters escaped.
func (g *gen) clientPath(o *operation) jen.Code {
	var parts []jen.Code
	lit := ""
	for _, seg := range o.route.Segments {
		if seg.Param == "" {
			lit += "/" + seg.Literal
			continue
		}
		parts = append(parts, jen.Lit(lit+"/"))
		lit = ""
		parts = append(parts, jen.Qual("net/url", "PathEscape").Call(jen.Id(g.names.params[seg])))
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
