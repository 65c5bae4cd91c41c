package main

import (
	"path"
	"path/filepath"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
	"github.com/docgen-dev/docgen/generator"
)

// outputDir is the --out folder; outdir decides what in it is docgen's and
// switches the generated files all at once.
func outputDir(cfg *config) outdir.Dir {
	return outdir.Dir{Path: cfg.out, Header: generator.HeaderPrefix, FS: cfg.fsys}
}

func outFiles(files []generator.File) []outdir.File {
	out := make([]outdir.File, len(files))
	for i, f := range files {
		out[i] = outdir.File{Name: f.Name, Content: f.Content}
	}
	return out
}

// outPath names a file in the output folder for messages.
func outPath(cfg *config, name string) string {
	return path.Join(filepath.ToSlash(cfg.out), name)
}
