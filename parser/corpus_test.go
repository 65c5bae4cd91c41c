package parser

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/docgen-dev/docgen/parser/diag"
	"github.com/docgen-dev/docgen/parser/model"
)

// corpusDir is the real Graph v1.0 reference, beside the project.
var corpusDir = filepath.Join("..", "..", "shared", "corpus", "graph-v1.0")

var corpus struct {
	once  sync.Once
	api   *model.API
	diags []diag.Diagnostic
	err   error
}

// parseCorpus parses the corpus once for all the tests that look at it, and
// skips when it is absent or in -short mode.
func parseCorpus(t *testing.T) (*model.API, []diag.Diagnostic) {
	t.Helper()
	if testing.Short() {
		t.Skip("reads 3,341 pages")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not found at %s: %v", corpusDir, err)
	}
	corpus.once.Do(func() {
		src, err := ReadDir(corpusDir)
		if err != nil {
			corpus.err = err
			return
		}
		var d diag.List
		corpus.api = Parse(src, &d)
		corpus.diags = d.Sorted()
	})
	if corpus.err != nil {
		t.Fatal(corpus.err)
	}
	return corpus.api, corpus.diags
}

// corpusFile is a page's stable path in the corpus.
func corpusFile(name string) string { return "graph-v1.0/" + name }

func TestCorpusEnums(t *testing.T) {
	api, _ := parseCorpus(t)
	perPage := map[string]int{}
	byName := map[string]*model.Enum{}
	for _, e := range api.Enums {
		perPage[e.Pos.File]++
		byName[e.QualifiedName()] = e
	}
	for page, want := range map[string]int{
		"resources/enums.md":                              144,
		"resources/enums-callrecords.md":                  11,
		"resources/enums-externalConnectors.md":           7,
		"resources/intune-apps-managedappavailability.md": 1,
	} {
		if got := perPage[corpusFile(page)]; got != want {
			t.Errorf("%s yields %d enums, want %d", page, got, want)
		}
	}
	if e := byName["microsoft.graph.callRecords.callType"]; e == nil || len(e.Members) == 0 {
		t.Errorf("microsoft.graph.callRecords.callType = %+v, want the call records enum", e)
	}
	if e := byName["microsoft.graph.managedAppAvailability"]; e == nil || len(e.Members) != 2 || e.Members[0].Name != "global" {
		t.Errorf("managedAppAvailability = %+v, want global and lineOfBusiness", e)
	}
	// chat.md documents chatType under "### chatType values", and its Type
	// cell links there: the property is the enum, not the chat type.
	for _, ty := range api.Types {
		if ty.QualifiedName() != "microsoft.graph.chat" {
			continue
		}
		for _, p := range ty.Properties {
			if p.Name == "chatType" && p.Type.Name != "microsoft.graph.chatType" {
				t.Errorf("chat.chatType is %s, want microsoft.graph.chatType", p.Type)
			}
		}
	}
	if len(api.Enums) < 300 {
		t.Errorf("only %d enums", len(api.Enums))
	}
}

// operation returns the operation of a corpus method page.
func operation(t *testing.T, api *model.API, page string) *model.Operation {
	t.Helper()
	for _, op := range api.Operations {
		if op.Pos.File == corpusFile(page) {
			return op
		}
	}
	t.Fatalf("%s has no operation", page)
	return nil
}

func routePaths(op *model.Operation) []string {
	var out []string
	for _, r := range op.Routes {
		out = append(out, r.Path)
	}
	return out
}

func TestCorpusRoutes(t *testing.T) {
	api, ds := parseCorpus(t)
	for page, want := range map[string][]string{
		"api/user-get.md":  {"/users/{id | userPrincipalName}", "/me"},
		"api/drive-get.md": {"/me/drive", "/users/{idOrUserPrincipalName}/drive", "/groups/{groupId}/drive", "/sites/{siteId}/drive", "/drives/{drive-id}"},
		"api/site-get.md":  {"/sites/root", "/sites/contoso.sharepoint.com", "/sites/{hostname}:/{server-relative-path}", "/groups/{group-id}/sites/root"},
	} {
		op := operation(t, api, page)
		if want != nil && !reflect.DeepEqual(routePaths(op), want) {
			t.Errorf("%s routes\n got %q\nwant %q", page, routePaths(op), want)
		}
	}
	// Query strings are not part of a route.
	if got := routePaths(operation(t, api, "api/group-delete-acceptedsenders.md")); len(got) == 0 || strings.Contains(strings.Join(got, " "), "?") {
		t.Errorf("group-delete-acceptedsenders routes = %q, want no query strings", got)
	}
	// Function calls and path addressing are mixed segments.
	op := operation(t, api, "api/reportroot-getemailactivitycounts.md")
	if segs := op.Routes[0].Segments; len(segs) != 2 || len(segs[1].Parts) != 3 || segs[1].Parts[1].Param != "period_value" {
		t.Errorf("getEmailActivityCounts segments = %+v, want a call with the period_value parameter", segs)
	}
	// One operation has one method: 7 pages mix methods in their syntax
	// block, and each is reported once.
	mixed := map[string]bool{}
	for _, d := range ds {
		if strings.Contains(d.Message, "mixes methods") {
			mixed[d.Pos.File] = true
		}
	}
	if len(mixed) != 7 {
		t.Errorf("%d pages mix methods, want 7: %v", len(mixed), mixed)
	}
}

func TestCorpusResponses(t *testing.T) {
	api, _ := parseCorpus(t)
	for page, want := range map[string]string{
		"api/user-list.md":                         "200 Collection(microsoft.graph.user)",
		"api/user-get.md":                          "200 microsoft.graph.user",
		"api/user-delete.md":                       "204",
		"api/group-post-groups.md":                 "201 microsoft.graph.group",
		"api/drive-list-following.md":              "200 Collection(microsoft.graph.driveItem)",
		"api/serviceprincipal-getmemberobjects.md": "200 Collection(Edm.String)",
		"api/plannertask-update.md":                "204",
	} {
		r := operation(t, api, page).Response
		got := strconv.Itoa(r.Status)
		if r.Type != nil {
			got += " " + r.Type.String()
		}
		if got != want {
			t.Errorf("%s: response %s, want %s", page, got, want)
		}
	}
}

// Every page is accounted for: each has a kind; each method page yields an
// operation or one diagnostic saying why not; conceptual pages are silent
// unless their front matter is wrong or an include cannot be read.
func TestCorpusPagesAccountedFor(t *testing.T) {
	api, ds := parseCorpus(t)
	kinds := map[model.PageKind]int{}
	for _, p := range api.Pages {
		kinds[p.Kind]++
	}
	if kinds[model.PageMethod] < 2090 || kinds[model.PageResource] < 1000 || kinds[model.PageEnum] != 142 {
		t.Errorf("pages by kind = %v", kinds)
	}
	ops := map[string]bool{}
	for _, op := range api.Operations {
		ops[op.Pos.File] = true
	}
	byFile := map[string][]diag.Diagnostic{}
	for _, d := range ds {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d)
	}
	for _, p := range api.Pages {
		switch p.Kind {
		case model.PageMethod:
			if !ops[p.Pos.File] {
				t.Errorf("%s: method page with neither an operation nor a reason", p.Pos)
			}
		case model.PageConceptual:
			for _, d := range byFile[p.Pos.File] {
				if d.Category != "front-matter" && d.Category != "include" {
					t.Errorf("conceptual page %s: %s", d.Pos, d.Message)
				}
			}
		}
	}
	if len(api.Operations) < 2090 || len(api.Types) < 1000 || len(api.Enums) < 300 {
		t.Errorf("%d operations, %d types, %d enums", len(api.Operations), len(api.Types), len(api.Enums))
	}
}
