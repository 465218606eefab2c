package markdown

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// FuzzShowTemplates checks that showTemplates takes out whole marks
// alone ({% raw %}, {% endraw %}, "/*" and "*/" of an escaped shortcode)
// and Liquid's comments, never a line end, and that every byte left maps back to its byte of
// the input through the cuts, as positions are mapped.
func FuzzShowTemplates(f *testing.F) {
	for _, s := range []string{
		"{% raw %}{{ x }}{% endraw %}\n", "a {{</* y */>}} b\n```\n{{%/* z */%}}\n```\n", "{%- raw -%}\n{{</* q */>}}\n{%- endraw -%}",
		"{% raw %}{% raw %}{% endraw %}{% endraw %}", "{{</* open\n\n*/>}} */>}}", "{% endraw %}{% raw %}", "{{</*{{</**/>}}*/>}}",
		"a {% comment %}x\n\ny{% endcomment %} b", "{% comment %}{% raw %}{% endcomment %}{% endraw %}", "{% raw %}{% comment %}{% endraw %}{% endcomment %}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, lit := showTemplates(src, true)
		if lit == nil {
			if !bytes.Equal(out, src) {
				t.Fatal("changed without cuts")
			}
			return
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatal("line ends changed")
		}
		_, comments := liquidBlocks(src, true)
		inComment := func(from, to int) bool {
			return slices.ContainsFunc(comments, func(m [6]int) bool { return m[4] <= from && to <= m[5] })
		}
		for i, c := range lit.cuts {
			old := int(c.at + lit.sums[i])
			mark := src[old : old+int(c.n)]
			if bytes.IndexByte(mark, '\n') >= 0 || !bytes.Equal(mark, []byte("/*")) && !bytes.Equal(mark, []byte("*/")) &&
				!liquidBlockRE.Match(mark) && !inComment(old, old+len(mark)) {
				t.Fatalf("cut %q", mark)
			}
		}
		if int(lit.sums[len(lit.sums)-1]) != len(src)-len(out) {
			t.Fatalf("sums %v for %d bytes cut", lit.sums, len(src)-len(out))
		}
		for off := range out {
			if old := off + lit.removedBetween(0, off); src[old] != out[off] {
				t.Fatalf("byte %d is %q, maps to %d, %q", off, out[off], old, src[old])
			}
		}
		for i, s := range lit.spans {
			if s.from > s.to || int(s.to) > len(out) || i > 0 && lit.spans[i-1].from > s.from {
				t.Fatalf("spans %v", lit.spans)
			}
		}
	})
}

// TestLiquidComments checks that with WithLiquidComments a Liquid comment
// goes, whole, but for its line breaks, which keep the line numbers, and
// the ">" and spaces that start its lines, which keep a quote or list it
// is in: one over several lines ends the paragraph it is in, where Liquid
// would join the lines around it. An unclosed one, and any without the
// option, is text, with a warning.
func TestLiquidComments(t *testing.T) {
	for _, tc := range []struct {
		src, html, diags string
		off              bool
	}{
		{src: "Keep {% comment %}a secret {{ x }}{% endcomment %}this.\n\nNo{% comment %}\nTODO: link\n{% endcomment %}\nmore. {% comment %} open\n",
			html:  "<p>Keep this.</p>\n<p>No</p>\n<p>more. {% comment %} open</p>\n",
			diags: "p.md:6:7: warning: Liquid tag {% comment …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text"},
		{src: "{% comment %}\n```\n{% raw %}\n```\n{% endcomment %}\n# Title {#t}\n", html: "<h1 id=\"t\">Title</h1>"},
		{src: "{%- comment a note -%}hidden{%- endcomment -%}Shown [x](gone.md)\n", html: "<p>Shown <a href=\"gone.md\">x</a></p>"},
		{src: "> [!WARNING]\n> Never share{% comment %}\n> TODO\n> {% endcomment %} it.\n> Rotate it.\n",
			html: "<p>Never share</p>\n<p>it.\nRotate it.</p>\n</div>"},
		{src: "- one{% comment %}\n  hidden\n  {% endcomment %} two\n- three\n", html: "<li>\n<p>one</p>\n<p>two</p>\n</li>\n<li>\n<p>three</p>"},
		{src: "Keep {% comment %}a note{% endcomment %}.\n", html: "<p>Keep {% comment %}a note{% endcomment %}.</p>", off: true,
			diags: "p.md:1:6: warning: Liquid tag {% comment …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text"},
	} {
		c := New(WithLiquidComments())
		if tc.off {
			c = New()
		}
		if got := renderWith(t, c, []byte(tc.src)); !strings.Contains(got, tc.html) {
			t.Errorf("%q: HTML lacks %q:\n%s", tc.src, tc.html, got)
		}
		doc := c.Parse(Input{Path: "p.md", Body: []byte(tc.src), BodyLine: 1})
		if d := strings.TrimSpace(doc.Diags.String()); d != tc.diags {
			t.Errorf("%q: diagnostics\n%s\nwant\n%s", tc.src, d, tc.diags)
		}
	}
}

// TestShowTemplates checks what a page shows of template syntax marked to
// be shown: Liquid's {% raw %} and Hugo's escaped shortcodes show what
// they hold, in text and in code, without their marks, and draw no
// warning; a template tag outside them is warned about at its column in
// the file; an opening without its closing stays as it is written.
func TestShowTemplates(t *testing.T) {
	for _, tc := range []struct{ src, html, diags string }{
		{"Use {% raw %}`{{ site.title }}`{% endraw %} and {{ page.url }}.\n",
			"<p>Use <code>{{ site.title }}</code> and {{ page.url }}.</p>\n",
			"p.md:1:49: warning: template output {{ page.url }} (Liquid, Nunjucks, Handlebars) is not run; it is shown as text"},
		{"{% raw %}\n```liquid\n{% if x %}{{ y }}{% endif %}\n```\n{% endraw %}\n",
			"<code class=\"language-liquid\">{% if x %}{{ y }}{% endif %}\n</code>", ""},
		{"Hugo: {{</* youtube id */>}}, {{%/* param t */%}} and {{< warn >}}.\n",
			"<p>Hugo: {{&lt; youtube id &gt;}}, {{% param t %}} and {{&lt; warn &gt;}}.</p>\n",
			"p.md:1:55: warning: Hugo shortcode {{< warn …}} is not supported; it is shown as text"},
		{"```\n{{</* figure src=\"a.png\" */>}}\n```\n", "<code>{{&lt; figure src=&#34;a.png&#34; &gt;}}\n</code>", ""},
		{"Left {% raw %} open, {{ x }}\n", "<p>Left {% raw %} open, {{ x }}</p>\n",
			"p.md:1:6: warning: Liquid tag {% raw …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text\n" +
				"p.md:1:22: warning: template output {{ x }} (Liquid, Nunjucks, Handlebars) is not run; it is shown as text"},
		{"{{#installer_table}}\n\nSee {{#each items}}x{{/each}}, `{{#title T}}` and \\{{#x}}.\n", "<p>{{#installer_table}}</p>\n",
			"p.md:1:1: warning: {{#installer_table …}} (an mdBook preprocessor's or a Handlebars helper) is not run; it is shown as text\n" +
				"p.md:3:5: warning: {{#each …}} (an mdBook preprocessor's or a Handlebars helper) is not run; it is shown as text"},
		// After an escaped backslash, the tag is not escaped; an include
		// in a line is not expanded.
		{"a\\\\{{#two}} and \\\\\\{{ y }}\n\nMid {{#include part.md}} line.\n", "<p>a\\{{#two}} and \\{{ y }}</p>\n",
			"p.md:1:4: warning: {{#two …}} (an mdBook preprocessor's or a Handlebars helper) is not run; it is shown as text\n" +
				"p.md:3:5: warning: {{#include …}} inserts its file only on a line of its own, as mdBook reads it; here it is shown as text"},
	} {
		got := renderWith(t, New(), []byte(tc.src))
		if !strings.Contains(got, tc.html) {
			t.Errorf("%q: HTML lacks %q:\n%s", tc.src, tc.html, got)
		}
		doc := New().Parse(Input{Path: "p.md", Body: []byte(tc.src), BodyLine: 1})
		if d := strings.TrimSpace(doc.Diags.String()); d != tc.diags {
			t.Errorf("%q: diagnostics\n%s\nwant\n%s", tc.src, d, tc.diags)
		}
	}
}

// TestSpacedLinks checks that [text](an address with spaces), which
// CommonMark shows as text, is warned about at its place, and that links
// with a title, an address in <…>, code and an escaped bracket are not.
func TestSpacedLinks(t *testing.T) {
	for _, tc := range []struct{ src, diags string }{
		{"See [the policies](../tools.md#Configuring Branch Policies) first.\n",
			"p.md:1:5: warning: [the policies](../tools.md#Configuring Branch Policies) is shown as text, not a link: an address cannot hold spaces; write each as %20, or put the address in <…>"},
		{"Intro.\n\n- [Thanks](#Thanks and praise)\n",
			"p.md:3:3: warning: [Thanks](#Thanks and praise) is shown as text, not a link: an address cannot hold spaces; write each as %20, or put the address in <…>"},
		{"[a](b.md \"a title\") and [c](<d e.md>) and `[f](g h)` and \\[i](j k).\n", ""},
		{"A [link](a.md) and (a remark with spaces).\n", ""},
	} {
		doc := New().Parse(Input{Path: "p.md", Body: []byte(tc.src), BodyLine: 1})
		if d := strings.TrimSpace(doc.Diags.String()); d != tc.diags {
			t.Errorf("%q: diagnostics\n%s\nwant\n%s", tc.src, d, tc.diags)
		}
	}
}
