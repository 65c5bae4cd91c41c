package main

import (
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const widgetDocs = "../../generator/testdata/docs"

func TestScopeFlags(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pkg")
	code, msg := runDocgen(t, "--out", out, "--include", "/widgets/{id}/rotate,/nothing/**", "--include", "widgetOwner", "--exclude", "/gone", widgetDocs)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	for _, want := range []string{
		"--exclude: warning: \"/gone\" matches no documented route\n--include: warning: \"/nothing/**\" matches no documented route\n",
		"; 1 of 9 types, 0 of 2 enums, 1 of 14 operations in scope; wrote ",
		// The security page's warnings are about no page in scope.
		"; 0 errors, 2 warnings (scope 2); 7 more about pages outside the scope\n",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("no %q in:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "security-post-domainsecurityprofiles.md") {
		t.Errorf("a diagnostic about a page outside the scope is shown:\n%s", msg)
	}
	doc, err := os.ReadFile(filepath.Join(out, "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"// Only part of the reference is generated: what these flags select, with the\n// types and enums it uses.\n//\n//\t--include /widgets/{id}/rotate --include /nothing/** --include widgetOwner --exclude /gone\n",
		"//go:generate go tool docgen --out . --package graph --include /widgets/{id}/rotate --include /nothing/** --include widgetOwner --exclude /gone ",
	} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("doc.go lacks %q:\n%s", want, doc)
		}
	}
	// The areas are planned on the whole API, before the scope narrows it,
	// so the widget operations stay in the area named after the security
	// pages, which come first.
	for _, name := range []string{"internal/core/widget_owner.go", "internal/security/widget_operations.go", "internal/security/widget_examples_test.go"} {
		if !fileExists(filepath.Join(out, filepath.FromSlash(name))) {
			t.Errorf("%s is not generated", name)
		}
	}
	// Out of scope: not generated in any folder.
	outOfScope := map[string]bool{"widget.go": true, "security_operations.go": true, "security_examples_test.go": true, "domain_security_profile.go": true}
	for name := range readDir(t, out) {
		if outOfScope[path.Base(name)] {
			t.Errorf("%s is generated", name)
		}
	}

	// A pattern that matches nothing fails --strict, as any warning does.
	if code, msg := runDocgen(t, "--out", out, "--strict", "--include", "/widgets/**,/nothing", widgetDocs); code != exitFail || !strings.Contains(msg, `"/nothing" matches no documented route`) {
		t.Errorf("--strict with a pattern matching nothing: exit %d\n%s", code, msg)
	}
}

func TestScopeUsageErrors(t *testing.T) {
	out := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--exclude", "user"}, `--exclude "user": only routes can be excluded`},
		{[]string{"--include", "/a//b"}, `--include: route pattern "/a//b" has an empty segment`},
		{[]string{"--include", "a b"}, `neither a route`},
	} {
		code, msg := runDocgen(t, append(append([]string{"--out", out}, c.args...), seeds)...)
		if code != exitUsage || !strings.Contains(msg, c.want) {
			t.Errorf("docgen %q: exit %d, %q; want exit 2 and %q", c.args, code, msg, c.want)
		}
	}
}

// TestScopedGoGenerateLineRegenerates runs the //go:generate line of a
// scoped package as go generate would, from the package's folder: it must
// find the package up to date.
func TestScopedGoGenerateLineRegenerates(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pkg")
	pattern := "/widgets/{id | key}/*" // a space: go generate needs it quoted
	if code, msg := runDocgen(t, "--out", out, "--package", "widgets", "--include", pattern, "--exclude", "/widgets/getStats(*)", widgetDocs); code != exitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	doc, err := os.ReadFile(filepath.Join(out, "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, line, ok := strings.Cut(string(doc), "\n//go:generate ")
	if !ok {
		t.Fatalf("no //go:generate line in\n%s", doc)
	}
	line, _, _ = strings.Cut(line, "\n")
	words := goGenerateSplit(t, line)
	if len(words) < 3 || strings.Join(words[:3], " ") != "go tool docgen" {
		t.Fatalf("//go:generate %s", line)
	}
	args := words[3:]
	for i, a := range args {
		switch {
		case a == "--out":
			args[i+1] = filepath.Join(out, args[i+1])
		case i > 0 && args[i-1] == "--include":
			if a != pattern {
				t.Errorf("--include %q in the line, want %q", a, pattern)
			}
		case i == len(args)-1: // the docs, relative to the package
			args[i] = filepath.Join(out, a)
		}
	}
	if code, msg := runDocgen(t, append([]string{"--check"}, args...)...); code != exitOK {
		t.Errorf("docgen --check %q: exit %d\n%s", args, code, msg)
	}
}

// goGenerateSplit splits a //go:generate line as go generate does: at
// spaces, with double-quoted Go strings kept whole.
func goGenerateSplit(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	for line = strings.TrimSpace(line); line != ""; line = strings.TrimSpace(line) {
		if line[0] == '"' {
			q, err := strconv.QuotedPrefix(line)
			if err != nil {
				t.Fatalf("bad quoting in %q: %v", line, err)
			}
			w, _ := strconv.Unquote(q)
			words = append(words, w)
			line = line[len(q):]
			continue
		}
		w, rest, _ := strings.Cut(line, " ")
		words = append(words, w)
		line = rest
	}
	return words
}
