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

// PathTable is the routes of one operation.
type PathTable struct {
	// Routes are the operation's Routes, in the order of the route table
	// (the router's route index).
	Routes []PathRoute
	// Params are the offsets of every path parameter field of the Params.
	Params []uintptr
	// Choose are the routes, by index, the Client takes when Route is
	// empty: the first whose parameters are exactly the ones set.
	Choose []int
}

// PathRoute is one route of an operation.
type PathRoute struct {
	Pattern string // the documented route, Params.Route
	// Parts are the literal text before, between and after the
	// parameters: one more than params.
	Parts  []string
	Params []PathParam
}

// PathParam is a route parameter: its field, and whether it is a span of
// segments ({item-path*}: "folder/file.txt"), escaped segment by segment.
type PathParam struct {
	Off  uintptr
	Span bool
}

// BindPath sets the parameters of the route index the router matched in
// the Params at p from its values, and returns the route's pattern.
func BindPath(p unsafe.Pointer, t *PathTable, route int, values []string) string {
	if route < 0 || route >= len(t.Routes) {
		return ""
	}
	r := &t.Routes[route]
	for i, param := range r.Params {
		if i < len(values) {
			*(*string)(unsafe.Add(p, param.Off)) = values[i]
		}
	}
	return r.Pattern
}

// BuildPath builds the request path of the Params at p for the route
// named route, or when it is empty for the route its set parameters
// select.
func BuildPath(p unsafe.Pointer, t *PathTable, route, operation string) (string, error) {
	r := t.find(p, route)
	if r == nil {
		return "", errNoRoute(operation, route)
	}
	var b strings.Builder
	for i, part := range r.Parts {
		b.WriteString(part)
		if i == len(r.Params) {
			break
		}
		v := *(*string)(unsafe.Add(p, r.Params[i].Off))
		if r.Params[i].Span {
			b.WriteString(escapeSpan(v))
		} else {
			b.WriteString(url.PathEscape(v))
		}
	}
	return b.String(), nil
}

// find returns the route named route, or when it is empty the first route
// of choose whose parameters are exactly the ones set; nil if none is.
func (t *PathTable) find(p unsafe.Pointer, route string) *PathRoute {
	if route != "" {
		for i := range t.Routes {
			if t.Routes[i].Pattern == route {
				return &t.Routes[i]
			}
		}
		return nil
	}
	for _, i := range t.Choose {
		r := &t.Routes[i]
		if t.exactly(p, r) {
			return r
		}
	}
	return nil
}

// exactly reports whether the parameters set in the Params at p are those
// of r.
func (t *PathTable) exactly(p unsafe.Pointer, r *PathRoute) bool {
	for _, off := range t.Params {
		set := *(*string)(unsafe.Add(p, off)) != ""
		mine := false
		for _, param := range r.Params {
			if param.Off == off {
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
