package support

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// queryPeople are the objects the query tests filter, sort and project,
// decoded as the fake decodes its bodies. Between them they have every
// kind of value, missing and null properties, a key in another case
// (Mail), a nested object, and a number float64 cannot tell from its
// neighbours.
const queryPeople = `[
	{"id": "1", "@odata.type": "#microsoft.graph.user", "displayName": "Adele Vance", "age": 30, "score": 1.5,
	 "enabled": true, "mail": "adele@contoso.com", "address": {"city": "Oslo"}, "kind": "member",
	 "created": "2021-01-01T00:00:00Z"},
	{"id": "2", "displayName": "bob", "age": 25, "score": -2, "enabled": false, "mail": null,
	 "address": {"city": "bergen"}, "kind": "guest", "created": "2022-06-01T12:00:00Z"},
	{"id": "3", "displayName": "Cleo O'Neil", "age": 1e2, "score": 0.10, "enabled": true,
	 "address": {"city": "OSLO"}, "kind": "member"},
	{"id": "4", "age": "40", "Mail": "dana@contoso.com", "kind": "Guest", "address": "nowhere"},
	{"id": "0b5c5a4e-0000-4000-8000-00000000000a", "displayName": "Eve", "age": 30.0,
	 "score": 12345678901234567890.5, "enabled": null, "kind": "member", "tags": ["x"]}
]`

func people(t testing.TB) []map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(queryPeople))
	d.UseNumber()
	var out []map[string]any
	if err := d.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// ids names the objects: "5" for the one whose id is a GUID.
func ids(items []map[string]any) string {
	var out []string
	for _, obj := range items {
		id := obj["id"].(string)
		if len(id) > 1 {
			id = "5"
		}
		out = append(out, id)
	}
	return strings.Join(out, ",")
}

func TestFakeFilterMatches(t *testing.T) {
	all := people(t)
	for _, tc := range []struct{ filter, want string }{
		{"", "1,2,3,4,5"},
		{"displayName eq 'bob'", "2"},
		{"displayName eq 'BOB'", "2"},
		{"DISPLAYNAME eq 'bob'", "2"},
		{"'bob' eq displayName", "2"},
		{"displayName ne 'bob'", "1,3,4,5"},
		{"displayName eq 'Cleo O''Neil'", "3"},
		{"contains(displayName,'''')", "3"},
		{"displayName gt 'BOB'", "3,5"},
		{"displayName ge 'BOB'", "2,3,5"},
		{"displayName lt 'bob'", "1"},
		{"displayName le 'Bob'", "1,2"},
		// Numbers compare as numbers, and never equal strings.
		{"age eq 30", "1,5"},
		{"age eq 30.00", "1,5"},
		{"age eq 3e1", "1,5"},
		{"age eq 100", "3"},
		{"age gt 25", "1,3,5"},
		{"age ge 25", "1,2,3,5"},
		{"age lt 30", "2"},
		{"age le 30", "1,2,5"},
		{"age eq '40'", "4"},
		{"age eq 40", ""},
		{"age ne 40", "1,2,3,4,5"},
		{"age gt '1'", "4"},
		{"score lt 0", "2"},
		{"score ge -2.5", "1,2,3,5"},
		{"score gt -2", "1,3,5"},
		{"score eq 0.1", "3"},
		{"score eq 1E-1", "3"},
		{"score gt 12345678901234567890", "5"},
		{"score lt 12345678901234567890.6", "1,2,3,5"},
		{"score eq 12345678901234567890.50", "5"},
		{"score eq 12345678901234567890.4", ""},
		// Bools, and a bool property as a condition.
		{"enabled eq true", "1,3"},
		{"enabled eq FALSE", "2"},
		{"enabled", "1,3"},
		{"not enabled", "2,4,5"},
		{"enabled gt false", "1,3"},
		{"enabled eq 'true'", ""},
		{"true", "1,2,3,4,5"},
		{"false", ""},
		{"1 eq 1", "1,2,3,4,5"},
		// Null is a missing property too; objects and arrays equal nothing.
		{"enabled eq null", "4,5"},
		{"mail eq null", "2,3,5"},
		{"null eq mail", "2,3,5"},
		{"mail ne null", "1,4"},
		{"mail gt null", ""},
		{"nothing eq null", "1,2,3,4,5"},
		{"nothing ne 1", "1,2,3,4,5"},
		{"tags eq null", "1,2,3,4"},
		{"tags ne null", "5"},
		{"address eq address", "4,5"},
		{"age eq age", "1,2,3,4,5"},
		// Names match in any case; paths go into nested objects only.
		{"address/city eq 'oslo'", "1,3"},
		{"Address/City eq 'BERGEN'", "2"},
		{"address/city eq null", "4,5"},
		{"kind eq 'guest'", "2,4"},
		// in.
		{"kind in ('member', 'nobody')", "1,3,5"},
		{"age in (25,100)", "2,3"},
		{"mail in (null)", "2,3,5"},
		{"displayName in ( 'EVE' )", "5"},
		// Functions, case-insensitively, on strings only.
		{"startswith(displayName,'a')", "1"},
		{"StartsWith(displayName, 'A')", "1"},
		{"endswith(mail,'CONTOSO.com')", "1,4"},
		{"contains(displayName,'o')", "2,3"},
		{"startswith(age,'4')", "4"},
		{"startswith(age,'3')", ""},
		{"contains(mail,'')", "1,4"},
		{"startswith(displayName,'a') eq false", "2,3,4,5"},
		// Bare GUIDs and date-times are strings.
		{"id eq 0b5c5a4e-0000-4000-8000-00000000000a", "5"},
		{"id eq 0B5C5A4E-0000-4000-8000-00000000000A", "5"},
		{"created gt 2021-06-01T00:00:00Z", "2"},
		{"created lt 2022-01-01", "1"},
		{"created eq 2021-01-01T00:00:00Z", "1"},
		// and binds tighter than or; not binds to a comparison.
		{"kind eq 'guest' or age eq 30 and enabled eq true", "1,2,4"},
		{"(kind eq 'guest' or age eq 30) and enabled eq true", "1"},
		{"kind eq 'guest' or (age eq 30 and enabled eq true)", "1,2,4"},
		{"not kind eq 'guest' and enabled eq true", "1,3"},
		{"not (kind eq 'guest' and enabled eq false)", "1,3,4,5"},
		{"not startswith(displayName,'a')", "2,3,4,5"},
		{"not(startswith(displayName,'a'))", "2,3,4,5"},
		{"not not enabled", "1,3"},
		{"NOT Enabled AND Kind EQ 'GUEST'", "2,4"},
		{"age eq 25 or age eq 100 or age eq '40'", "2,3,4"},
		{"((((age eq 25))))", "2"},
		{"(age) eq (25)", "2"},
		{"  age   eq\t25\n ", "2"},
		{"displayName eq 'bob' and(age eq 25)", "2"},
	} {
		lq, err := compileListQuery(&QueryOptions{Filter: tc.filter})
		if err != nil {
			t.Errorf("%s: %v", tc.filter, err)
			continue
		}
		var got []map[string]any
		for _, obj := range all {
			if lq.match(obj) {
				got = append(got, obj)
			}
		}
		if ids(got) != tc.want {
			t.Errorf("%s matches %q; want %q", tc.filter, ids(got), tc.want)
		}
	}
}

// wantQueryError checks that q does not compile, with a 400 BadRequest
// whose message contains want.
func wantQueryError(t *testing.T, q *QueryOptions, want string) {
	t.Helper()
	_, err := compileListQuery(q)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusBadRequest || e.Code != CodeBadRequest || !strings.Contains(e.Message, want) {
		t.Errorf("%+v: got %v; want a 400 BadRequest saying %q", *q, err, want)
	}
}

// unsupportedFilters are OData the fake refuses, with what it says.
var unsupportedFilters = []struct{ filter, want string }{
	{"tags/any(t:t eq 'x')", `the fake does not support "any" in $filter`},
	{"tags/ALL(t:t eq 'x')", `does not support "ALL"`},
	{"age add 1 eq 31", `the fake does not support "add" in $filter`},
	{"age sub 1 eq 29", `does not support "sub"`},
	{"age mul 2 eq 60", `does not support "mul"`},
	{"age div 2 eq 15", `does not support "div"`},
	{"age divby 2 eq 15", `does not support "divby"`},
	{"age mod 2 eq 0", `does not support "mod"`},
	{"age eq 1 add 2", `does not support "add"`},
	{"kind has 'member'", `does not support "has"`},
	{"tolower(displayName) eq 'bob'", `does not support "tolower"`},
	{"length(displayName) eq 3", `does not support "length"`},
	{"cast(age, Edm.String) eq '30'", `does not support "cast"`},
	{"isof('microsoft.graph.user')", `does not support "isof"`},
	{"microsoft.graph.isof('x')", `does not support "microsoft.graph.isof"`},
	{"a/startswith(b,'x')", `does not support "startswith"`},
	{"microsoft.graph.user/displayName eq 'x'", `does not support "microsoft.graph.user/displayName"`},
	{"$it/displayName eq 'x'", `does not support "$it/displayName"`},
	{"displayName eq @p1", `does not support "@p1"`},
	{"-age eq -30", `does not support negation ("-age")`},
	{"age eq - 30", `does not support negation ("-")`},
	{"age eq duration'P1D'", `does not support typed literals like "duration'…'"`},
	{"score eq INF", `does not support "INF"`},
	{"score eq NaN", `does not support "NaN"`},
}

func TestFakeQueryUnsupported(t *testing.T) {
	for _, tc := range unsupportedFilters {
		wantQueryError(t, &QueryOptions{Filter: tc.filter}, tc.want)
	}
	wantQueryError(t, &QueryOptions{Expand: []string{"manager"}}, "the fake does not support $expand")
	wantQueryError(t, &QueryOptions{Search: `"displayName:bob"`}, "the fake does not support $search")
	wantQueryError(t, &QueryOptions{OrderBy: []string{"length(displayName)"}}, `the fake does not support "length(displayName)" in $orderby`)
	wantQueryError(t, &QueryOptions{OrderBy: []string{"microsoft.graph.user/age desc"}}, `does not support "microsoft.graph.user/age" in $orderby`)
	wantQueryError(t, &QueryOptions{Select: []string{"address/city"}}, `the fake does not support "address/city" in $select`)
	wantQueryError(t, &QueryOptions{Select: []string{"members($select=id)"}}, `does not support "members($select=id)" in $select`)
}

// invalidFilters are not OData, with what the error says.
var invalidFilters = []struct{ filter, want string }{
	{" ", "invalid $filter: expected a property, literal or '(' at position 2, found the end"},
	{"displayName eq", "invalid $filter: expected a property, literal or '(' at position 15, found the end"},
	{"displayName eq 'bob", "invalid $filter: unterminated string at position 16"},
	{"(age eq 1", "invalid $filter: expected ')' at position 10, found the end"},
	{"age eq 1)", `invalid $filter: expected and, or or the end at position 9, found ")"`},
	{"age eq 1 eq 2", `expected and, or or the end at position 10, found "eq"`},
	{"age 1", `expected and, or or the end at position 5, found "1"`},
	{"and", `expected a property, literal or '(' at position 1, found "and"`},
	{"age eq 1 and", "at position 13, found the end"},
	{"age eq 1 or or age eq 2", `at position 13, found "or"`},
	{"age eq ,", `at position 8, found ","`},
	{"'bob'", "invalid $filter: expected a condition at position 1"},
	{"null", "expected a condition at position 1"},
	{"age eq 1 or 42", "expected a condition at position 13"},
	{"not 'x'", "expected a condition at position 5"},
	{"(age eq 1) and ('x')", "expected a condition at position 17"},
	{"startswith(displayName)", "invalid $filter: startswith takes two arguments: expected ',' at position 23"},
	{"startswith(displayName,'a','b')", "startswith takes two arguments: expected ')' at position 27"},
	{"startswith(displayName,'a'", "expected ')' at position 27"},
	{"age in 1", "expected '(' after in at position 8"},
	{"age in ()", `at position 9, found ")"`},
	{"age in (1,", "at position 11, found the end"},
	{"age in (1 2)", `expected ',' or ')' at position 11, found "2"`},
	{"age in (age)", "in takes a list of literals, not the one at position 9"},
	{"age eq 12ab", `"12ab" at position 8 is not a literal`},
	{"age eq 1.", `"1." at position 8 is not a literal`},
	{"age eq 2021-13", `"2021-13" at position 8 is not a literal`},
	{"a-b eq 1", `"a-b" at position 1 is not a property`},
	{"a//b eq 1", `"a//b" at position 1 is not a property`},
	{"1(x)", `"1" at position 1 is not a function`},
	{"age eq 'x' 'y'", `expected and, or or the end at position 12, found "'y'"`},
	{strings.Repeat("x", 100) + " eq", `at position 104, found the end`},
	{strings.Repeat("(", filterMaxDepth+1) + "age eq 1" + strings.Repeat(")", filterMaxDepth+1), "invalid $filter: nested deeper than 100 levels at position 101"},
	{strings.Repeat("not ", filterMaxDepth+1) + "enabled", "nested deeper than 100 levels"},
	{strings.Repeat("startswith(", filterMaxDepth+1), "nested deeper than 100 levels"},
	{strings.Repeat("(", 1_000_000), "nested deeper than 100 levels"},
}

func TestFakeFilterInvalid(t *testing.T) {
	for _, tc := range invalidFilters {
		wantQueryError(t, &QueryOptions{Filter: tc.filter}, tc.want)
	}
}

func TestFakeFilterLimits(t *testing.T) {
	// Nesting up to the limit compiles; long chains and long strings are
	// fine, and a chain is not a deep tree.
	deep := strings.Repeat("(", filterMaxDepth) + "age eq 25" + strings.Repeat(")", filterMaxDepth)
	long := "age eq 25" + strings.Repeat(" or age eq 25", 100_000)
	str := "displayName eq '" + strings.Repeat("''", 500_000) + "'"
	obj := people(t)[1]
	for _, filter := range []string{deep, long, str, strings.Repeat("not not ", filterMaxDepth/2) + "age eq 25"} {
		lq, err := compileListQuery(&QueryOptions{Filter: filter})
		if err != nil {
			t.Fatalf("%.40s...: %v", filter, err)
		}
		if want := filter != str; lq.match(obj) != want {
			t.Errorf("%.40s... matches bob: %v; want %v", filter, !want, want)
		}
	}
}

func TestFakeOrderBy(t *testing.T) {
	for _, tc := range []struct {
		orderBy []string
		want    string
	}{
		{nil, "1,2,3,4,5"},
		// Case-insensitive, nulls first ascending and last descending.
		{[]string{"displayName"}, "4,1,2,3,5"},
		{[]string{"displayName asc"}, "4,1,2,3,5"},
		{[]string{"displayName desc"}, "5,3,2,1,4"},
		{[]string{"  DisplayName   DESC "}, "5,3,2,1,4"},
		// Numbers numerically, before strings; ties keep their order.
		{[]string{"age"}, "2,1,5,3,4"},
		{[]string{"age desc"}, "4,3,1,5,2"},
		{[]string{"score"}, "4,2,3,1,5"},
		// Case-insensitive, then exact: "Guest" before "guest".
		{[]string{"kind", "age desc"}, "4,2,3,1,5"},
		{[]string{"kind desc", "age"}, "1,5,3,2,4"},
		{[]string{"enabled"}, "4,5,2,1,3"},
		{[]string{"enabled desc"}, "1,3,2,4,5"},
		{[]string{"address/city"}, "4,5,2,3,1"},
		// null < bool < number < string < other.
		{[]string{"address"}, "5,4,1,2,3"},
		{[]string{"nothing", "id desc"}, "4,3,2,1,5"},
	} {
		lq, err := compileListQuery(&QueryOptions{OrderBy: tc.orderBy})
		if err != nil {
			t.Errorf("%q: %v", tc.orderBy, err)
			continue
		}
		items := people(t)
		lq.sort(items)
		if got := ids(items); got != tc.want {
			t.Errorf("$orderby=%q sorts %s; want %s", tc.orderBy, got, tc.want)
		}
	}
	mixed := []map[string]any{{"v": "b"}, {"v": true}, {"v": json.Number("2")}, {"v": nil}, {"v": []any{}}, {"v": "A"}, {"v": false}, {"v": json.Number("-1")}}
	lq, _ := compileListQuery(&QueryOptions{OrderBy: []string{"v"}})
	lq.sort(mixed)
	var got []string
	for _, obj := range mixed {
		b, _ := json.Marshal(obj["v"])
		got = append(got, string(b))
	}
	if want := `null false true -1 2 "A" "b" []`; strings.Join(got, " ") != want {
		t.Errorf("mixed kinds sort as %s; want %s", strings.Join(got, " "), want)
	}
	// Enough items that the sort is not an insertion sort, which is stable
	// anyway.
	many := make([]map[string]any, 200)
	for i := range many {
		many[i] = map[string]any{"n": i, "key": json.Number([]string{"1", "0", "2"}[i%3])}
	}
	lq, _ = compileListQuery(&QueryOptions{OrderBy: []string{"key desc"}})
	lq.sort(many)
	for i := 1; i < len(many); i++ {
		a, b := many[i-1], many[i]
		if a["key"] == b["key"] && a["n"].(int) > b["n"].(int) {
			t.Fatalf("ties out of order: %v before %v", a, b)
		}
	}
	for _, bad := range []struct{ item, want string }{
		{"age sideways", `invalid $orderby: "sideways" is not asc or desc`},
		{"age desc please", `invalid $orderby: "age desc please" is not a property`},
		{"  ", `invalid $orderby: "" is not a property`},
		{"a-b", `invalid $orderby: "a-b" is not a property`},
		{"$it desc", `the fake does not support "$it" in $orderby`},
	} {
		wantQueryError(t, &QueryOptions{OrderBy: []string{"age", bad.item}}, bad.want)
	}
}

func TestFakeSelect(t *testing.T) {
	obj := people(t)[0]
	keys := func(m map[string]any) string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return strings.Join(out, ",")
	}
	for _, tc := range []struct {
		selects []string
		want    string
	}{
		{nil, keys(obj)},
		{[]string{"*"}, keys(obj)},
		{[]string{"displayName", " * "}, keys(obj)},
		{[]string{"displayName"}, "@odata.type,displayName,id"},
		{[]string{" DISPLAYNAME ", "age", "missing", ""}, "@odata.type,age,displayName,id"},
		{[]string{"id"}, "@odata.type,id"},
	} {
		lq, err := compileListQuery(&QueryOptions{Select: tc.selects})
		if err != nil {
			t.Errorf("%q: %v", tc.selects, err)
			continue
		}
		if got := keys(lq.project(obj)); got != tc.want {
			t.Errorf("$select=%q keeps %s; want %s", tc.selects, got, tc.want)
		}
	}
	lq, _ := compileListQuery(&QueryOptions{Select: []string{"displayName"}})
	out := lq.project(obj)
	out["extra"] = true
	delete(out, "id")
	if _, ok := obj["extra"]; ok || obj["id"] != "1" {
		t.Errorf("writing the projection changed the object: %v", obj)
	}
	all, _ := compileListQuery(&QueryOptions{Select: []string{"*"}})
	all.project(obj)["extra"] = true
	if obj["extra"] != true {
		t.Errorf("$select=* returned a copy; want the object itself")
	}
	wantQueryError(t, &QueryOptions{Select: []string{"display name"}}, `invalid $select: "display name" is not a property`)
}

func TestFakeQueryNone(t *testing.T) {
	for _, q := range []*QueryOptions{nil, {}, {Top: 3, Skip: 1, Count: true}} {
		lq, err := compileListQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		items := people(t)
		lq.sort(items)
		if !lq.match(items[0]) || ids(items) != "1,2,3,4,5" || lq.project(items[0])["score"] == nil {
			t.Errorf("%+v is not a no-op", q)
		}
	}
}

func TestQueryDecimals(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1", "1.0", 0},
		{"1e2", "100", 0},
		{"-0", "0", 0},
		{"0.000", "-0e7", 0},
		{"0.1", "0.10", 0},
		{"0.1", "1e-1", 0},
		{"00012", "12", 0},
		{"1.5E+3", "1500", 0},
		{"1", "2", -1},
		{"-1", "-2", 1},
		{"-1", "1", -1},
		{"0", "-0.0001", 1},
		{"0.001", "0.01", -1},
		{"123", "45", 1},
		{"9.99", "10", -1},
		{"12345678901234567890.5", "12345678901234567890.50000", 0},
		{"12345678901234567890.5", "12345678901234567890.4", 1},
		{"9007199254740993", "9007199254740992", 1},
		{"1e999999999999999999", "1", 1},
		{"1e-999999999999999999", "0", 1},
		{"-1e-999999999999999999", "0", -1},
	} {
		a, okA := parseQueryDecimal(tc.a)
		b, okB := parseQueryDecimal(tc.b)
		if !okA || !okB {
			t.Errorf("%s or %s does not parse", tc.a, tc.b)
			continue
		}
		if got := compareQueryDecimals(a, b); got != tc.want || compareQueryDecimals(b, a) != -tc.want {
			t.Errorf("%s against %s: %d; want %d", tc.a, tc.b, got, tc.want)
		}
	}
	for _, bad := range []string{"", "-", "+1", "1.", ".5", "1e", "1e+", "1x", "--1", "1.2.3", "0x10", "1_000"} {
		if _, ok := parseQueryDecimal(bad); ok {
			t.Errorf("%q parses as a number", bad)
		}
	}
}

func TestFilterBareStrings(t *testing.T) {
	for _, s := range []string{"2021-01-01", "2021-01-01T00:00Z", "2021-01-01T00:00:00Z", "2021-01-01T00:00:00.123+01:00",
		"2021-01-01T00:00:00-05:00", "2021-01-01T10:00", "0b5c5a4e-0000-4000-8000-00000000000a", "ABCDEF01-2345-6789-abcd-ef0123456789"} {
		if !filterBareString(s) {
			t.Errorf("%s is not a bare literal", s)
		}
	}
	for _, s := range []string{"2021-1-01", "2021-01-01T", "2021-01-01T00:00:00.Z", "2021-01-01T00:00:00+0100", "2021-01-01Z",
		"0b5c5a4e-0000-4000-8000-00000000000g", "0b5c5a4e-0000-4000-8000-00000000000a1", "0b5c5a4e00004000800000000000000a"} {
		if filterBareString(s) {
			t.Errorf("%s is a bare literal", s)
		}
	}
}
