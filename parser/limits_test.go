package parser

import (
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser/diag"
)

// limitDiags returns the diagnostics of the "limits" category.
func limitDiags(ds []diag.Diagnostic) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.Category == "limits" {
			out = append(out, d)
		}
	}
	return out
}

func TestPageSizeLimit(t *testing.T) {
	page := "# widget resource type\n## Properties\n| Property | Type |\n|--|--|\n| id | String |\n"
	pad := func(n int) string { return (page + strings.Repeat(strings.Repeat("x", 99)+"\n", n/100+1))[:n] }
	res, ds := parsePage(t, pad(maxPageBytes+1))
	checkDiags(t, pageFile, ds, []wantDiag{{1, diag.Error, "limits", []string{"524289 bytes, over the limit of 524288; skipped"}}})
	if res.Page.Title != "" || res.Type != nil {
		t.Error("an oversized page must not be parsed")
	}
	if res, _ := parsePage(t, pad(maxPageBytes)); res.Type == nil {
		t.Error("a page of exactly the limit must be parsed")
	}
}

func TestLineLengthLimit(t *testing.T) {
	page := func(n int) string {
		return lines("# widget resource type", "## Properties", "| Property | Type | Description |", "|--|--|--|", "| id | String | "+strings.Repeat("x", n-len("| id | String |  |"))+" |")
	}
	res, ds := parsePage(t, page(maxLineBytes))
	if len(limitDiags(ds)) != 0 || res.Type == nil {
		t.Errorf("a line of exactly the limit: type %v, diagnostics\n%s", res.Type, formatDiags(ds))
	}
	res, ds = parsePage(t, page(maxLineBytes+1))
	checkDiags(t, pageFile, ds, []wantDiag{{5, diag.Error, "limits", []string{"line is 65537 bytes, over the limit of 65536; page skipped"}}})
	if res.Type != nil {
		t.Error("a page with an overlong line must be skipped")
	}
}

func TestNestingLimit(t *testing.T) {
	page := func(depth int) string {
		return lines("---", "doc_type: resourcePageType", "---", "# widget resource type", "", strings.Repeat("> ", depth-1)+"- x", "## Properties", "| Property | Type |", "|--|--|", "| id | String |")
	}
	if res, ds := parsePage(t, page(maxNesting)); len(limitDiags(ds)) != 0 || res.Type == nil {
		t.Errorf("nesting at the limit: type %v, diagnostics\n%s", res.Type, formatDiags(ds))
	}
	res, ds := parsePage(t, page(maxNesting+1))
	checkDiags(t, pageFile, ds, []wantDiag{{6, diag.Error, "limits", []string{"line opens 33 block quotes and list items, over the limit of 32; page skipped"}}})
	if res.Type != nil {
		t.Error("a page nested too deep must be skipped")
	}
}

// A table over a limit is reported at its header and not read; the rest of
// the page is.
func TestTableLimits(t *testing.T) {
	table := func(cols, rows int) []string {
		out := []string{"|" + strings.Repeat(" c |", cols), "|" + strings.Repeat("---|", cols)}
		for range rows {
			out = append(out, "|"+strings.Repeat(" x |", cols))
		}
		return out
	}
	page := func(big []string) string {
		return lines(append(append([]string{"# widget resource type", "## Properties", ""}, big...),
			"", "| Property | Type | Description |", "|--|--|--|", "| id | String | The id. |")...)
	}
	const cols = 16
	tests := []struct {
		name  string
		table []string
		want  []wantDiag
	}{
		{"as wide as allowed", table(maxTableColumns, 1), nil},
		{"too wide", table(maxTableColumns+1, 1), []wantDiag{{4, diag.Warning, "limits", []string{"table has 65 columns, over the limit of 64; skipped"}}}},
		{"as many cells as allowed", table(cols, maxTableCells/cols-1), nil},
		{"too many cells", table(cols, maxTableCells/cols), []wantDiag{{4, diag.Warning, "limits", []string{"table has 16 columns and up to 4096 rows, over the limit of 65536 cells; skipped"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ds := parsePage(t, page(tc.table))
			checkDiags(t, pageFile, limitDiags(ds), tc.want)
			if res.Type == nil || len(res.Type.Properties) != 1 || res.Type.Properties[0].Name != "id" {
				t.Errorf("the table after it is not read: %+v", res.Type)
			}
		})
	}
}

// An example whose request or response body nests too deep is reported and
// skipped whole: its other half goes with it, unreported.
func TestExampleBodyDepthLimit(t *testing.T) {
	deep := func(n int) string { return nested("{\"a\":", "1", "}", n) }
	res, ds := parsePage(t, examplesPage(concat(
		request("ok", "/widgets/1"), response("", deep(maxJSONDepth)), // 9, 13
		request("deep-response", "/widgets/2"), response("", deep(maxJSONDepth+1)), // 19, 23
		[]string{`<!-- { "blockType": "request", "name": "deep-request" } -->`, "```http", "POST https://graph.microsoft.com/v1.0/widgets", "", deep(maxJSONDepth + 1), "```"}, // 29
		response("", `{"n":3}`), // 35
	)...))
	checkDiags(t, pageFile, ds, []wantDiag{
		{4, diag.Warning, "response", []string{"took 200 from the example"}},
		{27, diag.Warning, "limits", []string{"response example body nests deeper than 64 levels; the example is skipped"}},
		{33, diag.Warning, "limits", []string{"request example body nests deeper than 64 levels; the example is skipped"}},
	})
	if got := pairs(res.Operation); len(got) != 1 || !strings.HasPrefix(got[0], "ok /widgets/1 -> {") {
		t.Errorf("want only the example ok, got %q", got)
	}
}
