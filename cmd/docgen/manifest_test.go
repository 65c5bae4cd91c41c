package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// runObserved runs docgen with args and returns its exit status, its
// output, and the files gofmt ran on.
func runObserved(t *testing.T, args ...string) (int, string, []string) {
	t.Helper()
	var stderr bytes.Buffer
	cfg, err := parseFlags(args, &stderr)
	must(t, err)
	var formatted []string
	cfg.observe = func(res *result) { formatted = res.cache.Formatted() }
	code := generate(cfg, &stderr, &stderr)
	return code, stderr.String(), formatted
}

// written lists the files a -v run into dir says it wrote, by their
// slash-separated paths relative to dir (as formatCache.Formatted names
// them), sorted.
func written(dir, msg string) []string {
	prefix := filepath.ToSlash(dir) + "/"
	var out []string
	for l := range strings.Lines(msg) {
		if name, ok := strings.CutPrefix(strings.TrimSpace(l), "wrote "); ok && !strings.Contains(name, " ") {
			rel, ok := strings.CutPrefix(filepath.ToSlash(name), prefix)
			if !ok {
				rel = "outside " + dir + ": " + name // fails any comparison
			}
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

// differing lists the files that differ between two folders' generated
// files, or that only one has, sorted.
func differing(t *testing.T, a, b string) []string {
	t.Helper()
	fa, fb := generatedFiles(t, a), generatedFiles(t, b)
	var out []string
	for name, ca := range fa {
		if cb, ok := fb[name]; !ok || !bytes.Equal(ca, cb) {
			out = append(out, name)
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func generatedFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for name, data := range readDir(t, dir) {
		if strings.HasSuffix(name, ".go") {
			files[name] = data
		}
	}
	return files
}

// TestManifestRedoesOnlyChangedFiles changes one page and checks that a
// run formats, compares and writes only the files made from it, and that
// what it leaves is byte for byte what a run without the manifest makes.
// It counts what the run did; it times nothing.
func TestManifestRedoesOnlyChangedFiles(t *testing.T) {
	root := t.TempDir()
	docs := copyDocs(t, filepath.Join(root, "docs"))
	out := filepath.Join(root, "out")

	code, msg, formatted := runObserved(t, "-v", "--out", out, docs)
	if code != exitOK {
		t.Fatalf("first run: exit %d\n%s", code, msg)
	}
	all := slices.Sorted(func(yield func(string) bool) {
		for name := range generatedFiles(t, out) {
			if !yield(name) {
				return
			}
		}
	})
	if !slices.Equal(formatted, all) || !slices.Equal(written(out, msg), all) {
		t.Fatalf("a run with no manifest formatted %d and wrote %d of %d files", len(formatted), len(written(out, msg)), len(all))
	}
	if _, err := os.Stat(filepath.Join(out, manifestName)); err != nil {
		t.Fatalf("no manifest after a run: %v", err)
	}

	// Unchanged docs: the run record stands in for the run; nothing is
	// parsed, formatted or written, and --check is clean, printing what a
	// run without the manifest prints.
	code, msg, formatted = runObserved(t, "-v", "--out", out, docs)
	if code != exitOK || len(formatted) != 0 || len(written(out, msg)) != 0 || !strings.Contains(msg, "nothing parsed or generated") {
		t.Errorf("a run on unchanged docs: exit %d, formatted %v, wrote %v\n%s", code, formatted, written(out, msg), msg)
	}
	code, recorded, formatted := runObserved(t, "--check", "--out", out, docs)
	if code != exitOK || len(formatted) != 0 {
		t.Errorf("--check on unchanged docs: exit %d, formatted %v\n%s", code, formatted, recorded)
	}
	manifest := filepath.Join(out, manifestName)
	kept, err := os.ReadFile(manifest)
	must(t, err)
	must(t, os.Remove(manifest))
	code, msg, formatted = runObserved(t, "--check", "--out", out, docs)
	if code != exitOK || len(formatted) != len(all) || msg != recorded {
		t.Errorf("--check without the manifest: exit %d, formatted %d of %d files; printed\n%s\nwith the manifest:\n%s", code, len(formatted), len(all), msg, recorded)
	}
	must(t, os.WriteFile(manifest, kept, 0o644))
	// The record is kept with what the run printed, so --strict still
	// fails on its warnings; an option that reaches the output is part of
	// the key, so a different one does the work and sees every file change.
	if code, msg, _ := runObserved(t, "--check", "--strict", "--out", out, docs); code != exitFail || msg != recorded {
		t.Errorf("--check --strict on unchanged docs with warnings: exit %d\n%s", code, msg)
	}
	for _, flag := range []string{"--package=other", "--base-path=/v2", "--exclude=/widgets/**"} {
		if code, msg, formatted := runObserved(t, "--check", "-q", flag, "--out", out, docs); code != exitFail || len(formatted) == 0 {
			t.Errorf("--check %s: exit %d, formatted %d files\n%s", flag, code, len(formatted), msg)
		}
	}

	// One page changes. What should be redone is what differs between
	// runs from scratch (no manifest) on the old docs and on the new.
	page := filepath.Join(docs, "resources", "gadget.md")
	before, err := os.ReadFile(page)
	must(t, err)
	after := bytes.Replace(before, []byte("Percent of charge left."), []byte("Percent of charge remaining."), 1)
	if bytes.Equal(before, after) {
		t.Fatal("gadget.md no longer has the sentence this test edits")
	}
	must(t, os.WriteFile(page, after, 0o644))
	fresh := filepath.Join(root, "fresh")
	if code, msg, _ := runObserved(t, "--out", fresh, docs); code != exitOK {
		t.Fatalf("a run from scratch on the changed docs: exit %d\n%s", code, msg)
	}
	want := differing(t, out, fresh)
	if len(want) == 0 || len(want) > 2 || !slices.Contains(want, "internal/core/gadget.go") {
		t.Fatalf("editing a property's description in gadget.md changes %v; this test expects internal/core/gadget.go and at most one more", want)
	}
	code, msg, formatted = runObserved(t, "-v", "--check", "-q", "--out", out, docs)
	if code != exitFail || !slices.Equal(formatted, want) || !strings.Contains(msg, "changed "+filepath.ToSlash(filepath.Join(out, "internal", "core", "gadget.go"))) {
		t.Errorf("--check after one page changed: exit %d, formatted %v, want %v\n%s", code, formatted, want, msg)
	}
	code, msg, formatted = runObserved(t, "-v", "--out", out, docs)
	if code != exitOK || !slices.Equal(formatted, want) || !slices.Equal(written(out, msg), want) {
		t.Errorf("a run after one page changed: exit %d, formatted %v, wrote %v; want %v\n%s", code, formatted, written(out, msg), want, msg)
	}
	if d := differing(t, out, fresh); len(d) != 0 {
		t.Errorf("with the manifest, the output differs from a run without it in %v", d)
	}

	// A hand-edited file and a deleted one: both formatted and compared as
	// without the manifest, reported by --check, put back by a run.
	edited := filepath.Join(out, "internal", "core", "widget.go")
	orig, err := os.ReadFile(edited)
	must(t, err)
	must(t, os.WriteFile(edited, append(bytes.Clone(orig), "\n// hand-edited\n"...), 0o644))
	must(t, os.Remove(filepath.Join(out, "internal", "core", "gadget.go")))
	code, msg, formatted = runObserved(t, "--check", "-q", "--out", out, docs)
	if code != exitFail || !strings.Contains(msg, "changed "+filepath.ToSlash(edited)) || !strings.Contains(msg, "new "+filepath.ToSlash(filepath.Join(out, "internal", "core", "gadget.go"))) || !slices.Equal(formatted, []string{"internal/core/gadget.go", "internal/core/widget.go"}) {
		t.Errorf("--check with a hand-edited and a deleted file: exit %d, formatted %v\n%s", code, formatted, msg)
	}
	code, msg, _ = runObserved(t, "-v", "--out", out, docs)
	if code != exitOK || !slices.Equal(written(out, msg), []string{"internal/core/gadget.go", "internal/core/widget.go"}) {
		t.Errorf("regenerating a hand-edited and a deleted file: exit %d, wrote %v\n%s", code, written(out, msg), msg)
	}
	if d := differing(t, out, fresh); len(d) != 0 {
		t.Errorf("after putting them back, the output differs from a run without the manifest in %v", d)
	}
	// The manifest is the same as the one a run from scratch leaves in the
	// same folder: the run record's key hashes --out (the import path is
	// found from it), so fresh's differs in that.
	m, err := os.ReadFile(filepath.Join(out, manifestName))
	must(t, err)
	must(t, os.RemoveAll(out))
	if code, msg, _ := runObserved(t, "--out", out, docs); code != exitOK {
		t.Fatalf("a run from scratch into %s: exit %d\n%s", out, code, msg)
	}
	mf, err := os.ReadFile(filepath.Join(out, manifestName))
	must(t, err)
	if !bytes.Equal(m, mf) {
		t.Errorf("the manifest after these runs differs from a fresh run's:\n%s\nfresh:\n%s", m, mf)
	}
}

// TestManifestNotTrusted: a manifest that does not match, from another Go
// release, or malformed is not used; a file of that name docgen did not
// write, or a link, is left alone.
func TestManifestNotTrusted(t *testing.T) {
	root := t.TempDir()
	docs := copyDocs(t, filepath.Join(root, "docs"))
	out := filepath.Join(root, "out")
	if code, msg, _ := runObserved(t, "--out", out, docs); code != exitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	manifest := filepath.Join(out, manifestName)
	good, err := os.ReadFile(manifest)
	must(t, err)
	n := len(generatedFiles(t, out))

	// A manifest whose entries lie: every file's recorded content is
	// another file's. The files on disk do not hash to it, so all are
	// formatted and the output is right.
	lines := strings.Split(strings.TrimSuffix(string(good), "\n"), "\n")
	if !strings.HasPrefix(lines[1], recordPrefix) {
		t.Fatalf("the manifest has no run record:\n%s", good)
	}
	lying := lines[:2]
	entries := lines[2:]
	for i, l := range entries {
		f := strings.Fields(l)
		other := strings.Fields(entries[(i+1)%len(entries)])
		lying = append(lying, f[0]+" "+other[1]+" "+f[2])
	}
	for what, bad := range map[string]string{
		"lying":           strings.Join(lying, "\n") + "\n",
		"another release": strings.Replace(string(good), manifestFirstLine(), manifestHead+" go1.0", 1),
		"malformed":       string(good[:len(good)/2]) + "\nnot a line\n",
	} {
		must(t, os.WriteFile(manifest, []byte(bad), 0o644))
		code, msg, formatted := runObserved(t, "--check", "--out", out, docs)
		if code != exitOK || len(formatted) != n {
			t.Errorf("--check with a manifest %s: exit %d, formatted %d of %d files\n%s", what, code, len(formatted), n, msg)
		}
	}

	// Not docgen's: a file of the name, a link. Left as they are; the run
	// succeeds.
	foreign := []byte("my notes\n")
	must(t, os.WriteFile(manifest, foreign, 0o644))
	if code, msg, _ := runObserved(t, "--out", out, docs); code != exitOK {
		t.Errorf("with a foreign %s: exit %d\n%s", manifestName, code, msg)
	}
	if got, _ := os.ReadFile(manifest); !bytes.Equal(got, foreign) {
		t.Errorf("docgen replaced a %s it did not write", manifestName)
	}
	must(t, os.Remove(manifest))
	target := filepath.Join(root, "elsewhere")
	must(t, os.WriteFile(target, good, 0o644))
	must(t, os.Symlink(target, manifest))
	must(t, os.WriteFile(filepath.Join(out, manifestNew), foreign, 0o644))
	if code, msg, formatted := runObserved(t, "--out", out, docs); code != exitOK || len(formatted) != n {
		t.Errorf("with %s a link: exit %d, formatted %d of %d\n%s", manifestName, code, len(formatted), n, msg)
	}
	if info, err := os.Lstat(manifest); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("docgen replaced the link %s: %v", manifestName, err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, manifestNew)); !bytes.Equal(got, foreign) {
		t.Errorf("docgen replaced a %s it did not write", manifestNew)
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, good) {
		t.Errorf("docgen wrote through the link")
	}
}

// TestManifestNotForModelRuns: --emit-model and --csdl need the parsed
// model, so the run record never stands in for them.
func TestManifestNotForModelRuns(t *testing.T) {
	root := t.TempDir()
	docs := copyDocs(t, filepath.Join(root, "docs"))
	out := filepath.Join(root, "out")
	if code, msg, _ := runObserved(t, "--out", out, docs); code != exitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	model := filepath.Join(root, "model.json")
	code, msg, _ := runObserved(t, "-v", "--check", "--emit-model", model, "--out", out, docs)
	if code != exitOK || strings.Contains(msg, "nothing parsed") {
		t.Errorf("--check --emit-model: exit %d\n%s", code, msg)
	}
	if data, err := os.ReadFile(model); err != nil || !bytes.Contains(data, []byte(`"pages"`)) {
		t.Errorf("--emit-model wrote no model: %v", err)
	}
	// A run with it still records, for the next run without it.
	if code, msg, _ := runObserved(t, "--emit-model", model, "--out", out, docs); code != exitOK {
		t.Errorf("--emit-model: exit %d\n%s", code, msg)
	}
	if code, msg, _ := runObserved(t, "-v", "--check", "--out", out, docs); code != exitOK || !strings.Contains(msg, "nothing parsed") {
		t.Errorf("--check after a run with --emit-model: exit %d\n%s", code, msg)
	}
}
