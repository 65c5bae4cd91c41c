package support

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// Route is one entry of the generated Route table: a documented Route and
// the function serving its operation. index tells the operation which of
// its routes matched.
type Route struct {
	Method  string
	Pattern string // as documented: "/users/{id}", "/reports/getX(period='{period_value}')"
	Serve   serveFunc
	Index   int
	Perms   *Permissions // the operation's documented permissions
}

// serveFunc serves one operation; params are the matched route's parameter
// values in order.
type serveFunc func(h *Handler, w http.ResponseWriter, r *http.Request, route int, params []string)

// routeNode is a node of the route tree, one per path segment. Literal
// segments are keyed in lower case, since Graph matches them
// case-insensitively; other segments (parameters, function calls such as
// "f(a='{a}')", path addressing "{item-path}:") are tried in the order the
// docs give them, after the literals.
type routeNode struct {
	literals map[string]*routeNode
	patterns []*patternEdge
	methods  map[string]routeTarget
}

type routeTarget struct {
	serve serveFunc
	index int
	perms *Permissions
}

// patternEdge is a segment with parameters.
type patternEdge struct {
	key   string // the segment as documented, to share edges
	parts []segmentPart
	span  bool // the parameter, written {name*}, may hold slashes ("root:/a/b:")
	next  *routeNode
}

type segmentPart struct {
	literal string
	param   bool
}

func (n *routeNode) add(rt Route) {
	for _, seg := range splitRoute(rt.Pattern) {
		if !strings.ContainsAny(seg, "{}") {
			key := literalKey(seg)
			if n.literals == nil {
				n.literals = map[string]*routeNode{}
			}
			child, ok := n.literals[key]
			if !ok {
				child = &routeNode{}
				n.literals[key] = child
			}
			n = child
			continue
		}
		var edge *patternEdge
		for _, e := range n.patterns {
			if e.key == normalizePattern(seg) {
				edge = e
			}
		}
		if edge == nil {
			edge = &patternEdge{key: normalizePattern(seg), parts: parseSegment(seg), next: &routeNode{}}
			edge.span = strings.Contains(seg, "*}")
			n.patterns = append(n.patterns, edge)
			// The most literal pattern is tried first, so that
			// "getStats(period='{p}')" wins over a bare "{id}".
			sort.SliceStable(n.patterns, func(i, j int) bool {
				return literalLen(n.patterns[i].parts) > literalLen(n.patterns[j].parts)
			})
		}
		n = edge.next
	}
	if n.methods == nil {
		n.methods = map[string]routeTarget{}
	}
	if _, dup := n.methods[rt.Method]; !dup {
		n.methods[rt.Method] = routeTarget{rt.Serve, rt.Index, rt.Perms}
	}
}

func literalLen(parts []segmentPart) int {
	n := 0
	for _, p := range parts {
		n += len(p.literal)
	}
	return n
}

// normalizePattern makes segments that differ only in parameter names or
// literal case share an edge: "{id}" and "{user-id}" match the same paths.
func normalizePattern(seg string) string {
	var b strings.Builder
	if strings.Contains(seg, "*}") {
		b.WriteString("*")
	}
	for _, p := range parseSegment(seg) {
		if p.param {
			b.WriteString("{}")
		} else {
			b.WriteString(strings.ToLower(p.literal))
		}
	}
	return b.String()
}

// parseSegment splits a documented segment into literals and parameters.
func parseSegment(seg string) []segmentPart {
	var parts []segmentPart
	for seg != "" {
		open := strings.IndexByte(seg, '{')
		if open < 0 {
			parts = append(parts, segmentPart{literal: seg})
			break
		}
		if open > 0 {
			parts = append(parts, segmentPart{literal: seg[:open]})
		}
		end := strings.IndexByte(seg[open:], '}')
		if end < 0 {
			parts = append(parts, segmentPart{literal: seg[open:]})
			break
		}
		parts = append(parts, segmentPart{param: true})
		seg = seg[open+end+1:]
	}
	return parts
}

// pathSegment is one segment of a request path: raw as it came, with its
// percent-escapes, and val decoded once. OData syntax (a "$count", a
// function's "()", a key in parentheses) is read from raw, so that an
// escaped "%24" or "%28" in an id stays data.
type pathSegment struct {
	raw, val string
}

// splitPath splits an escaped path into segments, ignoring empty ones. It
// reports false for a segment that does not unescape.
func splitPath(escapedPath string) ([]pathSegment, bool) {
	var segs []pathSegment
	for _, s := range strings.Split(escapedPath, "/") {
		if s == "" {
			continue
		}
		u, err := url.PathUnescape(s)
		if err != nil {
			return nil, false
		}
		segs = append(segs, pathSegment{raw: s, val: u})
	}
	return segs, true
}

// match finds the operation for a method and an escaped path. When the path
// exists but not for the method, it returns the methods that are allowed.
// count reports a GET of a collection followed by /$count, which the
// handler answers with the collection's count.
//
// Besides the documented forms it matches what OData clients send: a
// function without parameters with or without "()" ("delta()" for a
// documented "delta"), and a key in parentheses ("users('id')",
// "users(userPrincipalName='x')") as the next segment.
func (n *routeNode) match(method, escapedPath string) (target routeTarget, params []string, allowed []string, count bool) {
	segs, ok := splitPath(escapedPath)
	if !ok {
		return routeTarget{}, nil, nil, false
	}
	// forms yields the path as sent and then, only if that is needed, with
	// its keys in parentheses made segments of their own.
	forms := func(yield func([]pathSegment) bool) {
		if !yield(segs) {
			return
		}
		if keyed, ok := expandKeys(segs); ok {
			yield(keyed)
		}
	}
	// find takes "" for any method: an empty method (no HTTP request has
	// one) matches nothing, and is answered with the methods allowed.
	if method != "" {
		for segs := range forms {
			if node, params := n.find(segs, nil, method); node != nil {
				return node.methods[method], params, nil, false
			}
		}
		if method == http.MethodGet {
			for segs := range forms {
				if len(segs) > 1 && strings.EqualFold(segs[len(segs)-1].raw, "$count") {
					if node, params := n.find(segs[:len(segs)-1], nil, method); node != nil {
						return node.methods[method], params, nil, true
					}
				}
			}
		}
	}
	for segs := range forms {
		if node, _ := n.find(segs, nil, ""); node != nil {
			for m := range node.methods {
				allowed = append(allowed, m)
			}
			sort.Strings(allowed)
			return routeTarget{}, nil, allowed, false
		}
	}
	return routeTarget{}, nil, nil, false
}

// expandKeys rewrites each key-as-parenthesis segment, "users('a')" or
// "users(id='a')", as the two segments "users" and "a", reporting whether
// there was any. The key is unquoted (two quotes in a row stand for one) and
// decoded once.
func expandKeys(segs []pathSegment) ([]pathSegment, bool) {
	var out []pathSegment
	found := false
	for _, s := range segs {
		name, key, ok := parenKey(s.raw)
		if !ok {
			out = append(out, s)
			continue
		}
		nameVal, err1 := url.PathUnescape(name)
		keyVal, err2 := url.PathUnescape(key)
		if err1 != nil || err2 != nil {
			return nil, false
		}
		found = true
		out = append(out, pathSegment{raw: name, val: nameVal}, pathSegment{raw: url.PathEscape(keyVal), val: keyVal})
	}
	return out, found
}

// parenKey splits "name('key')", "name(prop='key')" or "name(42)" into the
// name and the key, undoing the quotes. Several keys ("a=1,b=2") are not a
// single key, and "name()" is a call, not a key.
func parenKey(raw string) (name, key string, ok bool) {
	open := strings.IndexByte(raw, '(')
	if open <= 0 || !strings.HasSuffix(raw, ")") {
		return "", "", false
	}
	name, inner := raw[:open], raw[open+1:len(raw)-1]
	if eq := strings.IndexByte(inner, '='); eq >= 0 && !strings.HasPrefix(inner, "'") {
		prop := inner[:eq]
		if prop == "" || strings.ContainsAny(prop, "',()") {
			return "", "", false
		}
		inner = inner[eq+1:]
	}
	switch {
	case len(inner) >= 2 && inner[0] == '\'' && inner[len(inner)-1] == '\'':
		quoted := inner[1 : len(inner)-1]
		if strings.Count(quoted, "'")%2 != 0 || strings.Contains(strings.ReplaceAll(quoted, "''", ""), "'") {
			return "", "", false
		}
		key = strings.ReplaceAll(quoted, "''", "'")
	case inner != "" && !strings.ContainsAny(inner, "'(),="):
		key = inner
	default:
		return "", "", false
	}
	return name, key, key != ""
}

// literalKey is a segment's key among a node's literals: lower case, and a
// function call without parameters written without its "()".
func literalKey(s string) string {
	return strings.ToLower(strings.TrimSuffix(s, "()"))
}

// isSyntax reports whether a raw segment is OData syntax rather than a key:
// "$count", "$value", "$ref", or a call such as "delta()". Such a segment
// never fills a parameter that is the whole segment.
func isSyntax(raw string) bool {
	return strings.HasPrefix(raw, "$") || (strings.HasSuffix(raw, ")") && strings.Contains(raw, "("))
}

// find walks the tree to a node that serves method (any method, when
// method is ""), preferring literals and backing out of dead ends, so that
// /users/delta() and /users/{id} both resolve.
func (n *routeNode) find(segs []pathSegment, params []string, method string) (*routeNode, []string) {
	if len(segs) == 0 {
		if _, ok := n.methods[method]; ok || (method == "" && len(n.methods) > 0) {
			return n, params
		}
		return nil, nil
	}
	key := strings.ToLower(segs[0].val)
	if strings.HasSuffix(segs[0].raw, "()") {
		key = literalKey(segs[0].val)
	}
	if child, ok := n.literals[key]; ok {
		if found, p := child.find(segs[1:], params, method); found != nil {
			return found, p
		}
	}
	for _, e := range n.patterns {
		take := 1
		if e.span {
			take = len(segs)
		}
		for k := 1; k <= take; k++ {
			if len(e.parts) == 1 && k == 1 && isSyntax(segs[0].raw) {
				continue
			}
			got, ok := matchParts(e.parts, spanText(segs[:k]))
			if !ok {
				continue
			}
			if found, p := e.next.find(segs[k:], append(params[:len(params):len(params)], got...), method); found != nil {
				return found, p
			}
		}
	}
	return nil, nil
}

// spanText is the decoded text of segments as a parameter holds it, joined
// by slashes; one segment is its own text, without a copy.
func spanText(segs []pathSegment) string {
	if len(segs) == 1 {
		return segs[0].val
	}
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(s.val)
	}
	return b.String()
}

// matchParts matches one segment against literals and parameters; a
// parameter takes the text up to the next literal and may not be empty.
func matchParts(parts []segmentPart, s string) ([]string, bool) {
	var vals []string
	for i, p := range parts {
		if !p.param {
			if len(s) < len(p.literal) || !strings.EqualFold(s[:len(p.literal)], p.literal) {
				return nil, false
			}
			s = s[len(p.literal):]
			continue
		}
		end := len(s)
		if i+1 < len(parts) {
			end = indexFold(s, parts[i+1].literal)
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

// indexFold is strings.Index, ignoring ASCII case.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// splitRoute splits a documented route into segments on slashes outside
// braces and parentheses, ignoring empty segments.
func splitRoute(path string) []string {
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
