package support

import (
	"encoding/json"
	"strings"
	"time"
	"unsafe"
)

// The generated struct types are coded in JSON by one loop over a table of
// their properties, not by methods of their own: each type has a codec
// variable (codecEvent for Event), static data that the compiler lays out
// without compiling any code, and four one-line methods that hand the
// value and its table to decodeObject and encodeObject. A package of a
// thousand types then compiles like a small one (a method per type and
// property costs the compiler of a large package gigabytes), and decoding
// stays a direct loop: a hashed name lookup and a switch on the property's
// kind, with no reflection.
//
// The loop reaches a property at its offset in the struct (unsafe.Offsetof,
// computed by the compiler) and reads or writes it through a pointer to an
// Optional of the same layout: an enumeration's Optional[Importance] is an
// Optional[string] in memory, any object pointer's Optional[*T] an
// Optional[unsafe.Pointer], any slice's Optional[[]T] an Optional of a
// slice header. Values that need their Go type, a new object or a longer
// slice, are made by the type's own new and grow functions, so the garbage
// collector always sees typed memory.

// objectType is the JSON table of one generated struct type.
type objectType struct {
	// fields are the properties, inherited ones first, in the order they
	// are written. An inherited property sits at the offset its own type
	// has it at: a derived struct begins with its base type's struct.
	fields []field
	// index is an open-addressing hash table of fields by name: slot
	// fieldHash(name) & (len-1), then the next ones, holds the field's
	// position in fields plus one; 0 is an empty slot, and at least half
	// are empty. docgen computes it.
	index []uint16
	// extra is the offset of AdditionalData.
	extra uintptr
	// open says that the type is an open type: members it does not declare
	// are kept even in a request the handler decodes strictly.
	open bool
	// size is the struct's size, the stride of a slice of it.
	size uintptr
	// new returns a new zero value; grow appends a zero value to the slice
	// at s (a *[]T) and returns the new element's address, where it is
	// decoded in place. Only the types that properties hold singly have
	// new, only those they hold in slices have grow.
	new  func() unsafe.Pointer
	grow func(s unsafe.Pointer) unsafe.Pointer
}

// objectTypeID is a generated struct's position in objectTypes: a property refers
// to its object type by it, because a pointer to the other type's codec
// variable would make types that contain each other an initialization
// cycle.
type objectTypeID uint16

// field is one property of an objectType.
type field struct {
	name string
	off  uintptr
	kind fieldKind
	// many says that the property is a collection: an Optional slice.
	many bool
	// elem is the object type of a kindObject property.
	elem objectTypeID
	// poly codes a kindPoly property: one held by a base type's interface.
	poly *polyCodec
}

// fieldKind says what a property holds: an Optional of which Go type.
type fieldKind uint8

const (
	kindODataType fieldKind = iota // ODataType, a plain string
	kindString                     // string, and enumerations (string types)
	kindBool
	kindInt32
	kindInt64
	kindInt16
	kindInt8
	kindUint8
	kindFloat64
	kindFloat32
	kindTime
	kindRaw    // json.RawMessage
	kindObject // *T (a slice of T when many) of the generated struct elem
	kindPoly   // a base type's interface, coded by poly
)

// polyCodec codes the values of one base type's interface (AttachmentValue):
// its read and write functions pick the Go type by @odata.type, so they are
// the interface's own, generated once per base. read and write code an
// Optional[T] at at; readItems and writeItems the items of a []T at at.
type polyCodec struct {
	read, readItems func(r *jsonReader, at unsafe.Pointer)
	write           func(w *jsonWriter, name string, at unsafe.Pointer)
	writeItems      func(w *jsonWriter, at unsafe.Pointer)
}

// polyCodecOf makes the polyCodec of a base type's interface T from the
// functions that read and write one value of it.
func polyCodecOf[T any](read func(*jsonReader) T, write func(*jsonWriter, T)) polyCodec {
	// read codes T in an Optional[any] of the reader's (see
	// jsonReader.polys): T is an interface, laid out as any is.
	if unsafe.Sizeof(*new(T)) != unsafe.Sizeof(any(nil)) || unsafe.Alignof(*new(T)) != unsafe.Alignof(any(nil)) {
		panic("polyCodecOf: " + packageName + " codes interfaces only")
	}
	return polyCodec{
		read:      func(r *jsonReader, at unsafe.Pointer) { readOpt(r, (*Optional[T])(at), read) },
		readItems: func(r *jsonReader, at unsafe.Pointer) { readItems(r, (*[]T)(at), read) },
		write: func(w *jsonWriter, name string, at unsafe.Pointer) {
			writeOpt(w, name, (*Optional[T])(at), write)
		},
		writeItems: func(w *jsonWriter, at unsafe.Pointer) { writeItems(w, *(*[]T)(at), write) },
	}
}

// fieldHash is the hash of a property name in objectType.index: cheap, from
// the length and three of the bytes, because names are short and a
// collision costs only one more comparison. docgen's generator computes
// the same function (generator/codec.go); the two must not drift.
func fieldHash(name string) uint32 {
	n := len(name)
	h := uint32(n) * 0x9E3779B1
	if n > 0 {
		h ^= uint32(name[0]) | uint32(name[n/2])<<8 | uint32(name[n-1])<<16
	}
	h *= 0x85EBCA6B
	return h ^ h>>15
}

// lookup returns the field named k exactly, or nil.
func (t *objectType) lookup(k string) *field {
	if len(t.index) == 0 {
		return nil
	}
	mask := uint32(len(t.index) - 1)
	for h := fieldHash(k) & mask; ; h = (h + 1) & mask {
		i := t.index[h]
		if i == 0 {
			return nil
		}
		if f := &t.fields[i-1]; f.name == k {
			return f
		}
	}
}

// lookupFolded returns the field whose name is k in another case, or nil:
// the service takes "Message" for "message" (the SDKs send the metadata's
// parameter names), so a name that matches no property exactly is matched
// again without regard to case. Only such names pay for the search.
func (t *objectType) lookupFolded(k string) *field {
	for i := range t.fields {
		if compareFold(t.fields[i].name, k) == 0 {
			return &t.fields[i]
		}
	}
	return nil
}

// unmarshalObject is UnmarshalJSON of a generated struct at p. The reader
// is a local that does not escape, so neither does p.
func unmarshalObject(data []byte, p unsafe.Pointer, t *objectType) error {
	if isNull(data) {
		return nil
	}
	r := jsonReader{data: unsafe.String(unsafe.SliceData(data), len(data))}
	decodeObject(&r, p, t)
	return r.done()
}

// marshalObject is MarshalJSON of a generated struct at p.
func marshalObject(p unsafe.Pointer, t *objectType) []byte {
	w := jsonWriter{buf: make([]byte, 0, 512)}
	encodeObject(&w, p, t)
	return w.buf
}

// decodeObject decodes an object into the struct at p. A member the type
// does not have is kept in AdditionalData, or is an error when r is strict
// (see jsonReader.unknown).
func decodeObject(r *jsonReader, p unsafe.Pointer, t *objectType) {
	for more := r.beginObject(); more; more = r.nextMember() {
		k := r.key()
		f := t.lookup(k)
		if f == nil && !strings.Contains(k, "@") { // annotations match no property
			f = t.lookupFolded(k)
		}
		switch {
		case f != nil:
			decodeField(r, unsafe.Add(p, f.off), f)
		case t.open:
			r.dynamic((*map[string]json.RawMessage)(unsafe.Add(p, t.extra)), k)
		default:
			r.unknown((*map[string]json.RawMessage)(unsafe.Add(p, t.extra)), k)
		}
		if r.err != nil {
			r.inProperty(k)
			return
		}
	}
}

// decodeField decodes the value of the property f, which is at at. A value
// that fails to decode leaves r.err set, which ends the decoding; what was
// assigned no longer matters.
func decodeField(r *jsonReader, at unsafe.Pointer, f *field) {
	if f.many {
		decodeSlice(r, at, f)
		return
	}
	// The next byte tells the common cases apart: a string, a boolean, an
	// object, read here without asking for null first; the others, and
	// anything unexpected, go the general way.
	c := r.peekNear()
	if c == 0 {
		c = r.peek()
	}
	switch f.kind {
	case kindODataType:
		*(*string)(at) = r.str()
	case kindString:
		if c == '"' {
			*(*Optional[string])(at) = Optional[string]{Value: r.readString(), state: set}
			return
		}
		*(*Optional[string])(at) = r.optStr()
	case kindBool:
		if c == 't' || c == 'f' {
			b := c == 't'
			*(*Optional[bool])(at) = Optional[bool]{Value: b, state: set}
			if b {
				r.literal("true")
			} else {
				r.literal("false")
			}
			return
		}
		*(*Optional[bool])(at) = r.optBool()
	case kindInt32:
		*(*Optional[int32])(at) = r.optInt32()
	case kindInt64:
		*(*Optional[int64])(at) = r.optInt64()
	case kindInt16:
		readOpt(r, (*Optional[int16])(at), (*jsonReader).int16)
	case kindInt8:
		readOpt(r, (*Optional[int8])(at), (*jsonReader).int8)
	case kindUint8:
		readOpt(r, (*Optional[uint8])(at), (*jsonReader).uint8)
	case kindFloat64:
		*(*Optional[float64])(at) = r.optFloat64()
	case kindFloat32:
		readOpt(r, (*Optional[float32])(at), (*jsonReader).float32)
	case kindTime:
		*(*Optional[time.Time])(at) = r.optTime()
	case kindRaw:
		readOpt(r, (*Optional[json.RawMessage])(at), (*jsonReader).raw)
	case kindObject:
		decodeOptObject(r, (*Optional[unsafe.Pointer])(at), objectTypes[f.elem])
	case kindPoly:
		// Through the reader's memory, not at: see jsonReader.polys.
		o := r.polySlot()
		f.poly.read(r, unsafe.Pointer(o))
		*(*Optional[any])(at) = *o
		*o = Optional[any]{}
	}
}

// anySlice is the layout of any Optional slice: decodeSlice and encodeSlice
// read and set its state and clear its value through it; the items are
// reached as the []T at its start.
type anySlice = Optional[[]struct{}]

// decodeSlice decodes the value of a collection property: null, or an
// array. An empty array stays distinct from an absent or null one.
func decodeSlice(r *jsonReader, at unsafe.Pointer, f *field) {
	o := (*anySlice)(at)
	if r.null() {
		*o = anySlice{state: null}
		return
	}
	*o = anySlice{}
	decodeItems(r, at, f)
	if r.err == nil {
		o.state = set
	}
}

// decodeItems decodes an array into the []T at at, whose items are of the
// kind of f: a collection property's value, or a collection result's.
func decodeItems(r *jsonReader, at unsafe.Pointer, f *field) {
	switch f.kind {
	case kindString:
		readItems(r, (*[]string)(at), (*jsonReader).str)
	case kindBool:
		readItems(r, (*[]bool)(at), (*jsonReader).bool)
	case kindInt32:
		readItems(r, (*[]int32)(at), (*jsonReader).int32)
	case kindInt64:
		readItems(r, (*[]int64)(at), (*jsonReader).int64)
	case kindInt16:
		readItems(r, (*[]int16)(at), (*jsonReader).int16)
	case kindInt8:
		readItems(r, (*[]int8)(at), (*jsonReader).int8)
	case kindUint8:
		readItems(r, (*[]uint8)(at), (*jsonReader).uint8)
	case kindFloat64:
		readItems(r, (*[]float64)(at), (*jsonReader).float64)
	case kindFloat32:
		readItems(r, (*[]float32)(at), (*jsonReader).float32)
	case kindTime:
		readItems(r, (*[]time.Time)(at), (*jsonReader).time)
	case kindRaw:
		readItems(r, (*[]json.RawMessage)(at), (*jsonReader).raw)
	case kindObject:
		// The items grow in the reader's memory, not at: see
		// jsonReader.items.
		t := objectTypes[f.elem]
		s := r.itemsSlot()
		*s = *(*[]struct{})(at)
		for i, more := 0, r.beginArray(); more; i, more = i+1, r.nextElement() {
			decodeObject(r, t.grow(unsafe.Pointer(s)), t)
			if r.err != nil {
				r.inElement(i)
				break
			}
		}
		*(*[]struct{})(at) = *s
		*s = nil
	case kindPoly:
		s := r.itemsSlot()
		f.poly.readItems(r, unsafe.Pointer(s))
		*(*[]struct{})(at) = *s
		*s = nil
	}
}

// decodeOptObject reads an object of the type t, or a null, into the
// Optional[*T] at o. Single objects are held by pointer, which lets a type
// contain itself.
func decodeOptObject(r *jsonReader, o *Optional[unsafe.Pointer], t *objectType) {
	if r.peek() != 'n' || r.err != nil {
		v := t.new()
		decodeObject(r, v, t)
		if r.err == nil {
			*o = Optional[unsafe.Pointer]{Value: v, state: set}
		}
		return
	}
	if r.null() {
		*o = Optional[unsafe.Pointer]{state: null}
		return
	}
	v := t.new()
	decodeObject(r, v, t)
	if r.err == nil {
		*o = Optional[unsafe.Pointer]{Value: v, state: set}
	}
}

// encodeObject writes the struct at p as an object, or null for nil.
func encodeObject(w *jsonWriter, p unsafe.Pointer, t *objectType) {
	if p == nil {
		w.null()
		return
	}
	w.beginObject()
	for i := range t.fields {
		f := &t.fields[i]
		encodeField(w, unsafe.Add(p, f.off), f)
	}
	w.extra(*(*map[string]json.RawMessage)(unsafe.Add(p, t.extra)))
	w.endObject()
}

// encodeField writes the property f, which is at at, unless it is absent.
func encodeField(w *jsonWriter, at unsafe.Pointer, f *field) {
	if f.many {
		encodeSlice(w, at, f)
		return
	}
	switch f.kind {
	case kindODataType:
		w.odataTypeMember(*(*string)(at))
	case kindString:
		writeOpt(w, f.name, (*Optional[string])(at), (*jsonWriter).str)
	case kindBool:
		writeOpt(w, f.name, (*Optional[bool])(at), (*jsonWriter).bool)
	case kindInt32:
		writeOpt(w, f.name, (*Optional[int32])(at), (*jsonWriter).int32)
	case kindInt64:
		writeOpt(w, f.name, (*Optional[int64])(at), (*jsonWriter).int64)
	case kindInt16:
		writeOpt(w, f.name, (*Optional[int16])(at), (*jsonWriter).int16)
	case kindInt8:
		writeOpt(w, f.name, (*Optional[int8])(at), (*jsonWriter).int8)
	case kindUint8:
		writeOpt(w, f.name, (*Optional[uint8])(at), (*jsonWriter).uint8)
	case kindFloat64:
		writeOpt(w, f.name, (*Optional[float64])(at), (*jsonWriter).float64)
	case kindFloat32:
		writeOpt(w, f.name, (*Optional[float32])(at), (*jsonWriter).float32)
	case kindTime:
		writeOpt(w, f.name, (*Optional[time.Time])(at), (*jsonWriter).time)
	case kindRaw:
		writeOpt(w, f.name, (*Optional[json.RawMessage])(at), (*jsonWriter).raw)
	case kindObject:
		o := (*Optional[unsafe.Pointer])(at)
		if w.member(f.name, o.state) {
			encodeObject(w, o.Value, objectTypes[f.elem])
		}
	case kindPoly:
		f.poly.write(w, f.name, at)
	}
}

// encodeSlice writes the collection property f unless it is absent.
func encodeSlice(w *jsonWriter, at unsafe.Pointer, f *field) {
	if w.member(f.name, (*anySlice)(at).state) {
		encodeItems(w, at, f)
	}
}

// encodeItems writes the []T at at as an array, its items of the kind of f.
func encodeItems(w *jsonWriter, at unsafe.Pointer, f *field) {
	switch f.kind {
	case kindString:
		writeItems(w, *(*[]string)(at), (*jsonWriter).str)
	case kindBool:
		writeItems(w, *(*[]bool)(at), (*jsonWriter).bool)
	case kindInt32:
		writeItems(w, *(*[]int32)(at), (*jsonWriter).int32)
	case kindInt64:
		writeItems(w, *(*[]int64)(at), (*jsonWriter).int64)
	case kindInt16:
		writeItems(w, *(*[]int16)(at), (*jsonWriter).int16)
	case kindInt8:
		writeItems(w, *(*[]int8)(at), (*jsonWriter).int8)
	case kindUint8:
		writeItems(w, *(*[]uint8)(at), (*jsonWriter).uint8)
	case kindFloat64:
		writeItems(w, *(*[]float64)(at), (*jsonWriter).float64)
	case kindFloat32:
		writeItems(w, *(*[]float32)(at), (*jsonWriter).float32)
	case kindTime:
		writeItems(w, *(*[]time.Time)(at), (*jsonWriter).time)
	case kindRaw:
		writeItems(w, *(*[]json.RawMessage)(at), (*jsonWriter).raw)
	case kindObject:
		t := objectTypes[f.elem]
		items := *(*[]struct{})(at)
		base := unsafe.Pointer(unsafe.SliceData(items))
		w.beginArray()
		for i := range len(items) {
			w.elem()
			encodeObject(w, unsafe.Add(base, uintptr(i)*t.size), t)
		}
		w.endArray()
	case kindPoly:
		f.poly.writeItems(w, at)
	}
}
