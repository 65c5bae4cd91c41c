package parser

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/docgen-dev/docgen/parser/model"
)

// httpMethods are the verbs a syntax or request line may start with.
var httpMethods = map[string]bool{
	"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true,
}

// RouteLine is one line of a syntax block: "GET /users/{id}".
type RouteLine struct {
	Line   int // 0-based line within the block
	Method string
	Path   string // without query string, with a leading slash
	Query  string // the query string as documented, if any
}

// ParseSyntaxBlock reads the routes of an "HTTP request" syntax block. Lines
// that are not "METHOD path" are returned as problems, not guessed at.
func ParseSyntaxBlock(code string) (routes []RouteLine, problems []LineProblem) {
	for i, line := range strings.Split(code, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "//") {
			continue
		}
		method, rest, _ := strings.Cut(line, " ")
		method = strings.ToUpper(method)
		if !httpMethods[method] {
			problems = append(problems, LineProblem{i, fmt.Sprintf("syntax line %q does not start with an HTTP method", line)})
			continue
		}
		target := strings.TrimSpace(rest)
		if target == "" {
			problems = append(problems, LineProblem{i, fmt.Sprintf("syntax line %q has no path", line)})
			continue
		}
		// "GET /x HTTP/1.1": drop the protocol.
		if f := strings.Fields(target); len(f) > 1 && strings.HasPrefix(strings.ToUpper(f[len(f)-1]), "HTTP/") {
			target = strings.Join(f[:len(f)-1], " ")
		}
		path, query := splitQuery(urlPath(target))
		routes = append(routes, RouteLine{Line: i, Method: method, Path: path, Query: query})
	}
	return routes, problems
}

// LineProblem is a problem on one line of a code block (0-based).
type LineProblem struct {
	Line    int
	Message string
}

// ParseRoute splits a route path into segments. "{id | userPrincipalName}"
// becomes a parameter named "id": the alternatives name one value. A segment
// that mixes text and parameters, such as the OData function call
// "getEmailActivityCounts(period='{period_value}')", the key "users('{id}')"
// or the path-addressing "{item-path}:", becomes Parts. The parameter of a
// segment that follows one ending in ":" ("root:/{item-path}:") is a path
// inside the drive and may hold slashes: that segment is marked Span.
func ParseRoute(path string) []*model.Segment {
	var segs []*model.Segment
	addressing := false // the previous segment opened path addressing
	for _, s := range splitPath(path) {
		seg := parseSegment(s)
		if addressing && (seg.Param != "" || (len(seg.Parts) > 0 && seg.Parts[0].Param != "")) {
			seg.Span = true
		}
		addressing = strings.HasSuffix(s, ":") && !seg.Span
		segs = append(segs, seg)
	}
	return segs
}

// parseSegment reads one slash-free segment: a literal, a parameter, or a mix.
func parseSegment(s string) *model.Segment {
	if !strings.ContainsAny(s, "{<") {
		return &model.Segment{Literal: s}
	}
	var parts []*model.SegmentPart
	rest := s
	for rest != "" {
		open, end, ok := nextPlaceholder(rest)
		if !ok {
			parts = append(parts, &model.SegmentPart{Literal: rest})
			break
		}
		if open > 0 {
			parts = append(parts, &model.SegmentPart{Literal: rest[:open]})
		}
		parts = append(parts, &model.SegmentPart{Param: paramName(rest[open+1 : end])})
		rest = rest[end+1:]
	}
	switch {
	case len(parts) == 1 && parts[0].Param != "":
		return &model.Segment{Param: parts[0].Param}
	case len(parts) == 1:
		return &model.Segment{Literal: s} // an unclosed brace is text
	}
	return &model.Segment{Parts: parts}
}

// nextPlaceholder finds the first placeholder in s: "{name}", or
// "<address>" as some pages write it, and returns the offsets of its
// delimiters. Braces that name nothing ("{}", "{ | }") are text.
func nextPlaceholder(s string) (open, end int, ok bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				return 0, 0, false
			}
			if paramName(s[i+1:i+j]) != "" {
				return i, i + j, true
			}
		case '<':
			if j := strings.IndexByte(s[i:], '>'); j > 1 && isName(s[i+1:i+j]) {
				return i, i + j, true
			}
		}
	}
	return 0, 0, false
}

// isName reports whether s is a placeholder's name: letters, digits, "_"
// and "-".
func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// AngledPlaceholder returns the first "<name>" placeholder of a route path,
// which should be written "{name}"; "" when there is none.
func AngledPlaceholder(path string) string {
	for rest := path; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			return ""
		}
		if j := strings.IndexByte(rest[i:], '>'); j > 1 && isName(rest[i+1:i+j]) {
			return rest[i : i+j+1]
		}
		rest = rest[i+1:]
	}
}

// paramName reads what is inside braces: "id | userPrincipalName" names one
// value, the first.
func paramName(s string) string {
	name := strings.TrimSpace(s)
	if alt, _, ok := strings.Cut(name, "|"); ok {
		name = strings.TrimSpace(alt)
	}
	return name
}

// splitPath splits on slashes outside braces and parentheses, so that
// "{id | name}" and "f(a='{x}')" stay whole.
func splitPath(path string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '{', '(':
			depth++
		case '}', ')':
			if depth > 0 {
				depth--
			}
		case '/':
			if depth == 0 {
				if i > start {
					out = append(out, path[start:i])
				}
				start = i + 1
			}
		}
	}
	if start < len(path) {
		out = append(out, path[start:])
	}
	return out
}

// urlPath reduces a documented URL to its path: the scheme, host and version
// segment ("https://graph.microsoft.com/v1.0") go, a missing leading slash
// is added.
func urlPath(u string) string {
	u = strings.TrimSpace(u)
	if i := schemeEnd(u); i >= 0 {
		rest := u[i+3:]
		slash := strings.IndexByte(rest, '/')
		if slash < 0 {
			return "/"
		}
		rest = rest[slash+1:]
		// The first segment names the version: v1.0, V1.0, beta, localtest.
		if _, after, ok := strings.Cut(rest, "/"); ok {
			rest = after
		} else {
			rest = ""
		}
		return "/" + rest
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	return u
}

// schemeEnd returns the index of the "://" that ends u's scheme, or -1 when
// u does not start with one: a "://" in a query string is not a scheme.
func schemeEnd(u string) int {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && strings.HasPrefix(u[i:], "://"):
			return i
		default:
			return -1
		}
	}
	return -1
}

func splitQuery(p string) (path, query string) {
	path, query, _ = strings.Cut(p, "?")
	if len(path) > 1 {
		// "/users/" is "/users"; "//" is still the root.
		if path = strings.TrimRight(path, "/"); path == "" {
			path = "/"
		}
	}
	return path, query
}

// HTTPMessage is an example request or response split into its parts.
type HTTPMessage struct {
	Method, URL, Path string // requests
	Status            int    // responses
	Headers           []*model.Header
	Body              string
	BodyLine          int // 0-based line of the body's first line within the block
	// HeadersGap is the 0-based line of a blank line between a response's
	// status line and its headers ("HTTP/1.1 200 OK", "", "Content-Type:
	// application/json"), which a reader skips; 0 when there is none.
	HeadersGap int
}

// ParseExampleRequest reads "METHOD URL", headers up to a blank line, then
// the body.
func ParseExampleRequest(code string) (HTTPMessage, error) {
	lines := strings.Split(code, "\n")
	first, i := firstLine(lines)
	if i < 0 {
		return HTTPMessage{}, fmt.Errorf("empty request block")
	}
	f := strings.Fields(first)
	if len(f) < 2 || !httpMethods[strings.ToUpper(f[0])] {
		return HTTPMessage{}, fmt.Errorf("request line %q does not start with an HTTP method and a URL", first)
	}
	m := HTTPMessage{Method: strings.ToUpper(f[0])}
	m.URL = strings.Join(f[1:], " ")
	if n := len(f); n > 2 && strings.HasPrefix(strings.ToUpper(f[n-1]), "HTTP/") {
		m.URL = strings.Join(f[1:n-1], " ")
	}
	m.Path, _ = splitQuery(urlPath(m.URL))
	m.Headers, m.Body, m.BodyLine = headersAndBody(lines, i+1)
	return m, nil
}

// ParseExampleResponse reads "HTTP/1.1 201 Created" (or "HTTP 201"),
// headers up to a blank line, then the body.
func ParseExampleResponse(code string) (HTTPMessage, error) {
	lines := strings.Split(code, "\n")
	first, i := firstLine(lines)
	if i < 0 {
		return HTTPMessage{}, fmt.Errorf("empty response block")
	}
	f := strings.Fields(first)
	if len(f) < 2 || !strings.HasPrefix(strings.ToUpper(f[0]), "HTTP") {
		return HTTPMessage{}, fmt.Errorf("status line %q is not of the form \"HTTP/1.1 200 OK\"", first)
	}
	status, err := strconv.Atoi(f[1])
	if err != nil || status < 100 || status > 599 {
		return HTTPMessage{}, fmt.Errorf("status line %q has no status code", first)
	}
	m := HTTPMessage{Status: status}
	from := i + 1
	// "HTTP/1.1 200 OK", a blank line, then "Content-type: ...": the
	// headers all the same, not a body.
	if j := from; j < len(lines) && strings.TrimSpace(lines[j]) == "" {
		for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
			j++
		}
		if j < len(lines) && isHeaderLine(lines[j]) {
			m.HeadersGap, from = from, j
		}
	}
	m.Headers, m.Body, m.BodyLine = headersAndBody(lines, from)
	return m, nil
}

// commonHeaders are the headers an example response shows, lower-cased.
var commonHeaders = map[string]bool{
	"content-type": true, "content-length": true, "location": true, "etag": true, "odata-version": true,
	"preference-applied": true, "cache-control": true, "retry-after": true, "date": true,
	"content-location": true, "content-range": true, "content-encoding": true, "operation-location": true,
}

// isHeaderLine reports whether a line is, beyond doubt, a response header:
// a common header's name, a colon and a value.
func isHeaderLine(l string) bool {
	name, value, ok := strings.Cut(strings.TrimSpace(l), ":")
	return ok && commonHeaders[strings.ToLower(name)] && strings.TrimSpace(value) != ""
}

func firstLine(lines []string) (string, int) {
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			return t, i
		}
	}
	return "", -1
}

// headersAndBody reads "Name: value" lines until a blank line; what follows
// is the body. A body that starts without the blank line (a JSON brace right
// after the headers) is taken as the body too.
func headersAndBody(lines []string, from int) ([]*model.Header, string, int) {
	var hs []*model.Header
	i := from
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			i++
			break
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok || !isToken(name) {
			break
		}
		hs = append(hs, &model.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	body := strings.TrimSpace(strings.Join(lines[min(i, len(lines)):], "\n"))
	return hs, body, i
}

// isToken reports whether s may name a header (RFC 9110 token): a JSON
// line such as `"a": 1` may not.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return s != ""
}

// HeaderValue returns the value of the named header, case-insensitively.
func HeaderValue(hs []*model.Header, name string) string {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}
