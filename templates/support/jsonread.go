package support

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// jsonReader decodes the JSON of the generated types without reflection:
// each type's decode method asks for the values it expects, and the reader
// reports the first problem with the path of the property it was in.
//
// In strict mode (the handler's request bodies) a property the type does not
// have is an error; otherwise (the client, json.Unmarshal) it is kept in the
// value's AdditionalData so that re-encoding loses nothing.
//
// A property that comes twice keeps its last value, in either mode, as with
// encoding/json. Invalid UTF-8 in a string becomes U+FFFD, one a bad byte,
// as with encoding/json too.
type jsonReader struct {
	// data is the input, not copied: it may be the caller's buffer, which
	// the caller may reuse once decoding returns, so a string that outlives
	// the decoding (a property's value, a kept member's name) is copied out
	// of it into buf (see keep); names that are only looked up are not.
	data string
	// buf is the current block that kept strings are copied into, the
	// first used bytes of it taken: one allocation for many short strings.
	buf    []byte
	used   int
	pos    int
	err    error
	strict bool
	depth  int
	// shape makes values of the wrong kind pass: documentation examples that
	// show type names ("String", "Int32") instead of values are checked for
	// their property names and nesting only.
	shape bool
	// items and polys are where decodeItems and decodeField have the
	// generated functions (an object type's grow, a base type's polyCodec)
	// decode a collection's items or an interface-held value, one of each
	// per nesting depth, before they copy it to the property. Handing
	// those functions the property's own address would make the compiler
	// put every value decoded into on the heap, a local one too; the
	// reader is on the heap anyway. Deeper values use memory of their own.
	items [slotDepth][]struct{}
	polys [slotDepth]Optional[any]
}

// slotDepth is how many nesting depths have a jsonReader.items and polys
// slot, from the properties of the outermost object (depth 1) in: Graph's
// payloads rarely nest collections deeper.
const slotDepth = 3

// itemsSlot returns the reader's slice slot of the current depth.
func (r *jsonReader) itemsSlot() *[]struct{} {
	if d := uint(r.depth - 1); d < slotDepth {
		return &r.items[d]
	}
	return new([]struct{})
}

// polySlot returns the reader's interface slot of the current depth.
func (r *jsonReader) polySlot() *Optional[any] {
	if d := uint(r.depth - 1); d < slotDepth {
		return &r.polys[d]
	}
	return new(Optional[any])
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 128

// decoder is implemented by every generated type.
type decoder interface {
	decode(r *jsonReader)
}

// unmarshal decodes data into v, which must consume the whole input.
func unmarshal(data []byte, v decoder, strict bool) error {
	// json.Unmarshal hands a top-level null to UnmarshalJSON; it changes nothing.
	if !strict && isNull(data) {
		return nil
	}
	r := &jsonReader{data: unsafe.String(unsafe.SliceData(data), len(data)), strict: strict}
	v.decode(r)
	return r.done()
}

// isNull reports whether data is the JSON null, with JSON's white space
// around it (not bytes.TrimSpace's, which also takes \v, \f and Unicode
// spaces).
func isNull(data []byte) bool {
	return string(bytes.Trim(data, " \t\r\n")) == "null"
}

// done returns the first problem, or reports data after the value.
func (r *jsonReader) done() error {
	if r.err == nil {
		r.space()
		if r.pos < len(r.data) {
			r.syntaxError("unexpected data after the JSON value")
		}
	}
	return r.err
}

// DecodeError is a problem in JSON input, with the path of the property where
// it was found ("registrant.url", "tags[2]").
type DecodeError struct {
	Path   string
	Offset int  // byte offset in the input
	Syntax bool // the input is not JSON at all, as opposed to JSON of the wrong shape
	Msg    string
}

func (e *DecodeError) Error() string {
	switch {
	case e.Syntax && e.Path != "":
		return fmt.Sprintf("invalid JSON at offset %d, in property %q: %s", e.Offset, e.Path, e.Msg)
	case e.Syntax || e.Path == "":
		return fmt.Sprintf("invalid JSON at offset %d: %s", e.Offset, e.Msg)
	}
	return fmt.Sprintf("property %q: %s", e.Path, e.Msg)
}

// fail records a value of the wrong shape, or, when the next byte cannot
// start a JSON value at all, a syntax error.
func (r *jsonReader) fail(format string, args ...any) {
	if r.err == nil && !r.shape {
		r.err = &DecodeError{Offset: r.pos, Msg: fmt.Sprintf(format, args...)}
	}
}

// syntaxError records input that is not JSON.
func (r *jsonReader) syntaxError(format string, args ...any) {
	if r.err == nil {
		r.err = &DecodeError{Offset: r.pos, Syntax: true, Msg: fmt.Sprintf(format, args...)}
	}
}

// mismatch reports that the next value is not the kind wanted: a syntax
// error when nothing valid starts there.
func (r *jsonReader) mismatch(want string) {
	c := r.peek()
	if kind(c) == "" {
		if c == 0 {
			r.syntaxError("unexpected end of input")
		} else {
			r.syntaxError("unexpected %q", c)
		}
		return
	}
	if r.shape {
		r.skip()
		return
	}
	r.fail("expected %s, found %s", want, kind(c))
}

// inProperty prefixes the path of a pending error with a property name, as
// the error unwinds out of nested values.
func (r *jsonReader) inProperty(name string) {
	if e, ok := r.err.(*DecodeError); ok {
		if e.Path == "" {
			e.Path = strings.Clone(name) // name may be the input's memory
		} else if strings.HasPrefix(e.Path, "[") {
			e.Path = name + e.Path
		} else {
			e.Path = name + "." + e.Path
		}
	}
}

// inElement prefixes the path of a pending error with an array index.
func (r *jsonReader) inElement(i int) {
	if e, ok := r.err.(*DecodeError); ok {
		idx := "[" + strconv.Itoa(i) + "]"
		if e.Path == "" || strings.HasPrefix(e.Path, "[") {
			e.Path = idx + e.Path
		} else {
			e.Path = idx + "." + e.Path
		}
	}
}

func (r *jsonReader) space() {
	if r.pos < len(r.data) && r.data[r.pos] > ' ' {
		return
	}
	r.spaces()
}

// spaces skips white space; space calls it when there is any.
func (r *jsonReader) spaces() {
	data, pos := r.data, r.pos
	for pos < len(data) {
		switch data[pos] {
		case ' ', '\n', '\r', '\t':
			pos++
		default:
			r.pos = pos
			return
		}
		// Indented JSON has runs of spaces: eight at a time, up to the
		// first other byte.
		for pos+8 <= len(data) {
			if y := load8(data, pos) ^ lsb*' '; y != 0 {
				pos += bits.TrailingZeros64(y) >> 3
				break
			}
			pos += 8
		}
	}
	r.pos = pos
}

// load8 reads eight bytes of s as a little-endian word; the compiler makes
// it one load.
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// specials has the high bit set of the bytes of x that end or escape a
// string or need checking: '"', '\\', control characters, and, where high
// is msb, non-ASCII bytes (high is 0 once a string is known not to be
// ASCII). A byte after the first one found may be marked wrongly (a borrow
// carries into it), so only the lowest mark counts.
func specials(x, high uint64) uint64 {
	quote := x ^ (lsb * '"')
	slash := x ^ (lsb * '\\')
	special := (quote - lsb) &^ quote
	special |= (slash - lsb) &^ slash
	special |= (x - lsb*0x20) &^ x // a byte below 0x20 borrows into its high bit
	special |= x & high
	return special & msb
}

// peek returns the next significant byte, or 0 at the end.
func (r *jsonReader) peek() byte {
	if r.pos < len(r.data) && r.data[r.pos] > ' ' {
		return r.data[r.pos]
	}
	r.spaces()
	if r.pos < len(r.data) {
		return r.data[r.pos]
	}
	return 0
}

// peekNear is the part of peek that the compiler inlines, for the hot
// paths: the byte at r.pos when it is significant, else 0, when the caller
// peeks: c := r.peekNear(); if c == 0 { c = r.peek() }.
func (r *jsonReader) peekNear() byte {
	if r.pos < len(r.data) && r.data[r.pos] > ' ' {
		return r.data[r.pos]
	}
	return 0
}

// kind names a JSON value by its first byte, for messages; "" when no
// value starts with it.
func kind(c byte) string {
	switch {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	}
	return ""
}

func (r *jsonReader) literal(word string) bool {
	if len(r.data)-r.pos >= len(word) && r.data[r.pos:r.pos+len(word)] == word {
		r.pos += len(word)
		return true
	}
	r.syntaxError("invalid literal")
	return false
}

// null consumes a null if one is next.
func (r *jsonReader) null() bool {
	c := r.peekNear()
	if c == 0 {
		c = r.peek()
	}
	if c == 'n' && r.err == nil {
		return r.literal("null")
	}
	return false
}

// beginObject consumes "{" and reports whether a member follows; callers
// loop: for more := r.beginObject(); more; more = r.nextMember() { ... }.
func (r *jsonReader) beginObject() bool { return r.begin('{', '}', "an object") }

// nextMember consumes the separator after a member: true at ",", false
// at the closing "}".
func (r *jsonReader) nextMember() bool { return r.next('}', "a property") }

// beginArray consumes "[" and reports whether an element follows.
func (r *jsonReader) beginArray() bool { return r.begin('[', ']', "an array") }

// nextElement consumes the separator after an element: true at ",",
// false at the closing "]".
func (r *jsonReader) nextElement() bool { return r.next(']', "an array element") }

func (r *jsonReader) begin(open, close byte, what string) bool {
	if r.err != nil {
		return false
	}
	c := r.peekNear()
	if c == 0 {
		c = r.peek()
	}
	if c != open {
		r.mismatch(what)
		return false
	}
	r.depth++
	if r.depth > maxDepth {
		r.fail("nested deeper than %d levels", maxDepth)
		return false
	}
	r.pos++
	if r.peek() == close {
		r.pos++
		r.depth--
		return false
	}
	return true
}

func (r *jsonReader) next(close byte, after string) bool {
	if r.err != nil {
		return false
	}
	// Most values are followed by the comma at once.
	if r.pos < len(r.data) && r.data[r.pos] == ',' {
		r.pos++
		return true
	}
	switch r.peek() {
	case ',':
		r.pos++
		return true
	case close:
		r.pos++
		r.depth--
		return false
	}
	r.syntaxError("expected ',' or '%c' after %s", close, after)
	return false
}

// key reads a member name and its colon. The name may be the input's
// memory: what keeps it past the decoding copies it (dynamic, inProperty).
func (r *jsonReader) key() string {
	c := r.peekNear()
	if c == 0 {
		c = r.peek()
	}
	if c != '"' {
		r.syntaxError("expected a property name")
		return ""
	}
	k, _ := r.scanString()
	if r.pos < len(r.data) && r.data[r.pos] == ':' {
		r.pos++
		return k
	}
	if r.peek() != ':' {
		r.syntaxError("expected ':' after property name")
		return ""
	}
	r.pos++
	return k
}

// str reads a JSON string value, which the caller may keep.
func (r *jsonReader) str() string {
	if r.err != nil {
		return ""
	}
	c := r.peekNear()
	if c == 0 {
		c = r.peek()
	}
	if c != '"' {
		r.mismatch("a string")
		return ""
	}
	return r.readString()
}

// strRef reads a JSON string value that the caller does not keep: it may
// be the input's memory.
func (r *jsonReader) strRef() string {
	if r.err != nil {
		return ""
	}
	if r.peek() != '"' {
		r.mismatch("a string")
		return ""
	}
	s, _ := r.scanString()
	return s
}

// readString reads a string at r.pos (an opening quote), unescaping it,
// into memory of its own.
func (r *jsonReader) readString() string {
	s, owned := r.scanString()
	if !owned {
		s = r.keep(s)
	}
	return s
}

// keepBlock is the size of the blocks that keep copies strings into, at
// most; a string of keepAlone bytes or more is copied on its own.
const (
	keepBlock = 16 << 10
	keepAlone = 1 << 10
)

// keep returns a copy of s that does not share the input's memory. Short
// strings are copied into one block: a decoded value costs one allocation
// or a few, and the bytes it keeps, not the whole input.
func (r *jsonReader) keep(s string) string {
	if len(s) == 0 {
		return ""
	}
	if len(s) >= keepAlone {
		return strings.Clone(s)
	}
	if len(r.buf)-r.used < len(s) {
		// What is left of the input bounds what is left to keep, save for
		// repaired UTF-8; a third of the input is a usual share of values.
		n := min(len(r.data)/3+64, len(r.data)-r.pos+len(s), keepBlock)
		r.buf, r.used = make([]byte, max(n, len(s))), 0
	}
	// Only the count changes per string: no pointer is stored.
	b := r.buf[r.used : r.used+len(s)]
	copy(b, s)
	r.used += len(s)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// scanString reads a string at r.pos (an opening quote), unescaping it. In
// the common case, no escapes and valid UTF-8, the result is a substring of
// the input and owned is false; otherwise it has memory of its own.
func (r *jsonReader) scanString() (s string, owned bool) {
	data, pos := r.data, r.pos+1 // in locals, which the compiler keeps in registers
	start := pos
	ascii := true
	high := uint64(msb)
	for {
		// Plain bytes go eight at a time, up to the first other one.
		for pos+8 <= len(data) {
			if m := specials(load8(data, pos), high); m != 0 {
				pos += bits.TrailingZeros64(m) >> 3
				break
			}
			pos += 8
		}
		if pos >= len(data) {
			break
		}
		c := data[pos]
		switch {
		case c == '"':
			s := data[start:pos]
			r.pos = pos + 1
			if !ascii && !utf8.ValidString(s) {
				return toValidUTF8(s), true
			}
			return s, false
		case c == '\\':
			r.pos = pos
			return r.readEscaped(start), true
		case c < 0x20:
			r.pos = pos
			r.syntaxError("control character in a string")
			return "", true
		case c >= 0x80:
			ascii, high = false, 0
		}
		pos++
	}
	r.pos = pos
	r.syntaxError("unterminated string")
	return "", true
}

// skipString passes over a string at r.pos (an opening quote), checking it
// as scanString does, without unescaping it.
func (r *jsonReader) skipString() {
	r.pos++
	for {
		for r.pos+8 <= len(r.data) {
			if m := specials(load8(r.data, r.pos), 0); m != 0 {
				r.pos += bits.TrailingZeros64(m) >> 3
				break
			}
			r.pos += 8
		}
		if r.pos >= len(r.data) {
			break
		}
		switch c := r.data[r.pos]; {
		case c == '"':
			r.pos++
			return
		case c < 0x20:
			r.syntaxError("control character in a string")
			return
		case c == '\\':
			if r.pos+1 >= len(r.data) {
				r.syntaxError("unterminated string")
				return
			}
			r.pos++
			switch e := r.data[r.pos]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if _, ok := r.hex4(r.pos + 1); !ok {
					r.syntaxError("invalid \\u escape")
					return
				}
				r.pos += 4
			default:
				r.syntaxError("invalid escape \\%c", e)
				return
			}
		}
		r.pos++
	}
	r.syntaxError("unterminated string")
}

func (r *jsonReader) readEscaped(start int) string {
	var tmp [128]byte
	buf := append(tmp[:0], r.data[start:r.pos]...)
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		switch {
		case c == '"':
			r.pos++
			// buf may be on the stack: what is returned is a copy.
			s := unsafe.String(unsafe.SliceData(buf), len(buf))
			if !utf8.ValidString(s) {
				return repairUTF8(s)
			}
			return r.keep(s)
		case c < 0x20:
			r.syntaxError("control character in a string")
			return ""
		case c != '\\':
			buf = append(buf, c)
			r.pos++
			continue
		}
		if r.pos+1 >= len(r.data) {
			break
		}
		r.pos++
		switch e := r.data[r.pos]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			rn, ok := r.hex4(r.pos + 1)
			if !ok {
				r.syntaxError("invalid \\u escape")
				return ""
			}
			r.pos += 4
			if utf16.IsSurrogate(rn) {
				if lo, ok := r.hex4(r.pos + 3); ok && r.pos+2 < len(r.data) && r.data[r.pos+1] == '\\' && r.data[r.pos+2] == 'u' {
					if dec := utf16.DecodeRune(rn, lo); dec != utf8.RuneError {
						rn = dec
						r.pos += 6
					} else {
						rn = utf8.RuneError
					}
				} else {
					rn = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, rn)
		default:
			r.syntaxError("invalid escape \\%c", e)
			return ""
		}
		r.pos++
	}
	r.syntaxError("unterminated string")
	return ""
}

// toValidUTF8 replaces each byte of s that is not part of valid UTF-8 with
// U+FFFD, as encoding/json does (strings.ToValidUTF8 would replace a run
// of them with one).
func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return repairUTF8(s)
}

// repairUTF8 is toValidUTF8 into memory of its own, always: s may be
// scratch memory.
func repairUTF8(s string) string {
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

func (r *jsonReader) hex4(at int) (rune, bool) {
	if at+4 > len(r.data) {
		return 0, false
	}
	var v rune
	for i := at; i < at+4; i++ {
		c := r.data[i]
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// number returns the text of the number at r.pos, checked against the JSON
// grammar.
func (r *jsonReader) number() (string, bool) {
	if r.err != nil {
		return "", false
	}
	if c := r.peek(); c != '-' && (c < '0' || c > '9') {
		r.mismatch("a number")
		return "", false
	}
	start := r.pos
	if r.data[r.pos] == '-' {
		r.pos++
	}
	digits := func() int {
		n := 0
		for r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' {
			r.pos++
			n++
		}
		return n
	}
	intStart := r.pos
	if digits() == 0 || (r.data[intStart] == '0' && r.pos-intStart > 1) {
		r.syntaxError("invalid number")
		return "", false
	}
	if r.pos < len(r.data) && r.data[r.pos] == '.' {
		r.pos++
		if digits() == 0 {
			r.syntaxError("invalid number")
			return "", false
		}
	}
	if r.pos < len(r.data) && (r.data[r.pos] == 'e' || r.data[r.pos] == 'E') {
		r.pos++
		if r.pos < len(r.data) && (r.data[r.pos] == '+' || r.data[r.pos] == '-') {
			r.pos++
		}
		if digits() == 0 {
			r.syntaxError("invalid number")
			return "", false
		}
	}
	return r.data[start:r.pos], true
}

func (r *jsonReader) integer(bits int, what string) int64 {
	s, ok := r.number()
	if !ok {
		return 0
	}
	v, ok := parseSmallInt(s)
	if ok && (bits == 64 || (v >= -1<<(bits-1) && v < 1<<(bits-1))) {
		return v
	}
	v, err := strconv.ParseInt(s, 10, bits)
	if err != nil {
		r.fail("expected %s, found %s", what, s)
	}
	return v
}

// parseSmallInt parses the text of a JSON number that is an integer of at
// most 18 digits, which int64 holds; false for any other, which strconv
// parses or refuses.
func parseSmallInt(s string) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

func (r *jsonReader) int32() int32 { return int32(r.integer(32, "a 32-bit integer")) }
func (r *jsonReader) int64() int64 { return r.integer(64, "a 64-bit integer") }
func (r *jsonReader) int16() int16 { return int16(r.integer(16, "a 16-bit integer")) }
func (r *jsonReader) int8() int8   { return int8(r.integer(8, "an 8-bit integer")) }

func (r *jsonReader) uint8() uint8 {
	v := r.integer(16, "a byte")
	if v < 0 || v > math.MaxUint8 {
		r.fail("expected a byte (0 to 255), found %d", v)
	}
	return uint8(v)
}

func (r *jsonReader) float64() float64 {
	// OData writes INF, -INF and NaN as strings.
	if r.peek() == '"' {
		switch s, _ := r.scanString(); s {
		case "INF":
			return math.Inf(1)
		case "-INF":
			return math.Inf(-1)
		case "NaN":
			return math.NaN()
		default:
			r.fail("expected a number, found a string")
			return 0
		}
	}
	s, ok := r.number()
	if !ok {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		r.fail("number %s is out of range", s)
	}
	return v
}

func (r *jsonReader) float32() float32 { return float32(r.float64()) }

func (r *jsonReader) bool() bool {
	if r.err != nil {
		return false
	}
	switch r.peek() {
	case 't':
		return r.literal("true")
	case 'f':
		r.literal("false")
		return false
	}
	r.mismatch("a boolean")
	return false
}

// time reads an Edm.DateTimeOffset. Docs and services sometimes leave out
// the zone offset; such values are read as UTC.
func (r *jsonReader) time() time.Time {
	s := r.strRef()
	if r.err != nil {
		return time.Time{}
	}
	if t, ok := parseUTCTime(s); ok {
		return t
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t
	}
	r.fail("expected a timestamp such as 2006-01-02T15:04:05Z, found %q", s)
	return time.Time{}
}

// parseUTCTime parses the timestamps Graph writes, in UTC:
// 2006-01-02T15:04:05, then up to nine digits of fraction after a '.', then
// a 'Z' or nothing. It returns what time.Parse returns for them (with
// RFC3339Nano, or the layout without a zone), and false for anything else,
// which time.Parse then reads or refuses.
func parseUTCTime(s string) (time.Time, bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, minute, sec := num(11, 2), num(14, 2), num(17, 2)
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	if day > 28 && day > daysIn(month, year) {
		return time.Time{}, false
	}
	rest, nsec := s[19:], 0
	if len(rest) > 0 && rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return time.Time{}, false
		}
		nsec = num(20, n-1)
		for range 10 - n {
			nsec *= 10
		}
		rest = rest[n:]
	}
	if rest != "" && rest != "Z" {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC), true
}

// daysIn is the number of days of a month of the proleptic Gregorian year.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// raw returns the next value's bytes, checked and unchanged.
func (r *jsonReader) raw() json.RawMessage {
	r.space()
	start := r.pos
	r.skip()
	if r.err != nil {
		return nil
	}
	return append(json.RawMessage(nil), r.data[start:r.pos]...)
}

// skip passes over one value of any kind, checking its syntax.
func (r *jsonReader) skip() {
	switch c := r.peek(); {
	case c == '{':
		for more := r.beginObject(); more; more = r.nextMember() {
			r.key()
			r.skip()
		}
	case c == '[':
		for more := r.beginArray(); more; more = r.nextElement() {
			r.skip()
		}
	case c == '"':
		r.skipString()
	case c == 't':
		r.literal("true")
	case c == 'f':
		r.literal("false")
	case c == 'n':
		r.literal("null")
	default:
		r.number()
	}
}

// unknown handles a member the type does not define: kept in extra
// (allocated on first use), or an error in strict mode. Members whose name
// holds "@" are OData control information, accepted in either mode.
func (r *jsonReader) unknown(extra *map[string]json.RawMessage, name string) {
	if r.strict && !strings.Contains(name, "@") {
		if r.err == nil { // even in shape mode: names are what shape checks
			r.err = &DecodeError{Offset: r.pos, Msg: "unknown property"}
		}
		return
	}
	r.dynamic(extra, name)
}

// dynamic keeps a member an open type does not declare, in either mode.
func (r *jsonReader) dynamic(extra *map[string]json.RawMessage, name string) {
	v := r.raw()
	if r.err != nil {
		return
	}
	if *extra == nil {
		*extra = map[string]json.RawMessage{}
	}
	(*extra)[r.keep(name)] = v
}

// The generic readers below code the properties of the primitive kinds
// (see decodeField) and of the base types' interfaces (polyCodecOf).

// readOpt reads a value or a null into an Optional.
func readOpt[T any](r *jsonReader, o *Optional[T], read func(*jsonReader) T) {
	if r.null() {
		*o = Optional[T]{state: null}
		return
	}
	v := read(r)
	if r.err == nil {
		*o = Optional[T]{Value: v, state: set}
	}
}

// readItems reads an array into *s, with room for four items at first
// (most collections are short): an empty array is an empty slice.
func readItems[T any](r *jsonReader, s *[]T, read func(*jsonReader) T) {
	*s = make([]T, 0, 4)
	for i, more := 0, r.beginArray(); more; i, more = i+1, r.nextElement() {
		*s = append(*s, read(r))
		if r.err != nil {
			r.inElement(i)
			return
		}
	}
}

// odataType returns the @odata.type of the object that comes next, in
// lower case and without its "#", without consuming anything; "" when it has
// none. Derived types are told apart by it before they are decoded.
func (r *jsonReader) odataType() string {
	if r.err != nil || r.peek() != '{' {
		return ""
	}
	pos, depth := r.pos, r.depth
	defer func() { r.pos, r.depth, r.err = pos, depth, nil }()
	for more := r.beginObject(); more; more = r.nextMember() {
		if r.key() == "@odata.type" && r.peek() == '"' {
			return strings.ToLower(strings.TrimPrefix(r.strRef(), "#"))
		}
		r.skip()
	}
	return ""
}

// compareFold compares two strings as strings.ToLower would make them, for
// ASCII, without allocating.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return int(ca) - int(cb)
		}
	}
	return len(a) - len(b)
}

// ReadEnum reads an enumeration value; any string is one.
func ReadEnum[T ~string](r *jsonReader) T { return T(r.str()) }

// The opt methods read an Optional of the common primitives directly: the
// generated decoders call them for most properties, and a direct call is
// cheaper than readOpt's function value.

func (r *jsonReader) optStr() Optional[string] {
	if r.null() {
		return Optional[string]{state: null}
	}
	return Optional[string]{Value: r.str(), state: set}
}

func (r *jsonReader) optBool() Optional[bool] {
	if r.null() {
		return Optional[bool]{state: null}
	}
	return Optional[bool]{Value: r.bool(), state: set}
}

func (r *jsonReader) optInt32() Optional[int32] {
	if r.null() {
		return Optional[int32]{state: null}
	}
	return Optional[int32]{Value: r.int32(), state: set}
}

func (r *jsonReader) optInt64() Optional[int64] {
	if r.null() {
		return Optional[int64]{state: null}
	}
	return Optional[int64]{Value: r.int64(), state: set}
}

func (r *jsonReader) optFloat64() Optional[float64] {
	if r.null() {
		return Optional[float64]{state: null}
	}
	return Optional[float64]{Value: r.float64(), state: set}
}

func (r *jsonReader) optTime() Optional[time.Time] {
	if r.null() {
		return Optional[time.Time]{state: null}
	}
	return Optional[time.Time]{Value: r.time(), state: set}
}

// readPoly decodes a value of a base type or of one derived from it, in one
// pass in the common cases: @odata.type as the first member, or none at all.
// When it comes later and names a derived type, or the base type rejects a
// member, the object is decoded again as the type a full look names.
func readPoly[T decoder](r *jsonReader, newValue func(string) (T, bool), typeOf func(T) string) T {
	v, derived := newValue(r.leadingODataType())
	if r.err != nil {
		return v
	}
	start, depth := r.pos, r.depth
	v.decode(r)
	if derived {
		return v
	}
	if r.err == nil {
		// No @odata.type at all is the base type's (no derived type is
		// named ""), which needs no second value to tell.
		t := typeOf(v)
		if t == "" {
			return v
		}
		if _, derived := newValue(strings.ToLower(strings.TrimPrefix(t, "#"))); !derived {
			return v
		}
	}
	r.pos, r.depth, r.err = start, depth, nil
	v, _ = newValue(r.odataType())
	v.decode(r)
	return v
}

// leadingODataType returns the @odata.type of the object that comes next
// when it is the object's first member, in lower case and without "#";
// otherwise "". It consumes nothing.
func (r *jsonReader) leadingODataType() string {
	if r.err != nil || r.peek() != '{' {
		return ""
	}
	pos := r.pos
	defer func() { r.pos = pos }()
	r.pos++
	r.space()
	const key = `"@odata.type"`
	if !strings.HasPrefix(r.data[r.pos:], key) {
		return ""
	}
	r.pos += len(key)
	if r.peek() != ':' {
		return ""
	}
	r.pos++
	if r.peek() != '"' {
		return ""
	}
	s, _ := r.scanString()
	return strings.ToLower(strings.TrimPrefix(s, "#"))
}
