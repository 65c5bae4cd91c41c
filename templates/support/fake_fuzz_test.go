package support

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"testing"
)

// FuzzFakeStore sends any path, query and body to each kind of operation
// of a store that holds a few entities: the store must answer with an
// *Error, errNoContent or JSON that decodes, and never panic.
func FuzzFakeStore(f *testing.F) {
	for _, seed := range []struct {
		kind              uint8
		path, query, body string
	}{
		{1, "/users", "$top=2&$filter=displayName eq 'a'", ""},
		{2, "/users/u1/events", "", `{"subject":"x"}`},
		{3, "/me", "$select=id", ""},
		{4, "/users/u1", "", `{"displayName":null}`},
		{5, "/users/u%2F1", "", `{"a":[1,{"b":2}]}`},
		{6, "/users/u1", "", ""},
		{3, "/me/mailboxSettings", "", ""},
		{1, "//", "$skip=99999999999999999999", ""},
		{1, "/users", "$top=9223372036854775807&$skip=1", ""},
		{2, "/a/%zz", "", `[]`},
	} {
		f.Add(seed.kind, seed.path, seed.query, seed.body)
	}
	f.Fuzz(func(t *testing.T, kind uint8, path, query, body string) {
		s := NewFakeStore([][]FakeSeed{{{Path: "/users", List: true, Body: `{"value":[{"id":"u1","displayName":"a"}]}`}}})
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		op := &FakeOp{Name: "Op", Kind: FakeKind(kind % 7), Singleton: kind&8 != 0, ETag: kind&16 != 0}
		var in encoder
		if body != "" {
			if !json.Valid([]byte(body)) {
				return // the handler's decoder refuses it before the store sees it
			}
			in = &rawJSON{data: []byte(body)}
		}
		out := &rawJSON{}
		err = s.Do(context.Background(), op, path, q, in, out)
		var e *Error
		switch {
		case err == nil, err == errNoContent:
		case errors.As(err, &e):
			if e.StatusCode < 400 || e.StatusCode > 499 {
				t.Fatalf("%s %q %q: status %d", path, query, body, e.StatusCode)
			}
		default:
			t.Fatalf("%s %q %q: %v is not an *Error", path, query, body, err)
		}
	})
}
