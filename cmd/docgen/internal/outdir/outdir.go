// Package outdir brings a folder of generated files up to date with a
// generator's output, without leaving it half written and without touching
// anything in it the generator did not write.
//
// Names. A generated file's name is a slash-separated path relative to the
// folder: "doc.go", "internal/core/event.go". Each folder on the way is a
// name the go command builds as a package (letters, digits, '_' and '-',
// not starting with '_', not testdata or vendor), at most MaxDepth of them,
// and the last element a plain Go file name (see checkName). So no name
// reaches outside the folder or into .docgen-swap. Names equal but for case,
// of files or of folders, are refused, new against new and new against what
// is in the folder, as a case-insensitive file system would make them one.
//
// What is whose. A file in the folder, or in a subfolder of it down to
// MaxDepth, is generated ("ours") when it is a regular file with a name the
// writer would accept whose first line starts with Dir.Header, and each
// folder on the way to it is a folder, not a symbolic link to one. Plan
// reads every such subfolder, also those the new set has no file in, so
// that the files of an area that disappeared are removed as stale.
// Everything else — other files, symbolic links, folders with other names
// and what is in them — is someone else's: it is never opened for writing,
// renamed or removed, and a run that would have to replace it, or go
// through it (a link or a file where a new file's folder goes), fails
// before changing anything. Files are only created inside a folder the run
// has just made, existing entries are only renamed or removed, never
// written through, and every folder on the way to a change is checked
// again just before the switch, so no write follows a symbolic link.
//
// A subfolder of the output folder that is another generator's output with
// the same header would be taken for ours: keep such folders elsewhere.
//
// Folders. The subfolders new files need and that are missing are made
// while switching (below), and are journaled, so that a rollback removes
// them again. A subfolder the previous set had files in and the new one
// has none in is removed after the switch if nothing is left in it; one
// that holds anything else stays, with it. The output folder itself is
// never removed, except by a first run that made it and then failed.
//
// How a run switches the generated set. Every new or changed file is
// written and synced under .docgen-swap/new/<name>, in the output folder
// (so on its file system, and hidden from the go command by the leading
// dot). Then .docgen-swap/journal, listing every step, is written, synced
// and renamed into place; only from then on does the run change the
// folder. The steps: the missing subfolders are made; each change is a
// rename, a replaced or stale file moving to .docgen-swap/old/<name>, a new
// one moving in from .docgen-swap/new/<name>; when all are synced, emptied
// subfolders are removed. Then the journal is removed — the moment the new
// set is in place — and the rest of .docgen-swap after it.
//
// The guarantee. At every instant, unless .docgen-swap/journal exists, the
// generated files in the folder are byte for byte either the previous set
// or the new one, and its subfolders those of the previous or the new; with
// fsync honoured, the same holds after a power cut. While the journal
// exists the two may be mixed, and the journal with .docgen-swap/old is
// enough to put the previous set back (the removed subfolders made again,
// the old files moved back, the made subfolders removed if empty):
//
//   - A run that fails — a write or rename error, a full disk — puts the
//     previous set back before it returns the error. Only if that fails too
//     does the journal stay.
//   - A run that is killed while switching leaves the journal. Plan then
//     reports Interrupted, and Recover (which Write calls first) puts the
//     previous set back. Recover can itself be stopped and run again. It
//     refuses to move a file back through a folder that has become a
//     symbolic link meanwhile.
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
	Name    string // a slash-separated path relative to the folder; see the package comment
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
	Name string // as File.Name
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
	full := []string{d.Path, swapName}
	for _, p := range parts {
		full = append(full, filepath.FromSlash(p))
	}
	return filepath.Join(full...)
}

// file is the path of name, a slash-separated path relative to the
// folder ("" is the folder itself).
func (d Dir) file(name string) string { return filepath.Join(d.Path, filepath.FromSlash(name)) }

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
	byName := map[string]bool{}
	// byFold maps each new file and folder, in lower case, to its name:
	// on a case-insensitive file system names equal in lower case are one.
	byFold := map[string]string{}
	for _, f := range files {
		if err := checkName(f.Name); err != nil {
			return nil, err
		}
		for _, p := range append(folders(f.Name), f.Name) {
			if prev, ok := byFold[strings.ToLower(p)]; ok && prev != p {
				return nil, fmt.Errorf("refusing to write both %s and %s: the names differ at most in case", prev, f.Name)
			}
			byFold[strings.ToLower(p)] = p
		}
		if byName[f.Name] {
			return nil, fmt.Errorf("refusing to write %s twice", f.Name)
		}
		if !bytes.HasPrefix(f.Content, []byte(d.Header)) {
			return nil, fmt.Errorf("refusing to write %s: it does not start with %q, so no later run could replace or remove it", f.Name, d.Header)
		}
		byName[f.Name] = true
	}
	present, current, err := d.scan(byFold)
	if err != nil {
		return nil, err
	}
	p := &Plan{Old: map[string][]byte{}}
	for _, f := range files {
		for _, dir := range folders(f.Name) {
			if m, ok := present[dir]; ok && !m.IsDir() {
				return nil, fmt.Errorf("refusing to write %s: %s is a %s, not a folder, and docgen neither follows nor replaces it", f.Name, dir, kind(m))
			}
		}
		m, exists := present[f.Name]
		old, ours := current[f.Name]
		switch {
		case !exists:
			p.Changes = append(p.Changes, Change{f.Name, Create})
		case !m.IsRegular():
			return nil, fmt.Errorf("refusing to replace %s: it is a %s, not a file docgen generated", f.Name, kind(m))
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

// scan reads the folder and, recursively, each subfolder that is a folder
// (not a link to one) with a name a generated file's path may hold, down
// to MaxDepth. It returns the type of every entry it saw and the content
// of the generated files among them, by slash-separated path, and refuses
// an entry whose name differs only in case from a new file's or folder's.
func (d Dir) scan(byFold map[string]string) (map[string]fs.FileMode, map[string][]byte, error) {
	fsys := d.fsys()
	present := map[string]fs.FileMode{}
	current := map[string][]byte{} // our files' content
	var walk func(rel string, depth int) error
	walk = func(rel string, depth int) error {
		entries, err := fsys.ReadDir(d.file(rel))
		if rel == "" && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := e.Name()
			if rel != "" {
				name = rel + "/" + name
			}
			present[name] = e.Type()
			if other, ok := byFold[strings.ToLower(name)]; ok && other != name {
				// On a case-insensitive file system the two are one.
				return fmt.Errorf("refusing to write %s: %s is in the folder, and the names differ only in case", other, name)
			}
			switch {
			case e.Type().IsRegular() && checkName(name) == nil:
				content, err := fsys.ReadFile(d.file(name))
				if err != nil {
					return err
				}
				if bytes.HasPrefix(content, []byte(d.Header)) {
					current[name] = content
				}
			case e.Type().IsDir() && depth < MaxDepth && checkFolderElem(e.Name()) == "":
				if err := walk(name, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk("", 0); err != nil {
		return nil, nil, err
	}
	return present, current, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m.IsDir():
		return "folder"
	case m.IsRegular():
		return "file"
	}
	return "special file"
}

// MaxDepth is how many folders deep below the output folder a generated
// file may be: "a/b/c/d/x.go" is as deep as a name goes.
const MaxDepth = 4

// checkName accepts a slash-separated path relative to the folder: at most
// MaxDepth folder names (see checkFolderElem), then a plain Go file name
// (see checkFileElem). No element is empty, "." or "..", and nothing can be
// a volume or a backslash, so no name reaches outside the folder.
func checkName(name string) error {
	bad := func(why string) error {
		return fmt.Errorf("refusing to write %q: %s", name, why)
	}
	if !utf8.ValidString(name) {
		return bad("not UTF-8")
	}
	elems := strings.Split(name, "/")
	if len(elems)-1 > MaxDepth {
		return bad(fmt.Sprintf("more than %d folders deep", MaxDepth))
	}
	for _, e := range elems[:len(elems)-1] {
		if why := checkFolderElem(e); why != "" {
			return bad(why)
		}
	}
	if why := checkFileElem(elems[len(elems)-1]); why != "" {
		return bad(why)
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return bad("not a path inside the folder")
	}
	return nil
}

// checkFolder accepts a folder path as a name's folders: one to MaxDepth
// folder names joined by '/'.
func checkFolder(dir string) error {
	elems := strings.Split(dir, "/")
	if !utf8.ValidString(dir) || len(elems) > MaxDepth {
		return fmt.Errorf("%q is not a folder docgen makes", dir)
	}
	for _, e := range elems {
		if why := checkFolderElem(e); why != "" {
			return fmt.Errorf("%q is not a folder docgen makes: %s", dir, why)
		}
	}
	return nil
}

// checkFileElem accepts only a plain Go file name: no separator, no "..",
// no volume, no control character, nothing the go command would ignore (a
// leading "." or "_"), which also keeps the name apart from .docgen-swap.
// It says what is wrong, or "".
func checkFileElem(name string) string {
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.') {
			return fmt.Sprintf("a file name may hold letters, digits, '_', '-' and '.', not %q", r)
		}
	}
	switch {
	case !strings.HasSuffix(name, ".go") || len(name) == len(".go"):
		return "not a .go file name"
	case name[0] == '.' || name[0] == '_':
		return "the go command ignores a file whose name starts with '.' or '_'"
	case strings.Contains(name, ".."):
		return `contains ".."`
	case !filepath.IsLocal(name) || filepath.Base(name) != name:
		return "not a plain file name"
	}
	return ""
}

// checkFolderElem accepts a folder name the go command builds as a
// package: letters, digits, '_' and '-', not starting with '_', and not
// testdata or vendor (in any case, for case-insensitive file systems). No
// '.' means no "..", no ".docgen-swap", nothing hidden. It says what is
// wrong, or "".
func checkFolderElem(name string) string {
	if name == "" {
		return "an empty folder name"
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return fmt.Sprintf("a folder name may hold letters, digits, '_' and '-', not %q", r)
		}
	}
	switch lower := strings.ToLower(name); {
	case name[0] == '_':
		return "the go command ignores a folder whose name starts with '.' or '_'"
	case lower == "testdata" || lower == "vendor":
		return fmt.Sprintf("the go command does not build a folder named %s as a package", name)
	}
	return ""
}

// folders returns the folders of name, outermost first: "a", "a/b" for
// "a/b/x.go".
func folders(name string) []string {
	var dirs []string
	for i := range len(name) {
		if name[i] == '/' {
			dirs = append(dirs, name[:i])
		}
	}
	return dirs
}

// parent is the folder holding name, "" for the output folder.
func parent(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i]
	}
	return ""
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
	j, err := d.journalFor(p)
	if err != nil {
		return nil, err
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
	if err := d.stage(p, j, files); err != nil {
		d.removeAll(d.swap())
		unmake()
		return nil, err
	}
	if err := d.apply(j); err != nil {
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

// journalFor is the journal of p: its changes, the subfolders to make
// before them (those new files need that are not there) and those to
// remove after them if nothing is left in them then (those stale files
// were in that no new file needs). It looks again, just before the
// switch, that each folder on the way to a change is a folder, not a
// symbolic link or anything else.
func (d Dir) journalFor(p *Plan) (*journal, error) {
	fsys := d.fsys()
	exists := map[string]bool{}
	needed := map[string]bool{}
	for _, c := range p.Changes {
		for _, dir := range folders(c.Name) {
			if c.Op != Remove {
				needed[dir] = true
			}
			if _, seen := exists[dir]; seen {
				continue
			}
			info, err := fsys.Lstat(d.file(dir))
			switch {
			case errors.Is(err, fs.ErrNotExist):
				exists[dir] = false
			case err != nil:
				return nil, err
			case !info.IsDir():
				return nil, fmt.Errorf("refusing to write %s: %s is a %s, not a folder, and docgen neither follows nor replaces it", c.Name, dir, kind(info.Mode()))
			default:
				exists[dir] = true
			}
		}
	}
	j := &journal{changes: p.Changes}
	for dir, ok := range exists {
		switch {
		case !ok && needed[dir]:
			j.mkdirs = append(j.mkdirs, dir)
		case ok && !needed[dir]:
			j.rmdirs = append(j.rmdirs, dir)
		}
	}
	j.sortFolders()
	return j, nil
}

// stage writes the new files and the journal; it leaves the generated set
// alone.
func (d Dir) stage(p *Plan, j *journal, files []File) error {
	fsys := d.fsys()
	for _, dir := range []string{d.swap(), d.swap(newName), d.swap(oldName)} {
		if err := fsys.Mkdir(dir); err != nil {
			return err
		}
	}
	// The subfolders of new and old that the changes need, parents first;
	// .docgen-swap is this run's, so nothing in it is a link.
	var made []string // relative to .docgen-swap
	seen := map[string]bool{}
	for _, c := range p.Changes {
		var sides []string
		if c.Op != Remove {
			sides = append(sides, newName)
		}
		if c.Op != Create {
			sides = append(sides, oldName)
		}
		for _, side := range sides {
			for _, dir := range folders(c.Name) {
				rel := side + "/" + dir
				if seen[rel] {
					continue
				}
				seen[rel] = true
				if err := fsys.Mkdir(d.swap(rel)); err != nil {
					return err
				}
				made = append(made, rel)
			}
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
	// Every folder that got entries, deepest first: the new files, and the
	// subfolders of old that files are moved into.
	sort.Sort(sort.Reverse(sort.StringSlice(made)))
	for _, rel := range append(made, newName, oldName) {
		if err := fsys.SyncDir(d.swap(rel)); err != nil {
			return err
		}
	}
	tmp := d.swap(journalName + ".tmp")
	if err := fsys.WriteFile(tmp, encodeJournal(j)); err != nil {
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
func (d Dir) apply(j *journal) error {
	fsys := d.fsys()
	touched := map[string]bool{"": true} // folders whose entries change
	old := map[string]bool{}             // the same in .docgen-swap/old
	for _, dir := range j.mkdirs {
		if err := fsys.Mkdir(d.file(dir)); err != nil {
			return err
		}
		touched[parent(dir)] = true
	}
	for _, c := range j.changes {
		touched[parent(c.Name)] = true
		if c.Op != Create {
			if err := fsys.Rename(d.file(c.Name), d.swap(oldName, c.Name)); err != nil {
				return err
			}
			old[parent(c.Name)] = true
		}
		if c.Op != Remove {
			if err := fsys.Rename(d.swap(newName, c.Name), d.file(c.Name)); err != nil {
				return err
			}
		}
	}
	for _, dir := range sortedKeys(touched) {
		if err := fsys.SyncDir(d.file(dir)); err != nil {
			return err
		}
	}
	for _, dir := range sortedKeys(old) {
		if err := fsys.SyncDir(d.swap(oldName, dir)); err != nil {
			return err
		}
	}
	// Folders that only held stale files go, deepest first; one that
	// holds anything else stays.
	removed := map[string]bool{}
	for _, dir := range j.rmdirs {
		empty, err := d.emptyFolder(dir)
		if err != nil {
			return err
		}
		if !empty {
			continue
		}
		if err := fsys.Remove(d.file(dir)); err != nil {
			return err
		}
		removed[dir] = true
	}
	synced := map[string]bool{}
	for _, dir := range j.rmdirs {
		if up := parent(dir); removed[dir] && !removed[up] && !synced[up] {
			synced[up] = true
			if err := fsys.SyncDir(d.file(up)); err != nil {
				return err
			}
		}
	}
	return fsys.Remove(d.swap(journalName))
}

// emptyFolder says whether dir is a folder with nothing in it.
func (d Dir) emptyFolder(dir string) (bool, error) {
	fsys := d.fsys()
	info, err := fsys.Lstat(d.file(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil || !info.IsDir() {
		return false, err
	}
	entries, err := fsys.ReadDir(d.file(dir))
	return err == nil && len(entries) == 0, err
}

// checkFolders makes sure that each folder on the way to name is a
// folder, not a symbolic link, so that a rename to name stays inside.
func (d Dir) checkFolders(name string) error {
	for _, dir := range folders(name) {
		info, err := d.fsys().Lstat(d.file(dir))
		if err != nil {
			return err
		}
		if !info.IsDir() {
			return fmt.Errorf("%s is a %s, not the folder docgen wrote into", d.file(dir), kind(info.Mode()))
		}
	}
	return nil
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
	j, err := parseJournal(data)
	if err != nil {
		return fmt.Errorf("%s: %v", d.swap(journalName), err)
	}
	// The folders removed after the switch come back first, parents
	// first, for the old files to go back into.
	for i := len(j.rmdirs) - 1; i >= 0; i-- {
		dir := j.rmdirs[i]
		if err := d.checkFolders(dir); err != nil {
			return err
		}
		info, err := fsys.Lstat(d.file(dir))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := fsys.Mkdir(d.file(dir)); err != nil {
				return err
			}
		case err != nil:
			return err
		case !info.IsDir():
			return fmt.Errorf("%s is a %s, not the folder docgen removed", d.file(dir), kind(info.Mode()))
		}
	}
	for i := len(j.changes) - 1; i >= 0; i-- {
		c := j.changes[i]
		old := d.swap(oldName, c.Name)
		info, err := fsys.Lstat(old)
		switch {
		case err == nil && !info.Mode().IsRegular():
			return fmt.Errorf("%s is not a file docgen put there", old)
		case err == nil:
			// The old file had been moved aside; this also replaces the
			// new one if it had been moved in.
			if err := d.checkFolders(c.Name); err != nil {
				return err
			}
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
	// The folders made for new files go, deepest first, if nothing is
	// left in them.
	for i := len(j.mkdirs) - 1; i >= 0; i-- {
		empty, err := d.emptyFolder(j.mkdirs[i])
		if err != nil {
			return err
		}
		if empty {
			if err := fsys.Remove(d.file(j.mkdirs[i])); err != nil {
				return err
			}
		}
	}
	touched := map[string]bool{"": true}
	for _, c := range j.changes {
		touched[parent(c.Name)] = true
	}
	for _, dir := range append(append([]string(nil), j.mkdirs...), j.rmdirs...) {
		touched[dir] = true
		touched[parent(dir)] = true
	}
	for _, dir := range sortedKeys(touched) {
		info, err := fsys.Lstat(d.file(dir))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if !info.IsDir() {
			continue
		}
		if err := fsys.SyncDir(d.file(dir)); err != nil {
			return err
		}
	}
	return fsys.Remove(d.swap(journalName))
}

// removeOurs removes name if it is a generated file in folders (not links
// to folders) of the output folder.
func (d Dir) removeOurs(name string) error {
	fsys := d.fsys()
	for _, dir := range folders(name) {
		info, err := fsys.Lstat(d.file(dir))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if !info.IsDir() {
			return nil // docgen never wrote there
		}
	}
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

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
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
