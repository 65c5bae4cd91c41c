package main

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
	"golang.org/x/sync/errgroup"

	"github.com/docgen-dev/docgen/generator"
	"github.com/docgen-dev/docgen/parser"
)

// corpus is the real Graph v1.0 reference, beside the repository.
const corpus = "../../../shared/corpus/graph-v1.0"

func corpusSources(b *testing.B) []parser.Source {
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("%s is not here: %v", corpus, err)
	}
	src, err := parser.ReadDir(corpus)
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkCorpus measures docgen on the whole corpus and, in the same run,
// the floor it is held to: goldmark alone parsing the same pages with the
// same extensions on all cores. .ci/bench-generate turns the two into a
// ratio.
func BenchmarkCorpus(b *testing.B) {
	src := corpusSources(b)
	b.Run("goldmark-floor", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.Table, &frontmatter.Extender{}))
		for b.Loop() {
			var g errgroup.Group
			g.SetLimit(runtime.GOMAXPROCS(0))
			for i := range src {
				g.Go(func() error {
					ctx := gparser.NewContext()
					md.Parser().Parse(text.NewReader(src[i].Data), gparser.WithContext(ctx))
					return nil
				})
			}
			g.Wait()
		}
	})
	for _, part := range []struct {
		name string
		keep int // every keep-th page
	}{{"quarter", 4}, {"half", 2}, {"all", 1}} {
		docs := corpus
		if part.keep > 1 {
			docs = subset(b, src, part.keep)
		}
		b.Run("generate-"+part.name, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "graphv1")
			for b.Loop() {
				b.StopTimer()
				os.RemoveAll(out)
				b.StartTimer()
				if code := run([]string{"--out", out, "--package", "graphv1", docs}, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("docgen exited %d", code)
				}
			}
		})
	}
	// The two parts of a run the design cannot skip, each measured alone on
	// all cores: gofmt of the generated files (jennifer renders through
	// go/format, and the output must be gofmt'ed) and writing them. Either
	// alone is a multiple of the floor, which bounds what the whole run can
	// reach; see the README's performance section.
	// Generated once, and only when one of them runs.
	generated := sync.OnceValues(func() ([]generator.File, error) {
		res, _, err := build(&config{docs: []string{corpus}, pkg: "graphv1", out: filepath.Join(b.TempDir(), "graphv1")})
		if err != nil {
			return nil, err
		}
		return res.files, nil
	})
	b.Run("format-only", func(b *testing.B) {
		files, err := generated()
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			var g errgroup.Group
			g.SetLimit(runtime.GOMAXPROCS(0))
			for _, f := range files {
				g.Go(func() error {
					_, err := format.Source(f.Content)
					return err
				})
			}
			if err := g.Wait(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("write-only", func(b *testing.B) {
		files, err := generated()
		if err != nil {
			b.Fatal(err)
		}
		dir := b.TempDir()
		for i := 0; b.Loop(); i++ {
			out := filepath.Join(dir, strconv.Itoa(i))
			// The package's folders first, as the writer makes them.
			for _, f := range files {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(out, f.Name)), 0o755); err != nil {
					b.Fatal(err)
				}
			}
			var g errgroup.Group
			g.SetLimit(runtime.GOMAXPROCS(0))
			for _, f := range files {
				g.Go(func() error { return os.WriteFile(filepath.Join(out, f.Name), f.Content, 0o644) })
			}
			if err := g.Wait(); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Runs over an output folder that the previous run wrote, with its
	// manifest (manifest.go): what go generate and --check do in a
	// checkout.
	b.Run("check", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "graphv1")
		run([]string{"--out", out, "--package", "graphv1", corpus}, io.Discard, io.Discard)
		for b.Loop() {
			if code := run([]string{"--check", "--out", out, "--package", "graphv1", corpus}, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("docgen --check exited %d", code)
			}
		}
	})
	b.Run("check-no-manifest", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "graphv1")
		run([]string{"--out", out, "--package", "graphv1", corpus}, io.Discard, io.Discard)
		if err := os.Remove(filepath.Join(out, manifestName)); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if code := run([]string{"--check", "--out", out, "--package", "graphv1", corpus}, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("docgen --check exited %d", code)
			}
		}
	})
	b.Run("regenerate-unchanged", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "graphv1")
		run([]string{"--out", out, "--package", "graphv1", corpus}, io.Discard, io.Discard)
		for b.Loop() {
			if code := run([]string{"--out", out, "--package", "graphv1", corpus}, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("docgen exited %d", code)
			}
		}
	})
	// Each run follows a change to one page, user-get.md's description,
	// which changes the doc comments of its operation in
	// user_operations.go: that file is formatted, compared and written.
	b.Run("regenerate-one-page", func(b *testing.B) {
		docs := subset(b, src, 1)
		page := filepath.Join(docs, "api", "user-get.md")
		orig, err := os.ReadFile(page)
		if err != nil {
			b.Fatal(err)
		}
		const was = "\nRetrieve the properties and relationships of user object.\n"
		if !bytes.Contains(orig, []byte(was)) {
			b.Fatalf("%s no longer says %q", page, was)
		}
		out := filepath.Join(b.TempDir(), "graphv1")
		run([]string{"--out", out, "--package", "graphv1", docs}, io.Discard, io.Discard)
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			edited := bytes.Replace(orig, []byte(was), fmt.Appendf(nil, "\nRetrieve the properties and relationships of user object (edit %d).\n", i), 1)
			if err := os.WriteFile(page, edited, 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if code := run([]string{"--out", out, "--package", "graphv1", docs}, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("docgen exited %d", code)
			}
		}
	})
}

// subset writes every keep-th page of the corpus to a folder of the same
// name, so that page paths (and so output) keep their shape.
func subset(b *testing.B, src []parser.Source, keep int) string {
	root := filepath.Join(b.TempDir(), "graph-v1.0")
	for i, s := range src {
		if i%keep != 0 {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(s.Path[len("graph-v1.0/"):]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, s.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return root
}
