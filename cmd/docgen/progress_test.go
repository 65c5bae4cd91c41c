package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// clock is a fake time source that tests move by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// fakeProgress shows progress on w, as on a terminal, at c's time.
func fakeProgress(w io.Writer, c *clock) *progress {
	p := newProgress(w, true)
	p.now = c.now
	return p
}

// draws splits what progress wrote into its drawings.
func draws(s string) []string { return strings.Split(strings.TrimPrefix(s, "\r"), "\r") }

func TestProgressRedrawsInPlaceTenTimesASecondAtMost(t *testing.T) {
	var buf bytes.Buffer
	c := &clock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := fakeProgress(&buf, c)
	p.stage("parsing", "pages", 4)
	for range 3 {
		c.advance(40 * time.Millisecond)
		p.step() // at 40, 80 ms: too soon; at 120 ms: drawn
	}
	c.advance(80 * time.Millisecond)
	p.step() // 200 ms, 80 after the last drawing: not drawn
	p.stage("generating", "", 0)
	p.stage("writing", "files", 0)
	c.advance(500 * time.Millisecond)
	p.count(7, 10)
	c.advance(10 * time.Millisecond)
	p.count(6, 10) // late news from another goroutine, and too soon
	c.advance(100 * time.Millisecond)
	p.count(8, 10)
	p.clear()
	p.clear() // nothing left to clear

	want := []string{
		"docgen: parsing pages 0/4\x1b[K",
		"docgen: parsing pages 3/4 (25/s)\x1b[K",
		"docgen: generating\x1b[K",
		"docgen: writing files\x1b[K",
		"docgen: writing files 7/10 (14/s)\x1b[K",
		"docgen: writing files 8/10 (13/s)\x1b[K",
		"\x1b[K",
	}
	got := draws(buf.String())
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("progress wrote\n%q\nwant\n%q", got, want)
	}
	if strings.Contains(buf.String(), "\n") {
		t.Errorf("progress wrote a newline: %q", buf.String())
	}
}

func TestProgressWritesNothingButToATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, false)
	p.stage("parsing", "pages", 2)
	p.step()
	p.count(2, 2)
	p.clear()
	if buf.Len() > 0 {
		t.Errorf("a non-terminal got %q", buf.String())
	}
	var none *progress // what build uses when nothing is shown
	none.stage("parsing", "pages", 1)
	none.step()
	none.count(1, 1)
	none.clear()
}

// progressLine is one drawing of the progress line and the erasing that
// follows it, as a terminal shows them.
var progressLine = regexp.MustCompile("\r[^\r\n]*\x1b\\[K")

// TestRunShowsProgressOnlyOnATerminal runs docgen as if stderr were a
// terminal: it shows progress there, erased before anything else is
// printed, and changes neither stdout nor the files written. With -q, or
// on a non-terminal, stderr has no progress at all.
func TestRunShowsProgressOnlyOnATerminal(t *testing.T) {
	terminal := false
	saved := isTerminal
	isTerminal = func(io.Writer) bool { return terminal }
	t.Cleanup(func() { isTerminal = saved })

	// Each run writes a new package to the same folder, emptied before it:
	// the manifest's run record is keyed by --out among the rest, so the
	// runs' files can be compared byte for byte, the manifest's included.
	dir := t.TempDir()
	pkg := filepath.Join(dir, "pkg")
	runIn := func(args ...string) (stdout, stderr string, files map[string][]byte) {
		t.Helper()
		must(t, os.RemoveAll(pkg))
		var out, errs bytes.Buffer
		args = append([]string{"--out", pkg}, append(args, seeds)...)
		if code := run(args, &out, &errs); code != exitOK {
			t.Fatalf("docgen %q: exit %d\n%s", args, code, errs.String())
		}
		return strings.ReplaceAll(out.String(), dir, "DIR"), strings.ReplaceAll(errs.String(), dir, "DIR"), readDir(t, pkg)
	}
	plainOut, plain, plainFiles := runIn()
	terminal = true
	termOut, onTerm, termFiles := runIn()
	quietOut, quiet, quietFiles := runIn("-q")

	for _, want := range []string{"\rdocgen: reading docs\x1b[K", "\rdocgen: parsing pages 0/1\x1b[K", "\rdocgen: writing files\x1b[K"} {
		if !strings.Contains(onTerm, want) {
			t.Errorf("no %q on a terminal:\n%q", want, onTerm)
		}
	}
	if strings.ContainsAny(plain+quiet, "\r\x1b") {
		t.Errorf("progress on a non-terminal or under -q:\n%q\n%q", plain, quiet)
	}
	// A drawing is followed by the next one or by erasing, never by text.
	if bad := regexp.MustCompile("\r[^\r\n]+\x1b\\[K([^\r]|$)").FindString(onTerm); bad != "" {
		t.Errorf("progress line left on the screen: %q", bad)
	}
	if got := progressLine.ReplaceAllString(onTerm, ""); got != plain {
		t.Errorf("stderr without the progress lines differs from a non-terminal's:\n%q\nwant\n%q", got, plain)
	}
	// -q also leaves out the API changes, which go to stdout.
	if quiet != plain || termOut != plainOut || quietOut != "" {
		t.Errorf("stdout %q, on a terminal %q, with -q %q; stderr with -q %q", plainOut, termOut, quietOut, quiet)
	}
	if _, ok := plainFiles["internal/core/router.go"]; !ok {
		t.Fatalf("readDir does not see the files in subfolders: %d files", len(plainFiles))
	}
	for _, got := range []map[string][]byte{termFiles, quietFiles} {
		if len(got) != len(plainFiles) {
			t.Errorf("%d files written, want %d", len(got), len(plainFiles))
		}
		for name, content := range plainFiles {
			if !bytes.Equal(got[name], content) {
				t.Errorf("%s differs when progress is shown", name)
			}
		}
	}
}

// readDir reads every file below dir, keyed by its slash-separated path
// relative to dir: the generated package has subfolders.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
