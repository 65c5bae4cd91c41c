package support

// Optional is a property value that may be absent, explicitly null, or set.
// The three differ on the wire: an absent property is left out when
// encoding, a null one is sent as null (which clears it in a PATCH), and a
// set one carries its value. The zero Optional is absent.
//
// Read Value when IsSet; make one with Some or Null. (Setting Value of an
// absent Optional leaves it absent: Some sets both.)
//
// Optional has no methods of its own, only those of its embedded state:
// the methods of a generic type are compiled again for each of its
// instantiations in every package that refers to one, and the API's types
// hold thousands of different Optionals.
type Optional[T any] struct {
	// Value is the value when set; T's zero value when absent or null.
	Value T
	state
}

// state is whether an Optional is absent, null or set.
type state uint8

const (
	absent state = iota
	null
	set
)

// Some returns an Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Value: v, state: set} }

// Null returns an Optional that encodes as JSON null.
func Null[T any]() Optional[T] { return Optional[T]{state: null} }

// IsSet reports whether a value is present (neither absent nor null).
func (s *state) IsSet() bool { return *s == set }

// IsNull reports whether the value is an explicit null.
func (s *state) IsNull() bool { return *s == null }

// IsZero reports whether the value is absent; encoding/json's omitzero
// option calls it to leave absent properties out.
func (s *state) IsZero() bool { return *s == absent }
