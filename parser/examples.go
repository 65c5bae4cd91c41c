package parser

// This file reads example requests and responses and pairs them.

import (
	"slices"
	"strings"

	"github.com/docgen-dev/docgen/parser/model"
)

// isRequestLine reports whether a block starts with "METHOD URL".
func isRequestLine(code string) bool {
	first, _ := firstLine(strings.Split(code, "\n"))
	f := strings.Fields(first)
	return len(f) >= 2 && httpMethods[strings.ToUpper(f[0])] && (strings.HasPrefix(f[1], "/") || schemeEnd(f[1]) > 0)
}

// ignoredRequest notes an example request the docs' own tooling is told to
// ignore (often one that needs "ConsistencyLevel: eventual"), or one with no
// annotation at all (unannotated, its line): a response that follows pairs
// with it, and both are left out of the examples.
func (p *pageParser) ignoredRequest(a *Annotation, code string, unannotated int) {
	m, err := ParseExampleRequest(code)
	if err != nil {
		return
	}
	ex := &model.Example{Request: &model.ExampleRequest{Method: m.Method, URL: m.URL, Path: m.Path}}
	if len(a.Names) > 0 {
		ex.Name = a.Names[0]
	}
	if p.ignored == nil {
		p.ignored = map[*model.Example]int{}
	}
	p.ignored[ex] = unannotated
	p.openRequests = append(p.openRequests, ex)
}

func (p *pageParser) exampleRequest(a *Annotation, code string, line int) *model.Example {
	m, err := ParseExampleRequest(code)
	if err != nil {
		p.warn(line, "example", "request example: %v; skipped", err)
		return nil
	}
	if p.bodyTooDeep(m, line, "request") {
		// Its response pairs with it and goes too, unreported.
		p.ignoredRequest(&Annotation{Names: a.Names}, code, 0)
		return nil
	}
	name := ""
	if len(a.Names) > 0 {
		name = a.Names[0]
	}
	ex := &model.Example{
		Pos:  p.pos(a.Line),
		Name: name,
		Request: &model.ExampleRequest{
			Pos: p.pos(line), Method: m.Method, URL: m.URL, Path: m.Path,
			Headers: m.Headers, Body: m.Body,
		},
	}
	op := p.op()
	for _, prev := range op.Examples {
		if name != "" && prev.Name == name {
			p.warn(a.Line, "example", "example name %q is also used at line %d", name, prev.Pos.Line)
			break
		}
	}
	op.Examples = append(op.Examples, ex)
	p.openRequests = append(p.openRequests, ex)
	return ex
}

// exampleResponse pairs a response with its request: by name when the
// response names one, else with the latest request still waiting.
func (p *pageParser) exampleResponse(a *Annotation, code string, line int) {
	m, err := ParseExampleResponse(code)
	if err != nil {
		p.warn(line, "example", "response example: %v; skipped", err)
		return
	}
	if m.HeadersGap > 0 {
		p.warn(line+m.HeadersGap, "example", "blank line before the response headers; read the lines after it as the headers")
	}
	deep := p.bodyTooDeep(m, line, "response")
	resp := &model.ExampleResponse{
		Pos: p.pos(line), Status: m.Status, Headers: m.Headers, Body: m.Body,
		Truncated: a.Truncated, ODataType: a.ODataType, IsCollection: a.IsCollection,
	}
	// A response may name several requests ("name": ["a", "b"]): each of
	// them gets it.
	var matched []int
	for i, ex := range p.openRequests {
		for _, n := range a.Names {
			if n == ex.Name {
				matched = append(matched, i)
				break
			}
		}
	}
	if len(matched) == 0 && len(p.openRequests) > 0 {
		matched = []int{len(p.openRequests) - 1}
	}
	if len(matched) == 0 {
		p.warn(a.Line, "example", "response example has no request before it; skipped")
		return
	}
	for _, i := range matched {
		ex := p.openRequests[i]
		if deep {
			// The whole example is skipped, its request too.
			op := p.op()
			op.Examples = slices.DeleteFunc(op.Examples, func(e *model.Example) bool { return e == ex })
			continue
		}
		if line, ignored := p.ignored[ex]; ignored {
			if line > 0 {
				p.warn(a.Line, "example", "the request for this response, at line %d, has no annotation; add one (blockType request) to make them an example, skipped until then", p.lineNo(line))
			}
			continue
		}
		r := *resp
		ex.Response = &r
	}
	open := p.openRequests[:0]
	for i, ex := range p.openRequests {
		if !slices.Contains(matched, i) {
			open = append(open, ex)
		}
	}
	p.openRequests = open
}

// bodyTooDeep reports an example body nested deeper than maxJSONDepth: type
// inference stops there, and its test would reach the generated JSON
// reader's own limit. line is the block's first line.
func (p *pageParser) bodyTooDeep(m HTTPMessage, line int, what string) bool {
	at := tooDeep(m.Body)
	if at < 0 {
		return false
	}
	at = line + m.BodyLine + strings.Count(m.Body[:at], "\n")
	p.warn(at, "limits", "%s example body nests deeper than %d levels; the example is skipped", what, maxJSONDepth)
	return true
}
