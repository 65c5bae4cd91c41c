package support

import (
	"encoding/json"
	"strings"
	"testing"
	"unsafe"
)

// node nests itself singly, in collections and through an interface, at
// any depth: the reader's per-depth slots (jsonReader.items and polys),
// and the memory of their own that deeper values use.
type node struct {
	ODataType      string
	Name           Optional[string]
	Kids           Optional[[]node]
	Child          Optional[nodeValue]
	Alts           Optional[[]nodeValue]
	AdditionalData map[string]json.RawMessage
}

type nodeValue interface {
	decoder
	encoder
	asNode() *node
}

func (v *node) asNode() *node        { return v }
func (v *node) decode(r *jsonReader) { decodeObject(r, unsafe.Pointer(v), &codecNode) }
func (v *node) encode(w *jsonWriter) { encodeObject(w, unsafe.Pointer(v), &codecNode) }
func (v *node) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, unsafe.Pointer(v), &codecNode)
}

func newNodeValue(string) (nodeValue, bool) { return &node{}, false }

func readNodeValue(r *jsonReader) nodeValue {
	return readPoly(r, newNodeValue, func(v nodeValue) string { return v.asNode().ODataType })
}

func writeNodeValue(w *jsonWriter, v nodeValue) { writePoly(w, v, "#test.node") }

var codecNodeValue = polyCodecOf(readNodeValue, writeNodeValue)

var codecNode = objectType{
	fields: []field{
		{name: "@odata.type", off: unsafe.Offsetof(node{}.ODataType), kind: kindODataType},
		{name: "name", off: unsafe.Offsetof(node{}.Name), kind: kindString},
		{name: "kids", off: unsafe.Offsetof(node{}.Kids), kind: kindObject, many: true}, // elem set in init
		{name: "child", off: unsafe.Offsetof(node{}.Child), kind: kindPoly, poly: &codecNodeValue},
		{name: "alts", off: unsafe.Offsetof(node{}.Alts), kind: kindPoly, many: true, poly: &codecNodeValue},
	},
	index: fixtureIndex("@odata.type", "name", "kids", "child", "alts"),
	extra: unsafe.Offsetof(node{}.AdditionalData),
	size:  unsafe.Sizeof(node{}),
	new:   func() unsafe.Pointer { return unsafe.Pointer(new(node)) },
	grow: func(s unsafe.Pointer) unsafe.Pointer {
		p := (*[]node)(s)
		*p = append(*p, node{})
		return unsafe.Pointer(&(*p)[len(*p)-1])
	},
}

func init() {
	codecNode.fields[2].elem = objectTypeID(len(objectTypes))
	objectTypes = append(objectTypes, &codecNode)
}

// nested is a node with children of every kind, depth levels deep.
func nested(depth int) string {
	if depth == 0 {
		return `{"name":"leaf"}`
	}
	in := nested(depth - 1)
	return `{"name":"d` + strings.Repeat("x", depth) + `","kids":[` + in + `,{"name":"k"},` + in + `,{},{"kids":[]}],` +
		`"child":` + in + `,"alts":[` + in + `,{"alts":null}],"z":[` + in + `]}`
}

// TestSlotsDecodeNestedValues: values decoded through the reader's slots,
// deeper than they reach too, re-encode to their input, through each entry
// point; a value decoded into directly does not escape to the heap.
func TestSlotsDecodeNestedValues(t *testing.T) {
	for depth := range slotDepth + 3 {
		in := nested(depth)
		var v node
		if err := unmarshal([]byte(in), &v, false); err != nil {
			t.Fatalf("depth %d: %v", depth, err)
		}
		if out := string(marshal(&v)); out != in {
			t.Fatalf("depth %d: re-encoded\n%s\nwant\n%s", depth, out, in)
		}
		var u node
		if err := json.Unmarshal([]byte(in), &u); err != nil || string(marshal(&u)) != in {
			t.Fatalf("depth %d: json.Unmarshal: %v", depth, err)
		}
		// An error deep inside says where, and leaves the slots empty.
		bad := strings.Replace(in, `"leaf"`, `1`, 1)
		r := jsonReader{data: bad, strict: true}
		var w node
		decodeObject(&r, unsafe.Pointer(&w), &codecNode)
		if depth > 0 && (r.err == nil || !strings.Contains(r.err.Error(), "name")) {
			t.Errorf("depth %d: %v", depth, r.err)
		}
		for i := range slotDepth {
			if r.items[i] != nil || r.polys[i] != (Optional[any]{}) {
				t.Errorf("depth %d: slot %d not cleared", depth, i)
			}
		}
	}
	data := []byte(nested(3))
	if n := testing.AllocsPerRun(10, func() {
		var v node
		if err := v.UnmarshalJSON(data); err != nil {
			t.Fatal(err)
		}
	}); n == 0 {
		t.Fatal("no allocations at all")
	}
	// The node itself stays on the stack: decoding into a heap node
	// allocates one more.
	direct := testing.AllocsPerRun(20, func() {
		var v node
		_ = v.UnmarshalJSON(data)
	})
	heap := testing.AllocsPerRun(20, func() {
		v := new(node)
		_ = v.UnmarshalJSON(data)
		sinkNode = v
	})
	if heap != direct+1 {
		t.Errorf("decoding into a local node allocates %v, into a heap one %v: the local one escapes", direct, heap)
	}
}

var sinkNode *node
