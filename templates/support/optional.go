package support

// Optional is a property value that may be absent, explicitly null, or set.
// The three differ on the wire: an absent property is left out when
// encoding, a null one is sent as null (which clears it in a PATCH), and a
// set one carries its value. The zero Optional is absent.
type Optional[T any] struct {
	value T
	state optionalState
}

type optionalState uint8

const (
	absent optionalState = iota
	null
	set
)

// Some returns an Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{value: v, state: set} }

// Null returns an Optional that encodes as JSON null.
func Null[T any]() Optional[T] { return Optional[T]{state: null} }

// Get returns the value and whether it is set.
func (o *Optional[T]) Get() (T, bool) { return o.value, o.state == set }

// Value returns the value, or T's zero value when absent or null.
func (o *Optional[T]) Value() T { return o.value }

// IsSet reports whether a value is present (neither absent nor null).
func (o *Optional[T]) IsSet() bool { return o.state == set }

// IsNull reports whether the value is an explicit null.
func (o *Optional[T]) IsNull() bool { return o.state == null }

// IsZero reports whether the value is absent; encoding/json's omitzero
// option calls it to leave absent properties out.
func (o *Optional[T]) IsZero() bool { return o.state == absent }
