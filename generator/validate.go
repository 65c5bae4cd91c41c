package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/docgen-dev/docgen/parser/model"
)

// exampleFit is how well a documented body fits the types it should have,
// found by walking its JSON against the model as the generated decoder
// would. It decides how strictly the example's test can check it.
type exampleFit struct {
	unknown  []string // property paths the types do not define
	mismatch []string // values of the wrong kind, with their paths
}

// describe summarizes the problems for a diagnostic: the first few paths.
func (f *exampleFit) describe() string {
	var parts []string
	list := func(what string, paths []string) {
		if len(paths) == 0 {
			return
		}
		shown := paths
		if len(shown) > 3 {
			shown = shown[:3]
		}
		s := what + " " + strings.Join(shown, ", ")
		if len(paths) > 3 {
			s += fmt.Sprintf(" and %d more", len(paths)-3)
		}
		parts = append(parts, s)
	}
	list("undocumented properties", f.unknown)
	list("values of the wrong kind", f.mismatch)
	return strings.Join(parts, "; ")
}

// fitAction checks an action's parameter object against its parameters.
func (p *planner) fitAction(body string, o *operation) *exampleFit {
	fit := &exampleFit{}
	v := decodeNumbers(body)
	obj, ok := v.(map[string]any)
	if !ok {
		fit.mismatch = append(fit.mismatch, "$")
		return fit
	}
	p.fitObject(fit, "", obj, o.body.props, false, 0)
	sortPaths(fit)
	return fit
}

func decodeNumbers(body string) any {
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	return v
}

// fitBody checks a body against a type reference. Collections are OData
// collections ({"value": [...]}); a single primitive or enumeration is
// wrapped the same way ({"value": ...}).
func (p *planner) fitBody(body string, ref model.TypeRef, collection bool) *exampleFit {
	fit := &exampleFit{}
	v := decodeNumbers(body)
	item := model.TypeRef{Name: ref.Name}
	r := p.ref(item)
	switch {
	case v == nil:
	case collection:
		p.fitWrapped(fit, v, "a collection object", func(val any) {
			arr, ok := val.([]any)
			if !ok {
				fit.mismatch = append(fit.mismatch, "value")
				return
			}
			for i, e := range arr {
				p.fitValue(fit, fmt.Sprintf("value[%d]", i), e, item, 0)
			}
		})
	case r.kind == edmValue || r.kind == enumValue:
		p.fitWrapped(fit, v, "an object with a value", func(val any) { p.fitValue(fit, "value", val, item, 0) })
	default:
		p.fitValue(fit, "", v, item, 0)
	}
	sortPaths(fit)
	return fit
}

// fitWrapped checks an object whose "value" member holds the body proper,
// which fitValue checks; other members may only be annotations.
func (p *planner) fitWrapped(fit *exampleFit, v any, what string, fitValue func(any)) {
	obj, ok := v.(map[string]any)
	if !ok {
		fit.mismatch = append(fit.mismatch, "$ (not "+what+")")
		return
	}
	if _, ok := obj["value"]; !ok {
		fit.mismatch = append(fit.mismatch, "value (missing)")
	}
	for k, val := range obj {
		switch {
		case k == "value":
			fitValue(val)
		case !strings.Contains(k, "@"):
			fit.unknown = append(fit.unknown, k)
		}
	}
}

func sortPaths(f *exampleFit) {
	sort.Strings(f.unknown)
	sort.Strings(f.mismatch)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// fitValue checks one JSON value against a type.
func (p *planner) fitValue(fit *exampleFit, path string, v any, ref model.TypeRef, depth int) {
	if v == nil || depth > 64 {
		return // null is always allowed: every property is an Optional
	}
	where := path
	if where == "" {
		where = "$"
	}
	if ref.Collection {
		arr, ok := v.([]any)
		if !ok {
			fit.mismatch = append(fit.mismatch, where)
			return
		}
		for i, e := range arr {
			p.fitValue(fit, fmt.Sprintf("%s[%d]", path, i), e, model.TypeRef{Name: ref.Name}, depth+1)
		}
		return
	}
	if !p.fitsEdm(v, ref.Name) {
		fit.mismatch = append(fit.mismatch, where)
		return
	}
	t, ok := p.types[ref.Name]
	if !ok {
		return
	}
	obj, ok := v.(map[string]any)
	if !ok {
		fit.mismatch = append(fit.mismatch, where)
		return
	}
	if name, ok := obj["@odata.type"].(string); ok {
		if d := p.derivedNamed(t, name); d != nil {
			t = d
		}
	}
	p.fitObject(fit, path, obj, p.properties(t), p.isOpen(t), depth)
}

// fitObject checks an object's members against properties.
func (p *planner) fitObject(fit *exampleFit, path string, obj map[string]any, list []*model.Property, open bool, depth int) {
	props := map[string]*model.Property{}
	folded := map[string]*model.Property{}
	for _, prop := range list {
		props[prop.Name] = prop
		folded[strings.ToLower(prop.Name)] = prop
	}
	for k, val := range obj {
		prop, ok := props[k]
		if !ok && !strings.Contains(k, "@") {
			// The decoder takes a name in another case as the property
			// it folds to (decodeFolded); so does the check.
			prop, ok = folded[strings.ToLower(k)]
		}
		switch {
		case ok:
			p.fitValue(fit, join(path, k), val, prop.Type, depth+1)
		case strings.Contains(k, "@") || open:
		default:
			fit.unknown = append(fit.unknown, join(path, k))
		}
	}
}

// fitsEdm reports whether a JSON value is of the kind an Edm type (or, for
// other names, an object) needs, as the generated decoder checks it.
func (p *planner) fitsEdm(v any, name string) bool {
	r := p.ref(model.TypeRef{Name: name})
	if r.kind == enumValue {
		_, ok := v.(string)
		return ok
	}
	if r.kind != edmValue {
		_, isObj := v.(map[string]any)
		return isObj
	}
	switch r.codec {
	case "raw":
		return true
	case "str":
		_, ok := v.(string)
		return ok
	case "bool":
		_, ok := v.(bool)
		return ok
	case "time":
		s, ok := v.(string)
		if !ok {
			return false
		}
		if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return true
		}
		_, err := time.Parse("2006-01-02T15:04:05.999999999", s)
		return err == nil
	case "float64", "float32":
		if s, ok := v.(string); ok {
			return s == "INF" || s == "-INF" || s == "NaN"
		}
		_, ok := v.(json.Number)
		return ok
	default: // integers
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		_, err := n.Int64()
		return err == nil
	}
}

// derivedNamed returns the type an @odata.type names if it is t or derives
// from it.
func (p *planner) derivedNamed(t *model.Type, odataType string) *model.Type {
	name := strings.ToLower(strings.TrimPrefix(odataType, "#"))
	if strings.ToLower(t.QualifiedName()) == name {
		return t
	}
	for _, d := range p.derived[t.QualifiedName()] {
		if strings.ToLower(d.QualifiedName()) == name {
			return d
		}
	}
	return nil
}
