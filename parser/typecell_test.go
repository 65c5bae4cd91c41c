package parser

import (
	"strings"
	"testing"
)

func TestParseTypeCell(t *testing.T) {
	const ns = "microsoft.graph"
	tests := []struct {
		name       string
		text, link string
		namespace  string // ns when empty
		wantOK     bool
		wantName   string
		wantColl   bool
		wantNote   string // a word the note must hold; "" means no note
	}{
		// Edm primitives, with and without the prefix, in any case.
		{name: "String", text: "String", wantOK: true, wantName: "Edm.String"},
		{name: "lowercase string", text: "string", wantOK: true, wantName: "Edm.String"},
		{name: "Edm.String", text: "Edm.String", wantOK: true, wantName: "Edm.String"},
		{name: "edm.string lowercase", text: "edm.string", wantOK: true, wantName: "Edm.String"},
		{name: "Int32", text: "Int32", wantOK: true, wantName: "Edm.Int32"},
		{name: "informal int", text: "int", wantOK: true, wantName: "Edm.Int32"},
		{name: "Int64", text: "Int64", wantOK: true, wantName: "Edm.Int64"},
		{name: "Edm.Int64", text: "Edm.Int64", wantOK: true, wantName: "Edm.Int64"},
		{name: "Boolean", text: "Boolean", wantOK: true, wantName: "Edm.Boolean"},
		{name: "Double", text: "Double", wantOK: true, wantName: "Edm.Double"},
		{name: "Single", text: "Single", wantOK: true, wantName: "Edm.Single"},
		{name: "Decimal", text: "Decimal", wantOK: true, wantName: "Edm.Decimal"},
		{name: "DateTimeOffset", text: "DateTimeOffset", wantOK: true, wantName: "Edm.DateTimeOffset"},
		{name: "Edm.DateTimeOffset", text: "Edm.DateTimeOffset", wantOK: true, wantName: "Edm.DateTimeOffset"},
		{name: "Date", text: "Date", wantOK: true, wantName: "Edm.Date"},
		{name: "TimeOfDay", text: "TimeOfDay", wantOK: true, wantName: "Edm.TimeOfDay"},
		{name: "Duration", text: "Duration", wantOK: true, wantName: "Edm.Duration"},
		{name: "Guid", text: "Guid", wantOK: true, wantName: "Edm.Guid"},
		{name: "Binary", text: "Binary", wantOK: true, wantName: "Edm.Binary"},
		{name: "Stream", text: "Stream", wantOK: true, wantName: "Edm.Stream"},
		{name: "informal numeric", text: "numeric", wantOK: true, wantName: "Edm.Double"},
		{name: "Untyped", text: "Untyped", wantOK: true, wantName: "Edm.Untyped"},
		{name: "surrounding spaces", text: "  Int32  ", wantOK: true, wantName: "Edm.Int32"},

		// Collections.
		{name: "String collection", text: "String collection", wantOK: true, wantName: "Edm.String", wantColl: true},
		{name: "Collection(Edm.String)", text: "Collection(Edm.String)", wantOK: true, wantName: "Edm.String", wantColl: true},
		{name: "Collection(qualified)", text: "Collection(microsoft.graph.x)", wantOK: true, wantName: "microsoft.graph.x", wantColl: true},
		{name: "collection( lowercase", text: "collection(reputationCategory)", wantOK: true, wantName: "microsoft.graph.reputationCategory", wantColl: true},
		{
			name: "bracketed link text collection", text: "[reputationCategory] collection", link: "../resources/reputationcategory.md",
			wantOK: true, wantName: "microsoft.graph.reputationCategory", wantColl: true,
		},
		{
			name: "link text collection", text: "reputationCategory collection", link: "../resources/reputationcategory.md",
			wantOK: true, wantName: "microsoft.graph.reputationCategory", wantColl: true,
		},
		{
			name: "Collection(link text)", text: "Collection(reputationCategory)", link: "reputationcategory.md",
			wantOK: true, wantName: "microsoft.graph.reputationCategory", wantColl: true,
		},

		// Named types.
		{name: "link", text: "domainRegistrant", link: "../resources/domainregistrant.md", wantOK: true, wantName: "microsoft.graph.domainRegistrant"},
		{name: "backticked enum", text: "`alertSeverity`", wantOK: true, wantName: "microsoft.graph.alertSeverity"},
		{name: "backticked Edm", text: "`String`", wantOK: true, wantName: "Edm.String"},
		{name: "bold", text: "**Boolean**", wantOK: true, wantName: "Edm.Boolean"},
		{
			name: "sub-namespace qualified", text: "microsoft.graph.callRecords.session",
			wantOK: true, wantName: "microsoft.graph.callRecords.session",
		},
		{
			name: "bare name on a sub-namespace page", text: "session", namespace: "microsoft.graph.callRecords",
			wantOK: true, wantName: "microsoft.graph.callRecords.session",
		},
		{
			name: "namespaced name ending in an Edm word is not Edm", text: "microsoft.graph.date",
			wantOK: true, wantName: "microsoft.graph.date",
		},

		// Liberties, each with a note for a warning.
		{name: "string, maximum size 20", text: "string, maximum size 20", wantOK: true, wantName: "Edm.String", wantNote: "took the type before"},
		{name: "semicolon", text: "Int32; read-only", wantOK: true, wantName: "Edm.Int32", wantNote: "took the type before"},
		{name: "comma after collection", text: "String collection, at most 5", wantOK: true, wantName: "Edm.String", wantColl: true, wantNote: "String collection, at most 5"},
		{name: "a or b union", text: "a or b", link: "a.md", wantOK: true, wantName: "microsoft.graph.a", wantNote: "union"},
		{name: "union of links", text: "fileAttachment or itemAttachment", wantOK: true, wantName: "microsoft.graph.fileAttachment", wantNote: "itemAttachment"},
		{name: "parenthesised remark", text: "String (identifier)", wantOK: true, wantName: "Edm.String", wantNote: "(identifier)"},
		{name: "kind words", text: "itemAnalytics resource", wantOK: true, wantName: "microsoft.graph.itemAnalytics"},
		{name: "Untyped JSON object", text: "Untyped JSON object", wantOK: true, wantName: "Edm.Untyped"},
		{name: "leading remark", text: "(Optional) String", wantOK: true, wantName: "Edm.String", wantNote: "(Optional)"},
		{name: "sentence after a collection", text: "educationOutcome collection. Holds grades", wantOK: true, wantName: "microsoft.graph.educationOutcome", wantColl: true, wantNote: "Holds grades"},
		{name: "slash union", text: "string/number", wantOK: true, wantName: "Edm.String", wantNote: "union"},

		// Nothing that looks like a type.
		{name: "empty", text: ""},
		{name: "bold, then a remark", text: "**String** (identifier)", wantOK: true, wantName: "Edm.String", wantNote: "took"},
		{name: "code, then a kind word", text: "`widget` resource", wantOK: true, wantName: "microsoft.graph.widget"},
		{name: "spaces", text: "   "},
		{name: "only markup", text: "`` **"},
		{name: "dash", text: "-"},
		{name: "em dash", text: "\u2014"},
		{name: "n/a", text: "n/a"},
		{name: "number", text: "42"},
		{name: "braces", text: "{}"},
		{name: "empty Collection()", text: "Collection()"},
		{name: "unclosed Collection(", text: "Collection("},
		{name: "leading dot", text: ".String"},
		{name: "trailing dot before a remark", text: "widget., or none"},
		{name: "empty name between dots", text: "microsoft..widget"},
		{name: "question marks", text: "???"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			namespace := tc.namespace
			if namespace == "" {
				namespace = ns
			}
			got, ok := ParseTypeCell(tc.text, tc.link, namespace)
			if ok != tc.wantOK {
				t.Fatalf("ParseTypeCell(%q) ok = %v, want %v (got %+v)", tc.text, ok, tc.wantOK, got)
			}
			if !ok {
				if got != (TypeCell{}) {
					t.Errorf("ParseTypeCell(%q) failed but returned %+v, want the zero TypeCell", tc.text, got)
				}
				return
			}
			if got.Ref.Name != tc.wantName || got.Ref.Collection != tc.wantColl {
				t.Errorf("ParseTypeCell(%q) = %s, want name %s collection %v", tc.text, got.Ref, tc.wantName, tc.wantColl)
			}
			if got.Link != tc.link {
				t.Errorf("ParseTypeCell(%q).Link = %q, want %q", tc.text, got.Link, tc.link)
			}
			switch {
			case tc.wantNote == "" && got.Note != "":
				t.Errorf("ParseTypeCell(%q).Note = %q, want none", tc.text, got.Note)
			case tc.wantNote != "" && !strings.Contains(got.Note, tc.wantNote):
				t.Errorf("ParseTypeCell(%q).Note = %q, want one mentioning %q", tc.text, got.Note, tc.wantNote)
			}
		})
	}
}

func TestQualifyTypeName(t *testing.T) {
	tests := []struct {
		name, namespace, want string
	}{
		{"String", "microsoft.graph", "Edm.String"},
		{"string", "microsoft.graph", "Edm.String"},
		{"Edm.String", "microsoft.graph", "Edm.String"},
		{"edm.int64", "microsoft.graph", "Edm.Int64"},
		{"Edm.Guid", "", "Edm.Guid"},
		{"int", "microsoft.graph", "Edm.Int32"},
		{"integer", "microsoft.graph", "Edm.Int32"},
		{"long", "microsoft.graph", "Edm.Int64"},
		{"bool", "microsoft.graph", "Edm.Boolean"},
		{"timestamp", "microsoft.graph", "Edm.DateTimeOffset"},
		{"datetime", "microsoft.graph", "Edm.DateTimeOffset"},
		{"user", "microsoft.graph", "microsoft.graph.user"},
		{"session", "microsoft.graph.callRecords", "microsoft.graph.callRecords.session"},
		{"user", "", "user"},
		{"#microsoft.graph.user", "microsoft.graph", "microsoft.graph.user"},
		{"microsoft.graph.callRecords.session", "microsoft.graph", "microsoft.graph.callRecords.session"},
		{"microsoft.graph.identitySet", "microsoft.graph.callRecords", "microsoft.graph.identitySet"},
		// A qualified name whose last part is an Edm word is not Edm.
		{"microsoft.graph.date", "microsoft.graph", "microsoft.graph.date"},
		// Unknown Edm names pass through; they are already qualified.
		{"Edm.Untyped", "microsoft.graph", "Edm.Untyped"},
	}
	for _, tc := range tests {
		if got := QualifyTypeName(tc.name, tc.namespace); got != tc.want {
			t.Errorf("QualifyTypeName(%q, %q) = %q, want %q", tc.name, tc.namespace, got, tc.want)
		}
	}
}

// "Collection of String" (permission.md) and "collection of driveItem"
// (driveitem.md's method table) spell a collection in words.
func TestParseTypeCellCollectionOf(t *testing.T) {
	for text, want := range map[string]string{
		"Collection of String":      "Collection(Edm.String)",
		"collection of driveItem":   "Collection(microsoft.graph.driveItem)",
		"Collection of [driveItem]": "Collection(microsoft.graph.driveItem)",
		"Collection(driveItem)":     "Collection(microsoft.graph.driveItem)",
	} {
		got, ok := ParseTypeCell(text, "", "microsoft.graph")
		if !ok || got.Ref.String() != want {
			t.Errorf("ParseTypeCell(%q) = %s, %v; want %s", text, got.Ref, ok, want)
		}
	}
}

// A link markdown could not read, as in invitation.md, still names its type
// and its page.
func TestParseTypeCellUnclosedLink(t *testing.T) {
	got, ok := ParseTypeCell("[invitedUserMessageInfo](invitedusermessageinfo.md", "", "microsoft.graph")
	if !ok || got.Ref.Name != "microsoft.graph.invitedUserMessageInfo" || got.Link != "invitedusermessageinfo.md" || !strings.Contains(got.Note, "not closed") {
		t.Errorf("ParseTypeCell = %+v, %v; want microsoft.graph.invitedUserMessageInfo linking invitedusermessageinfo.md, with a note", got, ok)
	}
}
