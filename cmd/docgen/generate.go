package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
	"github.com/docgen-dev/docgen/generator"
	"github.com/docgen-dev/docgen/generator/scope"
	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// result is one run's output, in memory.
type result struct {
	api    *model.API // the whole docs
	scoped *model.API // the part generated: api itself without --include or --exclude
	docs   []string   // the docs folders' stable names
	files  []generator.File
	stats  generator.Stats
	diags  *diag.List
	// cache is the manifest's gofmt cache the files were formatted with;
	// nil for docgen lint.
	cache *formatCache
	// record is what the run prints; when the manifest's run record
	// matched (cache.reused), it is that record's, and api, scoped, stats
	// and diags are nil: nothing was parsed.
	record *runRecord
}

// build reads the docs and generates the package in memory; it writes
// nothing. roots maps each docs folder's stable name to the folder.
func build(cfg *config) (*result, map[string]string, error) {
	prog := cfg.progress
	defer prog.clear() // before any message, the error's or the caller's
	prog.stage("reading docs", "", 0)
	roots := map[string]string{}
	var sources []parser.Source
	var names []string
	for _, dir := range cfg.docs {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, nil, err
		}
		if !info.IsDir() {
			return nil, nil, fmt.Errorf("%s is not a folder", dir)
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, nil, err
		}
		name := filepath.Base(abs)
		if prev, dup := roots[name]; dup {
			return nil, nil, fmt.Errorf("docs folders %s and %s have the same name; pages are named by it, so rename one", prev, dir)
		}
		// Relative to the working directory even when named by an absolute
		// path, so that editors and CI annotations (GitHub's are relative to
		// the checkout) find the page.
		roots[name] = filepath.Clean(dir)
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				roots[name] = rel
			}
		}
		names = append(names, name)
		src, err := parser.ReadDir(dir)
		if err != nil {
			return nil, nil, err
		}
		sources = append(sources, src...)
	}
	docsName := strings.Join(names, ", ")
	importPath := cfg.importPath
	if importPath == "" && !cfg.diagnosticsOnly {
		var err error
		if importPath, err = importPathOf(cfg.out, cfg.pkg); err != nil {
			return nil, nil, err
		}
	}
	var cache *formatCache
	var key string
	if !cfg.diagnosticsOnly {
		cache = newFormatCache(cfg.out, cfg.fsys)
		// The run record stands in for a run that needs no model (--csdl
		// and --emit-model do). A --check keys only to compare; a run that
		// writes, to record.
		needModel := cfg.csdl != "" || cfg.emitModel != ""
		if (cache.record != nil && !needModel) || !cfg.check {
			key = runKey(cfg, importPath, docsName, sources)
		}
		if files, rec, ok := cache.recorded(key); ok && !needModel {
			cache.reused = true
			return &result{docs: names, files: files, cache: cache, record: rec}, roots, nil
		}
	}
	diags := &diag.List{}
	prog.stage("parsing", "pages", len(sources))
	api := parser.ParseNotify(sources, diags, prog.step)
	scoped := scope.Apply(api, cfg.scope, diags)
	var formatting sync.Once
	prog.stage("generating", "", 0)
	var formatted func(string, []byte) ([]byte, bool)
	if cache != nil {
		formatted = cache.lookup
	}
	out, err := generator.Generate(api, generator.Options{
		Package:    cfg.pkg,
		ImportPath: importPath,
		DocsName:   docsName,
		GoGenerate: goGenerateCommand(cfg),
		Select:     scoped,
		Scope:      scopeFlags(cfg),
		Progress: func(done, total int) {
			formatting.Do(func() { prog.stage("formatting", "files", total) })
			prog.count(done, total)
		},
		PlanOnly:   cfg.diagnosticsOnly,
		BasePath:   basePathOption(cfg),
		Formatted:  formatted,
		FakeServer: cfg.fakeServer,
	}, diags)
	if err != nil {
		return nil, roots, err
	}
	ds, outside := inScope(diags.Sorted(), api, scoped)
	rec := &runRecord{Key: key, Diagnostics: ds, Outside: outside, Stats: out.Stats.String(),
		Pages: pageSummary(api.Pages), Model: modelSummary(api, scoped)}
	return &result{api: api, scoped: scoped, docs: names, files: out.Files, stats: out.Stats, diags: diags, cache: cache, record: rec}, roots, nil
}

// scopeFlags writes the --include and --exclude flags of cfg, quoted for a
// //go:generate line where needed.
func scopeFlags(cfg *config) string {
	var args []string
	for _, p := range cfg.scope.Include {
		args = append(args, "--include", goGenerateQuote(p.String()))
	}
	for _, p := range cfg.scope.Exclude {
		args = append(args, "--exclude", goGenerateQuote(p.String()))
	}
	return strings.Join(args, " ")
}

// goGenerateQuote quotes an argument as go generate splits its line: at
// spaces, with double-quoted Go strings kept whole. There is no shell, so
// "*" needs no quoting.
func goGenerateQuote(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\"") {
		return strconv.Quote(s)
	}
	return s
}

// basePathOption is --base-path for generator.Options: nil when not given.
func basePathOption(cfg *config) *string {
	if !cfg.basePathSet {
		return nil
	}
	return &cfg.basePath
}

// goGenerateCommand is the command doc.go's //go:generate line runs: this
// run again, from the output folder, through the go tool that `go get
// -tool github.com/docgen-dev/docgen/cmd/docgen` installs (this module
// lists itself as a tool too). Paths are relative to the output folder, so
// the line is the same wherever docgen was run from.
func goGenerateCommand(cfg *config) string {
	args := []string{"go", "tool", "docgen", "--out", ".", "--package", cfg.pkg}
	if cfg.basePathSet {
		args = append(args, "--base-path", strconv.Quote(cfg.basePath))
	}
	if cfg.fakeServer {
		args = append(args, "--fakeserver")
	}
	if flags := scopeFlags(cfg); flags != "" {
		args = append(args, flags)
	}
	for _, d := range cfg.docs {
		rel, err := relPath(cfg.out, d)
		if err != nil {
			return ""
		}
		args = append(args, rel)
	}
	return strings.Join(args, " ")
}

// relPath returns target relative to base, slash-separated.
func relPath(base, target string) (string, error) {
	absBase, err := filepath.Abs(base)
	if err != nil {
		return "", err
	}
	absTarget, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absBase, absTarget)
	return filepath.ToSlash(rel), err
}

// displayPath maps a page's stable path to the path to show: the docs folder
// as it was named on the command line, joined with the page's path in it.
func displayPath(roots map[string]string) func(string) string {
	return func(stable string) string {
		first, rest, _ := strings.Cut(stable, "/")
		dir, ok := roots[first]
		if !ok {
			return stable
		}
		return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(rest)))
	}
}

func generate(cfg *config, stdout, stderr io.Writer) int {
	start := time.Now()
	if cfg.progress == nil && !cfg.quiet && isTerminal(stderr) {
		cfg.progress = newProgress(stderr, true)
	}
	dir := outputDir(cfg)
	if !cfg.check {
		// Before anything else, so that even a run that fails leaves whole
		// the generated set a killed run left half switched.
		undone, err := dir.Recover()
		if err != nil {
			fmt.Fprintf(stderr, "docgen: %s: %v\n", cfg.out, err)
			return exitFail
		}
		if undone {
			fmt.Fprintf(stderr, "docgen: put back the files in %s that an interrupted run had begun to replace\n", cfg.out)
		}
	}
	metadata, err := loadCSDL(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "docgen: %v\n", err)
		return exitFail
	}
	res, roots, err := build(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "docgen: %v\n", err)
		return exitFail
	}
	if cfg.observe != nil {
		cfg.observe(res)
	}
	ds, outside := res.record.Diagnostics, res.record.Outside
	diag.Print(stderr, ds, displayPath(roots))
	fmt.Fprintf(stderr, "docgen: %s\n", res.record.Stats)
	var nwarn, nerr int
	for _, d := range ds {
		if d.Severity == diag.Error {
			nerr++
		} else {
			nwarn++
		}
	}

	status := exitOK
	if nerr > 0 || (cfg.strict && nwarn > 0) {
		status = exitFail
	}
	files := outFiles(res.files)
	refused := !cfg.check && cfg.strict && nwarn+nerr > 0
	content := contents(files)
	var action string
	var plan *outdir.Plan // nil when nothing was compared
	switch {
	case cfg.check:
		plan, err = dir.Plan(files)
		if err != nil {
			fmt.Fprintf(stderr, "docgen: %v\n", err)
			return exitFail
		}
		if plan.Interrupted {
			fmt.Fprintf(stderr, "%s: an interrupted docgen run left generated files half replaced; run docgen to put them back and regenerate\n", outPath(cfg, ".docgen-swap"))
			status = exitFail
		}
		if cfg.quiet {
			listChanges(stdout, cfg, plan)
		} else if err := printDiffs(stdout, cfg, plan, content); err != nil {
			fmt.Fprintf(stderr, "docgen: %v\n", err)
			status = exitFail
		}
		if len(plan.Changes) > 0 {
			status = exitFail
			action = fmt.Sprintf("%d of %d files are stale; run docgen to regenerate", len(plan.Changes), len(res.files))
		} else {
			action = fmt.Sprintf("%d files are up to date", len(res.files))
		}
	case refused:
		action = "wrote nothing (--strict counts warnings as errors)"
	default:
		cfg.progress.stage("writing", "files", 0)
		dir.Progress = func(written, total int) { cfg.progress.count(written, total) }
		plan, err = dir.Write(files)
		cfg.progress.clear()
		if err != nil {
			fmt.Fprintf(stderr, "docgen: %s: %v\n", cfg.out, err)
			return exitFail
		}
		var written, removed int
		for _, c := range plan.Changes {
			if c.Op == outdir.Remove {
				removed++
			} else {
				written++
			}
			if cfg.verbose {
				verb := "wrote"
				if c.Op == outdir.Remove {
					verb = "removed"
				}
				fmt.Fprintf(stderr, "%s %s\n", verb, outPath(cfg, c.Name))
			}
		}
		action = fmt.Sprintf("wrote %d files to %s (%d unchanged, %d removed)", written, cfg.out, plan.Unchanged, removed)
		if err := res.cache.save(res.files, res.record); err != nil && cfg.verbose {
			fmt.Fprintf(stderr, "docgen: not keeping %s: %v\n", outPath(cfg, manifestName), err)
		}
	}
	if plan != nil && len(plan.Changes) > 0 {
		report := stdout
		if cfg.emitModel == "-" { // stdout carries the model
			report = stderr
		}
		status = max(status, reportAPIChanges(cfg, plan, content, report, stderr))
	}
	if cfg.emitModel != "" && !refused {
		if err := emitModel(cfg, res, stdout); err != nil {
			fmt.Fprintf(stderr, "docgen: --emit-model: %v\n", err)
			return exitFail
		}
		if cfg.verbose && cfg.emitModel != "-" {
			fmt.Fprintf(stderr, "wrote the model to %s\n", cfg.emitModel)
		}
	}
	reportCSDL(stderr, res.api, metadata, cfg.verbose, displayPath(roots))
	summary := fmt.Sprintf("docgen: %s; %s; %s; %s",
		res.record.Pages, res.record.Model, action, diag.Summary(ds))
	if outside > 0 {
		summary += fmt.Sprintf("; %d more about pages outside the scope", outside)
	}
	if cfg.verbose {
		switch {
		case res.cache.reused:
			summary += fmt.Sprintf("; nothing parsed or generated (%s records a run on the same docs, options and docgen, and its files are on disk as it wrote them)", manifestName)
		default:
			summary += fmt.Sprintf("; formatted %d of %d files (%s said the others are on disk as gofmt makes them)", len(res.cache.Formatted()), len(res.files), manifestName)
		}
		summary += fmt.Sprintf(" in %v", time.Since(start).Round(time.Millisecond))
	}
	fmt.Fprintln(stderr, summary)
	return status
}

// inScope keeps the diagnostics about the pages a scoped package comes
// from, and about the command line, and counts the others: under
// --include, warnings about unrelated pages would bury those that matter
// (and fail --strict). Without a scope it keeps them all.
func inScope(ds []diag.Diagnostic, whole, scoped *model.API) (kept []diag.Diagnostic, outside int) {
	if scoped == whole {
		return ds, 0
	}
	pages := map[string]bool{}
	for _, p := range scoped.Pages {
		pages[p.Pos.File] = true
	}
	used := map[string]bool{}
	for _, t := range scoped.Types {
		used[t.Pos.File] = true
		for _, p := range t.Properties {
			used[p.Pos.File] = true
		}
	}
	for _, e := range scoped.Enums {
		used[e.Pos.File] = true
		for _, m := range e.Members {
			used[m.Pos.File] = true
		}
	}
	for _, op := range scoped.Operations {
		used[op.Pos.File] = true
	}
	for _, d := range ds {
		if pages[d.Pos.File] && !used[d.Pos.File] {
			outside++
			continue
		}
		kept = append(kept, d)
	}
	return kept, outside
}

// modelSummary counts what is generated, and, under --include or
// --exclude, of how much.
func modelSummary(api, scoped *model.API) string {
	if scoped == api {
		return fmt.Sprintf("%d types, %d enums, %d operations", len(api.Types), len(api.Enums), len(api.Operations))
	}
	return fmt.Sprintf("%d of %d types, %d of %d enums, %d of %d operations in scope",
		len(scoped.Types), len(api.Types), len(scoped.Enums), len(api.Enums), len(scoped.Operations), len(api.Operations))
}

// pageSummary counts pages by kind; conceptual pages are read but generate
// nothing, which the count says.
func pageSummary(pages []*model.Page) string {
	byKind := map[model.PageKind]int{}
	for _, p := range pages {
		byKind[p.Kind]++
	}
	s := fmt.Sprintf("%d pages (%d method, %d resource, %d enum", len(pages), byKind[model.PageMethod], byKind[model.PageResource], byKind[model.PageEnum])
	if n := byKind[model.PageConceptual]; n > 0 {
		s += fmt.Sprintf(", %d conceptual, not generated", n)
	}
	return s + ")"
}

// reportAPIChanges prints how the API changes, unless --quiet, and fails
// the run on a breaking change under --fail-on-breaking.
func reportAPIChanges(cfg *config, plan *outdir.Plan, content map[string][]byte, stdout, stderr io.Writer) int {
	changes, err := apiChanges(cfg, plan, content)
	if err != nil {
		fmt.Fprintf(stderr, "docgen: %v\n", err)
	}
	if !cfg.quiet {
		changes.print(stdout, cfg)
	}
	if !cfg.failOnBreaking || changes.breaking == 0 {
		return exitOK
	}
	written := ""
	if !cfg.check {
		written = " (the files were written)"
	}
	fmt.Fprintf(stderr, "docgen: %d breaking API changes, and --fail-on-breaking%s\n", changes.breaking, written)
	return exitFail
}
