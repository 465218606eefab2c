package markdown_test

import (
	"bytes"
	"os"
	"path/filepath"
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
