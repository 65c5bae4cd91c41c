package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// editDoc replaces old with new in a page, which must contain it.
func editDoc(t *testing.T, docs, page, old, new string) {
	t.Helper()
	p := filepath.Join(docs, page)
	b, err := os.ReadFile(p)
	must(t, err)
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", page, old)
	}
	must(t, os.WriteFile(p, []byte(strings.Replace(string(b), old, new, -1)), 0o644))
}

// generateDocs writes the package for docs into a new folder.
func generateDocs(t *testing.T, docs string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "widgets")
	code, msg := runDocgen(t, "--out", out, "--package", "widgets", docs)
	if code != exitOK {
		t.Fatalf("generating: exit %d\n%s", code, msg)
	}
	if !strings.Contains(msg, "docgen: API changes: none listed, as "+out+" held no generated files\n") {
		t.Errorf("a first generation does not say there is nothing to compare with:\n%s", msg)
	}
	return out
}

// breakDocs edits the docs: a property added, one changing type, an
// operation's page removed and an operation's route changed.
func breakDocs(t *testing.T, docs string) {
	editDoc(t, docs, "resources/widget.md", "| size | Int64 | Size in bytes. |", "| size | String | Size in bytes. |\n| weight | Double | Weight in grams. |")
	must(t, os.Remove(filepath.Join(docs, "api/widget-delete.md")))
	editDoc(t, docs, "api/widget-rotate.md", "/rotate", "/spin")
}

var breakingChanges = []string{
	"~ property Widget.size: int64 -> string\n",
	"+ property Widget.weight: float64\n",
	"- operation DeleteWidget\n",
	"~ operation WidgetRotate: route POST /widgets/{id}/rotate -> POST /widgets/{id}/spin\n",
}

func TestCheckPrintsDiffAndAPIChanges(t *testing.T) {
	docs := copyDocs(t, filepath.Join(t.TempDir(), "docs"))
	out := generateDocs(t, docs)
	breakDocs(t, docs)

	code, msg := runDocgen(t, "--check", "--diff-lines=0", "--out", out, "--package", "widgets", docs)
	if code != exitFail {
		t.Errorf("--check on stale output: exit %d", code)
	}
	// Types are in internal/core; the operations in one area, named after
	// the first pages' (security), as the test docs are small.
	for _, want := range []string{
		"--- a/internal/core/widget.go\n+++ b/internal/core/widget.go\n@@ -",
		"\n+\tWeight Optional[float64] `json:\"weight,omitzero\"`\n",
		"\n-\tSize Optional[int64] `json:\"size,omitzero\"`\n+\tSize Optional[string] `json:\"size,omitzero\"`\n",
		"--- a/internal/security/widget_operations.go\n+++ b/internal/security/widget_operations.go\n",
		"\n-\t// DeleteWidget handles DELETE /widgets/{id}: Delete a widget.\n",
		"docgen: API changes: 1 added, 1 removed, 2 changed; 3 breaking\n",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("--check output lacks %q:\n%s", want, msg)
		}
	}
	for _, want := range breakingChanges {
		if !strings.Contains(msg, "\n"+want) {
			t.Errorf("API changes lack %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "not shown") {
		t.Errorf("--diff-lines=0 cut the diff:\n%s", msg)
	}
	if files, _ := os.ReadDir(out); len(files) == 0 {
		t.Fatal("no output")
	}

	// -q names the files and prints neither diff nor API changes.
	code, msg = runDocgen(t, "--check", "-q", "--out", out, "--package", "widgets", docs)
	o := filepath.ToSlash(out)
	if code != exitFail || !strings.Contains(msg, "changed "+o+"/internal/core/widget.go\n") || !strings.Contains(msg, "changed "+o+"/internal/security/widget_operations.go\n") {
		t.Errorf("--check -q: exit %d\n%s", code, msg)
	}
	if strings.Contains(msg, "+++") || strings.Contains(msg, "API changes") {
		t.Errorf("--check -q printed more than the names:\n%s", msg)
	}
	// The names are all that -q prints to stdout.
	var stdout, stderr strings.Builder
	run([]string{"--check", "-q", "--out", out, "--package", "widgets", docs}, &stdout, &stderr)
	for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if !regexp.MustCompile(`^(changed|new|removed) \S+\.go$`).MatchString(l) {
			t.Errorf("--check -q line %q is not a marker and a file name", l)
		}
	}
}

func TestCheckDiffIsBounded(t *testing.T) {
	docs := copyDocs(t, filepath.Join(t.TempDir(), "docs"))
	out := generateDocs(t, docs)
	breakDocs(t, docs)

	_, msg := runDocgen(t, "--check", "--diff-lines=6", "--out", out, "--package", "widgets", docs)
	cut := regexp.MustCompile(`\ndocgen: diff cut to 6 lines a file and 60 in all: (\d+) of (\d+) lines not shown; --diff-lines=0 shows all\n`)
	if !cut.MatchString(msg) {
		t.Errorf("no notice of the cut diff:\n%s", msg)
	}
	if !regexp.MustCompile(`\n\[\d+ more lines of the diff of internal/core/widget\.go not shown\]\n`).MatchString(msg) {
		t.Errorf("widget.go's diff is not cut with a notice:\n%s", msg)
	}
	// Each file's diff, from its --- line, has at most 6 lines.
	n := -1
	for _, l := range strings.Split(msg, "\n") {
		switch {
		case strings.HasPrefix(l, "--- "):
			n = 1
		case n >= 0 && (strings.HasPrefix(l, "[") || strings.HasPrefix(l, "docgen: ")):
			n = -1
		case n >= 0:
			n++
			if n > 6 {
				t.Fatalf("a file's diff has more than 6 lines:\n%s", msg)
			}
		}
	}
	// The API changes are not cut.
	for _, want := range breakingChanges {
		if !strings.Contains(msg, "\n"+want) {
			t.Errorf("API changes lack %q:\n%s", want, msg)
		}
	}

	// A whole new package is far more than the default bound: files past
	// it are counted, not shown.
	_, msg = runDocgen(t, "--check", "--out", filepath.Join(t.TempDir(), "empty"), "--package", "widgets", docs)
	if !regexp.MustCompile(`\ndocgen: diff cut to 40 lines a file and 400 in all: \d+ of \d+ lines not shown, \d+ files not at all; --diff-lines=0 shows all\n`).MatchString(msg) {
		t.Errorf("no notice of the cut diff of a new package:\n%s", msg)
	}
	if shown := strings.Count(msg, "\n+"); shown > 400 {
		t.Errorf("%d lines of diff shown, over the bound of 400", shown)
	}
	if !strings.Contains(msg, "--- /dev/null\n+++ b/client.go\n@@ -0,0 +1,") {
		t.Errorf("a new file is not shown as a whole-file add:\n%s", msg)
	}
}

func TestRemovedFileIsAWholeFileRemove(t *testing.T) {
	docs := copyDocs(t, filepath.Join(t.TempDir(), "docs"))
	out := generateDocs(t, docs)
	editDoc(t, docs, "resources/enums.md", "### widgetColor values", "### widgetColour values")
	code, msg := runDocgen(t, "--check", "--diff-lines=0", "--out", out, "--package", "widgets", docs)
	if code != exitFail || !strings.Contains(msg, "--- a/internal/core/widget_color.go\n+++ /dev/null\n@@ -1,17 +0,0 @@\n-// Code generated by docgen") {
		t.Errorf("exit %d; the removed file is not shown as a whole-file remove:\n%s", code, msg)
	}
	for _, want := range []string{"\n- enum WidgetColor\n", "\n+ enum WidgetColour\n"} {
		if !strings.Contains(msg, want) {
			t.Errorf("API changes lack %q:\n%s", want, msg)
		}
	}
}

func TestFailOnBreaking(t *testing.T) {
	docs := copyDocs(t, filepath.Join(t.TempDir(), "docs"))
	out := generateDocs(t, docs)
	args := []string{"--fail-on-breaking", "--out", out, "--package", "widgets", docs}

	// A pure addition is not breaking: the run regenerates and succeeds.
	editDoc(t, docs, "resources/widget.md", "| ratio | Double | Aspect ratio. |", "| ratio | Double | Aspect ratio. |\n| weight | Double | Weight in grams. |")
	editDoc(t, docs, "resources/enums.md", "| green | 1 | Green. |", "| green | 1 | Green. |\n| blue | 3 | Blue. |")
	code, msg := runDocgen(t, args...)
	if code != exitOK {
		t.Errorf("--fail-on-breaking after an addition: exit %d\n%s", code, msg)
	}
	for _, want := range []string{"\ndocgen: API changes: 2 added, 0 removed, 0 changed; 0 breaking\n", "\n+ property Widget.weight: float64\n", "\n+ member WidgetColor.blue\n"} {
		if !strings.Contains("\n"+msg, want) {
			t.Errorf("output lacks %q:\n%s", want, msg)
		}
	}

	// A removal is: the files are still written, and the run fails.
	must(t, os.Remove(filepath.Join(docs, "api/widget-stats.md")))
	code, msg = runDocgen(t, args...)
	if code != exitFail || !strings.Contains(msg, "\n- operation WidgetGetStats\n") || !strings.Contains(msg, "docgen: 1 breaking API changes, and --fail-on-breaking (the files were written)\n") {
		t.Errorf("--fail-on-breaking after a removal: exit %d\n%s", code, msg)
	}
	if code, msg := runDocgen(t, "--check", "--out", out, "--package", "widgets", docs); code != exitOK {
		t.Errorf("the files were not written: --check exits %d\n%s", code, msg)
	}

	// Without the flag, the same change only reports.
	editDoc(t, docs, "resources/widget.md", "| weight | Double | Weight in grams. |\n", "")
	code, msg = runDocgen(t, args[1:]...)
	if code != exitOK || !strings.Contains(msg, "\n- property Widget.weight\n") {
		t.Errorf("a removal without --fail-on-breaking: exit %d\n%s", code, msg)
	}

	// Under --check it names the breaking changes; any change exits 1.
	editDoc(t, docs, "api/widget-rotate.md", "204 No Content", "200 OK")
	code, msg = runDocgen(t, append([]string{"--check"}, args...)...)
	if code != exitFail || !strings.Contains(msg, "\n~ operation WidgetRotate: status 204 -> 200\n") || !strings.Contains(msg, "docgen: 1 breaking API changes, and --fail-on-breaking\n") {
		t.Errorf("--check --fail-on-breaking: exit %d\n%s", code, msg)
	}

	// Regenerating with nothing changed says nothing of the API.
	runDocgen(t, args[1:]...)
	if code, msg = runDocgen(t, args...); code != exitOK || strings.Contains(msg, "API changes") {
		t.Errorf("an unchanged regeneration: exit %d\n%s", code, msg)
	}
}

func TestDiffLinesMustNotBeNegative(t *testing.T) {
	if code, msg := runDocgen(t, "--check", "--diff-lines=-1"); code != exitUsage || !strings.Contains(msg, "--diff-lines") {
		t.Errorf("exit %d\n%s", code, msg)
	}
}
