package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docgen-dev/docgen/generator/scope"
)

// writeFiles writes files (slash paths relative to dir) with their content.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestServeKey(t *testing.T) {
	tmp := t.TempDir()
	exe := sha256.Sum256([]byte("docgen v1"))
	docs := filepath.Join(tmp, "docs")
	writeFiles(t, docs, map[string]string{
		"api/widget-get.md":   "# Get widget",
		"resources/widget.md": "# widget",
	})
	sel := func(include, exclude []string) scope.Selection {
		s, err := scope.New(include, exclude)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := serveKey{executable: exe, goVersion: "go1.26.0", pkg: "graph", docs: []string{docs}}
	sum := func(k serveKey) string {
		t.Helper()
		s, err := k.sum()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	want := sum(base)
	if len(want) != 64 {
		t.Fatalf("key %q is not a hex sha256", want)
	}
	if again := sum(base); again != want {
		t.Fatalf("the same input gave keys %s and %s", want, again)
	}
	// changes is what must change the key, each applied to a fresh copy
	// of the docs; same what must not.
	type edit struct {
		name  string
		apply func(k *serveKey, docs string)
	}
	changes := []edit{
		{"a docs file's content", func(k *serveKey, docs string) {
			writeFiles(t, docs, map[string]string{"api/widget-get.md": "# Get a widget"})
		}},
		{"a file added", func(k *serveKey, docs string) {
			writeFiles(t, docs, map[string]string{"api/widget-list.md": "# List widgets"})
		}},
		{"a file other than a page added", func(k *serveKey, docs string) {
			writeFiles(t, docs, map[string]string{"media/widget.png": "png"})
		}},
		{"a file removed", func(k *serveKey, docs string) {
			os.Remove(filepath.Join(docs, "resources", "widget.md"))
		}},
		{"a file renamed", func(k *serveKey, docs string) {
			os.Rename(filepath.Join(docs, "resources", "widget.md"), filepath.Join(docs, "resources", "widgets.md"))
		}},
		{"a page in a dot-folder, which docgen reads", func(k *serveKey, docs string) {
			writeFiles(t, docs, map[string]string{".drafts/widget-new.md": "# New"})
		}},
		{"docgen's executable", func(k *serveKey, docs string) {
			k.executable = sha256.Sum256([]byte("docgen v2"))
		}},
		{"the Go version", func(k *serveKey, docs string) { k.goVersion = "go1.26.1" }},
		{"--package", func(k *serveKey, docs string) { k.pkg = "msgraph" }},
		{"--include", func(k *serveKey, docs string) { k.scope = sel([]string{"/widgets/**"}, nil) }},
		{"--exclude", func(k *serveKey, docs string) { k.scope = sel(nil, []string{"/widgets/**"}) }},
		{"a second docs folder", func(k *serveKey, docs string) {
			more := filepath.Join(t.TempDir(), "more")
			writeFiles(t, more, map[string]string{"a.md": "# A"})
			k.docs = append(k.docs, more)
		}},
		{"the docs folder's name", func(k *serveKey, docs string) {
			renamed := filepath.Join(filepath.Dir(docs), "seeds")
			if err := os.Rename(docs, renamed); err != nil {
				t.Fatal(err)
			}
			k.docs = []string{renamed}
		}},
	}
	same := []edit{
		{"nothing", func(k *serveKey, docs string) {}},
		{"a file in .git", func(k *serveKey, docs string) {
			writeFiles(t, docs, map[string]string{".git/HEAD": "ref: refs/heads/main"})
		}},
		{"the docs folder named by another path", func(k *serveKey, docs string) {
			k.docs = []string{docs + string(filepath.Separator) + "."}
		}},
	}
	fresh := func() (serveKey, string) {
		d := filepath.Join(t.TempDir(), "docs")
		if err := os.CopyFS(d, os.DirFS(docs)); err != nil {
			t.Fatal(err)
		}
		k := base
		k.docs = []string{d}
		return k, d
	}
	for _, e := range changes {
		k, d := fresh()
		e.apply(&k, d)
		if got := sum(k); got == want {
			t.Errorf("the key did not change with %s", e.name)
		}
	}
	for _, e := range same {
		k, d := fresh()
		e.apply(&k, d)
		if got := sum(k); got != want {
			t.Errorf("the key changed with %s", e.name)
		}
	}
	a, b := base, base
	a.scope = sel([]string{"/widgets/**,/gadgets/**"}, nil)
	b.scope = sel([]string{"/widgets/**", "/gadgets/**"}, nil)
	if sum(a) != sum(b) {
		t.Errorf("--include a,b and --include a --include b gave different keys")
	}
	c := base
	c.scope = sel([]string{"/gadgets/**", "/widgets/**"}, nil)
	if sum(a) == sum(c) {
		t.Errorf("--include a,b and --include b,a gave the same key, but doc.go records the order")
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{{"serve", "--package", "main"}, {"serve", "--package", "../x"}, {"serve", "--no-such-flag"}, {"serve", "--exclude", "user"}} {
		if code, out := runDocgen(t, args...); code != exitUsage || !strings.Contains(out, "usage: docgen serve") {
			t.Errorf("docgen %q: exit %d, output %q; want exit 2 with serve's usage", args, code, out)
		}
	}
	if code, out := runDocgen(t, "serve", "--help"); code != exitOK || !strings.Contains(out, "--cache-dir") {
		t.Errorf("docgen serve --help: exit %d, output %q", code, out)
	}
	if code, out := runDocgen(t, "--help"); code != exitOK || !strings.Contains(out, "docgen serve [--addr HOST:PORT]") {
		t.Errorf("docgen --help does not show docgen serve: exit %d, output %q", code, out)
	}
}

// TestServeWithoutGo checks that with no go command the error says so and
// the cache is left without a folder for the docs.
func TestServeWithoutGo(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("PATH", t.TempDir())
	code, out := runDocgen(t, "serve", "--cache-dir", cache, "../../generator/testdata/docs")
	if code != exitFail || !strings.Contains(out, "the go command is not on PATH") {
		t.Errorf("exit %d, output %q; want exit 1 saying go is not on PATH", code, out)
	}
	entries, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("the cache holds %s after a start that built nothing", e.Name())
	}
}

// syncBuffer is a bytes.Buffer that a process writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// served is a running docgen serve.
type served struct {
	cmd     *exec.Cmd
	url     string
	lines   chan string // stdout after the serving line; closed at its end
	stderr  *syncBuffer
	started time.Duration // from the start to the serving line
}

var servingLine = regexp.MustCompile(`^serving a fake of package graph at (http://\S+)$`)

// startServe runs docgen serve and waits for the line with its URL.
func startServe(t *testing.T, ctx context.Context, docgen string, args ...string) *served {
	t.Helper()
	s := &served{stderr: &syncBuffer{}, lines: make(chan string, 100)}
	s.cmd = exec.CommandContext(ctx, docgen, append([]string{"serve"}, args...)...)
	s.cmd.Stderr = s.stderr
	// If docgen is killed, the fake server it started may hold stderr
	// open: Wait does not wait for it.
	s.cmd.WaitDelay = 5 * time.Second
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Kill()
			s.cmd.Wait()
		}
	})
	first := make(chan string, 1)
	go func() {
		defer close(s.lines)
		sc := bufio.NewScanner(stdout)
		seen := false
		for sc.Scan() {
			if !seen {
				seen = true
				first <- sc.Text()
				continue
			}
			s.lines <- sc.Text()
		}
		if !seen {
			close(first)
		}
	}()
	select {
	case line, ok := <-first:
		m := servingLine.FindStringSubmatch(line)
		if !ok || m == nil {
			t.Fatalf("docgen serve printed %q first, not the serving line; stderr:\n%s", line, s.stderr)
		}
		s.url = m[1]
	case <-ctx.Done():
		t.Fatalf("docgen serve did not print the serving line in time; stderr:\n%s", s.stderr)
	}
	s.started = time.Since(start)
	return s
}

// stop interrupts docgen serve, as Ctrl-C does, and checks that it exits
// 0 after the fake server says it stopped.
func (s *served) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	var rest []string
	timeout := time.After(30 * time.Second)
read:
	for {
		select {
		case line, ok := <-s.lines:
			if !ok {
				break read
			}
			rest = append(rest, line)
		case <-timeout:
			s.cmd.Process.Kill()
			t.Fatalf("docgen serve did not stop within 30 s of an interrupt; stdout after the serving line %q; stderr:\n%s", rest, s.stderr)
		}
	}
	if err := s.cmd.Wait(); err != nil {
		t.Errorf("docgen serve after an interrupt: %v, want exit 0; stderr:\n%s", err, s.stderr)
	}
	if len(rest) == 0 || rest[len(rest)-1] != "stopped" {
		t.Errorf("docgen serve's stdout after the serving line is %q, want it to end with stopped", rest)
	}
}

// call makes a request with a bearer token and decodes the JSON answer.
func call(t *testing.T, method, url, body string, wantStatus int) map[string]any {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer x")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s: %s %s, want %d", method, url, resp.Status, data, wantStatus)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s %s: %v in %s", method, url, err, data)
	}
	return v
}

// TestServeEndToEnd builds docgen, serves the generator's test docs with
// it, calls the fake over HTTP, stops it with an interrupt, and starts it
// again from the cache.
func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds docgen and the fake server with the go command")
	}
	if runtime.GOOS == "windows" {
		t.Skip("stops docgen serve with an interrupt, which Windows cannot send")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	tmp := t.TempDir()
	docgen := filepath.Join(tmp, "docgen"+exeSuffix())
	build := exec.CommandContext(ctx, goCmd, "build", "-o", docgen, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build of docgen: %v\n%s", err, out)
	}
	cache := filepath.Join(tmp, "cache")
	args := []string{"--cache-dir", cache, "--addr", "127.0.0.1:0", "--seed", "../../generator/testdata/docs"}

	s := startServe(t, ctx, docgen, args...)
	t.Logf("first start, with the build: %v", s.started.Round(time.Millisecond))
	if !strings.Contains(s.stderr.String(), "docgen serve: building the fake of 1 docs folder") {
		t.Errorf("the first start did not say it builds; stderr:\n%s", s.stderr)
	}
	if !strings.HasSuffix(s.url, "/v1.0") {
		t.Errorf("URL %s does not end with the docs' base path /v1.0", s.url)
	}

	list := call(t, "GET", s.url+"/widgets", "", http.StatusOK)
	seeded, ok := list["value"].([]any)
	if !ok || len(seeded) == 0 {
		t.Errorf("GET /widgets with --seed = %v, want a value array of the example widgets", list)
	}
	created := call(t, "POST", s.url+"/widgets", `{"displayName": "Knob", "color": "green"}`, http.StatusCreated)
	id, _ := created["id"].(string)
	if id == "" || created["displayName"] != "Knob" {
		t.Fatalf("POST /widgets = %v, want the widget with an id", created)
	}
	got := call(t, "GET", s.url+"/widgets/"+id, "", http.StatusOK)
	if got["id"] != id || got["displayName"] != "Knob" || got["color"] != "green" {
		t.Errorf("GET /widgets/%s = %v, want the widget created", id, got)
	}
	list = call(t, "GET", s.url+"/widgets", "", http.StatusOK)
	if all, _ := list["value"].([]any); len(all) != len(seeded)+1 {
		t.Errorf("GET /widgets after a POST has %d widgets, want %d", len(all), len(seeded)+1)
	}
	// The generated handler's authentication, not a second one's.
	resp, err := http.Get(s.url + "/widgets")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /widgets without a bearer token: %s, want 401", resp.Status)
	}
	s.stop(t)
	if log := s.stderr.String(); !strings.Contains(log, "POST /v1.0/widgets 201") {
		t.Errorf("the request log on stderr does not show the POST:\n%s", log)
	}

	entries, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || !isFile(filepath.Join(cache, entries[0].Name(), "fakeserver"+exeSuffix())) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("the cache holds %q, want one folder with the fakeserver binary", names)
	}

	again := startServe(t, ctx, docgen, args...)
	t.Logf("second start, from the cache: %v", again.started.Round(time.Millisecond))
	if strings.Contains(again.stderr.String(), "building") {
		t.Errorf("the second start built again; stderr:\n%s", again.stderr)
	}
	if again.started > 15*time.Second {
		t.Errorf("the second start took %v", again.started)
	}
	// A fresh fake: the widget created before is gone, the seed is back.
	list = call(t, "GET", again.url+"/widgets", "", http.StatusOK)
	if all, _ := list["value"].([]any); len(all) != len(seeded) {
		t.Errorf("GET /widgets on the second start has %d widgets, want the %d seeded", len(all), len(seeded))
	}
	again.stop(t)
	if entries2, _ := os.ReadDir(cache); len(entries2) != 1 {
		t.Errorf("the second start changed the cache: %d entries", len(entries2))
	}
}

// TestExitStatus checks the statuses docgen serve passes on.
func TestExitStatus(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses sh")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	for script, want := range map[string]int{"exit 0": 0, "exit 3": 3, "kill -TERM $$": 128 + 15} {
		err := exec.Command("sh", "-c", script).Run()
		var stderr bytes.Buffer
		if got := exitStatus(err, &stderr); got != want {
			t.Errorf("sh -c %q: status %d, want %d", script, got, want)
		}
	}
	if got := exitStatus(errors.New("boom"), io.Discard); got != exitFail {
		t.Errorf("an error that is no exit: status %d, want %d", got, exitFail)
	}
}
