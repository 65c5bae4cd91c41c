package parser

import (
	"strings"

	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/docgen-dev/docgen/parser/model"
)

// maxTableColumns bounds a table's width; wider tables are reported, not read.
const maxTableColumns = 64

// row is one table row as plain text, with the first link of each cell.
type row struct {
	line  int
	cells []string
	links []string
	// written is how many cells the source line has, which can differ from
	// len(cells): goldmark pads short rows and drops extra cells.
	written int
}

// readTable flattens a table to its header and rows.
func (p *pageParser) readTable(t *extast.Table) (header []string, rows []row) {
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cur row
		cur.line = p.lines.line(r.Pos())
		cur.written = writtenCells(p.lineText(cur.line))
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cell := c.(*extast.TableCell)
			text, link := cellText(cell, p.src)
			cur.cells = append(cur.cells, text)
			cur.links = append(cur.links, link)
		}
		if _, isHeader := r.(*extast.TableHeader); isHeader {
			header = cur.cells
			for i := range header {
				header[i] = strings.ToLower(strings.Trim(header[i], "*_ "))
			}
			if cur.line == 0 {
				cur.line = p.lines.line(t.Pos())
			}
			continue
		}
		rows = append(rows, cur)
	}
	return header, rows
}

// column returns the index of the first header naming one of names, or -1.
func column(header []string, names ...string) int {
	for i, h := range header {
		for _, n := range names {
			if h == n {
				return i
			}
		}
	}
	return -1
}

func (p *pageParser) table(t *extast.Table) {
	header, rows := p.readTable(t)
	line := p.lines.line(t.Pos())
	if len(header) > maxTableColumns {
		p.warn(line, "limits", "table has %d columns, over the limit of %d; skipped", len(header), maxTableColumns)
		return
	}
	for _, r := range rows {
		switch {
		case r.written < len(header):
			p.warn(r.line, "table", "row has %d of the table's %d cells; the missing cells are read as empty", r.written, len(header))
		case r.written > len(header):
			p.warn(r.line, "table", "row has %d cells but the table has %d (an unescaped | in a cell?); the extra cells are dropped", r.written, len(header))
		}
	}
	first := ""
	if len(header) > 0 {
		first = header[0]
	}
	switch {
	case strings.HasPrefix(first, "permission type"):
		p.permissions(rows)
	case strings.HasPrefix(p.h2, "properties"):
		p.properties(header, rows, line, false)
	case strings.HasPrefix(p.h2, "relationships"):
		p.properties(header, rows, line, true)
	case strings.HasPrefix(p.h2, "request header") || first == "header":
		p.parameters(header, rows, &p.op().Headers)
	case strings.Contains(p.h2, "query parameter") || strings.Contains(p.near, "query parameter"):
		p.parameters(header, rows, &p.op().Query)
	case strings.HasPrefix(p.h2, "request body"):
		p.requestBody(header, rows, line)
	}
}

// propertyRows reads Property | Type | Description rows. Bold section rows
// ("| **App role assignments** |") carry no type and are passed over.
func (p *pageParser) propertyRows(header []string, rows []row, line int) []*model.Property {
	name := column(header, "property", "property name", "name", "parameter", "relationship")
	typ := column(header, "type")
	desc := column(header, "description")
	if name < 0 || typ < 0 {
		p.warn(line, "table", "table under %q has no Property and Type columns (header: %s); skipped", p.h2, strings.Join(header, " | "))
		return nil
	}
	var props []*model.Property
	for _, r := range rows {
		cellName := strings.TrimSpace(r.cells[name])
		cellType := r.cells[typ]
		if cellName == "" || (strings.TrimSpace(cellType) == "" && isBold(cellName)) {
			continue
		}
		// "name (deprecated)": the property is the first word.
		if f := strings.Fields(cellName); len(f) > 1 {
			cellName = f[0]
		}
		tc, ok := ParseTypeCell(cellType, r.links[typ], p.ns)
		if !ok {
			p.warn(r.line, "type", "property %q has no type I can read (%q); skipped", cellName, cellType)
			continue
		}
		if tc.Note != "" {
			p.warn(r.line, "type", "property %q: %s", cellName, tc.Note)
		}
		prop := &model.Property{Pos: p.pos(r.line), Name: cellName, Type: tc.Ref}
		if desc >= 0 {
			prop.Doc = r.cells[desc]
		}
		if tc.Link != "" {
			p.res.Links[prop] = tc.Link
		}
		props = append(props, prop)
	}
	return props
}

func isBold(s string) bool { return s == strings.ToUpper(s) || strings.HasPrefix(s, "**") }

func (p *pageParser) properties(header []string, rows []row, line int, navigation bool) {
	t := p.typ()
	for _, prop := range p.propertyRows(header, rows, line) {
		prop.Navigation = navigation
		t.Properties = append(t.Properties, prop)
	}
}

func (p *pageParser) requestBody(header []string, rows []row, line int) {
	op := p.op()
	if op.Body == nil {
		op.Body = &model.Body{Pos: p.pos(line)}
	}
	op.Body.Properties = append(op.Body.Properties, p.propertyRows(header, rows, line)...)
}

func (p *pageParser) parameters(header []string, rows []row, into *[]*model.Parameter) {
	name := column(header, "header", "name", "parameter", "property")
	if name < 0 {
		name = 0
	}
	value := column(header, "value")
	desc := column(header, "description")
	typ := column(header, "type")
	for _, r := range rows {
		param := &model.Parameter{Pos: p.pos(r.line), Name: strings.Trim(r.cells[name], "` ")}
		if param.Name == "" {
			continue
		}
		if value >= 0 {
			param.Value = r.cells[value]
		}
		if desc >= 0 {
			param.Doc = r.cells[desc]
		}
		if typ >= 0 {
			if tc, ok := ParseTypeCell(r.cells[typ], r.links[typ], p.ns); ok {
				param.Type = tc.Ref
			}
		}
		doc := strings.ToLower(param.Value + " " + param.Doc)
		param.Required = strings.Contains(doc, "required") && !strings.Contains(doc, "not required")
		*into = append(*into, param)
	}
}

// permissions reads the permissions table by its row labels.
func (p *pageParser) permissions(rows []row) {
	op := p.op()
	for _, r := range rows {
		if len(r.cells) < 2 {
			continue
		}
		label := strings.ToLower(r.cells[0])
		var kind model.PermissionKind
		switch {
		case strings.Contains(label, "personal"):
			kind = model.DelegatedPersonal
		case strings.Contains(label, "delegated"):
			kind = model.DelegatedWork
		case strings.Contains(label, "application"):
			kind = model.Application
		default:
			p.warn(r.line, "permissions", "permission type %q is not Delegated (work or school account), Delegated (personal Microsoft account) or Application", r.cells[0])
			continue
		}
		perm := &model.Permission{Pos: p.pos(r.line), Kind: kind}
		cell := strings.TrimSpace(r.cells[1])
		lower := strings.ToLower(cell)
		switch {
		case strings.Contains(lower, "todo") || strings.Contains(lower, "tbd"):
			perm.Undetermined = true
			perm.Supported = true
			p.warn(r.line, "permissions", "%s permissions are a placeholder (%q), not scopes", kind, strings.Trim(cell, "* "))
		case strings.HasPrefix(lower, "not supported") || strings.HasPrefix(lower, "not applicable") || cell == "":
			perm.Supported = false
		default:
			perm.Supported = true
			for _, s := range strings.Split(cell, ",") {
				if s = strings.Trim(strings.TrimSpace(s), "`*."); s != "" {
					perm.Scopes = append(perm.Scopes, s)
				}
			}
		}
		op.Permissions = append(op.Permissions, perm)
	}
}

// writtenCells counts the cells of a table row as written: pipes that are
// not escaped and not inside a code span separate cells, and a leading or
// trailing pipe only delimits the row.
func writtenCells(line string) int {
	line = strings.TrimSpace(line)
	if line == "" {
		return 0
	}
	pipes, inCode := 0, false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '`':
			inCode = !inCode
		case '|':
			if !inCode {
				pipes++
			}
		}
	}
	n := pipes + 1
	if strings.HasPrefix(line, "|") {
		n--
	}
	if len(line) > 1 && strings.HasSuffix(line, "|") && !strings.HasSuffix(line, "\\|") {
		n--
	}
	return n
}
