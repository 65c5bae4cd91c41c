// Package outdir brings a folder of generated files up to date with a
// generator's output, without leaving it half written and without touching
// anything in it the generator did not write.
//
// What is whose. A file in the folder is generated ("ours") when it is a
// regular file with a name the writer would accept (see checkName) whose
// first line starts with Dir.Header. Everything else — other files,
// symbolic links, folders — is someone else's: it is never opened for
// writing, renamed or removed, and a run that would have to replace it
// fails before changing anything. New names must be plain Go file names, so
// no name reaches outside the folder; files are only created inside a
// folder the run has just made, and existing entries are only renamed or
// removed, never written through, so no write follows a symbolic link.
//
// How a run switches the generated set. Every new or changed file is
// written and synced under .docgen-swap/new, in the output folder (so on
// its file system, and hidden from the go command by the leading dot).
// Then .docgen-swap/journal, listing every change, is written, synced and
// renamed into place; only from then on does the run change the folder.
// Each change is a rename: a replaced or stale file moves to
// .docgen-swap/old, a new one moves in from .docgen-swap/new. When all are
// done and synced, the journal is removed — the moment the new set is in
// place — and the rest of .docgen-swap after it.
//
// The guarantee. At every instant, unless .docgen-swap/journal exists, the
// generated files in the folder are byte for byte either the previous set
// or the new one; with fsync honoured, the same holds after a power cut.
// While the journal exists the two may be mixed, and the journal with
// .docgen-swap/old is enough to put the previous set back:
//
//   - A run that fails — a write or rename error, a full disk — puts the
//     previous set back before it returns the error. Only if that fails too
//     does the journal stay.
//   - A run that is killed while switching leaves the journal. Plan then
//     reports Interrupted, and Recover (which Write calls first) puts the
//     previous set back. Recover can itself be stopped and run again.
//
// A .docgen-swap without a journal holds nothing the folder needs and is
// removed. Two runs on one folder at the same time are not supported.
package outdir

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// File is one generated file.
type File struct {
	Name    string // a plain file name, directly in the folder
	Content []byte
}

// Op is what a run does to one file.
type Op int

const (
	Create Op = iota + 1
	Replace
	Remove
)

var opNames = map[Op]string{Create: "create", Replace: "replace", Remove: "remove"}

func (o Op) String() string { return opNames[o] }

// Change is one file a run creates, replaces or removes.
type Change struct {
	Name string
	Op   Op
}

// Plan is how the folder differs from the generated files.
type Plan struct {
	Changes   []Change // by name
	Unchanged int
	// Old holds what the folder had of each file replaced or removed, so
	// that a caller can show the change without reading the file again.
	Old map[string][]byte
	// Interrupted says that a run was stopped while switching files: the
	// generated set may be mixed until Recover puts the previous one back.
	Interrupted bool
}

// Dir is an output folder.
type Dir struct {
	Path string
	// Header starts the first line of every generated file.
	Header string
	FS     FS // nil means OS
	// Progress, unless nil, is called after each new file is written,
	// with the count so far and the count to write, from several
	// goroutines at once.
	Progress func(written, total int)
}

const (
	swapName    = ".docgen-swap"
	journalName = "journal"
	newName     = "new"
	oldName     = "old"
)

func (d Dir) fsys() FS {
	if d.FS == nil {
		return OS{}
	}
	return d.FS
}

func (d Dir) swap(parts ...string) string {
	return filepath.Join(append([]string{d.Path, swapName}, parts...)...)
}

func (d Dir) file(name string) string { return filepath.Join(d.Path, name) }

// Plan compares the folder with files. It changes nothing, and fails on
// what Write would refuse.
func (d Dir) Plan(files []File) (*Plan, error) {
	p, err := d.plan(files)
	if err != nil {
		return nil, err
	}
	_, p.Interrupted, err = d.leftover()
	if err != nil {
		return nil, err
	}
	return p, nil
}

// leftover says whether an earlier run left .docgen-swap, and whether with
// its journal.
func (d Dir) leftover() (swap, journal bool, err error) {
	fsys := d.fsys()
	info, err := fsys.Lstat(d.swap())
	if errors.Is(err, fs.ErrNotExist) {
		return false, false, nil
	}
	if err != nil {
		return false, false, err
	}
	if !info.IsDir() {
		return false, false, fmt.Errorf("%s is a %s, not the folder docgen makes there; remove it", d.swap(), kind(info.Mode()))
	}
	_, err = fsys.Lstat(d.swap(journalName))
	if errors.Is(err, fs.ErrNotExist) {
		return true, false, nil
	}
	return true, err == nil, err
}

func (d Dir) plan(files []File) (*Plan, error) {
	fsys := d.fsys()
	byName := map[string]bool{}
	byFold := map[string]string{}
	for _, f := range files {
		if err := checkName(f.Name); err != nil {
			return nil, err
		}
		if prev, ok := byFold[strings.ToLower(f.Name)]; ok {
			return nil, fmt.Errorf("refusing to write both %s and %s: the names differ at most in case", prev, f.Name)
		}
		if !bytes.HasPrefix(f.Content, []byte(d.Header)) {
			return nil, fmt.Errorf("refusing to write %s: it does not start with %q, so no later run could replace or remove it", f.Name, d.Header)
		}
		byName[f.Name] = true
		byFold[strings.ToLower(f.Name)] = f.Name
	}
	entries, err := fsys.ReadDir(d.Path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	present := map[string]fs.DirEntry{}
	current := map[string][]byte{} // our files' content
	for _, e := range entries {
		present[e.Name()] = e
		if other, ok := byFold[strings.ToLower(e.Name())]; ok && other != e.Name() {
			// On a case-insensitive file system the two are one file.
			return nil, fmt.Errorf("refusing to write %s: %s is in the folder, and the names differ only in case", other, e.Name())
		}
		if !e.Type().IsRegular() || checkName(e.Name()) != nil {
			continue
		}
		content, err := fsys.ReadFile(d.file(e.Name()))
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(content, []byte(d.Header)) {
			current[e.Name()] = content
		}
	}
	p := &Plan{Old: map[string][]byte{}}
	for _, f := range files {
		e, exists := present[f.Name]
		old, ours := current[f.Name]
		switch {
		case !exists:
			p.Changes = append(p.Changes, Change{f.Name, Create})
		case !e.Type().IsRegular():
			return nil, fmt.Errorf("refusing to replace %s: it is a %s, not a file docgen generated", f.Name, kind(e.Type()))
		case !ours:
			return nil, fmt.Errorf("refusing to overwrite %s: it was not generated by docgen (no %q header)", f.Name, d.Header)
		case bytes.Equal(old, f.Content):
			p.Unchanged++
		default:
			p.Changes = append(p.Changes, Change{f.Name, Replace})
			p.Old[f.Name] = old
		}
	}
	for name := range current {
		if !byName[name] {
			p.Changes = append(p.Changes, Change{name, Remove})
			p.Old[name] = current[name]
		}
	}
	sort.Slice(p.Changes, func(i, j int) bool { return p.Changes[i].Name < p.Changes[j].Name })
	return p, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m.IsDir():
		return "folder"
	}
	return "special file"
}

// checkName accepts only a plain Go file name: no separator, no "..", no
// volume, no control character, nothing the go command would ignore (a
// leading "." or "_"), which also keeps the name apart from .docgen-swap.
func checkName(name string) error {
	bad := func(why string) error {
		return fmt.Errorf("refusing to write %q: %s", name, why)
	}
	if !utf8.ValidString(name) {
		return bad("not UTF-8")
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.') {
			return bad(fmt.Sprintf("a file name may hold letters, digits, '_', '-' and '.', not %q", r))
		}
	}
	switch {
	case !strings.HasSuffix(name, ".go") || len(name) == len(".go"):
		return bad("not a .go file name")
	case name[0] == '.' || name[0] == '_':
		return bad("the go command ignores a file whose name starts with '.' or '_'")
	case strings.Contains(name, ".."):
		return bad(`contains ".."`)
	case !filepath.IsLocal(name) || filepath.Base(name) != name:
		return bad("not a plain file name")
	}
	return nil
}

// Write brings the folder up to date with files, as the package comment
// describes; unchanged files are not touched, so build caches stay warm.
// It returns what it did; on an error the previous generated set is in
// place, or, if putting it back failed, the journal is left for Recover.
func (d Dir) Write(files []File) (*Plan, error) {
	if _, err := d.Recover(); err != nil {
		return nil, err
	}
	p, err := d.plan(files)
	if err != nil || len(p.Changes) == 0 {
		return p, err
	}
	fsys := d.fsys()
	_, statErr := fsys.Lstat(d.Path)
	made := errors.Is(statErr, fs.ErrNotExist)
	if err := fsys.MkdirAll(d.Path); err != nil {
		return nil, err
	}
	// Best effort, after a failure: a folder this run made is removed if
	// nothing else is in it.
	unmake := func() {
		if made {
			fsys.Remove(d.Path)
		}
	}
	if err := d.stage(p, files); err != nil {
		d.removeAll(d.swap())
		unmake()
		return nil, err
	}
	if err := d.apply(p); err != nil {
		if rerr := d.rollback(); rerr != nil {
			return nil, fmt.Errorf("%v; putting the previous files back failed too (%v), so the next docgen run will", err, rerr)
		}
		d.removeAll(d.swap())
		unmake()
		return nil, err
	}
	// What is left is old files and empty folders; should removing them
	// fail, the next run does it.
	d.removeAll(d.swap())
	return p, nil
}

// stage writes the new files and the journal; it leaves the generated set
// alone.
func (d Dir) stage(p *Plan, files []File) error {
	fsys := d.fsys()
	for _, dir := range []string{d.swap(), d.swap(newName), d.swap(oldName)} {
		if err := fsys.Mkdir(dir); err != nil {
			return err
		}
	}
	content := map[string][]byte{}
	for _, f := range files {
		content[f.Name] = f.Content
	}
	// Syncing each file is most of the cost of a full rewrite; the kernel
	// overlaps concurrent syncs, so a few run at once.
	total := 0
	for _, c := range p.Changes {
		if c.Op != Remove {
			total++
		}
	}
	var written atomic.Int64
	var g errgroup.Group
	g.SetLimit(8)
	for _, c := range p.Changes {
		if c.Op != Remove {
			g.Go(func() error {
				if err := fsys.WriteFile(d.swap(newName, c.Name), content[c.Name]); err != nil {
					return err
				}
				if d.Progress != nil {
					d.Progress(int(written.Add(1)), total)
				}
				return nil
			})
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := fsys.SyncDir(d.swap(newName)); err != nil {
		return err
	}
	tmp := d.swap(journalName + ".tmp")
	if err := fsys.WriteFile(tmp, encodeJournal(p.Changes)); err != nil {
		return err
	}
	if err := fsys.Rename(tmp, d.swap(journalName)); err != nil {
		return err
	}
	if err := fsys.SyncDir(d.swap()); err != nil {
		return err
	}
	return fsys.SyncDir(d.Path)
}

// apply switches the files; the journal exists throughout.
func (d Dir) apply(p *Plan) error {
	fsys := d.fsys()
	for _, c := range p.Changes {
		if c.Op != Create {
			if err := fsys.Rename(d.file(c.Name), d.swap(oldName, c.Name)); err != nil {
				return err
			}
		}
		if c.Op != Remove {
			if err := fsys.Rename(d.swap(newName, c.Name), d.file(c.Name)); err != nil {
				return err
			}
		}
	}
	for _, dir := range []string{d.Path, d.swap(oldName)} {
		if err := fsys.SyncDir(dir); err != nil {
			return err
		}
	}
	return fsys.Remove(d.swap(journalName))
}

// rollback puts back the previous generated set from the journal and
// .docgen-swap/old, then removes the journal. Each step looks at what is
// there, so it can be repeated after being stopped at any point.
func (d Dir) rollback() error {
	fsys := d.fsys()
	data, err := fsys.ReadFile(d.swap(journalName))
	if err != nil {
		return err
	}
	changes, err := parseJournal(data)
	if err != nil {
		return fmt.Errorf("%s: %v", d.swap(journalName), err)
	}
	for i := len(changes) - 1; i >= 0; i-- {
		c := changes[i]
		old := d.swap(oldName, c.Name)
		info, err := fsys.Lstat(old)
		switch {
		case err == nil && !info.Mode().IsRegular():
			return fmt.Errorf("%s is not a file docgen put there", old)
		case err == nil:
			// The old file had been moved aside; this also replaces the
			// new one if it had been moved in.
			if err := fsys.Rename(old, d.file(c.Name)); err != nil {
				return err
			}
			continue
		case !errors.Is(err, fs.ErrNotExist):
			return err
		}
		// No old file aside: a replaced or removed file is untouched. A
		// created one is in the folder if it is gone from new.
		if c.Op != Create {
			continue
		}
		if _, err := fsys.Lstat(d.swap(newName, c.Name)); !errors.Is(err, fs.ErrNotExist) {
			if err != nil {
				return err
			}
			continue
		}
		if err := d.removeOurs(c.Name); err != nil {
			return err
		}
	}
	if err := fsys.SyncDir(d.Path); err != nil {
		return err
	}
	return fsys.Remove(d.swap(journalName))
}

// removeOurs removes name if it is a generated file.
func (d Dir) removeOurs(name string) error {
	fsys := d.fsys()
	info, err := fsys.Lstat(d.file(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return nil
	}
	content, err := fsys.ReadFile(d.file(name))
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(content, []byte(d.Header)) {
		return nil
	}
	return fsys.Remove(d.file(name))
}

// Recover finishes with what an earlier run left in .docgen-swap: it puts
// the previous generated set back if that run was stopped while switching
// files (and then says true), and removes the folder.
func (d Dir) Recover() (bool, error) {
	swap, journal, err := d.leftover()
	if err != nil || !swap {
		return false, err
	}
	if journal {
		if err := d.rollback(); err != nil {
			return false, fmt.Errorf("putting back the files an interrupted run replaced: %v", err)
		}
	}
	if err := d.removeAll(d.swap()); err != nil {
		return journal, fmt.Errorf("removing what an earlier run left: %v", err)
	}
	return journal, nil
}

// removeAll removes path and, if it is a folder, everything in it, never
// following a symbolic link.
func (d Dir) removeAll(path string) error {
	fsys := d.fsys()
	info, err := fsys.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.IsDir() {
		entries, err := fsys.ReadDir(path)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := d.removeAll(filepath.Join(path, e.Name())); err != nil {
				return err
			}
		}
	}
	return fsys.Remove(path)
}
