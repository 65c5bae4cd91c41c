package generator

import (
	"fmt"
	"path"
	"strings"

	"github.com/dave/jennifer/jen"
)

// examplesFile emits the tests of one operations file's examples, with
// their part of the fake server. ok is false when it has none.
func (e *emitter) examplesFile(of *opsFile) (File, bool) {
	if len(of.tests) == 0 {
		return File{}, false
	}
	src := commonSource(of.sources())
	f := e.areaFileOf(of.area, src)
	e.emitFakePart(f, of)
	for _, t := range of.tests {
		e.emitExampleTest(f, t)
	}
	return e.render(path.Join(of.area.dir, of.testFile), src, f), true
}

// fakeServerFile emits fakeServer, the Server the example tests call. Its
// methods for the operations the tests call are declared beside the
// tests, with the function fields they call in a part of fakeServer for
// each file; UnimplementedServer answers the rest.
//
// The shape is for the compiler's sake: methods declared on fakeServer
// itself are found at once, and fakeServer becomes a Server in one place
// (server), not at each of a thousand tests, where the type checker would
// search every embedded part for each of thousands of methods. A fake for
// each file, each embedding UnimplementedServer, would instead make the
// compiler write a wrapper of every operation for each of them.
//
// Each area has its own, with a helper that serves it on the area's routes.
// ok is false when the area's tests call no operation.
func (e *emitter) fakeServerFile(a *area) (File, bool) {
	f := e.areaFileOf(a, e.opts.DocsName)
	fields := []jen.Code{jen.Id("Unimplemented" + a.goName + "Server")}
	for _, of := range a.files {
		if of.hasFake() {
			fields = append(fields, jen.Id(of.fake))
		}
	}
	if len(fields) == 1 {
		return File{}, false
	}
	f.Comment("fakeServer is the Server of the example tests: a test sets the function")
	f.Comment("field of the operation it calls; a nil field, like every other operation,")
	f.Comment("answers 501 as UnimplementedServer does.")
	f.Type().Id("fakeServer").Struct(fields...)
	f.Line()
	f.Comment("server is f as the Server the handler serves.")
	f.Func().Params(jen.Id("f").Op("*").Id("fakeServer")).Id("server").Params().Id("Server").Block(jen.Return(jen.Id("f")))
	f.Line()
	f.Comment("exampleClient serves s on this package's routes over loopback, and returns")
	f.Comment("a Client for it and the status of the handler's latest answer.")
	f.Func().Id("exampleClient").Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("s").Id("Server")).Params(jen.Op("*").Id(a.goName+"Client"), jen.Op("*").Qual("sync/atomic", "Int32")).Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.List(jen.Id("c"), jen.Id("status")).Op(":=").Add(e.ct("ExampleClient")).Call(jen.Id("t"), jen.Id("s"), jen.Id("Routes")),
		jen.Return(jen.Op("&").Id(a.goName+"Client").Values(jen.Dict{jen.Id("core"): jen.Id("c")}), jen.Id("status")),
	)
	return e.render(path.Join(a.dir, "fake_server_test.go"), e.opts.DocsName, f), true
}

// emitFakePart writes the function fields of fakeServer for the operations
// an operations file's example tests call, and the methods that call them.
func (e *emitter) emitFakePart(f *jen.File, of *opsFile) {
	if !of.hasFake() {
		return
	}
	var fields, methods []jen.Code
	for _, o := range of.ops {
		if !o.fakeCalled {
			continue
		}
		params, results := signature(o)
		fields = append(fields, jen.Id(o.fake).Func().Params(paramList(o, params)...).Params(results...))
		var args []jen.Code
		for _, a := range o.argNames() {
			args = append(args, jen.Id(a))
		}
		methods = append(methods,
			jen.Func().Params(jen.Id("f").Op("*").Id("fakeServer")).Id(o.name).Params(paramList(o, params)...).Params(results...).Block(
				jen.If(jen.Id("f").Dot(o.fake).Op("==").Nil()).Block(jen.Return(unimplemented(o)...)),
				jen.Return(jen.Id("f").Dot(o.fake).Call(args...)),
			),
			jen.Line(),
		)
	}
	f.Comment(of.fake + " is the part of fakeServer for the operations of this file.")
	f.Type().Id(of.fake).Struct(fields...)
	f.Line()
	for _, m := range methods {
		f.Add(m)
	}
}

// emitExampleTest writes one example's test, as planTest decided it.
func (e *emitter) emitExampleTest(f *jen.File, t *exampleTest) {
	o, ex := t.o, t.ex
	var stmts []jen.Code
	if t.req.json != "" {
		stmts = append(stmts, jen.Const().Id("request").Op("=").Add(rawString(t.req.json)))
	}
	if t.resp.json != "" {
		stmts = append(stmts, jen.Const().Id("response").Op("=").Add(rawString(t.resp.json)))
	}
	if t.stream != "" {
		stmts = append(stmts, jen.Const().Id("response").Op("=").Add(rawString(t.stream)))
	}
	if t.req.json != "" {
		var asResult *resultShape
		if o.body.poly != nil {
			asResult = &resultShape{elem: o.body.typ(), ref: *o.body.poly}
		}
		stmts = append(stmts, subtest("request body", e.bodyCheck(o.body.typ(), asResult, t.req, "request")...))
	}
	if t.resp.json != "" {
		stmts = append(stmts, subtest("response body", e.bodyCheck(o.result.goType(), o.result, t.resp, "response")...))
	}
	if t.clientCall {
		stmts = append(stmts, subtest("client and handler", e.clientHandlerTest(t)...))
	}
	comment(f, fmt.Sprintf("%s checks example %q, documented at %s.", t.name, ex.Name, ex.Pos))
	f.Func().Id(t.name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(stmts...)
	f.Line()
}

// bodyCheck checks one documented body against its Go type.
func (e *emitter) bodyCheck(goType *jen.Statement, result *resultShape, body exampleBody, constName string) []jen.Code {
	strict := jen.Lit(body.strict)
	if result != nil && (result.collection || result.poly() || result.scalar()) {
		v := jen.Id("v")
		var stmts []jen.Code
		if result.poly() || result.scalar() {
			stmts = append(stmts,
				jen.Var().Id("out").Add(goType),
				jen.Id("v").Op(":=").Add(e.codecValue(result, jen.Op("&").Id("out"))))
		} else {
			stmts = append(stmts, jen.Id("v").Op(":=").Add(e.codecValue(result, jen.Op("&").Add(goType).Values())))
		}
		if body.shape {
			return append(stmts, e.ct("ExampleShape").Call(jen.Id("t"), jen.Id(constName), v, strict))
		}
		return append(stmts, e.ct("ExampleRoundTripCodec").Call(jen.Id("t"), jen.Id(constName), v, strict))
	}
	if body.shape {
		return []jen.Code{e.ct("ExampleShape").Call(jen.Id("t"), jen.Id(constName), jen.Op("&").Add(goType).Values(), strict)}
	}
	return []jen.Code{e.ct("ExampleRoundTrip").Types(goType).Call(jen.Id("t"), jen.Id(constName), strict)}
}

// codecValue wraps a *Collection, or a pointer to an interface-held or
// scalar result, in its codec.
func (e *emitter) codecValue(result *resultShape, ptr jen.Code) jen.Code {
	if result.poly() {
		return e.valueCodec(result.elem.Clone(), ptr, result.ref)
	}
	if result.scalar() {
		read, write := result.itemCodecs()
		return e.c("ScalarCodec").Types(result.elem.Clone()).Values(jen.Dict{jen.Id("V"): ptr, jen.Id("Read"): read, jen.Id("Write"): write})
	}
	return e.c("PageCodec").Call(ptr, jen.Op("&").Add(e.c(itemsVar(result.ref))))
}

// valueCodec wraps a pointer to a value held by a base type's interface
// in its codec.
func (e *emitter) valueCodec(typ *jen.Statement, ptr jen.Code, ref goRef) jen.Code {
	return e.c("ValueCodec").Types(typ).Values(jen.Dict{jen.Id("V"): ptr, jen.Id("Read"): ref.readFunc(), jen.Id("Write"): ref.writeFunc()})
}

// clientHandlerTest calls the operation through the Client against the
// handler, with a fake Server that checks what it receives and answers the
// documented response.
func (e *emitter) clientHandlerTest(t *exampleTest) []jen.Code {
	o, req, resp := t.o, t.req, t.resp
	params, results := signature(o)
	var stmts, fake []jen.Code
	route, values := t.route, t.values
	decode := func(body exampleBody, constName string, target jen.Code) jen.Code {
		fn := "MustDecode"
		if body.shape {
			fn = "MustDecodeShape"
		}
		return e.ct(fn).Call(jen.Id("t"), jen.Id(constName), target)
	}
	var args = []jen.Code{jen.Qual("context", "Background").Call()}
	if o.params != nil {
		lit := jen.Dict{jen.Id("Route"): jen.Lit(route.route.Path)}
		fake = append(fake, jen.If(jen.Id("params").Dot("Route").Op("!=").Lit(route.route.Path)).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("the handler matched route %q, want %q"), jen.Id("params").Dot("Route"), jen.Lit(route.route.Path)),
		))
		for i, pf := range route.fields {
			lit[jen.Id(pf.field)] = jen.Lit(values[i])
			fake = append(fake, jen.If(jen.Id("params").Dot(pf.field).Op("!=").Lit(values[i])).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit(pf.field+" = %q, want %q"), jen.Id("params").Dot(pf.field), jen.Lit(values[i])),
			))
		}
		args = append(args, jen.Id(o.params.name).Values(lit))
	}
	if o.body != nil && o.body.poly != nil {
		stmts = append(stmts, jen.Var().Id("in").Add(o.body.typ()).Op("=").Op("&").Add(e.c(o.body.poly.base)).Values())
		if req.json != "" {
			stmts = append(stmts, decode(req, "request", e.valueCodec(o.body.typ(), jen.Op("&").Id("in"), *o.body.poly)))
			if !req.shape {
				fake = append(fake, e.ct("CheckJSON").Call(jen.Id("t"), jen.Lit("the request body the server received"), jen.Id("request"), jen.Id("body")))
			}
		}
		args = append(args, jen.Id("in"))
	} else if o.body != nil {
		stmts = append(stmts, jen.Var().Id("in").Add(o.body.typ()))
		if req.json != "" {
			stmts = append(stmts, decode(req, "request", jen.Op("&").Id("in")))
			if !req.shape {
				fake = append(fake, e.ct("CheckJSON").Call(jen.Id("t"), jen.Lit("the request body the server received"), jen.Id("request"), jen.Id("body")))
			}
		}
		args = append(args, jen.Op("&").Id("in"))
	}
	switch {
	case o.result == nil:
		fake = append(fake, jen.Return(jen.Nil()))
	case o.result.stream:
		content := jen.Code(jen.Lit(""))
		if t.stream != "" {
			content = jen.Id("response")
		}
		fake = append(fake, jen.Return(e.ct("ExampleStream").Call(content), jen.Nil()))
	case o.result.poly():
		stmts = append(stmts, jen.Var().Id("out").Add(o.result.goType()).Op("=").Op("&").Add(e.c(o.result.ref.base)).Values())
		if resp.json != "" {
			stmts = append(stmts, decode(resp, "response", e.codecValue(o.result, jen.Op("&").Id("out"))))
		}
		fake = append(fake, jen.Return(jen.Id("out"), jen.Nil()))
	case o.result.collection:
		stmts = append(stmts, jen.Id("out").Op(":=").Op("&").Add(o.result.goType()).Values())
		if resp.json != "" {
			stmts = append(stmts, decode(resp, "response", e.codecValue(o.result, jen.Id("out"))))
		}
		fake = append(fake, jen.Return(jen.Id("out"), jen.Nil()))
	case o.result.scalar():
		stmts = append(stmts, jen.Var().Id("out").Add(o.result.goType()))
		if resp.json != "" {
			stmts = append(stmts, decode(resp, "response", e.codecValue(o.result, jen.Op("&").Id("out"))))
		}
		fake = append(fake, jen.Return(jen.Id("out"), jen.Nil()))
	default:
		stmts = append(stmts, jen.Id("out").Op(":=").Op("&").Add(o.result.goType()).Values())
		if resp.json != "" {
			stmts = append(stmts, decode(resp, "response", jen.Id("out")))
		}
		fake = append(fake, jen.Return(jen.Id("out"), jen.Nil()))
	}
	stmts = append(stmts, jen.List(jen.Id("c"), jen.Id("status")).Op(":=").Id("exampleClient").Call(
		jen.Id("t"),
		jen.Parens(jen.Op("&").Id("fakeServer").Values(jen.Dict{
			jen.Id(t.file.fake): jen.Id(t.file.fake).Values(jen.Dict{
				jen.Id(o.fake): jen.Func().Params(paramList(o, params)...).Params(results...).Block(fake...),
			}),
		})).Dot("server").Call(),
	))
	call := jen.Id("c").Dot(o.name).Call(args...)
	compare := o.result != nil && ((resp.json != "" && !resp.shape) || o.result.stream)
	switch {
	case compare:
		stmts = append(stmts, jen.List(jen.Id("got"), jen.Err()).Op(":=").Add(call))
	case o.result != nil:
		stmts = append(stmts, jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call))
	default:
		stmts = append(stmts, jen.Err().Op(":=").Add(call))
	}
	stmts = append(stmts,
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
		e.ct("CheckStatus").Call(jen.Id("t"), jen.Id("status"), jen.Lit(o.status)),
	)
	if compare && o.result.stream {
		content := jen.Code(jen.Lit(""))
		if t.stream != "" {
			content = jen.Id("response")
		}
		stmts = append(stmts, e.ct("CheckStream").Call(jen.Id("t"), jen.Id("got"), content))
	} else if compare {
		got := jen.Code(jen.Id("got"))
		switch {
		case o.result.poly() || o.result.scalar():
			got = e.codecValue(o.result, jen.Op("&").Id("got"))
		case o.result.collection:
			got = e.codecValue(o.result, jen.Id("got"))
		}
		stmts = append(stmts, e.ct("CheckJSON").Call(jen.Id("t"), jen.Lit("the response body the client received"), jen.Id("response"), got))
	}
	return stmts
}

// subtest wraps statements in t.Run.
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
