package support

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// What the generated operations' packages and example tests call that the
// support code keeps under its own names: they are other packages, which
// reach only exported names.

// AddQueryOptions adds the system query options set in o to q, for the
// Client.
func AddQueryOptions(q url.Values, o *QueryOptions) { o.addTo(q) }

// ReadScalar and WriteScalar are the codecs of a single primitive value of
// the Go type an Edm type has, for the results that are one.
func ReadScalar[T any](r *jsonReader) T {
	var v T
	switch p := any(&v).(type) {
	case *string:
		*p = r.str()
	case *bool:
		*p = r.bool()
	case *int8:
		*p = r.int8()
	case *uint8:
		*p = r.uint8()
	case *int16:
		*p = r.int16()
	case *int32:
		*p = r.int32()
	case *int64:
		*p = r.int64()
	case *float32:
		*p = r.float32()
	case *float64:
		*p = r.float64()
	case *time.Time:
		*p = r.time()
	case *json.RawMessage:
		*p = r.raw()
	default:
		r.fail("no codec for %T", v)
	}
	return v
}

func WriteScalar[T any](w *jsonWriter, v T) {
	switch v := any(v).(type) {
	case string:
		w.str(v)
	case bool:
		w.bool(v)
	case int8:
		w.int8(v)
	case uint8:
		w.uint8(v)
	case int16:
		w.int16(v)
	case int32:
		w.int32(v)
	case int64:
		w.int64(v)
	case float32:
		w.float32(v)
	case float64:
		w.float64(v)
	case time.Time:
		w.time(v)
	case json.RawMessage:
		w.raw(v)
	default:
		panic(fmt.Sprintf("%s: no codec for %T", packageName, v))
	}
}

// Unmarshal decodes data into v, a pointer to a generated type or a codec
// (a Collection's, an interface-held value's), strictly as the handler
// does or leniently as the client does; Marshal encodes one. They are the
// example tests' way in.
func Unmarshal(data []byte, v any, strict bool) error {
	d, ok := v.(decoder)
	if !ok {
		return fmt.Errorf("%s: %T is not a generated type", packageName, v)
	}
	return unmarshal(data, d, strict)
}

// DecodeShape decodes what fits of a documented body that shows types
// instead of values ("String", "Int32"): its property names and nesting
// are checked, when strict, and values of the wrong kind pass.
func DecodeShape(data []byte, v any, strict bool) error {
	d, ok := v.(decoder)
	if !ok {
		return fmt.Errorf("%s: %T is not a generated type", packageName, v)
	}
	r := &jsonReader{data: string(data), strict: strict, shape: true}
	d.decode(r)
	return r.err
}

func Marshal(v any) ([]byte, error) {
	e, ok := v.(encoder)
	if !ok {
		return nil, fmt.Errorf("%s: %T is not a generated type", packageName, v)
	}
	return marshal(e), nil
}

// ParseInstant reads a timestamp as the decoder reads Edm.DateTimeOffset
// values (one without a zone offset is UTC), for the example tests, which
// compare timestamps as instants.
func ParseInstant(s string) (time.Time, bool) {
	r := &jsonReader{data: strconv.Quote(s)}
	t := r.time()
	return t, r.err == nil
}
