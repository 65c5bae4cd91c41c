package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// widgetPage is a resource page for a type the seeds do not have, so that
// --csdl has a resource-page type to compare.
const widgetPage = `---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

Namespace: microsoft.graph

Represents a widget.

## Properties

| Property | Type | Description |
|:---|:---|:---|
| id | String | The identifier. |
| size | Int32 | The size. |
`

const widgetCSDL = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="widget" BaseType="graph.entity">
        <Property Name="size" Type="Edm.Int64" />
        <Property Name="color" Type="Edm.String" />
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`

func TestCSDLFlag(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "extra")
	os.MkdirAll(filepath.Join(docs, "resources"), 0o755)
	os.WriteFile(filepath.Join(docs, "resources", "widget.md"), []byte(widgetPage), 0o644)
	metadata := filepath.Join(dir, "metadata.csdl")
	os.WriteFile(metadata, []byte(widgetCSDL), 0o644)
	out := filepath.Join(dir, "pkg")
	// Diagnostics name pages relative to the working directory, as editors
	// and CI annotations want them.
	wd, err := os.Getwd()
	must(t, err)
	rel, err := filepath.Rel(wd, filepath.Join(docs, "resources", "widget.md"))
	must(t, err)
	page := filepath.ToSlash(rel)

	const summary = "csdl: 1 types compared; property recall 50.0% (1/2), precision 100.0% (2/2), kind agreement 50.0% (1/2)"
	findings := []string{
		page + ":6: warning: type widget inherits from microsoft.graph.entity in the metadata but the page names no base type",
		page + ":6: warning: the metadata has property color (Edm.String) which the page does not document",
		page + ":17: warning: property size is in the metadata as Edm.Int64 but documented as Edm.Int32",
	}

	// Without -v: the figures only, just before docgen's own summary, and
	// the exit status is that of the run.
	code, msg := runDocgen(t, "--csdl", metadata, "--out", out, seeds, docs)
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	if code != exitOK || len(lines) < 2 || lines[len(lines)-2] != summary || !strings.HasPrefix(lines[len(lines)-1], "docgen: 2 pages") {
		t.Fatalf("--csdl: exit %d, want 0 with the csdl summary before the last line:\n%s", code, msg)
	}
	for _, f := range findings {
		if strings.Contains(msg, f) {
			t.Errorf("without -v, the output has the finding %q", f)
		}
	}

	// With -v: each finding as a diagnostic, named like the others.
	code, msg = runDocgen(t, "-v", "--csdl", metadata, "--check", "--out", out, seeds, docs)
	if code != exitOK || !strings.Contains(msg, summary) {
		t.Errorf("-v --csdl --check: exit %d\n%s", code, msg)
	}
	for _, f := range findings {
		if !strings.Contains(msg, f+"\n") {
			t.Errorf("with -v, the output lacks %q:\n%s", f, msg)
		}
		if !diagLine.MatchString(f) {
			t.Errorf("finding %q is not of the form path:line: severity: message", f)
		}
	}

	// Metadata that cannot be read fails the run before anything is written.
	fresh := filepath.Join(dir, "fresh")
	code, msg = runDocgen(t, "--csdl", filepath.Join(dir, "missing.csdl"), "--out", fresh, seeds)
	if code != exitFail || !strings.Contains(msg, "missing.csdl") || fileExists(fresh) {
		t.Errorf("--csdl with a missing file: exit %d, wrote %v\n%s", code, fileExists(fresh), msg)
	}
	os.WriteFile(metadata, []byte("<Schema"), 0o644)
	if code, msg = runDocgen(t, "--csdl", metadata, "--out", fresh, seeds); code != exitFail || !strings.Contains(msg, "metadata.csdl") {
		t.Errorf("--csdl with malformed XML: exit %d\n%s", code, msg)
	}
}
