package parser

import (
	"reflect"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// permissionsPage is a method page whose Permissions section is table
// (its first line is line 6).
func permissionsPage(table ...string) string {
	return lines(append(append([]string{
		"---", "doc_type: apiPageType", "---",
		"# Get widget",
		"## Permissions", // 5
	}, table...),
		"## HTTP request",
		"```http",
		"GET /widgets",
		"```",
		"## Response",
		"If successful, this method returns a `200 OK` response code.",
	)...)
}

// perm is a Permission without its position, for comparison.
type perm struct {
	kind         model.PermissionKind
	resource     string
	sets         [][]string
	supported    bool
	undetermined bool
}

func permsOf(res *PageResult) []perm {
	var out []perm
	for _, p := range res.Operation.Permissions {
		out = append(out, perm{p.Kind, p.Resource, p.Sets, p.Supported, p.Undetermined})
	}
	return out
}

func sets(ss ...string) [][]string {
	var out [][]string
	for _, s := range ss {
		out = append(out, strings.Split(s, "+"))
	}
	return out
}

// Cell texts from the v1.0 corpus, in a delegated row.
func TestPermissionCells(t *testing.T) {
	w := model.DelegatedWork
	cases := []struct {
		name, cell string
		want       []perm
		diag       []string // words of the one permissions warning, if any
	}{
		{"comma", "Widget.Read, Widget.ReadWrite.All", []perm{{w, "", sets("Widget.Read", "Widget.ReadWrite.All"), true, false}}, nil},
		{"or", "Directory.Read.All or Directory.ReadWrite.All", []perm{{w, "", sets("Directory.Read.All", "Directory.ReadWrite.All"), true, false}}, nil},
		{"comma or", "EduRoster.ReadBasic.All, EduRoster.Read.All, or EduRoster.WriteWrite.All",
			[]perm{{w, "", sets("EduRoster.ReadBasic.All", "EduRoster.Read.All", "EduRoster.WriteWrite.All"), true, false}}, nil},
		{"semicolon and break", "Mail.Read; Mail.ReadWrite<br/>Mail.Send", []perm{{w, "", sets("Mail.Read", "Mail.ReadWrite", "Mail.Send"), true, false}}, nil},
		{"and", "Policy.Read.All and Policy.ReadWrite.ConditionalAccess", []perm{{w, "", sets("Policy.Read.All+Policy.ReadWrite.ConditionalAccess"), true, false}}, nil},
		{"and binds tighter", "Policy.Read.All and Application.ReadWrite.OwnedBy, Policy.Read.All and Application.ReadWrite.All",
			[]perm{{w, "", sets("Policy.Read.All+Application.ReadWrite.OwnedBy", "Policy.Read.All+Application.ReadWrite.All"), true, false}}, nil},
		{"and then comma", "OrgContact.Read.All and Group.Read.All, Directory.Read.All",
			[]perm{{w, "", sets("OrgContact.Read.All+Group.Read.All", "Directory.Read.All"), true, false}}, nil},
		{"markup", "`Widget.Read.All`, **User-LifeCycleInfo.Read.All**, TeamMember.Read.Group*, Mail.Send.", []perm{{w, "", sets("Widget.Read.All", "User-LifeCycleInfo.Read.All", "TeamMember.Read.Group", "Mail.Send"), true, false}}, nil},
		{"not supported", "Not supported.", []perm{{w, "", nil, false, false}}, nil},
		{"not applicable", "Not applicable", []perm{{w, "", nil, false, false}}, nil},
		{"n/a", "n/a", []perm{{w, "", nil, false, false}}, nil},
		{"empty", "", []perm{{w, "", nil, false, false}}, nil},
		{"todo", "TODO: Determine scopes", []perm{{w, "", nil, true, true}}, []string{"placeholder", `"TODO: Determine scopes"`}},
		{"tbd", "TBD", []perm{{w, "", nil, true, true}}, []string{"placeholder"}},
		{"typo kept out", "Directory.AccessAsUser.All, Directory AccessAsUser.All", []perm{{w, "", sets("Directory.AccessAsUser.All"), true, false}},
			[]string{`"Directory AccessAsUser.All" is not a scope name`, "ignored"}},
		{"prose only", "Role required to create subscription or Subscription.Read.All (see below)", []perm{{w, "", nil, true, true}},
			[]string{`"Role required to create subscription"`, `"Subscription.Read.All (see below)"`, "undetermined"}},
		{"prose prefixes", "In teams: TeamMember.ReadWrite.All<br/>In channels: ChannelMember.ReadWrite.All", []perm{{w, "", nil, true, true}},
			[]string{`"In teams: TeamMember.ReadWrite.All"`, "undetermined"}},
		{"for resource", "For **user** resource:<br/>User.Read, User.ReadBasic.All<br /><br />For **group** resource:<br />Group.Read.All, Group.ReadWrite.All<br /><br />For **contact** resource:<br />Contacts.Read",
			[]perm{
				{w, "user", sets("User.Read", "User.ReadBasic.All"), true, false},
				{w, "group", sets("Group.Read.All", "Group.ReadWrite.All"), true, false},
				{w, "contact", sets("Contacts.Read"), true, false},
			}, nil},
		{"for resources on one line", "For **user** or **chat** resource: Not supported.<br/><br/>For **channel** resource: TeamMember.Read.Group*, ChannelMember.Read.All",
			[]perm{
				{w, "user", nil, false, false},
				{w, "chat", nil, false, false},
				{w, "channel", sets("TeamMember.Read.Group", "ChannelMember.Read.All"), true, false},
			}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := permissionsPage(
				"|Permission type|Permissions (from least to most privileged)|", // 6
				"|:---|:---|",
				"|Delegated (work or school account)|"+c.cell+"|", // 8
			)
			res, ds := parsePage(t, src)
			if got := permsOf(res); !reflect.DeepEqual(got, c.want) {
				t.Errorf("cell %q:\n got %+v\nwant %+v", c.cell, got, c.want)
			}
			var want []wantDiag
			if c.diag != nil {
				want = []wantDiag{{8, diag.Warning, "permissions", c.diag}}
			}
			checkDiags(t, pageFile, ds, want)
		})
	}
}

// Per-resource tables (attachment-get.md, calendar-get.md): a row per
// resource, a column per permission kind.
func TestPerResourcePermissionTables(t *testing.T) {
	w, p, a := model.DelegatedWork, model.DelegatedPersonal, model.Application
	res, ds := parsePage(t, permissionsPage(
		"| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |", // 6
		"|:-----|:-----|:-----|:-----|",
		"| [event](../resources/event.md) | Calendars.Read | Calendars.Read | Calendars.Read |",
		"| [post](../resources/post.md) | Group.Read.All | Not supported | Not supported |",
		"| group [event](../resources/event.md) | Group.Read.All | Not supported. | prose only |", // 10
		"",
		"| Calendar | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |",
		"|:-----|:-----|:-----|:-----|",
		"| user calendar | Calendars.Read, Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite |",
		"| group calendar | Group.Read.All, Group.ReadWrite.All | Not supported. | Not supported. |",
	))
	checkDiags(t, pageFile, ds, []wantDiag{{10, diag.Warning, "permissions", []string{"application (group event)", `"prose only"`, "undetermined"}}})
	rw := sets("Calendars.Read", "Calendars.ReadWrite")
	want := []perm{
		{w, "event", sets("Calendars.Read"), true, false},
		{p, "event", sets("Calendars.Read"), true, false},
		{a, "event", sets("Calendars.Read"), true, false},
		{w, "post", sets("Group.Read.All"), true, false},
		{p, "post", nil, false, false},
		{a, "post", nil, false, false},
		{w, "group event", sets("Group.Read.All"), true, false},
		{p, "group event", nil, false, false},
		{a, "group event", nil, true, true},
		{w, "user calendar", rw, true, false},
		{p, "user calendar", rw, true, false},
		{a, "user calendar", rw, true, false},
		{w, "group calendar", sets("Group.Read.All", "Group.ReadWrite.All"), true, false},
		{p, "group calendar", nil, false, false},
		{a, "group calendar", nil, false, false},
	}
	if got := permsOf(res); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if got := res.Operation.Permissions[0].Pos.Line; got != 8 {
		t.Errorf("first permission at line %d, want 8", got)
	}
}

// A conceptual page's "Permission type | Supported resource types" table
// (resources/webhooks.md) is not an operation's permissions.
func TestConceptualPermissionTable(t *testing.T) {
	_, ds := parsePage(t, lines(
		"---", "doc_type: conceptualPageType", "---",
		"# Webhooks",
		"## Permissions",
		"| Permission type | Supported resource types |",
		"| :--- | :--- |",
		"| Delegated - work or school account | [alert][], [contact][] |",
	))
	checkDiags(t, pageFile, ds, nil)
}
