package parser

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/docgen-dev/docgen/parser/model"
)

// responseProse reads the Response section's prose: "If successful, this
// method returns a `201 Created` response code and a [x](../resources/x.md)
// object in the response body." The status comes from the first paragraph
// that states one; the type from the first paragraph that says what is
// returned, in the many ways pages say it: "a collection of [x] objects",
// "[x] collection", "a list of [x] items", "a String collection", "a
// Stream", "It does not return anything in the response body".
func (p *pageParser) responseProse(n *ast.Paragraph, text string) {
	op := p.op()
	lower := strings.ToLower(text)
	if !strings.Contains(lower, "return") || p.responseRead {
		return
	}
	status := 0
	if op.Response.Status == 0 {
		if status = p.statusOf(n, text); status != 0 {
			op.Response.Status = status
			op.Response.Pos = p.pos(p.lineOf(n))
		}
	}
	if op.Response.Status == 204 {
		p.noBody = true // whatever else the paragraph says
	}
	if op.Response.Type == nil && !p.noBody {
		if noBodyPhrase.MatchString(lower) {
			p.noBody = true
		} else if ref, link := p.returnedType(n, text); ref != nil {
			op.Response.Type = ref
			p.res.ResponseLink = link
			if op.Response.Pos.Line == 0 {
				op.Response.Pos = p.pos(p.lineOf(n))
			}
		}
	}
	// The first paragraph that states the status settles the response; later
	// ones describe other cases (errors, "Prefer: return=representation").
	p.responseRead = status != 0
}

var (
	// statusPhrase finds a status written without a code span: "returns a
	// 201 Created response code".
	statusPhrase = regexp.MustCompile(`\b([1-3][0-9][0-9]),?\s+(?:OK|[A-Z][a-z]+)\b`)
	noBodyPhrase = regexp.MustCompile(`(?:not return anything|no response body|does not return a response body|empty response body|empty content|nothing to return|no content in the response)`)
	// edmReturned finds an Edm type returned without a link: "and a String
	// collection in the response body", "a Stream".
	edmReturned = regexp.MustCompile(`(?i)\b(?:and|with|returns)\s+(?:an?\s+|the\s+)?(collection of\s+)?(String|Stream|Int32|Int64|Boolean|Double|Binary|Guid|DateTimeOffset)\b(\s+collection)?`)
)

// statusOf reads the success status of a paragraph: a code span holding it
// ("`201 Created`", "`HTTP 200 OK`", "`204, No Content`"), else plain text.
// A 4xx or 5xx status is an error case, never the success.
func (p *pageParser) statusOf(n *ast.Paragraph, text string) int {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		cs, ok := c.(*ast.CodeSpan)
		if !ok {
			continue
		}
		t, _ := inlineText(cs, p.src)
		f := strings.Fields(strings.NewReplacer(",", " ", "HTTP/1.1", " ", "HTTP", " ").Replace(t))
		if len(f) == 0 {
			continue
		}
		if s, err := strconv.Atoi(f[0]); err == nil && s >= 100 && s < 400 {
			return s
		}
	}
	if m := statusPhrase.FindStringSubmatch(text); m != nil {
		s, _ := strconv.Atoi(m[1])
		return s
	}
	return 0
}

// returnedType reads the type a paragraph says is returned: the first link
// to a page whose text names a type, or an Edm type named in words.
func (p *pageParser) returnedType(n *ast.Paragraph, text string) (*model.TypeRef, string) {
	var before strings.Builder
	var found *ast.Link
	var after strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		out := &before
		if found != nil {
			out = &after
		}
		if c, isLink := c.(*ast.Link); isLink {
			t, _ := inlineText(c, p.src)
			if found == nil && strings.Contains(string(c.Destination), ".md") && isTypeName(typeWord(t)) {
				found = c
			} else {
				out.WriteString(t)
			}
			return ast.WalkSkipChildren, nil
		}
		status, _ := writeLeaf(out, c, p.src)
		return status, nil
	})
	if found != nil {
		name, _ := inlineText(found, p.src)
		tc, ok := ParseTypeCell(typeWord(name), string(found.Destination), p.ns)
		if ok {
			tc.Ref.Collection = isCollectionPhrase(before.String(), after.String())
			return &tc.Ref, tc.Link
		}
	}
	if m := edmReturned.FindStringSubmatch(text); m != nil {
		ref := model.TypeRef{Name: QualifyTypeName(m[2], p.ns), Collection: m[1] != "" || m[3] != ""}
		return &ref, ""
	}
	return nil, ""
}

// typeWord drops the words link texts add to a type name: "Drive
// resource", "driveItem objects".
func typeWord(s string) string {
	f := strings.Fields(strings.Trim(s, "`*_ "))
	for len(f) > 1 {
		switch strings.ToLower(f[len(f)-1]) {
		case "resource", "resources", "object", "objects", "entity", "entities", "collection":
			f = f[:len(f)-1]
			continue
		}
		break
	}
	return strings.Join(f, " ")
}

// isCollectionPhrase reports whether the words around a returned type's
// link make it a collection: "a collection of [x] objects", "[x]
// collection", "a list of [x] items", "the requested [x] objects".
func isCollectionPhrase(before, after string) bool {
	b := strings.Fields(strings.ToLower(before))
	for len(b) > 0 {
		switch b[len(b)-1] {
		case "a", "an", "the", "requested", "new", "updated", "created":
			b = b[:len(b)-1]
			continue
		}
		break
	}
	tail := strings.Join(b, " ")
	for _, ph := range []string{"collection of", "list of", "array of", "set of"} {
		if tail == ph || strings.HasSuffix(tail, " "+ph) {
			return true
		}
	}
	a := strings.Fields(strings.ToLower(after))
	if len(a) > 0 {
		switch strings.Trim(a[0], ".,;") {
		case "collection", "objects", "resources", "items", "entities":
			return true
		}
	}
	return false
}

// responseFromExample takes the response type from a response example's
// annotation ("@odata.type", "isCollection") when the prose names none.
func (p *pageParser) responseFromExample() {
	op := p.op()
	if op.Response.Type != nil || p.noBody || op.Response.Status == 204 {
		return
	}
	for _, ex := range op.Examples {
		r := ex.Response
		if r == nil || r.ODataType == "" || r.Status != op.Response.Status {
			continue
		}
		tc, ok := ParseTypeCell(strings.TrimPrefix(r.ODataType, "#"), "", p.ns)
		if !ok || tc.Note != "" {
			continue
		}
		tc.Ref.Collection = tc.Ref.Collection || r.IsCollection
		op.Response.Type = &tc.Ref
		return
	}
}
