package main

import (
	"fmt"
	"io"

	"github.com/docgen-dev/docgen/parser/csdl"
	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// loadCSDL reads the metadata --csdl names, if any. It runs before
// generation, so that a wrong path fails the run before anything is written.
func loadCSDL(cfg *config) (*csdl.Schema, error) {
	if cfg.csdl == "" {
		return nil, nil
	}
	return csdl.ReadFile(cfg.csdl)
}

// reportCSDL compares the model with the metadata: each finding as a
// warning line under -v, and always the summary line. Findings never change
// the exit status: they measure the docs against the service, and are no
// failure of the run.
func reportCSDL(w io.Writer, api *model.API, s *csdl.Schema, verbose bool, display func(string) string) {
	if s == nil {
		return
	}
	r := csdl.Compare(api, s)
	if verbose {
		ds := make([]diag.Diagnostic, len(r.Findings))
		for i, f := range r.Findings {
			ds[i] = diag.Diagnostic{Pos: f.Pos, Severity: diag.Warning, Category: f.Category, Message: f.Message}
		}
		diag.Print(w, ds, display)
	}
	fmt.Fprintln(w, r.Summary())
}
