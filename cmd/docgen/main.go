// Command docgen generates a Go package — types, a net/http handler, a client
// and tests — from API reference docs written in the Microsoft Graph
// markdown format.
//
// Usage:
//
//	docgen [flags] [DOCS_DIR...]
//	docgen lint [--format text|json|github] [--strict] [DOCS_DIR...]
//	docgen serve [--addr HOST:PORT] [--seed] [--me ID] [--permissions] [DOCS_DIR...]
//
// With no arguments it regenerates generated/graph from seeds/; lint prints
// the docs' diagnostics and writes nothing; serve serves the generated
// package's Fake over HTTP. See the README for the flags and
// the go:generate workflow.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
	"github.com/docgen-dev/docgen/generator/scope"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // errors in the docs (or warnings under --strict), a failed write, stale output under --check, or a breaking API change under --fail-on-breaking
	exitUsage = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is the parsed command line.
type config struct {
	out string
	pkg string
	// importPath is the package's import path: --import-path, else
	// found from the go.mod above out (importPathOf).
	importPath string
	check      bool
	strict     bool
	verbose    bool
	quiet      bool
	// diffLines bounds the diff --check prints: lines per file, and
	// diffTotalFactor times that in all; 0 means no bound.
	diffLines      int
	failOnBreaking bool
	csdl           string // metadata to compare the docs with
	include        []string
	exclude        []string
	scope          scope.Selection // include and exclude, parsed
	docs           []string
	fsys           outdir.FS // nil: the operating system's; tests inject failures
	// progress shows how the run advances; nil shows nothing.
	progress *progress

	// emitModel is where to write the model as JSON: a file, "-" for
	// stdout, "" for nowhere.
	emitModel string
	// basePath is --base-path, which counts only when basePathSet.
	basePath    string
	basePathSet bool
	// fakeServer adds the fakeserver command to the package.
	fakeServer bool
	// diagnosticsOnly plans the package and emits nothing, for docgen lint,
	// which keeps nothing but the diagnostics.
	diagnosticsOnly bool
	// observe, unless nil, is shown the run's result before it is
	// compared or written: for tests.
	observe func(*result)
}

const usage = `usage: docgen [flags] [DOCS_DIR...]
       docgen lint [--format text|json|github] [--strict] [DOCS_DIR...]
       docgen serve [--addr HOST:PORT] [--seed] [--me ID] [--permissions]
                    [--package NAME] [--cache-dir DIR] [--include PATTERN]
                    [--exclude PATTERN] [DOCS_DIR...]

docgen reads API reference pages (Microsoft Graph markdown format) from each
DOCS_DIR and writes one Go package to --out: types, a Server interface with
its net/http handler, a Client, and tests made from the documented examples.
With no DOCS_DIR it reads seeds/.

When files change, it prints to stdout how the API changes from the
generated files in --out to the new ones: each type, property, enum, enum
member, operation and route added (+), removed (-) or changed (~). --check
prints a unified diff of each file before that.

docgen lint only reports the problems in the docs; see docgen lint --help.
docgen serve serves the package's in-memory fake over HTTP, for any client;
see docgen serve --help. To generate from a docs folder named lint or serve,
write ./lint or docgen -- lint.

--include and --exclude narrow the package to part of the docs. A pattern
starting with / is matched against the documented routes, ignoring case:
* matches one segment or part of one, ** any number of segments, {x} any
parameter segment ('/security/**', '/users/{id}/events/*'). An operation is
generated if a route matches an --include (or there is none) and none
matches an --exclude. --include also takes type and enum names (user,
microsoft.graph.user, microsoft.graph.callRecords.*), which keep that type
even with no operation. Types and enums are generated as far as the kept
operations and types use them; names are those of the whole package.

flags:
`

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := pflag.NewFlagSet("docgen", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &config{}
	fs.StringVar(&cfg.out, "out", "generated/graph", "write the package to `DIR`")
	fs.StringVar(&cfg.importPath, "import-path", "", "the package's import `PATH` (default: from the go.mod above --out, else the package name)")
	fs.StringVar(&cfg.pkg, "package", "graph", "Go package `NAME`")
	fs.BoolVar(&cfg.check, "check", false, "write nothing; if any file would change, appear or go, print its diff (see --diff-lines) and the API changes, and exit 1")
	fs.BoolVar(&cfg.strict, "strict", false, "count warnings as errors: exit 1 and write nothing if the docs have any warning or error")
	fs.BoolVarP(&cfg.verbose, "verbose", "v", false, "report each file written and the time taken")
	fs.BoolVarP(&cfg.quiet, "quiet", "q", false, "print no progress, no diff and no API changes; with --check, name each file that would change instead, one a line after a word: changed, new or removed")
	fs.IntVar(&cfg.diffLines, "diff-lines", 40, fmt.Sprintf("with --check, print at most `N` lines of diff a file and %d times N in all, then say how much was cut; 0 prints the whole diff", diffTotalFactor))
	fs.BoolVar(&cfg.failOnBreaking, "fail-on-breaking", false, "exit 1 if an API change is breaking (a - or ~ line: something removed, or a property's type, a type's base, an operation's route, success status or Go signature changed); without --check the files are still written all the same; under --check any change exits 1 anyway")
	fs.StringVar(&cfg.csdl, "csdl", "", "compare the docs' types with the OData metadata in `FILE` and print the figures (with -v, each difference)")
	fs.StringVar(&cfg.emitModel, "emit-model", "", "also write the parsed model as JSON to `FILE` (- for standard output; its shape is documented in parser/model), even with --check")
	fs.StringArrayVar(&cfg.include, "include", nil, "generate only the operations whose routes match `PATTERN` ('/security/**'), or the type it names, and the types they use; repeatable, comma-separated")
	fs.StringVar(&cfg.basePath, "base-path", "", "serve the API under `PATH` (\"/v1.0\"; \"\" for bare paths only) and add it to client base URLs without a path; by default the version segment of the docs' example URLs")
	fs.BoolVar(&cfg.fakeServer, "fakeserver", false, "also write fakeserver/main.go in --out: a command that serves the package's Fake over HTTP, the one docgen serve builds; off by default, as every go build ./... links a main package")
	fs.StringArrayVar(&cfg.exclude, "exclude", nil, "leave out the operations whose routes match `PATTERN`; repeatable, comma-separated")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err != pflag.ErrHelp {
			fmt.Fprintf(stderr, "docgen: %v\n", err)
			fs.Usage()
		}
		return nil, err
	}
	if cfg.diffLines < 0 {
		err := fmt.Errorf("--diff-lines must be 0 (no bound) or more, not %d", cfg.diffLines)
		fmt.Fprintf(stderr, "docgen: %v\n", err)
		fs.Usage()
		return nil, err
	}
	sel, err := scope.New(cfg.include, cfg.exclude)
	if err != nil {
		fmt.Fprintf(stderr, "docgen: %v\n", err)
		return nil, err
	}
	cfg.scope = sel
	cfg.basePathSet = fs.Changed("base-path")
	cfg.docs = fs.Args()
	if len(cfg.docs) == 0 {
		cfg.docs = []string{"seeds"}
	}
	if err := checkEmitModel(cfg); err != nil {
		fmt.Fprintf(stderr, "docgen: %v\n", err)
		return nil, err
	}
	return cfg, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	// Only a first argument spelled exactly "lint" or "serve" is the
	// subcommand; a docs folder of that name is ./lint, or follows flags or
	// "--".
	if len(args) > 0 && args[0] == "lint" {
		return lint(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "serve" {
		return serve(args[1:], stdout, stderr)
	}
	cfg, err := parseFlags(args, stderr)
	if err == pflag.ErrHelp {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	return generate(cfg, stdout, stderr)
}
