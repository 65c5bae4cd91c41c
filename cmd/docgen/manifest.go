package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
	"github.com/docgen-dev/docgen/generator"
	"github.com/docgen-dev/docgen/parser"
	"github.com/docgen-dev/docgen/parser/diag"
)

// The manifest is docgen's cache of gofmt, kept in the output folder as
// .docgen-manifest (a dot-file, which the go command ignores). gofmt is most
// of a run's time, so a run does not format a file whose rendered source it
// has formatted before and whose result is still on disk.
//
// After its first line (and the run record, below), each line holds, for
// one generated file, the SHA-256 of its source as rendered (jennifer's
// output, before gofmt) and of its content as written (after gofmt). A run renders every file; when a file's rendered source
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
	// record is the old manifest's run record, if any.
	record *runRecord

	reused bool // the files are those the run record vouched for

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
		c.old, c.record = parseManifest(data)
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

// parseManifest reads the entries and run record of a manifest made by a
// docgen built with the same Go release; of any other, or a malformed one,
// none.
func parseManifest(data []byte) (map[string]manifestEntry, *runRecord) {
	first, rest, _ := strings.Cut(string(data), "\n")
	if first != manifestFirstLine() {
		return nil, nil
	}
	var rec *runRecord
	if line, ok := strings.CutPrefix(rest, recordPrefix); ok {
		line, rest, _ = strings.Cut(line, "\n")
		rec = &runRecord{}
		if json.Unmarshal([]byte(line), rec) != nil {
			return nil, nil
		}
	}
	m := map[string]manifestEntry{}
	for line := range strings.Lines(rest) {
		f := strings.Fields(line)
		var e manifestEntry
		if len(f) != 3 || !unhex(e.rendered[:], f[0]) || !unhex(e.written[:], f[1]) {
			return nil, nil
		}
		m[f[2]] = e
	}
	return m, rec
}
func unhex(dst []byte, s string) bool {
	n, err := hex.Decode(dst, []byte(s))
	return err == nil && n == len(dst)
}

// lookup is generator.Options.Formatted: the file on disk, when the
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

// manifest is the manifest of files, which this run generated (or took,
// as the run record vouched for them) and wrote; nil if a file came
// neither way.
func (c *formatCache) manifest(files []generator.File, rec *runRecord) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b bytes.Buffer
	b.WriteString(manifestFirstLine() + "\n")
	if rec != nil && rec.Key != "" {
		line, err := json.Marshal(rec)
		if err != nil {
			return nil
		}
		b.WriteString(recordPrefix)
		b.Write(line)
		b.WriteByte('\n')
	}
	for _, f := range files { // sorted by name
		r, ok := c.rendered[f.Name]
		if !ok {
			if e, old := c.old[f.Name]; old && c.reused {
				r = e.rendered // taken from the record, not rendered
			} else {
				return nil
			}
		}
		w := sha256.Sum256(f.Content)
		fmt.Fprintf(&b, "%x %x %s\n", r, w, f.Name)
	}
	return b.Bytes()
}

// save writes the manifest of files and rec after the files were written,
// unless the one in the folder already says the same. Its failure costs
// only time in the next run, so it is returned for -v to mention and fails
// nothing.
func (c *formatCache) save(files []generator.File, rec *runRecord) error {
	data := c.manifest(files, rec)
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

// The run record. A manifest may also hold, on its second line, what the
// run that wrote it printed (its diagnostics, the examples line, the page
// and model counts) under a key that hashes everything the run's output
// is made from: the docgen executable itself (its code, its templates and
// the Go release it was built with), every option that reaches the output
// (package, docs folders' names, base path, --include/--exclude, the
// line doc.go's go:generate directive runs) and every page read, path and
// bytes. The generator is
// deterministic (output depends on nothing else; see package generator),
// so when the key matches and every file the manifest lists is on disk
// with its recorded content, those files are what generating would make:
// the run neither parses, plans, renders nor formats, and prints what was
// recorded. Any difference in any input changes the key; a hand-edited or
// deleted file fails the check; either way the run does all the work.
// Runs with --csdl or --emit-model need the parsed model and always do.

// runRecord is what a run printed, to print again.
type runRecord struct {
	Key         string            `json:"key"` // hex SHA-256, see runKey
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
	Outside     int               `json:"outside"`
	Stats       string            `json:"stats"`
	Pages       string            `json:"pages"`
	Model       string            `json:"model"`
}

const recordPrefix = "run "

// executableDigest is the SHA-256 of the running executable, or false if
// it cannot be read.
var executableDigest = sync.OnceValues(func() (digest, bool) {
	exe, err := os.Executable()
	if err != nil {
		return digest{}, false
	}
	f, err := os.Open(exe)
	if err != nil {
		return digest{}, false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return digest{}, false
	}
	var d digest
	h.Sum(d[:0])
	return d, true
})

// runKey hashes the inputs of a run's output (see the run record), or ""
// when the executable cannot be read.
func runKey(cfg *config, importPath, docsName string, sources []parser.Source) string {
	exe, ok := executableDigest()
	if !ok {
		return ""
	}
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s\n", len(s), s) }
	h.Write(exe[:])
	field(cfg.pkg)
	field(importPath)
	field(docsName)
	field(goGenerateCommand(cfg))
	field(scopeFlags(cfg))
	field(fmt.Sprint(cfg.basePathSet, cfg.basePath))
	fmt.Fprintf(h, "%d sources\n", len(sources))
	for _, s := range sources {
		field(s.Path)
		field(string(s.Data))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// recorded returns the files the manifest lists, as they are on disk, and
// the run record, if the record's key is key and every file is on disk
// with the content the manifest records; else false.
func (c *formatCache) recorded(key string) ([]generator.File, *runRecord, bool) {
	if key == "" || c.record == nil || c.record.Key != key || len(c.old) == 0 {
		return nil, nil, false
	}
	names := make([]string, 0, len(c.old))
	for name := range c.old {
		names = append(names, name)
	}
	sort.Strings(names)
	files := make([]generator.File, len(names))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range names {
		g.Go(func() error {
			content, ok := c.reuse(name, c.old[name].rendered)
			if !ok {
				return errStale
			}
			files[i] = generator.File{Name: name, Content: content}
			return nil
		})
	}
	if g.Wait() != nil {
		return nil, nil, false
	}
	return files, c.record, true
}

var errStale = errors.New("a generated file is not as recorded")
