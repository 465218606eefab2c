package source_test

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/source"
)

func BenchmarkLoad(b *testing.B) {
	fsys := fstest.MapFS{}
	for i := range 1000 {
		fsys[fmt.Sprintf("teams/t%02d/page-%04d.md", i%20, i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Page %d\nweight: %d\ntags: [a, b]\nowners:\n  - name: Anna\nexl-id: x-%d\n---\n# Page %d\n\nBody text.\n", i, i, i, i))}
	}
	b.ReportAllocs()
	for b.Loop() {
		set, diags := source.Load(b.Context(), fsys, source.Options{})
		if len(set.Docs) != 1000 || len(diags) != 0 {
			b.Fatalf("%d docs, %s", len(set.Docs), diags)
		}
	}
}
