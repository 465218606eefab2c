package search_test

import (
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
				idx = search.Build(s, texts, search.Options{})
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
