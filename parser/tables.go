package parser

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/docgen-dev/docgen/parser/model"
)

// row is one table row as plain text, with the first link of each cell.
type row struct {
	line  int
	cells []string
	links []string
	nodes []*extast.TableCell
	// written is how many cells the source line has, which can differ from
	// len(cells): goldmark pads short rows and drops extra cells.
	written int
	// codePipe is set when a code span on the line holds a pipe, which
	// splits the cell all the same.
	codePipe bool
	// emptyLast is set when the row ends in "||": goldmark drops that
	// empty last cell, then pads the row, so nothing is lost.
	emptyLast bool
	// section is set for a bold section row, "| **App role assignments** | | |":
	// the first cell all bold, the others empty.
	section bool
}

// lone reports whether the row is a single cell in a wider table, most
// likely the rest of the row above broken over two lines.
func (r row) lone(width int) bool { return r.written == 1 && width > 2 }

// skip reports whether the row holds no entry: a section row, or a lone
// cell (which checkCells reports).
func (r row) skip(width int) bool { return r.section || r.lone(width) }

// table is a table flattened to its header and rows.
type table struct {
	line   int
	header []string // lowercased, one per column
	// headerWritten is how many cells the header line has; fewer than
	// len(header) when the delimiter row has more columns.
	headerWritten int
	rows          []row
}

// readTable flattens a table to its header and rows.
func (p *pageParser) readTable(t *extast.Table) table {
	out := table{line: p.lines.line(t.Pos())}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cur row
		cur.line = p.lines.line(r.Pos())
		text := p.rowText(r)
		cur.written, cur.codePipe = writtenCells(text)
		text = strings.TrimSpace(text)
		cur.emptyLast = strings.HasSuffix(text, "||") && !strings.HasSuffix(text, "\\||") && len(text) > 2
		var first ast.Node
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cell := c.(*extast.TableCell)
			text, link := cellText(cell, p.src)
			cur.cells = append(cur.cells, text)
			cur.links = append(cur.links, link)
			cur.nodes = append(cur.nodes, cell)
			if first == nil {
				first = cell
			}
		}
		if _, isHeader := r.(*extast.TableHeader); isHeader {
			out.header = cur.cells
			for i := range out.header {
				out.header[i] = strings.ToLower(strings.Trim(out.header[i], "*_ "))
			}
			out.headerWritten = cur.written
			continue
		}
		cur.section = first != nil && isBoldCell(first, p.src) && cur.cells[0] != ""
		for _, c := range cur.cells[min(1, len(cur.cells)):] {
			cur.section = cur.section && c == ""
		}
		out.rows = append(out.rows, cur)
	}
	return out
}

// rowText returns a row's source line from where goldmark's row starts
// (after any container prefix such as "> ") to the end of the line.
func (p *pageParser) rowText(r ast.Node) string {
	start := r.Pos()
	if start < 0 || start > len(p.src) {
		return ""
	}
	end := bytes.IndexByte(p.src[start:], '\n')
	if end < 0 {
		return string(p.src[start:])
	}
	return string(p.src[start : start+end])
}

// isBoldCell reports whether a cell's content is all strong emphasis:
// "**App role assignments**", "__x__".
func isBoldCell(cell ast.Node, src []byte) bool {
	n := 0
	bold := true
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0 {
			continue
		}
		n++
		if e, ok := c.(*ast.Emphasis); !ok || e.Level != 2 {
			bold = false
		}
	}
	return n > 0 && bold
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

func (p *pageParser) table(n *extast.Table) {
	t := p.readTable(n)
	header := t.header
	first := ""
	if len(header) > 0 {
		first = header[0]
	}
	var read func()
	switch {
	case (strings.HasPrefix(first, "permission type") || p.inSection("permissions") && isPerResourceTable(header)) &&
		p.res.Page.Kind != "" && p.res.Page.Kind != model.PageMethod:
		// A conceptual page's table of which resources take which
		// kind of permission ("Supported resource types"): no operation.
		return
	case strings.HasPrefix(first, "permission type"):
		read = func() { p.permissions(t) }
	case p.inSection("permissions") && isPerResourceTable(header):
		read = func() { p.perResourcePermissions(t) }
	case isMemberTable(header):
		read = func() { p.memberTable(t) }
	case p.res.Page.Kind == model.PageEnum:
		return // enum pages hold nothing else docgen reads
	case p.sectionIs("properties"):
		read = func() { p.properties(t, false) }
	case p.sectionIs("relationships"):
		read = func() { p.properties(t, true) }
	case strings.HasPrefix(p.h2, "properties") || strings.HasPrefix(p.h2, "relationships"):
		// "### Instance attributes", "### Properties of a token lifetime
		// policy definition": tables about something other than the type.
		return
	case strings.HasPrefix(p.h2, "request header") || strings.HasPrefix(p.h2, "optional request header") || first == "header":
		read = func() { p.parameters(t, &p.op().Headers, false) }
	case p.inSection("function parameter") || p.inSection("path parameter") ||
		strings.HasPrefix(p.h2, "request body") && p.paramsInURL:
		// "In the request URL, provide the following query parameters":
		// a function's parameters, even under "Request body".
		read = func() { p.parameters(t, &p.op().PathParams, true) }
	case strings.Contains(p.h2, "query parameter") || strings.Contains(p.near, "query parameter"):
		read = func() { p.parameters(t, &p.op().Query, true) }
	case strings.HasPrefix(p.h2, "request body"):
		read = func() { p.requestBody(t) }
	default:
		return // a table docgen does not read, such as Methods
	}
	p.checkCells(t)
	read()
}

// sectionIs reports whether the nearest heading is the named section of a
// resource page: "## Properties", "### Properties" (when the page puts its
// sections one level down), or "## operationError Properties".
func (p *pageParser) sectionIs(name string) bool {
	h := strings.TrimRight(strings.TrimSpace(p.near), ":")
	if h == name {
		return true
	}
	first, rest, ok := strings.Cut(h, " ")
	title := strings.Fields(strings.ToLower(p.h1))
	return ok && rest == name && len(title) > 0 && first == title[0]
}

// inSection reports whether the walk is in a section, or subsection, whose
// heading starts with name.
func (p *pageParser) inSection(name string) bool {
	return strings.HasPrefix(p.h2, name) || strings.HasPrefix(p.near, name)
}

// checkCells reports rows whose cell count differs from the table's, once
// per problem: a delimiter row wider than the header is one problem of the
// table, not of each row.
func (p *pageParser) checkCells(t table) {
	width := len(t.header)
	alt := width // a row this wide is fine too
	if t.headerWritten > 0 && t.headerWritten < width {
		p.warn(t.line, "table", "the delimiter row has %d columns but the header has %d; the extra column is read as empty", width, t.headerWritten)
		alt = t.headerWritten
	}
	// "| Property | Type | Description | |": a trailing column with no name.
	for alt > 1 && t.header[alt-1] == "" {
		alt--
	}
	for _, r := range t.rows {
		switch {
		case r.section || r.written == width || r.written == alt:
		case r.emptyLast && (r.written+1 == width || r.written+1 == alt):
		case r.written > width && r.codePipe:
			p.warn(r.line, "table", "row has %d cells but the table has %d: a | splits cells even inside a code span (escape it as \\|); the extra cells are dropped", r.written, width)
		case r.written > width:
			p.warn(r.line, "table", "row has %d cells but the table has %d (an unescaped | in a cell?); the extra cells are dropped", r.written, width)
		case r.lone(width):
			p.warn(r.line, "table", "row has 1 of the table's %d cells (the rest of the row above, broken over two lines?); skipped", width)
		case r.written < width:
			p.warn(r.line, "table", "row has %d of the table's %d cells; the missing cells are read as empty", r.written, width)
		}
	}
}

// propertyRows reads Property | Type | Description rows. Bold section rows
// ("| **App role assignments** |") carry no type and are passed over.
func (p *pageParser) propertyRows(t table) []*model.Property {
	header := t.header
	name := column(header, "property", "property name", "name", "parameter", "relationship", "relationship name")
	typ := column(header, "type")
	if typ < 0 && strings.HasPrefix(p.h2, "request body") {
		// "Name | Value | Description" whose Value column holds types.
		typ = typeColumn(t, column(header, "value"))
	}
	desc := column(header, "description")
	if name < 0 || typ < 0 {
		// A table under a subheading ("### Derived types") or after the
		// section's property table is for readers; the first one right
		// under the section should have been a property table.
		direct := p.nearLevel <= 2 || p.sectionIs("properties") || p.sectionIs("relationships")
		if direct && p.propTableIn != p.near {
			p.warn(t.line, "table", "table under %q has no Property and Type columns (header: %s); skipped", p.h2, strings.Join(header, " | "))
		}
		return nil
	}
	p.propTableIn = p.near
	var props []*model.Property
	for _, r := range t.rows {
		cellName := strings.TrimSpace(r.cells[name])
		cellType := r.cells[typ]
		if cellName == "" || r.skip(len(header)) {
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
			if !prop.Type.IsEdm() {
				if vals := p.possibleValues(r.nodes[desc]); len(vals) > 0 {
					p.res.Values[prop] = vals
				}
			}
		}
		if tc.Link != "" {
			p.res.Links[prop] = tc.Link
		}
		props = append(props, prop)
	}
	return props
}

// typeColumn returns col when every non-empty cell of it is an Edm type
// name, else -1.
func typeColumn(t table, col int) int {
	if col < 0 {
		return -1
	}
	n := 0
	for _, r := range t.rows {
		if c := strings.TrimSpace(r.cells[col]); c != "" {
			if tc, ok := ParseTypeCell(c, "", ""); !ok || !tc.Ref.IsEdm() {
				return -1
			}
			n++
		}
	}
	if n == 0 {
		return -1
	}
	return col
}

func (p *pageParser) properties(t table, navigation bool) {
	ty := p.typ()
	for _, prop := range p.propertyRows(t) {
		prop.Navigation = navigation
		ty.Properties = append(ty.Properties, prop)
	}
}

func (p *pageParser) requestBody(t table) {
	op := p.op()
	if op.Body == nil {
		op.Body = &model.Body{Pos: p.pos(t.line)}
	}
	op.Body.Properties = append(op.Body.Properties, p.propertyRows(t)...)
}

// parameters reads a header, query, path or function parameter table.
// typed tables may spell the Type column "Value" ("Parameter name | Value |
// Description" with "string" values).
func (p *pageParser) parameters(t table, into *[]*model.Parameter, typed bool) {
	header := t.header
	name := column(header, "header", "name", "parameter", "parameter name", "query parameter", "property")
	if name < 0 {
		name = 0
	}
	value := column(header, "value")
	desc := column(header, "description")
	typ := column(header, "type")
	if typ < 0 && typed {
		if typ = typeColumn(t, value); typ >= 0 {
			value = -1
		}
	}
	required := column(header, "required", "required?")
	for _, r := range t.rows {
		if r.skip(len(header)) {
			continue
		}
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
				if tc.Link != "" {
					p.res.ParamLinks[param] = tc.Link
				}
			}
		}
		doc := strings.ToLower(param.Value + " " + param.Doc)
		param.Required = strings.Contains(doc, "required") && !strings.Contains(doc, "not required")
		if required >= 0 {
			switch strings.ToLower(strings.Trim(r.cells[required], "*. ")) {
			case "yes", "y", "true", "required":
				param.Required = true
			case "no", "n", "false", "optional":
				param.Required = false
			}
		}
		*into = append(*into, param)
	}
}

// permissions reads the permissions table by its row labels: "Permission
// type | Permissions (from least to most privileged)", or today's
// "Permission type | Least privileged permissions | Higher privileged
// permissions", where a scope of either column suffices.
func (p *pageParser) permissions(t table) {
	cols := []int{1}
	for i, h := range t.header {
		if i > 1 && strings.Contains(h, "higher privileged") {
			cols = append(cols, i)
		}
	}
	for _, r := range t.rows {
		if len(r.cells) < 2 || r.skip(len(r.cells)) {
			continue
		}
		kind, ok := permissionKind(r.cells[0])
		if !ok {
			p.warn(r.line, "permissions", "permission type %q is not Delegated (work or school account), Delegated (personal Microsoft account) or Application", r.cells[0])
			continue
		}
		p.permissionCells(r, cols, kind, "")
	}
}

// writtenCells counts the cells of a table row as goldmark splits it
// (extension/table.go, parseRow): every pipe not directly after a backslash
// separates cells, inside code spans too, and a leading or trailing pipe
// only delimits the row. codePipe reports a separating pipe inside a code
// span, which the author most likely meant as text.
func writtenCells(line string) (n int, codePipe bool) {
	line = strings.TrimSpace(line)
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	inCode := false
	for ; pos < limit; n++ {
		end := pos
		for ; end < limit; end++ {
			if line[end] == '`' {
				inCode = !inCode
			}
			if line[end] == '|' && (end == 0 || line[end-1] != '\\') {
				codePipe = codePipe || inCode
				break
			}
		}
		pos = end + 1
	}
	return n, codePipe
}
