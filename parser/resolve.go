package parser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// untyped stands for a value whose type the docs never define.
const untyped = "Edm.Untyped"

// resolver links type references across pages.
type resolver struct {
	diags  *diag.List
	types  map[string]*model.Type // lowercased qualified name → type
	byPage map[string]*model.Type // page path → the type it defines
	// byPageFold maps a lower-cased page path to the page's path, for
	// links whose case differs from the file's.
	byPageFold map[string]string
	// missing holds referenced types that have no page, by lowercased name,
	// in the order first met.
	missing      map[string]*model.Type
	missingOrder []*model.Type
	// inferred marks the types whose properties examples may add to.
	inferred map[*model.Type]bool
	// enums are the enums defined so far, by lowercased qualified name;
	// local are member tables of other pages, which define an enum only
	// once a reference names it (used).
	enums   map[string]*model.Enum
	local   map[string]*model.Enum
	used    map[*model.Enum]bool
	defined []*model.Enum // in the order defined
	// owns marks the pages whose type is in the model, on its own or
	// merged into the type's main page.
	owns map[*PageResult]bool
}

// Resolve combines parsed pages into one API: it settles every type
// reference, fills in types that have no page, and checks base types.
func Resolve(results []*PageResult, diags *diag.List) *model.API {
	r := &resolver{
		diags: diags, types: map[string]*model.Type{}, byPage: map[string]*model.Type{}, missing: map[string]*model.Type{},
		enums: map[string]*model.Enum{}, local: map[string]*model.Enum{}, used: map[*model.Enum]bool{},
		owns: map[*PageResult]bool{},
	}
	api := &model.API{}
	for _, res := range results {
		if res == nil {
			continue
		}
		api.Pages = append(api.Pages, res.Page)
		if op := res.Operation; op != nil {
			api.Operations = append(api.Operations, op)
		}
	}
	r.collectTypes(results)
	r.foldPages()
	r.collectEnums(results)
	// References are settled against resource pages first, so that a page
	// always wins over what other pages imply.
	for _, res := range results {
		if res == nil {
			continue
		}
		file := res.Page.Pos.File
		if t := res.Type; t != nil && r.owns[res] {
			for _, p := range t.Properties {
				r.ref(&p.Type, res.Links[p], linkBase(file, p.Pos), p.Pos)
			}
			if t.BaseType != "" && r.types[strings.ToLower(t.QualifiedName())] == t {
				base := model.TypeRef{Name: t.BaseType}
				r.ref(&base, res.BaseLink, file, t.Pos)
				t.BaseType = base.Name
			}
		}
		if op := res.Operation; op != nil {
			if op.Body != nil {
				r.ref(&op.Body.Type, bodyLink(res), linkBase(file, op.Body.Pos), op.Body.Pos)
				for _, p := range op.Body.Properties {
					r.ref(&p.Type, res.Links[p], linkBase(file, p.Pos), p.Pos)
				}
			}
			if op.Response.Type != nil {
				r.ref(op.Response.Type, res.ResponseLink, linkBase(file, op.Response.Pos), op.Response.Pos)
			}
			for _, list := range [][]*model.Parameter{op.PathParams, op.Query, op.Headers} {
				for _, p := range list {
					r.ref(&p.Type, res.ParamLinks[p], linkBase(file, p.Pos), p.Pos)
				}
			}
		}
	}
	for _, e := range r.defined {
		if e.Source == model.FromEnumTable && r.local[strings.ToLower(e.QualifiedName())] == e && !r.used[e] {
			continue // a value list of a String property
		}
		api.Enums = append(api.Enums, e)
	}
	r.fromRequestTables(api.Operations)
	r.fromExamples(api.Operations)
	r.settleMissing(api)
	r.checkBases(api)
	api.Types = sortedTypes(r.types)
	sort.SliceStable(api.Enums, func(i, j int) bool { return api.Enums[i].QualifiedName() < api.Enums[j].QualifiedName() })
	return api
}

// linkBase is the file a link at pos is relative to: the file pos names,
// which is an included file for text an include brought in, else the page.
func linkBase(page string, pos model.Pos) string {
	if pos.File != "" {
		return pos.File
	}
	return page
}

// foldPages indexes the resource pages by their lower-cased paths.
func (r *resolver) foldPages() {
	r.byPageFold = map[string]string{}
	files := make([]string, 0, len(r.byPage))
	for f := range r.byPage {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		if k := strings.ToLower(f); r.byPageFold[k] == "" {
			r.byPageFold[k] = f
		}
	}
}

// pageType returns the type of the resource page a link names, relative to
// fromPage. A link whose case differs from the file's ("printerCapabilities.md"
// for printercapabilities.md) names that file, as it does on a
// case-insensitive file system, with a warning at pos naming both, unless
// pos is zero.
func (r *resolver) pageType(link, fromPage string, pos model.Pos) (*model.Type, bool) {
	target, _, _ := strings.Cut(link, "#")
	target = path.Join(path.Dir(fromPage), target)
	if t, ok := r.byPage[target]; ok {
		return t, true
	}
	file, ok := r.byPageFold[strings.ToLower(target)]
	if !ok {
		return nil, false
	}
	if pos.File != "" {
		r.diags.Warnf(pos, "link", "link %s names %s, whose file is %s (the case differs); read as a link to it", link, target, file)
	}
	return r.byPage[file], true
}

func bodyLink(res *PageResult) string {
	if res.BodyType != nil {
		return res.BodyType.Link
	}
	return ""
}

// ref settles one reference: by the page its cell links to, then by name
// (case-insensitively, as docs spell names loosely). A name that matches
// nothing is recorded as missing, to be filled in later.
func (r *resolver) ref(ref *model.TypeRef, link, fromPage string, pos model.Pos) {
	if ref.Name == "" || ref.IsEdm() {
		return
	}
	key := strings.ToLower(ref.Name)
	if link != "" && !strings.Contains(link, "://") {
		// A link to a page names its type, unless the name is an enum's
		// and not the page's type: "[chatType](chat.md#chattype-values)".
		if t, ok := r.pageType(link, fromPage, pos); ok && (strings.EqualFold(t.QualifiedName(), ref.Name) || r.enum(key) == nil) {
			ref.Name = t.QualifiedName()
			return
		}
	}
	if t, ok := r.types[key]; ok {
		ref.Name = t.QualifiedName()
		return
	}
	if e := r.enum(key); e != nil {
		ref.Name = e.QualifiedName()
		return
	}
	if t, ok := r.missing[key]; ok {
		ref.Name = t.QualifiedName()
		return
	}
	ns, name := splitQualified(ref.Name)
	t := &model.Type{Pos: pos, Name: name, Namespace: ns}
	r.missing[key] = t
	r.missingOrder = append(r.missingOrder, t)
}

// collectTypes registers the types of resource pages. Several pages may
// document one type: Intune documents deviceManagement and user in a page
// per workload, each with the properties that workload adds. They are one
// type: the page named after the type (user.md), or else the first, gives
// its position, summary and base; the others add the properties it lacks.
// A property documented twice with different types is reported, and so is a
// page that adds nothing.
func (r *resolver) collectTypes(results []*PageResult) {
	groups := map[string][]*PageResult{}
	var order []string
	for _, res := range results {
		if res == nil || res.Type == nil {
			continue
		}
		key := strings.ToLower(res.Type.QualifiedName())
		if groups[key] == nil {
			order = append(order, key)
		}
		groups[key] = append(groups[key], res)
	}
	for _, key := range order {
		group := groups[key]
		main := group[0]
		for _, res := range group {
			base := strings.TrimSuffix(path.Base(res.Page.Pos.File), path.Ext(res.Page.Pos.File))
			if strings.EqualFold(base, res.Type.Name) {
				main = res
				break
			}
		}
		t := main.Type
		r.types[key] = t
		have := map[string]*model.Property{}
		for _, p := range t.Properties {
			have[p.Name] = p
		}
		for _, res := range group {
			r.byPage[res.Page.Pos.File] = t
			r.owns[res] = true
			if res == main {
				continue
			}
			added, conflict := false, false
			for _, p := range res.Type.Properties {
				prev, dup := have[p.Name]
				switch {
				case !dup:
					have[p.Name] = p
					t.Properties = append(t.Properties, p)
					added = true
				case !strings.EqualFold(prev.Type.String(), p.Type.String()):
					r.diags.Warnf(p.Pos, "duplicate", "property %s of %s is %s here but %s at %s; kept the one at %s", p.Name, t.Name, p.Type, prev.Type, prev.Pos, prev.Pos)
					conflict = true
				}
			}
			if !added && !conflict {
				r.diags.Warnf(res.Type.Pos, "duplicate", "type %s is also documented at %s, and this page adds no property to it", t.QualifiedName(), t.Pos)
			}
		}
	}
}

// enum finds an enum by lowercased qualified name, marking a local member
// table as used.
func (r *resolver) enum(key string) *model.Enum {
	e := r.enums[key]
	if e != nil && r.local[key] == e {
		r.used[e] = true
	}
	return e
}

// collectEnums defines the enums: first those of enum pages, then member
// tables on other pages, then, for a property whose type nothing else
// documents, the values its description lists. The first definition of a
// name wins; a second enum table for it is reported.
func (r *resolver) collectEnums(results []*PageResult) {
	define := func(e *model.Enum, table bool) bool {
		key := strings.ToLower(e.QualifiedName())
		if prev, dup := r.enums[key]; dup {
			if table && prev.Source == model.FromEnumTable && r.local[key] == nil {
				r.diags.Warnf(e.Pos, "duplicate", "enum %s is also documented at %s; the first wins", e.QualifiedName(), prev.Pos)
			}
			return false
		}
		if t, clash := r.types[key]; clash {
			r.diags.Warnf(e.Pos, "duplicate", "enum %s has the name of the type documented at %s; the type wins", e.QualifiedName(), t.Pos)
			return false
		}
		r.enums[key] = e
		r.defined = append(r.defined, e)
		return true
	}
	for _, res := range results {
		if res != nil {
			for _, e := range res.Enums {
				define(e, true)
			}
		}
	}
	for _, res := range results {
		if res == nil {
			continue
		}
		for _, e := range res.LocalEnums {
			key := strings.ToLower(e.QualifiedName())
			if _, known := r.enums[key]; known {
				continue // the enum page documents it
			}
			if _, clash := r.types[key]; clash {
				continue // a value list named after a property's type
			}
			if define(e, true) {
				r.local[key] = e
			}
		}
	}
	for _, res := range results {
		if res == nil {
			continue
		}
		file := res.Page.Pos.File
		for _, p := range r.pageProperties(res) {
			vals := res.Values[p]
			if len(vals) == 0 || p.Type.IsEdm() {
				continue
			}
			key := strings.ToLower(p.Type.Name)
			if r.types[key] != nil || r.enums[key] != nil || r.linksToType(p.Type.Name, res.Links[p], linkBase(file, p.Pos)) {
				continue
			}
			ns, name := splitQualified(p.Type.Name)
			e := &model.Enum{Pos: p.Pos, Name: name, Namespace: ns, Source: model.FromDescription}
			for _, v := range vals {
				e.Members = append(e.Members, &model.EnumMember{Pos: p.Pos, Name: v})
			}
			define(e, false)
		}
	}
}

// pageProperties lists the properties a page documents: its resource type's
// (when that page won the type's name) and its request-body table's.
func (r *resolver) pageProperties(res *PageResult) []*model.Property {
	var out []*model.Property
	if t := res.Type; t != nil && r.owns[res] {
		out = append(out, t.Properties...)
	}
	if op := res.Operation; op != nil && op.Body != nil {
		out = append(out, op.Body.Properties...)
	}
	return out
}

// linksToType reports whether a Type cell's link names the resource page of
// the type it names (a link to another page's section, such as
// "chat.md#chattype-values", does not).
func (r *resolver) linksToType(name, link, fromPage string) bool {
	if link == "" || strings.Contains(link, "://") {
		return false
	}
	t, ok := r.pageType(link, fromPage, model.Pos{})
	return ok && strings.EqualFold(t.QualifiedName(), name)
}

func splitQualified(q string) (ns, name string) {
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[:i], q[i+1:]
	}
	return "", q
}

// lookup finds a type, documented or being inferred, by any spelling.
func (r *resolver) lookup(qualified string) *model.Type {
	key := strings.ToLower(strings.TrimPrefix(qualified, "#"))
	if t, ok := r.types[key]; ok {
		return t
	}
	return r.missing[key]
}

// fromRequestTables gives a type without a page the properties of the first
// method page whose request-body table documents it.
func (r *resolver) fromRequestTables(ops []*model.Operation) {
	for _, op := range ops {
		b := op.Body
		if b == nil || b.Type.Name == "" || len(b.Properties) == 0 {
			continue
		}
		t := r.missing[strings.ToLower(b.Type.Name)]
		if t == nil || t.Source != "" {
			continue
		}
		t.Source = model.FromRequestTable
		t.Pos = b.Properties[0].Pos
		for _, p := range b.Properties {
			cp := *p
			t.Properties = append(t.Properties, &cp)
		}
		r.diags.Warnf(b.Pos, "missing-page", "type %s has no resource page; took its %d properties from this request body table", t.Name, len(t.Properties))
	}
}

// fromExamples infers the properties of types that have no page from the
// JSON of examples: names, JSON kinds and nested @odata.type.
func (r *resolver) fromExamples(ops []*model.Operation) {
	r.inferred = map[*model.Type]bool{}
	for _, t := range r.missingOrder {
		r.markInferred(t)
	}
	if len(r.inferred) == 0 {
		return
	}
	for _, op := range ops {
		for _, ex := range op.Examples {
			if op.Body != nil && op.Body.Type.Name != "" {
				r.inferBody(ex.Request.Body, op.Body.Type, false, ex.Request.Pos)
			}
			if ex.Response != nil && op.Response.Type != nil {
				r.inferBody(ex.Response.Body, *op.Response.Type, op.Response.Type.Collection, ex.Response.Pos)
			}
		}
	}
	for _, t := range r.missingOrder {
		if r.inferred[t] && len(t.Properties) > 0 {
			r.diags.Warnf(t.Pos, "missing-page", "type %s has no resource page; inferred %d properties from example JSON", t.Name, len(t.Properties))
		}
	}
}

// markInferred lets examples define a type that has no other source.
func (r *resolver) markInferred(t *model.Type) {
	if t.Source == "" {
		t.Source = model.FromExamples
		r.inferred[t] = true
	}
}

func (r *resolver) inferBody(body string, ref model.TypeRef, collection bool, pos model.Pos) {
	if !strings.HasPrefix(strings.TrimSpace(body), "{") {
		return
	}
	v, err := decodeOrdered([]byte(body))
	if err != nil {
		return // reported where examples become tests
	}
	obj, ok := v.(*object)
	if !ok {
		return
	}
	if collection {
		if arr, ok := obj.get("value").([]any); ok {
			for _, e := range arr {
				if o, ok := e.(*object); ok {
					r.inferObject(ref.Name, o, pos, 0)
				}
			}
		}
		return
	}
	r.inferObject(ref.Name, obj, pos, 0)
}

func (r *resolver) inferObject(typeName string, obj *object, pos model.Pos, depth int) {
	if depth > maxJSONDepth {
		return
	}
	t := r.lookup(typeName)
	if ot, ok := obj.get("@odata.type").(string); ok {
		if derived := r.lookup(ot); derived != nil {
			t = derived
		}
	}
	if t == nil {
		return
	}
	for i, key := range obj.keys {
		if strings.Contains(key, "@") {
			continue // OData control information
		}
		val := obj.vals[i]
		prop := findProperty(t, key)
		if prop == nil && r.inferred[t] {
			ref, ok := r.kindOf(val, pos)
			if !ok {
				continue
			}
			prop = &model.Property{Pos: pos, Name: key, Type: ref}
			t.Properties = append(t.Properties, prop)
		}
		if prop == nil || prop.Type.IsEdm() {
			continue
		}
		switch v := val.(type) {
		case *object:
			r.inferObject(prop.Type.Name, v, pos, depth+1)
		case []any:
			for _, e := range v {
				if o, ok := e.(*object); ok {
					r.inferObject(prop.Type.Name, o, pos, depth+1)
				}
			}
		}
	}
}

func findProperty(t *model.Type, name string) *model.Property {
	for _, p := range t.Properties {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// kindOf infers a property type from a JSON value. ok is false for null and
// empty arrays, which say nothing.
func (r *resolver) kindOf(v any, pos model.Pos) (model.TypeRef, bool) {
	switch v := v.(type) {
	case string:
		if _, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return model.TypeRef{Name: "Edm.DateTimeOffset"}, true
		}
		return model.TypeRef{Name: "Edm.String"}, true
	case bool:
		return model.TypeRef{Name: "Edm.Boolean"}, true
	case json.Number:
		if i, err := v.Int64(); err == nil {
			if i >= math.MinInt32 && i <= math.MaxInt32 {
				return model.TypeRef{Name: "Edm.Int32"}, true
			}
			return model.TypeRef{Name: "Edm.Int64"}, true
		}
		return model.TypeRef{Name: "Edm.Double"}, true
	case *object:
		if ot, ok := v.get("@odata.type").(string); ok {
			ref := model.TypeRef{Name: QualifyTypeName(strings.TrimPrefix(ot, "#"), "microsoft.graph")}
			r.ref(&ref, "", "", pos)
			if t := r.missing[strings.ToLower(ref.Name)]; t != nil {
				r.markInferred(t)
			}
			return ref, true
		}
		return model.TypeRef{Name: untyped}, true
	case []any:
		for _, e := range v {
			if ref, ok := r.kindOf(e, pos); ok {
				ref.Collection = true
				return ref, true
			}
		}
	}
	return model.TypeRef{}, false
}

// settleMissing adds inferred types to the model; references to a type
// nothing could be learned of become untyped JSON.
func (r *resolver) settleMissing(api *model.API) {
	empty := map[string]bool{}
	for _, t := range r.missingOrder {
		if len(t.Properties) == 0 {
			r.diags.Warnf(t.Pos, "missing-type", "type %s is referenced but never defined, and no example shows it; its values are kept as raw JSON", t.QualifiedName())
			empty[strings.ToLower(t.QualifiedName())] = true
			continue
		}
		r.types[strings.ToLower(t.QualifiedName())] = t
	}
	if len(empty) == 0 {
		return
	}
	fix := func(ref *model.TypeRef) {
		if ref != nil && empty[strings.ToLower(ref.Name)] {
			ref.Name = untyped
		}
	}
	for _, t := range r.types {
		for _, p := range t.Properties {
			fix(&p.Type)
		}
		if empty[strings.ToLower(t.BaseType)] {
			t.BaseType = ""
		}
	}
	for _, op := range api.Operations {
		if op.Body != nil {
			fix(&op.Body.Type)
			for _, p := range op.Body.Properties {
				fix(&p.Type)
			}
		}
		fix(op.Response.Type)
		for _, list := range [][]*model.Parameter{op.PathParams, op.Query, op.Headers} {
			for _, p := range list {
				fix(&p.Type)
			}
		}
	}
}

// checkBases drops base types that are not defined and breaks inheritance
// cycles, reporting each.
func (r *resolver) checkBases(api *model.API) {
	for _, t := range sortedTypes(r.types) {
		if t.BaseType == "" {
			continue
		}
		base := r.lookup(t.BaseType)
		if base == nil {
			r.diags.Warnf(t.Pos, "missing-type", "base type %s of %s is not documented; its properties are not inherited", t.BaseType, t.Name)
			t.BaseType = ""
			continue
		}
		t.BaseType = base.QualifiedName()
		seen := map[*model.Type]bool{t: true}
		for b := base; b != nil && b.BaseType != ""; b = r.lookup(b.BaseType) {
			if seen[b] {
				r.diags.Warnf(t.Pos, "type", "base types of %s form a cycle; its base type is dropped", t.Name)
				t.BaseType = ""
				break
			}
			seen[b] = true
		}
	}
}

func sortedTypes(m map[string]*model.Type) []*model.Type {
	out := make([]*model.Type, 0, len(m))
	for _, t := range m {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].QualifiedName() < out[j].QualifiedName() })
	return out
}

// object is a JSON object that remembers its key order, so that inferred
// properties come out in the order the example shows them.
type object struct {
	keys []string
	vals []any
}

func (o *object) get(key string) any {
	for i, k := range o.keys {
		if k == key {
			return o.vals[i]
		}
	}
	return nil
}

// decodeOrdered decodes JSON into *object, []any, string, json.Number,
// bool and nil.
func decodeOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("data after the JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("JSON nested deeper than %d levels", maxJSONDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		o := &object{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			o.keys = append(o.keys, k.(string))
			o.vals = append(o.vals, v)
		}
		_, err := dec.Token() // }
		return o, err
	case json.Delim('['):
		arr := []any{}
		for dec.More() {
			v, err := decodeValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err := dec.Token() // ]
		return arr, err
	}
	return tok, nil
}
