package support

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonWriter appends the JSON of the generated types to one buffer, without
// reflection. comma tracks whether the current object or array needs a
// separator before its next member. odataType is the @odata.type that
// writePoly gives the object it is about to write, when that object has
// none of its own.
type jsonWriter struct {
	buf       []byte
	comma     bool
	odataType string
}

// encoder is implemented by every generated type.
type encoder interface {
	encode(w *jsonWriter)
}

// marshal encodes v into a fresh buffer.
func marshal(v encoder) []byte {
	w := &jsonWriter{buf: make([]byte, 0, 512)}
	v.encode(w)
	return w.buf
}

func (w *jsonWriter) beginObject() { w.buf = append(w.buf, '{'); w.comma = false }
func (w *jsonWriter) endObject()   { w.buf = append(w.buf, '}'); w.comma = true }
func (w *jsonWriter) beginArray()  { w.buf = append(w.buf, '['); w.comma = false }
func (w *jsonWriter) endArray()    { w.buf = append(w.buf, ']'); w.comma = true }

// key writes a member name; names are generated constants or validated
// input, so only unknown members' names go through string escaping.
func (w *jsonWriter) key(name string) {
	if w.comma {
		w.buf = append(w.buf, ',')
	}
	w.str(name)
	w.buf = append(w.buf, ':')
	w.comma = false
}

// elem writes the separator before an array element.
func (w *jsonWriter) elem() {
	if w.comma {
		w.buf = append(w.buf, ',')
	}
	w.comma = false
}

func (w *jsonWriter) null() { w.buf = append(w.buf, "null"...); w.comma = true }

func (w *jsonWriter) bool(v bool) { w.buf = strconv.AppendBool(w.buf, v); w.comma = true }

func (w *jsonWriter) int64(v int64) { w.buf = strconv.AppendInt(w.buf, v, 10); w.comma = true }
func (w *jsonWriter) int32(v int32) { w.int64(int64(v)) }
func (w *jsonWriter) int16(v int16) { w.int64(int64(v)) }
func (w *jsonWriter) int8(v int8)   { w.int64(int64(v)) }
func (w *jsonWriter) uint8(v uint8) { w.int64(int64(v)) }

// float64 writes like encoding/json, with OData's strings for the values
// JSON numbers cannot hold.
func (w *jsonWriter) float64(v float64) {
	switch {
	case math.IsNaN(v):
		w.buf = append(w.buf, `"NaN"`...)
	case math.IsInf(v, 1):
		w.buf = append(w.buf, `"INF"`...)
	case math.IsInf(v, -1):
		w.buf = append(w.buf, `"-INF"`...)
	default:
		abs := math.Abs(v)
		format := byte('f')
		if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
			format = 'e'
		}
		w.buf = strconv.AppendFloat(w.buf, v, format, -1, 64)
	}
	w.comma = true
}

func (w *jsonWriter) float32(v float32) { w.float64(float64(v)) }

func (w *jsonWriter) time(v time.Time) {
	w.buf = append(w.buf, '"')
	w.buf = v.AppendFormat(w.buf, time.RFC3339Nano)
	w.buf = append(w.buf, '"')
	w.comma = true
}

func (w *jsonWriter) raw(v json.RawMessage) {
	if len(v) == 0 {
		w.null()
		return
	}
	w.buf = append(w.buf, v...)
	w.comma = true
}

const hexDigits = "0123456789abcdef"

// str writes a string with JSON escaping; invalid UTF-8 becomes U+FFFD, as
// encoding/json does.
func (w *jsonWriter) str(s string) {
	w.buf = append(w.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			w.buf = append(w.buf, s[start:i]...)
			switch c {
			case '"', '\\':
				w.buf = append(w.buf, '\\', c)
			case '\n':
				w.buf = append(w.buf, '\\', 'n')
			case '\r':
				w.buf = append(w.buf, '\\', 'r')
			case '\t':
				w.buf = append(w.buf, '\\', 't')
			default:
				w.buf = append(w.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.buf = append(w.buf, s[start:i]...)
			w.buf = append(w.buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 and U+2029 break JavaScript string literals.
		if r == '\u2028' || r == '\u2029' {
			w.buf = append(w.buf, s[start:i]...)
			w.buf = append(w.buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	w.buf = append(w.buf, s[start:]...)
	w.buf = append(w.buf, '"')
	w.comma = true
}

// extra writes the members a value kept from decoding that its type does
// not define, in name order so output is deterministic.
func (w *jsonWriter) extra(m map[string]json.RawMessage) {
	if len(m) == 0 {
		return
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		w.key(k)
		w.raw(m[k])
	}
}

// member writes the name of an Optional member, and null for a null one.
// It reports whether the caller should write the value.
func (w *jsonWriter) member(name string, st state) bool {
	if st == absent {
		return false
	}
	w.key(name)
	if st == null {
		w.null()
		return false
	}
	return true
}

// writeOpt writes a member unless it is absent.
func writeOpt[T any](w *jsonWriter, name string, o *Optional[T], write func(*jsonWriter, T)) {
	if w.member(name, o.state) {
		write(w, o.Value)
	}
}

// writeItems writes items as an array.
func writeItems[T any](w *jsonWriter, items []T, write func(*jsonWriter, T)) {
	w.beginArray()
	for _, v := range items {
		w.elem()
		write(w, v)
	}
	w.endArray()
}

// writePoly writes a value held by a base type's interface; nil is written
// as null. A derived value whose ODataType is empty is written with the
// @odata.type of its Go type, so that the receiver decodes the type that
// was sent, not the base: base is the base type's, which needs none.
func writePoly(w *jsonWriter, v encoder, base string) {
	if v == nil {
		w.null()
		return
	}
	if t := odataTypeOf(v); t != base {
		w.odataType = t
	}
	v.encode(w)
	w.odataType = ""
}

// odataTypeMember writes the @odata.type of an object, the first of its
// members: its own, or the one writePoly named for it.
func (w *jsonWriter) odataTypeMember(own string) {
	name := own
	if name == "" {
		name = w.odataType
	}
	w.odataType = ""
	if name != "" {
		w.key("@odata.type")
		w.str(name)
	}
}

// WriteEnum writes an enumeration value.
func WriteEnum[T ~string](w *jsonWriter, v T) { w.str(string(v)) }
