package support

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"testing"
	"time"
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
		tags := got.Tags.Value
		for _, s := range append(tags, got.Name.Value) {
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

// TestSpecialsFindsTheFirst: the lowest byte specials marks is the first
// byte a byte-at-a-time scan stops at, for words of bytes around every
// boundary the test has (0x1f/0x20, '"', '\\', 0x7f/0x80, 0xff).
func TestSpecialsFindsTheFirst(t *testing.T) {
	alphabet := []byte{0, 0x1f, 0x20, 0x21, '"', '#', '[', '\\', ']', 'a', 0x7f, 0x80, 0x9f, 0xa0, 0xc3, 0xff}
	rng := uint64(1)
	for range 200000 {
		var b [8]byte
		for i := range b {
			rng = rng*6364136223846793005 + 1442695040888963407
			b[i] = alphabet[rng>>60]
		}
		for _, high := range []uint64{msb, 0} {
			want := 8
			for i, c := range b {
				if c == '"' || c == '\\' || c < 0x20 || (high != 0 && c >= 0x80) {
					want = i
					break
				}
			}
			got := 8
			if m := specials(load8(string(b[:]), 0), high); m != 0 {
				got = bits.TrailingZeros64(m) >> 3
			}
			if got != want {
				t.Fatalf("% x (high %x): first special at %d, specials says %d", b, high, want, got)
			}
		}
	}
}

// TestSpacesAgreeWithTheByteLoop: skipping white space eight bytes at a
// time stops where a byte-at-a-time loop does.
func TestSpacesAgreeWithTheByteLoop(t *testing.T) {
	for _, in := range []string{"", " ", "        ", "         x", "\n    \t  \r\n          \n  1", "   \x00  ", strings.Repeat(" ", 17) + "\v", " \n\n\n\n\n\n\n\n\n \"", "x"} {
		for _, tail := range []string{"", "{", "        "} {
			s := in + tail
			want := 0
			for want < len(s) && (s[want] == ' ' || s[want] == '\n' || s[want] == '\r' || s[want] == '\t') {
				want++
			}
			r := jsonReader{data: s}
			r.space()
			if r.pos != want {
				t.Errorf("%q: space stops at %d, want %d", s, r.pos, want)
			}
		}
	}
}

// TestParseUTCTimeAgreesWithTimeParse: the timestamp fast path returns what
// time.Parse does for what it reads, and leaves the rest to it.
func TestParseUTCTimeAgreesWithTimeParse(t *testing.T) {
	samples := []string{
		"0001-01-01T00:00:00Z", "2017-04-21T10:00:00.0000000", "2019-08-16T12:00:00.0000000Z",
		"2024-02-29T23:59:59.999999999Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T00:00:00",
		"2024-04-31T00:00:00Z", "2024-12-31T24:00:00Z", "2024-12-31T23:60:00Z", "2024-12-31T23:59:60Z",
		"2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-01T00:00:00.Z",
		"2024-01-01T00:00:00.1234567891Z", "2024-01-01T00:00:00.123456789123", "2024-01-01T00:00:00,5Z",
		"2024-01-01T00:00:00+01:00", "2024-01-01T00:00:00-00:00", "2024-01-01t00:00:00z", "2024-01-01T00:00:00z",
		"2024-01-01 00:00:00Z", "2024-1-01T00:00:00Z", "+024-01-01T00:00:00Z", "2024-01-01T00:00:0aZ",
		"2024-01-01T00:00:00ZZ", "2024-01-01T00:00:00.5", "2024-01-01T00:00", "", "9999-12-31T23:59:59.9Z",
		"2024-01-01T00:00:00.000000001", "2024-06-30T12:34:56.78Z ",
	}
	rng := uint64(7)
	digits := "0123456789"
	for range 20000 {
		b := []byte("2024-01-01T00:00:00.000Z")
		for i := range b {
			rng = rng*6364136223846793005 + 1442695040888963407
			if b[i] >= '0' && b[i] <= '9' && rng>>61 == 0 {
				b[i] = digits[(rng>>40)%10]
			}
		}
		samples = append(samples, string(b), string(b[:19]), string(b[:23]))
	}
	for _, s := range samples {
		got, ok := parseUTCTime(s)
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			want, err = time.Parse("2006-01-02T15:04:05.999999999", s)
		}
		if ok && (err != nil || got != want) {
			t.Errorf("%q: fast path reads %v, time.Parse %v (%v)", s, got, want, err)
		}
	}
	// The forms Graph writes take the fast path.
	for _, s := range []string{"0001-01-01T00:00:00Z", "2017-04-21T10:00:00.0000000", "2019-08-16T12:00:00.0000000Z",
		"2024-02-29T23:59:59.999999999Z", "2024-06-30T12:34:56", "2024-06-30T12:34:56.5Z"} {
		if _, ok := parseUTCTime(s); !ok {
			t.Errorf("%q does not take the fast path", s)
		}
	}
}

// TestIntegersAgreeWithStrconv: the integer fast path reads what
// strconv.ParseInt reads, and every integer width refuses what it refuses.
func TestIntegersAgreeWithStrconv(t *testing.T) {
	samples := []string{"0", "-0", "1", "-1", "127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32768", "-32769",
		"2147483647", "2147483648", "-2147483648", "-2147483649", "999999999999999999", "-999999999999999999",
		"1000000000000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"1.0", "1e3", "-1.5e-3", "12345678901234567890123"}
	rng := uint64(3)
	for range 5000 {
		rng = rng*6364136223846793005 + 1442695040888963407
		n := int64(rng)
		for _, shift := range []uint{0, 20, 40, 50, 56, 60} {
			samples = append(samples, strconv.FormatInt(n>>shift, 10))
		}
	}
	readers := map[int]func(*jsonReader) int64{
		8:  func(r *jsonReader) int64 { return int64(r.int8()) },
		16: func(r *jsonReader) int64 { return int64(r.int16()) },
		32: func(r *jsonReader) int64 { return int64(r.int32()) },
		64: (*jsonReader).int64,
	}
	for _, s := range samples {
		for bits, read := range readers {
			want, err := strconv.ParseInt(s, 10, bits)
			r := jsonReader{data: s}
			got := read(&r)
			if (r.err == nil) != (err == nil) || (err == nil && got != want) {
				t.Errorf("%s as int%d: read %d (%v), strconv %d (%v)", s, bits, got, r.err, want, err)
			}
		}
	}
}

// TestEscapedStringsCostNoMore: a short string with escapes is unescaped
// on the stack and kept like a plain one, with no allocation of its own.
func TestEscapedStringsCostNoMore(t *testing.T) {
	allocs := func(in string) float64 {
		data := []byte(in)
		return testing.AllocsPerRun(50, func() {
			var v thing
			if err := v.UnmarshalJSON(data); err != nil {
				t.Fatal(err)
			}
		})
	}
	plain, escaped := allocs(`{"name":"W/ZlnW4RIAV06KYYwlrfNZvQ==","tags":["a"]}`), allocs(`{"name":"W/\"ZlnW4RIAV06KYY\u00e9wlrfNZvQ==\"","tags":["a"]}`)
	if escaped != plain {
		t.Errorf("a plain string costs %v allocations, an escaped one %v", plain, escaped)
	}
}
