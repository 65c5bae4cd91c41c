package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
	"github.com/docgen-dev/docgen/generator"
)

// The manifest is docgen's cache of gofmt, kept in the output folder as
// .docgen-manifest (a dot-file, which the go command ignores). gofmt is most
// of a run's time, so a run does not format a file whose rendered source it
// has formatted before and whose result is still on disk.
//
// Each line holds, for one generated file, the SHA-256 of its source as
// rendered (jennifer's output, before gofmt) and of its content as written
// (after gofmt). A run renders every file; when a file's rendered source
// hashes to the recorded one and the file on disk hashes to the recorded
// content, the file on disk is what gofmt would make of the source, and is
// taken as it is: it is not formatted, and since it is then equal to what is
// on disk, the writer neither compares it with anything new nor rewrites it.
//
// Why it cannot go stale. The key is the whole rendered source, not what it
// was made from, so nothing docgen reads (pages, options, docgen's own code)
// can change without changing the key; what it maps to is checked against
// the file on disk, so a hand-edited, replaced or deleted file is formatted
// and compared as without the manifest, and --check still reports it. The
// one thing besides the source that gofmt's output depends on is gofmt
// itself: the manifest names the Go release docgen was built with, and one
// from another release is not used. A missing, unreadable or foreign
// manifest is ignored; output is byte-identical with or without it.
//
// Safety. The manifest is written only after the generated files are in
// place, by writing .docgen-manifest.new (created, never opened if it
// exists) and renaming it over .docgen-manifest; docgen replaces or removes
// either name only when it is a regular file starting with the manifest's
// first line, and otherwise leaves it alone and keeps no manifest. Should
// writing it fail, the run still succeeds: the previous manifest stays, and
// its entries for files that changed no longer match them. --check reads it
// and writes nothing.
//
// It is a cache, not output: it is not meant to be committed (see the
// README), and --check never reports it.
const (
	manifestName = ".docgen-manifest"
	manifestNew  = manifestName + ".new"
	manifestHead = "docgen manifest 1"
)

type digest = [sha256.Size]byte

// manifestEntry is what the manifest records of one file.
type manifestEntry struct {
	rendered, written digest
}

// formatCache answers generator.Options.Formatted from the manifest of an
// output folder and records what the new manifest needs.
type formatCache struct {
	dir  string
	fsys outdir.FS
	old  map[string]manifestEntry // nil: no usable manifest

	mu        sync.Mutex
	rendered  map[string]digest // this run's rendered sources
	formatted []string          // the files gofmt ran on
}

func newFormatCache(dir string, fsys outdir.FS) *formatCache {
	if fsys == nil {
		fsys = outdir.OS{}
	}
	c := &formatCache{dir: dir, fsys: fsys, rendered: map[string]digest{}}
	data, err := c.ours(manifestName)
	if err == nil && data != nil {
		c.old = parseManifest(data)
	}
	return c
}

// manifestFirstLine is the manifest's first line for this docgen binary.
func manifestFirstLine() string {
	return manifestHead + " " + runtime.Version()
}

// ours reads name in the folder if it is a manifest docgen wrote: a
// regular file starting with manifestHead. It returns nil, nil if there is
// no such file, and an error if something else has the name.
func (c *formatCache) ours(name string) ([]byte, error) {
	p := filepath.Join(c.dir, name)
	info, err := c.fsys.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a file docgen wrote", p)
	}
	data, err := c.fsys.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(manifestHead)) {
		return nil, fmt.Errorf("%s is not a file docgen wrote", p)
	}
	return data, nil
}

// parseManifest reads the entries of a manifest made by a docgen built with
// the same Go release; of any other, or a malformed one, none.
func parseManifest(data []byte) map[string]manifestEntry {
	first, rest, _ := strings.Cut(string(data), "\n")
	if first != manifestFirstLine() {
		return nil
	}
	m := map[string]manifestEntry{}
	for line := range strings.Lines(rest) {
		f := strings.Fields(line)
		var e manifestEntry
		if len(f) != 3 || !unhex(e.rendered[:], f[0]) || !unhex(e.written[:], f[1]) {
			return nil
		}
		m[f[2]] = e
	}
	return m
}

func unhex(dst []byte, s string) bool {
	n, err := hex.Decode(dst, []byte(s))
	return err == nil && n == len(dst)
}

// formatted is generator.Options.Formatted: the file on disk, when the
// manifest says it is what gofmt makes of src.
func (c *formatCache) lookup(name string, src []byte) ([]byte, bool) {
	h := sha256.Sum256(src)
	c.mu.Lock()
	c.rendered[name] = h
	c.mu.Unlock()
	if content, ok := c.reuse(name, h); ok {
		return content, true
	}
	c.mu.Lock()
	c.formatted = append(c.formatted, name)
	c.mu.Unlock()
	return nil, false
}

func (c *formatCache) reuse(name string, rendered digest) ([]byte, bool) {
	e, ok := c.old[name]
	if !ok || e.rendered != rendered {
		return nil, false
	}
	p := filepath.Join(c.dir, name)
	info, err := c.fsys.Lstat(p)
	if err != nil || !info.Mode().IsRegular() {
		return nil, false
	}
	content, err := c.fsys.ReadFile(p)
	if err != nil || sha256.Sum256(content) != e.written {
		return nil, false
	}
	return content, true
}

// Formatted lists the files gofmt ran on, sorted.
func (c *formatCache) Formatted() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append([]string(nil), c.formatted...)
	sort.Strings(out)
	return out
}

// manifest is the manifest of files, which this run generated and wrote;
// nil if a file was not rendered through the cache.
func (c *formatCache) manifest(files []generator.File) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b bytes.Buffer
	b.WriteString(manifestFirstLine() + "\n")
	for _, f := range files { // sorted by name
		r, ok := c.rendered[f.Name]
		if !ok {
			return nil
		}
		w := sha256.Sum256(f.Content)
		fmt.Fprintf(&b, "%x %x %s\n", r, w, f.Name)
	}
	return b.Bytes()
}

// save writes the manifest of files after they were written, unless the
// one in the folder already says the same. Its failure costs only time in
// the next run, so it is returned for -v to mention and fails nothing.
func (c *formatCache) save(files []generator.File) error {
	data := c.manifest(files)
	if data == nil {
		return nil
	}
	old, err := c.ours(manifestName)
	if err != nil {
		return err
	}
	if bytes.Equal(old, data) {
		return nil
	}
	// A .new left by a killed run is docgen's to remove; anything else of
	// that name is not.
	if leftover, err := c.ours(manifestNew); err != nil {
		return err
	} else if leftover != nil {
		if err := c.fsys.Remove(filepath.Join(c.dir, manifestNew)); err != nil {
			return err
		}
	}
	tmp := filepath.Join(c.dir, manifestNew)
	if err := c.fsys.WriteFile(tmp, data); err != nil {
		return err
	}
	return c.fsys.Rename(tmp, filepath.Join(c.dir, manifestName))
}
