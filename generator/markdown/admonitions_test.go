package markdown_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/markdown"
)

// TestAdmonitionLines checks admonitions whose opening or closing line is
// the file's last, without a newline, as editors often save files, and
// that an admonition's title is in the page's search text.
func TestAdmonitionLines(t *testing.T) {
	for _, tc := range []struct{ src, want, text string }{
		{":::note\nbody\n:::", "<p>body</p>\n</div>\n", "body"},
		{":::tip Title here", `<p class="callout-title">Title here</p>` + "\n</div>\n", "Title here"},
		{"!!! warning \"Title\"", `<p class="callout-title">Title</p>` + "\n</div>\n", "Title"},
		{"{% hint style=\"info\" %}\nbody\n{% endhint %}", "<p>body</p>\n</div>\n", "body"},
		{":::note\r\nbody\r\n:::\r\n", "<p>body</p>\n</div>\n", "body"},
	} {
		c := markdown.New()
		doc := c.Parse(markdown.Input{Path: "a.md", Body: []byte(tc.src), BodyLine: 1})
		var b bytes.Buffer
		if err := c.Render(&b, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); !strings.HasSuffix(got, tc.want) {
			t.Errorf("%q renders\n%s\nwant it to end with\n%s", tc.src, got, tc.want)
		}
		if doc.Text != tc.text {
			t.Errorf("%q: search text %q, want %q", tc.src, doc.Text, tc.text)
		}
	}
}

// TestUnclosedAdmonition checks the warning for an admonition without its
// closing line: where it ends, and on which line it opened; its kind is
// callout.
func TestUnclosedAdmonition(t *testing.T) {
	for src, want := range map[string]string{
		"Text.\n\n:::note\nNever closed.\n":                   `a.md:3:1: warning: admonition "note" runs to the end of the page: add a line ":::" after its text`,
		"- item\n\n  ::::tip\n  Inside.\n\nAfter the list.\n": `a.md:3:3: warning: admonition "tip" runs to the end of its list item: add a line "::::" after its text`,
		"> :::tip\n> Quoted.\n\nAfter.\n":                     `a.md:1:3: warning: admonition "tip" runs to the end of its quote: add a line ":::" after its text`,
		"!!! note\n    :::tip\n    Inside.\n\nAfter.\n":       `a.md:2:5: warning: admonition "tip" runs to the end of the admonition around it: add a line ":::" after its text`,
		"{% hint style=\"info\" %}\nText.\n":                  `a.md:1:1: warning: admonition "info" runs to the end of the page: add a line "{% endhint %}" after its text`,
	} {
		doc := markdown.New().Parse(markdown.Input{Path: "a.md", Body: []byte(src), BodyLine: 1})
		if got := doc.Diags.String(); strings.TrimSpace(got) != want {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
		if len(doc.Diags) != 1 || doc.Diags[0].Kind != "callout" {
			t.Errorf("%q: want one warning of the kind callout, got %#v", src, doc.Diags)
		}
	}
}

// TestMkDocsAdmonitionEnds checks that an indented admonition ends at the
// first line that is not indented, as in MkDocs, even right after a
// paragraph, where CommonMark would continue the paragraph ("lazy
// continuation"): that line and the rest of its paragraph follow the
// callout.
func TestMkDocsAdmonitionEnds(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"!!! note\n    Inside\noutside\n    more\n\nafter\n",
			"<p>Inside</p>\n</div>\n<p>outside\nmore</p>\n<p>after</p>\n"},
		{"!!! tip\n    - one\n    - two\nafter the list\n",
			"<li>two</li>\n</ul>\n</div>\n<p>after the list</p>\n"},
		{"!!! tip\n    - one\n\n    - two\nafter the loose list\n",
			"<p>two</p>\n</li>\n</ul>\n</div>\n<p>after the loose list</p>\n"},
		{"!!! warning\n    > quoted\nafter the quote\n",
			"<p>quoted</p>\n</blockquote>\n</div>\n<p>after the quote</p>\n"},
		{"!!! note\n    para\n---\n", "<p>para</p>\n</div>\n<hr />\n"},
		{"!!! note\n    Inside\n\n    Second\n", "<p>Inside</p>\n<p>Second</p>\n</div>\n"},
		{"!!! note\n    Inside\n  outside\n", "<p>Inside</p>\n</div>\n<p>outside</p>\n"},
		{"> !!! note\n>     Inside\n> outside\n", "<p>Inside</p>\n</div>\n<p>outside</p>\n</blockquote>\n"},
		// The rest is read as new blocks, as Python-Markdown reads it.
		{"!!! note\n    a | b\n--|--\n", "<p>a | b</p>\n</div>\n<p>--|--</p>\n"},
		{"!!! note\n    text\n| a | b |\n|---|---|\n| 1 | 2 |\n", "<p>text</p>\n</div>\n<div class=\"table-wrap\""},
		{"!!! note\n    Read this first.\nNext steps\n----------\n", "<p>Read this first.</p>\n</div>\n<h2 id=\"next-steps\">Next steps</h2>\n"},
		{"!!! note\n    See [the guide][g].\n[g]: https://example.com/guide\n\nAlso [the guide][g].\n",
			"<p>See <a href=\"https://example.com/guide\">the guide</a>.</p>\n</div>\n<p>Also <a href=\"https://example.com/guide\">the guide</a>.</p>\n"},
		{"> !!! note\n>     text\nlazy\n", "<p>text</p>\n</div>\n</blockquote>\n<p>lazy</p>\n"},
		{"- item\n\n    !!! note\n        text\nlazy\n", "<p>text</p>\n</div>\n</li>\n</ul>\n<p>lazy</p>\n"},
		{"=== \"Tab\"\n    text\nlazy\n", "<p>text</p>\n</section>\n</div>\n<p>lazy</p>\n"},
	} {
		c := markdown.New()
		doc := c.Parse(markdown.Input{Path: "a.md", Body: []byte(tc.src), BodyLine: 1})
		var b bytes.Buffer
		if err := c.Render(&b, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		// A want ending with a newline is the end of the page; the
		// table's, a part of it.
		got := b.String()
		ok := strings.HasSuffix(got, tc.want)
		if !strings.HasSuffix(tc.want, "\n") {
			ok = strings.Contains(got, tc.want)
		}
		if !ok {
			t.Errorf("%q renders\n%s\nwant\n%s", tc.src, got, tc.want)
		}
	}
}

// TestTOCMarkers checks that a line holding only the table-of-contents
// marker of GitLab ("[[_TOC_]]"), Python-Markdown ("[TOC]") or an Azure
// DevOps wiki shows nothing and links nowhere: the page's table of
// contents is beside its text.
func TestTOCMarkers(t *testing.T) {
	for _, src := range []string{"[[_TOC_]]\n\n## A\n", "## A\n\n[TOC]\n", "  [[toc]]  \n\n## A\n"} {
		c := markdown.New()
		doc := c.Parse(markdown.Input{Path: "a.md", Body: []byte(src), BodyLine: 1})
		var b bytes.Buffer
		if err := c.Render(&b, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); strings.Contains(strings.ToUpper(got), "TOC") || len(doc.Links) > 0 {
			t.Errorf("%q renders %q with links %v", src, got, doc.Links)
		}
	}
}
