package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/docgen-dev/docgen/parser/model"
)

// permissionSet is an operation's documented permissions as the handler
// checks them: a caller needs any one delegated scope (work, school or
// personal account alike: a token does not say which) or any one
// application role.
type permissionSet struct {
	delegated, application []string
	// undetermined: a row holds a placeholder, or the page has no table,
	// so the docs do not say who may call the operation.
	undetermined bool
}

// permissionVar is a variable of the generated package holding one
// permission set, which the route table points at.
type permissionVar struct {
	name string
	set  permissionSet
}

// permissions works out what each of o's routes requires, one variable for
// each distinct set.
func (p *planner) permissions(o *operation) {
	for _, r := range o.routes {
		set := routePermissions(o.op, r.route)
		for _, v := range o.perms {
			if slices.Equal(v.set.delegated, set.delegated) && slices.Equal(v.set.application, set.application) && v.set.undetermined == set.undetermined {
				r.perms = v
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

// routePermissions is what one route of an operation requires.
func routePermissions(op *model.Operation, _ *model.Route) permissionSet {
	var ps permissionSet
	if len(op.Permissions) == 0 {
		ps.undetermined = true
	}
	for _, p := range op.Permissions {
		switch {
		case p.Undetermined:
			ps.undetermined = true
		case p.Kind == model.Application:
			ps.application = appendNew(ps.application, p.Scopes)
		default:
			ps.delegated = appendNew(ps.delegated, p.Scopes)
		}
	}
	return ps
}

func appendNew(list, add []string) []string {
	for _, s := range add {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// describe says in a line what a caller needs.
func (ps permissionSet) describe() string {
	var parts []string
	if len(ps.delegated) > 0 {
		parts = append(parts, "delegated "+strings.Join(ps.delegated, ", "))
	}
	if len(ps.application) > 0 {
		parts = append(parts, "application "+strings.Join(ps.application, ", "))
	}
	if ps.undetermined {
		parts = append(parts, "the docs do not determine them all")
	}
	if len(parts) == 0 {
		return "none is supported"
	}
	return strings.Join(parts, "; ")
}
