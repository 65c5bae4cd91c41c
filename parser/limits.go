package parser

import (
	"bytes"
)

// Limits on what one page may hold. Real pages are far inside them: in the
// Graph v1.0 corpus the largest page is 82 KB, the longest line 11.7 KB, the
// widest table 6 columns, the largest 826 rows by 3 columns, and block quotes
// never nest. Past them a file is not hand-written docs, and some inputs make
// goldmark's time or memory grow faster than the input: a table's short rows
// are padded to the header's width (rows × columns cells, gigabytes from a
// 64 KB page), and a line of nested containers ("> > > ...") or of unclosed
// links ("[a]([a](...") takes time in the square of its length. The limits
// keep the worst page to seconds and megabytes.
const (
	// maxPageBytes is 6 times the largest corpus page; a larger file is
	// reported and skipped.
	maxPageBytes = 512 << 10
	// maxLineBytes is 5 times the longest corpus line; a page with a longer
	// line is reported and skipped.
	maxLineBytes = 64 << 10
	// maxNesting bounds the block quotes and list items one line opens; a
	// page that nests deeper is reported and skipped.
	maxNesting = 32
	// maxTableColumns and maxTableCells bound a table's width and its
	// columns × rows; a larger table is reported and not read, the rest of
	// its page is.
	maxTableColumns = 64
	maxTableCells   = 1 << 16
	// maxJSONDepth bounds the nesting of annotation and example JSON, which
	// the lenient parser and the type inference walk recursively; it is half
	// the generated JSON reader's limit. An annotation or example beyond it
	// is reported and skipped.
	maxJSONDepth = 64
)

// checkLines enforces, before goldmark sees a normalized page, the limits on
// its lines. A line too long or nested too deep is reported and ok is false:
// the page is skipped. A table too large is reported and its delimiter row
// blanked, so that goldmark reads its lines as a paragraph; offsets and line
// numbers do not change, so p.lines, made from src, holds for the result.
// src is copied before it is changed.
func (p *pageParser) checkLines(src []byte) (out []byte, ok bool) {
	starts := p.lines // offset of each line
	line := func(i int) []byte {
		end := len(src)
		if i+1 < len(starts) {
			end = starts[i+1] - 1
		}
		return src[starts[i]:end]
	}
	// nextBlank[i] is the first blank line at or after line i, where a
	// table that starts above it ends at the latest.
	nextBlank := make([]int, len(starts)+1)
	nextBlank[len(starts)] = len(starts)
	for i := len(starts) - 1; i >= 0; i-- {
		nextBlank[i] = nextBlank[i+1]
		if len(bytes.TrimSpace(line(i))) == 0 {
			nextBlank[i] = i
		}
	}
	out = src
	copied := false
	for i := range starts {
		l := line(i)
		if len(l) > maxLineBytes {
			p.diags.Errorf(p.pos(i+1), "limits", "line is %d bytes, over the limit of %d; page skipped", len(l), maxLineBytes)
			return nil, false
		}
		if n := nesting(l); n > maxNesting {
			p.diags.Errorf(p.pos(i+1), "limits", "line opens %d block quotes and list items, over the limit of %d; page skipped", n, maxNesting)
			return nil, false
		}
		cols := delimiterColumns(l)
		if cols == 0 || i == 0 {
			continue
		}
		// The header is line i (1-based); the rows run to a blank line at
		// the latest.
		rows := nextBlank[i] - i - 1
		switch {
		case cols > maxTableColumns:
			p.warn(i, "limits", "table has %d columns, over the limit of %d; skipped", cols, maxTableColumns)
		case cols*(rows+1) > maxTableCells:
			p.warn(i, "limits", "table has %d columns and up to %d rows, over the limit of %d cells; skipped", cols, rows, maxTableCells)
		default:
			continue
		}
		if !copied {
			out, copied = bytes.Clone(src), true
		}
		for k := starts[i]; k < starts[i]+len(l); k++ {
			out[k] = ' '
		}
	}
	return out, true
}

// nesting counts the block quote markers and list item markers that open
// a line: "> - > 1. x" opens four containers.
func nesting(l []byte) int {
	n := 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			n++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			n++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				n++
				i = j + 2
				continue
			}
			return n
		default:
			return n
		}
	}
	return n
}

// delimiterColumns returns the number of columns of a table delimiter row
// ("|:---|---:|"), counted as goldmark counts them, or 0 when l is not one.
// Container markers before it ("> ") are passed over.
func delimiterColumns(l []byte) int {
	l = bytes.TrimLeft(l, " \t>")
	if len(bytes.Trim(l, "-")) == 0 {
		return 0 // empty, or a setext heading's underline
	}
	for _, c := range l {
		if c != ' ' && c != '\t' && c != '-' && c != '|' && c != ':' {
			return 0
		}
	}
	cols := bytes.Split(l, []byte{'|'})
	if len(bytes.TrimSpace(cols[0])) == 0 {
		cols = cols[1:]
	}
	if len(cols) > 0 && len(bytes.TrimSpace(cols[len(cols)-1])) == 0 {
		cols = cols[:len(cols)-1]
	}
	for _, c := range cols {
		c = bytes.TrimSpace(c)
		c = bytes.TrimPrefix(c, []byte(":"))
		c = bytes.TrimSuffix(c, []byte(":"))
		if len(c) == 0 || len(bytes.Trim(c, "-")) != 0 {
			return 0
		}
	}
	return len(cols)
}
