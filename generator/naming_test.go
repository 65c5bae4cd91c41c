package generator

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"path"
	"strings"
	"testing"

	"github.com/docgen-dev/docgen/templates"
)

func TestGoName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"domainSecurityProfile", "DomainSecurityProfile"},
		{"userId", "UserID"},
		{"id", "ID"},
		{"azureSubscriptionId", "AzureSubscriptionID"},
		{"ipAddress", "IPAddress"},
		{"webUrl", "WebURL"},
		{"HTMLParser", "HTMLParser"},
		{"@odata.type", "ODataType"},
		{"microsoft.graph.callRecords", "MicrosoftGraphCallRecords"},
		{"3dModel", "X3dModel"},
		{"type", "Type"},
		{"range", "Range"},
		{"x-ms-header", "XMsHeader"},
		{"office365ActiveUserCounts", "Office365ActiveUserCounts"},
		{"", "X"},
		{"___", "X"},
		{"deviceIds", "DeviceIDs"},
	}
	for _, tt := range tests {
		if got := GoName(tt.in); got != tt.want {
			t.Errorf("GoName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLowerName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"id", "id"},
		{"user-id", "userID"},
		{"type", "type_"},
		{"range", "range_"},
		{"select", "select_"},
		{"package", "package_"},
		{"default", "default_"},
		{"ctx", "ctx_"},
		{"body", "body_"},
		{"period_value", "periodValue"},
		{"2fa", "x2fa"},
		{"userPrincipalName", "userPrincipalName"},
	}
	for _, tt := range tests {
		if got := lowerName(tt.in); got != tt.want {
			t.Errorf("lowerName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOperationGoName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Create domainSecurityProfile", "CreateDomainSecurityProfile"},
		{"Get a user", "GetUser"},
		{"List the members of an app", "ListMembersOfApp"},
		{"", "Operation"},
	}
	for _, tt := range tests {
		if got := operationGoName(tt.in); got != tt.want {
			t.Errorf("operationGoName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ goName, suffix, want string }{
		{"DomainSecurityProfile", "", "domain_security_profile.go"},
		{"ManagedAppWindows", "", "managed_app_windows_type.go"},
		{"LoadTest", "", "load_test_type.go"},
		{"Security", "_examples_test", "security_examples_test.go"},
		{"UserID", "", "user_id.go"},
	}
	for _, tt := range tests {
		if got := fileName(tt.goName, tt.suffix); got != tt.want {
			t.Errorf("fileName(%q, %q) = %q, want %q", tt.goName, tt.suffix, got, tt.want)
		}
	}
}

// TestReservedNamesCoverSupportCode: every exported name the support code
// declares where documented types are declared is reserved, so no
// documented type can take it (which would not compile), and so are the
// generated names it refers to. Types are declared in internal/core beside
// the support code, and aliased in the root package beside api.go, the
// root's names for the support code's public ones: both namespaces count.
// internal/coretest is a package of its own, which the example tests refer
// to qualified (coretest.CheckJSON), so its names need no reserving.
func TestReservedNamesCoverSupportCode(t *testing.T) {
	for _, name := range []string{"Server", "UnimplementedServer", "Client", "NewClient", "NewHandler", "Collection", "SkipPermissions", "Optional", "DefaultBasePath"} {
		if !reservedNames[name] {
			t.Errorf("reservedNames lacks %s", name)
		}
	}
	files, err := templates.Render(templates.Data{Package: "p", ImportPath: "example.com/p", Header: "// h"})
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]int{}
	for _, f := range files {
		dir := path.Dir(f.Name)
		if strings.HasSuffix(f.Name, "_test.go") || dir == templates.CoretestDir {
			continue
		}
		if dir != "." && dir != templates.CoreDir {
			t.Errorf("support file %s is in neither the root package nor %s: which names does it share a namespace with?", f.Name, templates.CoreDir)
			continue
		}
		file, err := goparser.ParseFile(token.NewFileSet(), f.Name, f.Content, goparser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for name, kind := range topLevelNames(file) {
			if ast.IsExported(name) {
				checked[dir]++
				if !reservedNames[name] {
					t.Errorf("%s declares %s %s, which reservedNames lacks", f.Name, kind, name)
				}
			}
		}
	}
	// Both namespaces were looked at: a Render that moved its files would
	// otherwise pass unchecked.
	for _, dir := range []string{".", templates.CoreDir} {
		if checked[dir] == 0 {
			t.Errorf("no support code's exported name declared in %q", dir)
		}
	}
}

// topLevelNames are a file's package-level declarations, by kind.
func topLevelNames(f *ast.File) map[string]string {
	names := map[string]string{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = "func"
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = "type"
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = d.Tok.String()
					}
				}
			}
		}
	}
	return names
}
