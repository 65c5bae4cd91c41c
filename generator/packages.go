package generator

import (
	"hash/fnv"
	"path"
	"strconv"
	"strings"

	"github.com/docgen-dev/docgen/templates"
)

// This file plans the packages the generated code is split into, so that
// no compile process grows with the whole API and the go command compiles
// the parts in parallel:
//
//   - the root package (Options.ImportPath), what users import: the Server
//     and Client composed of the areas' parts, NewHandler, NewClient, and
//     an alias of every type, enumeration and support name users see;
//   - internal/core: every type and enumeration with its JSON table, and
//     the support code (JSON, handler, client), which the areas call;
//   - internal/coretest: the helpers of the example tests;
//   - internal/<area>: the operations of a run of consecutive operations
//     files, each area with its part of Server, UnimplementedServer,
//     Client and the route table, and the example tests of its operations.
//
// Types cannot be split: they refer to each other in cycles. Operations
// can: an operation refers to types, never to another operation.

// maxAreaLines bounds an area to about 40,000 lines by estimate (see
// opLines): a compile process of a few hundred megabytes.
const maxAreaLines = 40000

// area is one package of operations.
type area struct {
	name string // the package name: "user"
	// goName names its parts of Client and UnimplementedServer, which the
	// root package's embed, so they must differ: UserClient.
	goName string
	dir    string // its folder, relative to the output folder: "internal/user"
	files  []*opsFile
}

// planAreas groups the operations files, in order, into areas. Where an
// area ends depends on the files near the boundary only (content-defined,
// as rsync cuts blocks): an area ends before a file whose key hashes to
// a boundary once it holds half its bound, and before the file that would
// take it past its bound, so that a page added to one area rarely moves
// files between the others.
func (p *planner) planAreas() {
	var cur *area
	lines := 0
	taken := map[string]bool{}
	for k := range reservedPackages {
		taken[k] = true
	}
	for _, f := range p.files {
		n := linesOf(f.ops)
		if cur == nil || lines+n > maxAreaLines || lines >= maxAreaLines/2 && boundary(f.key) {
			name, num := areaName(f.key, taken)
			goName := p.names.familyName(f.key[0])
			if len(f.key) > 1 {
				goName += GoName(strings.Join(f.key[1:], "-"))
			}
			if num > 0 {
				goName += strconv.Itoa(num) // numbered as the package is
			}
			cur = &area{name: name, goName: goName, dir: path.Join("internal", name)}
			p.areas = append(p.areas, cur)
			lines = 0
		}
		cur.files = append(cur.files, f)
		f.area = cur
		lines += n
	}
}

// boundary reports whether a file key may start an area: one in four.
func boundary(key []string) bool {
	h := fnv.New32a()
	h.Write([]byte(strings.Join(key, "-")))
	return h.Sum32()%4 == 0
}

// reservedPackages are names an area may not take: the other packages',
// and identifiers the root package declares or its files use.
var reservedPackages = map[string]bool{
	path.Base(templates.CoreDir): true, path.Base(templates.CoretestDir): true, "internal": true, "routes": true,
	"context": true, "http": true, "slices": true, "testing": true, "time": true, "url": true, "json": true,
}

// areaName is the package name of an area that starts with the file of
// key: its words run together in lower case ("intune-devices" →
// intunedevices), numbered when taken; n is the number, or 0.
func areaName(key []string, taken map[string]bool) (name string, n int) {
	var b strings.Builder
	for _, w := range key {
		for _, r := range strings.ToLower(w) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' && b.Len() > 0 {
				b.WriteRune(r)
			}
		}
	}
	want := b.String()
	if want == "" || goKeywords[want] || predeclared[want] {
		want += "ops"
	}
	name = want
	for i := 2; taken[name]; i++ {
		name, n = want+strconv.Itoa(i), i
	}
	taken[name] = true
	return name, n
}

// corePath and the others are the packages' import paths.
func (p *plan) corePath() string     { return path.Join(p.opts.ImportPath, templates.CoreDir) }
func (p *plan) coretestPath() string { return path.Join(p.opts.ImportPath, templates.CoretestDir) }
func (a *area) importPath(p *plan) string {
	return path.Join(p.opts.ImportPath, a.dir)
}
