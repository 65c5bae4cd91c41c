package generator

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
)

// Skip reasons for examples that do not become tests, as counted in Stats.
const (
	skipNoResponse    = "no response example"
	skipRequestJSON   = "request body is not JSON"
	skipResponseJSON  = "response body is not JSON"
	skipNoOperation   = "its operation is not generated"
	skipNothingToTest = "nothing to check: no typed body and no documented status"
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
		for _, ex := range o.examples {
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

// exampleBody is one documented body prepared for a test.
type exampleBody struct {
	json        string
	placeholder bool // shows types, not values
	shape       bool // checked by shape only: placeholders, or values of the wrong kind
	strict      bool // every property is documented: the handler would accept it
}

// fitTo settles how a body is checked from how it fits its types, and
// reports a body that does not fit.
func (g *gen) fitTo(b *exampleBody, fit *exampleFit, pos model.Pos, what, name, typeName string) {
	b.strict = len(fit.unknown) == 0
	b.shape = b.placeholder || len(fit.mismatch) > 0
	if len(fit.unknown) > 0 || (len(fit.mismatch) > 0 && !b.placeholder) {
		check := "checks the rest by value"
		if b.shape {
			check = "checks names and nesting only"
		}
		g.diags.Warnf(pos, "example-schema", "%s body of example %q does not fit %s: %s; its test %s", what, name, typeName, fit.describe(), check)
	}
}

// checkBody decides how a documented body is tested; ok is false when it
// is not JSON, which is reported.
func (g *gen) checkBody(body string, pos model.Pos, what, name string) (exampleBody, bool) {
	trimmed := strings.TrimSpace(body)
	if trimmed == "" {
		return exampleBody{}, true
	}
	if !json.Valid([]byte(trimmed)) {
		g.diags.Warnf(pos, "example-json", "%s body of example %q is not valid JSON (%s); the example is not tested", what, name, jsonProblem(trimmed))
		return exampleBody{}, false
	}
	return exampleBody{json: trimmed, placeholder: isPlaceholderBody(trimmed), strict: true}, true
}

func jsonProblem(s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return err.Error()
	}
	return "unknown problem"
}

// emitExampleTest writes one example's test: the documented bodies decode
// into the generated types and encode back to the same JSON (or, for bodies
// that show types, fit them by shape), and the client, calling the handler
// over loopback, sends the request and gets the documented answer.
func (g *gen) emitExampleTest(f *jen.File, o *operation, ex *model.Example) bool {
	g.stats.Examples++
	if ex.Response == nil {
		g.stats.skip(skipNoResponse)
		return false
	}
	var req, resp exampleBody
	var ok bool
	if o.body != nil {
		if req, ok = g.checkBody(ex.Request.Body, ex.Request.Pos, "request", ex.Name); !ok {
			g.stats.skip(skipRequestJSON)
			return false
		}
	}
	if o.result != nil {
		if resp, ok = g.checkBody(ex.Response.Body, ex.Response.Pos, "response", ex.Name); !ok {
			g.stats.skip(skipResponseJSON)
			return false
		}
	}
	if req.json != "" {
		if o.body.action {
			g.fitTo(&req, g.fitAction(req.json, o.op), ex.Request.Pos, "request", ex.Name, "the parameters of "+o.name)
		} else {
			g.fitTo(&req, g.fitBody(req.json, o.op.Body.Type, false), ex.Request.Pos, "request", ex.Name, o.op.Body.Type.Name)
		}
	}
	if resp.json != "" {
		rt := *o.op.Response.Type
		g.fitTo(&resp, g.fitBody(resp.json, rt, rt.Collection), ex.Response.Pos, "response", ex.Name, rt.String())
	}
	if ex.Response.Status != o.status {
		g.diags.Warnf(ex.Response.Pos, "example-status", "example %q answers %d but the Response section says %d; the test expects %d", ex.Name, ex.Response.Status, o.status, o.status)
	}
	name := "Test" + g.names.examples[ex]
	var stmts []jen.Code
	if req.json != "" {
		stmts = append(stmts, jen.Const().Id("request").Op("=").Add(rawString(req.json)))
	}
	if resp.json != "" {
		stmts = append(stmts, jen.Const().Id("response").Op("=").Add(rawString(resp.json)))
	}
	if req.json != "" {
		var asResult *resultShape
		if o.body.poly != nil {
			asResult = &resultShape{elem: jen.Id(o.body.goType), ref: *o.body.poly}
		}
		stmts = append(stmts, subtest("request body", g.bodyCheck(jen.Id(o.body.goType), asResult, req, "request")...))
	}
	if resp.json != "" {
		stmts = append(stmts, subtest("response body", g.bodyCheck(o.result.goType(), o.result, resp, "response")...))
	}
	// The handler rejects what its types do not define, so a request body
	// that does not fit cannot go through it.
	if req.json == "" || (req.strict && (!req.shape || req.placeholder)) {
		stmts = append(stmts, subtest("client and handler", g.clientHandlerTest(o, ex, req, resp)...))
	} else {
		g.stats.NoClientTest++
	}
	f.Comment(fmt.Sprintf("%s checks example %q, documented at %s.", name, ex.Name, ex.Pos))
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(stmts...)
	f.Line()
	g.stats.Tests++
	if req.shape || resp.shape {
		g.stats.ShapeOnly++
	}
	return true
}

// bodyCheck checks one documented body against its Go type.
func (g *gen) bodyCheck(goType *jen.Statement, result *resultShape, body exampleBody, constName string) []jen.Code {
	strict := jen.Lit(body.strict)
	if result != nil && (result.collection || result.poly()) {
		v := jen.Id("v")
		var stmts []jen.Code
		if result.poly() {
			stmts = append(stmts,
				jen.Var().Id("out").Add(goType),
				jen.Id("v").Op(":=").Add(g.codecValue(result, jen.Op("&").Id("out"))))
		} else {
			stmts = append(stmts, jen.Id("v").Op(":=").Add(g.codecValue(result, jen.Op("&").Add(goType).Values())))
		}
		if body.shape {
			return append(stmts, jen.Id("exampleShape").Call(jen.Id("t"), jen.Id(constName), v, strict))
		}
		return append(stmts, jen.Id("exampleRoundTripCodec").Call(jen.Id("t"), jen.Id(constName), v, strict))
	}
	if body.shape {
		return []jen.Code{jen.Id("exampleShape").Call(jen.Id("t"), jen.Id(constName), jen.Op("&").Add(goType).Values(), strict)}
	}
	return []jen.Code{jen.Id("exampleRoundTrip").Types(goType).Call(jen.Id("t"), jen.Id(constName), strict)}
}

// codecValue wraps a *Collection, or a pointer to an interface-held
// result, in its codec.
func (g *gen) codecValue(result *resultShape, ptr jen.Code) jen.Code {
	read, write := result.itemCodecs()
	if result.poly() {
		return jen.Id("valueCodec").Types(result.elem.Clone()).Values(ptr, read, write)
	}
	return jen.Id("collectionCodec").Types(result.elem.Clone()).Values(ptr, read, write)
}

// clientHandlerTest calls the operation through the Client against the
// handler, with a fake Server that checks what it receives and answers the
// documented response.
func (g *gen) clientHandlerTest(o *operation, ex *model.Example, req, resp exampleBody) []jen.Code {
	params, results := g.signature(o)
	var stmts, fake []jen.Code
	route, values := g.exampleRoute(o, ex)
	decode := func(body exampleBody, constName string, target jen.Code) jen.Code {
		fn := "mustDecode"
		if body.shape {
			fn = "mustDecodeShape"
		}
		return jen.Id(fn).Call(jen.Id("t"), jen.Id(constName), target)
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
		stmts = append(stmts, jen.Var().Id("in").Id(o.body.goType).Op("=").Op("&").Id(o.body.poly.base).Values())
		if req.json != "" {
			stmts = append(stmts, decode(req, "request", jen.Id("valueCodec").Types(jen.Id(o.body.goType)).Values(jen.Op("&").Id("in"), o.body.poly.readFunc(), o.body.poly.writeFunc())))
			if !req.shape {
				fake = append(fake, jen.Id("checkJSON").Call(jen.Id("t"), jen.Lit("the request body the server received"), jen.Id("request"), jen.Id("body")))
			}
		}
		args = append(args, jen.Id("in"))
	} else if o.body != nil {
		stmts = append(stmts, jen.Var().Id("in").Id(o.body.goType))
		if req.json != "" {
			stmts = append(stmts, decode(req, "request", jen.Op("&").Id("in")))
			if !req.shape {
				fake = append(fake, jen.Id("checkJSON").Call(jen.Id("t"), jen.Lit("the request body the server received"), jen.Id("request"), jen.Id("body")))
			}
		}
		args = append(args, jen.Op("&").Id("in"))
	}
	switch {
	case o.result == nil:
		fake = append(fake, jen.Return(jen.Nil()))
	case o.result.poly():
		stmts = append(stmts, jen.Var().Id("out").Add(o.result.goType()).Op("=").Op("&").Id(o.result.ref.base).Values())
		if resp.json != "" {
			stmts = append(stmts, decode(resp, "response", g.codecValue(o.result, jen.Op("&").Id("out"))))
		}
		fake = append(fake, jen.Return(jen.Id("out"), jen.Nil()))
	case o.result.collection:
		stmts = append(stmts, jen.Id("out").Op(":=").Op("&").Add(o.result.goType()).Values())
		if resp.json != "" {
			stmts = append(stmts, decode(resp, "response", g.codecValue(o.result, jen.Id("out"))))
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
		jen.Op("&").Id("fakeServer").Values(jen.Dict{
			jen.Id(lowerName(o.name)): jen.Func().Params(params...).Params(results...).Block(fake...),
		}),
	))
	call := jen.Id("c").Dot(o.name).Call(args...)
	compare := o.result != nil && resp.json != "" && !resp.shape
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
		jen.Id("checkStatus").Call(jen.Id("t"), jen.Id("status"), jen.Lit(o.status)),
	)
	if compare {
		got := jen.Code(jen.Id("got"))
		switch {
		case o.result.poly():
			got = g.codecValue(o.result, jen.Op("&").Id("got"))
		case o.result.collection:
			got = g.codecValue(o.result, jen.Id("got"))
		}
		stmts = append(stmts, jen.Id("checkJSON").Call(jen.Id("t"), jen.Lit("the response body the client received"), jen.Id("response"), got))
	}
	return stmts
}

// exampleRoute finds the route an example's URL takes and its parameter
// values. A URL that matches no route is reported; the test then uses the
// first route with placeholder values.
func (g *gen) exampleRoute(o *operation, ex *model.Example) (*opRoute, []string) {
	var best *opRoute
	var bestValues []string
	for _, r := range o.routes {
		if values, ok := matchRoute(r.route, ex.Request.Path); ok && (best == nil || outranks(r.route, best.route)) {
			best, bestValues = r, values
		}
	}
	if best != nil {
		return best, bestValues
	}
	if o.params != nil && len(o.params.path) > 0 {
		g.diags.Warnf(ex.Request.Pos, "example-route", "example %q calls %s, which matches none of the operation's routes; the test uses %s", ex.Name, ex.Request.Path, o.routes[0].route.Path)
	}
	r := o.routes[0]
	var values []string
	for _, pf := range r.fields {
		values = append(values, "example-"+pf.doc)
	}
	return r, values
}

// outranks reports whether the generated router would choose route a over
// b for a path both match: segment by segment, a literal beats a pattern,
// and a pattern with more literal text beats one with less.
func outranks(a, b *model.Route) bool {
	for i := 0; i < len(a.Segments) && i < len(b.Segments); i++ {
		ra, rb := segmentRank(a.Segments[i]), segmentRank(b.Segments[i])
		if ra != rb {
			return ra > rb
		}
	}
	return false
}

func segmentRank(s *model.Segment) int {
	switch {
	case s.Param != "":
		return 0
	case len(s.Parts) > 0:
		n := 0
		for _, p := range s.Parts {
			n += len(p.Literal)
		}
		return n
	}
	return 1 << 20 // a literal
}

// matchRoute matches a path against a route as the generated router does.
func matchRoute(rt *model.Route, p string) ([]string, bool) {
	var segs []string
	for _, s := range strings.Split(p, "/") {
		if s == "" {
			continue
		}
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
		segs = append(segs, s)
	}
	return matchSegments(rt.Segments, segs, nil)
}

func matchSegments(route []*model.Segment, segs []string, values []string) ([]string, bool) {
	if len(route) == 0 {
		return values, len(segs) == 0
	}
	if len(segs) == 0 {
		return nil, false
	}
	seg := route[0]
	switch {
	case seg.Param != "" && seg.Span:
		for k := 1; k <= len(segs); k++ {
			if out, ok := matchSegments(route[1:], segs[k:], append(values[:len(values):len(values)], strings.Join(segs[:k], "/"))); ok {
				return out, true
			}
		}
		return nil, false
	case seg.Param != "":
		return matchSegments(route[1:], segs[1:], append(values, segs[0]))
	case len(seg.Parts) > 0:
		take := 1
		if seg.Span {
			take = len(segs)
		}
		for k := 1; k <= take; k++ {
			if vals, ok := matchParts(seg.Parts, strings.Join(segs[:k], "/")); ok {
				if out, ok := matchSegments(route[1:], segs[k:], append(values[:len(values):len(values)], vals...)); ok {
					return out, true
				}
			}
		}
		return nil, false
	case strings.EqualFold(seg.Literal, segs[0]):
		return matchSegments(route[1:], segs[1:], values)
	}
	return nil, false
}

func matchParts(parts []*model.SegmentPart, s string) ([]string, bool) {
	var vals []string
	for i, p := range parts {
		if p.Param == "" {
			if len(s) < len(p.Literal) || !strings.EqualFold(s[:len(p.Literal)], p.Literal) {
				return nil, false
			}
			s = s[len(p.Literal):]
			continue
		}
		end := len(s)
		if i+1 < len(parts) {
			end = strings.Index(strings.ToLower(s), strings.ToLower(parts[i+1].Literal))
			if end < 0 {
				return nil, false
			}
		}
		if end == 0 {
			return nil, false
		}
		vals = append(vals, s[:end])
		s = s[end:]
	}
	return vals, s == ""
}

// isPlaceholderBody reports whether a body shows type names instead of
// values, as resource-style examples do: "String", "String (timestamp)",
// "Int32", "@odata.type: microsoft.graph.x". Real data can hold such a word
// ("dataType": "String"), so it takes placeholders in at least half of the
// string values.
func isPlaceholderBody(body string) bool {
	var v any
	if json.Unmarshal([]byte(body), &v) != nil {
		return false
	}
	strs, placeholders := 0, 0
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case string:
			strs++
			if isPlaceholder(v) {
				placeholders++
			}
		}
	}
	walk(v)
	return placeholders > 0 && placeholders*2 >= strs
}

func isPlaceholder(s string) bool {
	lower := strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(lower, "@odata.type:") {
		return true
	}
	word, _, _ := strings.Cut(strings.TrimPrefix(lower, "edm."), " ")
	return placeholderWords[word] && (word == lower || strings.HasPrefix(lower, word+" (") || strings.HasPrefix(s, "Edm."))
}

var placeholderWords = map[string]bool{
	"string": true, "int32": true, "int64": true, "int16": true, "boolean": true, "bool": true,
	"double": true, "single": true, "decimal": true, "datetimeoffset": true, "date": true,
	"timeofday": true, "duration": true, "guid": true, "binary": true, "stream": true,
	"integer": true, "number": true, "timestamp": true,
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
