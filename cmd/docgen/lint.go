package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/docgen-dev/docgen/parser/diag"
)

const lintUsage = `usage: docgen lint [flags] [DOCS_DIR...]

docgen lint reads the API reference pages in each DOCS_DIR (default seeds)
and reports what docgen finds wrong with them, exactly as a generation run
would, but writes nothing. Paths are relative to the working directory.

Formats (the summary line always goes to standard error):
  text    path:line: severity: message, on standard error
  json    one JSON array on standard output, each element
          {"file", "line", "severity", "category", "message"};
          line 0 means the whole page; [] when the docs are clean
  github  GitHub Actions workflow commands on standard output, which
          annotate the pages in a pull request:
          ::warning file=PATH,line=N,title=CATEGORY::MESSAGE

Exit status: 0 no errors (and, with --strict, no warnings); 1 errors, or
warnings with --strict, or the docs could not be read; 2 usage.

flags:
`

// lintFormats are the values --format takes.
var lintFormats = map[string]func(io.Writer, []diag.Diagnostic, func(string) string) error{
	"text":   printText,
	"json":   printJSON,
	"github": printGitHub,
}

// lint is `docgen lint`: a generation run's diagnostics, for documentation
// authors and CI, with nothing written.
func lint(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("docgen lint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "print diagnostics as `FORMAT`: text, json or github")
	strict := fs.Bool("strict", false, "count warnings as errors: exit 1 if the docs have any warning or error")
	fs.Usage = func() {
		fmt.Fprint(stderr, lintUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		fmt.Fprintf(stderr, "docgen lint: %v\n", err)
		fs.Usage()
		return exitUsage
	}
	emit, ok := lintFormats[*format]
	if !ok {
		fmt.Fprintf(stderr, "docgen lint: --format is %q; want text, json or github\n", *format)
		fs.Usage()
		return exitUsage
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		dirs = []string{"seeds"}
	}

	// Most problems are found while generating (examples that do not fit
	// their types, duplicate routes, names that collide), so the package is
	// generated too, in memory and unformatted, and thrown away.
	res, roots, err := build(&config{pkg: "lint", docs: dirs, diagnosticsOnly: true})
	if err != nil {
		fmt.Fprintf(stderr, "docgen lint: %v\n", err)
		return exitFail
	}
	ds := res.diags.Sorted()
	// Text goes where a generation run prints it; the machine formats go
	// to stdout, apart from the summary, so they can be piped.
	w := stdout
	if *format == "text" {
		w = stderr
	}
	if err := emit(w, ds, displayPath(roots)); err != nil {
		fmt.Fprintf(stderr, "docgen lint: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stderr, "docgen lint: %s; %d types, %d enums, %d operations; %s\n",
		pageSummary(res.api.Pages), len(res.api.Types), len(res.api.Enums), len(res.api.Operations), diag.Summary(ds))
	nwarn, nerr := res.diags.Count()
	if nerr > 0 || (*strict && nwarn > 0) {
		return exitFail
	}
	return exitOK
}

// printText is the compiler form a generation run prints.
func printText(w io.Writer, ds []diag.Diagnostic, display func(string) string) error {
	diag.Print(w, ds, display)
	return nil
}

// lintRecord is one diagnostic in --format json.
type lintRecord struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"` // "warning" or "error"
	Category string `json:"category"`
	Message  string `json:"message"`
}

// printJSON writes one array rather than JSON lines: a clean run is a
// valid document ([]), and jq and every JSON library read it whole.
func printJSON(w io.Writer, ds []diag.Diagnostic, display func(string) string) error {
	records := make([]lintRecord, len(ds))
	for i, d := range ds {
		records[i] = lintRecord{File: display(d.Pos.File), Line: d.Pos.Line, Severity: d.Severity.String(), Category: d.Category, Message: d.Message}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // messages quote markup such as <!-- -->
	enc.SetIndent("", "  ")
	return enc.Encode(records)
}

// printGitHub writes workflow commands, which the Actions runner turns into
// annotations on the lines of the pages.
func printGitHub(w io.Writer, ds []diag.Diagnostic, display func(string) string) error {
	for _, d := range ds {
		var props []string
		if file := display(d.Pos.File); file != "" {
			props = append(props, "file="+githubProperty.Replace(file))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Category != "" {
			props = append(props, "title="+githubProperty.Replace(d.Category))
		}
		cmd := "::" + d.Severity.String()
		if len(props) > 0 {
			cmd += " " + strings.Join(props, ",")
		}
		if _, err := fmt.Fprintf(w, "%s::%s\n", cmd, githubData.Replace(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

// The escapes GitHub's runner undoes: a message may not break the line, and
// a property may not end itself (",") or the property list ("::").
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
