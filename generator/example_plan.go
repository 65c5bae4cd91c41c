package generator

import (
	"encoding/json"
	"net/url"
	"strings"

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

// exampleTest is one documented example made a test: how each body is
// checked, and the route and parameter values its request takes.
type exampleTest struct {
	o          *operation
	file       *opsFile
	ex         *model.Example
	name       string // TestExampleGetUser
	req, resp  exampleBody
	route      *opRoute
	values     []string // the route's parameter values, in order
	clientCall bool     // with the client-and-handler part
	stream     string   // a stream result's documented content
}

// planTests decides the test of each example of the emitted operations.
func (p *planner) planTests(own *ownership) {
	tested := map[*model.Example]bool{}
	for _, f := range p.files {
		for _, o := range f.ops {
			for _, ex := range o.examples {
				tested[ex] = true
				if t := p.planTest(o, ex); t != nil {
					t.file = f
					f.tests = append(f.tests, t)
					if t.clientCall {
						o.fakeCalled = true
					}
				}
			}
		}
	}
	for _, op := range p.api.Operations {
		for _, ex := range op.Examples {
			if !tested[ex] {
				p.stats.Examples++
				p.stats.skip(skipNoOperation)
			}
		}
	}
}

// planTest decides how one example is tested: the documented bodies decode
// into the generated types and encode back to the same JSON (or, for bodies
// that show types, fit them by shape), and the client, calling the handler
// over loopback, sends the request and gets the documented answer. It
// returns nil when the example cannot be tested.
func (p *planner) planTest(o *operation, ex *model.Example) *exampleTest {
	p.stats.Examples++
	if ex.Response == nil {
		p.stats.skip(skipNoResponse)
		return nil
	}
	t := &exampleTest{o: o, ex: ex, name: "Test" + p.names.examples[ex]}
	var ok bool
	if o.body != nil {
		if t.req, ok = p.checkBody(ex.Request.Body, ex.Request.Pos, "request", ex.Name); !ok {
			p.stats.skip(skipRequestJSON)
			return nil
		}
	}
	if o.result != nil && o.result.stream {
		// The content is compared as it is: it need not be JSON.
		t.stream = ex.Response.Body
	} else if o.result != nil {
		if t.resp, ok = p.checkBody(ex.Response.Body, ex.Response.Pos, "response", ex.Name); !ok {
			p.stats.skip(skipResponseJSON)
			return nil
		}
	}
	if t.req.json != "" {
		if o.body.action {
			p.fitTo(&t.req, p.fitAction(t.req.json, o), ex.Request.Pos, "request", ex.Name, "the parameters of "+o.name)
		} else {
			p.fitTo(&t.req, p.fitBody(t.req.json, o.body.ref, false), ex.Request.Pos, "request", ex.Name, o.body.ref.Name)
		}
	}
	if t.resp.json != "" {
		rt := *o.op.Response.Type
		p.fitTo(&t.resp, p.fitBody(t.resp.json, rt, rt.Collection), ex.Response.Pos, "response", ex.Name, rt.String())
	}
	if ex.Response.Status != o.status {
		p.diags.Warnf(ex.Response.Pos, "example-status", "example %q answers %d but the Response section says %d; the test expects %d", ex.Name, ex.Response.Status, o.status, o.status)
	}
	// The handler rejects what its types do not define, so a request body
	// that does not fit cannot go through it.
	t.clientCall = t.req.json == "" || (t.req.strict && (!t.req.shape || t.req.placeholder))
	if t.clientCall {
		t.route, t.values = p.exampleRoute(o, ex)
	} else {
		p.stats.NoClientTest++
	}
	p.stats.Tests++
	if t.req.shape || t.resp.shape {
		p.stats.ShapeOnly++
	}
	return t
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
func (p *planner) fitTo(b *exampleBody, fit *exampleFit, pos model.Pos, what, name, typeName string) {
	b.strict = len(fit.unknown) == 0
	b.shape = b.placeholder || len(fit.mismatch) > 0
	if len(fit.unknown) > 0 || (len(fit.mismatch) > 0 && !b.placeholder) {
		check := "checks the rest by value"
		if b.shape {
			check = "checks names and nesting only"
		}
		p.diags.Warnf(pos, "example-schema", "%s body of example %q does not fit %s: %s; its test %s", what, name, typeName, fit.describe(), check)
	}
}

// checkBody decides how a documented body is tested; ok is false when it
// is not JSON, which is reported.
func (p *planner) checkBody(body string, pos model.Pos, what, name string) (exampleBody, bool) {
	trimmed := strings.TrimSpace(body)
	if trimmed == "" {
		return exampleBody{}, true
	}
	if !json.Valid([]byte(trimmed)) {
		p.diags.Warnf(pos, "example-json", "%s body of example %q is not valid JSON (%s); the example is not tested", what, name, jsonProblem(trimmed))
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

// exampleRoute finds the route an example's URL takes and its parameter
// values. A URL that matches no route is reported; the test then uses the
// first route with placeholder values.
func (p *planner) exampleRoute(o *operation, ex *model.Example) (*opRoute, []string) {
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
		p.diags.Warnf(ex.Request.Pos, "example-route", "example %q calls %s, which matches none of the operation's routes; the test uses %s", ex.Name, ex.Request.Path, o.routes[0].route.Path)
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
	case strings.EqualFold(strings.TrimSuffix(seg.Literal, "()"), strings.TrimSuffix(segs[0], "()")):
		// A function without parameters is called with or without "()",
		// as the router allows.
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
