package support

import (
	"encoding/json"
	"strings"
	"testing"
	"unsafe"
)

// box holds things singly and in a slice: the table kinds that reach
// another type's table through objectTypes, its new and its grow.
type box struct {
	ODataType      string
	Main           Optional[*thing]
	Items          Optional[[]thing]
	Sizes          Optional[[]int64]
	AdditionalData map[string]json.RawMessage
}

const typeThing objectTypeID = 0

var codecBox = objectType{
	fields: []field{
		{name: "@odata.type", off: unsafe.Offsetof(box{}.ODataType), kind: kindODataType},
		{name: "main", off: unsafe.Offsetof(box{}.Main), kind: kindObject, elem: typeThing},
		{name: "items", off: unsafe.Offsetof(box{}.Items), kind: kindObject, many: true, elem: typeThing},
		{name: "sizes", off: unsafe.Offsetof(box{}.Sizes), kind: kindInt64, many: true},
	},
	index: fixtureIndex("@odata.type", "main", "items", "sizes"),
	extra: unsafe.Offsetof(box{}.AdditionalData),
	size:  unsafe.Sizeof(box{}),
}

func TestObjectTablesCodeNestedObjects(t *testing.T) {
	for _, tt := range []struct{ in, out string }{
		{`{"main":{"name":"a","tags":["x"]},"items":[{"name":"b"},{"count":2},{},{},{"name":"e"}],"sizes":[1,2],"z":true}`,
			`{"main":{"name":"a","tags":["x"]},"items":[{"name":"b"},{"count":2},{},{},{"name":"e"}],"sizes":[1,2],"z":true}`},
		{`{"main":null,"items":null,"sizes":null}`, `{"main":null,"items":null,"sizes":null}`},
		{`{"items":[],"sizes":[]}`, `{"items":[],"sizes":[]}`},
		{`{"Main":{"NAME":"folded"}}`, `{"main":{"name":"folded"}}`},
		{`{}`, `{}`},
	} {
		var v box
		r := jsonReader{data: tt.in}
		decodeObject(&r, unsafe.Pointer(&v), &codecBox)
		if err := r.done(); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		w := jsonWriter{}
		encodeObject(&w, unsafe.Pointer(&v), &codecBox)
		if got := string(w.buf); got != tt.out {
			t.Errorf("%s: encoded as %s, want %s", tt.in, got, tt.out)
		}
	}
	var v box
	r := jsonReader{data: `{"items":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"},{"name":"e"}]}`}
	decodeObject(&r, unsafe.Pointer(&v), &codecBox)
	items := v.Items.Value
	if r.err != nil || len(items) != 5 || items[4].Name.Value != "e" || items[0].Name.Value != "a" {
		t.Errorf("five items decoded in place: %+v, %v", items, r.err)
	}
	// Strict decoding refuses a member the nested type does not have, and
	// says where it is.
	r = jsonReader{data: `{"items":[{"name":"a"},{"nmae":"b"}]}`, strict: true}
	decodeObject(&r, unsafe.Pointer(&v), &codecBox)
	if err := r.done(); err == nil || !strings.Contains(err.Error(), "items[1].nmae") {
		t.Errorf("unknown nested member: %v", err)
	}
}
