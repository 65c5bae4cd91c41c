package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
	"github.com/docgen-dev/docgen/generator"
	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// result is one run's output, in memory.
type result struct {
	api   *model.API
	docs  []string // the docs folders' stable names
	files []generator.File
	stats generator.Stats
	diags *diag.List
}

// build reads the docs and generates the package in memory; it writes
// nothing. roots maps each docs folder's stable name to the folder.
func build(cfg *config) (*result, map[string]string, error) {
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
	diags := &diag.List{}
	api := parser.Parse(sources, diags)
	out, err := generator.Generate(api, generator.Options{
		Package:    cfg.pkg,
		DocsName:   strings.Join(names, ", "),
		GoGenerate: goGenerateCommand(cfg),
		SkipFormat: cfg.diagnosticsOnly,
	}, diags)
	if err != nil {
		return nil, roots, err
	}
	return &result{api: api, docs: names, files: out.Files, stats: out.Stats, diags: diags}, roots, nil
}

// goGenerateCommand is the command doc.go's //go:generate line runs: this
// run again, from the output folder. Paths are relative to it, so the line
// is the same wherever docgen was run from.
func goGenerateCommand(cfg *config) string {
	args := []string{"go", "run", generator.Module + "/cmd/docgen", "--out", ".", "--package", cfg.pkg}
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
	ds := res.diags.Sorted()
	diag.Print(stderr, ds, displayPath(roots))
	fmt.Fprintf(stderr, "docgen: %s\n", res.stats)
	nwarn, nerr := res.diags.Count()

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
		plan, err = dir.Write(files)
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
	summary := fmt.Sprintf("docgen: %s; %d types, %d enums, %d operations; %s; %s",
		pageSummary(res.api.Pages), len(res.api.Types), len(res.api.Enums), len(res.api.Operations), action, diag.Summary(ds))
	if cfg.verbose {
		summary += fmt.Sprintf(" in %v", time.Since(start).Round(time.Millisecond))
	}
	fmt.Fprintln(stderr, summary)
	return status
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
