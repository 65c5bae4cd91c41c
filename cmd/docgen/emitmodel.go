package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
	"github.com/docgen-dev/docgen/parser/model"
)

// checkEmitModel refuses a --emit-model FILE in the output folder: the
// model is no Go file of the package, and outdir leaves whatever is not
// generated there to the user, so it would stay behind as the user's.
func checkEmitModel(cfg *config) error {
	if cfg.emitModel == "" || cfg.emitModel == "-" {
		return nil
	}
	out, file := realPath(cfg.out), realPath(cfg.emitModel)
	rel, err := filepath.Rel(out, file)
	if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("--emit-model %s is inside --out %s, which holds only the generated package; write the model elsewhere", cfg.emitModel, cfg.out)
	}
	return nil
}

// realPath makes p absolute and resolves the symbolic links of the part of
// it that exists, so that a link cannot hide that a path is inside another.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if resolved, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{resolved}, rest...)...)
		}
		if filepath.Dir(dir) == dir {
			return abs
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

// emitModel writes the model to --emit-model's FILE, or to stdout for "-".
func emitModel(cfg *config, res *result, stdout io.Writer) error {
	doc := &model.Document{Version: model.Version, Docs: res.docs, API: res.api}
	data, err := doc.Encode()
	if err != nil {
		return err
	}
	if cfg.emitModel == "-" {
		_, err := stdout.Write(data)
		return err
	}
	fsys := cfg.fsys
	if fsys == nil {
		fsys = outdir.OS{}
	}
	return writeAtomic(fsys, cfg.emitModel, data)
}

// writeAtomic replaces name with data all at once: a reader, or a run that
// fails part way, sees the previous file or the new one, never half of it.
func writeAtomic(fsys outdir.FS, name string, data []byte) error {
	dir := filepath.Dir(name)
	tmp := filepath.Join(dir, "."+filepath.Base(name)+".docgen-tmp")
	fsys.Remove(tmp) // a killed run's; WriteFile would not replace it
	if err := fsys.WriteFile(tmp, data); err != nil {
		fsys.Remove(tmp)
		return err
	}
	if err := fsys.Rename(tmp, name); err != nil {
		fsys.Remove(tmp)
		return err
	}
	return fsys.SyncDir(dir)
}
