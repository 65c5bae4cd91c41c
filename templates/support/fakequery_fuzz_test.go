package support

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// FuzzFakeFilter compiles hostile $filters, and $orderbys made of the same
// text: compiling never panics, every error is a 400 BadRequest that says
// the filter is invalid or unsupported, and a compiled filter applies to
// the test objects without panicking, its negation matching exactly the
// objects it does not.
func FuzzFakeFilter(f *testing.F) {
	for _, tc := range unsupportedFilters {
		f.Add(tc.filter)
	}
	for _, tc := range invalidFilters {
		if len(tc.filter) < 1000 {
			f.Add(tc.filter)
		}
	}
	for _, s := range []string{
		"kind eq 'guest' or age eq 30 and enabled eq true",
		"not (kind eq 'guest' and enabled eq false)",
		"kind in ('member', 'nobody') and startswith(displayName,'a')",
		"score gt 12345678901234567890 or age ge -2.5e-3",
		"id eq 0b5c5a4e-0000-4000-8000-00000000000a or created lt 2022-01-01T00:00:00.5+01:00",
		"Address/City eq 'O''SLO' and mail ne null",
		"(age) eq (25) eq true",
		"displayName desc,age,address/city asc",
	} {
		f.Add(s)
	}
	objects := people(f)
	f.Fuzz(func(t *testing.T, filter string) {
		lq, err := compileListQuery(&QueryOptions{Filter: filter})
		checkQueryError(t, err, "invalid $filter", "the fake does not support")
		if err == nil && filter != "" { // "" is no filter, and "not ()" none
			not, err := compileListQuery(&QueryOptions{Filter: "not (" + filter + ")"})
			checkQueryError(t, err, "invalid $filter: nested deeper")
			for _, obj := range objects {
				if m := lq.match(obj); err == nil && not.match(obj) == m {
					t.Fatalf("%q and its negation both match %v: %v", filter, obj["id"], m)
				}
			}
		}
		lq, err = compileListQuery(&QueryOptions{OrderBy: strings.Split(filter, ","), Select: strings.Split(filter, ",")})
		checkQueryError(t, err, "invalid $orderby", "invalid $select", "the fake does not support")
		if err == nil {
			items := append([]map[string]any(nil), objects...)
			lq.sort(items)
			for _, obj := range items {
				lq.project(obj)
			}
		}
	})
}

// checkQueryError fails t unless err is nil or a 400 BadRequest whose
// message starts with one of prefixes.
func checkQueryError(t *testing.T, err error, prefixes ...string) {
	t.Helper()
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusBadRequest || e.Code != CodeBadRequest {
		t.Fatalf("got %#v; want a 400 BadRequest *Error", err)
	}
	for _, p := range prefixes {
		if strings.HasPrefix(e.Message, p) {
			return
		}
	}
	t.Fatalf("error %q starts with none of %q", e.Message, prefixes)
}
