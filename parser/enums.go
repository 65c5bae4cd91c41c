package parser

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/docgen-dev/docgen/parser/model"
)

// enumHeading matches the heading over an enum's member table: "fooType
// values", "fooType enum values", "Call records callType values".
var enumHeading = regexp.MustCompile(`(?i)(?:^|\s)([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\s+(?:enum\s+)?values$`)

// enumTitle matches the title of a page that documents one enum:
// "managedAppAvailability enum type".
var enumTitle = regexp.MustCompile(`(?i)^([a-z_][a-z0-9_.]*)\s+enum(?:\s+type)?$`)

// isMemberTable reports whether a header lists enum members rather than
// properties: "Member", "Member | Value | Description", "Value | Description".
func isMemberTable(header []string) bool {
	if column(header, "type", "property", "property name", "parameter", "relationship") >= 0 {
		return false
	}
	if column(header, "member", "members") >= 0 {
		return true
	}
	return len(header) > 0 && header[0] == "value"
}

// memberTable reads an enum member table. On an enum page it defines the
// enum its heading names ("### fooType values"), or, on a page that
// documents a single enum, the enum of the page's title. Elsewhere, a table
// under a "fooType values" heading is kept aside: it defines fooType only if
// a Type cell names it, since many such tables list the values of a String
// property. Other member tables are value lists for readers.
func (p *pageParser) memberTable(t table) {
	name := ""
	// A "fooType values" heading names the first member table after it.
	if m := enumHeading.FindStringSubmatch(strings.TrimSpace(p.nearText)); m != nil && p.nearLevel > 1 && !p.nearUsed {
		name = m[1]
		p.nearUsed = true
	}
	enumPage := p.res.Page.Kind == model.PageEnum
	if name == "" && enumPage && !p.singleEnumDone {
		// "# managedAppAvailability enum type", "## Members". The heading,
		// not the front matter's title, which is sometimes "Members".
		for _, title := range []string{p.h1, p.res.Page.Title} {
			if m := enumTitle.FindStringSubmatch(strings.TrimSpace(title)); name == "" && m != nil {
				name = m[1]
			}
		}
		p.singleEnumDone = name != ""
	}
	if name == "" {
		if enumPage {
			p.warn(t.line, "enum", "member table under %q names no enum (want a heading such as \"### fooType values\"); skipped", p.nearText)
		}
		return
	}
	e := &model.Enum{Pos: p.pos(t.line), Name: name, Namespace: p.ns, Source: model.FromEnumTable}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		e.Namespace, e.Name = name[:i], name[i+1:]
	}
	nameCol := column(t.header, "member", "members", "name")
	if nameCol < 0 {
		nameCol = 0 // "Value | Description": the value is the member
	}
	desc := column(t.header, "description")
	seen := map[string]bool{}
	for _, r := range t.rows {
		if r.skip(len(t.header)) {
			continue
		}
		member := strings.Trim(strings.TrimSpace(r.cells[nameCol]), "`*\"'")
		if member == "" {
			continue
		}
		if !isMemberName(member) {
			if !enumPage {
				return // values of a String property, such as "JIS B4"
			}
			p.warn(r.line, "enum", "enum %s: member %q is not a name; skipped", name, member)
			continue
		}
		if seen[strings.ToLower(member)] {
			p.warn(r.line, "enum", "enum %s lists member %s twice; the second is ignored", name, member)
			continue
		}
		seen[strings.ToLower(member)] = true
		m := &model.EnumMember{Pos: p.pos(r.line), Name: member}
		if desc >= 0 && desc != nameCol {
			m.Doc = r.cells[desc]
		}
		e.Members = append(e.Members, m)
	}
	if len(e.Members) == 0 {
		p.warn(t.line, "enum", "enum %s has no members; skipped", name)
		return
	}
	if enumPage {
		p.res.Enums = append(p.res.Enums, e)
	} else {
		p.res.LocalEnums = append(p.res.LocalEnums, e)
	}
}

// isMemberName reports whether s can be an enum member: a word of letters,
// digits, "_" and "-" ("unknownFutureValue", "agesAbove15", "P2").
func isMemberName(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
		default:
			return false
		}
	}
	return s != ""
}

// possibleValues reads the members a description cell lists after
// "Possible values are:" (also "The possible values are", "Possible
// values:"): the code spans, or else the bold words, up to the end of that
// sentence. It returns nil when the cell lists none.
func (p *pageParser) possibleValues(cell *extast.TableCell) []string {
	before := "" // the cell's text so far, lowercased, its last proseWindow bytes
	var codes, bolds []string
	started, done := false, false
	_ = ast.Walk(cell, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || done {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			if started {
				t, _ := inlineText(n, p.src)
				codes = append(codes, t)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Emphasis:
			if started && n.Level == 2 {
				t, _ := inlineText(n, p.src)
				bolds = append(bolds, t)
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			v := string(textValue(n, p.src))
			if started && sentenceEnds(v) {
				done = true
				return ast.WalkStop, nil
			}
			if !started {
				before += strings.ToLower(v)
				if n.SoftLineBreak() {
					before += " "
				}
				// A window, not the whole text: searching all of it at
				// every text node was quadratic in the cell's length.
				before = lastBytes(before, proseWindow)
				if i := strings.LastIndex(before, "possible values"); i >= 0 {
					rest := strings.TrimSpace(before[i+len("possible values"):])
					rest = strings.TrimSpace(strings.TrimPrefix(rest, "are"))
					if rest == "" || rest == ":" {
						started = true
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	values := codes
	if len(values) == 0 {
		values = bolds
	}
	var out []string
	for _, v := range values {
		v = strings.TrimSpace(v)
		if !isMemberName(v) {
			return nil // not a list of names: leave the type alone
		}
		out = append(out, v)
	}
	return out
}

// sentenceEnds reports whether text between listed values ends the list's
// sentence: a period followed by a space or the end of the text.
func sentenceEnds(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' && (i+1 == len(s) || s[i+1] == ' ') {
			return true
		}
	}
	return false
}
