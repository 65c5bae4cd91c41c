package parser

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// maxPageBytes bounds what one page may hold; larger files are reported and
// skipped rather than parsed.
const maxPageBytes = 4 << 20

// PageResult is what one page contributes to the model before resolution.
type PageResult struct {
	Page  *model.Page
	Type  *model.Type   // resource pages
	Enums []*model.Enum // enum pages
	// LocalEnums are member tables under "### fooType values" headings on
	// other pages; they define fooType only when a Type cell names it.
	LocalEnums []*model.Enum
	// Values holds the members a property's description lists ("Possible
	// values are: `a`, `b`."), which define its type as an enum when
	// nothing else does.
	Values    map[*model.Property][]string
	Operation *model.Operation // method pages
	// Links maps a property to the page its Type cell links to.
	Links map[*model.Property]string
	// ParamLinks maps a parameter to the page its Type cell links to.
	ParamLinks map[*model.Parameter]string
	// BodyType is the type the request-body prose links to.
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
	diags *diag.List
	res   *PageResult

	ns        string
	h2        string // lowercased text of the current level-2 heading
	near      string // lowercased text of the nearest heading of any level
	nearText  string // the nearest heading as written
	nearLevel int
	nearUsed  bool // the nearest heading has named an enum's table
	// propTableIn is the heading whose property table was last read.
	propTableIn string
	// queries are the query strings of the syntax block's routes, which
	// the model's routes do not keep.
	queries []string
	// responseRead is set once a Response paragraph has stated the status;
	// noBody once one has said nothing is returned.
	responseRead, noBody bool
	// paramsInURL is set when the request body section says its table
	// lists parameters of the request URL.
	paramsInURL bool
	// singleEnumDone is set once the title has named an enum's table.
	singleEnumDone bool
	pending        *Annotation
	pendingAt      int
	kindHint       model.PageKind
	titleSeen      bool
	h1             string // the page's first level-1 heading
	baseLine       int    // line of the prose that names the base type
	// resourceSeen is set by a JSON representation's annotation.
	resourceSeen bool
	// propSection is set by a Properties or Relationships heading; noType
	// when the page turned out to document no type.
	propSection, noType bool
	// openRequests are example requests awaiting their response.
	openRequests []*model.Example
	// ignored marks requests annotated "ignored", which are not examples.
	// unannotated ones map to their line, "ignored" ones to 0.
	ignored map[*model.Example]int
	// looseBlocks and requestRoutes stand in for a missing syntax block.
	looseBlocks   []looseBlock
	requestRoutes []*model.Example
}

// ParsePage reads one markdown page. path is the page's stable path (see
// model.Pos). Problems go to diags; the result holds whatever could be read.
func ParsePage(path string, src []byte, diags *diag.List) *PageResult {
	res := &PageResult{Page: &model.Page{Pos: model.Pos{File: path, Line: 1}}, Links: map[*model.Property]string{}, ParamLinks: map[*model.Parameter]string{}, Values: map[*model.Property][]string{}}
	if len(src) > maxPageBytes {
		diags.Errorf(model.Pos{File: path}, "limits", "page is %d bytes, over the %d-byte limit; skipped", len(src), maxPageBytes)
		return res
	}
	p := &pageParser{path: path, diags: diags, res: res, ns: "microsoft.graph"}
	src, ok := p.checkEncoding(src)
	if !ok {
		return res
	}
	p.src = normalize(src)
	p.lines = newLineIndex(p.src)
	doc, meta, err := parseMarkdown(p.src)
	if err != nil {
		p.warn(1, "front-matter", "front matter is not valid YAML: %v", err)
	}
	p.readFrontMatter(meta)
	p.walk(doc)
	p.finish()
	return res
}

func (p *pageParser) pos(line int) model.Pos { return model.Pos{File: p.path, Line: line} }

func (p *pageParser) warn(line int, category, format string, args ...any) {
	p.diags.Warnf(p.pos(line), category, format, args...)
}

func (p *pageParser) lineOf(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return p.lines.line(n.Lines().At(0).Start)
	}
	return p.lines.line(n.Pos())
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
		p.res.Page.Pos.Line = p.lineOf(n)
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

// basePhrases introduce a base type in a resource page's prose: "Inherits
// from [entity](entity.md).", "Derived from [place](place.md).", "A subclass
// of [educationResource](educationresource.md).", anywhere in a paragraph.
var basePhrases = []string{"inherits from", "inherits from base class", "inherited from", "derived from", "subclass of"}

// baseFromProse reads the first link that directly follows a base phrase and
// reports whether it found one. A base type already known is kept.
func (p *pageParser) baseFromProse(n *ast.Paragraph) bool {
	found := p.linkAfter(n, basePhrases, nil)
	if found == nil {
		return false
	}
	if p.res.Type != nil && p.res.Type.BaseType != "" {
		return true
	}
	if tc := p.linkType(found); tc != nil {
		p.typ().BaseType = tc.Ref.Name
		p.res.BaseLink = tc.Link
		p.baseLine = p.lineOf(n)
	}
	return true
}

// bodyPhrases introduce the resource a request body carries: "supply a
// JSON representation of the [user](../resources/user.md) object", "Provide
// the new [x] object", "Provide a JSON body of each [x] object".
var bodyPhrases = []string{"representation of", "representation for", "provide", "json body of"}

// bodyFromProse reads the request body's resource from the section's prose:
// a link after a body phrase, or a name written plainly, as in "supply a JSON
// representation for the mobileAppCategory object".
func (p *pageParser) bodyFromProse(n *ast.Paragraph, text string) {
	articles := []string{"the", "a", "an", "new", "each"}
	if l := p.linkAfter(n, bodyPhrases, articles); l != nil {
		p.res.BodyType = p.linkType(l)
		return
	}
	if m := plainBody.FindStringSubmatch(text); m != nil {
		if tc, ok := ParseTypeCell(m[1], "", p.ns); ok && !tc.Ref.IsEdm() {
			p.res.BodyType = &tc
		}
	}
}

var plainBody = regexp.MustCompile(`(?i)\brepresentation (?:of|for) (?:(?:the|a|an|new) )*([a-z][a-z0-9_.]*) (?:object|resource|entity)\b`)

// linkAfter returns the first link to a page (".md") that directly follows
// one of phrases, with any of skip's words between; case and spacing do not
// matter.
func (p *pageParser) linkAfter(n ast.Node, phrases, skip []string) *ast.Link {
	var before strings.Builder
	var found *ast.Link
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || found != nil {
			return ast.WalkSkipChildren, nil
		}
		switch c := c.(type) {
		case *ast.Link:
			words := strings.Fields(strings.ToLower(before.String()))
			for len(words) > 0 && slices.Contains(skip, words[len(words)-1]) {
				words = words[:len(words)-1]
			}
			lower := strings.Join(words, " ")
			for _, ph := range phrases {
				if (lower == ph || strings.HasSuffix(lower, " "+ph)) && strings.Contains(string(c.Destination), ".md") {
					found = c
					return ast.WalkStop, nil
				}
			}
			t, _ := inlineText(c, p.src)
			before.WriteString(t)
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			before.Write(textValue(c, p.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				before.WriteByte(' ')
			}
		case *ast.CodeSpan:
			t, _ := inlineText(c, p.src)
			before.WriteString(t)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// linkType reads a link's text as a type name, the link as its page.
func (p *pageParser) linkType(l *ast.Link) *TypeCell {
	name, _ := inlineText(l, p.src)
	if tc, ok := ParseTypeCell(name, string(l.Destination), p.ns); ok {
		return &tc
	}
	return nil
}

func (p *pageParser) htmlBlock(n *ast.HTMLBlock) {
	raw := strings.TrimSpace(htmlBlockText(n, p.src))
	if !strings.HasPrefix(raw, "<!--") {
		return
	}
	line := p.lineOf(n)
	body := strings.TrimPrefix(raw, "<!--")
	body, _, _ = strings.Cut(body, "-->")
	a, ok, err := ParseAnnotation(body)
	if !ok {
		return
	}
	if err != nil {
		p.warn(line, "annotation", "annotation is not JSON (%v); the code block after it is read without it", err)
		return
	}
	if a.Type == "#page.annotation" {
		return
	}
	a.Line = line
	if p.pending != nil {
		p.warn(p.pendingAt, "annotation", "annotation is not followed by a code block; ignored")
	}
	p.pending, p.pendingAt = &a, line
}

func (p *pageParser) codeBlock(n *ast.FencedCodeBlock) {
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

// inHTTPRequest reports whether the walk is in an "HTTP request" section,
// which may be a subsection: OneDrive pages document each route under its
// own heading with a "### HTTP request".
func (p *pageParser) inHTTPRequest() bool {
	return strings.HasPrefix(p.h2, "http request") ||
		strings.HasPrefix(p.near, "http request") && !strings.Contains(p.h2, "example")
}

// looseBlock is an http block outside the sections that hold syntax blocks
// and examples: the routes of a page whose "HTTP request" heading is missing.
type looseBlock struct {
	code string
	line int
}

func (p *pageParser) syntaxBlock(code string, line int) {
	op := p.op()
	routes, problems := ParseSyntaxBlock(code)
	for _, pr := range problems {
		p.warn(line+pr.Line, "route", "%s", pr.Message)
	}
	for _, r := range routes {
		if a := AngledPlaceholder(r.Path); a != "" {
			p.warn(line+r.Line, "route", "placeholder %s is in angle brackets; read as {%s} (write it so)", a, strings.Trim(a, "<>"))
			break
		}
	}
	// An operation has one method; a block that mixes methods (PATCH and
	// PUT for one update) keeps the first, reported once per block.
	var skipped []RouteLine
	for _, r := range routes {
		if op.Method == "" {
			op.Method = r.Method
		}
		if r.Method != op.Method {
			skipped = append(skipped, r)
			continue
		}
		op.Routes = append(op.Routes, &model.Route{Pos: p.pos(line + r.Line), Path: r.Path, Segments: ParseRoute(r.Path)})
		if r.Query != "" {
			p.queries = append(p.queries, r.Query)
		}
	}
	if len(skipped) > 0 {
		r := skipped[0]
		what := fmt.Sprintf("route %s %s", r.Method, r.Path)
		if len(skipped) > 1 {
			what = fmt.Sprintf("%d routes, the first %s %s", len(skipped), r.Method, r.Path)
		}
		p.warn(line+r.Line, "route", "syntax block mixes methods: kept the %s routes, skipped %s (an operation has one method)", op.Method, what)
	}
}

// isRequestLine reports whether a block starts with "METHOD URL".
func isRequestLine(code string) bool {
	first, _ := firstLine(strings.Split(code, "\n"))
	f := strings.Fields(first)
	return len(f) >= 2 && httpMethods[strings.ToUpper(f[0])] && (strings.HasPrefix(f[1], "/") || schemeEnd(f[1]) > 0)
}

// ignoredRequest notes an example request the docs' own tooling is told to
// ignore (often one that needs "ConsistencyLevel: eventual"), or one with no
// annotation at all (unannotated, its line): a response that follows pairs
// with it, and both are left out of the examples.
func (p *pageParser) ignoredRequest(a *Annotation, code string, unannotated int) {
	m, err := ParseExampleRequest(code)
	if err != nil {
		return
	}
	ex := &model.Example{Request: &model.ExampleRequest{Method: m.Method, URL: m.URL, Path: m.Path}}
	if len(a.Names) > 0 {
		ex.Name = a.Names[0]
	}
	if p.ignored == nil {
		p.ignored = map[*model.Example]int{}
	}
	p.ignored[ex] = unannotated
	p.openRequests = append(p.openRequests, ex)
}

func (p *pageParser) exampleRequest(a *Annotation, code string, line int) *model.Example {
	m, err := ParseExampleRequest(code)
	if err != nil {
		p.warn(line, "example", "request example: %v; skipped", err)
		return nil
	}
	name := ""
	if len(a.Names) > 0 {
		name = a.Names[0]
	}
	ex := &model.Example{
		Pos:  p.pos(a.Line),
		Name: name,
		Request: &model.ExampleRequest{
			Pos: p.pos(line), Method: m.Method, URL: m.URL, Path: m.Path,
			Headers: m.Headers, Body: m.Body,
		},
	}
	op := p.op()
	for _, prev := range op.Examples {
		if name != "" && prev.Name == name {
			p.warn(a.Line, "example", "example name %q is also used at line %d", name, prev.Pos.Line)
			break
		}
	}
	op.Examples = append(op.Examples, ex)
	p.openRequests = append(p.openRequests, ex)
	return ex
}

// exampleResponse pairs a response with its request: by name when the
// response names one, else with the latest request still waiting.
func (p *pageParser) exampleResponse(a *Annotation, code string, line int) {
	m, err := ParseExampleResponse(code)
	if err != nil {
		p.warn(line, "example", "response example: %v; skipped", err)
		return
	}
	resp := &model.ExampleResponse{
		Pos: p.pos(line), Status: m.Status, Headers: m.Headers, Body: m.Body,
		Truncated: a.Truncated, ODataType: a.ODataType, IsCollection: a.IsCollection,
	}
	// A response may name several requests ("name": ["a", "b"]): each of
	// them gets it.
	var matched []int
	for i, ex := range p.openRequests {
		for _, n := range a.Names {
			if n == ex.Name {
				matched = append(matched, i)
				break
			}
		}
	}
	if len(matched) == 0 && len(p.openRequests) > 0 {
		matched = []int{len(p.openRequests) - 1}
	}
	if len(matched) == 0 {
		p.warn(a.Line, "example", "response example has no request before it; skipped")
		return
	}
	for _, i := range matched {
		ex := p.openRequests[i]
		if line, ignored := p.ignored[ex]; ignored {
			if line > 0 {
				p.warn(a.Line, "example", "the request for this response, at line %d, has no annotation; add one (blockType request) to make them an example, skipped until then", line)
			}
			continue
		}
		r := *resp
		ex.Response = &r
	}
	open := p.openRequests[:0]
	for i, ex := range p.openRequests {
		if !slices.Contains(matched, i) {
			open = append(open, ex)
		}
	}
	p.openRequests = open
}

// resourceBlock reads the JSON representation's annotation; its JSON is not
// needed, the tables say more.
func (p *pageParser) resourceBlock(a *Annotation, line int) {
	t := p.typ()
	p.resourceSeen = true
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
			p.warn(a.Line, "type", "the annotation's baseType %s disagrees with the prose at line %d, which links %s; took the prose's", base, p.baseLine, p.res.BaseLink)
		}
	}
	t.Key = a.KeyProperty
	t.Abstract = a.Abstract
	t.OpenType = a.OpenType
	_ = line
}

// sameBase reports whether an annotation's base type is the one prose names
// by name or links to by page: the page of "[Conditional Access Session
// Control](conditionalaccesssessioncontrol.md)" is named after the type.
func sameBase(annotated, prose, link string) bool {
	_, name := splitQualified(annotated)
	name = strings.ToLower(name)
	if strings.EqualFold(annotated, prose) {
		return true
	}
	file := strings.ToLower(strings.TrimSuffix(path.Base(strings.SplitN(link, "#", 2)[0]), ".md"))
	return file == name || strings.HasSuffix(file, "-"+name)
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
		p.warn(op.Pos.Line, "route", "method page has no HTTP request syntax block; no operation generated")
		p.res.Operation = nil
		return
	}
	for _, ex := range op.Examples {
		if ex.Response == nil {
			p.warn(ex.Pos.Line, "example", "request example %q has no response example", ex.Name)
		}
	}
	if op.Response.Status == 0 {
		for _, ex := range op.Examples {
			if ex.Response != nil {
				op.Response.Status = ex.Response.Status
				op.Response.Pos = ex.Response.Pos
				p.warn(op.Pos.Line, "response", "response status is not stated in the Response section; took %d from the example", ex.Response.Status)
				break
			}
		}
	}
	if op.Response.Status == 0 {
		op.Response.Status = 200
		p.warn(op.Pos.Line, "response", "response status is stated nowhere; assumed 200")
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

// matchPathParams names each documented path or function parameter after
// the route parameter it documents: "id" is "{id}"; the function parameter
// "period" is "{period_value}" in "getEmailActivityCounts(period='{period_value}')".
// A parameter no route holds is reported: its value has nowhere to go.
func (p *pageParser) matchPathParams() {
	op := p.op()
	type routeParam struct{ name, before string }
	var params []routeParam
	for _, r := range op.Routes {
		for _, s := range r.Segments {
			if s.Param != "" {
				params = append(params, routeParam{s.Param, ""})
			}
			for i, part := range s.Parts {
				if part.Param == "" {
					continue
				}
				before := ""
				if i > 0 {
					before = strings.ToLower(s.Parts[i-1].Literal)
				}
				params = append(params, routeParam{part.Param, before})
			}
		}
	}
	// "?$expand=singleValueExtendedProperties($filter=id eq '{id_value}')"
	for _, q := range p.queries {
		for rest := q; ; {
			open, end, ok := nextPlaceholder(rest)
			if !ok {
				break
			}
			params = append(params, routeParam{paramName(rest[open+1 : end]), ""})
			rest = rest[end+1:]
		}
	}
	find := func(name string) (string, bool) {
		lower := strings.ToLower(name)
		for _, rp := range params {
			if strings.EqualFold(rp.name, name) {
				return rp.name, true
			}
		}
		for _, rp := range params {
			b := strings.TrimRight(rp.before, "'\"")
			if strings.HasSuffix(b, lower+"=") && (len(b) == len(lower)+1 || !isNameByte(b[len(b)-len(lower)-2])) {
				return rp.name, true
			}
		}
		return "", false
	}
	var missing []*model.Parameter
	for _, pp := range op.PathParams {
		if name, ok := find(pp.Name); ok {
			pp.Name = name
			continue
		}
		missing = append(missing, pp)
	}
	switch len(missing) {
	case 0:
	case 1:
		p.warn(missing[0].Pos.Line, "route", "parameter %q is in no route as a {placeholder}; the routes cannot carry it", missing[0].Name)
	default:
		var names []string
		for _, pp := range missing {
			names = append(names, strconv.Quote(pp.Name))
		}
		p.warn(missing[0].Pos.Line, "route", "parameters %s are in no route as {placeholders}; the routes cannot carry them", strings.Join(names, ", "))
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// routesElsewhere finds the routes of a method page that has no syntax block
// under an "HTTP request" heading: the request examples under "HTTP
// request" headings, which some pages write as route templates, or else
// http blocks of route lines elsewhere (the heading is missing).
func (p *pageParser) routesElsewhere() {
	op := p.op()
	for _, ex := range p.requestRoutes {
		if len(op.Routes) == 0 {
			p.warn(ex.Request.Pos.Line, "route", "the \"HTTP request\" section holds a request example, not a syntax block; took its URL as the route")
		}
		if op.Method == "" {
			op.Method = ex.Request.Method
		}
		if ex.Request.Method == op.Method {
			op.Routes = append(op.Routes, &model.Route{Pos: ex.Request.Pos, Path: ex.Request.Path, Segments: ParseRoute(ex.Request.Path)})
		}
	}
	if len(op.Routes) > 0 {
		return
	}
	for _, b := range p.looseBlocks {
		if routes, problems := ParseSyntaxBlock(b.code); len(routes) > 0 && len(problems) == 0 {
			if len(op.Routes) == 0 {
				p.warn(b.line, "route", "http block outside an \"HTTP request\" section; read as the syntax block")
			}
			p.syntaxBlock(b.code, b.line)
		}
	}
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
		p.warn(pg.Pos.Line, "type", "resource page has no Properties section and no JSON representation; no type generated")
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
	p.warn(t.Pos.Line, "type", "resource page has no title and no @odata.type annotation; skipped")
	p.res.Type = nil
}

// checkEncoding rejects binary files and repairs invalid UTF-8, reporting
// the first bad line. ok is false when the page must be skipped.
func (p *pageParser) checkEncoding(src []byte) ([]byte, bool) {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		p.diags.Errorf(p.pos(bytes.Count(src[:i], []byte("\n"))+1), "encoding", "NUL byte: not a text file; skipped")
		return nil, false
	}
	if utf8.Valid(src) {
		return src, true
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			p.diags.Warnf(p.pos(bytes.Count(src[:i], []byte("\n"))+1), "encoding", "invalid UTF-8; bad bytes replaced with U+FFFD")
			break
		}
		i += size
	}
	return bytes.ToValidUTF8(src, []byte("\uFFFD")), true
}
