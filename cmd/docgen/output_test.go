package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir/outdirtest"
)

// killAtEnv makes the test binary run docgen instead of the tests, killing
// itself at the given file system operation of the write; see TestKilled.
const killAtEnv = "DOCGEN_TEST_KILL_AT"

func TestMain(m *testing.M) {
	if at := os.Getenv(killAtEnv); at != "" {
		os.Exit(runKilledAt(at, os.Args[1:]))
	}
	os.Exit(m.Run())
}

func runKilledAt(at string, args []string) int {
	n, err := strconv.Atoi(at)
	if err != nil {
		os.Stderr.WriteString("docgen: " + killAtEnv + " is not a number\n")
		return exitUsage
	}
	cfg, err := parseFlags(args, os.Stderr)
	if err != nil {
		return exitUsage
	}
	cfg.fsys = &outdirtest.FS{At: n, Mode: outdirtest.Kill}
	return generate(cfg, os.Stdout, os.Stderr)
}

// testTree is an output folder with a previous generated package in it and
// what is not docgen's around it: a go.mod, a hand-written file that uses
// the generated package, a text file, and a link to a file outside.
type testTree struct {
	out, outside string
}

func newTestTree(t *testing.T) *testTree {
	root := t.TempDir()
	tr := &testTree{out: filepath.Join(root, "out"), outside: filepath.Join(root, "outside")}
	must(t, os.MkdirAll(tr.outside, 0o755))
	must(t, os.WriteFile(filepath.Join(tr.outside, "secret.txt"), []byte("not docgen's\n"), 0o644))
	return tr
}

// reset empties out and fills it with the user's files and the package
// docgen generates from docs.
func (tr *testTree) reset(t *testing.T, docs string) {
	t.Helper()
	must(t, os.RemoveAll(tr.out))
	must(t, os.MkdirAll(tr.out, 0o755))
	must(t, os.WriteFile(filepath.Join(tr.out, "go.mod"), []byte("module example.com/graph\n\ngo 1.24\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(tr.out, "mine.go"), []byte("package graph\n\n// Hand-written, and uses the generated code.\nvar _ = NewClient\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(tr.out, "notes.txt"), []byte("notes\n"), 0o644))
	must(t, os.Symlink(filepath.Join(tr.outside, "secret.txt"), filepath.Join(tr.out, "secret.txt")))
	if code, msg := runDocgen(t, "--out", tr.out, docs); code != exitOK {
		t.Fatalf("generating from %s: exit %d\n%s", docs, code, msg)
	}
}

func (tr *testTree) snapshot(t *testing.T) (out, outside map[string]string) {
	t.Helper()
	out, err := outdirtest.Snapshot(tr.out)
	must(t, err)
	outside, err = outdirtest.Snapshot(tr.outside)
	must(t, err)
	return out, outside
}

// unchanged fails the test if the tree differs from the snapshots.
func (tr *testTree) unchanged(t *testing.T, what string, out, outside map[string]string) {
	t.Helper()
	nowOut, nowOutside := tr.snapshot(t)
	if d := outdirtest.Diff(out, nowOut); d != "" {
		t.Errorf("%s changed the output folder: %s", what, d)
	}
	if d := outdirtest.Diff(outside, nowOutside); d != "" {
		t.Errorf("%s changed a file outside the output folder: %s", what, d)
	}
}

// compiles fails the test unless the package in dir, tests included,
// type-checks.
func compiles(t *testing.T, dir, when string) {
	t.Helper()
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s, the package does not compile: %v\n%s", when, err, out)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// copyDocs copies the testdata docs to the folder dst, without the pages
// named in skip, and returns dst.
func copyDocs(t *testing.T, dst string, skip ...string) string {
	t.Helper()
	src := "../../generator/testdata/docs"
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		for _, s := range skip {
			if filepath.ToSlash(rel) == s {
				return nil
			}
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	must(t, err)
	return dst
}

// TestKilled runs docgen in a process of its own and kills it at each
// file system operation of its write in turn. Each time, unless the journal
// is there, the package is the old or the new one and compiles, .docgen-swap
// notwithstanding; with the journal, --check says so. Either way the next
// run leaves exactly the new package, and nothing not docgen's changes.
func TestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs docgen and the go command dozens of times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("tells a killed process by its signal")
	}
	// Between the two doc sets files change, appear (internal/core/gadget.go)
	// and go (internal/core/plain_widget.go); the docs folder has one name,
	// so the files from templates stay the same.
	root := t.TempDir()
	oldDocs := copyDocs(t, filepath.Join(root, "old", "docs"), "resources/gadget.md")
	newDocs := copyDocs(t, filepath.Join(root, "new", "docs"), "resources/plainwidget.md")
	tr := newTestTree(t)
	tr.reset(t, newDocs)
	newOut, outside := tr.snapshot(t)
	compiles(t, tr.out, "generated from the new docs")
	tr.reset(t, oldDocs)
	oldOut, _ := tr.snapshot(t)
	compiles(t, tr.out, "generated from the old docs")
	if !strings.Contains(outdirtest.Diff(oldOut, newOut), "internal/core/gadget.go appeared") || !strings.Contains(outdirtest.Diff(oldOut, newOut), "internal/core/plain_widget.go is gone") {
		t.Fatalf("the doc sets do not make the changes this test needs: %s", outdirtest.Diff(oldOut, newOut))
	}

	var sawOld, sawNew, sawJournal bool
	compiled := map[string]bool{}
	for n := 1; ; n++ {
		if n > 1 {
			tr.reset(t, oldDocs)
		}
		cmd := exec.Command(os.Args[0], "--out", tr.out, newDocs)
		cmd.Env = append(os.Environ(), killAtEnv+"="+strconv.Itoa(n))
		msg, err := cmd.CombinedOutput()
		if err == nil {
			if n < 20 || !sawOld || !sawNew || !sawJournal || len(compiled) < 3 {
				t.Errorf("killing docgen at each of %d operations never left the old package (%v), the new one (%v) or a journal (%v)", n-1, sawOld, sawNew, sawJournal)
			}
			return
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != -1 {
			t.Fatalf("docgen to be killed at operation %d: %v\n%s", n, err, msg)
		}
		when := "killed at operation " + strconv.Itoa(n)
		killed, _ := tr.snapshot(t)
		if _, journal := killed[".docgen-swap/journal"]; journal {
			sawJournal = true
			code, msg := runDocgen(t, "--check", "--out", tr.out, newDocs)
			if code != exitFail || !strings.Contains(msg, ".docgen-swap: an interrupted docgen run") {
				t.Errorf("%s, --check: exit %d\n%s", when, code, msg)
			}
		} else {
			// The manifest is written after the switch, and is only a
			// cache (manifest.go): a kill may leave the previous one.
			generated := withoutManifest(outdirtest.Without(killed, ".docgen-swap"))
			oldGen, newGen := withoutManifest(oldOut), withoutManifest(newOut)
			isOld, isNew := outdirtest.Diff(oldGen, generated) == "", outdirtest.Diff(newGen, generated) == ""
			if !isOld && !isNew {
				t.Fatalf("%s without a journal, the folder is neither the old package (%s) nor the new (%s)", when, outdirtest.Diff(oldGen, generated), outdirtest.Diff(newGen, generated))
			}
			sawOld, sawNew = sawOld || isOld, sawNew || isNew
			// The go command ignores .docgen-swap whatever it holds, so
			// one build per kind of state is enough.
			state := fmt.Sprint(isOld, hasGo(killed, ".docgen-swap/"))
			if !compiled[state] {
				compiles(t, tr.out, when)
				compiled[state] = true
			}
		}
		tr.unchanged(t, when, killed, outside)

		code, next := runDocgen(t, "--out", tr.out, newDocs)
		if code != exitOK {
			t.Fatalf("%s, the next run: exit %d\n%s", when, code, next)
		}
		if _, journal := killed[".docgen-swap/journal"]; journal != strings.Contains(next, "put back the files") {
			t.Errorf("%s, the next run does not say whether it put files back:\n%s", when, next)
		}
		tr.unchanged(t, when+", then run again", newOut, outside)
	}
}

// withoutManifest is a snapshot without the manifest and what a killed run
// may leave of its next version.
func withoutManifest(snap map[string]string) map[string]string {
	return outdirtest.Without(outdirtest.Without(snap, manifestName), manifestNew)
}

// hasGo says whether a snapshot has a Go file below dir.
func hasGo(snap map[string]string, dir string) bool {
	for p := range snap {
		if strings.HasPrefix(p, dir) && strings.HasSuffix(p, ".go") {
			return true
		}
	}
	return false
}

// A run that fails — --strict with warnings, a file that does not format —
// leaves the previous package exactly as it was.
func TestFailedRunWritesNothing(t *testing.T) {
	tr := newTestTree(t)
	tr.reset(t, seeds)
	before, outside := tr.snapshot(t)
	other := copyDocs(t, filepath.Join(t.TempDir(), "docs")) // would change, add and remove files

	code, msg := runDocgen(t, "--strict", "--out", tr.out, other)
	if code != exitFail || !strings.Contains(msg, "wrote nothing (--strict counts warnings as errors); 0 errors, 7 warnings") {
		t.Errorf("--strict with warnings: exit %d\n%s", code, msg)
	}
	tr.unchanged(t, "--strict with warnings", before, outside)
	if code, msg := runDocgen(t, "--strict", "--check", "--out", tr.out, seeds); code != exitFail {
		t.Errorf("--strict --check with warnings: exit %d\n%s", code, msg)
	}

	// A newline in the docs folder's name reaches the files' headers, and
	// so makes generated code that does not format. Should docgen ever
	// escape it, this test needs another way to make that happen.
	if runtime.GOOS != "windows" {
		bad := copyDocs(t, filepath.Join(t.TempDir(), "do\ncs"))
		code, msg = runDocgen(t, "--out", tr.out, bad)
		if code != exitFail || !strings.Contains(msg, "does not format") {
			t.Errorf("a generated file that does not format: exit %d\n%s", code, msg)
		}
		tr.unchanged(t, "a generated file that does not format", before, outside)
	}
	compiles(t, tr.out, "after the failed runs")

	// A write error — making a folder, writing a file, moving files into
	// place: docgen says what failed and leaves the package whole.
	withFS := func(fsys *outdirtest.FS) (int, string) {
		cfg, err := parseFlags([]string{"--out", tr.out, other}, &bytes.Buffer{})
		must(t, err)
		cfg.fsys = fsys
		var stderr bytes.Buffer
		return generate(cfg, &bytes.Buffer{}, &stderr), stderr.String()
	}
	count := &outdirtest.FS{}
	if code, msg := withFS(count); code != exitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	tr.reset(t, seeds)
	for _, at := range []int{1, count.Ops() / 4, count.Ops() / 2} {
		if code, msg := withFS(&outdirtest.FS{At: at, Mode: outdirtest.Fail}); code != exitFail || !strings.Contains(msg, "no space left on device") {
			t.Errorf("a write error at operation %d of %d: exit %d\n%s", at, count.Ops(), code, msg)
		}
		tr.unchanged(t, "a write error", before, outside)
	}
}
