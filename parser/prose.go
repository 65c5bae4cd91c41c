package parser

// This file reads what a page says in prose rather than in tables: base
// types ("Inherits from [entity](entity.md)") and request-body resources.

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

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
		if c, isLink := c.(*ast.Link); isLink {
			// Only the words just before the link matter; reading all the
			// text before each link made long paragraphs quadratic.
			words := strings.Fields(strings.ToLower(lastBytes(before.String(), proseWindow)))
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
		}
		status, _ := writeLeaf(&before, c, p.src)
		return status, nil
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

// proseWindow is how much text before a link or a value list the phrase
// checks read: many times the longest phrase with its skipped words.
const proseWindow = 256

// lastBytes returns the last n bytes of s. A word cut at the start of the
// window is too far from the phrase's end to be part of it.
func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
