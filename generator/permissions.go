package generator

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/docgen-dev/docgen/parser/model"
)

// permissionSet is a route's documented permissions as the handler checks
// them: a caller needs every scope of any one delegated set (work, school
// or personal account alike: a token does not say which) or every role of
// any one application set.
type permissionSet struct {
	delegated, application [][]string
	// undetermined: a row holds a placeholder or only prose, the page has
	// no table, or the route addresses none of the resources the rows are
	// for, so the docs do not say who may call it.
	undetermined bool
}

func (ps permissionSet) equal(o permissionSet) bool {
	return ps.undetermined == o.undetermined && setsEqual(ps.delegated, o.delegated) && setsEqual(ps.application, o.application)
}

func setsEqual(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

// routePermissions is what a caller needs to call op through rt.
//
// Rows with no Resource apply to every route. Rows with a Resource (a
// per-resource table, or "For user resource:" in a cell) apply to the
// routes that address that resource:
//
//   - The distinguishing words of a qualifier are its words (split at
//     anything but letters and digits, lower-cased, singularised) minus the
//     words every qualifier of the op shares: "user calendar" and "group
//     calendar" give user and group.
//   - A route matches a qualifier when one of its literal segments,
//     lower-cased and singularised (users→user, me→user,
//     calendarGroups→calendargroup, events→event), equals one of its
//     distinguishing words.
//   - If several qualifiers match, the one matched by the segment nearest
//     the end of the route wins (/me/contacts/{id}/photo: contact, not
//     user). Among those matched by that same segment, the one with more
//     of its distinguishing words among the route's segments wins, then
//     the one with fewer left unmatched (/groups/{id}/events: "group
//     event", not "event"; /me/events: "event", not "group event"); a tie
//     beyond that is ambiguous.
//
// A route that matches no qualifier (or ties) gets the rows with no
// Resource only and is undetermined; problem says why.
func routePermissions(op *model.Operation, rt *model.Route) (ps permissionSet, problem string) {
	if len(op.Permissions) == 0 {
		ps.undetermined = true
		return ps, ""
	}
	resource, problem := routeResource(op, rt)
	if problem != "" {
		ps.undetermined = true
	}
	for _, p := range op.Permissions {
		if p.Resource != "" && p.Resource != resource {
			continue
		}
		switch {
		case p.Undetermined:
			ps.undetermined = true
		case p.Kind == model.Application:
			ps.application = appendNew(ps.application, p.Sets)
		default:
			ps.delegated = appendNew(ps.delegated, p.Sets)
		}
	}
	return ps, problem
}

// routeResource is the qualifier of op's rows that rt addresses, by the
// rule routePermissions states; "" when the rows have none.
func routeResource(op *model.Operation, rt *model.Route) (resource, problem string) {
	var quals []string
	for _, p := range op.Permissions {
		if p.Resource != "" && !slices.Contains(quals, p.Resource) {
			quals = append(quals, p.Resource)
		}
	}
	if len(quals) == 0 {
		return "", ""
	}
	words := make([][]string, len(quals))
	for i, q := range quals {
		words[i] = qualifierWords(q)
	}
	if len(quals) > 1 {
		shared := words[0]
		for _, w := range words[1:] {
			shared = slices.DeleteFunc(slices.Clone(shared), func(s string) bool { return !slices.Contains(w, s) })
		}
		for i := range words {
			words[i] = slices.DeleteFunc(words[i], func(s string) bool { return slices.Contains(shared, s) })
		}
	}
	var segs []string
	for _, s := range rt.Segments {
		if s.Literal != "" {
			segs = append(segs, routeWord(strings.ToLower(s.Literal)))
		}
	}
	for i := len(segs) - 1; i >= 0; i-- {
		best, bestMatched, bestLeft, tie := -1, 0, 0, false
		for q, w := range words {
			if !slices.Contains(w, segs[i]) {
				continue
			}
			matched := 0
			for _, word := range w {
				if slices.Contains(segs, word) {
					matched++
				}
			}
			left := len(w) - matched
			switch {
			case best < 0 || matched > bestMatched || matched == bestMatched && left < bestLeft:
				best, bestMatched, bestLeft, tie = q, matched, left, false
			case matched == bestMatched && left == bestLeft:
				tie = true
			}
		}
		if tie {
			return "", fmt.Sprintf("the permissions depend on the resource, and route %s matches several of %s equally; undetermined", rt.Path, quoteList(quals))
		}
		if best >= 0 {
			return quals[best], ""
		}
	}
	return "", fmt.Sprintf("the permissions depend on the resource (%s), and route %s addresses none of them; undetermined", quoteList(quals), rt.Path)
}

// qualifierWords are a qualifier's words, singularised.
func qualifierWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if w = routeWord(strings.ToLower(w)); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// routeWord is a lower-case route segment or qualifier word as route
// matching compares them: in the singular (events→event, policies→policy),
// and "me" is a user.
func routeWord(w string) string {
	if w == "me" {
		return "user"
	}
	return singular(w)
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func appendNew(list, add [][]string) [][]string {
	for _, s := range add {
		if !slices.ContainsFunc(list, func(l []string) bool { return slices.Equal(l, s) }) {
			list = append(list, s)
		}
	}
	return list
}

// permissionVar is a variable of the generated package holding one
// permission set that some of an operation's routes share; the route table
// points at it.
type permissionVar struct {
	name string
	set  permissionSet
}

// permissions works out what each of o's routes requires: one variable for
// each distinct set, perm<Op> for the first, then perm<Op>2, ... A route
// whose permissions the docs leave to the resource it addresses, and which
// addresses none of those, is reported.
func (p *planner) permissions(o *operation) {
	for _, r := range o.routes {
		set, problem := routePermissions(o.op, r.route)
		if problem != "" {
			p.diags.Warnf(r.route.Pos, "permissions", "%s", problem)
		}
		for _, v := range o.perms {
			if v.set.equal(set) {
				r.perms = v
				break
			}
		}
		if r.perms == nil {
			name := p.names.perms[o.op]
			if len(o.perms) > 0 {
				name = fmt.Sprintf("%s%d", name, len(o.perms)+1)
			}
			r.perms = &permissionVar{name: name, set: set}
			o.perms = append(o.perms, r.perms)
		}
	}
}

// describe says in a line what a caller needs.
func (ps permissionSet) describe() string {
	var parts []string
	if len(ps.delegated) > 0 {
		parts = append(parts, "delegated "+describeSets(ps.delegated))
	}
	if len(ps.application) > 0 {
		parts = append(parts, "application "+describeSets(ps.application))
	}
	if ps.undetermined {
		parts = append(parts, "the docs do not determine them all")
	}
	if len(parts) == 0 {
		return "none is supported"
	}
	return strings.Join(parts, "; ")
}

// describeSets is "A, B and C, D": any one of the comma-separated sets.
func describeSets(sets [][]string) string {
	s := make([]string, len(sets))
	for i, set := range sets {
		s[i] = strings.Join(set, " and ")
	}
	return strings.Join(s, ", ")
}
