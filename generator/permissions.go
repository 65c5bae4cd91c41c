package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

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

func permissionsOf(op *model.Operation) permissionSet {
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

// permissionsVar names the variable that holds an operation's permissions.
func permissionsVar(o *operation) string { return "perm" + o.name }

// emitPermissions writes an operation's permissions beside its serve
// function, where a reviewer of a doc change sees them.
func (g *gen) emitPermissions(f *jen.File, o *operation) {
	ps := o.perms
	comment(f, fmt.Sprintf("%s are the permissions %s requires: %s.", permissionsVar(o), o.name, ps.describe()))
	values := jen.Dict{}
	if len(ps.delegated) > 0 {
		values[jen.Id("delegated")] = stringSlice(ps.delegated)
	}
	if len(ps.application) > 0 {
		values[jen.Id("application")] = stringSlice(ps.application)
	}
	if ps.undetermined {
		values[jen.Id("undetermined")] = jen.True()
	}
	f.Var().Id(permissionsVar(o)).Op("=").Id("permissions").Values(values)
	f.Line()
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

// stringSlice is a []string literal of ss.
func stringSlice(ss []string) *jen.Statement {
	return jen.Index().String().ValuesFunc(func(g *jen.Group) {
		for _, s := range ss {
			g.Lit(s)
		}
	})
}
