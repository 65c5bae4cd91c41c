package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal; tests replace it to see the
// progress display.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// redrawEvery is the least time between two redraws of the progress line.
const redrawEvery = 100 * time.Millisecond

// progress shows a long run's advance on one line of stderr, rewritten in
// place at most ten times a second. It shows nothing unless told that its
// writer is a terminal: logs and pipes get only the diagnostics and the
// summary. Its methods are safe for concurrent use, and do nothing on a
// nil *progress.
type progress struct {
	w   io.Writer
	on  bool
	now func() time.Time

	mu          sync.Mutex
	verb, unit  string // "parsing", "pages"
	done, total int
	start       time.Time
	drawn       time.Time // of the last redraw
	shown       bool      // a line is on the screen
}

func newProgress(w io.Writer, isTerminal bool) *progress {
	return &progress{w: w, on: isTerminal, now: time.Now}
}

// stage shows a new stage at once: "parsing 3341 pages", then, as count
// reports, "parsing pages 1200/3341 (2400/s)". A total of 0 shows the verb
// alone, for a stage that is not counted.
func (p *progress) stage(verb, unit string, total int) {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.verb, p.unit, p.done, p.total = verb, unit, 0, total
	p.start = p.now()
	p.draw(p.start)
}

// count records that done of total items of the stage are finished.
func (p *progress) count(done, total int) {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if done > p.done { // calls from several goroutines may come out of order
		p.done = done
	}
	p.total = total
	p.redraw()
}

// step counts one more item done of the stage's total.
func (p *progress) step() {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.redraw()
}

// redraw draws the line if the last drawing is old enough.
func (p *progress) redraw() {
	if now := p.now(); now.Sub(p.drawn) >= redrawEvery {
		p.draw(now)
	}
}

// clear removes the line, so that what is printed next starts clean.
func (p *progress) clear() {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

func (p *progress) draw(now time.Time) {
	line := "docgen: " + p.verb
	switch {
	case p.total == 0 && p.unit != "":
		line += " " + p.unit
	case p.total > 0:
		line += fmt.Sprintf(" %s %d/%d", p.unit, p.done, p.total)
		if secs := now.Sub(p.start).Seconds(); p.done > 0 && secs > 0 {
			line += fmt.Sprintf(" (%.0f/s)", float64(p.done)/secs)
		}
	}
	// \r returns to the line's start and \x1b[K erases what a longer line
	// left beyond this one.
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	p.drawn, p.shown = now, true
}
