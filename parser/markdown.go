package parser

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"
)

// newMarkdown returns the goldmark configuration every page is read with:
// CommonMark, GFM tables, and YAML front matter. A goldmark.Markdown is safe
// for concurrent use, so one serves all pages.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, &frontmatter.Extender{}),
		// Ahead of goldmark's own fenced code parser (700), which it wraps.
		goldmark.WithParserOptions(gparser.WithBlockParsers(util.Prioritized(fenceParser{gparser.NewFencedCodeBlockParser()}, 699))),
	)
}

// fenceParser is goldmark's fenced code block parser, which does not say
// whether a closing fence ended a block or the end of the page did; this one
// marks the blocks a closing fence ends with the attribute closedFence.
type fenceParser struct{ gparser.BlockParser }

var closedFence = []byte("docgen-closed")

func (f fenceParser) Continue(node ast.Node, reader text.Reader, pc gparser.Context) gparser.State {
	s := f.BlockParser.Continue(node, reader, pc)
	if s == gparser.Close {
		node.SetAttribute(closedFence, true)
	}
	return s
}

// isClosed reports whether a closing fence ended a fenced code block.
func isClosed(n *ast.FencedCodeBlock) bool {
	_, ok := n.Attribute(closedFence)
	return ok
}

var markdown = newMarkdown()

// normalize makes line endings "\n" and drops a UTF-8 byte-order mark, so
// that code blocks and cells carry no stray "\r". Every line ending stays one
// line ending, so line numbers still match the file.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

// rawLine returns the line of src[i] before normalize, counting line endings
// as normalize does: "\r\n", "\n" and a lone "\r" are one each.
func rawLine(src []byte, i int) int {
	n := 1
	for j, c := range src[:i] {
		if c == '\n' || c == '\r' && (j+1 == len(src) || src[j+1] != '\n') {
			n++
		}
	}
	return n
}

// lineIndex converts byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (li lineIndex) line(offset int) int {
	return sort.Search(len(li), func(i int) bool { return li[i] > offset })
}

// blockText returns the raw text of a block's lines (code blocks, HTML blocks).
func blockText(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// htmlBlockText returns an HTML block's text including its closing line,
// which goldmark keeps apart.
func htmlBlockText(n *ast.HTMLBlock, src []byte) string {
	s := blockText(n, src)
	if n.HasClosure() {
		s += string(n.ClosureLine.Value(src))
	}
	return s
}

// inlineText flattens a node's inline children to plain text: link text is
// kept, emphasis and code markers are dropped, line breaks become spaces.
// It also returns the destination of the first link met.
func inlineText(n ast.Node, src []byte) (string, string) {
	var b strings.Builder
	var link string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(textValue(c, src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.Link:
			if link == "" {
				link = string(c.Destination)
			}
		case *ast.AutoLink:
			b.Write(c.URL(src))
		case *ast.RawHTML:
			// <br/> and friends separate words.
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " "), link
}

// textValue is a text node's content as a reader sees it: backslash escapes
// ("\|", "\[", "\*") and entity references ("&amp;") are markdown, not
// content. Code spans hold raw text, which is kept as written.
func textValue(t *ast.Text, src []byte) []byte {
	v := t.Segment.Value(src)
	if t.IsRaw() {
		return v
	}
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// writeLeaf appends the text of a Text or CodeSpan node to b, as
// inlineText would, for walkers that treat links themselves. ok is false for
// other nodes; status tells the walk how to go on.
func writeLeaf(b *strings.Builder, n ast.Node, src []byte) (status ast.WalkStatus, ok bool) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(textValue(n, src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return ast.WalkContinue, true
	case *ast.CodeSpan:
		t, _ := inlineText(n, src)
		b.WriteString(t)
		return ast.WalkSkipChildren, true
	}
	return ast.WalkContinue, false
}

// cellText is inlineText for a table cell, tolerant of cells with no lines
// (the padding goldmark adds for missing cells).
func cellText(c *extast.TableCell, src []byte) (string, string) {
	return inlineText(c, src)
}

// parseMarkdown parses a normalized page and returns its AST and front matter.
func parseMarkdown(src []byte) (ast.Node, map[string]any, error) {
	ctx := gparser.NewContext()
	doc := markdown.Parser().Parse(text.NewReader(src), gparser.WithContext(ctx))
	var meta map[string]any
	if fm := frontmatter.Get(ctx); fm != nil {
		if err := fm.Decode(&meta); err != nil {
			return doc, nil, err
		}
	}
	return doc, meta, nil
}
