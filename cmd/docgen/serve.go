// docgen serve runs the fake of the docs over HTTP, for clients in any
// language (curl, an SDK under test).
//
// It compiles the generated package's own fakeserver command and runs it,
// rather than interpreting the docs in docgen: the fake a user reaches
// through docgen serve must be the very code that `go run ./fakeserver`
// and the generated tests run — the same routing, authentication,
// validation, JSON coding and Fake — so that a difference between "serve"
// and the generated package cannot exist. A second implementation inside
// docgen would drift from the templates, and its bugs would be reported
// against code nobody ships. The cost is one `go build` the first time a
// set of docs is served; the binary is cached by everything that decides
// it (docgen itself, the Go version, the options and the docs), so later
// starts are immediate.

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/token"
	"hash"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/docgen-dev/docgen/generator/scope"
)

const serveUsage = `usage: docgen serve [flags] [DOCS_DIR...]

docgen serve generates the package for the docs in each DOCS_DIR (default
seeds), with its in-memory Fake, and serves that fake over HTTP, so that any
client (curl, an SDK) can call the documented API. It prints
  serving a fake of package NAME at http://HOST:PORT/BASEPATH
on standard output, logs each request on standard error, and on an
interrupt (Ctrl-C) or SIGTERM stops, prints "stopped" and exits 0.

Requests need an Authorization: Bearer header; any token will do unless
--permissions is given, when the token's scp and roles claims (not
verified) must grant one of each operation's documented permissions.

The first start for a set of docs compiles the generated fakeserver command
with the go command, which must be on PATH (a minute or so for a large
reference); the binary is kept in --cache-dir, keyed by docgen itself, the Go
version, --package, --include, --exclude and every file of the docs, so
later starts are immediate. Remove the folder to reclaim the space.

flags:
`

// serveOptions is the parsed command line of docgen serve.
type serveOptions struct {
	addr        string
	seed        bool
	me          string
	permissions bool
	pkg         string
	cacheDir    string
	scope       scope.Selection
	docs        []string
}

func parseServeFlags(args []string, stderr io.Writer) (*serveOptions, error) {
	fs := pflag.NewFlagSet("docgen serve", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &serveOptions{}
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port; the printed URL says which)")
	fs.BoolVar(&o.seed, "seed", false, "start with the entities of the docs' example responses")
	fs.StringVar(&o.me, "me", "", "the `ID` of the signed-in user, the user /me stands for")
	fs.BoolVar(&o.permissions, "permissions", false, "check each operation's documented permissions against the bearer token's scp and roles claims (not verified)")
	fs.StringVar(&o.pkg, "package", "graph", "Go package `NAME` of the generated package")
	fs.StringVar(&o.cacheDir, "cache-dir", "", "keep the built fake servers in `DIR` (default: docgen/serve in the user's cache folder)")
	include := fs.StringArray("include", nil, "serve only the operations whose routes match `PATTERN`, as docgen --include; repeatable, comma-separated")
	exclude := fs.StringArray("exclude", nil, "leave out the operations whose routes match `PATTERN`, as docgen --exclude; repeatable, comma-separated")
	fs.Usage = func() {
		fmt.Fprint(stderr, serveUsage)
		fs.PrintDefaults()
	}
	fail := func(err error) (*serveOptions, error) {
		fmt.Fprintf(stderr, "docgen serve: %v\n", err)
		fs.Usage()
		return nil, err
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return nil, err
		}
		return fail(err)
	}
	// The name is a folder below the build folder and an import path
	// element; fakeserver is the binary's name, and main cannot be
	// imported by the command.
	if !token.IsIdentifier(o.pkg) || o.pkg == "main" || o.pkg == "fakeserver" {
		return fail(fmt.Errorf("--package %q: want a Go identifier other than main and fakeserver", o.pkg))
	}
	sel, err := scope.New(*include, *exclude)
	if err != nil {
		return fail(err)
	}
	o.scope = sel
	o.docs = fs.Args()
	if len(o.docs) == 0 {
		o.docs = []string{"seeds"}
	}
	if o.cacheDir == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return fail(fmt.Errorf("no cache folder (%v); name one with --cache-dir", err))
		}
		o.cacheDir = filepath.Join(dir, "docgen", "serve")
	}
	return o, nil
}

// serve is `docgen serve`.
func serve(args []string, stdout, stderr io.Writer) int {
	o, err := parseServeFlags(args, stderr)
	if err == pflag.ErrHelp {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	// From here on an interrupt is ours to handle: during the build it
	// abandons the build, and while the fake runs it is passed on, so that
	// the fake stops cleanly and docgen returns its status.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	bin, err := fakeServerBinary(o, sigs, stderr)
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintf(stderr, "docgen serve: %v\n", err)
		}
		return exitFail
	}
	return runFakeServer(bin, o, sigs, stdout, stderr)
}

// errReported is an error whose message is already printed.
var errReported = errors.New("reported")

// exeSuffix is what names an executable file.
func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// fakeServerBinary returns the path of the fakeserver binary for o: from
// the cache, or built into it.
func fakeServerBinary(o *serveOptions, sigs <-chan os.Signal, stderr io.Writer) (string, error) {
	cacheDir, err := filepath.Abs(o.cacheDir)
	if err != nil {
		return "", err
	}
	exe, ok := executableDigest()
	if !ok {
		return "", errors.New("cannot read docgen's own executable, which the cache is keyed by")
	}
	key, err := serveKey{executable: exe, goVersion: runtime.Version(), pkg: o.pkg, scope: o.scope, docs: o.docs}.sum()
	if err != nil {
		return "", err
	}
	folder := filepath.Join(cacheDir, key[:16])
	bin := filepath.Join(folder, "fakeserver"+exeSuffix())
	if isFile(bin) {
		return bin, nil
	}

	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is not on PATH (%v); docgen serve compiles the generated fake server with it the first time a set of docs is served: install Go (https://go.dev/dl/) or add its bin folder to PATH", err)
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return "", err
	}
	removeStaleBuilds(cacheDir)
	// Built beside the final folder and renamed into place whole, so that
	// the folder under the key's name always holds a finished build, even
	// when docgen is killed midway or two starts race.
	tmp, err := os.MkdirTemp(cacheDir, key[:16]+buildSuffix)
	if err != nil {
		return "", err
	}
	kept := false
	defer func() {
		if !kept {
			os.RemoveAll(tmp)
		}
	}()

	// An interrupt during the build abandons it.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	building, watched := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case <-sigs:
			cancel()
		case <-building:
		}
	}()
	fmt.Fprintf(stderr, "docgen serve: building the fake of %d docs %s (first start for these docs; later starts are immediate)\n", len(o.docs), plural(len(o.docs), "folder", "folders"))
	start := time.Now()
	err = buildFakeServer(ctx, goCmd, tmp, o, stderr)
	close(building)
	<-watched
	if err != nil {
		if ctx.Err() != nil {
			return "", errors.New("interrupted; nothing kept")
		}
		return "", err
	}
	if err := os.Rename(tmp, folder); err != nil {
		// Another start of the same docs got there first: its build is as
		// good as ours.
		if !isFile(bin) {
			return "", fmt.Errorf("keeping the build: %v (if %s holds no fakeserver, remove it)", err, folder)
		}
	} else {
		kept = true
		fmt.Fprintf(stderr, "docgen serve: built in %v; kept in %s\n", time.Since(start).Round(100*time.Millisecond), folder)
	}
	if ctx.Err() != nil { // the build was done: it is kept
		return "", errors.New("interrupted")
	}
	return bin, nil
}

// buildSuffix marks the folders builds are made in, before the rename.
const buildSuffix = ".building-"

// removeStaleBuilds removes the build folders that a docgen killed during a
// build left, once they are a day old: no build takes that long.
func removeStaleBuilds(cacheDir string) {
	entries, err := os.ReadDir(cacheDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.Contains(e.Name(), buildSuffix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			os.RemoveAll(filepath.Join(cacheDir, e.Name()))
		}
	}
}

// buildFakeServer generates the package into tmp/<package>, in a module of
// its own, and builds its fakeserver command into tmp/fakeserver.
func buildFakeServer(ctx context.Context, goCmd, tmp string, o *serveOptions, stderr io.Writer) error {
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte("module docgenfake\n\ngo 1.24\n"), 0o644); err != nil {
		return err
	}
	var include, exclude []string
	for _, p := range o.scope.Include {
		include = append(include, p.String())
	}
	for _, p := range o.scope.Exclude {
		exclude = append(exclude, p.String())
	}
	cfg := &config{
		out:        filepath.Join(tmp, o.pkg),
		pkg:        o.pkg,
		importPath: "docgenfake/" + o.pkg,
		quiet:      true,
		include:    include,
		exclude:    exclude,
		scope:      o.scope,
		docs:       o.docs,
		fakeServer: true,
	}
	// The diagnostics are those of docgen lint; they matter here only when
	// they stop the package from being generated.
	var diags strings.Builder
	if status := generate(cfg, io.Discard, &diags); status != exitOK {
		fmt.Fprint(stderr, diags.String())
		fmt.Fprintln(stderr, "docgen serve: could not generate the package (see above)")
		return errReported
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	build := exec.CommandContext(ctx, goCmd, "build", "-o", filepath.Join(tmp, "fakeserver"+exeSuffix()), "./"+o.pkg+"/fakeserver")
	build.Dir = tmp
	// The module stands alone: a go.work the user names in GOWORK would
	// not list it.
	build.Env = append(os.Environ(), "GOWORK=off")
	build.Stdout = stderr
	build.Stderr = stderr
	if err := build.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("go build of the generated fake server in %s failed: %v", tmp, err)
	}
	return nil
}

// runFakeServer runs the fake server binary with o's flags, passes it the
// interrupts docgen receives, and returns its exit status.
func runFakeServer(bin string, o *serveOptions, sigs <-chan os.Signal, stdout, stderr io.Writer) int {
	args := []string{"--addr", o.addr}
	if o.seed {
		args = append(args, "--seed")
	}
	if o.me != "" {
		args = append(args, "--me", o.me)
	}
	if o.permissions {
		args = append(args, "--permissions")
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdin = os.Stdin
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "docgen serve: %v\n", err)
		return exitFail
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case sig := <-sigs:
			// On Windows the console sends Ctrl-C to every process
			// attached to it, the fake server too, and a process cannot be
			// sent an interrupt; elsewhere it is passed on (a terminal
			// sends it to the whole process group as well, which does no
			// harm: the fake server stops once).
			if runtime.GOOS != "windows" {
				cmd.Process.Signal(sig)
			}
		case err := <-done:
			return exitStatus(err, stderr)
		}
	}
}

// exitStatus is the status of the fake server that ended with err, for
// docgen to exit with.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		fmt.Fprintf(stderr, "docgen serve: %v\n", err)
		return exitFail
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		fmt.Fprintf(stderr, "docgen serve: the fake server was stopped by %v\n", ws.Signal())
		return 128 + int(ws.Signal())
	}
	if code := exit.ExitCode(); code > 0 {
		return code
	}
	return exitFail
}

// serveKey is what a fake server binary is made from; sum is the name it is
// cached by.
type serveKey struct {
	// executable is the digest of docgen's own executable (the one the
	// manifest's run record uses): it stands for docgen's version, which
	// a `go run` build does not record.
	executable digest
	goVersion  string
	pkg        string
	scope      scope.Selection
	docs       []string
}

func (k serveKey) sum() (string, error) {
	h := sha256.New()
	// Each field is its name and its content, both with their lengths,
	// so that no two inputs hash the same bytes.
	field := func(name string, data []byte) {
		fmt.Fprintf(h, "%d:%s %d\n", len(name), name, len(data))
		h.Write(data)
	}
	field("executable", k.executable[:])
	field("go", []byte(k.goVersion))
	field("package", []byte(k.pkg))
	for _, p := range k.scope.Include {
		field("include", []byte(p.String()))
	}
	for _, p := range k.scope.Exclude {
		field("exclude", []byte(p.String()))
	}
	for _, dir := range k.docs {
		if err := hashDocs(h, dir, field); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashDocs adds a docs folder to the key: its name (the generated files
// say which folder they come from) and each of its files, by relative path
// and content, in path order. Dot-folders (.git) are left out, but not the
// .md files in them: docgen reads every .md file below DOCS_DIR, symbolic
// links to files included, and a change to any of them must change the
// key.
func hashDocs(h hash.Hash, dir string, field func(string, []byte)) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	field("docs", []byte(filepath.Base(abs)))
	type file struct{ rel, path string }
	var files []file
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			return nil
		}
		md := strings.EqualFold(filepath.Ext(p), ".md")
		if md || (d.Type().IsRegular() && !inDotFolder(rel)) {
			files = append(files, file{rel, p})
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.rel, b.rel) })
	for _, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			return err
		}
		field("file "+f.rel, data)
	}
	return nil
}

// inDotFolder reports whether the slash-separated relative path rel is
// below a folder whose name starts with a dot.
func inDotFolder(rel string) bool {
	parts := strings.Split(rel, "/")
	for _, p := range parts[:len(parts)-1] {
		if strings.HasPrefix(p, ".") && p != "." && p != ".." {
			return true
		}
	}
	return false
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
