package generator

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
)

// fakeServerFile emits fakeServer, a Server whose methods call function
// fields, for the example tests to plug each example's answer into.
func (g *gen) fakeServerFile() File {
	f := g.newFile(g.opts.DocsName)
	var fields []jen.Code
	var methods []jen.Code
	for _, grp := range g.groups {
		for _, o := range grp.ops {
			params, results := g.signature(o)
			field := lowerName(o.name)
			fields = append(fields, jen.Id(field).Func().Params(params...).Params(results...))
			var args []jen.Code
			for _, a := range o.argNames() {
				args = append(args, jen.Id(a))
			}
			methods = append(methods,
				jen.Func().Params(jen.Id("f").Op("*").Id("fakeServer")).Id(o.name).Params(params...).Params(results...).Block(
					jen.If(jen.Id("f").Dot(field).Op("==").Nil()).Block(
						jen.Return(jen.Id("f").Dot("UnimplementedServer").Dot(o.name).Call(args...)),
					),
					jen.Return(jen.Id("f").Dot(field).Call(args...)),
				),
				jen.Line(),
			)
		}
	}
	f.Comment("fakeServer is a Server whose methods call its function fields; a nil")
	f.Comment("field answers 501 as UnimplementedServer does.")
	f.Type().Id("fakeServer").Struct(append([]jen.Code{jen.Id("UnimplementedServer")}, fields...)...)
	f.Line()
	for _, m := range methods {
		f.Add(m)
	}
	return g.render("fake_server_test.go", g.opts.DocsName, f)
}

// examplesFile emits a test for each example of a page family's
// operations. ok is false when none of them yields a test.
func (g *gen) examplesFile(grp *group) (File, bool) {
	src := commonSource(grp.sources())
	f := g.newFile(src)
	n := 0
	for _, o := range grp.ops {
		for _, ex := range o.op.Examples {
			if g.emitExampleTest(f, o, ex) {
				n++
			}
		}
	}
	if n == 0 {
		return File{}, false
	}
	return g.render(fileName(GoName(grp.name), "_examples_test"), src, f), true
}

// emitExampleTest writes one example's test: its request and response
// bodies round-trip through the generated types, and the client, calling
// the handler over loopback, sends the request and gets the documented
// status and response.
func (g *gen) emitExampleTest(f *jen.File, o *operation, ex *model.Example) bool {
	var reqBody, respBody string
	if o.body != nil && ex.Request.Body != "" {
		if !json.Valid([]byte(ex.Request.Body)) {
			g.diags.Warnf(ex.Request.Pos, "example-json", "request body of example %q is not valid JSON; the example is not tested", ex.Name)
			return false
		}
		reqBody = ex.Request.Body
	}
	if ex.Response == nil {
		return false
	}
	if o.result != nil && ex.Response.Body != "" {
		if !json.Valid([]byte(ex.Response.Body)) {
			g.diags.Warnf(ex.Response.Pos, "example-json", "response body of example %q is not valid JSON; the example is not tested", ex.Name)
			return false
		}
		respBody = ex.Response.Body
	}
	name := "Test" + g.names.examples[ex]
	var stmts []jen.Code
	if reqBody != "" {
		stmts = append(stmts, jen.Const().Id("request").Op("=").Add(rawString(reqBody)))
	}
	if respBody != "" {
		stmts = append(stmts, jen.Const().Id("response").Op("=").Add(rawString(respBody)))
	}
	if reqBody != "" {
		stmts = append(stmts, subtest("request round trip",
			jen.Id("exampleRoundTrip").Types(jen.Id(g.names.types[o.body.Name])).Call(jen.Id("t"), jen.Id("request")),
		))
	}
	if respBody != "" {
		stmts = append(stmts, subtest("response round trip",
			jen.Id("exampleRoundTrip").Types(jen.Id(g.names.types[o.result.Name])).Call(jen.Id("t"), jen.Id("response")),
		))
	}
	stmts = append(stmts, subtest("client and handler", g.clientHandlerTest(o, ex, reqBody, respBody)...))
	f.Comment(fmt.Sprintf("%s checks example %q, documented at %s.", name, ex.Name, ex.Pos))
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(stmts...)
	f.Line()
	return true
}

// clientHandlerTest calls the operation through the Client against the
// handler, with a fake Server that checks the request and answers the
// documented response.
func (g *gen) clientHandlerTest(o *operation, ex *model.Example, reqBody, respBody string) []jen.Code {
	params, results := g.signature(o)
	var stmts []jen.Code
	var fakeBody []jen.Code
	values := exampleParams(o.route, ex.Request.Path)
	for i, p := range o.params {
		fakeBody = append(fakeBody, jen.If(jen.Id(p).Op("!=").Lit(values[i])).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("path parameter "+p+" = %q, want %q"), jen.Id(p), jen.Lit(values[i])),
		))
	}
	if o.body != nil {
		stmts = append(stmts, jen.Var().Id("in").Id(g.names.types[o.body.Name]))
		if reqBody != "" {
			stmts = append(stmts, jen.Id("mustDecode").Call(jen.Id("t"), jen.Id("request"), jen.Op("&").Id("in")))
			fakeBody = append(fakeBody, jen.Id("checkJSON").Call(jen.Id("t"), jen.Lit("the request body the server received"), jen.Id("request"), jen.Id("body")))
		}
	}
	if o.result != nil {
		stmts = append(stmts, jen.Var().Id("out").Id(g.names.types[o.result.Name]))
		if respBody != "" {
			stmts = append(stmts, jen.Id("mustDecode").Call(jen.Id("t"), jen.Id("response"), jen.Op("&").Id("out")))
		}
		fakeBody = append(fakeBody, jen.Return(jen.Op("&").Id("out"), jen.Nil()))
	} else {
		fakeBody = append(fakeBody, jen.Return(jen.Nil()))
	}
	stmts = append(stmts, jen.List(jen.Id("c"), jen.Id("status")).Op(":=").Id("exampleClient").Call(
		jen.Id("t"),
		jen.Op("&").Id("fakeServer").Values(jen.Dict{
			jen.Id(lowerName(o.name)): jen.Func().Params(params...).Params(results...).Block(fakeBody...),
		}),
	))
	args := []jen.Code{jen.Qual("context", "Background").Call()}
	for _, v := range values {
		args = append(args, jen.Lit(v))
	}
	if o.body != nil {
		args = append(args, jen.Op("&").Id("in"))
	}
	call := jen.Id("c").Dot(o.name).Call(args...)
	switch {
	case o.result != nil && respBody != "":
		stmts = append(stmts, jen.List(jen.Id("got"), jen.Err()).Op(":=").Add(call))
	case o.result != nil:
		stmts = append(stmts, jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call))
	default:
		stmts = append(stmts, jen.Err().Op(":=").Add(call))
	}
	stmts = append(stmts,
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
		jen.Id("checkStatus").Call(jen.Id("t"), jen.Id("status"), jen.Lit(ex.Response.Status)),
	)
	if o.result != nil && respBody != "" {
		stmts = append(stmts, jen.Id("checkJSON").Call(jen.Id("t"), jen.Lit("the response body the client received"), jen.Id("response"), jen.Id("got")))
	}
	return stmts
}

// exampleParams takes the path parameter values from an example's URL,
// matching it segment by segment against the route; a value the URL does
// not show is a placeholder.
func exampleParams(rt *model.Route, examplePath string) []string {
	segs := strings.Split(strings.Trim(examplePath, "/"), "/")
	var out []string
	for i, s := range rt.Segments {
		if s.Param == "" {
			continue
		}
		v := "example-" + s.Param
		if i < len(segs) && segs[i] != "" {
			if u, err := url.PathUnescape(segs[i]); err == nil {
				v = u
			}
		}
		out = append(out, v)
	}
	return out
}

func subtest(name string, body ...jen.Code) jen.Code {
	return jen.Id("t").Dot("Run").Call(jen.Lit(name), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...))
}

// rawString writes s as a raw string literal when it can, so that example
// JSON reads as it does in the docs.
func rawString(s string) jen.Code {
	if strings.ContainsAny(s, "`\r") {
		return jen.Lit(s)
	}
	return jen.Id("`" + s + "`")
}
