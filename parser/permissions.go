package parser

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/docgen-dev/docgen/parser/model"
)

// Permission cells. A cell names scope sets, any one of which suffices:
//
//	Directory.Read.All or Directory.ReadWrite.All      two sets of one
//	Policy.Read.All and Policy.ReadWrite.All, X.Read   {Policy.Read.All Policy.ReadWrite.All}, {X.Read}
//	For **user** resource:<br/>User.Read<br/><br/>For **group** resource:<br/>Group.Read.All
//
// Sets are separated by commas, "or", ";" and <br/> line breaks; "and"
// joins the scopes of one set. A "For X resource:" line starts a part of
// the cell that applies to the routes of resource X only ("For user or
// chat resource:" to either). A token that is not a scope name is prose:
// reported, never a scope.

// permissionPart is one resource's part of a permission cell.
type permissionPart struct {
	resource    string
	sets        [][]string
	prose       []string // tokens that are not scope names
	none        bool     // "Not supported.", "Not applicable", empty
	placeholder bool     // "TODO", "TBD"
}

var (
	// scopeName is what a scope looks like: User.Read.All, Mail.Send,
	// User-LifeCycleInfo.Read.All.
	scopeName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$`)
	// forResource is a line that starts a resource's part of a cell.
	forResource = regexp.MustCompile(`(?i)^for\s+(.+?)\s+resources?\s*:\s*(.*)$`)
	// setSeparator separates sets inside a part.
	setSeparator = regexp.MustCompile(`(?im),|;|\n|\s+or\s+|^or\s+`)
	// andSeparator joins the scopes of a set.
	andSeparator    = regexp.MustCompile(`(?i)\s+and\s+`)
	placeholderWord = regexp.MustCompile(`(?i)\b(todo|tbd)\b`)
	// resourceSeparator separates the resources of "For user or chat resource:".
	resourceSeparator = regexp.MustCompile(`(?i)\s*,\s*|\s+or\s+|\s+and\s+`)
)

// permissionCellText is a permission cell's text with <br/> line breaks
// kept as "\n"; otherwise as cellText reads it.
func permissionCellText(c *extast.TableCell, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(textValue(n, src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.URL(src))
		case *ast.RawHTML:
			if tag := strings.ToLower(string(rawHTML(n, src))); strings.HasPrefix(tag, "<br") {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

func rawHTML(n *ast.RawHTML, src []byte) []byte {
	var out []byte
	for i := 0; i < n.Segments.Len(); i++ {
		s := n.Segments.At(i)
		out = append(out, s.Value(src)...)
	}
	return out
}

// cleanResource is a resource qualifier as the model keeps it: lower-cased,
// markup stripped, spaces collapsed.
func cleanResource(s string) string {
	s = strings.NewReplacer("*", "", "`", "", "_", " ").Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// cleanToken strips a token's markup: "*", backticks, a trailing ".".
func cleanToken(s string) string {
	s = strings.NewReplacer("*", "", "`", "").Replace(s)
	return strings.TrimRight(strings.TrimSpace(s), ".")
}

// readPermissionCell splits a cell into its resources' parts; the first
// part's resource is "" unless the cell starts with "For X resource:".
func readPermissionCell(text string) []permissionPart {
	type block struct {
		resource string
		lines    []string
	}
	blocks := []*block{{}}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if m := forResource.FindStringSubmatch(strings.NewReplacer("*", "", "`", "").Replace(line)); m != nil {
			blocks = append(blocks, &block{resource: cleanResource(m[1])})
			line = m[2]
		}
		if line != "" {
			cur := blocks[len(blocks)-1]
			cur.lines = append(cur.lines, line)
		}
	}
	if len(blocks) > 1 && len(blocks[0].lines) == 0 {
		blocks = blocks[1:] // the cell starts with "For X resource:"
	}
	var parts []permissionPart
	for _, b := range blocks {
		part := readPermissionText(strings.Join(b.lines, "\n"))
		if b.resource == "" {
			parts = append(parts, part)
			continue
		}
		for _, res := range resourceSeparator.Split(b.resource, -1) {
			if res != "" {
				p := part
				p.resource = res
				parts = append(parts, p)
			}
		}
	}
	return parts
}

// readPermissionText reads the scope sets of one part of a cell.
func readPermissionText(text string) permissionPart {
	var part permissionPart
	lower := strings.ToLower(cleanToken(text))
	switch {
	case placeholderWord.MatchString(text):
		part.placeholder = true
		return part
	case lower == "" || strings.HasPrefix(lower, "not supported") || strings.HasPrefix(lower, "not applicable") || strings.HasPrefix(lower, "not available") || lower == "none" || lower == "n/a":
		part.none = true
		return part
	}
	for _, piece := range setSeparator.Split(text, -1) {
		var set []string
		ok := true
		for _, tok := range andSeparator.Split(piece, -1) {
			tok = cleanToken(tok)
			switch {
			case tok == "":
			case scopeName.MatchString(tok):
				set = append(set, tok)
			default:
				part.prose = append(part.prose, tok)
				ok = false
			}
		}
		if ok && len(set) > 0 && !hasSet(part.sets, set) {
			part.sets = append(part.sets, set)
		}
	}
	return part
}

func hasSet(sets [][]string, set []string) bool {
	for _, s := range sets {
		if strings.Join(s, "\x00") == strings.Join(set, "\x00") {
			return true
		}
	}
	return false
}

// permissionKind is the kind a permissions table's row label or column
// header names, if any.
func permissionKind(label string) (model.PermissionKind, bool) {
	label = strings.ToLower(label)
	switch {
	case strings.Contains(label, "personal"):
		return model.DelegatedPersonal, true
	case strings.Contains(label, "delegated"):
		return model.DelegatedWork, true
	case strings.Contains(label, "application"):
		return model.Application, true
	}
	return "", false
}

// isPerResourceTable reports a permissions table with one row per resource
// and one column per permission kind: "Supported resource | Delegated (work
// or school account) | Delegated (personal Microsoft account) | Application".
func isPerResourceTable(header []string) bool {
	if len(header) < 2 {
		return false
	}
	if _, ok := permissionKind(header[0]); ok {
		return false
	}
	for _, h := range header[1:] {
		if _, ok := permissionKind(h); !ok {
			return false
		}
	}
	return true
}

// permissionCell appends one Permission per part of a cell to the operation.
func (p *pageParser) permissionCell(r row, col int, kind model.PermissionKind, resource string) {
	p.permissionCells(r, []int{col}, kind, resource)
}

// permissionCells is permissionCell for a row whose cells cols, together,
// list the scope sets: "Least privileged permissions" then "Higher
// privileged permissions", any scope of either sufficing. A later cell
// that lists none ("Not available.") adds nothing; its resources' parts
// join those of the first cell.
func (p *pageParser) permissionCells(r row, cols []int, kind model.PermissionKind, resource string) {
	op := p.op()
	var parts []permissionPart
	col := cols[0]
	for i, c := range cols {
		if c >= len(r.nodes) {
			continue
		}
		cell := readPermissionCell(permissionCellText(r.nodes[c], p.src))
		if i == 0 {
			parts = cell
			continue
		}
		parts = mergeParts(parts, cell)
	}
	for _, part := range parts {
		perm := &model.Permission{Pos: p.pos(r.line), Kind: kind, Resource: part.resource}
		if resource != "" {
			perm.Resource = strings.TrimSpace(resource + " " + part.resource)
		}
		what := string(kind)
		if perm.Resource != "" {
			what += " (" + perm.Resource + ")"
		}
		switch {
		case part.placeholder:
			perm.Undetermined = true
			perm.Supported = true
			p.warn(r.line, "permissions", "%s permissions are a placeholder (%q), not scopes", what, strings.Trim(r.cells[col], "* "))
		case part.none:
			perm.Supported = false
		default:
			perm.Supported = true
			perm.Sets = part.sets
			if len(part.prose) > 0 {
				quoted := make([]string, len(part.prose))
				for i, s := range part.prose {
					quoted[i] = strconv.Quote(s)
				}
				if len(part.sets) == 0 {
					perm.Undetermined = true
					p.warn(r.line, "permissions", "%s permissions name no scope (%s); undetermined", what, notScopes(quoted))
				} else {
					p.warn(r.line, "permissions", "%s permissions: %s; ignored", what, notScopes(quoted))
				}
			}
		}
		op.Permissions = append(op.Permissions, perm)
	}
}

// mergeParts adds the parts of a higher-privileged cell to those of the
// least-privileged one.
func mergeParts(parts, more []permissionPart) []permissionPart {
	for _, m := range more {
		if m.none {
			continue
		}
		i := slices.IndexFunc(parts, func(p permissionPart) bool { return p.resource == m.resource })
		switch {
		case i < 0:
			parts = append(parts, m)
		case parts[i].none:
			parts[i] = m
		default:
			parts[i].placeholder = parts[i].placeholder || m.placeholder
			parts[i].prose = append(parts[i].prose, m.prose...)
			for _, set := range m.sets {
				if !hasSet(parts[i].sets, set) {
					parts[i].sets = append(parts[i].sets, set)
				}
			}
		}
	}
	return parts
}

func notScopes(quoted []string) string {
	if len(quoted) == 1 {
		return quoted[0] + " is not a scope name"
	}
	return strings.Join(quoted, ", ") + " are not scope names"
}

// perResourcePermissions reads a per-resource permissions table.
func (p *pageParser) perResourcePermissions(t table) {
	for _, r := range t.rows {
		if r.skip(len(t.header)) || len(r.cells) < 2 {
			continue
		}
		resource := cleanResource(r.cells[0])
		if resource == "" {
			continue
		}
		for col := 1; col < len(t.header) && col < len(r.cells); col++ {
			kind, _ := permissionKind(t.header[col])
			p.permissionCell(r, col, kind, resource)
		}
	}
}
