package csdl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/docgen-dev/docgen/parser/model"
)

// Finding categories, one per kind of disagreement.
const (
	// CatUnknownType: a resource page documents a type the metadata lacks.
	CatUnknownType = "csdl-unknown-type"
	// CatKind: the page and the metadata disagree on entity vs complex.
	CatKind = "csdl-kind"
	// CatBaseType: the page and the metadata name different base types.
	CatBaseType = "csdl-base-type"
	// CatMissingProperty: the metadata has an own property the page does
	// not document.
	CatMissingProperty = "csdl-missing-property"
	// CatUnknownProperty: the page documents a property the metadata has
	// neither on the type nor on its bases.
	CatUnknownProperty = "csdl-unknown-property"
	// CatTypeMismatch: a property's type differs.
	CatTypeMismatch = "csdl-type-mismatch"
	// CatPropertyCase: a property's name differs only in case. It still
	// counts as documented, as the intent is plain, but a generated decoder
	// matches names exactly.
	CatPropertyCase = "csdl-property-case"
	// CatNavigation: a property is a navigation property on one side and a
	// structural one on the other.
	CatNavigation = "csdl-navigation"
)

// Finding is one disagreement between the docs and the metadata, at the
// place in the docs to fix (or to look at, when the docs are right and the
// parser is not).
type Finding struct {
	Pos      model.Pos `json:"pos"`
	Category string    `json:"category"`
	Message  string    `json:"message"` // lowercase, no trailing period
	Type     string    `json:"type"`    // qualified name of the documented type
	Property string    `json:"property,omitempty"`
	// CSDLLine is the line in the metadata of what was compared, when the
	// metadata has it.
	CSDLLine int `json:"csdlLine,omitempty"`
}

func (f Finding) String() string { return fmt.Sprintf("%s: %s: %s", f.Pos, f.Category, f.Message) }

// Report is the outcome of Compare.
type Report struct {
	Types        int // resource-page types found in the metadata
	UnknownTypes int // resource-page types the metadata lacks

	// Recall: of the metadata's own properties of the compared types
	// (CSDLProperties), how many the pages document (Recalled).
	CSDLProperties, Recalled int
	// The same with inherited properties counted on every type, reported
	// for comparison (see the package comment).
	CSDLInherited, RecalledInherited int

	// Precision: of the documented properties of the compared types
	// (DocProperties), how many the metadata has, own or inherited (Known).
	DocProperties, Known int

	// Kind agreement: of the properties on both sides (Known), how many have
	// the same type and collection-ness (Agreeing).
	Agreeing int

	// BaseAgreeing and KindAgreeing count the compared types whose base
	// type, and whose entity-or-complex kind, agree.
	BaseAgreeing, KindAgreeing int

	Findings []Finding // by file, line, category, message
}

// Recall is Recalled/CSDLProperties as a percentage.
func (r *Report) Recall() float64 { return percent(r.Recalled, r.CSDLProperties) }

// Precision is Known/DocProperties as a percentage.
func (r *Report) Precision() float64 { return percent(r.Known, r.DocProperties) }

// KindAgreement is Agreeing/Known as a percentage.
func (r *Report) KindAgreement() float64 { return percent(r.Agreeing, r.Known) }

func percent(n, d int) float64 {
	if d == 0 {
		return 100
	}
	return 100 * float64(n) / float64(d)
}

// Summary is the report as one line.
func (r *Report) Summary() string {
	return fmt.Sprintf("csdl: %s types compared; property recall %.1f%% (%s/%s), precision %.1f%% (%s/%s), kind agreement %.1f%% (%s/%s)",
		thousands(r.Types),
		r.Recall(), thousands(r.Recalled), thousands(r.CSDLProperties),
		r.Precision(), thousands(r.Known), thousands(r.DocProperties),
		r.KindAgreement(), thousands(r.Agreeing), thousands(r.Known))
}

// ByCategory counts the findings of each category.
func (r *Report) ByCategory() map[string]int {
	m := map[string]int{}
	for _, f := range r.Findings {
		m[f.Category]++
	}
	return m
}

// thousands formats n with comma separators: 12345 → "12,345".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Compare measures how faithfully api's resource-page types reflect the
// metadata s. Types are matched by qualified name, case-insensitively.
func Compare(api *model.API, s *Schema) *Report {
	c := &comparer{api: api, s: s, r: &Report{}, docTypes: map[string]*model.Type{}}
	for _, t := range api.Types {
		c.docTypes[strings.ToLower(t.QualifiedName())] = t
	}
	for _, t := range api.Types {
		if t.Source == model.FromResourcePage {
			c.compareType(t)
		}
	}
	sort.SliceStable(c.r.Findings, func(i, j int) bool {
		a, b := c.r.Findings[i], c.r.Findings[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		return a.Message < b.Message
	})
	return c.r
}

type comparer struct {
	api      *model.API
	s        *Schema
	r        *Report
	docTypes map[string]*model.Type // lowercased qualified name → documented type
}

func (c *comparer) add(f Finding) { c.r.Findings = append(c.r.Findings, f) }

func (c *comparer) compareType(t *model.Type) {
	qn := t.QualifiedName()
	ct := c.s.Type(qn)
	if ct == nil {
		c.r.UnknownTypes++
		c.add(Finding{Pos: t.Pos, Category: CatUnknownType, Type: qn, Message: c.unknownTypeMessage(t)})
		return
	}
	c.r.Types++
	c.compareBase(t, ct)
	c.compareKind(t, ct)

	all := c.s.AllProperties(ct)
	exact := map[string]*Property{}
	folded := map[string]*Property{}
	for _, p := range all {
		exact[p.Name] = p
		if _, dup := folded[strings.ToLower(p.Name)]; !dup {
			folded[strings.ToLower(p.Name)] = p
		}
	}

	// Precision and kind agreement, over the documented properties. A name
	// documented twice counts once.
	documented := map[string]bool{}
	for _, p := range t.Properties {
		key := strings.ToLower(p.Name)
		if key == "" || documented[key] {
			continue
		}
		documented[key] = true
		c.r.DocProperties++
		cp := exact[p.Name]
		if cp == nil {
			cp = folded[key]
			if cp != nil {
				c.add(Finding{Pos: p.Pos, Category: CatPropertyCase, Type: qn, Property: p.Name, CSDLLine: cp.Line,
					Message: fmt.Sprintf("property %s is spelled %s in the metadata", p.Name, cp.Name)})
			}
		}
		if cp == nil {
			c.add(Finding{Pos: p.Pos, Category: CatUnknownProperty, Type: qn, Property: p.Name,
				Message: fmt.Sprintf("the metadata has no property %s on %s or its base types", p.Name, ct.QualifiedName())})
			continue
		}
		c.r.Known++
		if sameType(p.Type, cp.Type) {
			c.r.Agreeing++
		} else {
			c.add(Finding{Pos: p.Pos, Category: CatTypeMismatch, Type: qn, Property: p.Name, CSDLLine: cp.Line,
				Message: mismatchMessage(p, cp)})
		}
		if p.Navigation != cp.Navigation {
			c.add(Finding{Pos: p.Pos, Category: CatNavigation, Type: qn, Property: p.Name, CSDLLine: cp.Line,
				Message: navigationMessage(p, cp)})
		}
	}

	// Recall, over the metadata's own properties; and, for comparison, over
	// all of them.
	for _, cp := range ct.Properties {
		c.r.CSDLProperties++
		if documented[strings.ToLower(cp.Name)] {
			c.r.Recalled++
			continue
		}
		what := "property"
		if cp.Navigation {
			what = "navigation property"
		}
		c.add(Finding{Pos: t.Pos, Category: CatMissingProperty, Type: qn, Property: cp.Name, CSDLLine: cp.Line,
			Message: fmt.Sprintf("the metadata has %s %s (%s) which the page does not document", what, cp.Name, cp.Type)})
	}
	for _, cp := range all {
		c.r.CSDLInherited++
		if documented[strings.ToLower(cp.Name)] {
			c.r.RecalledInherited++
		}
	}
}

// unknownTypeMessage says a type is not in the metadata, and what the
// metadata has instead when that is plain: the name in another namespace,
// or an enum of that name.
func (c *comparer) unknownTypeMessage(t *model.Type) string {
	qn := t.QualifiedName()
	if e := c.s.Enum(qn); e != nil {
		return fmt.Sprintf("type %s is an enum in the metadata, not a structured type", qn)
	}
	var elsewhere []string
	for _, ct := range c.s.Types {
		if strings.EqualFold(ct.Name, t.Name) {
			elsewhere = append(elsewhere, ct.QualifiedName())
		}
	}
	if len(elsewhere) > 0 {
		return fmt.Sprintf("the metadata has no type %s but has %s; check the page's Namespace line", qn, strings.Join(elsewhere, ", "))
	}
	return fmt.Sprintf("the metadata has no type %s", qn)
}

func (c *comparer) compareBase(t *model.Type, ct *Type) {
	if strings.EqualFold(t.BaseType, ct.BaseType) {
		c.r.BaseAgreeing++
		return
	}
	var msg string
	switch {
	case ct.BaseType == "":
		msg = fmt.Sprintf("type %s has no base type in the metadata but the page says it inherits from %s", ct.Name, t.BaseType)
	case t.BaseType == "":
		msg = fmt.Sprintf("type %s inherits from %s in the metadata but the page names no base type", ct.Name, ct.BaseType)
	default:
		msg = fmt.Sprintf("type %s inherits from %s in the metadata but the page says %s", ct.Name, ct.BaseType, t.BaseType)
	}
	c.add(Finding{Pos: t.Pos, Category: CatBaseType, Type: t.QualifiedName(), CSDLLine: ct.Line, Message: msg})
}

// compareKind checks entity vs complex. The model has no kind of its own, so
// a documented type counts as an entity when it, or a base type the docs
// define, has a keyProperty annotation. Docs that give no key are not held
// to be wrong about an entity type (most entity pages omit the annotation
// and inherit their key from entity); a key on a complex type is.
func (c *comparer) compareKind(t *model.Type, ct *Type) {
	if !c.documentedKey(t) || ct.Kind == Entity {
		c.r.KindAgreeing++
		return
	}
	c.add(Finding{Pos: t.Pos, Category: CatKind, Type: t.QualifiedName(), CSDLLine: ct.Line,
		Message: fmt.Sprintf("type %s is a complex type in the metadata but the page gives it a key", ct.Name)})
}

// documentedKey reports whether t or one of its documented bases has a key.
func (c *comparer) documentedKey(t *model.Type) bool {
	seen := map[*model.Type]bool{}
	for t != nil && !seen[t] {
		if t.Key != "" {
			return true
		}
		seen[t] = true
		t = c.docTypes[strings.ToLower(t.BaseType)]
	}
	return false
}

// sameType reports whether a documented type and a metadata type string
// name the same type: the same Edm type or the same structured or enum type
// (case-insensitively), and both collections or neither.
func sameType(doc model.TypeRef, csdl string) bool {
	elem, coll := SplitCollection(csdl)
	return coll == doc.Collection && strings.EqualFold(elem, doc.Name)
}

func mismatchMessage(p *model.Property, cp *Property) string {
	if p.Type.Name == untyped {
		return fmt.Sprintf("property %s is in the metadata as %s but its documented type was not understood (read as untyped JSON)", p.Name, cp.Type)
	}
	return fmt.Sprintf("property %s is in the metadata as %s but documented as %s", p.Name, cp.Type, p.Type)
}

// untyped is the model's name for a value whose type the docs never define.
const untyped = "Edm.Untyped"

func navigationMessage(p *model.Property, cp *Property) string {
	if cp.Navigation {
		return fmt.Sprintf("property %s is a navigation property in the metadata but the page lists it with the structural properties", p.Name)
	}
	return fmt.Sprintf("property %s is a structural property in the metadata but the page lists it as a relationship", p.Name)
}
