// Package model is docgen's intermediate model of an API reference: plain
// data named after documentation concepts, built by package parser and read
// by package generator. Every node records where in the docs it came from, so
// that any later stage can point a diagnostic or a generated comment at the
// line a documentation author should edit.
//
// Document is the model as JSON, which `docgen --emit-model` writes; its
// comment gives the shape.
package model

import "fmt"

// Pos is a position in the documentation set. File is the page's stable path
// (the docs folder's base name joined with the page's path inside it, slash
// separated, such as "seeds/api/user-get.md"), never an absolute path, so that
// the model and everything generated from it are the same on every machine.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// API is a whole documentation set after type resolution.
type API struct {
	Pages      []*Page      `json:"pages"`
	Types      []*Type      `json:"types"`      // sorted by QualifiedName
	Enums      []*Enum      `json:"enums"`      // sorted by QualifiedName
	Operations []*Operation `json:"operations"` // in page order, then source order
}

// PageKind is what a page documents, from its doc_type or its content.
type PageKind string

const (
	PageMethod     PageKind = "method"
	PageResource   PageKind = "resource"
	PageEnum       PageKind = "enum"
	PageConceptual PageKind = "conceptual"
)

// Page is one documentation file.
type Page struct {
	Pos         Pos      `json:"pos"`
	Kind        PageKind `json:"kind"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Namespace   string   `json:"namespace,omitempty"`
}

// TypeSource says where a type's properties came from, weakest last.
type TypeSource string

const (
	// FromResourcePage: the type's own resource page.
	FromResourcePage TypeSource = "resource page"
	// FromRequestTable: a method page's request-body property table, used
	// when the type has no page of its own.
	FromRequestTable TypeSource = "request body table"
	// FromExamples: inferred from example JSON, the last resort.
	FromExamples TypeSource = "examples"
)

// Type is a structured (entity or complex) type.
type Type struct {
	Pos        Pos         `json:"pos"`
	Name       string      `json:"name"`                  // as documented: "domainSecurityProfile"
	Namespace  string      `json:"namespace"`             // "microsoft.graph"
	BaseType   string      `json:"baseType,omitempty"`    // qualified name
	Key        string      `json:"key,omitempty"`         // keyProperty annotation
	Abstract   bool        `json:"abstract,omitempty"`    // abstract annotation
	OpenType   bool        `json:"openType,omitempty"`    // openType annotation
	Source     TypeSource  `json:"source"`                // where the properties came from
	Properties []*Property `json:"properties"`            // structural then navigation, in doc order
	Doc        string      `json:"description,omitempty"` // one-line summary
}

// QualifiedName is the type's name with its namespace, as @odata.type spells it.
func (t *Type) QualifiedName() string { return Qualify(t.Namespace, t.Name) }

// Property is one property of a Type.
type Property struct {
	Pos        Pos     `json:"pos"`
	Name       string  `json:"name"` // JSON name as documented
	Type       TypeRef `json:"type"`
	Navigation bool    `json:"navigation,omitempty"` // from a Relationships table
	Doc        string  `json:"description,omitempty"`
}

// TypeRef names a property's, parameter's or result's type. Name is
// qualified: "Edm.String", "microsoft.graph.reputationCategory".
type TypeRef struct {
	Name       string `json:"name"`
	Collection bool   `json:"collection,omitempty"`
}

func (r TypeRef) String() string {
	if r.Collection {
		return "Collection(" + r.Name + ")"
	}
	return r.Name
}

// IsEdm reports whether the type is a primitive Edm type.
func (r TypeRef) IsEdm() bool { return len(r.Name) > 4 && r.Name[:4] == "Edm." }

// Enum is an enumeration type. Its values travel as JSON strings.
type Enum struct {
	Pos       Pos           `json:"pos"`
	Name      string        `json:"name"`
	Namespace string        `json:"namespace"`
	Members   []*EnumMember `json:"members"`
	// Source says where the members came from: an enum page's member table,
	// or the "Possible values are" prose of a property's description.
	Source EnumSource `json:"source"`
}

// EnumSource says where an enum's members were documented.
type EnumSource string

const (
	FromEnumTable   EnumSource = "enum table"
	FromDescription EnumSource = "property description"
)

// QualifiedName is the enum's name with its namespace.
func (e *Enum) QualifiedName() string { return Qualify(e.Namespace, e.Name) }

// EnumMember is one member of an Enum.
type EnumMember struct {
	Pos  Pos    `json:"pos"`
	Name string `json:"name"`
	Doc  string `json:"description,omitempty"`
}

// Operation is one documented method: a method page's routes, inputs,
// result and examples.
type Operation struct {
	Pos         Pos           `json:"pos"`
	Title       string        `json:"title"` // "Create domainSecurityProfile"
	Doc         string        `json:"description,omitempty"`
	Method      string        `json:"method"` // "POST"
	Routes      []*Route      `json:"routes"`
	Headers     []*Parameter  `json:"headers,omitempty"`
	Query       []*Parameter  `json:"query,omitempty"`
	PathParams  []*Parameter  `json:"pathParams,omitempty"` // types of Route.Params where a table documents them
	Body        *Body         `json:"body,omitempty"`
	Response    Response      `json:"response"`
	Permissions []*Permission `json:"permissions,omitempty"`
	Examples    []*Example    `json:"examples,omitempty"`
}

// Route is one URL template of an operation's syntax block.
type Route struct {
	Pos  Pos    `json:"pos"`
	Path string `json:"path"` // as documented, without the query string
	// Query is the query string the syntax line shows, if any, without
	// "?": such a line shows a use of the route ("/me/events?$filter=..."),
	// which does not make its page the route's owner.
	Query    string     `json:"query,omitempty"`
	Segments []*Segment `json:"segments"`
}

// Segment is one slash-separated piece of a Route. It is a literal, a
// parameter, or (Parts) a mix of both, as in an OData function call
// "getEmailActivityCounts(period='{period_value}')" or the path-addressing
// "{item-path}:" of "root:/{item-path}:/content".
type Segment struct {
	Literal string         `json:"literal,omitempty"` // matched case-insensitively
	Param   string         `json:"param,omitempty"`   // the name inside {...}
	Parts   []*SegmentPart `json:"parts,omitempty"`
	// Span is set when the segment's parameter may hold slashes: in
	// "root:/{item-path}:" the item path runs up to the segment ending in ":".
	Span bool `json:"span,omitempty"`
}

// SegmentPart is a literal or a parameter inside a mixed Segment.
type SegmentPart struct {
	Literal string `json:"literal,omitempty"`
	Param   string `json:"param,omitempty"`
}

// Params returns the names of the route's parameters in order.
func (r *Route) Params() []string {
	var out []string
	for _, s := range r.Segments {
		if s.Param != "" {
			out = append(out, s.Param)
		}
		for _, p := range s.Parts {
			if p.Param != "" {
				out = append(out, p.Param)
			}
		}
	}
	return out
}

// Parameter is a header, query or action parameter.
type Parameter struct {
	Pos      Pos     `json:"pos"`
	Name     string  `json:"name"`
	Type     TypeRef `json:"type,omitzero"`
	Value    string  `json:"value,omitempty"` // a header table's Value column
	Required bool    `json:"required,omitempty"`
	Doc      string  `json:"description,omitempty"`
}

// Body is an operation's request body.
type Body struct {
	Pos Pos `json:"pos"`
	// Type is the resource the body carries; empty when the body is a set
	// of action parameters, which Properties then lists.
	Type TypeRef `json:"type,omitzero"`
	// Properties is the request-body table as documented.
	Properties []*Property `json:"properties,omitempty"`
}

// IsActionParameters reports whether the body is an action's parameter
// object rather than a resource.
func (b *Body) IsActionParameters() bool { return b.Type.Name == "" && len(b.Properties) > 0 }

// Response is an operation's documented success.
type Response struct {
	Pos    Pos      `json:"pos"`
	Status int      `json:"status"`        // 201
	Type   *TypeRef `json:"type,omitzero"` // nil when there is no body
}

// PermissionKind is a row of a permissions table.
type PermissionKind string

const (
	DelegatedWork     PermissionKind = "delegated work or school account"
	DelegatedPersonal PermissionKind = "delegated personal Microsoft account"
	Application       PermissionKind = "application"
)

// Permission lists the scopes that let a caller of one kind call an
// operation, or call it on one resource. Any one of Sets suffices; every
// scope of a set is required ("A and B" is one set of two). Nil Sets with
// Supported false means "Not supported."; Undetermined means the docs hold
// a placeholder or prose, not scopes.
type Permission struct {
	Pos  Pos            `json:"pos"`
	Kind PermissionKind `json:"kind"`
	// Resource qualifies the row: the resource of a per-resource table's
	// row or of a "For user resource:" part of a cell, as written,
	// lower-cased, markup stripped ("user", "group calendar"). Empty: the
	// row applies to every route of the operation.
	Resource     string     `json:"resource,omitempty"`
	Sets         [][]string `json:"sets,omitempty"`
	Supported    bool       `json:"supported"`
	Undetermined bool       `json:"undetermined,omitempty"`
}

// Example is a request/response pair from a method page.
type Example struct {
	Pos      Pos              `json:"pos"`
	Name     string           `json:"name"` // the annotation's name
	Request  *ExampleRequest  `json:"request"`
	Response *ExampleResponse `json:"response,omitempty"`
}

// ExampleRequest is an example's HTTP request.
type ExampleRequest struct {
	Pos     Pos       `json:"pos"`
	Method  string    `json:"method"`
	URL     string    `json:"url"`  // as written
	Path    string    `json:"path"` // without scheme, host and version segment
	Headers []*Header `json:"headers,omitempty"`
	Body    string    `json:"body,omitempty"`
}

// ExampleResponse is an example's HTTP response.
type ExampleResponse struct {
	Pos          Pos       `json:"pos"`
	Status       int       `json:"status"`
	Headers      []*Header `json:"headers,omitempty"`
	Body         string    `json:"body,omitempty"`
	Truncated    bool      `json:"truncated,omitempty"`
	ODataType    string    `json:"odataType,omitempty"`
	IsCollection bool      `json:"isCollection,omitempty"`
}

// Header is one HTTP header of an example.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Qualify joins a namespace and a name the way @odata.type does.
func Qualify(namespace, name string) string {
	if namespace == "" {
		return name
	}
	return namespace + "." + name
}
