package generator

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
	"github.com/docgen-dev/docgen/templates"
)

// initialisms are written in upper case in Go names, as Go style asks.
var initialisms = map[string]string{
	"acl": "ACL", "api": "API", "ascii": "ASCII", "cpu": "CPU", "css": "CSS", "dns": "DNS",
	"eof": "EOF", "guid": "GUID", "html": "HTML", "http": "HTTP", "https": "HTTPS", "id": "ID",
	"ids": "IDs", "ip": "IP", "json": "JSON", "rpc": "RPC", "sla": "SLA", "smtp": "SMTP",
	"sql": "SQL", "ssh": "SSH", "tcp": "TCP", "tls": "TLS", "ttl": "TTL", "udp": "UDP",
	"ui": "UI", "uid": "UID", "uri": "URI", "url": "URL", "urls": "URLs", "uuid": "UUID",
	"xml": "XML", "odata": "OData",
}

// reservedNames are the exported identifiers of the support code every
// generated package carries (its stand-ins for generated declarations
// included); a documented type may not take one. They are read from the
// support package's declarations, so they cannot fall behind it.
var reservedNames = templates.Names()

// reservedFields are the fields and methods every generated struct has.
var reservedFields = []string{"ODataType", "AdditionalData", "MarshalJSON", "UnmarshalJSON"}

// GoName turns a documented name into an exported Go identifier:
// "userId" → "UserID", "microsoft.graph.callRecords" → "MicrosoftGraphCallRecords",
// "3dModel" → "X3dModel". The result is always a valid identifier.
func GoName(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		if up, ok := initialisms[strings.ToLower(w)]; ok {
			b.WriteString(up)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	name := b.String()
	if name == "" {
		return "X"
	}
	if r := []rune(name)[0]; !unicode.IsLetter(r) {
		name = "X" + name
	}
	return name
}

// lowerName turns a documented name into an unexported identifier for
// parameters and locals: "user-id" → "userID", "type" → "type_".
func lowerName(s string) string {
	ws := words(s)
	if len(ws) == 0 {
		return "x"
	}
	var b strings.Builder
	for i, w := range ws {
		switch up, isInit := initialisms[strings.ToLower(w)]; {
		case i == 0:
			b.WriteString(strings.ToLower(w))
		case isInit:
			b.WriteString(up)
		default:
			r := []rune(w)
			r[0] = unicode.ToUpper(r[0])
			b.WriteString(string(r))
		}
	}
	name := b.String()
	if r := []rune(name)[0]; !unicode.IsLetter(r) {
		name = "x" + name
	}
	if goKeywords[name] || predeclared[name] {
		name += "_"
	}
	return name
}

var goKeywords = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true, "default": true,
	"defer": true, "else": true, "fallthrough": true, "for": true, "func": true, "go": true,
	"goto": true, "if": true, "import": true, "interface": true, "map": true, "package": true,
	"range": true, "return": true, "select": true, "struct": true, "switch": true, "type": true, "var": true,
}

// predeclared names that generated code uses and parameters must not shadow.
var predeclared = map[string]bool{
	"ctx": true, "body": true, "h": true, "w": true, "r": true, "c": true, "s": true,
	"err": true, "params": true, "out": true, "query": true, "string": true, "error": true,
	"len": true, "nil": true, "true": true, "false": true, "any": true,
}

// words splits a name at separators and camel-case boundaries:
// "domainSecurityProfile" → domain Security Profile, "HTMLParser" → HTML Parser.
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// names holds every Go identifier of a generated package, computed once so
// that emitters never case-convert.
type names struct {
	types    map[string]string          // qualified type name → Go name
	fields   map[*model.Property]string // property → Go field name
	values   map[string]string          // qualified base type → its interface
	enums    map[string]string          // qualified enum → its string type
	members  map[*model.EnumMember]string
	ops      map[*model.Operation]string
	bodies   map[*model.Operation]string // action parameter structs
	examples map[*model.Example]string
}

// nameAll runs the naming pass. Types are named in qualified-name order and
// operations in source order; a clash gets a numeric suffix and a
// diagnostic, so that an unrelated page never renames anything else.
func nameAll(api *model.API, diags *diag.List, props func(*model.Type) []*model.Property, bodyProps func(*model.Operation) []*model.Property, polymorphic []string) *names {
	n := &names{
		types:    map[string]string{},
		fields:   map[*model.Property]string{},
		values:   map[string]string{},
		enums:    map[string]string{},
		members:  map[*model.EnumMember]string{},
		ops:      map[*model.Operation]string{},
		bodies:   map[*model.Operation]string{},
		examples: map[*model.Example]string{},
	}
	taken := map[string]model.Pos{}
	for k := range reservedNames {
		taken[k] = model.Pos{File: "(docgen support code)"}
	}
	// claim takes want, else the first alternative that is free, else want
	// with a number.
	claim := func(want string, pos model.Pos, what string, alternatives ...string) string {
		name := want
		for _, alt := range alternatives {
			if _, clash := taken[name]; !clash {
				break
			}
			name = alt
		}
		for i := 2; ; i++ {
			if _, clash := taken[name]; !clash {
				break
			}
			name = fmt.Sprintf("%s%d", want, i)
		}
		if name != want {
			diags.Warnf(pos, "naming", "%s would be named %s, which %s already takes; named %s", what, want, taken[want], name)
		}
		taken[name] = pos
		return name
	}
	byLowerName := map[string]*model.Type{}
	byName := map[string]*model.Type{}
	for _, t := range api.Types {
		n.types[t.QualifiedName()] = claim(typeGoName(t.Namespace, t.Name), t.Pos, "type "+t.Name)
		byName[t.QualifiedName()] = t
		if _, dup := byLowerName[strings.ToLower(t.Name)]; !dup {
			byLowerName[strings.ToLower(t.Name)] = t
		}
	}
	for _, t := range api.Types {
		// A derived type embeds its base, whose name is then a field of
		// it, and has the As<Base> methods of its bases.
		reserved := fieldReservations()
		seen := map[*model.Type]bool{t: true}
		for b := byName[t.BaseType]; b != nil && !seen[b]; b = byName[b.BaseType] {
			seen[b] = true
			name := n.types[b.QualifiedName()]
			reserved[name] = "the embedded base type " + b.Name + " takes"
			reserved["As"+name] = "a method of base type " + b.Name + " takes"
		}
		n.nameFields(props(t), reserved, diags)
	}
	for _, e := range api.Enums {
		n.enums[e.QualifiedName()] = claim(typeGoName(e.Namespace, e.Name), e.Pos, "enum "+e.Name)
	}
	// Interfaces and constants come after every type and enum, so a new one
	// never renames those.
	for _, q := range polymorphic {
		pos := model.Pos{}
		for _, t := range api.Types {
			if t.QualifiedName() == q {
				pos = t.Pos
			}
		}
		n.values[q] = claim(n.types[q]+"Value", pos, "the interface of "+q)
	}
	for _, e := range api.Enums {
		seen := map[string]bool{}
		for _, m := range e.Members {
			if seen[m.Name] {
				continue // listed twice
			}
			seen[m.Name] = true
			// Members that differ in case or separators ("on" and "On")
			// are values of their own: a clash is numbered and reported.
			want := n.enums[e.QualifiedName()] + GoName(m.Name)
			n.members[m] = claim(want, m.Pos, "member "+m.Name+" of "+e.Name)
		}
	}
	for _, op := range api.Operations {
		// Titles repeat across resources ("List attachments" of events and
		// of messages); the page family tells them apart.
		want := operationGoName(op.Title)
		family := GoName(pageFamily(op.Pos.File))
		if t, ok := byLowerName[strings.ToLower(pageFamily(op.Pos.File))]; ok {
			family = n.types[t.QualifiedName()] // "eventmessage" → EventMessage
		}
		n.ops[op] = claim(want, op.Pos, "operation "+strquote(op.Title), family+want)
		// Params types and action bodies are named after their operation.
		taken[n.ops[op]+"Params"] = op.Pos
		if op.Body != nil && op.Body.IsActionParameters() {
			n.bodies[op] = claim(n.ops[op]+"Body", op.Body.Pos, "the parameters of "+strquote(op.Title))
			n.nameFields(bodyProps(op), fieldReservations(), diags)
		}
	}
	// Example tests are named after their operation and the example, and
	// claimed in a namespace of their own.
	tests := map[string]bool{}
	for _, op := range api.Operations {
		for i, ex := range op.Examples {
			base := "Example" + GoName(ex.Name)
			if ex.Name == "" {
				base = fmt.Sprintf("Example%s%d", n.ops[op], i+1)
			}
			name := base
			for j := 2; tests[name]; j++ {
				name = fmt.Sprintf("%s%d", base, j)
			}
			tests[name] = true
			n.examples[ex] = name
		}
	}
	return n
}

// fieldReservations maps the names every generated struct takes to why.
func fieldReservations() map[string]string {
	out := map[string]string{}
	for _, name := range reservedFields {
		out[name] = "every generated type reserves"
	}
	return out
}

// nameFields names a type's properties, inherited ones first, renaming
// clashes in source order: with each other ("id" and "Id" both want ID) and
// with reserved, the names the struct takes already, each with the reason.
// An inherited property keeps the name it was given with its own type.
func (n *names) nameFields(props []*model.Property, reserved map[string]string, diags *diag.List) {
	used := map[string]*model.Property{}
	for _, p := range props {
		if prev, ok := n.fields[p]; ok {
			used[prev] = p
		}
	}
	for _, p := range props {
		if _, ok := n.fields[p]; ok {
			continue
		}
		want := GoName(p.Name)
		name := want
		for i := 2; used[name] != nil || reserved[name] != ""; i++ {
			name = fmt.Sprintf("%s%d", want, i)
		}
		if name != want {
			if other := used[want]; other != nil {
				diags.Warnf(p.Pos, "naming", "property %q would be field %s, which %q (line %d) already takes; named %s", p.Name, want, other.Name, other.Pos.Line, name)
			} else {
				diags.Warnf(p.Pos, "naming", "property %q would be field %s, which %s; named %s", p.Name, want, reserved[want], name)
			}
		}
		used[name] = p
		n.fields[p] = name
	}
}

// typeGoName names a type; types outside the root namespace take their
// sub-namespace as a prefix: microsoft.graph.callRecords.session →
// CallRecordsSession.
func typeGoName(namespace, name string) string {
	sub := strings.TrimPrefix(strings.TrimPrefix(namespace, "microsoft.graph"), ".")
	if sub == "" {
		return GoName(name)
	}
	return GoName(sub) + GoName(name)
}

// operationGoName names an operation after its page title, leaving out
// articles: "Get a user" → GetUser.
func operationGoName(title string) string {
	var kept []string
	for _, w := range strings.Fields(title) {
		switch strings.ToLower(w) {
		case "a", "an", "the":
			continue
		}
		kept = append(kept, w)
	}
	if len(kept) == 0 {
		return "Operation"
	}
	return GoName(strings.Join(kept, " "))
}

func strquote(s string) string { return fmt.Sprintf("%q", s) }

// sortedKeys returns a map's keys in order, for deterministic emission.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
