package csdl

import (
	"sort"
	"strings"
)

// Schema is everything a metadata document declares, across its
// namespaces. Type strings are always qualified by namespace, never by
// alias: Read resolves "graph.user" to "microsoft.graph.user".
type Schema struct {
	Namespaces []string          // in document order
	Aliases    map[string]string // alias → namespace, as declared
	Types      []*Type           // sorted by qualified name
	Enums      []*Enum           // sorted by qualified name
	Operations []*Operation      // actions and functions, in document order
	Containers []*Container

	types map[string]*Type // lowercased qualified name → type
	enums map[string]*Enum
}

// Kind is what sort of structured type a Type is.
type Kind string

const (
	Entity  Kind = "entity"
	Complex Kind = "complex"
)

// Type is an EntityType or a ComplexType.
type Type struct {
	Line       int // of its element in the metadata document
	Name       string
	Namespace  string
	Kind       Kind
	BaseType   string // qualified; empty when it has none
	Abstract   bool
	OpenType   bool
	HasStream  bool
	Key        []string    // property names of its own Key element
	Properties []*Property // its own, structural and navigation, in document order
}

// QualifiedName is the type's namespace-qualified name.
func (t *Type) QualifiedName() string { return t.Namespace + "." + t.Name }

// Property is a Property or a NavigationProperty of a Type.
type Property struct {
	Line int
	Name string
	// Type is as the metadata writes it, with aliases resolved:
	// "Edm.String", "Collection(microsoft.graph.user)".
	Type           string
	Navigation     bool
	Nullable       bool // the CSDL default, true, when not written
	ContainsTarget bool
}

// Elem splits Type into its element type and whether it is a collection.
func (p *Property) Elem() (name string, collection bool) { return SplitCollection(p.Type) }

// SplitCollection splits "Collection(X)" into X and true, and anything else
// into itself and false.
func SplitCollection(t string) (string, bool) {
	if inner, ok := strings.CutPrefix(t, "Collection("); ok && strings.HasSuffix(inner, ")") {
		return inner[:len(inner)-1], true
	}
	return t, false
}

// Enum is an EnumType.
type Enum struct {
	Line      int
	Name      string
	Namespace string
	Flags     bool
	Members   []EnumMember // in document order
}

// QualifiedName is the enum's namespace-qualified name.
func (e *Enum) QualifiedName() string { return e.Namespace + "." + e.Name }

// EnumMember is one Member of an EnumType.
type EnumMember struct {
	Name  string
	Value string // as written; may be empty
}

// OperationKind tells actions from functions.
type OperationKind string

const (
	Action   OperationKind = "action"
	Function OperationKind = "function"
)

// Operation is an Action or a Function. Overloads are separate operations
// with the same name.
type Operation struct {
	Line       int
	Kind       OperationKind
	Name       string
	Namespace  string
	Bound      bool
	Composable bool
	// Parameters include the binding parameter, first, when Bound.
	Parameters []*Parameter
	ReturnType string // empty when it returns nothing
}

// Parameter is one Parameter of an Operation.
type Parameter struct {
	Name     string
	Type     string
	Nullable bool
}

// Container is an EntityContainer: the service's entry points.
type Container struct {
	Line       int
	Name       string
	Namespace  string
	EntitySets []*EntrySet
	Singletons []*EntrySet
}

// EntrySet is an EntitySet (Type is its entity type) or a Singleton.
type EntrySet struct {
	Name string
	Type string
}

// Type returns the entity or complex type of that qualified name, matched
// case-insensitively, or nil.
func (s *Schema) Type(qualified string) *Type { return s.types[strings.ToLower(qualified)] }

// Enum returns the enum type of that qualified name, matched
// case-insensitively, or nil.
func (s *Schema) Enum(qualified string) *Enum { return s.enums[strings.ToLower(qualified)] }

// Bases returns t's base types, nearest first. It stops at a base the
// schema does not declare, and at a cycle.
func (s *Schema) Bases(t *Type) []*Type {
	var out []*Type
	seen := map[*Type]bool{t: true}
	for b := s.Type(t.BaseType); b != nil && !seen[b]; b = s.Type(b.BaseType) {
		seen[b] = true
		out = append(out, b)
	}
	return out
}

// AllProperties returns t's own properties and those it inherits, the most
// distant base's first; a property redeclared lower down hides the one
// above it.
func (s *Schema) AllProperties(t *Type) []*Property {
	chain := append([]*Type{t}, s.Bases(t)...)
	var out []*Property
	index := map[string]int{}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, p := range chain[i].Properties {
			if j, ok := index[p.Name]; ok {
				out[j] = p
				continue
			}
			index[p.Name] = len(out)
			out = append(out, p)
		}
	}
	return out
}

// Count returns the number of entity, complex and enum types.
func (s *Schema) Count() (entities, complexes, enums int) {
	for _, t := range s.Types {
		if t.Kind == Entity {
			entities++
		} else {
			complexes++
		}
	}
	return entities, complexes, len(s.Enums)
}

// index sorts the declarations and builds the case-insensitive lookups.
func (s *Schema) index() {
	sort.SliceStable(s.Types, func(i, j int) bool { return s.Types[i].QualifiedName() < s.Types[j].QualifiedName() })
	sort.SliceStable(s.Enums, func(i, j int) bool { return s.Enums[i].QualifiedName() < s.Enums[j].QualifiedName() })
	s.types = map[string]*Type{}
	for _, t := range s.Types {
		key := strings.ToLower(t.QualifiedName())
		if _, dup := s.types[key]; !dup {
			s.types[key] = t
		}
	}
	s.enums = map[string]*Enum{}
	for _, e := range s.Enums {
		key := strings.ToLower(e.QualifiedName())
		if _, dup := s.enums[key]; !dup {
			s.enums[key] = e
		}
	}
}
