package parser

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseAnnotation(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Annotation
	}{
		{
			name: "strict JSON, every key",
			body: `{"blockType": "resource", "name": "widget", "@odata.type": "microsoft.graph.widget",
				"truncated": false, "isCollection": true, "abstract": true, "openType": true,
				"keyProperty": "id", "baseType": "microsoft.graph.entity",
				"optionalProperties": ["a", "b"], "sampleKeys": ["1"], "expectError": false}`,
			want: Annotation{
				BlockType: "resource", Names: []string{"widget"}, ODataType: "microsoft.graph.widget",
				IsCollection: true, Abstract: true, OpenType: true, KeyProperty: "id",
				BaseType: "microsoft.graph.entity", OptionalProperties: []string{"a", "b"},
			},
		},
		{
			name: "seed layout, surrounding whitespace",
			body: "{\n  \"blockType\": \"request\",\n  \"name\": \"create_domainsecurityprofile_from_\"\n}\n",
			want: Annotation{BlockType: "request", Names: []string{"create_domainsecurityprofile_from_"}},
		},
		{
			name: "trailing commas",
			body: `{"blockType": "response", "name": ["a", "b",], "truncated": true,}`,
			want: Annotation{BlockType: "response", Names: []string{"a", "b"}, Truncated: true},
		},
		{
			name: "unquoted keys",
			body: `{blockType: "request", name: "get_user", @odata.type: "microsoft.graph.user"}`,
			want: Annotation{BlockType: "request", Names: []string{"get_user"}, ODataType: "microsoft.graph.user"},
		},
		{
			name: "single quotes",
			body: `{'blockType': 'response', 'name': 'it\'s', "truncated": 'true'}`,
			want: Annotation{BlockType: "response", Names: []string{"it's"}, Truncated: true},
		},
		{
			name: "raw newlines inside strings",
			body: "{\"blockType\": \"request\", \"name\": \"get\nuser\", \"@odata.type\": \"microsoft.graph.user\n\"}",
			want: Annotation{BlockType: "request", Names: []string{"get\nuser"}, ODataType: "microsoft.graph.user"},
		},
		{
			name: "all lapses at once",
			body: "{\n  blockType: 'response',\n  name: ['x', \"y\",],\n  truncated: \"true\",\n  isCollection: 'TRUE',\n}",
			want: Annotation{BlockType: "response", Names: []string{"x", "y"}, Truncated: true, IsCollection: true},
		},
		{
			name: "name as a string",
			body: `{"blockType": "request", "name": " get_user "}`,
			want: Annotation{BlockType: "request", Names: []string{"get_user"}},
		},
		{
			name: "name as an array, blanks and non-strings dropped",
			body: `{"blockType": "response", "name": ["get_user", "", "  ", 3, "get_user_2"]}`,
			want: Annotation{BlockType: "response", Names: []string{"get_user", "get_user_2"}},
		},
		{
			name: "empty name",
			body: `{"blockType": "request", "name": ""}`,
			want: Annotation{BlockType: "request"},
		},
		{
			name: "truncated as the string true",
			body: `{"blockType": "response", "truncated": "true", "isCollection": "True"}`,
			want: Annotation{BlockType: "response", Truncated: true, IsCollection: true},
		},
		{
			name: "truncated as a bool",
			body: `{"blockType": "response", "truncated": true}`,
			want: Annotation{BlockType: "response", Truncated: true},
		},
		{
			name: "truncated false, and unreadable strings are false",
			body: `{"blockType": "response", "truncated": "false", "isCollection": "yes", "abstract": 1}`,
			want: Annotation{BlockType: "response"},
		},
		{
			name: "page annotation",
			body: `{"type": "#page.annotation", "description": "Create domainSecurityProfile", "keywords": "", "section": "documentation", "tocPath": ""}`,
			want: Annotation{Type: "#page.annotation"},
		},
		{
			name: "unicode escape",
			body: `{blockType: 'request', name: 'caf\u00e9'}`,
			want: Annotation{BlockType: "request", Names: []string{"café"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, err := ParseAnnotation(tc.body)
			if !ok || err != nil {
				t.Fatalf("ParseAnnotation(%q): ok=%v err=%v, want ok and no error", tc.body, ok, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseAnnotation(%q)\n got %+v\nwant %+v", tc.body, got, tc.want)
			}
		})
	}
}

func TestParseAnnotationNotAnAnnotation(t *testing.T) {
	for _, body := range []string{
		"",
		"   ",
		" TODO: fix this example ",
		"markdownlint-disable MD041",
		`["blockType", "request"]`,
		"<b>{</b>",
	} {
		a, ok, err := ParseAnnotation(body)
		if ok || err != nil {
			t.Errorf("ParseAnnotation(%q) = ok %v, err %v; a plain comment should give ok false and no error", body, ok, err)
		}
		if !reflect.DeepEqual(a, Annotation{}) {
			t.Errorf("ParseAnnotation(%q) returned %+v for a plain comment", body, a)
		}
	}
}

func TestParseAnnotationBroken(t *testing.T) {
	for _, body := range []string{
		`{"blockType": "request"`,
		`{"blockType": "request", "name": ["a", "b"}`,
		`{"blockType" "request"}`,
		`{"blockType": }`,
		`{"blockType": "request}`,
		`{"blockType": 'request}`,
		`{: "request"}`,
		`{"blockType": "request"} trailing`,
		`{"blockType": "request"}}`,
		`{"name": [,]}`,
		`{`,
	} {
		_, ok, err := ParseAnnotation(body)
		if !ok {
			t.Errorf("ParseAnnotation(%q): ok = false; a comment starting with { is an annotation, broken or not", body)
		}
		if err == nil {
			t.Errorf("ParseAnnotation(%q): no error for broken JSON", body)
		}
	}
}

// parseWithin runs ParseAnnotation, failing the test if it takes longer than
// a generous bound (a hang) instead of waiting for the test timeout.
func parseWithin(t *testing.T, body string) (ok bool, err error) {
	t.Helper()
	type result struct {
		ok  bool
		err error
	}
	done := make(chan result, 1)
	go func() {
		_, ok, err := ParseAnnotation(body)
		done <- result{ok, err}
	}()
	select {
	case r := <-done:
		return r.ok, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("ParseAnnotation did not return within 10s on %d bytes", len(body))
		return false, nil
	}
}

func nested(open, leaf, close string, n int) string {
	return strings.Repeat(open, n) + leaf + strings.Repeat(close, n)
}

func TestParseAnnotationNesting(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr bool
	}{
		{"64 levels, strict", nested(`{"a":`, "1", "}", 64), false},
		{"64 levels, lenient", nested(`{a:`, "1", ",}", 64), false},
		{"100 levels, lenient objects", nested(`{a:`, "1", "}", 100), true},
		{"100 levels, lenient arrays", `{name: ` + nested("[", "'x'", ",]", 100) + `}`, true},
		{"100k levels, lenient", nested(`{a:`, "1", "}", 100000), true},
		{"1M unclosed arrays", `{"a":` + strings.Repeat("[", 1000000), true},
		{"1M unclosed lenient objects", strings.Repeat(`{a:`, 1000000), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := parseWithin(t, tc.body)
			if !ok {
				t.Errorf("ok = false, want true")
			}
			if (err != nil) != tc.wantErr {
				t.Errorf("err = %v, want error: %v", err, tc.wantErr)
			}
			if err != nil && strings.Contains(tc.name, "levels") && !strings.Contains(tc.name, "unclosed") && !strings.Contains(err.Error(), "64") {
				t.Errorf("error %q should name the depth limit", err)
			}
		})
	}
}

// The depth limit must hold whichever path parses the input: strict JSON
// goes through encoding/json first, which accepts up to 10000 levels.
func TestParseAnnotationNestingStrict(t *testing.T) {
	for _, n := range []int{65, 100, 5000} {
		if ok, err := parseWithin(t, nested(`{"a":`, "1", "}", n)); !ok || err == nil {
			t.Errorf("%d levels of strict JSON: ok=%v err=%v, want an error", n, ok, err)
		}
	}
	// Brackets inside strings are text.
	for _, body := range []string{
		`{"name": "` + strings.Repeat("{[", 100) + `"}`,
		`{name: '` + strings.Repeat("[", 100) + `\' {'}`,
	} {
		if ok, err := parseWithin(t, body); !ok || err != nil {
			t.Errorf("brackets in a string: ok=%v err=%v, want no error", ok, err)
		}
	}
}
