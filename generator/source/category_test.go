package source_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/source"
)

// FuzzAwesomePages reads any .pages file without panicking, and never
// publishes it: a folder's order, when there is one, holds "..." once at
// most and names no path into another folder; a file that cannot be read is warned
// about at a line of the file.
func FuzzAwesomePages(f *testing.F) {
	for _, s := range []string{
		"title: Guides\nnav:\n  - b.md\n  - CI/CD: ci.md\n  - ...\n  - a.md\n", "arrange:\n  - x.md\n", "nav: [\n",
		"nav:\n  - ... | flat\n  - ...\n  - Link: https://example.com\n  - sub/x.md\n", "title: [1]\nnav: {}\n", "nav:\n  - {a: b, c: d}\n  - 3\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"team/.pages": {Data: data}, "team/a.md": {Data: []byte("# A\n")}}
		cats, rest, diags := source.SplitCategories(context.Background(), fsys, []string{"team/.pages", "team/a.md"})
		if !slices.Equal(rest, []string{"team/a.md"}) {
			t.Fatalf("rest %q", rest)
		}
		c := cats["team"]
		rests := 0
		for _, e := range c.Order {
			if e == "..." {
				rests++
			}
		}
		if rests > 1 || slices.Contains(c.Order, "") {
			t.Fatalf("order %q", c.Order)
		}
		if slices.ContainsFunc(c.Order, func(e string) bool { return strings.Contains(e, "/") }) {
			t.Fatalf("order %q names a path", c.Order)
		}
		for _, d := range diags {
			if d.Pos.File != "team/.pages" || d.Pos.Line < 1 {
				t.Fatalf("diagnostic %s", d)
			}
		}
	})
}
