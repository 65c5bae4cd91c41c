package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/docgen-dev/docgen/parser/model"
)

// The Fake: a working in-memory implementation of Server. Each operation
// gets a method built like its Client method, which sends the request to
// the Fake's store (internal/core's FakeStore) instead of the network,
// with a FakeOp that says what the store does for it. What it does is read
// here from the operation's HTTP method and route shape; the store keeps
// the entities.

// fakeShape is what the Fake does for an operation.
type fakeShape struct {
	kind      string // the FakeKind constant of internal/core: "FakeList"
	singleton bool   // the route ends in a name, not a key
	listOf    string // a function listing another collection: ".." (delta), "../events" (calendarView)
	delta     bool
	window    bool
	example   string // the documented example response, compacted JSON
	etag      bool   // the docs show @odata.etag on what it creates
	seeds     []fakeSeed
}

// fakeSeed is an example response the Fake starts with under
// WithExampleData.
type fakeSeed struct {
	path      string
	list      bool
	singleton bool
	body      string
}

// planFake works out o's fakeShape from its method, route and body.
func planFake(o *operation) *fakeShape {
	fs := &fakeShape{kind: "FakeAction"}
	last := lastSegment(o.routes[0].route)
	key := last.Param != "" && !last.Span && len(last.Parts) == 0
	name := last.Literal != "" && !strings.ContainsAny(last.Literal, "().:$") // not a function call, cast or $ref
	object := o.body != nil && !o.body.action
	entity := o.result != nil && !o.result.collection && !o.result.stream && !o.result.scalar()
	list := o.op.Method == http.MethodGet && o.result != nil && o.result.collection
	fn := strings.TrimSuffix(last.Literal, "()")
	switch m := o.op.Method; {
	case list && fn == "delta":
		// The collection it is a function of, with a delta link.
		fs.kind, fs.listOf, fs.delta = "FakeList", "..", true
	case list && fn == "calendarView":
		// The events of the same calendar or user in a time window.
		fs.kind, fs.listOf, fs.window = "FakeList", "../events", true
	case o.result != nil && o.result.stream:
	case list && name:
		fs.kind = "FakeList"
	case m == http.MethodPost && name && object && (entity || o.result == nil):
		fs.kind = "FakeCreate"
	case (key || name) && m == http.MethodGet && entity:
		fs.kind = "FakeRead"
	case (key || name) && m == http.MethodPatch && object:
		fs.kind = "FakeUpdate"
	case (key || name) && m == http.MethodPut && object:
		fs.kind = "FakeReplace"
	case (key || name) && m == http.MethodDelete && o.body == nil:
		fs.kind = "FakeDelete"
	}
	fs.singleton = name && fs.kind != "FakeAction" && fs.kind != "FakeList" && fs.kind != "FakeCreate"
	if fs.listOf != "" {
		return fs // lists of what other operations store: no example, no seeds
	}
	for _, ex := range o.examples {
		body, ok := exampleJSON(ex)
		if !ok {
			continue
		}
		if fs.example == "" && (fs.kind == "FakeAction" || fs.singleton) && o.result != nil {
			fs.example = body
		}
		if fs.kind == "FakeCreate" && strings.Contains(body, `"@odata.etag"`) {
			fs.etag = true
		}
		if p, ok := seedPath(ex); ok && (fs.kind == "FakeList" || fs.kind == "FakeRead") && ex.Request.Method == http.MethodGet {
			fs.seeds = append(fs.seeds, fakeSeed{path: p, list: fs.kind == "FakeList", singleton: fs.singleton, body: body})
		}
	}
	return fs
}

func lastSegment(r *model.Route) *model.Segment {
	if len(r.Segments) == 0 {
		return &model.Segment{}
	}
	return r.Segments[len(r.Segments)-1]
}

// exampleJSON is an example's 2xx response body, compacted, if it is a
// whole JSON object. Most examples are marked truncated, which means they
// leave properties out; what they show is whole JSON all the same.
func exampleJSON(ex *model.Example) (string, bool) {
	res := ex.Response
	if res == nil || res.Status < 200 || res.Status > 299 {
		return "", false
	}
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(res.Body)); err != nil || !bytes.HasPrefix(b.Bytes(), []byte("{")) {
		return "", false
	}
	return b.String(), true
}

// seedPath is the path an example's request reads, when it names one
// resource: no placeholders, functions, casts or $-segments, and no
// $expand, whose answer holds other entities inside it.
func seedPath(ex *model.Example) (string, bool) {
	p, query, _ := strings.Cut(ex.Request.Path, "?")
	if p == "" || p[0] != '/' || strings.ContainsAny(p, "{}<>()$: \t'\"") || strings.Contains(strings.ToLower(query), "expand") {
		return "", false
	}
	return p, true
}

// fakeOpVar names an operation's FakeOp (fakeOpListUsers).
func fakeOpVar(o *operation) string { return "fakeOp" + o.name }

// fakeType is an area's part of the Fake.
func fakeType(a *area) string { return a.goName + "Fake" }

// emitFakeMethod writes the FakeOp of o and its method of the area's part
// of the Fake: o's Client method with the store in place of the network.
func (e *emitter) emitFakeMethod(f *jen.File, o *operation, a *area) {
	fs := o.fakeShape
	fields := []jen.Code{jen.Id("Name").Op(":").Lit(o.name), jen.Id("Kind").Op(":").Add(e.c(fs.kind))}
	if fs.singleton {
		fields = append(fields, jen.Id("Singleton").Op(":").True())
	}
	if fs.etag {
		fields = append(fields, jen.Id("ETag").Op(":").True())
	}
	if fs.listOf != "" {
		fields = append(fields, jen.Id("ListOf").Op(":").Lit(fs.listOf))
	}
	if fs.delta {
		fields = append(fields, jen.Id("Delta").Op(":").True())
	}
	if fs.window {
		fields = append(fields, jen.Id("Window").Op(":").True())
	}
	if fs.example != "" {
		fields = append(fields, jen.Id("Example").Op(":").Add(jsonLit(fs.example)))
	}
	comment(f, fmt.Sprintf("%s is how the Fake serves %s: %s.", fakeOpVar(o), o.name, fs.doc()))
	f.Var().Id(fakeOpVar(o)).Op("=").Add(e.c("FakeOp")).Values(listOf(fields)...)
	f.Line()
	params, results := signature(o)
	comment(f, fmt.Sprintf("%s serves %s from the Fake's store: %s.", o.name, o.summary, fs.doc()))
	f.Comment(noInline)
	f.Func().Params(jen.Id("f").Op("*").Id(fakeType(a))).Id(o.name).Params(paramList(o, params)...).Params(results...).Block(
		e.requestBody(o, func(name string) *jen.Statement { return jen.Id("f").Dot("store").Dot(name) }, jen.Op("&").Id(fakeOpVar(o)))...,
	)
}

// doc says what the Fake does, for comments.
func (fs *fakeShape) doc() string {
	switch {
	case fs.delta:
		return "it lists the collection it is a function of, with an @odata.deltaLink; following that link is a 400, as the Fake keeps no history"
	case fs.window:
		return "it lists the events beside it whose start and end overlap startDateTime and endDateTime"
	}
	return fakeKindDoc[fs.kind]
}

// fakeKindDoc says what each kind of FakeOp does, for comments.
var fakeKindDoc = map[string]string{
	"FakeAction":  "it answers the documented example response, or 204 No Content without one",
	"FakeList":    "it lists the collection, with $filter, $orderby, $select, $top, $skip, $count and paging",
	"FakeCreate":  "it adds the entity sent to the collection, with an id if it has none",
	"FakeRead":    "it reads what is stored there",
	"FakeUpdate":  "it merges the properties sent into what is stored (null clears one)",
	"FakeReplace": "it replaces what is stored with the entity sent",
	"FakeDelete":  "it deletes what is stored there, and what it contains",
}

// emitAreaFake writes an area's part of the Fake: the struct whose methods
// the operations files declare, and its constructor.
func (e *emitter) emitAreaFake(f *jen.File, a *area) {
	root, name := e.opts.Package, fakeType(a)
	comment(f, fmt.Sprintf("%s is the part of %s.Fake for this package's operations.", name, root))
	f.Type().Id(name).Struct(jen.Id("store").Op("*").Add(e.c("FakeStore")))
	f.Line()
	f.Comment("NewFake returns the part of a Fake that keeps its data in s.")
	f.Func().Id("NewFake").Params(jen.Id("s").Op("*").Add(e.c("FakeStore"))).Op("*").Id(name).Block(
		jen.Return(jen.Op("&").Id(name).Values(jen.Id("s"))),
	)
	f.Line()
}

// fakeSeedsFile emits an area's FakeSeeds, the example responses of its
// operations that WithExampleData stores; ok is false when it has none.
func (e *emitter) fakeSeedsFile(a *area) (File, bool) {
	var seeds []jen.Code
	for _, sd := range areaSeeds(a) {
		fields := []jen.Code{jen.Id("Path").Op(":").Lit(sd.path)}
		if sd.list {
			fields = append(fields, jen.Id("List").Op(":").True())
		}
		if sd.singleton {
			fields = append(fields, jen.Id("Singleton").Op(":").True())
		}
		fields = append(fields, jen.Id("Body").Op(":").Add(jsonLit(sd.body)))
		seeds = append(seeds, jen.Values(fields...))
	}
	if len(seeds) == 0 {
		return File{}, false
	}
	f := e.areaFileOf(a, e.opts.DocsName)
	f.Comment("FakeSeeds are the example responses of this package's operations that")
	f.Comment("WithExampleData stores in a new Fake: each at the path its example reads.")
	f.Var().Id("FakeSeeds").Op("=").Index().Add(e.c("FakeSeed")).Values(listOf(seeds)...)
	return e.render(path.Join(a.dir, "fake_seeds.go"), e.opts.DocsName, f), true
}

// fakeFile emits the root package's Fake, made of the areas' parts, which
// share one store, and NewFake.
func (e *emitter) fakeFile() File {
	f := e.newFile(e.opts.DocsName)
	var parts, values, seeds []jen.Code
	for _, a := range e.areas {
		p := a.importPath(e.plan)
		parts = append(parts, jen.Op("*").Qual(p, fakeType(a)))
		values = append(values, jen.Qual(p, "NewFake").Call(jen.Id("s")))
		if len(areaSeeds(a)) > 0 {
			seeds = append(seeds, jen.Qual(p, "FakeSeeds"))
		}
	}
	for _, l := range []string{
		"Fake is a working in-memory implementation of Server, for tests and local",
		"runs: give it to NewHandler, or run it with fakeserver. It is safe for",
		"concurrent use. What each operation does is read from the docs: a POST",
		"to a collection creates (with an id if none is sent), a GET of an item",
		"reads, a PATCH merges, a DELETE removes, a GET of a collection lists it",
		"with $filter, $orderby, $select, $top, $skip, $count and @odata.nextLink",
		"paging; contained collections (/users/{id}/events) are kept per parent",
		"and /me is the user WithMe names. Actions and functions answer their",
		"documented example response, or 204 without one. Each method's comment",
		"says which it does. Embed a *Fake in a struct of yours to override an",
		"operation, as with UnimplementedServer. The parts are internal, and their",
		"names change as the docs do.",
	} {
		f.Comment(l)
	}
	f.Type().Id("Fake").Struct(parts...)
	f.Line()
	f.Comment("NewFake returns a Fake holding only the signed-in user ({\"id\": ...}), or")
	f.Comment("with WithExampleData the entities of the docs' example responses too.")
	var body []jen.Code
	if len(values) > 0 { // a package of types only has no store to make
		body = append(body, jen.Id("s").Op(":=").Add(e.c("NewFakeStore")).Call(jen.Index().Index().Add(e.c("FakeSeed")).Values(listOf(seeds)...), jen.Id("opts").Op("...")))
	}
	body = append(body, jen.Return(jen.Op("&").Id("Fake").Values(listOf(values)...)))
	f.Func().Id("NewFake").Params(jen.Id("opts").Op("...").Id("FakeOption")).Op("*").Id("Fake").Block(body...)
	return e.render("fake.go", e.opts.DocsName, f)
}

// areaSeeds are the seeds of an area's operations, each once: pages that
// document the same route share its examples.
func areaSeeds(a *area) []fakeSeed {
	var out []fakeSeed
	seen := map[fakeSeed]bool{}
	for _, of := range a.files {
		for _, o := range of.ops {
			for _, sd := range o.fakeShape.seeds {
				if !seen[sd] {
					seen[sd] = true
					out = append(out, sd)
				}
			}
		}
	}
	return out
}

// fakeServerMain emits fakeserver/main.go: a command that serves NewFake
// over HTTP with the package's own handler, for clients in any language.
// docgen serve builds and runs this same command.
func (e *emitter) fakeServerMain() File {
	root := e.opts.ImportPath
	pkg := func(name string) *jen.Statement { return jen.Qual(root, name) }
	f := e.fileIn(path.Join(root, "fakeserver"), "main", e.opts.DocsName)
	paragraph(f.PackageComment, fmt.Sprintf("Command fakeserver serves the Fake of package %s over HTTP, with the package's handler and its validation, so that a client in any language can be pointed at it. It prints the base URL, logs each request on one line, and stops cleanly on an interrupt.", e.opts.Package))
	f.PackageComment("")
	f.PackageComment("Usage:")
	f.PackageComment("")
	f.PackageComment("//\tgo run ./fakeserver [--addr HOST:PORT] [--seed] [--me ID] [--permissions]")
	f.PackageComment("")
	paragraph(f.PackageComment, "--seed starts it with the entities of the docs' example responses; --permissions checks each operation's documented permissions against the scp and roles claims of the caller's bearer token, which it does not verify (see UnverifiedClaims), and lets every caller call an operation whose docs do not determine its permissions; without it any bearer token will do.")

	f.Func().Id("main").Params().Block(
		jen.Id("addr").Op(":=").Qual("flag", "String").Call(jen.Lit("addr"), jen.Lit("127.0.0.1:8080"), jen.Lit("listen on `HOST:PORT`")),
		jen.Id("seed").Op(":=").Qual("flag", "Bool").Call(jen.Lit("seed"), jen.False(), jen.Lit("start with the entities of the docs' example responses")),
		jen.Id("me").Op(":=").Qual("flag", "String").Call(jen.Lit("me"), jen.Lit(""), jen.Lit("the `ID` of the signed-in user, the user /me stands for")),
		jen.Id("perms").Op(":=").Qual("flag", "Bool").Call(jen.Lit("permissions"), jen.False(), jen.Lit("check the documented permissions against the token's scp and roles claims (not verified)")),
		jen.Qual("flag", "Parse").Call(),
		jen.Line(),
		jen.Var().Id("opts").Index().Add(pkg("FakeOption")),
		jen.If(jen.Op("*").Id("seed")).Block(jen.Id("opts").Op("=").Append(jen.Id("opts"), pkg("WithExampleData").Call())),
		jen.If(jen.Op("*").Id("me").Op("!=").Lit("")).Block(jen.Id("opts").Op("=").Append(jen.Id("opts"), pkg("WithMe").Call(jen.Op("*").Id("me")))),
		jen.Var().Id("hopts").Index().Add(pkg("HandlerOption")),
		jen.Comment("An operation the docs give no permissions for is open to every caller."),
		jen.If(jen.Op("*").Id("perms")).Block(jen.Id("hopts").Op("=").Append(jen.Id("hopts"), pkg("WithAuthenticator").Call(pkg("UnverifiedClaims")), pkg("WithPermissionPolicy").Call(pkg("AllowUndetermined")))),
		jen.Id("handler").Op(":=").Id("logRequests").Call(pkg("NewHandler").Call(pkg("NewFake").Call(jen.Id("opts").Op("...")), jen.Id("hopts").Op("..."))),
		jen.Line(),
		jen.List(jen.Id("ln"), jen.Err()).Op(":=").Qual("net", "Listen").Call(jen.Lit("tcp"), jen.Op("*").Id("addr")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(jen.Err())),
		jen.Qual("fmt", "Printf").Call(jen.Lit(fmt.Sprintf("serving a fake of package %s at http://%%s%%s\n", e.opts.Package)), jen.Id("ln").Dot("Addr").Call(), pkg("DefaultBasePath")),
		jen.Id("srv").Op(":=").Add(pkg("NewHTTPServer")).Call(jen.Id("ln").Dot("Addr").Call().Dot("String").Call(), jen.Id("handler")),
		jen.List(jen.Id("ctx"), jen.Id("stop")).Op(":=").Qual("os/signal", "NotifyContext").Call(jen.Qual("context", "Background").Call(), jen.Qual("os", "Interrupt"), jen.Qual("syscall", "SIGTERM")),
		jen.Defer().Id("stop").Call(),
		jen.Id("served").Op(":=").Make(jen.Chan().Error(), jen.Lit(1)),
		jen.Go().Func().Params().Block(jen.Id("served").Op("<-").Id("srv").Dot("Serve").Call(jen.Id("ln"))).Call(),
		jen.Select().Block(
			jen.Case(jen.Err().Op(":=").Op("<-").Id("served")).Block(jen.Qual("log", "Fatal").Call(jen.Err())),
			jen.Case(jen.Op("<-").Id("ctx").Dot("Done").Call()).Block(),
		),
		jen.Comment("A second interrupt stops it at once."),
		jen.Id("stop").Call(),
		jen.Comment("Requests in flight get five seconds to finish."),
		jen.List(jen.Id("shutdown"), jen.Id("cancel")).Op(":=").Qual("context", "WithTimeout").Call(jen.Qual("context", "Background").Call(), jen.Lit(5).Op("*").Qual("time", "Second")),
		jen.Defer().Id("cancel").Call(),
		jen.If(jen.Err().Op(":=").Id("srv").Dot("Shutdown").Call(jen.Id("shutdown")), jen.Err().Op("!=").Nil()).Block(jen.Qual("log", "Print").Call(jen.Err())),
		jen.Qual("fmt", "Println").Call(jen.Lit("stopped")),
	)
	f.Line()
	f.Comment("logRequests logs each request on one line: method, path and query,")
	f.Comment("status, size and time taken.")
	f.Func().Id("logRequests").Params(jen.Id("h").Qual("net/http", "Handler")).Qual("net/http", "Handler").Block(
		jen.Return(jen.Qual("net/http", "HandlerFunc").Call(jen.Func().Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request")).Block(
			jen.Id("start").Op(":=").Qual("time", "Now").Call(),
			jen.Id("rec").Op(":=").Op("&").Id("recorder").Values(jen.Id("ResponseWriter").Op(":").Id("w"), jen.Id("status").Op(":").Qual("net/http", "StatusOK")),
			jen.Id("h").Dot("ServeHTTP").Call(jen.Id("rec"), jen.Id("r")),
			jen.Qual("log", "Printf").Call(jen.Lit("%s %s %d %dB %s"), jen.Id("r").Dot("Method"), jen.Id("r").Dot("URL").Dot("RequestURI").Call(), jen.Id("rec").Dot("status"), jen.Id("rec").Dot("size"), jen.Qual("time", "Since").Call(jen.Id("start")).Dot("Round").Call(jen.Qual("time", "Microsecond"))),
		))),
	)
	f.Line()
	f.Comment("recorder notes the status and size of a response.")
	f.Type().Id("recorder").Struct(
		jen.Qual("net/http", "ResponseWriter"),
		jen.Id("status").Int(),
		jen.Id("size").Int(),
	)
	f.Line()
	f.Func().Params(jen.Id("r").Op("*").Id("recorder")).Id("WriteHeader").Params(jen.Id("status").Int()).Block(
		jen.Id("r").Dot("status").Op("=").Id("status"),
		jen.Id("r").Dot("ResponseWriter").Dot("WriteHeader").Call(jen.Id("status")),
	)
	f.Line()
	f.Func().Params(jen.Id("r").Op("*").Id("recorder")).Id("Write").Params(jen.Id("b").Index().Byte()).Params(jen.Int(), jen.Error()).Block(
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("r").Dot("ResponseWriter").Dot("Write").Call(jen.Id("b")),
		jen.Id("r").Dot("size").Op("+=").Id("n"),
		jen.Return(jen.Id("n"), jen.Err()),
	)
	f.Line()
	f.Comment("Unwrap lets http.ResponseController reach the connection, for the")
	f.Comment("handler's body deadline.")
	f.Func().Params(jen.Id("r").Op("*").Id("recorder")).Id("Unwrap").Params().Qual("net/http", "ResponseWriter").Block(
		jen.Return(jen.Id("r").Dot("ResponseWriter")),
	)
	return e.render("fakeserver/main.go", e.opts.DocsName, f)
}

// jsonLit writes compact JSON as a raw string literal, which reads as the
// JSON it is, or quoted when it holds a backquote or carriage return.
func jsonLit(s string) jen.Code {
	if strings.ContainsAny(s, "`\r") || !utf8.ValidString(s) {
		return jen.Lit(s)
	}
	return jen.Op("`" + s + "`")
}
