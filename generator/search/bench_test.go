package search_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/search"
)

// BenchmarkBuild indexes the generated handbooks of generator/corpus
// (seed 1) and reports the files and bytes the index writes:
//
//	go test ./generator/search -run '^$' -bench BenchmarkBuild -benchtime 5x
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Generate(dir, n, 1); err != nil {
				b.Fatal(err)
			}
			s, texts := load(b, os.DirFS(filepath.Join(dir, "content")))
			b.ResetTimer()
			var idx *search.Index
			for b.Loop() {
				idx = build(s, texts, search.Options{})
			}
			size := 0
			for _, f := range idx.Files() {
				size += len(f.Data)
			}
			b.ReportMetric(float64(len(idx.Files())), "files")
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// TestBuildDeterministic builds the index of a generated handbook several
// times: each worker numbers the words it meets in whatever order the
// pages reach it, and the files must not show it.
func TestBuildDeterministic(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 300, 1); err != nil {
		t.Fatal(err)
	}
	s, texts := load(t, os.DirFS(filepath.Join(dir, "content")))
	first := build(s, texts, search.Options{}).Files()
	for range 3 {
		again := build(s, texts, search.Options{}).Files()
		if len(again) != len(first) {
			t.Fatalf("%d files, then %d", len(first), len(again))
		}
		for i, f := range first {
			if again[i].Name != f.Name || !bytes.Equal(again[i].Data, f.Data) {
				t.Fatalf("two builds differ in %s", f.Name)
			}
		}
	}
}
