package parser

// This file splices docfx includes into the pages that include them.
//
// "[!INCLUDE [label](../includes/permissions/user-get-permissions.md)]", on
// a line of its own, stands for the included file's text, as a reader of
// the published page sees it: the permissions tables of today's reference
// live in such files. Parse resolves each include against the sources it is
// given, relative to the including file, and replaces the line with the
// file's text (its front matter left out), recursively. A line map keeps,
// for every line of the result, the file and line it came from, so that
// positions and diagnostics inside included text name the included file.
//
// Not read, silently: the SDK snippet includes of example tabs (C#, Go, ...),
// which hold code in other languages. Not read, with a warning at the
// include's line (category "include"): includes outside every docs folder
// given, missing files, cycles, and includes nested deeper than
// maxIncludeDepth.

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// maxIncludeDepth is how deep includes may nest: a page's include is depth
// 1, an include inside it depth 2.
const maxIncludeDepth = 8

var (
	// includeLine is a docfx include on a line of its own; the label may be
	// empty, the target may be in angle brackets or carry a title.
	includeLine = regexp.MustCompile(`(?i)^ {0,3}\[!include\s*\[([^\]]*)\]\(\s*<?([^)>\s]*)>?(?:\s+"[^"]*")?\s*\)\s*\]\s*$`)
	// tabLine opens a docfx tab: "# [HTTP](#tab/http)".
	tabLine = regexp.MustCompile(`(?i)^ {0,3}#{1,6}\s*\[[^\]]*\]\(#tab/([^)\s]*)\)`)
)

// includer resolves includes against the sources of one Parse.
type includer struct {
	files    map[string][]byte // stable path to the file's bytes
	roots    map[string]bool   // the docs folders' base names
	included map[string]bool   // files some source includes
}

func newIncluder(sources []Source) *includer {
	inc := &includer{files: map[string][]byte{}, roots: map[string]bool{}, included: map[string]bool{}}
	for _, s := range sources {
		inc.files[s.Path] = s.Data
		root, _, _ := strings.Cut(s.Path, "/")
		inc.roots[root] = true
	}
	for _, s := range sources {
		for _, target := range includeTargets(normalize(s.Data)) {
			// A page that includes itself is still a page (the include is
			// a cycle).
			if t, ok := inc.resolve(s.Path, target); ok && t != s.Path {
				if _, found := inc.files[t]; found {
					inc.included[t] = true
				}
			}
		}
	}
	return inc
}

// includeTargets returns the targets of a normalized file's include lines.
func includeTargets(data []byte) []string {
	if !bytes.Contains(data, []byte("[!")) {
		return nil
	}
	var out []string
	for _, l := range bytes.Split(data, []byte("\n")) {
		if !bytes.Contains(l, []byte("[!")) {
			continue
		}
		if m := includeLine.FindSubmatch(l); m != nil {
			out = append(out, string(m[2]))
		}
	}
	return out
}

// includeOnly reports whether a source is there only to be included: it is
// below an "includes" folder, or some source includes it. Such a file is
// not a page.
func (inc *includer) includeOnly(p string) bool {
	if inc.included[p] {
		return true
	}
	dirs := strings.Split(path.Dir(p), "/")
	return slices.ContainsFunc(dirs, func(d string) bool { return strings.EqualFold(d, "includes") })
}

// resolve returns the stable path an include's target names from the file
// at from; ok is false when it names a place outside every docs folder.
func (inc *includer) resolve(from, target string) (string, bool) {
	target, _, _ = strings.Cut(target, "#")
	target, _, _ = strings.Cut(target, "?")
	if target == "" || strings.HasPrefix(target, "/") || strings.Contains(target, "://") {
		return "", false
	}
	p := path.Join(path.Dir(from), target)
	root, _, _ := strings.Cut(p, "/")
	if p == ".." || strings.HasPrefix(p, "../") || !inc.roots[root] {
		return "", false
	}
	return p, true
}

// expansion is one page's text with its includes spliced in.
type expansion struct {
	inc   *includer
	diags *diag.List
	out   bytes.Buffer
	lines []model.Pos // lines[i] is where output line i+1 came from
	full  bool        // the size limit was reported
}

// expand splices the includes of a normalized page. It returns nil when
// the page has no include line to splice, so the page is read as it is.
func (inc *includer) expand(file string, src []byte, diags *diag.List) ([]byte, []model.Pos) {
	if len(includeTargets(src)) == 0 {
		return nil, nil
	}
	e := &expansion{inc: inc, diags: diags}
	e.file(file, src, []string{file})
	return e.out.Bytes(), e.lines
}

func (e *expansion) emit(line []byte, file string, n int) {
	e.out.Write(line)
	e.out.WriteByte('\n')
	e.lines = append(e.lines, model.Pos{File: file, Line: n})
}

// file writes one file's lines; stack holds the page and the includes
// being read, outermost first.
func (e *expansion) file(file string, src []byte, stack []string) {
	lines := bytes.Split(src, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	start := 0
	if len(stack) > 1 {
		start = frontMatterEnd(lines)
	}
	var fence []byte // the open code fence's marker
	tab := ""        // the open docfx tab
	for i := start; i < len(lines); i++ {
		l, n := lines[i], i+1
		t := bytes.TrimLeft(l, " ")
		switch {
		case fence != nil:
			if len(l)-len(t) <= 3 && bytes.HasPrefix(t, fence) && len(bytes.TrimSpace(bytes.TrimLeft(t, string(fence[:1])))) == 0 {
				fence = nil
			}
		case len(l)-len(t) <= 3 && (bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))):
			fence = t[:len(t)-len(bytes.TrimLeft(t, string(t[:1])))]
		case tabLine.Match(l):
			tab = strings.ToLower(string(tabLine.FindSubmatch(l)[1]))
		case string(bytes.TrimSpace(l)) == "---":
			tab = ""
		default:
			if m := includeLine.FindSubmatch(l); m != nil {
				e.include(file, n, string(m[1]), string(m[2]), tab, stack)
				continue
			}
		}
		e.emit(l, file, n)
	}
}

// isPermissionsInclude reports whether an include holds a permissions
// table: "[!INCLUDE [permissions-table](../includes/permissions/x-permissions.md)]".
// A note about permissions ("teamwork-permissions-note.md") does not.
func isPermissionsInclude(label, target string) bool {
	target = strings.ToLower(target)
	return strings.EqualFold(strings.TrimSpace(label), "permissions-table") ||
		strings.Contains("/"+target, "/permissions/") || strings.HasSuffix(target, "-permissions.md")
}

// frontMatterEnd returns the index of the first line after a file's front
// matter, 0 when it has none.
func frontMatterEnd(lines [][]byte) int {
	if len(lines) == 0 || string(bytes.TrimSpace(lines[0])) != "---" {
		return 0
	}
	for i := 1; i < len(lines); i++ {
		if s := string(bytes.TrimSpace(lines[i])); s == "---" || s == "..." {
			return i + 1
		}
	}
	return 0
}

// include splices the file an include line at file:n names, or reports
// why it cannot. The line itself becomes blank lines around the included
// text, so that the text stays a block of its own.
func (e *expansion) include(file string, n int, label, target, tab string, stack []string) {
	blank := func() { e.emit(nil, file, n) }
	lower := strings.ToLower(target)
	if tab != "" && tab != "http" || strings.Contains(lower, "/snippets/") || strings.HasPrefix(lower, "snippets/") {
		blank() // an SDK snippet: code in another language
		return
	}
	pos := model.Pos{File: file, Line: n}
	undetermined := ""
	if isPermissionsInclude(label, lower) {
		undetermined = ", so the operation's permissions are undetermined"
	}
	resolved, ok := e.inc.resolve(file, target)
	data, found := e.inc.files[resolved]
	switch {
	case !ok:
		e.diags.Warnf(pos, "include", "include %s is outside every DOCS_DIR; not read%s", target, undetermined)
	case !found:
		e.diags.Warnf(pos, "include", "include %s: %s is missing; not read%s", target, resolved, undetermined)
	case slices.Contains(stack, resolved):
		e.diags.Warnf(pos, "include", "include %s is a cycle (%s); not read%s", target, strings.Join(append(slices.Clone(stack), resolved), " includes "), undetermined)
	case len(stack) > maxIncludeDepth:
		e.diags.Warnf(pos, "include", "include %s nests deeper than %d includes; not read%s", target, maxIncludeDepth, undetermined)
	case bytes.IndexByte(data, 0) >= 0:
		e.diags.Warnf(pos, "include", "include %s: %s is not a text file (NUL byte); not read%s", target, resolved, undetermined)
	case e.out.Len()+len(data) > maxPageBytes:
		if !e.full {
			e.diags.Warnf(pos, "limits", "include %s would make the page over %d bytes with its includes; not read (said once a page)", target, maxPageBytes)
		}
		e.full = true
	default:
		if !utf8.Valid(data) {
			e.diags.Warnf(model.Pos{File: resolved, Line: 1}, "encoding", "invalid UTF-8; bad bytes replaced with U+FFFD")
			data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		}
		blank()
		e.file(resolved, normalize(data), append(stack, resolved))
		blank()
		return
	}
	blank()
}
