package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir/outdirtest"
	"github.com/docgen-dev/docgen/parser/model"
)

func TestEmitModel(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pkg")
	first := filepath.Join(dir, "model.json")

	// With --check it writes the model and nothing else.
	code, msg := runDocgen(t, "--check", "--out", out, "--package", "widgets", "--emit-model", first, testdataDocs)
	if code != exitFail || !strings.Contains(msg, "+++ b/client.go") || fileExists(out) {
		t.Fatalf("--check on an empty folder: exit %d, wrote the package %v\n%s", code, fileExists(out), msg)
	}
	data, err := os.ReadFile(first)
	must(t, err)
	var doc model.Document
	must(t, json.Unmarshal(data, &doc))
	if doc.Version != 2 || len(doc.Docs) != 1 || doc.Docs[0] != "docs" || doc.API == nil {
		t.Fatalf("version %d, docs %v, api %v", doc.Version, doc.Docs, doc.API)
	}
	// Version 2: a permission names scope sets, and the resource it is for.
	if !strings.Contains(string(data), `"resource": "widget"`) || !strings.Contains(string(data), `"sets": [`) {
		t.Errorf("the model has no permission with \"resource\" and \"sets\"")
	}
	for _, op := range doc.API.Operations {
		if op.Pos.File == "docs/api/widget-rotate.md" {
			if got := fmt.Sprint(op.Permissions[0].Sets); got != "[[Widget.ReadWrite Widget.Rotate] [Widget.ReadWrite.All]]" {
				t.Errorf("widget-rotate delegated sets = %s", got)
			}
		}
	}
	var size *model.Property
	for _, ty := range doc.API.Types {
		if ty.QualifiedName() == "microsoft.graph.widget" {
			for _, p := range ty.Properties {
				if p.Name == "size" {
					size = p
				}
			}
		}
	}
	if want := (model.Property{Pos: model.Pos{File: "docs/resources/widget.md", Line: 20}, Name: "size", Type: model.TypeRef{Name: "Edm.Int64"}, Doc: "Size in bytes."}); size == nil || *size != want {
		t.Errorf("widget.size = %+v, want %+v", size, want)
	}
	var routes []string
	for _, op := range doc.API.Operations {
		if op.Pos.File == "docs/api/widget-get.md" {
			for _, r := range op.Routes {
				routes = append(routes, r.Pos.String()+" "+r.Path)
			}
		}
	}
	if got, want := strings.Join(routes, ", "), "docs/api/widget-get.md:25 /widgets/{id}, docs/api/widget-get.md:26 /me/drive/root:/{item-path}"; got != want {
		t.Errorf("routes of widget-get = %s, want %s", got, want)
	}

	// A second run, generating this time, and one to stdout give the same
	// bytes.
	second := filepath.Join(dir, "again.json")
	if code, msg := runDocgen(t, "--out", out, "--package", "widgets", "--emit-model", second, testdataDocs); code != exitOK {
		t.Fatalf("generate: exit %d\n%s", code, msg)
	}
	if again, _ := os.ReadFile(second); !bytes.Equal(again, data) {
		t.Errorf("two runs emitted different models")
	}
	if code, stdout, _ := runSplit(t, "--check", "--out", out, "--package", "widgets", "--emit-model", "-", testdataDocs); code != exitOK || stdout != string(data) {
		t.Errorf("--emit-model -: exit %d, and stdout is not the model", code)
	}

	// Under --strict the docs' warnings stop the model as they stop the
	// package.
	strict := filepath.Join(dir, "strict.json")
	if code, _ := runDocgen(t, "--strict", "--out", out, "--package", "widgets", "--emit-model", strict, testdataDocs); code != exitFail || fileExists(strict) {
		t.Errorf("--strict with warnings: exit %d, model written %v", code, fileExists(strict))
	}
}

func TestEmitModelRefusesOutputFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pkg")
	paths := []string{filepath.Join(out, "model.json"), out, filepath.Join(out, "sub", "..", "sub", "model.json")}
	if runtime.GOOS != "windows" {
		link := filepath.Join(dir, "link")
		must(t, os.MkdirAll(out, 0o755))
		must(t, os.Symlink(out, link))
		paths = append(paths, filepath.Join(link, "model.json"))
	}
	for _, p := range paths {
		code, msg := runDocgen(t, "--out", out, "--package", "widgets", "--emit-model", p, testdataDocs)
		if code != exitUsage || !strings.Contains(msg, "is inside --out") {
			t.Errorf("--emit-model %s with --out %s: exit %d, want 2\n%s", p, out, code, msg)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a refused run wrote %d files", len(entries))
	}
	// A sibling whose name starts like the folder's is outside it.
	if code, msg := runDocgen(t, "--out", out, "--package", "widgets", "--emit-model", out+"-model.json", testdataDocs); code != exitOK {
		t.Errorf("--emit-model beside --out: exit %d\n%s", code, msg)
	}
}

// TestEmitModelIsAtomic makes each file system operation of the model's
// write fail in turn: the file is then the previous model or the new one,
// whole, and no temporary file is left.
func TestEmitModelIsAtomic(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "model.json")
	args := []string{"--check", "--out", filepath.Join(t.TempDir(), "pkg"), "--package", "widgets", "--emit-model", file, testdataDocs}
	if code := run(args, &bytes.Buffer{}, &bytes.Buffer{}); code != exitFail {
		t.Fatalf("exit %d", code)
	}
	newModel, err := os.ReadFile(file)
	must(t, err)
	const old = "the previous model\n"
	failed := 0
	for at := 1; ; at++ {
		must(t, os.WriteFile(file, []byte(old), 0o644))
		cfg, err := parseFlags(args, &bytes.Buffer{})
		must(t, err)
		fsys := &outdirtest.FS{At: at, Mode: outdirtest.Fail}
		cfg.fsys = fsys
		var stderr bytes.Buffer
		generate(cfg, &bytes.Buffer{}, &stderr)
		if fsys.Ops() < at {
			break // the run ended before the fault
		}
		got, _ := os.ReadFile(file)
		if string(got) != old && !bytes.Equal(got, newModel) {
			t.Errorf("a failure at operation %d left a model that is neither the old nor the new:\n%.200s", at, got)
		}
		if string(got) == old {
			failed++
			if !strings.Contains(stderr.String(), "docgen: --emit-model: ") {
				t.Errorf("a failure at operation %d kept the old model without saying so:\n%s", at, stderr.String())
			}
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("a failure at operation %d left %d files beside the model", at, len(entries)-1)
		}
	}
	if failed == 0 {
		t.Errorf("no fault kept the previous model: the write is not going through the file system under test")
	}
}
