// Package coretest holds the helpers of the generated example tests: it is
// copied into every generated package as internal/coretest, with the
// import path of its internal/core.
package coretest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	core "github.com/docgen-dev/docgen/templates/support"
)

// ExampleRoundTrip checks that json.Unmarshal then json.Marshal, as users
// call them, give back the documented body's JSON value, and, when strict,
// that the handler accepts the body. (docgen reports bodies with properties
// their type does not define, and tests them without strict.)
func ExampleRoundTrip[T any, P interface {
	*T
	json.Unmarshaler
}](t *testing.T, body string, strict bool) {
	t.Helper()
	if strict {
		var v T
		if err := core.Unmarshal([]byte(body), P(&v), true); err != nil {
			t.Fatalf("the handler would reject the documented body: %v", err)
		}
	}
	var v T
	if err := json.Unmarshal([]byte(body), P(&v)); err != nil {
		t.Fatalf("json.Unmarshal: %v", err)
	}
	got, err := json.Marshal(P(&v))
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	if diff := jsonDiff([]byte(body), got); diff != "" {
		t.Errorf("decoding and encoding the documented body changed it: %s\ngot: %s", diff, got)
	}
}

// ExampleRoundTripCodec is ExampleRoundTrip for values json.Unmarshal
// cannot reach, such as a Collection with its item codec.
func ExampleRoundTripCodec(t *testing.T, body string, v any, strict bool) {
	t.Helper()
	if err := core.Unmarshal([]byte(body), v, strict); err != nil {
		t.Fatalf("the documented body does not decode: %v", err)
	}
	got, err := core.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if diff := jsonDiff([]byte(body), got); diff != "" {
		t.Errorf("decoding and encoding the documented body changed it: %s", diff)
	}
}

// ExampleShape checks a documented body that shows types instead of
// values ("String", "Int32"), or values of the wrong kind: it must be JSON
// of the right nesting and, when strict, every property name must belong
// to its type.
func ExampleShape(t *testing.T, body string, v any, strict bool) {
	t.Helper()
	if err := core.DecodeShape([]byte(body), v, strict); err != nil {
		t.Fatalf("the documented body does not fit its type: %v", err)
	}
}

// MustDecode decodes a documented body into v, as the client does.
func MustDecode(t *testing.T, body string, v any) {
	t.Helper()
	if err := core.Unmarshal([]byte(body), v, false); err != nil {
		t.Fatalf("decoding the documented body: %v", err)
	}
}

// MustDecodeShape decodes what fits of a body that shows types, not values.
func MustDecodeShape(t *testing.T, body string, v any) {
	t.Helper()
	if err := core.DecodeShape([]byte(body), v, false); err != nil {
		t.Fatalf("decoding the documented body: %v", err)
	}
}

// ExampleStream is a stream result holding the documented content.
func ExampleStream(content string) *core.Stream {
	return &core.Stream{ContentType: "application/octet-stream", Body: io.NopCloser(strings.NewReader(content))}
}

// CheckStream reads a stream result the client received and compares it
// with the documented content.
func CheckStream(t *testing.T, got *core.Stream, want string) {
	t.Helper()
	defer got.Body.Close()
	data, err := io.ReadAll(got.Body)
	if err != nil {
		t.Fatalf("reading the stream: %v", err)
	}
	if string(data) != want {
		t.Errorf("the stream the client received is %q, want the documented %q", data, want)
	}
	if got.ContentType != "application/octet-stream" {
		t.Errorf("the stream's Content-Type is %q, want application/octet-stream", got.ContentType)
	}
}

// CheckJSON compares a value's encoding with a documented body.
func CheckJSON(t *testing.T, what, want string, got any) {
	t.Helper()
	data, err := core.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if diff := jsonDiff([]byte(want), data); diff != "" {
		t.Errorf("%s differs from the documented one: %s", what, diff)
	}
}

// ExampleClient serves s on routes over loopback with a token, and returns
// a client for it and the status of the handler's latest answer.
func ExampleClient(t *testing.T, s any, routes []core.Route) (*core.Client, *atomic.Int32) {
	t.Helper()
	status := new(atomic.Int32)
	h := core.NewRouteHandler(s, routes)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&statusWriter{ResponseWriter: w, status: status}, r)
	}))
	t.Cleanup(ts.Close)
	token := func(ctx context.Context) (string, error) { return "example-token", nil }
	return core.NewClient(ts.URL, core.WithHTTPClient(ts.Client()), core.WithBearerToken(token)), status
}

// CheckStatus compares the handler's latest answer with the documented
// status.
func CheckStatus(t *testing.T, status *atomic.Int32, want int) {
	t.Helper()
	if got := int(status.Load()); got != want {
		t.Errorf("the handler answered %d, the docs say %d", got, want)
	}
}

// statusWriter records the status a handler answers with.
type statusWriter struct {
	http.ResponseWriter
	status *atomic.Int32
}

func (w *statusWriter) WriteHeader(code int) {
	w.status.Store(int32(code))
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.status.CompareAndSwap(0, http.StatusOK)
	return w.ResponseWriter.Write(b)
}

// jsonDiff describes the first difference between two JSON documents, or
// returns "" when they hold the same value. Numbers compare by value and
// strings that are both timestamps compare as instants, since the generated
// types keep values, not spellings.
func jsonDiff(want, got []byte) string {
	w, err := decodeAny(want)
	if err != nil {
		return "the documented body: " + err.Error()
	}
	g, err := decodeAny(got)
	if err != nil {
		return "the encoded body: " + err.Error()
	}
	return valueDiff("$", w, g)
}

func decodeAny(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// foldKeys renames the members of got that the documented object want
// spells in another case ("ConferenceId" for "conferenceId"): decoding
// takes such a name as the property it folds to, as the service does, and
// encoding writes the property's own spelling.
func foldKeys(want, got map[string]any) map[string]any {
	out := make(map[string]any, len(got))
	for k, v := range got {
		out[k] = v
	}
	for wk := range want {
		if _, ok := out[wk]; ok {
			continue
		}
		for gk, gv := range got {
			if _, exact := want[gk]; !exact && strings.EqualFold(gk, wk) {
				out[wk] = gv
				delete(out, gk)
				break
			}
		}
	}
	return out
}

// hasFold reports whether m has a key that is k in another case.
func hasFold(m map[string]any, k string) bool {
	for mk := range m {
		if mk != k && strings.EqualFold(mk, k) {
			return true
		}
	}
	return false
}

func valueDiff(path string, want, got any) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: want an object, got %v", path, got)
		}
		g = foldKeys(w, g)
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			wv, inWant := w[k]
			gv, inGot := g[k]
			switch {
			case !inGot && path == "$" && k == "@odata.context":
				// A single primitive or enumeration result is returned as
				// the value alone: its context annotation is not kept.
				continue
			case !inGot && hasFold(g, k):
				// The docs spell one property twice, in two cases; both
				// decode into it, the last one winning.
				continue
			case !inGot:
				return fmt.Sprintf("%s.%s: missing", path, k)
			case !inWant && k == "@odata.type":
				// A derived value in a base type's place names its type,
				// as the service's answers do, even where the docs leave
				// it out.
				continue
			case !inWant:
				return fmt.Sprintf("%s.%s: unexpected, got %v", path, k, gv)
			}
			if d := valueDiff(path+"."+k, wv, gv); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Sprintf("%s: want an array, got %v", path, got)
		}
		if len(w) != len(g) {
			return fmt.Sprintf("%s: want %d elements, got %d", path, len(w), len(g))
		}
		for i := range w {
			if d := valueDiff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i]); d != "" {
				return d
			}
		}
		return ""
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return fmt.Sprintf("%s: want %v, got %v", path, w, got)
		}
		wf, err1 := strconv.ParseFloat(string(w), 64)
		gf, err2 := strconv.ParseFloat(string(g), 64)
		if err1 != nil || err2 != nil || wf != gf {
			return fmt.Sprintf("%s: want %v, got %v", path, w, g)
		}
		return ""
	case string:
		g, ok := got.(string)
		if !ok {
			return fmt.Sprintf("%s: want %q, got %v", path, w, got)
		}
		if w == g || sameInstant(w, g) {
			return ""
		}
		return fmt.Sprintf("%s: want %q, got %q", path, w, g)
	default:
		if want != got {
			return fmt.Sprintf("%s: want %v, got %v", path, want, got)
		}
		return ""
	}
}

// sameInstant compares timestamps as the generated decoder reads them: a
// value without a zone offset is UTC.
func sameInstant(a, b string) bool {
	ta, ok1 := core.ParseInstant(a)
	tb, ok2 := core.ParseInstant(b)
	return ok1 && ok2 && ta.Equal(tb)
}
