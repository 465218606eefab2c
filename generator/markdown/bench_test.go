package markdown_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/playbookhq/playbook/generator/markdown"
)

// benchInput is every render fixture joined: callouts, code, tables, tasks,
// links and the Experience League dialect.
func benchInput(b *testing.B) []byte {
	inputs, _ := filepath.Glob("testdata/render/*.md")
	var all []byte
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			b.Fatal(err)
		}
		all = append(append(all, data...), '\n')
	}
	return all
}

func BenchmarkParse(b *testing.B) {
	src := benchInput(b)
	c := markdown.New()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		c.Parse(markdown.Input{Path: "p.md", Body: src, BodyLine: 1})
	}
}

func BenchmarkRender(b *testing.B) {
	src := benchInput(b)
	c := markdown.New()
	doc := c.Parse(markdown.Input{Path: "p.md", Body: src, BodyLine: 1})
	var out bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := c.Render(&out, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// teamPages returns the bodies of the example handbook's team pages, the
// front matter cut off: realistic pages of prose, lists, links and tasks.
func teamPages(b *testing.B) [][]byte {
	paths, _ := filepath.Glob("../../content/teams/*/index.md")
	if len(paths) == 0 {
		b.Skip("no team pages")
	}
	var pages [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if rest, ok := bytes.CutPrefix(data, []byte("---\n")); ok {
			if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
				data = rest[i+5:]
			}
		}
		pages = append(pages, data)
	}
	return pages
}

// BenchmarkParseRender parses and renders every fixture, as a build does
// with each page.
func BenchmarkParseRender(b *testing.B) {
	src := benchInput(b)
	c := markdown.New()
	var out bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		doc := c.Parse(markdown.Input{Path: "p.md", Body: src, BodyLine: 1})
		if err := c.Render(&out, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseRenderPage parses and renders the team pages of the
// example handbook, as a build does; the figures are per page.
func BenchmarkParseRenderPage(b *testing.B) {
	pages := teamPages(b)
	c := markdown.New()
	var out bytes.Buffer
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, p := range pages {
			out.Reset()
			doc := c.Parse(markdown.Input{Path: "teams/x/index.md", Body: p, BodyLine: 1})
			if err := c.Render(&out, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*len(pages)), "ns/page")
}

// BenchmarkRetained reports the heap a parsed team page keeps until it is
// rendered (retained-B/page) against the size of its source (src-B/page).
func BenchmarkRetained(b *testing.B) {
	pages := teamPages(b)
	c := markdown.New()
	const copies = 50
	src := 0
	for _, p := range pages {
		src += len(p)
	}
	for b.Loop() {
		docs := make([]*markdown.Doc, 0, copies*len(pages))
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range copies {
			for _, p := range pages {
				// A copy of the source, as a build reads each page.
				docs = append(docs, c.Parse(markdown.Input{Path: "teams/x/index.md", Body: bytes.Clone(p), BodyLine: 1}))
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(len(docs)), "retained-B/page")
		b.ReportMetric(float64(src)/float64(len(pages)), "src-B/page")
		runtime.KeepAlive(docs)
	}
}
