package generator

import (
	"fmt"
	"strings"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// plan is the Go side of the whole package, decided before anything is
// emitted, as protogen builds its Message{Desc, GoIdent, Fields} first: which
// operation serves each route, every Go identifier, the operations' shapes
// and permissions, the files, and the example tests. Building it raises
// every diagnostic the generator has; the emitters only render it.
//
// It is always planned over the whole docs and then narrowed to what
// Options.Select keeps, so that a name never depends on the selection.
type plan struct {
	opts  Options
	whole *model.API // everything documented
	api   *model.API // what is emitted: whole, or the part selected
	names *names

	types   map[string]*model.Type   // qualified name → type, of the whole docs
	derived map[string][]*model.Type // base type → every type derived from it that is emitted

	files []*opsFile // the operations files, in page order, with their tests
	areas []*area    // the packages of operations, in order
	stats Stats

	basePath string // DefaultBasePath: "/v1.0", or "" for none
	// updates are the PATCH operations whose body is the resource type
	// they update (see planUpdates).
	updates map[*model.Operation]*model.Type
}

// planner builds a plan; it is the only part of the generator that reports
// diagnostics.
type planner struct {
	*plan
	diags *diag.List
}

// buildPlan decides everything about the package for api.
func buildPlan(api *model.API, opts Options, diags *diag.List) *plan {
	p := &planner{plan: &plan{opts: opts, whole: api, api: api, types: map[string]*model.Type{}}, diags: diags}
	for _, t := range api.Types {
		p.types[t.QualifiedName()] = t
	}
	p.derived = derivedTypes(api.Types, p.types)
	p.basePath = basePathOf(api, opts.BasePath)
	p.reportUnknownEdm()
	own := p.assignRoutes()
	p.updates = p.planUpdates(own)
	p.names = p.nameAll(own)
	p.nameFiles(p.operations(own))
	p.planAreas()
	if sel := opts.Select; sel != nil && sel != api {
		p.narrow(sel)
	}
	p.planTests(own)
	return p.plan
}

// basePathOf is the handler's base path: the one asked for, or else the
// version segment most of the docs' example URLs share
// ("https://graph.microsoft.com/v1.0/me" gives "/v1.0"; ties go to the
// first in sort order), or "" when no example has a full URL.
func basePathOf(api *model.API, asked *string) string {
	if asked != nil {
		b := strings.TrimRight(*asked, "/")
		if b != "" && !strings.HasPrefix(b, "/") {
			b = "/" + b
		}
		return b
	}
	counts := map[string]int{}
	for _, op := range api.Operations {
		for _, ex := range op.Examples {
			if ex.Request == nil {
				continue
			}
			_, rest, ok := strings.Cut(ex.Request.URL, "://")
			if !ok {
				continue
			}
			_, path, _ := strings.Cut(rest, "/")
			version, _, _ := strings.Cut(path, "/")
			if version != "" && !strings.ContainsAny(version, "?{}%") {
				counts[version]++
			}
		}
	}
	best := ""
	for _, v := range sortedKeys(counts) {
		if best == "" || counts[v] > counts[best] {
			best = v
		}
	}
	if best == "" {
		return ""
	}
	return "/" + best
}

// derivedTypes lists, for each base type, every type derived from it,
// directly or not, in the order of types.
func derivedTypes(types []*model.Type, byName map[string]*model.Type) map[string][]*model.Type {
	out := map[string][]*model.Type{}
	for _, t := range types {
		seen := map[*model.Type]bool{t: true}
		for b := byName[t.BaseType]; b != nil && !seen[b]; b = byName[b.BaseType] {
			seen[b] = true
			out[b.QualifiedName()] = append(out[b.QualifiedName()], t)
		}
	}
	return out
}

// narrow keeps only what sel, a part of the whole API sharing its nodes,
// holds. A base type is an interface only where something kept holds a
// value of it; everything else keeps the name the whole package gives it.
func (p *planner) narrow(sel *model.API) {
	p.api = sel
	p.derived = derivedTypes(sel.Types, p.types)
	poly := map[string]bool{}
	for _, q := range polymorphic(sel, p.derived) {
		poly[q] = true
	}
	for q := range p.names.values {
		if !poly[q] {
			delete(p.names.values, q)
		}
	}
	kept := map[*model.Operation]bool{}
	for _, op := range sel.Operations {
		kept[op] = true
	}
	var files []*opsFile
	for _, f := range p.files {
		var ops []*operation
		for _, o := range f.ops {
			if kept[o.op] {
				ops = append(ops, o)
			}
		}
		if len(ops) > 0 {
			f.ops = ops
			files = append(files, f)
		}
	}
	p.files = files
	keptFiles := map[*opsFile]bool{}
	for _, f := range files {
		keptFiles[f] = true
	}
	var areas []*area
	for _, a := range p.areas {
		var kept []*opsFile
		for _, f := range a.files {
			if keptFiles[f] {
				kept = append(kept, f)
			}
		}
		if len(kept) > 0 {
			a.files = kept
			areas = append(areas, a)
		}
	}
	p.areas = areas
}

// operationsInOrder is every emitted operation, file by file.
func (p *plan) operationsInOrder() []*operation {
	var out []*operation
	for _, f := range p.files {
		out = append(out, f.ops...)
	}
	return out
}

// properties returns a type's properties with those it inherits first,
// from the root of its base types down. A property a derived type documents
// again is taken from its base.
func (p *plan) properties(t *model.Type) []*model.Property {
	var chain []*model.Type
	for b := t; b != nil; b = p.types[b.BaseType] {
		chain = append(chain, b)
		if len(chain) > len(p.types) {
			break // the resolver breaks cycles; this is only a guard
		}
	}
	var out []*model.Property
	seen := map[string]bool{}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, prop := range chain[i].Properties {
			// @odata.type is every type's ODataType field, not a property.
			if seen[prop.Name] || prop.Name == "@odata.type" {
				continue
			}
			seen[prop.Name] = true
			out = append(out, prop)
		}
	}
	return out
}

func (p *plan) baseOf(t *model.Type) *model.Type {
	if t == nil || t.BaseType == "" {
		return nil
	}
	return p.types[t.BaseType]
}

// isOpen reports whether a type, or a type it derives from, is an OData
// open type, which may carry properties it does not declare.
func (p *plan) isOpen(t *model.Type) bool {
	for ; t != nil; t = p.baseOf(t) {
		if t.OpenType {
			return true
		}
	}
	return false
}

// polymorphic returns the base types that need an interface: those with
// derived types that a property, body or result refers to. Other base
// types (entity, say) are only embedded.
func polymorphic(api *model.API, derived map[string][]*model.Type) []string {
	used := map[string]bool{}
	for _, t := range api.Types {
		for _, p := range t.Properties {
			used[p.Type.Name] = true
		}
	}
	for _, op := range api.Operations {
		if op.Response.Type != nil {
			used[op.Response.Type.Name] = true
		}
		if op.Body != nil {
			used[op.Body.Type.Name] = true
			for _, p := range op.Body.Properties {
				used[p.Type.Name] = true
			}
		}
	}
	var out []string
	for _, t := range api.Types {
		if q := t.QualifiedName(); used[q] && len(derived[q]) > 0 {
			out = append(out, q)
		}
	}
	return out
}

// reportUnknownEdm warns, once for each, of the Edm types docgen has no Go
// type for: their values are kept as raw JSON, which loses nothing but
// checks nothing either.
func (p *planner) reportUnknownEdm() {
	first := map[string]*model.Property{}
	count := map[string]int{}
	var names []string
	check := func(props []*model.Property) {
		for _, prop := range props {
			n := prop.Type.Name
			if _, known := edmTypes[n]; known || !strings.HasPrefix(n, "Edm.") {
				continue
			}
			if count[n] == 0 {
				first[n] = prop
				names = append(names, n)
			}
			count[n]++
		}
	}
	for _, t := range p.api.Types {
		check(t.Properties)
	}
	for _, op := range p.api.Operations {
		if op.Body != nil {
			check(op.Body.Properties)
		}
	}
	for _, n := range names {
		prop := first[n]
		which := "property " + prop.Name + " keeps its"
		if more := count[n] - 1; more > 0 {
			which = fmt.Sprintf("property %s and %d more keep their", prop.Name, more)
		}
		p.diags.Warnf(prop.Pos, "type", "%s is not an Edm type docgen knows: %s values as raw JSON", n, which)
	}
}
