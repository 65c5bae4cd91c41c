package parser

import (
	"os"
	"path/filepath"
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

// diagsIn returns the diagnostics of one corpus page.
func diagsIn(ds []diag.Diagnostic, page string) []string {
	var out []string
	for _, d := range ds {
		if d.Pos.File == corpusFile(page) {
			out = append(out, d.Pos.String()+": "+d.Message)
		}
	}
	return out
}
