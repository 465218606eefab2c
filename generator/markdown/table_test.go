package markdown_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/markdown"
)

// TestPaddedTableBounded checks that a table whose rows GFM would pad to a
// wide header is left as text when the padding would outgrow the text (n
// columns over n one-cell rows are n² cells from O(n) characters), while
// ordinary tables, short rows included, are tables.
func TestPaddedTableBounded(t *testing.T) {
	c := markdown.New()
	render := func(src string) string {
		t.Helper()
		d := c.Parse(markdown.Input{Path: "p.md", Body: []byte(src), BodyLine: 1})
		var out bytes.Buffer
		if err := c.Render(&out, d, stubResolver{}, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	n := 2000
	hostile := "|" + strings.Repeat("x|", n) + "\n|" + strings.Repeat("-|", n) + "\n" + strings.Repeat("|x\n", n)
	out := render(hostile)
	if strings.Contains(out, "<table") || len(out) > 16*len(hostile) {
		t.Errorf("the padded table: %d bytes of output from %d (table: %v)", len(out), len(hostile), strings.Contains(out, "<table"))
	}
	for _, src := range []string{
		"| a | b | c |\n| - | - | - |\n| 1 |\n| 1 | 2 | 3 |\n",
		"|" + strings.Repeat(" cell |", 60) + "\n|" + strings.Repeat("-|", 60) + "\n" + strings.Repeat("|"+strings.Repeat(" v |", 60)+"\n", 200),
	} {
		if out := render(src); !strings.Contains(out, "<table") {
			t.Errorf("not a table:\n%.200s", out)
		}
	}
}
