package markdown_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/markdown"
)

// TestMDXComments checks that an .mdx page leaves out its MDX comments,
// {/* … */}, wherever they are (in a paragraph, over lines, in a list item
// or quote), but not in code, and that a .md page shows them, as GitHub
// does; and that positions after a comment stay those of the source.
func TestMDXComments(t *testing.T) {
	body := "# Page\n\n{/* whole\n\nparagraph */}\n\nText {/* inline */} and {/* a */} {/* b */} *kept*.\n\n" +
		"- item {/* in a list */}\n\n> quote {/* in a quote */}\n\n`{/* in code */}` and\n\n```\n{/* fenced */}\n```\n\n{/* open\n\n[after](missing.md)\n"
	c := markdown.New()
	render := func(path string) (string, *markdown.Doc) {
		d := c.Parse(markdown.Input{Path: path, Body: []byte(body), BodyLine: 1})
		var b bytes.Buffer
		if err := c.Render(&b, d, nil, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		return b.String(), d
	}
	html, d := render("p.mdx")
	for _, gone := range []string{"whole", "paragraph", "inline", "in a list", "in a quote", "{/* a"} {
		if strings.Contains(html, gone) {
			t.Errorf(".mdx: %q is on the page:\n%s", gone, html)
		}
	}
	for _, kept := range []string{"<em>kept</em>", "<code>{/* in code */}</code>", "{/* fenced */}", "{/* open"} {
		if !strings.Contains(html, kept) {
			t.Errorf(".mdx: %q is not on the page:\n%s", kept, html)
		}
	}
	if l := d.Links; len(l) != 1 || l[0].Pos.Line != 21 {
		t.Errorf(".mdx: links %+v, want one at line 21", l)
	}
	if html, _ := render("p.md"); !strings.Contains(html, "whole") || !strings.Contains(html, "in a list") {
		t.Errorf(".md: the comments are not shown:\n%s", html)
	}
}
