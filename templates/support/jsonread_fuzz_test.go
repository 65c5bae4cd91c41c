package support

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// jsonValue is any JSON value, read with the reader's primitives the way
// generated decode methods read their properties, and written back with
// the writer's.
type jsonValue struct {
	kind    byte // 'n' null, 'b' bool, '0' number, 's' string, '{' object, '[' array
	b       bool
	text    string // a string's value, a number's text
	members []jsonMember
	elems   []jsonValue
}

type jsonMember struct {
	name  string
	value jsonValue
}

func (v *jsonValue) decode(r *jsonReader) {
	switch c := r.peek(); c {
	case '{':
		v.kind = '{'
		for more := r.beginObject(); more; more = r.nextMember() {
			k := r.key()
			var m jsonValue
			m.decode(r)
			if r.err != nil {
				r.inProperty(k)
				return
			}
			v.members = append(v.members, jsonMember{k, m})
		}
	case '[':
		v.kind = '['
		for more := r.beginArray(); more; more = r.nextElement() {
			var e jsonValue
			e.decode(r)
			if r.err != nil {
				r.inElement(len(v.elems))
				return
			}
			v.elems = append(v.elems, e)
		}
	case '"':
		v.kind, v.text = 's', r.str()
	case 't', 'f':
		v.kind, v.b = 'b', r.bool()
	case 'n':
		v.kind = 'n'
		r.null()
	default:
		v.kind = '0'
		v.text, _ = r.number()
	}
}

func (v *jsonValue) encode(w *jsonWriter) {
	switch v.kind {
	case '{':
		w.beginObject()
		for _, m := range v.members {
			w.key(m.name)
			m.value.encode(w)
		}
		w.endObject()
	case '[':
		w.beginArray()
		for i := range v.elems {
			w.elem()
			v.elems[i].encode(w)
		}
		w.endArray()
	case 's':
		w.str(v.text)
	case 'b':
		w.bool(v.b)
	case '0':
		w.raw(json.RawMessage(v.text))
	default:
		w.null()
	}
}

// toAny is v as encoding/json decodes JSON with UseNumber: a duplicate
// member name keeps its last value.
func (v *jsonValue) toAny() any {
	switch v.kind {
	case '{':
		m := map[string]any{}
		for _, mem := range v.members {
			m[mem.name] = mem.value.toAny()
		}
		return m
	case '[':
		s := []any{}
		for i := range v.elems {
			s = append(s, v.elems[i].toAny())
		}
		return s
	case 's':
		return v.text
	case 'b':
		return v.b
	case '0':
		return json.Number(v.text)
	}
	return nil
}

var jsonSeeds = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0.5e+10`, `"x"`, ` {"a" : [1, 2.5, "3", null, true] } `,
	`{"name":"n","count":3,"tags":["a","b"],"@odata.type":"#x","extra":{"deep":[{}]}}`,
	`"\u00e9\ud83d\ude00\ud83d\u0041\udc00\\\/\b\f\n\r\t\""`, `"\ud800"`, `"\ud800\ud800"`,
	"\"\xff\xfe ok \xc3\"", "{\"a\xff\":1}", `{"a":1,"a":2}`, `{"name":"x","name":null}`,
	`01`, `1.`, `-`, `1e`, `[1,]`, `{"a":1,}`, `"\x"`, "\"\x01\"", `[` + strings.Repeat(`[`, 130) + strings.Repeat(`]`, 131),
	`"\u2028\u2029<>&"`, `1 2`, `{"count":2147483648}`, `{"tags":null}`, `{"tags":[null]}`,
}

// FuzzJSONReader checks the JSON reader against encoding/json: it never
// accepts what json.Valid rejects, in strict or lenient mode, and what it
// accepts it re-encodes to valid JSON that reads back to the same bytes;
// where both accept, they read the same value.
func FuzzJSONReader(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		var v jsonValue
		err := unmarshal(data, &v, true)
		if err == nil && !valid {
			t.Fatalf("accepted %q, which json.Valid rejects", data)
		}
		if err != nil {
			var de *DecodeError
			if !asDecodeError(err, &de) {
				t.Fatalf("error %v is not a *DecodeError", err)
			}
		}
		if err == nil {
			out := marshal(&v)
			if !json.Valid(out) {
				t.Fatalf("%q re-encodes to invalid JSON %q", data, out)
			}
			var again jsonValue
			if err := unmarshal(out, &again, true); err != nil {
				t.Fatalf("%q re-encodes to %q, which does not read back: %v", data, out, err)
			}
			if out2 := marshal(&again); !bytes.Equal(out, out2) {
				t.Fatalf("%q re-encodes to %q, then to %q", data, out, out2)
			}
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			var want any
			if dec.Decode(&want) == nil {
				if got := v.toAny(); fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
					t.Fatalf("%q: read %#v, encoding/json reads %#v", data, got, want)
				}
			}
		}

		// A generated type, strict (the handler) and lenient (the client).
		for _, strict := range []bool{true, false} {
			var th thing
			if err := unmarshal(data, &th, strict); err != nil {
				continue
			}
			if !valid {
				t.Fatalf("thing (strict %v) accepted %q, which json.Valid rejects", strict, data)
			}
			out := marshal(&th)
			if !json.Valid(out) {
				t.Fatalf("thing %q re-encodes to invalid JSON %q", data, out)
			}
			var again thing
			if err := unmarshal(out, &again, strict); err != nil {
				t.Fatalf("thing %q re-encodes to %q, which does not read back: %v", data, out, err)
			}
			if out2 := marshal(&again); !bytes.Equal(out, out2) {
				t.Fatalf("thing %q re-encodes to %q, then to %q", data, out, out2)
			}
		}
	})
}

func asDecodeError(err error, target **DecodeError) bool {
	de, ok := err.(*DecodeError)
	*target = de
	return ok
}
