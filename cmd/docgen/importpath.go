package main

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// importPathOf is the import path of the package in folder out: the module
// path of the go.mod above it, joined with the folder's path below the
// module's, or, with no go.mod above it, pkg (a module of its own, once it
// has a go.mod). The generated package imports its own internal packages
// by it.
func importPathOf(out, pkg string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	for dir := abs; ; {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			mod := modfile.ModulePath(data)
			if mod == "" {
				return "", fmt.Errorf("%s has no module line", filepath.Join(dir, "go.mod"))
			}
			rel, err := filepath.Rel(dir, abs)
			if err != nil {
				return "", err
			}
			return path.Join(mod, filepath.ToSlash(rel)), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return pkg, nil
		}
		dir = parent
	}
}
