package support

import "net/http"

// Stand-ins for what docgen generates in every package and the support
// code refers to. This file is not copied out: the generated package has
// the real declarations.

// packageName is the generated package's name (docgen writes it in
// support.go).
const packageName = "support"

// Server is the generated interface with one method per operation
// (server.go); the support code only passes it to the generated serve
// functions.
type Server interface{}

// NewHandler is the generated handler of the whole route table
// (server.go).
func NewHandler(s Server, opts ...HandlerOption) http.Handler {
	return NewRouteHandler(s, routes, opts...)
}

// routes is the generated table of every documented route (server.go).
var routes []Route

// UnimplementedServer is the generated Server whose every method answers
// 501 Not Implemented (server.go). The support code does not use it; it
// stands here so that its name is reserved like the support code's own.
type UnimplementedServer struct{}

// DefaultBasePath is the version path the handler serves the API under and
// the client adds to a base URL without a path (support.go).
const DefaultBasePath = "/v1.0"

// odataTypeOf returns the @odata.type of a derived type's value, and "" for
// any other (odata.go).
func odataTypeOf(v any) string { return "" }

// objectTypes are the JSON tables of the generated struct types, by typeID
// (odata.go). The support tests' fixture sets them.
var objectTypes []*objectType
