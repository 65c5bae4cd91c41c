package generator_test

// Bad docs give clear diagnostics and the run goes on: each case in
// testdata/baddocs is a folder of pages with one kind of problem, read
// together with the pages of testdata/baddocs/good. The test asserts every
// diagnostic, as docgen prints it, and that the good pages are still
// generated; then all the cases' packages are compiled, vetted and their
// generated tests run, in one module.

import (
	"bytes"
	"path"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/generator"
	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
)

// badDocs reads testdata/baddocs/good and testdata/baddocs/<dir> as one doc
// set named "docs", so the pages link to each other as if in one folder.
func badDocs(t *testing.T, dir string) []parser.Source {
	t.Helper()
	var out []parser.Source
	for _, d := range []string{"good", dir} {
		if d == "" {
			continue
		}
		src, err := parser.ReadDir(path.Join("testdata", "baddocs", d))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range src {
			_, rest, _ := strings.Cut(s.Path, "/")
			out = append(out, parser.Source{Path: "docs/" + rest, Data: s.Data})
		}
	}
	return out
}

// goodCode is what the good pages generate, whatever the bad pages beside
// them say: the type in internal/core, the operation in the area package
// of its pages, and the root package's names for them.
var goodCode = map[string][]string{
	"types.go":                              {"type Gizmo = core.Gizmo", "type GetGizmoParams = gizmo.GetGizmoParams"},
	"client.go":                             {"gizmo.GizmoClient"},
	"internal/core/gizmo.go":                {"type Gizmo struct {", "DisplayName Optional[string] `json:\"displayName,omitzero\"`"},
	"internal/gizmo/gizmo_operations.go":    {"func (c *GizmoClient) GetGizmo(ctx context.Context, params GetGizmoParams) (*core.Gizmo, error) {"},
	"internal/gizmo/gizmo_examples_test.go": {"func TestExampleGetGizmo(t *testing.T) {"},
}

func TestBadDocs(t *testing.T) {
	tests := []struct {
		dir   string              // under testdata/baddocs; "" for the good pages alone
		diags []string            // every diagnostic, as docgen prints it
		code  map[string][]string // generated file, by its slash-separated path → code it must hold
	}{
		{dir: ""},
		// Line endings and a byte-order mark change no line number: each
		// page has a problem to point at.
		{
			dir:   "crlf",
			diags: []string{"docs/resources/sprocket.md:15: warning: row has 2 of the table's 3 cells; the missing cells are read as empty"},
			code:  map[string][]string{"internal/core/sprocket.go": {"Teeth Optional[int32]", "Pitch Optional[float64]"}},
		},
		{
			// LF, then CRLF, then a lone CR, in turn.
			dir:   "mixed-line-endings",
			diags: []string{"docs/resources/flange.md:16: warning: row has 4 cells but the table has 3 (an unescaped | in a cell?); the extra cells are dropped"},
			code:  map[string][]string{"internal/core/flange.go": {"Bolts Optional[int32]"}},
		},
		{
			dir:   "bom",
			diags: []string{`docs/resources/washer.md:15: warning: property "size" has no type I can read ("???"); skipped`},
			code:  map[string][]string{"internal/core/washer.go": {"type Washer struct {", "Thickness Optional[float64]"}},
		},
		{
			dir:   "invalid-utf8",
			diags: []string{"docs/resources/bracket.md:15: warning: invalid UTF-8; bad bytes replaced with U+FFFD"},
			code:  map[string][]string{"internal/core/bracket.go": {"// Caf\uFFFD cr\uFFFDme.", "Finish Optional[string]"}},
		},
		{
			// A PNG named .md: its first NUL is on line 3.
			dir:   "binary",
			diags: []string{"docs/resources/logo.md:3: error: NUL byte: not a text file; skipped"},
		},
		{
			// The fence swallows the rest of the page, whose lines then
			// read as routes.
			dir: "unclosed-fence",
			diags: []string{
				"docs/api/gizmo-delete.md:6: warning: response status is stated nowhere; assumed 200",
				"docs/api/gizmo-delete.md:13: warning: code block has no closing ```: lines 14-18 are read as its code, not as the page's text",
				"docs/api/gizmo-delete.md:18: warning: syntax line \"If successful, this method returns a `204 No Content` response code.\" does not start with an HTTP method",
			},
			code: map[string][]string{"internal/gizmo/gizmo_operations.go": {"func (c *GizmoClient) DeleteGizmo("}},
		},
		{
			dir: "table-cells",
			diags: []string{
				"docs/resources/spring.md:15: warning: row has 2 of the table's 3 cells; the missing cells are read as empty",
				"docs/resources/spring.md:16: warning: row has 4 cells but the table has 3 (an unescaped | in a cell?); the extra cells are dropped",
				"docs/resources/spring.md:17: warning: row has 1 of the table's 3 cells (the rest of the row above, broken over two lines?); skipped",
			},
			code: map[string][]string{"internal/core/spring.go": {"Rate Optional[float64]", "Length Optional[float64]", "Wire Optional[string]"}},
		},
		{
			dir: "annotation-not-json",
			diags: []string{
				"docs/api/gizmo-update.md:29: warning: annotation is not JSON (offset 43: expected a key, found '['); the code block after it is read without it",
				"docs/api/gizmo-update.md:37: warning: the request for this response, at line 31, has no annotation; add one (blockType request) to make them an example, skipped until then",
			},
			code: map[string][]string{"internal/gizmo/gizmo_operations.go": {"func (c *GizmoClient) UpdateGizmo("}},
		},
		{
			// Both examples are tested, under two names.
			dir:   "duplicate-example-names",
			diags: []string{`docs/api/gizmo-list.md:40: warning: example name "list_gizmos" is also used at line 25`},
			code:  map[string][]string{"internal/gizmo/gizmo_examples_test.go": {"func TestExampleListGizmos(t *testing.T) {", "func TestExampleListGizmos2(t *testing.T) {"}},
		},
		{
			// The page that documents GET /gizmos/{id} again generates no
			// operation; its example tests the first page's.
			dir:   "duplicate-route",
			diags: []string{`docs/api/gizmo-read.md:7: warning: GET /gizmos/{id} is also documented at docs/api/gizmo-get.md:25 (Get gizmo), which serves it; no operation is generated for "Read gizmo", its examples test that page's`},
			code:  map[string][]string{"internal/gizmo/gizmo_examples_test.go": {"func TestExampleReadGizmo(t *testing.T) {"}},
		},
		{
			// An egg has a chicken, a chicken has an egg, and an egg has
			// an egg: single objects are held by pointer.
			dir:  "type-cycle",
			code: map[string][]string{"internal/core/egg.go": {"Layer Optional[*Chicken]", "Yolk Optional[*Egg]"}, "internal/core/chicken.go": {"Origin Optional[*Egg]", "Clutch Optional[[]Egg]"}},
		},
		{
			// alpha inherits from beta, beta from alpha.
			dir:   "base-type-cycle",
			diags: []string{"docs/resources/alpha.md:6: warning: base types of alpha form a cycle; its base type is dropped"},
			code:  map[string][]string{"internal/core/alpha.go": {"type Alpha struct {", "Next Optional[*Beta]"}, "internal/core/beta.go": {"type Beta struct {\n\tAlpha\n"}},
		},
		{
			// Edm types docgen has no Go type for are kept as raw JSON, and said so.
			dir: "unknown-edm",
			diags: []string{
				"docs/resources/beacon.md:15: warning: Edm.GeographyPoint is not an Edm type docgen knows: property position and 1 more keep their values as raw JSON",
				"docs/resources/beacon.md:16: warning: Edm.GeographyPolygon is not an Edm type docgen knows: property range keeps its values as raw JSON",
			},
			code: map[string][]string{"internal/core/beacon.go": {"Position Optional[json.RawMessage]", "Range Optional[json.RawMessage]"}},
		},
		{
			dir: "undefined-type",
			diags: []string{
				"docs/resources/gizmobox.md:15: warning: type microsoft.graph.gizmoLid is referenced but never defined, and no example shows it; its values are kept as raw JSON",
				"docs/resources/gizmobox.md:16: warning: type microsoft.graph.gizmoLabel is referenced but never defined, and no example shows it; its values are kept as raw JSON",
			},
			code: map[string][]string{"internal/core/gizmo_box.go": {"Lid Optional[json.RawMessage]", "Labels Optional[[]json.RawMessage]", "Contents Optional[[]Gizmo]"}},
		},
		{
			// Properties and route and query parameters named after Go
			// keywords and predeclared names.
			dir: "go-keywords",
			code: map[string][]string{
				"internal/core/keyword.go":             {"Func Optional[string] `json:\"func,omitzero\"`", "Type Optional[string] `json:\"type,omitzero\"`", "Nil Optional[string] `json:\"nil,omitzero\"`"},
				"internal/gizmo/keyword_operations.go": {"Type        string // path parameter {type}", "Range       string // path parameter {range}"},
			},
		},
		{
			// Properties named after what the generated struct already
			// has: its JSON methods, its embedded base and the base's As
			// method.
			dir: "go-names",
			diags: []string{
				`docs/resources/gear.md:17: warning: property "part" would be field Part, which the embedded base type part takes; named Part2`,
				`docs/resources/gear.md:18: warning: property "asPart" would be field AsPart, which a method of base type part takes; named AsPart2`,
				`docs/resources/part.md:15: warning: property "marshalJSON" would be field MarshalJSON, which every generated type reserves; named MarshalJSON2`,
				`docs/resources/part.md:16: warning: property "unmarshalJSON" would be field UnmarshalJSON, which every generated type reserves; named UnmarshalJSON2`,
			},
			code: map[string][]string{"internal/core/gear.go": {"Part2 Optional[string] `json:\"part,omitzero\"`"}, "internal/core/part.go": {"MarshalJSON2 Optional[string] `json:\"marshalJSON,omitzero\"`"}},
		},
		{
			// A type and properties whose names start with a digit.
			dir:  "digits",
			code: map[string][]string{"internal/core/x3d_printer.go": {"type X3dPrinter struct {", "X3dModel Optional[string] `json:\"3dModel,omitzero\"`", "X1 Optional[int32] `json:\"1,omitzero\"`"}},
		},
		{
			// Property names and enum members that differ only in case or
			// separators.
			dir: "case-collisions",
			diags: []string{
				`docs/resources/casing.md:15: warning: property "Id" would be field ID, which "id" (line 14) already takes; named ID2`,
				`docs/resources/casing.md:16: warning: property "ID" would be field ID, which "id" (line 14) already takes; named ID3`,
				`docs/resources/casing.md:18: warning: property "DisplayName" would be field DisplayName, which "displayName" (line 17) already takes; named DisplayName2`,
				`docs/resources/casing.md:19: warning: property "display_name" would be field DisplayName, which "displayName" (line 17) already takes; named DisplayName3`,
				`docs/resources/casing.md:20: warning: property "additionalData" would be field AdditionalData, which every generated type reserves; named AdditionalData2`,
				`docs/resources/casing.md:21: warning: property "oDataType" would be field ODataType, which every generated type reserves; named ODataType2`,
				`docs/resources/casing.md:22: warning: member On of casingState would be named CasingStateOn, which docs/resources/casing.md:22 already takes; named CasingStateOn2`,
				`docs/resources/casing.md:22: warning: member offLine of casingState would be named CasingStateOffLine, which docs/resources/casing.md:22 already takes; named CasingStateOffLine2`,
			},
			code: map[string][]string{
				"internal/core/casing.go":       {"ID3 Optional[string] `json:\"ID,omitzero\"`", "DisplayName3 Optional[string] `json:\"display_name,omitzero\"`"},
				"internal/core/casing_state.go": {`CasingStateOn2      CasingState = "On"`, `CasingStateOffLine2 CasingState = "offLine"`},
			},
		},
		{
			// A table wider than the limit is not read, the table after it
			// is; an example nested too deep is skipped with its response.
			dir: "limits",
			diags: []string{
				"docs/api/gizmo-post.md:34: warning: request example body nests deeper than 64 levels; the example is skipped",
				"docs/resources/board.md:12: warning: table has 65 columns, over the limit of 64; skipped",
			},
			code: map[string][]string{"internal/core/board.go": {"Pins Optional[int32]"}, "internal/gizmo/gizmo_operations.go": {"func (c *GizmoClient) CreateGizmo("}},
		},
	}
	module := map[string][]byte{}
	for _, tc := range tests {
		name := tc.dir
		if name == "" {
			name = "good"
		}
		pkg := strings.ReplaceAll(name, "-", "")
		t.Run(name, func(t *testing.T) {
			var d diag.List
			api := parser.Parse(badDocs(t, tc.dir), &d)
			out, err := generator.Generate(api, generator.Options{Package: pkg, ImportPath: "example.com/baddocs/" + pkg, DocsName: "docs"}, &d)
			if err != nil {
				t.Fatal(err)
			}
			var printed bytes.Buffer
			diag.Print(&printed, d.Sorted(), nil)
			got := strings.Split(strings.TrimSuffix(printed.String(), "\n"), "\n")
			if printed.Len() == 0 {
				got = nil
			}
			if strings.Join(got, "\n") != strings.Join(tc.diags, "\n") {
				t.Errorf("diagnostics\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.diags, "\n"))
			}
			files := map[string]string{}
			for _, f := range out.Files {
				files[f.Name] = string(f.Content)
				module[pkg+"/"+f.Name] = f.Content
			}
			for _, want := range []map[string][]string{goodCode, tc.code} {
				for name, snippets := range want {
					for _, s := range snippets {
						if !strings.Contains(files[name], s) {
							t.Errorf("%s does not hold %q", name, s)
						}
					}
				}
			}
		})
	}
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	vetAndTest(t, "example.com/baddocs", module)
}
