package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir/outdirtest"
	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// runSplit runs the command in-process and keeps its two streams apart.
func runSplit(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

const testdataDocs = "../../generator/testdata/docs"

// TestLintFormats checks each format against what a generation run reports
// on the same docs: the same diagnostics, the generator's included (a
// duplicate route), with paths that name the pages on disk.
func TestLintFormats(t *testing.T) {
	res, roots, err := build(&config{pkg: "widgets", docs: []string{testdataDocs}})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	diag.Print(&want, res.diags.Sorted(), displayPath(roots))
	if !strings.Contains(want.String(), "widget-read.md:15: warning: GET /widgets/{widget-id} is also documented") {
		t.Fatalf("the testdata no longer has the generator's duplicate-route warning:\n%s", want.String())
	}
	n := strings.Count(want.String(), "\n")
	summary := "docgen lint: 20 pages (14 method, 5 resource, 1 enum); 9 types, 2 enums, 14 operations; 0 errors, 7 warnings (duplicate 1, missing-page 4, permissions 2)\n"

	code, stdout, stderr := runSplit(t, "lint", testdataDocs)
	if code != exitOK || stdout != "" || stderr != want.String()+summary {
		t.Errorf("lint: exit %d, stdout %q, stderr:\n%s\nwant:\n%s%s", code, stdout, stderr, want.String(), summary)
	}

	code, stdout, stderr = runSplit(t, "lint", "--format", "json", testdataDocs)
	var records []lintRecord
	if err := json.Unmarshal([]byte(stdout), &records); err != nil || code != exitOK || stderr != summary {
		t.Fatalf("lint --format json: exit %d, %v, stderr %q, stdout:\n%s", code, err, stderr, stdout)
	}
	if len(records) != n {
		t.Errorf("lint --format json: %d records, want %d", len(records), n)
	}
	for _, r := range records {
		if _, err := os.Stat(r.File); err != nil || !strings.HasPrefix(r.File, testdataDocs+"/") {
			t.Errorf("record %+v does not name its page relative to the working directory: %v", r, err)
		}
	}
	dup := lintRecord{File: testdataDocs + "/api/widget-read.md", Line: 15, Severity: "warning", Category: "duplicate",
		Message: "GET /widgets/{widget-id} is also documented at docs/api/widget-get.md:25 (Get widget), which serves it; this page serves its other routes"}
	if len(records) == 0 || records[len(records)-1] != dup {
		t.Errorf("last record is not\n%+v\nin %+v", dup, records)
	}

	code, stdout, stderr = runSplit(t, "lint", "--format", "github", testdataDocs)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	command := regexp.MustCompile(`^::warning file=\.\./\.\./generator/testdata/docs/[a-z/-]+\.md,line=[1-9][0-9]*,title=[a-z-]+::[a-zA-Z]`)
	if code != exitOK || len(lines) != n || stderr != summary {
		t.Errorf("lint --format github: exit %d, %d lines, want %d, stderr %q", code, len(lines), n, stderr)
	}
	for _, l := range lines {
		if !command.MatchString(l) {
			t.Errorf("not a workflow command for a page: %q", l)
		}
	}
	if want := "::warning file=../../generator/testdata/docs/api/widget-read.md,line=15,title=duplicate::GET /widgets/{widget-id} is also documented at docs/api/widget-get.md:25 (Get widget), which serves it; this page serves its other routes"; lines[len(lines)-1] != want {
		t.Errorf("last command = %q, want %q", lines[len(lines)-1], want)
	}

	for _, format := range []string{"text", "json", "github"} {
		if code, _, _ := runSplit(t, "lint", "--strict", "--format", format, testdataDocs); code != exitFail {
			t.Errorf("lint --strict --format %s on docs with warnings: exit %d, want 1", format, code)
		}
	}
}

func TestLintGitHubEscapes(t *testing.T) {
	var b bytes.Buffer
	ds := []diag.Diagnostic{
		{Pos: model.Pos{File: "d/a%,b:c.md", Line: 7}, Severity: diag.Error, Category: "x,y:z", Message: "100% sure\r\nnext: a, b"},
		{Pos: model.Pos{File: "d/big.md"}, Severity: diag.Warning, Category: "limits", Message: "skipped"},
	}
	if err := printGitHub(&b, ds, func(s string) string { return "../" + s }); err != nil {
		t.Fatal(err)
	}
	want := "::error file=../d/a%25%2Cb%3Ac.md,line=7,title=x%2Cy%3Az::100%25 sure%0D%0Anext: a, b\n" +
		"::warning file=../d/big.md,title=limits::skipped\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestLintFolderNamedLint runs from a folder holding docs named "lint": the
// subcommand lints them by name or absolute path, with paths relative to
// the working directory, writes nothing, and generation still reaches them.
func TestLintFolderNamedLint(t *testing.T) {
	dir := t.TempDir()
	copyDocs(t, filepath.Join(dir, "lint"))
	t.Chdir(dir)

	before, err := outdirtest.Snapshot(dir)
	must(t, err)
	for _, args := range [][]string{{"lint", "lint"}, {"lint", "--format", "github", filepath.Join(dir, "lint")}} {
		code, stdout, stderr := runSplit(t, args...)
		named := strings.HasPrefix(stderr, "lint/api/") || strings.HasPrefix(stdout, "::warning file=lint/api/")
		if code != exitOK || !named {
			t.Errorf("docgen %v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	after, err := outdirtest.Snapshot(dir)
	must(t, err)
	if d := outdirtest.Diff(before, after); d != "" {
		t.Errorf("lint changed the working directory: %s", d)
	}

	for _, args := range [][]string{{"--out", "a", "--package", "widgets", "./lint"}, {"--out", "b", "--package", "widgets", "--", "lint"}} {
		if code, msg := runDocgen(t, args...); code != exitOK || !fileExists(filepath.Join(args[1], "doc.go")) {
			t.Errorf("docgen %v did not generate from the folder lint: exit %d\n%s", args, code, msg)
		}
	}

	// An error fails the run, and a page with no line is annotated whole.
	must(t, os.WriteFile(filepath.Join("lint", "api", "broken.md"), []byte("# Broken\n\nnul \x00 byte\n"), 0o644))
	code, stdout, _ := runSplit(t, "lint", "--format", "github", "lint")
	if want := "::error file=lint/api/broken.md,line=3,title=encoding::NUL byte: not a text file; skipped\n"; code != exitFail || !strings.HasPrefix(stdout, want) {
		t.Errorf("a page with an error: exit %d, want 1, output does not start with %q:\n%s", code, want, stdout)
	}
}

func TestLintCleanJSON(t *testing.T) {
	code, stdout, stderr := runSplit(t, "lint", "--format", "json", "--strict", t.TempDir())
	if code != exitOK || stdout != "[]\n" || !strings.Contains(stderr, "0 errors, 0 warnings") {
		t.Errorf("lint of clean docs: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestLintUsage(t *testing.T) {
	for _, args := range [][]string{{"lint", "--format", "xml"}, {"lint", "--no-such-flag"}, {"lint", "--format"}} {
		if code, out := runDocgen(t, args...); code != exitUsage || !strings.Contains(out, "usage: docgen lint") {
			t.Errorf("docgen %v: exit %d, want 2 with lint's usage:\n%s", args, code, out)
		}
	}
	if code, out := runDocgen(t, "lint", "--help"); code != exitOK || !strings.Contains(out, "usage: docgen lint") || !strings.Contains(out, "--format FORMAT") {
		t.Errorf("lint --help: exit %d\n%s", code, out)
	}
	if code, out := runDocgen(t, "lint", "no/such/docs"); code != exitFail || !strings.Contains(out, "no/such/docs") {
		t.Errorf("lint of a missing folder: exit %d\n%s", code, out)
	}
	if _, out := runDocgen(t, "--help"); !strings.Contains(out, "docgen lint") || !strings.Contains(out, "./lint") {
		t.Errorf("docgen --help does not mention lint, or how to generate from a folder named lint:\n%s", out)
	}
}
