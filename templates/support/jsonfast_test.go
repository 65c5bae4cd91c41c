package support

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// The reader's fast paths each have a general path beside them; these
// tests check that the two agree, and that what the reader keeps does not
// share the caller's buffer.

// stringSamples are string literals for the string paths: plain, escaped,
// non-ASCII, invalid UTF-8, surrogates, control characters, unterminated.
var stringSamples = []string{
	`""`, `"a"`, `"abcdefgh"`, `"abcdefghijklmnopq"`, `"` + strings.Repeat("x", 2000) + `"`,
	`"\""`, `"\\"`, `"\/"`, `"\b\f\n\r\t"`, `"a\u0041b"`, `"\u00e9"`, `"\u20ac"`,
	`"\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`, `"\ud83d\u0041"`, `"\udc00"`, `"\ud800\ud800"`,
	`"\u12"`, `"\u12g4"`, `"\x"`, `"\`, `"\"`, `"abc`, `"abcdefghijk`, "\"a\x01b\"", "\"\x1f\"",
	"\"é\"", "\"ééééééééé\"", "\"\xff\"", "\"ab\xc3\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
	"\"a\xffb\\n\xfe\"", `"W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\""`, "\"\u2028\"", "\"\x7f\"",
	`"` + strings.Repeat("é", 600) + `\n"`,
}

// TestSkipStringAgreesWithScanString: skipping a string accepts what
// reading it accepts, ends at the same place, and fails at the same offset.
func TestSkipStringAgreesWithScanString(t *testing.T) {
	for _, in := range stringSamples {
		for _, tail := range []string{"", ",1", `,"next"`} {
			checkSkipAgrees(t, in+tail)
		}
	}
}

func checkSkipAgrees(t *testing.T, in string) {
	t.Helper()
	read := jsonReader{data: in}
	s, _ := read.scanString()
	skip := jsonReader{data: in}
	skip.skipString()
	if read.pos != skip.pos || (read.err == nil) != (skip.err == nil) || fmt.Sprint(read.err) != fmt.Sprint(skip.err) {
		t.Errorf("%q: read ends at %d (%v), skip at %d (%v)", in, read.pos, read.err, skip.pos, skip.err)
	}
	// Where encoding/json reads the string, the reader reads the same.
	var std string
	if end := read.pos; read.err == nil && json.Unmarshal([]byte(in[:end]), &std) == nil && std != s {
		t.Errorf("%q: read %q, encoding/json reads %q", in, s, std)
	}
}

// TestKeptStringsDoNotShareTheInput: property values, kept member names
// and raw values survive the caller reusing its buffer, for every path a
// string takes (plain, escaped, repaired, long, kept in AdditionalData).
func TestKeptStringsDoNotShareTheInput(t *testing.T) {
	long := strings.Repeat("y", 3000)
	in := `{"name":"plain","tags":["a\nb","` + long + `","\u00e9t\u00e9","x` + "\xff" + `y","",` +
		`"ascii-and-more-than-eight"],"oth\u0065r":{"k":"v"},"@odata.etag":"W/\"1\"","z":[1,2]}`
	want := thing{}
	if err := unmarshal([]byte(in), &want, false); err != nil {
		t.Fatal(err)
	}
	wantJSON := string(marshal(&want))
	for _, entry := range []string{"decode", "UnmarshalJSON", "json.Unmarshal"} {
		buf := []byte(in)
		var got thing
		var err error
		switch entry {
		case "decode":
			err = unmarshal(buf, &got, false)
		case "UnmarshalJSON":
			err = got.UnmarshalJSON(buf)
		default:
			err = json.Unmarshal(buf, &got)
		}
		if err != nil {
			t.Fatal(entry, err)
		}
		for i := range buf {
			buf[i] = '#'
		}
		if out := string(marshal(&got)); out != wantJSON {
			t.Errorf("%s: after the input is overwritten, re-encodes to\n%s\nwant\n%s", entry, out, wantJSON)
		}
		tags, _ := got.Tags.Get()
		for _, s := range append(tags, got.Name.Value()) {
			if len(s) > 0 && inside(s, buf) {
				t.Errorf("%s: %q shares the input's memory", entry, s)
			}
		}
		for k := range got.AdditionalData {
			if inside(k, buf) {
				t.Errorf("%s: member name %q shares the input's memory", entry, k)
			}
		}
	}
}

// inside reports whether s's bytes lie in b.
func inside(s string, b []byte) bool {
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return p >= lo && p < lo+uintptr(len(b))
}

// TestKeepBlocks: strings kept into one block do not overlap, and one that
// does not fit starts a new block.
func TestKeepBlocks(t *testing.T) {
	data := strings.Repeat(" ", 300)
	r := jsonReader{data: data}
	var kept []string
	for i := range 200 {
		s := strings.Repeat(string(rune('a'+i%26)), i%7+1)
		kept = append(kept, r.keep(s))
		r.pos = min(r.pos+1, len(data))
	}
	for i, s := range kept {
		if want := strings.Repeat(string(rune('a'+i%26)), i%7+1); s != want {
			t.Fatalf("kept %d is %q, want %q", i, s, want)
		}
	}
	if big := r.keep(strings.Repeat("z", keepAlone)); big != strings.Repeat("z", keepAlone) {
		t.Error("a long string kept wrong")
	}
	if r.keep("") != "" {
		t.Error("an empty string kept wrong")
	}
}

// FuzzStringPaths checks the string paths against each other and against
// encoding/json on any input: reading and skipping agree, and a value
// decoded into a generated type does not change when the input is reused.
func FuzzStringPaths(f *testing.F) {
	for _, s := range stringSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !strings.HasPrefix(in, `"`) {
			in = `"` + in
		}
		checkSkipAgrees(t, in)
		doc := []byte(`{"name":` + in + `,"tags":[` + in + `],"x":` + in + `}`)
		var v thing
		if unmarshal(doc, &v, false) != nil {
			return
		}
		before := string(marshal(&v))
		for i := range doc {
			doc[i] = 0
		}
		if after := string(marshal(&v)); after != before {
			t.Fatalf("%q: value changed with the input, %s then %s", in, before, after)
		}
		if !bytes.Equal([]byte(before), []byte(string(marshal(&v)))) {
			t.Fatal("unstable")
		}
	})
}
