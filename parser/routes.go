package parser

// This file reads routes: syntax blocks, the pages that put their routes
// elsewhere, and the path and function parameters the routes carry.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/docgen-dev/docgen/parser/model"
)

// inHTTPRequest reports whether the walk is in an "HTTP request" section,
// which may be a subsection: OneDrive pages document each route under its
// own heading with a "### HTTP request".
func (p *pageParser) inHTTPRequest() bool {
	return strings.HasPrefix(p.h2, "http request") ||
		strings.HasPrefix(p.near, "http request") && !strings.Contains(p.h2, "example")
}

// looseBlock is an http block outside the sections that hold syntax blocks
// and examples: the routes of a page whose "HTTP request" heading is missing.
type looseBlock struct {
	code string
	line int
}

func (p *pageParser) syntaxBlock(code string, line int) {
	op := p.op()
	routes, problems := ParseSyntaxBlock(code)
	for _, pr := range problems {
		p.warn(line+pr.Line, "route", "%s", pr.Message)
	}
	for _, r := range routes {
		if a := AngledPlaceholder(r.Path); a != "" {
			p.warn(line+r.Line, "route", "placeholder %s is in angle brackets; read as {%s} (write it so)", a, strings.Trim(a, "<>"))
			break
		}
	}
	for _, r := range routes {
		if problem := routeTypo(r.Path); problem != "" {
			p.warn(line+r.Line, "route", "route %s %s; read as written", r.Path, problem)
		}
	}
	// An operation has one method; a block that mixes methods (PATCH and
	// PUT for one update) keeps the first, reported once per block.
	var skipped []RouteLine
	for _, r := range routes {
		if op.Method == "" {
			op.Method = r.Method
		}
		if r.Method != op.Method {
			skipped = append(skipped, r)
			continue
		}
		op.Routes = append(op.Routes, &model.Route{Pos: p.pos(line + r.Line), Path: r.Path, Query: r.Query, Segments: ParseRoute(r.Path)})
		if r.Query != "" {
			p.queries = append(p.queries, r.Query)
		}
	}
	if len(skipped) > 0 {
		r := skipped[0]
		what := fmt.Sprintf("route %s %s", r.Method, r.Path)
		if len(skipped) > 1 {
			what = fmt.Sprintf("%d routes, the first %s %s", len(skipped), r.Method, r.Path)
		}
		p.warn(line+r.Line, "route", "syntax block mixes methods: kept the %s routes, skipped %s (an operation has one method)", op.Method, what)
	}
}

// matchPathParams names each documented path or function parameter after
// the route parameter it documents: "id" is "{id}"; the function parameter
// "period" is "{period_value}" in "getEmailActivityCounts(period='{period_value}')".
// A parameter no route holds is reported: its value has nowhere to go.
func (p *pageParser) matchPathParams() {
	op := p.op()
	type routeParam struct{ name, before string }
	var params []routeParam
	for _, r := range op.Routes {
		for _, s := range r.Segments {
			if s.Param != "" {
				params = append(params, routeParam{s.Param, ""})
			}
			for i, part := range s.Parts {
				if part.Param == "" {
					continue
				}
				before := ""
				if i > 0 {
					before = strings.ToLower(s.Parts[i-1].Literal)
				}
				params = append(params, routeParam{part.Param, before})
			}
		}
	}
	// "?$expand=singleValueExtendedProperties($filter=id eq '{id_value}')"
	for _, q := range p.queries {
		for rest := q; ; {
			open, end, ok := nextPlaceholder(rest)
			if !ok {
				break
			}
			params = append(params, routeParam{paramName(rest[open+1 : end]), ""})
			rest = rest[end+1:]
		}
	}
	find := func(name string) (string, bool) {
		lower := strings.ToLower(name)
		for _, rp := range params {
			if strings.EqualFold(rp.name, name) {
				return rp.name, true
			}
		}
		for _, rp := range params {
			b := strings.TrimRight(rp.before, "'\"")
			if strings.HasSuffix(b, lower+"=") && (len(b) == len(lower)+1 || !isNameByte(b[len(b)-len(lower)-2])) {
				return rp.name, true
			}
		}
		return "", false
	}
	var missing []*model.Parameter
	for _, pp := range op.PathParams {
		if name, ok := find(pp.Name); ok {
			pp.Name = name
			continue
		}
		missing = append(missing, pp)
	}
	switch len(missing) {
	case 0:
	case 1:
		p.warnAt(missing[0].Pos, "route", "parameter %q is in no route as a {placeholder}; the routes cannot carry it", missing[0].Name)
	default:
		var names []string
		for _, pp := range missing {
			names = append(names, strconv.Quote(pp.Name))
		}
		p.warnAt(missing[0].Pos, "route", "parameters %s are in no route as {placeholders}; the routes cannot carry them", strings.Join(names, ", "))
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// routesElsewhere finds the routes of a method page that has no syntax block
// under an "HTTP request" heading: the request examples under "HTTP
// request" headings, which some pages write as route templates, or else
// http blocks of route lines elsewhere (the heading is missing).
func (p *pageParser) routesElsewhere() {
	op := p.op()
	for _, ex := range p.requestRoutes {
		if len(op.Routes) == 0 {
			p.warnAt(ex.Request.Pos, "route", "the \"HTTP request\" section holds a request example, not a syntax block; took its URL as the route")
		}
		if op.Method == "" {
			op.Method = ex.Request.Method
		}
		if ex.Request.Method == op.Method {
			op.Routes = append(op.Routes, &model.Route{Pos: ex.Request.Pos, Path: ex.Request.Path, Segments: ParseRoute(ex.Request.Path)})
		}
	}
	if len(op.Routes) > 0 {
		return
	}
	for _, b := range p.looseBlocks {
		if routes, problems := ParseSyntaxBlock(b.code); len(routes) > 0 && len(problems) == 0 {
			if len(op.Routes) == 0 {
				p.warn(b.line, "route", "http block outside an \"HTTP request\" section; read as the syntax block")
			}
			p.syntaxBlock(b.code, b.line)
		}
	}
}

// routeTypo describes what makes a route path malformed: unbalanced
// parentheses ("range(address='{address}'/entireRow") or braces, or a space
// outside braces and a function call's arguments ("/users/{user-id} |
// user-principal-name/chats"). It returns "" for a well-formed path.
func routeTypo(path string) string {
	parens, braces := 0, 0
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '(':
			parens++
		case ')':
			parens--
		case '{':
			braces++
		case '}':
			braces--
		case ' ':
			if braces == 0 && parens == 0 {
				return "has a space outside braces"
			}
		}
	}
	switch {
	case parens != 0:
		return "has unbalanced parentheses"
	case braces != 0:
		return "has unbalanced braces"
	}
	return ""
}
