package parser

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// PageResult is what one page contributes to the model before resolution.
type PageResult struct {
	Page      *model.Page
	Type      *model.Type      // resource pages
	Operation *model.Operation // method pages
	Enums     []*model.Enum    // enum pages
	// LocalEnums are member tables under "### fooType values" headings on
	// other pages; they define fooType only when a Type cell names it.
	LocalEnums []*model.Enum
	// Values holds the members a property's description lists ("Possible
	// values are: `a`, `b`."), which define its type as an enum when
	// nothing else does.
	Values map[*model.Property][]string
	// Links maps a property to the page its Type cell links to.
	Links map[*model.Property]string
	// ParamLinks maps a parameter to the page its Type cell links to.
	ParamLinks map[*model.Parameter]string
	// BodyType is the type the request-body prose names.
	BodyType *TypeCell
	// BaseLink is the page "Inherits from" links to.
	BaseLink string
	// ResponseLink is the page the response prose links to.
	ResponseLink string
}

// pageParser holds the state of one page's walk.
type pageParser struct {
	path  string
	src   []byte
	lines lineIndex
	// origin maps a line of src to where it came from when src has
	// includes spliced in (see include.go); nil when it has none.
	origin []model.Pos
	diags  *diag.List
	res    *PageResult

	ns        string
	h1        string // the page's first level-1 heading
	titleSeen bool
	h2        string // lowercased text of the current level-2 heading
	near      string // lowercased text of the nearest heading of any level
	nearText  string // the nearest heading as written
	nearLevel int
	pending   *Annotation // the annotation awaiting its code block
	pendingAt int

	// Resource pages.
	baseLine     int    // line of the prose that names the base type
	resourceSeen bool   // a JSON representation's annotation was read
	propSection  bool   // a Properties or Relationships heading was met
	noType       bool   // the page turned out to document no type
	propTableIn  string // the heading whose property table was last read

	// Enums.
	nearUsed       bool // the nearest heading has named an enum's table
	singleEnumDone bool // the title has named an enum's table

	// Method pages.
	queries       []string     // query strings of the routes, which the model does not keep
	looseBlocks   []looseBlock // stand-ins for a missing syntax block
	requestRoutes []*model.Example
	paramsInURL   bool // the Request body section lists URL parameters
	responseRead  bool // a Response paragraph has stated the status
	noBody        bool // a Response paragraph has said nothing is returned
	// openRequests are example requests awaiting their response; ignored
	// marks those that are not examples: annotated "ignored" (0) or not
	// annotated at all (their line).
	openRequests []*model.Example
	ignored      map[*model.Example]int
}

// ParsePage reads one markdown page. path is the page's stable path (see
// model.Pos). Problems go to diags; the result holds whatever could be read.
//
// ParsePage reads no include: Parse, which has every source, splices them.
func ParsePage(path string, src []byte, diags *diag.List) *PageResult {
	return parsePageWith(path, src, nil, diags)
}

// parsePageWith is ParsePage with the includes resolved by inc, unless it is nil.
func parsePageWith(path string, src []byte, inc *includer, diags *diag.List) *PageResult {
	res := &PageResult{
		Page:  &model.Page{Pos: model.Pos{File: path, Line: 1}},
		Links: map[*model.Property]string{}, ParamLinks: map[*model.Parameter]string{}, Values: map[*model.Property][]string{},
	}
	p := &pageParser{path: path, diags: diags, res: res, ns: "microsoft.graph"}
	if len(src) > maxPageBytes {
		p.diags.Errorf(p.pos(1), "limits", "page is %d bytes, over the limit of %d; skipped", len(src), maxPageBytes)
		return res
	}
	src, ok := p.checkEncoding(src)
	if !ok {
		return res
	}
	src = normalize(src)
	if inc != nil {
		if out, origin := inc.expand(path, src, diags); out != nil {
			src, p.origin = out, origin
		}
	}
	p.lines = newLineIndex(src)
	if p.src, ok = p.checkLines(src); !ok {
		return res
	}
	doc, meta, err := parseMarkdown(p.src)
	if err != nil {
		p.frontMatterError(err)
	}
	p.readFrontMatter(meta)
	p.walk(doc)
	p.finish()
	return res
}

// pos is where a line of the text read is in the docs: on the page, or in
// a file it includes.
func (p *pageParser) pos(line int) model.Pos {
	if p.origin != nil && line >= 1 && line <= len(p.origin) {
		return p.origin[line-1]
	}
	return model.Pos{File: p.path, Line: line}
}

// pageLine is the page's own line for a line of the text read; a line an
// include brought in counts as the include's line.
func (p *pageParser) pageLine(line int) int {
	if p.origin == nil || line < 1 || line > len(p.origin) {
		return line
	}
	for i := line - 1; i >= 0; i-- {
		if p.origin[i].File == p.path {
			return p.origin[i].Line
		}
	}
	return 1
}

// warn reports a problem at a line of the text read.
func (p *pageParser) warn(line int, category, format string, args ...any) {
	p.diags.Warnf(p.pos(line), category, format, args...)
}

// warnAt reports a problem at a position already mapped by pos.
func (p *pageParser) warnAt(pos model.Pos, category, format string, args ...any) {
	p.diags.Warnf(pos, category, format, args...)
}

// lineNo is a line of the text read as a message names it: its line in its
// own file.
func (p *pageParser) lineNo(line int) int { return p.pos(line).Line }

func (p *pageParser) lineOf(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return p.lines.line(n.Lines().At(0).Start)
	}
	return p.lines.line(n.Pos())
}

// lastLineOf returns the line of a block's last line.
func (p *pageParser) lastLineOf(n ast.Node) int {
	if l := n.Lines(); l.Len() > 0 {
		return p.lines.line(l.At(l.Len() - 1).Start)
	}
	return p.lineOf(n)
}

// yamlLine is where a YAML error names its line, counted from the front
// matter's first line, which is the page's second.
var yamlLine = regexp.MustCompile(`line (\d+): `)

// frontMatterError reports a front matter that does not decode, on one line
// and at the line the error names.
func (p *pageParser) frontMatterError(err error) {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n+1 <= len(p.lines) {
			line = n + 1
		}
		msg = yamlLine.ReplaceAllString(msg, "")
	}
	p.warn(line, "front-matter", "front matter is not valid YAML: %s", msg)
}

func (p *pageParser) readFrontMatter(meta map[string]any) {
	if t, ok := meta["title"].(string); ok {
		p.res.Page.Title = strings.TrimSpace(t)
	}
	if d, ok := meta["description"].(string); ok {
		p.res.Page.Description = strings.TrimSpace(d)
	}
	dt, _ := meta["doc_type"].(string)
	dt = strings.ToLower(strings.Trim(strings.TrimSpace(dt), "\"'_ "))
	switch {
	case strings.HasPrefix(dt, "apipagetype"):
		p.res.Page.Kind = model.PageMethod
	case strings.HasPrefix(dt, "resourcepagetype"):
		p.res.Page.Kind = model.PageResource
	case strings.HasPrefix(dt, "enumpagetype"):
		p.res.Page.Kind = model.PageEnum
	case strings.HasPrefix(dt, "conceptual"):
		p.res.Page.Kind = model.PageConceptual
	}
}

func (p *pageParser) walk(doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			p.onHeading(n)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			p.htmlBlock(n)
		case *ast.FencedCodeBlock:
			p.codeBlock(n)
		case *extast.Table:
			p.table(n)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			p.paragraph(n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

func (p *pageParser) onHeading(n *ast.Heading) {
	text, link := inlineText(n, p.src)
	// "# [HTTP](#tab/http)" opens a docfx tab, not a section.
	if strings.HasPrefix(link, "#tab/") {
		return
	}
	lower := strings.ToLower(text)
	if n.Level == 1 && !p.titleSeen {
		p.titleSeen = true
		p.h1 = text
		if p.res.Page.Title == "" {
			p.res.Page.Title = text
		}
		p.res.Page.Pos.Line = p.pageLine(p.lineOf(n))
		return
	}
	if n.Level <= 2 {
		p.h2 = lower
		p.paramsInURL = false
	}
	p.near, p.nearText, p.nearLevel, p.nearUsed = lower, text, n.Level, false
	p.propSection = p.propSection || p.sectionIs("properties") || p.sectionIs("relationships")
	if p.pending != nil {
		p.warn(p.pendingAt, "annotation", "annotation is followed by a heading, not a code block; ignored")
		p.pending = nil
	}
}

func (p *pageParser) paragraph(n *ast.Paragraph) {
	text, link := inlineText(n, p.src)
	lower := strings.ToLower(text)
	switch {
	case strings.HasPrefix(lower, "namespace:"):
		// The summary often follows in the same paragraph:
		// "Namespace: microsoft.graph\nRepresents ...".
		if f := strings.Fields(text[len("namespace:"):]); len(f) > 0 {
			p.ns = strings.TrimRight(f[0], ".,;:")
			p.res.Page.Namespace = p.ns
		}
	case link != "" && p.res.Page.Kind != model.PageMethod && p.baseFromProse(n):
	case strings.HasPrefix(p.h2, "request body"):
		if strings.Contains(lower, "in the request url") {
			p.paramsInURL = true
		}
		if p.res.BodyType == nil {
			p.bodyFromProse(n, text)
		}
	case strings.HasPrefix(p.h2, "response"):
		p.responseProse(n, text)
	}
}

func (p *pageParser) htmlBlock(n *ast.HTMLBlock) {
	raw := strings.TrimSpace(htmlBlockText(n, p.src))
	if !strings.HasPrefix(raw, "<!--") {
		return
	}
	line := p.lineOf(n)
	body := strings.TrimPrefix(raw, "<!--")
	body, _, closed := strings.Cut(body, "-->")
	if !closed {
		// goldmark ends such a comment with its container, often the page.
		p.warn(line, "markdown", "comment has no closing -->: lines %d-%d are read as a comment, not as the page's text", p.lineNo(line), p.lineNo(p.lastLineOf(n)))
		return
	}
	a, ok, err := ParseAnnotation(body)
	if !ok {
		return
	}
	if err != nil {
		p.warn(line, "annotation", "annotation is not JSON (%v); the code block after it is read without it", err)
		return
	}
	if a.Type == "#page.annotation" || strings.EqualFold(a.BlockType, "permissions") {
		// A permissions annotation names the table (or include) after
		// it, not a code block.
		return
	}
	a.Line = line
	if p.pending != nil {
		p.warn(p.pendingAt, "annotation", "annotation is not followed by a code block; ignored")
	}
	p.pending, p.pendingAt = &a, line
}

func (p *pageParser) codeBlock(n *ast.FencedCodeBlock) {
	if !isClosed(n) {
		open := p.lines.line(n.Pos())
		fence := p.src[n.Pos():]
		fence = fence[:len(fence)-len(bytes.TrimLeft(fence, string(fence[:1])))]
		if last := p.lastLineOf(n); last > open {
			p.warn(open, "markdown", "code block has no closing %s: lines %d-%d are read as its code, not as the page's text", fence, p.lineNo(open+1), p.lineNo(last))
		} else {
			p.warn(open, "markdown", "code block has no closing %s", fence)
		}
	}
	a := p.pending
	p.pending = nil
	lang := strings.ToLower(strings.TrimSpace(string(n.Language(p.src))))
	code := blockText(n, p.src)
	line := p.lineOf(n) // first content line
	httpLang := lang == "http" || lang == "" || lang == "msgraph-interactive"
	blockType := ""
	if a != nil {
		blockType = strings.ToLower(a.BlockType)
	}
	switch blockType {
	case "", "ignored", "samples":
		// The syntax block: "ignored" by the docs' own tooling, sometimes
		// "samples" or left without its annotation.
		switch {
		case !httpLang:
		case p.inHTTPRequest():
			p.syntaxBlock(code, line)
		case !strings.Contains(p.h2, "example") && !strings.HasPrefix(p.h2, "response"):
			p.looseBlocks = append(p.looseBlocks, looseBlock{code, line})
		case blockType == "ignored":
			p.ignoredRequest(a, code, 0)
		case blockType == "" && isRequestLine(code):
			// An example request left without its annotation: not an
			// example, but a response that follows belongs to it.
			p.ignoredRequest(&Annotation{}, code, line)
		}
	case "request":
		ex := p.exampleRequest(a, code, line)
		if ex != nil && p.inHTTPRequest() {
			p.requestRoutes = append(p.requestRoutes, ex)
		}
	case "response":
		p.exampleResponse(a, code, line)
	case "resource":
		p.resourceBlock(a, line)
	}
}

// resourceBlock reads the JSON representation's annotation; its JSON is not
// needed, the tables say more.
func (p *pageParser) resourceBlock(a *Annotation, line int) {
	t := p.typ()
	p.resourceSeen = true
	// A name with a line break or a space in it ("0\n0", which a lenient
	// read of the annotation lets through) names no type.
	for _, name := range []*string{&a.ODataType, &a.BaseType} {
		if *name = strings.TrimSpace(*name); strings.ContainsFunc(*name, unicode.IsSpace) {
			p.warn(a.Line, "annotation", "type name %q holds white space; ignored", *name)
			*name = ""
		}
	}
	if a.ODataType != "" {
		name := strings.TrimPrefix(a.ODataType, "#")
		if i := strings.LastIndexByte(name, '.'); i > 0 {
			t.Namespace, t.Name = name[:i], name[i+1:]
		} else {
			t.Name = name
		}
	}
	if a.BaseType != "" {
		// Prose and annotation mostly agree; where they do not, the
		// annotation is more often the copied default (entity), so the
		// prose, which links the base type's page, wins.
		base := QualifyTypeName(a.BaseType, p.ns)
		switch {
		case p.res.BaseLink == "":
			t.BaseType = base
		case !sameBase(base, t.BaseType, p.res.BaseLink):
			p.warn(a.Line, "type", "the annotation's baseType %s disagrees with the prose at line %d, which links %s; took the prose's", base, p.lineNo(p.baseLine), p.res.BaseLink)
		}
	}
	t.Key = a.KeyProperty
	t.Abstract = a.Abstract
	t.OpenType = a.OpenType
	_ = line
}

// op returns the page's operation, creating it on first use.
func (p *pageParser) op() *model.Operation {
	if p.res.Operation == nil {
		p.res.Operation = &model.Operation{Pos: p.res.Page.Pos}
	}
	return p.res.Operation
}

// typ returns the page's resource type, creating it on first use.
func (p *pageParser) typ() *model.Type {
	if p.res.Type == nil {
		p.res.Type = &model.Type{Pos: p.res.Page.Pos, Namespace: p.ns, Source: model.FromResourcePage}
	}
	return p.res.Type
}

// finish settles what needs the whole page: the page kind, names, and
// checks that span sections.
func (p *pageParser) finish() {
	pg := p.res.Page
	if pg.Namespace == "" {
		pg.Namespace = p.ns
	}
	if pg.Kind == "" {
		switch {
		case p.res.Operation != nil && len(p.res.Operation.Routes) > 0:
			pg.Kind = model.PageMethod
		case p.res.Type != nil:
			pg.Kind = model.PageResource
		case len(p.res.Enums) > 0:
			pg.Kind = model.PageEnum
		default:
			pg.Kind = model.PageConceptual
		}
		p.warn(1, "front-matter", "page has no doc_type; read as a %s page", pg.Kind)
	}
	if p.pending != nil {
		p.warn(p.pendingAt, "annotation", "annotation is not followed by a code block; ignored")
	}
	p.reconcileKind()
	switch pg.Kind {
	case model.PageMethod:
		p.finishOperation()
		p.res.Type = nil
	case model.PageResource:
		if !p.noType {
			p.finishType()
		}
		p.res.Operation = nil
	default:
		p.res.Operation, p.res.Type = nil, nil
	}
}

func (p *pageParser) finishOperation() {
	op := p.op()
	op.Pos = p.res.Page.Pos
	op.Title = p.res.Page.Title
	op.Doc = p.res.Page.Description
	if len(op.Routes) == 0 {
		p.routesElsewhere()
	}
	if len(op.Routes) == 0 {
		p.warnAt(op.Pos, "route", "method page has no HTTP request syntax block; no operation generated")
		p.res.Operation = nil
		return
	}
	for _, ex := range op.Examples {
		if ex.Response == nil {
			p.warnAt(ex.Pos, "example", "request example %q has no response example", ex.Name)
		}
	}
	if op.Response.Status == 0 {
		for _, ex := range op.Examples {
			if ex.Response != nil {
				op.Response.Status = ex.Response.Status
				op.Response.Pos = ex.Response.Pos
				p.warnAt(op.Pos, "response", "response status is not stated in the Response section; took %d from the example", ex.Response.Status)
				break
			}
		}
	}
	if op.Response.Status == 0 {
		op.Response.Status = 200
		p.warnAt(op.Pos, "response", "response status is stated nowhere; assumed 200")
	}
	p.responseFromExample()
	if bt := p.res.BodyType; bt != nil {
		if op.Body == nil {
			op.Body = &model.Body{Pos: op.Pos}
		}
		op.Body.Type = bt.Ref
	}
	p.matchPathParams()
}

// reconcileKind settles a page whose doc_type says one kind while its
// content is another: "resourcePageType" over an HTTP request syntax block
// and no properties, or "apiPageType" over a Properties table and no syntax
// block. A resource page that documents no type at all (an overview) keeps
// its kind but yields no type. Each case gets one warning.
func (p *pageParser) reconcileKind() {
	pg := p.res.Page
	hasProps := p.res.Type != nil && (len(p.res.Type.Properties) > 0 || p.resourceSeen)
	hasType := hasProps || p.propSection
	hasRoutes := p.res.Operation != nil && len(p.res.Operation.Routes) > 0
	switch {
	case pg.Kind == model.PageResource && !hasType && hasRoutes:
		pg.Kind = model.PageMethod
		p.warn(1, "front-matter", "doc_type is resourcePageType but the page documents a method (an HTTP request syntax block, no properties); read as a method page")
	case pg.Kind == model.PageResource && !hasType:
		p.warnAt(pg.Pos, "type", "resource page has no Properties section and no JSON representation; no type generated")
		p.res.Type = nil
		p.noType = true
	case pg.Kind == model.PageMethod && hasProps && !hasRoutes && len(p.requestRoutes) == 0:
		pg.Kind = model.PageResource
		p.warn(1, "front-matter", "doc_type is apiPageType but the page documents a resource (properties, no HTTP request syntax block); read as a resource page")
	}
}

// typeTitle matches the heading of a resource page: "user resource type",
// "fieldValueSet resource", "identitySet complex type".
var typeTitle = regexp.MustCompile(`(?i)^([a-z_][a-z0-9_.]*)\s+(?:resource(?:\s+type)?|(?:complex|entity)\s+type)$`)

func (p *pageParser) finishType() {
	t := p.typ()
	t.Pos = p.res.Page.Pos
	t.Doc = p.res.Page.Description
	if t.Name != "" {
		return // the JSON representation's @odata.type
	}
	// "# user resource type": the heading names the type; the front
	// matter's title sometimes says something else ("Identity Protection
	// APIs"). Failing both forms, the title's first word.
	for _, title := range []string{p.h1, p.res.Page.Title} {
		if m := typeTitle.FindStringSubmatch(strings.TrimSpace(title)); m != nil {
			t.Name = m[1]
			return
		}
	}
	for _, title := range []string{p.res.Page.Title, p.h1} {
		if f := strings.Fields(title); len(f) > 0 {
			t.Name = f[0]
			return
		}
	}
	p.warnAt(t.Pos, "type", "resource page has no title and no @odata.type annotation; skipped")
	p.res.Type = nil
}

// checkEncoding rejects binary files and repairs invalid UTF-8, reporting
// the first bad line. ok is false when the page must be skipped.
func (p *pageParser) checkEncoding(src []byte) ([]byte, bool) {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		p.diags.Errorf(p.pos(rawLine(src, i)), "encoding", "NUL byte: not a text file; skipped")
		return nil, false
	}
	if utf8.Valid(src) {
		return src, true
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			p.diags.Warnf(p.pos(rawLine(src, i)), "encoding", "invalid UTF-8; bad bytes replaced with U+FFFD")
			break
		}
		i += size
	}
	return bytes.ToValidUTF8(src, []byte("\uFFFD")), true
}
