package generator

import (
	"fmt"
	"net/http"
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
	"core": true, // the package of the types, in the operations' packages
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
	values   map[string]*polyNames      // qualified base type → its interface and functions
	enums    map[string]string          // qualified enum → its string type
	members  map[*model.EnumMember]string
	ops      map[*model.Operation]string
	all      map[*model.Operation]string // the Client's ...All iterators
	serve    map[*model.Operation]string // handler functions
	fake     map[*model.Operation]string // fields of the example tests' fake server
	params   map[*model.Operation]*paramsType
	bodies   map[*model.Operation]string // action parameter structs
	perms    map[*model.Operation]string // the permissions variable, numbered for more
	examples map[*model.Example]string   // test names, without "Test"
	// bodyProps are an action's parameters, each name once.
	bodyProps map[*model.Operation][]*model.Property
	typeFiles map[*model.Type]string
	enumFiles map[*model.Enum]string
	// byLowerName maps a type's lower-case name to its Go name, the first
	// in qualified-name order.
	byLowerName map[string]string
	// exported is the package's namespace of exported names, which the
	// planning of files goes on claiming from.
	exported *claimer
}

// familyName names a page family: the type it is named after when there is
// one ("eventmessage" → EventMessage), else its word.
func (n *names) familyName(family string) string {
	if name, ok := n.byLowerName[strings.ToLower(family)]; ok {
		return name
	}
	return GoName(family)
}

// polyNames are the names that come with a base type's interface.
type polyNames struct {
	iface string // UserValue
	as    string // the method that returns the base: AsUser
	newFn string // newUserValue
	read  string // readUserValue
	write string // writeUserValue
}

// claimer hands out names from one namespace in a fixed order.
type claimer struct {
	taken map[string]model.Pos
	diags interface {
		Warnf(model.Pos, string, string, ...any)
	}
}

// claim takes want, else the first alternative that is free, else want
// with a number, and reports a name that is not want.
func (c *claimer) claim(want string, pos model.Pos, what string, alternatives ...string) string {
	name := want
	for _, alt := range alternatives {
		if _, clash := c.taken[name]; !clash {
			break
		}
		name = alt
	}
	for i := 2; ; i++ {
		if _, clash := c.taken[name]; !clash {
			break
		}
		name = fmt.Sprintf("%s%d", want, i)
	}
	if name != want {
		c.diags.Warnf(pos, "naming", "%s would be named %s, which %s already takes; named %s", what, want, c.taken[want], name)
	}
	c.taken[name] = pos
	return name
}

// nameAll runs the naming pass over the whole API. Types are named in
// qualified-name order; then enums; then the interfaces of base types and
// enum constants; then operations, those that serve a route their page is
// about first (user-get.md is GetUser, whatever other page documents
// GET /users/{id} too), each tier in page order. A clash gets a suffix and
// a diagnostic, so that an unrelated page never renames anything else.
func (p *planner) nameAll(own *ownership) *names {
	api := p.api
	n := &names{
		types:     map[string]string{},
		fields:    map[*model.Property]string{},
		values:    map[string]*polyNames{},
		enums:     map[string]string{},
		members:   map[*model.EnumMember]string{},
		ops:       map[*model.Operation]string{},
		all:       map[*model.Operation]string{},
		serve:     map[*model.Operation]string{},
		fake:      map[*model.Operation]string{},
		params:    map[*model.Operation]*paramsType{},
		bodies:    map[*model.Operation]string{},
		perms:     map[*model.Operation]string{},
		examples:  map[*model.Example]string{},
		bodyProps: map[*model.Operation][]*model.Property{},
		typeFiles: map[*model.Type]string{},
		enumFiles: map[*model.Enum]string{},

		byLowerName: map[string]string{},
	}
	exported := &claimer{taken: map[string]model.Pos{}, diags: p.diags}
	n.exported = exported
	for k := range reservedNames {
		exported.taken[k] = model.Pos{File: "(docgen support code)"}
	}
	claim := exported.claim
	for _, t := range api.Types {
		n.types[t.QualifiedName()] = claim(typeGoName(t.Namespace, t.Name), t.Pos, "type "+t.Name)
		if _, dup := n.byLowerName[strings.ToLower(t.Name)]; !dup {
			n.byLowerName[strings.ToLower(t.Name)] = n.types[t.QualifiedName()]
		}
	}
	for _, t := range api.Types {
		// A derived type embeds its base, whose name is then a field of
		// it, and has the As<Base> methods of its bases.
		reserved := fieldReservations()
		seen := map[*model.Type]bool{t: true}
		for b := p.types[t.BaseType]; b != nil && !seen[b]; b = p.types[b.BaseType] {
			seen[b] = true
			name := n.types[b.QualifiedName()]
			reserved[name] = "the embedded base type " + b.Name + " takes"
			reserved["As"+name] = "a method of base type " + b.Name + " takes"
		}
		n.nameFields(p.properties(t), reserved, p.diags)
	}
	for _, e := range api.Enums {
		n.enums[e.QualifiedName()] = claim(typeGoName(e.Namespace, e.Name), e.Pos, "enum "+e.Name)
	}
	// Interfaces and constants come after every type and enum, so a new one
	// never renames those.
	for _, q := range polymorphic(api, p.derived) {
		t := p.types[q]
		iface := claim(n.types[q]+"Value", t.Pos, "the interface of "+q)
		n.values[q] = &polyNames{iface: iface, as: "As" + n.types[q], newFn: "new" + iface, read: "Read_" + iface, write: "Write_" + iface}
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
	var ordered []*model.Operation
	for _, tier := range []bool{true, false} {
		for _, op := range api.Operations {
			if len(own.served[op]) > 0 && own.subject[op] == tier {
				ordered = append(ordered, op)
			}
		}
	}
	for _, op := range ordered {
		// Titles repeat across resources ("List attachments" of events and
		// of messages); the page family tells them apart.
		want := operationGoName(op.Title)
		name := claim(want, op.Pos, "operation "+strquote(op.Title), n.familyName(pageWords(op.Pos.File)[0])+want)
		n.ops[op] = name
		// What is named after the operation is claimed with it.
		if op.Body != nil && op.Body.IsActionParameters() && p.updates[op] == nil {
			n.bodies[op] = claim(name+"Body", op.Body.Pos, "the parameters of "+strquote(op.Title))
			n.bodyProps[op] = p.actionProperties(op)
			n.nameFields(n.bodyProps[op], fieldReservations(), p.diags)
		}
		n.params[op] = n.nameParams(op, own.served[op], claim)
		n.all[op] = claim(name+"All", op.Pos, "the iterator of "+strquote(op.Title))
		n.serve[op] = "serve" + name
		n.perms[op] = "perm" + name
		n.fake[op] = lowerName(name)
	}
	// Example tests are named after the example, or their operation, in a
	// namespace of their own.
	tests := map[string]bool{}
	for _, op := range ordered {
		for i, ex := range own.examples(op) {
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

// nameParams names an operation's Params struct and its fields: the path
// parameters of every route ("{id}" after "users" is UserID), its
// documented query parameters, and QueryOptions for a GET. It returns nil
// when the operation takes none.
func (n *names) nameParams(op *model.Operation, routes []*model.Route, claim func(string, model.Pos, string, ...string) string) *paramsType {
	p := &paramsType{system: op.Method == http.MethodGet}
	byName := map[string]*paramField{}
	used := map[string]bool{"Route": true, "QueryOptions": true}
	if p.system {
		for _, f := range []string{"Select", "Expand", "Filter", "OrderBy", "Search", "Top", "Skip", "Count", "Extra"} {
			used[f] = true
		}
	}
	for _, rt := range routes {
		var fields []*paramField
		inRoute := map[string]bool{}
		prev := ""
		for _, seg := range rt.Segments {
			for _, name := range segmentParams(seg) {
				want := paramFieldName(name, prev)
				field := want
				for i := 2; inRoute[field] || (used[field] && byName[field] == nil); i++ {
					field = fmt.Sprintf("%s%d", want, i)
				}
				inRoute[field] = true
				f, ok := byName[field]
				if !ok {
					f = &paramField{field: field, doc: name}
					byName[field] = f
					used[field] = true
					p.path = append(p.path, f)
				}
				fields = append(fields, f)
			}
			if seg.Literal != "" {
				prev = seg.Literal
			}
		}
		p.routeFields = append(p.routeFields, fields)
	}
	for _, q := range op.Query {
		if strings.HasPrefix(q.Name, "$") || !isQueryName(q.Name) {
			continue // system options are QueryOptions' business
		}
		want := GoName(q.Name)
		if used[want] {
			want += "Query"
		}
		field := want
		for i := 2; used[field]; i++ {
			field = fmt.Sprintf("%s%d", want, i)
		}
		used[field] = true
		p.query = append(p.query, &paramField{field: field, doc: q.Name})
	}
	if len(p.path) == 0 && len(p.query) == 0 && !p.system {
		return nil
	}
	p.name = claim(n.ops[op]+"Params", op.Pos, "the parameters of "+strquote(op.Title))
	return p
}

// paramFieldName names a path parameter; a bare "id" takes the singular of
// the segment before it: /users/{id} → UserID.
func paramFieldName(param, prevLiteral string) string {
	if strings.EqualFold(param, "id") && prevLiteral != "" {
		if i := strings.LastIndexByte(prevLiteral, '.'); i >= 0 {
			prevLiteral = prevLiteral[i+1:]
		}
		return GoName(singular(prevLiteral) + "-id")
	}
	return GoName(param)
}

// actionProperties returns an action's parameters, each name once: some
// pages list a parameter in two tables.
func (p *planner) actionProperties(op *model.Operation) []*model.Property {
	var out []*model.Property
	seen := map[string]*model.Property{}
	for _, prop := range op.Body.Properties {
		if first, dup := seen[prop.Name]; dup {
			p.diags.Warnf(prop.Pos, "duplicate", "parameter %q is also documented at line %d; the first is used", prop.Name, first.Pos.Line)
			continue
		}
		seen[prop.Name] = prop
		out = append(out, prop)
	}
	return out
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
