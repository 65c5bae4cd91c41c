package outdir

import (
	"io/fs"
	"os"
	"runtime"
)

// FS is every file system operation the writer performs, so that tests can
// make any one of them fail, or stop the process at it.
type FS interface {
	ReadDir(dir string) ([]fs.DirEntry, error)
	Lstat(name string) (fs.FileInfo, error)
	ReadFile(name string) ([]byte, error)
	// MkdirAll makes the output folder and its parents; inside it, folders
	// are made one at a time with Mkdir, after Lstat, so that none is made
	// through a symbolic link.
	MkdirAll(dir string) error
	// Mkdir fails if dir exists, as a symbolic link or otherwise.
	Mkdir(dir string) error
	// WriteFile creates name, failing if it exists, and writes and syncs
	// data.
	WriteFile(name string, data []byte) error
	Rename(oldpath, newpath string) error
	// Remove removes a file, a symbolic link (not what it points to) or
	// an empty folder, and fails on a folder with anything in it.
	Remove(name string) error
	// SyncDir makes the folder's entries (creations, renames, removals)
	// durable.
	SyncDir(dir string) error
}

// OS is the operating system's file system.
type OS struct{}

func (OS) ReadDir(dir string) ([]fs.DirEntry, error) { return os.ReadDir(dir) }
func (OS) Lstat(name string) (fs.FileInfo, error)    { return os.Lstat(name) }
func (OS) ReadFile(name string) ([]byte, error)      { return os.ReadFile(name) }
func (OS) MkdirAll(dir string) error                 { return os.MkdirAll(dir, 0o755) }
func (OS) Mkdir(dir string) error                    { return os.Mkdir(dir, 0o755) }
func (OS) Rename(oldpath, newpath string) error      { return os.Rename(oldpath, newpath) }
func (OS) Remove(name string) error                  { return os.Remove(name) }

func (OS) WriteFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	for _, err := range []error{werr, serr, cerr} {
		if err != nil {
			return err
		}
	}
	return nil
}

func (OS) SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // folders cannot be opened for syncing there; NTFS journals renames itself
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	serr := f.Sync()
	cerr := f.Close()
	if serr != nil {
		return serr
	}
	return cerr
}
