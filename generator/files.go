package generator

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// This file plans the files of the package: which operations share a file,
// and every file's name. The operations of a page family (the first word
// of the page names: user-get.md, user-list.md) share a file, and one part
// of the Server interface, until they would make it longer than
// maxFileLines; then they are split by the next word of the page names
// (intune-devices-..., intune-mam-...), each part with its own file and
// part of Server.

// maxFileLines keeps an operations file to about 2,000 lines, by
// estimate (see opLines).
const maxFileLines = 2000

// minOwnFileLines is how much a word must gather to get a file of its own
// when a family is split; the rest share the family's file.
const minOwnFileLines = maxFileLines / 5

// opLines estimates how many lines an operation takes in its file: its
// Params, path builder, handler function, UnimplementedServer and Client
// methods, route table entries, and its part of the Server interface.
func opLines(o *operation) int {
	n := 45 + 10*len(o.routes)
	if o.params != nil {
		n += 3 * (len(o.params.path) + len(o.params.query))
	}
	if o.body != nil && o.body.action {
		n += 40 + 10*len(o.body.props)
	}
	return n
}

func linesOf(ops []*operation) int {
	n := 0
	for _, o := range ops {
		n += opLines(o)
	}
	return n
}

// opsFile is one file of operations: their Params and bodies, handler
// functions, route table part and Client methods, with the example tests
// and their part of the fake server in a test file beside it.
type opsFile struct {
	key      []string // the page-name words its pages share
	server   string   // its part of the Server interface: UserServer
	name     string   // user_operations.go
	bodies   string   // user_parameters.go: its action bodies, in core
	area     *area    // the package it is in
	testFile string   // user_examples_test.go
	routes   string   // the variable holding its part of the route table
	fake     string   // its part of the example tests' fake server
	ops      []*operation
	tests    []*exampleTest // of its operations' examples
}

// hasFake reports whether the file's tests call one of its operations
// through the client and handler, which needs its part of the fake server.
func (f *opsFile) hasFake() bool {
	for _, o := range f.ops {
		if o.fakeCalled {
			return true
		}
	}
	return false
}

func (f *opsFile) sources() []string {
	var out []string
	for _, o := range f.ops {
		out = append(out, o.op.Pos.File)
	}
	return out
}

// pageFamilies groups operations by page family (the first word of the
// page name), families and operations in page order.
func pageFamilies(ops []*operation) (keys []string, byKey map[string][]*operation) {
	byKey = map[string][]*operation{}
	for _, o := range ops {
		key := pageWords(o.op.Pos.File)[0]
		if _, ok := byKey[key]; !ok {
			keys = append(keys, key)
		}
		byKey[key] = append(byKey[key], o)
	}
	return keys, byKey
}

// nameFiles splits the operations into files by page family and names
// each file, its part of Server and what it declares for the package as a
// whole.
// Support files and doc.go, server.go, odata.go, fake_server_test.go and
// fake_seeds.go take their names first; operation files next; type and enum files yield to them
// ("security_operations.go" belongs to the security operations, so a type
// SecurityOperations takes "security_operations_type.go").
func (p *planner) nameFiles(ops []*operation) {
	taken := map[string]bool{"doc.go": true, "server.go": true, "odata.go": true, "fake_server_test.go": true, "fake_seeds.go": true}
	for name := range supportFiles {
		taken[name] = true
	}
	fileOf := func(want string) string {
		name := want
		for i := 2; taken[strings.ToLower(name)]; i++ {
			name = fmt.Sprintf("%s_%d.go", strings.TrimSuffix(want, ".go"), i)
		}
		taken[strings.ToLower(name)] = true
		return name
	}
	exported := p.names.exported
	private := map[string]bool{}
	privateName := func(want string) string {
		name := want
		for i := 2; private[name]; i++ {
			name = fmt.Sprintf("%s%d", want, i)
		}
		private[name] = true
		return name
	}
	keys, byKey := pageFamilies(ops)
	for _, key := range keys {
		for _, part := range splitFamily(byKey[key], []string{key}) {
			id := GoName(strings.Join(part.key, "-"))
			base := fileName(id, "_operations")
			server := p.names.familyName(part.key[0]) + GoName(strings.Join(part.key[1:], "-"))
			if part.chunk > 1 {
				base = fileName(id, fmt.Sprintf("_operations_%d", part.chunk))
				id += fmt.Sprint(part.chunk)
				server += fmt.Sprint(part.chunk)
			}
			f := &opsFile{key: part.key, ops: part.ops, name: fileOf(base)}
			f.server = exported.claim(server+"Server", part.ops[0].op.Pos, "the Server part of the "+strings.Join(part.key, "-")+" pages")
			f.bodies = fileOf(strings.Replace(f.name, "_operations", "_parameters", 1))
			f.testFile = fileOf(strings.Replace(strings.TrimSuffix(f.name, ".go"), "_operations", "", 1) + "_examples_test.go")
			f.routes = privateName(lowerName(id) + "Routes")
			f.fake = privateName("fake" + id)
			p.files = append(p.files, f)
		}
	}
	for _, e := range p.api.Enums {
		want := fileName(p.names.enums[e.QualifiedName()], "")
		if taken[want] {
			want = fileName(p.names.enums[e.QualifiedName()], "_enum")
		}
		p.names.enumFiles[e] = fileOf(want)
	}
	for _, t := range p.api.Types {
		want := fileName(p.names.types[t.QualifiedName()], "")
		if taken[want] {
			want = fileName(p.names.types[t.QualifiedName()], "_type")
		}
		p.names.typeFiles[t] = fileOf(want)
	}
}

// filePart is a set of operations that share a file.
type filePart struct {
	key   []string
	chunk int // 2, 3, ... for the second and later chunks of one key
	ops   []*operation
}

// splitFamily splits operations whose page names share key into files of
// at most maxFileLines: by the next word of the page names, where a word
// gathers at least minOwnFileLines, the rest together, in chunks.
func splitFamily(ops []*operation, key []string) []filePart {
	if linesOf(ops) <= maxFileLines {
		return []filePart{{key: key, ops: ops}}
	}
	byWord := map[string][]*operation{}
	var words []string
	for _, o := range ops {
		ws := pageWords(o.op.Pos.File)
		w := ""
		if len(ws) > len(key) {
			w = ws[len(key)]
		}
		if _, ok := byWord[w]; !ok {
			words = append(words, w)
		}
		byWord[w] = append(byWord[w], o)
	}
	var parts []filePart
	var rest []*operation
	for _, w := range words {
		if w == "" || linesOf(byWord[w]) < minOwnFileLines || len(byWord[w]) == len(ops) {
			rest = append(rest, byWord[w]...)
			continue
		}
		parts = append(parts, splitFamily(byWord[w], append(append([]string(nil), key...), w))...)
	}
	// The rest, in page order, in chunks.
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].op.Pos.File < rest[j].op.Pos.File })
	for chunk, start := 1, 0; start < len(rest); chunk++ {
		end, lines := start, 0
		for end < len(rest) && (end == start || lines+opLines(rest[end]) <= maxFileLines) {
			lines += opLines(rest[end])
			end++
		}
		parts = append([]filePart{{key: key, chunk: chunk, ops: rest[start:end]}}, parts...)
		start = end
	}
	sort.SliceStable(parts, func(i, j int) bool {
		return strings.Join(parts[i].key, "-") < strings.Join(parts[j].key, "-") ||
			strings.Join(parts[i].key, "-") == strings.Join(parts[j].key, "-") && parts[i].chunk < parts[j].chunk
	})
	return parts
}

// fileName turns a Go name into a file name: DomainSecurityProfile →
// domain_security_profile.go. A name that would read as a build constraint
// or a test file (_windows, _amd64, _test) gets a suffix.
func fileName(goName, suffix string) string {
	var b strings.Builder
	for i, w := range words(goName) {
		if i > 0 {
			b.WriteByte('_')
		}
		b.WriteString(strings.ToLower(w))
	}
	base := b.String()
	if i := strings.LastIndexByte(base, '_'); suffix == "" && i >= 0 && constraintSuffixes[base[i+1:]] {
		base += "_type"
	}
	return base + suffix + ".go"
}

// constraintSuffixes are file-name endings the go command treats specially.
var constraintSuffixes = map[string]bool{
	"test": true, "aix": true, "android": true, "darwin": true, "dragonfly": true, "freebsd": true,
	"hurd": true, "illumos": true, "ios": true, "js": true, "linux": true, "nacl": true,
	"netbsd": true, "openbsd": true, "plan9": true, "solaris": true, "wasip1": true, "windows": true,
	"zos": true, "386": true, "amd64": true, "arm": true, "arm64": true, "loong64": true,
	"mips": true, "mipsle": true, "mips64": true, "mips64le": true, "ppc64": true, "ppc64le": true,
	"riscv64": true, "s390x": true, "sparc64": true, "wasm": true,
}

// commonSource names what a file made from several pages comes from: the
// page when there is one, else the folder they share.
func commonSource(pages []string) string {
	if len(pages) == 0 {
		return ""
	}
	sorted := sortedCopy(pages)
	if sorted[0] == sorted[len(sorted)-1] {
		return sorted[0]
	}
	dir := path.Dir(sorted[0])
	for _, p := range sorted[1:] {
		for !strings.HasPrefix(p, dir+"/") && dir != "." {
			dir = path.Dir(dir)
		}
	}
	return dir
}

func sortedCopy(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}
