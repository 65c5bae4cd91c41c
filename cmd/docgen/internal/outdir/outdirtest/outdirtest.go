// Package outdirtest helps test code that writes with outdir: a file system
// that fails, crashes or kills the process at a chosen operation, and
// snapshots of folders to tell whether anything in them changed.
package outdirtest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/docgen-dev/docgen/cmd/docgen/internal/outdir"
)

// Mode is what happens at operation At.
type Mode int

const (
	// Fail makes operation At fail with ENOSPC; the rest succeed.
	Fail Mode = iota
	// Crash makes operation At and every one after it fail, as if the
	// process had died there: nothing it does afterwards reaches the disk.
	Crash
	// Kill kills the process at operation At.
	Kill
)

// FS is outdir.OS with a fault at its At-th operation (from 1; 0 means
// none). A failing or killed WriteFile first writes half its data, as a
// full disk or a kill part way through would.
type FS struct {
	At   int
	Mode Mode
	// Reads counts reading operations too; otherwise only those that
	// change something are counted.
	Reads bool
	// NoSync counts SyncDir and WriteFile as usual but syncs nothing to
	// the disk, for tests of what a stopped or failing process leaves,
	// which syncing does not change, and that would otherwise spend most
	// of their time waiting for the disk.
	NoSync bool
	// UncountedSyncs leaves SyncDir out of the count, so that it is never
	// operation At: stopping a process at a sync leaves what stopping it
	// after the operation before does, so a test that stops a write at
	// each operation in turn need not stop it at the syncs too.
	UncountedSyncs bool

	mu sync.Mutex
	n  int
}

// Ops is the number of operations counted so far.
func (f *FS) Ops() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// fault counts an operation and says whether it fails. At operation At it
// first calls partial, if any, to leave what a failure part way through
// would, and in Kill mode it kills the process.
func (f *FS) fault(op, name string, read bool, partial func()) error {
	f.mu.Lock()
	if !read || f.Reads {
		f.n++
	}
	n := f.n
	f.mu.Unlock()
	fail := &fs.PathError{Op: op, Path: name, Err: syscall.ENOSPC}
	switch {
	case f.At == 0 || n < f.At:
		return nil
	case n > f.At || (read && !f.Reads):
		if f.Mode == Crash {
			return fail
		}
		return nil
	}
	if partial != nil {
		partial()
	}
	if f.Mode == Kill {
		p, err := os.FindProcess(os.Getpid())
		if err == nil {
			err = p.Kill()
		}
		if err == nil {
			select {} // the signal is on its way
		}
		return fmt.Errorf("outdirtest: could not kill the process at %s %s: %v", op, name, err)
	}
	return fail
}

var real outdir.OS

func (f *FS) ReadDir(dir string) ([]fs.DirEntry, error) {
	if err := f.fault("readdir", dir, true, nil); err != nil {
		return nil, err
	}
	return real.ReadDir(dir)
}

func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	if err := f.fault("lstat", name, true, nil); err != nil {
		return nil, err
	}
	return real.Lstat(name)
}

func (f *FS) ReadFile(name string) ([]byte, error) {
	if err := f.fault("read", name, true, nil); err != nil {
		return nil, err
	}
	return real.ReadFile(name)
}

func (f *FS) MkdirAll(dir string) error {
	if err := f.fault("mkdir", dir, false, nil); err != nil {
		return err
	}
	return real.MkdirAll(dir)
}

func (f *FS) Mkdir(dir string) error {
	if err := f.fault("mkdir", dir, false, nil); err != nil {
		return err
	}
	return real.Mkdir(dir)
}

func (f *FS) WriteFile(name string, data []byte) error {
	half := func() { real.WriteFile(name, data[:len(data)/2]) }
	if err := f.fault("write", name, false, half); err != nil {
		return err
	}
	if f.NoSync {
		return writeNoSync(name, data)
	}
	return real.WriteFile(name, data)
}

func (f *FS) Rename(oldpath, newpath string) error {
	if err := f.fault("rename", oldpath, false, nil); err != nil {
		return err
	}
	return real.Rename(oldpath, newpath)
}

func (f *FS) Remove(name string) error {
	if err := f.fault("remove", name, false, nil); err != nil {
		return err
	}
	return real.Remove(name)
}

func (f *FS) SyncDir(dir string) error {
	if err := f.fault("sync", dir, f.UncountedSyncs, nil); err != nil {
		return err
	}
	if f.NoSync {
		return nil
	}
	return real.SyncDir(dir)
}

// writeNoSync is outdir.OS's WriteFile without the sync.
func writeNoSync(name string, data []byte) error {
	file, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := file.Write(data)
	if cerr := file.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// Snapshot maps each path below dir to its content: a file's bytes, a
// link's target after "-> ", "/" for a folder. Missing dir gives nil.
func Snapshot(dir string) (map[string]string, error) {
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			snap[rel] = "-> " + target
			return err
		case d.IsDir():
			snap[rel] = "/"
		default:
			b, err := os.ReadFile(p)
			snap[rel] = string(b)
			return err
		}
		return nil
	})
	if os.IsNotExist(err) && len(snap) == 0 {
		return nil, nil
	}
	return snap, err
}

// Diff describes how two snapshots differ, "" if they do not.
func Diff(before, after map[string]string) string {
	var lines []string
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			lines = append(lines, p+" is gone")
		case a != b:
			lines = append(lines, p+" changed")
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			lines = append(lines, p+" appeared")
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "; ")
}

// Without returns snap without dir and what is below it.
func Without(snap map[string]string, dir string) map[string]string {
	out := map[string]string{}
	for p, c := range snap {
		if p != dir && !strings.HasPrefix(p, dir+"/") {
			out[p] = c
		}
	}
	return out
}
