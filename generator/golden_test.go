package generator_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/generator"
	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/templates"
)

// testGoGenerate is the go:generate command of the testdata package, as
// docgen would write it for --out widgets.
const testGoGenerate = "go tool docgen --out . --package widgets ../testdata/docs"

// testImportPath is the testdata package's import path: the module path of
// the module TestGeneratedPackageBuildsAndPasses builds it in.
const testImportPath = "example.com/widgets"

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// generateTestdata generates the package for testdata/docs, a small doc set
// with resource pages, inheritance, path parameters, a 204 operation and
// the seed page.
func generateTestdata(t *testing.T) ([]generator.File, string) {
	t.Helper()
	src, err := parser.ReadDir("testdata/docs")
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	api := parser.Parse(src, &d)
	out, err := generator.Generate(api, generator.Options{Package: "widgets", ImportPath: testImportPath, DocsName: "docs", GoGenerate: testGoGenerate, FakeServer: true}, &d)
	if err != nil {
		t.Fatal(err)
	}
	var diags bytes.Buffer
	diag.Print(&diags, d.Sorted(), nil)
	return out.Files, diags.String()
}

// TestGolden compares what the generator decides with testdata/golden,
// where the golden files are in the folders of the packages they are in
// (internal/core/widget.go.golden). The files copied from the support
// package into internal/core, and internal/coretest's, have no golden copy
// (their source is templates/support and templates/coretest, tested there);
// they must be exactly what templates.Render makes of that source: the
// header and package clause, and coretest's import of internal/core.
func TestGolden(t *testing.T) {
	files, diags := generateTestdata(t)
	support, err := templates.Render(templates.Data{Package: "widgets", ImportPath: testImportPath, Header: generator.Header("docs")})
	if err != nil {
		t.Fatal(err)
	}
	copied := map[string][]byte{}
	for _, s := range support {
		if s.Copied {
			copied[s.Name] = s.Content
		}
	}
	want := map[string][]byte{"diagnostics.txt": []byte(diags)}
	for _, f := range files {
		if c, ok := copied[f.Name]; ok {
			if !bytes.Equal(f.Content, c) {
				t.Errorf("%s is not the support package's file as it is (is templates/support gofmt'ed?):\n%s", f.Name, firstDiff(string(c), string(f.Content)))
			}
			delete(copied, f.Name)
			continue
		}
		want[f.Name+".golden"] = f.Content
	}
	for name := range copied {
		t.Errorf("support file %s is not generated", name)
	}
	dir := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(dir)
		for name, content := range want {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("%v (run go test ./generator -run TestGolden -update)", err)
	}
	// The golden files are in folders as the generated files are.
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if name := filepath.ToSlash(rel); want[name] == nil {
			t.Errorf("golden file %s is no longer generated (run with -update)", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sortedNames(want) {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s is generated but has no golden file (run with -update)", name)
			continue
		}
		if !bytes.Equal(got, want[name]) {
			t.Errorf("%s differs from its golden file (run with -update and review the diff):\n%s", name, firstDiff(string(got), string(want[name])))
		}
	}
}

// TestGeneratedPackageBuildsAndPasses compiles the generated testdata
// package in a module of its own and runs its tests: the example tests
// and the JSON round trips must pass, and go vet must be clean.
func TestGeneratedPackageBuildsAndPasses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	files, _ := generateTestdata(t)
	behaviour, err := os.ReadFile(filepath.Join("testdata", "behaviour_test.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	fake, err := os.ReadFile(filepath.Join("testdata", "fake_behaviour_test.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	module := map[string][]byte{"behaviour_test.go": behaviour, "fake_behaviour_test.go": fake}
	for _, f := range files {
		module[f.Name] = f.Content
	}
	vetAndTest(t, testImportPath, module)
}

// vetAndTest writes files (by slash-separated path) into a module of their
// own and runs go vet, which type-checks the tests too, and go test on all
// its packages, failing with the go command's output.
func vetAndTest(t *testing.T, module string, files map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = []byte("module " + module + "\n\ngo 1.24\n")
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, _ := generateTestdata(t)
	b, _ := generateTestdata(t)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Content, b[i].Content) {
			t.Errorf("%s differs between two runs", a[i].Name)
		}
	}
}

func TestEveryFileHasHeader(t *testing.T) {
	files, _ := generateTestdata(t)
	for _, f := range files {
		first, _, _ := strings.Cut(string(f.Content), "\n")
		if first != generator.Header(f.Source) || !strings.HasSuffix(first, "DO NOT EDIT.") {
			t.Errorf("%s starts with %q", f.Name, first)
		}
		if strings.Contains(string(f.Content), "/work/") || strings.Contains(string(f.Content), os.TempDir()) {
			t.Errorf("%s holds an absolute path", f.Name)
		}
	}
}

func TestBadPackageName(t *testing.T) {
	for _, pkg := range []string{"", "../x", "a-b", "type", "9lives"} {
		if _, err := generator.Generate(nil, generator.Options{Package: pkg}, &diag.List{}); err == nil {
			t.Errorf("package %q accepted", pkg)
		}
	}
}

func sortedNames(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// firstDiff shows the first differing line with a little context.
func firstDiff(old, new string) string {
	a, b := strings.Split(old, "\n"), strings.Split(new, "\n")
	for i := 0; i < len(a) || i < len(b); i++ {
		var la, lb string
		if i < len(a) {
			la = a[i]
		}
		if i < len(b) {
			lb = b[i]
		}
		if la != lb {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la, lb)
		}
	}
	return ""
}
