package support

import (
	"net/url"
	"strings"
	"unsafe"
)

// Each operation with path parameters has a table of its routes (pathsX
// for operation X, static data): the serve function binds the parameters
// a request matched with bindPath, and the Client builds a request path
// with buildPath. As with the JSON tables (jsoncodec.go), the table stands
// in for a function per operation, which a large package pays for in
// compile time and memory; the parameters are the Params struct's string
// fields, reached at their offsets.

// pathTable is the routes of one operation.
type pathTable struct {
	// routes are the operation's routes, in the order of the route table
	// (the router's route index).
	routes []pathRoute
	// params are the offsets of every path parameter field of the Params.
	params []uintptr
	// choose are the routes, by index, the Client takes when Route is
	// empty: the first whose parameters are exactly the ones set.
	choose []int
}

// pathRoute is one route of an operation.
type pathRoute struct {
	pattern string // the documented route, Params.Route
	// parts are the literal text before, between and after the
	// parameters: one more than params.
	parts  []string
	params []pathParam
}

// pathParam is a route parameter: its field, and whether it is a span of
// segments ({item-path*}: "folder/file.txt"), escaped segment by segment.
type pathParam struct {
	off  uintptr
	span bool
}

// bindPath sets the parameters of the route index the router matched in
// the Params at p from its values, and returns the route's pattern.
func bindPath(p unsafe.Pointer, t *pathTable, route int, values []string) string {
	if route < 0 || route >= len(t.routes) {
		return ""
	}
	r := &t.routes[route]
	for i, param := range r.params {
		if i < len(values) {
			*(*string)(unsafe.Add(p, param.off)) = values[i]
		}
	}
	return r.pattern
}

// buildPath builds the request path of the Params at p for the route
// named route, or when it is empty for the route its set parameters
// select.
func buildPath(p unsafe.Pointer, t *pathTable, route, operation string) (string, error) {
	r := t.find(p, route)
	if r == nil {
		return "", errNoRoute(operation, route)
	}
	var b strings.Builder
	for i, part := range r.parts {
		b.WriteString(part)
		if i == len(r.params) {
			break
		}
		v := *(*string)(unsafe.Add(p, r.params[i].off))
		if r.params[i].span {
			b.WriteString(escapeSpan(v))
		} else {
			b.WriteString(url.PathEscape(v))
		}
	}
	return b.String(), nil
}

// find returns the route named route, or when it is empty the first route
// of choose whose parameters are exactly the ones set; nil if none is.
func (t *pathTable) find(p unsafe.Pointer, route string) *pathRoute {
	if route != "" {
		for i := range t.routes {
			if t.routes[i].pattern == route {
				return &t.routes[i]
			}
		}
		return nil
	}
	for _, i := range t.choose {
		r := &t.routes[i]
		if t.exactly(p, r) {
			return r
		}
	}
	return nil
}

// exactly reports whether the parameters set in the Params at p are those
// of r.
func (t *pathTable) exactly(p unsafe.Pointer, r *pathRoute) bool {
	for _, off := range t.params {
		set := *(*string)(unsafe.Add(p, off)) != ""
		mine := false
		for _, param := range r.params {
			if param.off == off {
				mine = true
				break
			}
		}
		if set != mine {
			return false
		}
	}
	return true
}
