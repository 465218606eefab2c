package markdown_test

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/markdown"
)

func TestInlineText(t *testing.T) {
	for _, tc := range []struct{ in, text, html string }{
		{"Overview of the [!DNL Upgrade Tool]", "Overview of the Upgrade Tool",
			`Overview of the <span class="dnl" translate="no">Upgrade Tool</span>`},
		{"[!UICONTROL Enable [!DNL JavaScript] Bundling]", "Enable JavaScript Bundling",
			`<span class="uicontrol">Enable <span class="dnl" translate="no">JavaScript</span> Bundling</span>`},
		{"[!DNL A] & [!dnl B]", "A & B",
			`<span class="dnl" translate="no">A</span> &amp; <span class="dnl" translate="no">B</span>`},
		{"See [[!DNL RabbitMQ]](rabbit.md) and [[!DNL Redis]](https://redis.io)", "See RabbitMQ and Redis",
			`See <span class="dnl" translate="no">RabbitMQ</span> and <span class="dnl" translate="no">Redis</span>`},
		{`New [!BADGE Beta]{type=Informative tooltip="Soon"} feature`, "New Beta feature",
			`New <span class="exl-badge exl-badge-informative" title="Soon">Beta</span> feature`},
		{"[!DNL unclosed", "[!DNL unclosed", "[!DNL unclosed"},
		{"[!FOO x] <b>", "[!FOO x] <b>", "[!FOO x] &lt;b&gt;"},
		{"", "", ""},
	} {
		if got := markdown.InlineText(tc.in); got != tc.text {
			t.Errorf("InlineText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := markdown.InlineHTML(tc.in); got != tc.html {
			t.Errorf("InlineHTML(%q) = %q, want %q", tc.in, got, tc.html)
		}
	}
}

// TestInlineTextLinear checks that text of many nested or unclosed tags
// costs time linear in its length: 200,000 openers take well under a
// second.
func TestInlineTextLinear(t *testing.T) {
	for _, s := range []string{strings.Repeat("[!DNL x", 200000), strings.Repeat("[!DNL [", 100000) + strings.Repeat("]", 100000)} {
		_ = markdown.InlineText(s)
		_ = markdown.InlineHTML(s)
	}
}

func TestDialectRender(t *testing.T) {
	src := "<!-- TODO: remove -->\n\n# Set up [!DNL Commerce]\n\n" +
		"Use [!UICONTROL Enable [!DNL JavaScript] Bundling] and [!UICONTROL Save].\n\n" +
		"See [[!DNL Foo]](https://a.example) and [[!DNL Bar]](https://b.example).\n\n" +
		"Text <!-- hidden --> here.\n\n<!--\nmulti\nline\n-->\n\n## [!DNL Redis] cache\n\n## 役割と責任\n\n" +
		"<table><tr><td>[!UICONTROL [!DNL Composer]]</td></tr></table>\n"
	for _, unsafe := range []bool{false, true} {
		c := markdown.New(markdown.WithUnsafe(unsafe))
		d := c.Parse(markdown.Input{Path: "p.md", Body: []byte(src), BodyLine: 1, Title: "Commerce setup"})
		var out bytes.Buffer
		if err := c.Render(&out, d, nil, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		for _, bad := range []string{"<!--", "&lt;!--", "hidden", "TODO", "[!", "<h1", "dnl-"} {
			if strings.Contains(got, bad) {
				t.Errorf("unsafe=%v: output has %q:\n%s", unsafe, bad, got)
			}
		}
		for _, want := range []string{
			`<span class="uicontrol">Enable <span class="dnl" translate="no">JavaScript</span> Bundling</span>`,
			`<a href="https://a.example"><span class="dnl" translate="no">Foo</span></a> and <a href="https://b.example"><span class="dnl" translate="no">Bar</span></a>`,
			`<h2 id="redis-cache">`, `<h2 id="役割と責任">`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("unsafe=%v: output lacks %s:\n%s", unsafe, want, got)
			}
		}
		if unsafe && !strings.Contains(got, `<td><span class="uicontrol"><span class="dnl" translate="no">Composer</span></span></td>`) {
			t.Errorf("tags in an HTML block not rendered:\n%s", got)
		}
		if d.Title != "Set up Commerce" || d.TitleHTML != `Set up <span class="dnl" translate="no">Commerce</span>` {
			t.Errorf("title %q, title HTML %q", d.Title, d.TitleHTML)
		}
		if !strings.Contains(d.Text, "Enable JavaScript Bundling") || strings.Contains(d.Text, "hidden") {
			t.Errorf("text %q", d.Text)
		}
	}
}

func TestTOCEntryTags(t *testing.T) {
	c := markdown.New()
	es := c.ParseTOC([]byte("+ [[!DNL Site-Wide Analysis Tool]](intro.md)\n+ Use [!DNL Redis] {#redis}\n    + [Set up](redis.md)\n")).Entries
	if len(es) != 2 || es[0].Title != "Site-Wide Analysis Tool" || es[1].Title != "Use Redis" {
		t.Errorf("entries %+v", es)
	}
}

func TestCalloutLabelsInLanguage(t *testing.T) {
	c := markdown.New()
	d := c.Parse(markdown.Input{Path: "p.md", Body: []byte(">[!NOTE]\n>\n>Text\n\n> [!TIP]\n> More\n\n>[!VIDEO](https://v.example/1)\n"), BodyLine: 1})
	sv := map[string]string{"callout-note": "Obs", "callout-tip": "Tips", "video-watch": "Se videon"}
	var out bytes.Buffer
	_ = c.Render(&out, d, nil, markdown.RenderOptions{Strings: func(k string) string { return sv[k] }})
	for _, want := range []string{`<p class="callout-title">Obs</p>`, `<p class="callout-title">Tips</p>`, `>Se videon</a>`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("lacks %s:\n%s", want, out.String())
		}
	}
	out.Reset()
	_ = c.Render(&out, d, nil, markdown.RenderOptions{})
	if !strings.Contains(out.String(), `<p class="callout-title">Note</p>`) {
		t.Errorf("English labels lost:\n%s", out.String())
	}
}

func TestRenderTaskIDs(t *testing.T) {
	c := markdown.New()
	d := c.Parse(markdown.Input{Path: "p.sv.md", Body: []byte("## Lista\n\n- [ ] Ett\n- [ ] Två\n"), BodyLine: 1})
	var out bytes.Buffer
	_ = c.Render(&out, d, nil, markdown.RenderOptions{TaskIDs: map[string]string{d.Tasks[0].ID: "orig1"}})
	if !strings.Contains(out.String(), `data-task="orig1"`) || !strings.Contains(out.String(), `data-task="`+d.Tasks[1].ID+`"`) {
		t.Errorf("ids not renamed:\n%s", out.String())
	}
}

// TestUnknownInlineTags checks the warnings for inline tags the dialect
// does not know: one per tag, where it is written, in paragraphs and in
// list items, and none for the known tags or text without "[!". A
// callout's marker anywhere but on a blockquote's first line gets a
// warning that says so, and how to start one there. All are of the kind
// callout, which [checks] can lower or turn off.
func TestUnknownInlineTags(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"No tags here.\n", ""},
		{"Wow! No tags, just a bang.\n", ""},
		{"Known: [!DNL Adobe] and [!UICONTROL Save] and [!BADGE Beta].\n", ""},
		{"Text.\n\nA [!WIDGET thing] here.\n", "f.md:5:3: warning: unknown inline tag [!WIDGET …]; it is shown as text"},
		{"- item\n- see [!FOO] and [!BAR x]\n", "f.md:4:7: warning: unknown inline tag [!FOO …]; it is shown as text\n" +
			"f.md:4:18: warning: unknown inline tag [!BAR …]; it is shown as text"},
		{"Across [a](b.md) [!TAGX y].\n", "f.md:3:18: warning: unknown inline tag [!TAGX …]; it is shown as text"},
		{"> Quote\n> more\n>[!NOTE]\n> Inside.\n", "f.md:5:2: warning: [!NOTE] starts a callout only on a blockquote's first line; it is shown as text (end the quote with an empty line, without \">\", and start a new one with \"> [!NOTE]\")"},
		{"Text\n [!TIP] here\n", "f.md:4:2: warning: [!TIP] starts a callout only on a blockquote's first line; it is shown as text (write it as \"> [!TIP]\" on a line of its own, after an empty line, and \"> \" before each line of the callout)"},
		{"- Item\n\n  > Quote\n  > [!WARNING] inside\n", "f.md:6:5: warning: [!WARNING] starts a callout only on a blockquote's first line; it is shown as text (end the quote with an empty line, without \">\", and start a new one with \"> [!WARNING]\")"},
		{"> [!NOTE]\n> Read this. [!TIP] And this.\n", "f.md:4:14: warning: [!TIP] starts a callout only on a blockquote's first line; it is shown as text (end the quote with an empty line, without \">\", and start a new one with \"> [!TIP]\")"},
		{"| a |\n|---|\n| [!CAUTION] x |\n", "f.md:5:3: warning: [!CAUTION] starts a callout only on a blockquote's first line; it is shown as text (a table cell cannot hold a callout)"},
		{"> Quote [!NOTE] inside\n", "f.md:3:9: warning: [!NOTE] starts a callout only on a blockquote's first line; it is shown as text (end the quote with an empty line, without \">\", and start a new one with \"> [!NOTE]\")"},
	} {
		d := markdown.New().Parse(markdown.Input{Path: "f.md", Body: []byte(tc.body), BodyLine: 3})
		if got := strings.TrimSpace(d.Diags.String()); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.body, got, tc.want)
		}
		for _, dg := range d.Diags {
			if dg.Kind != "callout" {
				t.Errorf("%q: %s has kind %q, want callout", tc.body, dg.Msg, dg.Kind)
			}
		}
	}
}

// TestHugoShortcodes checks the warning for each Hugo shortcode and
// Liquid tag a page brings along, where it is written, and none for
// closing ones, code or playbook's own {{$include}}.
func TestHugoShortcodes(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"Watch {{< youtube abc >}} here.\n", "f.md:3:7: warning: Hugo shortcode {{< youtube …}} is not supported; it is shown as text"},
		{"{{% tabs title=\"x\" %}}\nBody\n{{% /tabs %}}\n", "f.md:3:1: warning: Hugo shortcode {{% tabs …}} is not supported; it is shown as text"},
		{"{{% alert title=\"x\" %}}\nBody\n{{% /alert %}}\n", ""}, // a callout
		{"Code `{{< youtube abc >}}` and {{ .Title }} and {{$include \"x.md\"}}\n", ""},
		{"Both {{< ref \"a.md\" >}} and [!FOO x].\n", "f.md:3:6: warning: Hugo shortcode {{< ref …}} is not supported; it is shown as text\n" +
			"f.md:3:29: warning: unknown inline tag [!FOO …]; it is shown as text"},
		{"See [the guide]({% page \"/guide/\" %}) and {%- include x.html -%}.\n",
			"f.md:3:17: warning: Liquid tag {% page …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text\n" +
				"f.md:3:43: warning: Liquid tag {% include …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text"},
		{"{% if x %}\nBody `{% code %}` and \\{% escaped %}\n{% endif %}\n\n```\n{% fenced %}\n```\n", "f.md:3:1: warning: Liquid tag {% if …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text"},
		{"**Note: {% include \"warn.html\" %}** and [{% page \"/g/\" %}](/) and _{{< youtube x >}}_ and ![{% alt %}](a.png)\n",
			"f.md:3:68: warning: Hugo shortcode {{< youtube …}} is not supported; it is shown as text\n" +
				"f.md:3:9: warning: Liquid tag {% include …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text\n" +
				"f.md:3:42: warning: Liquid tag {% page …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text"},
		{"{% content-ref url=\"a.md\" %}\n", "f.md:3:1: warning: Liquid tag {% content-ref …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text"},
		{"# <%= current_page.data.title %>\n\nSee <%= partial 'x' %> and `<%= code %>`.\n\n<%# note %>\n",
			"f.md:3:3: warning: ERB tag <%= current_page.data.title …%> (Middleman, GOV.UK Tech Docs) is not supported; it is shown as text\n" +
				"f.md:5:5: warning: ERB tag <%= partial …%> (Middleman, GOV.UK Tech Docs) is not supported; it is shown as text\n" +
				"f.md:7:1: warning: ERB tag <%# note …%> (Middleman, GOV.UK Tech Docs) is not supported; it is shown as text"},
		{"Growth was 5 <% of target; if a <%b stop. Escaped \\<%= x %>, \\{{< ref x >}} and \\[!FOO x].\n\n| \\{{< ref y >}} | \\[!BAR y] |\n|---|---|\n\n## Head \\{{< ref z >}}\n", ""},
		{"## Setup {{< badge x >}}\n\nText.\n", "f.md:3:10: warning: Hugo shortcode {{< badge …}} is not supported; it is shown as text"},
		{"Setup {% icon x %}\n---\n", "f.md:3:7: warning: Liquid tag {% icon …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text"},
		{"| a | b |\n|---|---|\n| x | see {% page \"/x/\" %} |\n| `{% code %}` | {{< ref y >}} |\n",
			"f.md:5:11: warning: Liquid tag {% page …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text\n" +
				"f.md:6:18: warning: Hugo shortcode {{< ref …}} is not supported; it is shown as text"},
	} {
		d := markdown.New().Parse(markdown.Input{Path: "f.md", Body: []byte(tc.body), BodyLine: 3})
		if got := strings.TrimSpace(d.Diags.String()); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.body, got, tc.want)
		}
	}
}

// TestTemplateTagsInHTML checks that, on a site that lets raw HTML
// through, template tags in an HTML block are warned as in the text, and
// not in a comment, a script or a <pre>.
func TestTemplateTagsInHTML(t *testing.T) {
	body := "<div class=\"links\">\n{% for item in links %}\n<a href=\"/x/\">{{< ref y >}}</a>\n{% endfor %}\n</div>\n\n" +
		"<!--\n{% comment %}\n-->\n\n<script>\nvar a = \"{% raw %}\";\n</script>\n\n<pre>\n{% code %}\n</pre>\n"
	d := markdown.New(markdown.WithUnsafe(true)).Parse(markdown.Input{Path: "f.md", Body: []byte(body), BodyLine: 3})
	want := "f.md:5:15: warning: Hugo shortcode {{< ref …}} is not supported; it is shown as text\n" +
		"f.md:4:1: warning: Liquid tag {% for …%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text"
	if got := strings.TrimSpace(d.Diags.String()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestUnspacedShortcodes checks that a Hugo shortcode written without
// spaces, whose "<info>" goldmark reads as raw HTML, is warned once, with
// or without unsafe, and shown as text, as the warning says, also where
// raw HTML is let through; HTML within spaced braces is let through.
func TestUnspacedShortcodes(t *testing.T) {
	body := "Watch {{<youtube abc123>}} and {{<info>}}text{{</info>}}, not {{ <b>bold</b> }}.\n"
	want := "f.md:3:7: warning: Hugo shortcode {{< youtube …}} is not supported; it is shown as text\n" +
		"f.md:3:32: warning: Hugo shortcode {{< info …}} is not supported; it is shown as text"
	for _, unsafe := range []bool{false, true} {
		d := markdown.New(markdown.WithUnsafe(unsafe)).Parse(markdown.Input{Path: "f.md", Body: []byte(body), BodyLine: 3})
		var got []string
		for _, x := range d.Diags {
			if x.Kind == "hugo-shortcode" {
				got = append(got, x.String())
			}
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("unsafe = %v: got\n%s\nwant\n%s", unsafe, strings.Join(got, "\n"), want)
		}
	}
	var out bytes.Buffer
	c := markdown.New(markdown.WithUnsafe(true))
	if err := c.Render(&out, c.Parse(markdown.Input{Path: "f.md", Body: []byte(body), BodyLine: 3}), nil, markdown.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := "<p>Watch {{&lt;youtube abc123&gt;}} and {{&lt;info&gt;}}text{{&lt;/info&gt;}}, not {{ <b>bold</b> }}.</p>\n"; out.String() != want {
		t.Errorf("unsafe: HTML\n%s\nwant\n%s", out.String(), want)
	}
}

// TestRawHTMLShownAsText checks the one warning a page gets when raw HTML
// on it is shown as text: at the first piece, naming its tag, counting
// the further lines that hold some; none for comments, an image's
// description, code, or a site that lets raw HTML through.
func TestRawHTMLShownAsText(t *testing.T) {
	const tail = ": set unsafe = true in playbook.toml to let it through, when the handbook's authors are trusted"
	for _, tc := range []struct {
		body   string
		unsafe bool
		want   string
	}{
		{"Line<br>break and <kbd>K</kbd>.\n", false, "f.md:3:5: warning: raw HTML <br> is shown as text" + tail},
		{"Text.\n\n<DIV class=\"blocks\">\n<a href=\"x.md\">x</a>\n</DIV>\n\nA <b>b</b>.\n\nC <i>i</i>.\n", false,
			"f.md:5:1: warning: raw HTML <div> is shown as text (here and on 4 more lines)" + tail},
		{"<table>\n<tr><td>a</td></tr>\n<tr><td>b</td></tr>\n</table>\n", false, "f.md:3:1: warning: raw HTML <table> is shown as text (here and on 3 more lines)" + tail},
		{"A <a\nhref=\"x\">b</a> c.\n", false, "f.md:3:3: warning: raw HTML <a> is shown as text (here and on 1 more line)" + tail},
		{"See {{<figure src=\"x.png\">}} here.\n", false, "f.md:3:5: warning: Hugo shortcode {{< figure …}} is not supported; it is shown as text"},
		{"{{<details summary=\"x\">}}\n\nBody\n\n{{</details>}}\n", false, "f.md:3:1: warning: Hugo shortcode {{< details …}} is not supported; it is shown as text"},
		{"Text <b>bold</b> more.\n\n<div>\n<!-- a\nlong\nnote -->\n</div>\n", false, "f.md:3:6: warning: raw HTML <b> is shown as text (here and on 2 more lines)" + tail},
		{"<pre>\none\n\ntwo\n</pre>\n", false, "f.md:3:1: warning: raw HTML <pre> is shown as text (here and on 3 more lines)" + tail},
		{"# Title <b>x</b>\n\nText.\n", false, "f.md:3:9: warning: raw HTML <b> is shown as text" + tail},
		{"# Title <b>x</b>\n", true, ""},
		{"[^1]: Note <b>x</b>\n\nText <i>y</i>[^1]\n", false, "f.md:5:6: warning: raw HTML <i> is shown as text (here and on 1 more line)" + tail},
		{"Text.\n\n<div>\n\nA <b>b</b>.\n", false, "f.md:5:1: warning: raw HTML <div> is shown as text (here and on 1 more line)" + tail},
		{"<!-- a note -->\n\nText <!-- inline --> here, `<b>` and ![a <b>b</b>](i.png).\n\n    <pre>code</pre>\n", false, ""},
		{"Line<br>break.\n\n<div>x</div>\n", true, ""},
		// Placeholders in angle brackets are no HTML: unsafe = true would
		// hide them. Along with an element, the page has raw HTML.
		{"Clone <repository> into <your folder>.\n\nRun <run-id>.\n", false, "f.md:3:7: warning: raw HTML <repository> is shown as text (here and on 1 more line)" + tail}, // <run-id> may be a custom element
		{"Clone <repository> into <page type>.\n", false, "f.md:3:7: warning: <repository> is shown as text, as no HTML element has that name: to show it so on GitHub too, write it in backticks or as &lt;…&gt;"},
		{"Clone <repository>.\n\nA <b>b</b>.\n", false, "f.md:3:7: warning: raw HTML <repository> is shown as text (here and on 1 more line)" + tail},
	} {
		c := markdown.New(markdown.WithUnsafe(tc.unsafe))
		d := c.Parse(markdown.Input{Path: "f.md", Body: []byte(tc.body), BodyLine: 3})
		if got := strings.TrimSpace(d.Diags.String()); got != tc.want {
			t.Errorf("%q (unsafe %v):\n got %s\nwant %s", tc.body, tc.unsafe, got, tc.want)
		}
	}
}

// TestParseSummary checks the SUMMARY.md forms of GitBook (a title, then
// "## Group" headings over lists) and mdBook (a title, chapters as bare
// links before the first list, "# Part" headings and --- rules).
func TestParseSummary(t *testing.T) {
	c := markdown.New()
	for _, tc := range []struct{ name, src, want string }{
		{"GitBook", "# Table of contents\n\n* [Handbook](README.md)\n\n## Company\n\n* [About](company/README.md)\n  * [Terms](company/terms.md)\n\n## Operations\n\n* [Finance](ops/finance.md)\n",
			"Handbook=README.md; Company[About=company/README.md[Terms=company/terms.md]]; Operations[Finance=ops/finance.md]"},
		{"mdBook", "# Summary\n\n[Introduction](intro.md)\n\n# Guide\n\n- [Setup](guide/setup.md)\n    - [Tools](guide/tools.md)\n\n---\n\n[Contributors](contrib.md)\n",
			"Introduction=intro.md; Guide[Setup=guide/setup.md[Tools=guide/tools.md]]; Contributors=contrib.md"},
		{"no title", "- [A](a.md)\n\n## Later\n\n- [B](b.md)\n", "A=a.md; Later[B=b.md]"},
		{"links in emphasis", "# Summary\n\n*[Emph](e.md)*\n\n**[Strong](s.md)**\n", "Emph=e.md; Strong=s.md"},
		{"mdBook prefix chapters, one a line", "# Summary\n\n[Title](title.md)\n[Foreword](foreword.md)\n[Intro](intro.md)\n\n- [One](one.md)\n",
			"Title=title.md; Foreword=foreword.md; Intro=intro.md; One=one.md"},
	} {
		es := c.ParseTOC([]byte(tc.src)).Entries
		if got := tocString(es); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// TestParseSummaryPositions checks that each link of a paragraph is placed
// at its own line.
func TestParseSummaryPositions(t *testing.T) {
	es := markdown.New().ParseTOC([]byte("# Summary\n\n[Title](title.md)\n  [Foreword](foreword.md)\n" +
		"[**Bold**](b.md)\n[`code`](c.md)\n[![img](x.png)](i.md)\n[<b>html</b> x](h.md)\n*[Emphasised](e.md)* [A](a.md) [B](b.md)\n\n- [**Item**](item.md)\n\n[A [] b](a.md) [](e1.md)\n  [](e2.md) [<b></b>](h.md)\n\n" +
		"[x](a[].md) [](b.md)\n[x](a.md \"[]\") [](c.md)\n[![](i.png)](d.md)\n[y](y.md) [![](i.png)](f.md)\n")).Entries
	var got [][2]int
	for _, e := range es {
		got = append(got, [2]int{e.Line, e.Col})
	}
	if want := [][2]int{{3, 1}, {4, 3}, {5, 1}, {6, 1}, {7, 1}, {8, 1}, {9, 2}, {9, 22}, {9, 32}, {11, 3}, {13, 1}, {13, 16}, {14, 3}, {14, 13},
		{16, 1}, {16, 13}, {17, 1}, {17, 16}, {18, 1}, {19, 1}, {19, 11}}; !slices.Equal(got, want) {
		t.Errorf("positions %v, want %v", got, want)
	}
}

// TestParseSummaryProse checks which files read as navigation: lists,
// headings, rules, comments, link reference definitions and paragraphs of
// links alone; the line of the
// first block of anything else (a page about a "Summary" tab).
func TestParseSummaryProse(t *testing.T) {
	c := markdown.New()
	for _, tc := range []struct {
		src  string
		line int
	}{
		{"# Summary\n\n[Intro](intro.md)\n*[More](more.md)*\n\n<!-- parts -->\n\n# Part\n\n- [A](a.md)\n  Item text.\n\n---\n\n[End](end.md)\n", 0},
		{"# The Summary tab\n\nThe tab shows [errors](errors.md) at a glance.\n\n- [A](a.md)\n", 3},
		{"# Summary\n\n- [A](a.md)\n\n```\ncode\n```\n", 6}, // the code's first line
		{"# Summary\n\n> [Quoted](q.md)\n", 3},
		// Entries written as reference links, and their definitions.
		{"# Summary\n\n- [Setup][s]\n- [Use]\n\n[s]: setup.md\n[use]: use.md \"Title\"\n", 0},
		{"# Summary\n\n<div>x</div>\n", 3},
		// An empty fence, placed after the text before it: past a rule
		// or an empty heading, which have no text of their own, it is
		// placed at them.
		{"# T\n\n- [a](a.md)\n\n```\n```\n", 5},
		{"# T\n\n- [a](a.md)\n\n***\n\n```\n```\n", 5},
	} {
		if got := c.ParseTOC([]byte(tc.src)).ProseLine; got != tc.line {
			t.Errorf("%q: first prose at line %d, want %d", tc.src, got, tc.line)
		}
	}
}

func tocString(es []markdown.TOCEntry) string {
	var parts []string
	for _, e := range es {
		s := e.Title
		if e.Dest != "" {
			s += "=" + e.Dest
		}
		if len(e.Children) > 0 {
			s += "[" + tocString(e.Children) + "]"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// FuzzParseTOC checks that any navigation file parses without panicking,
// twice to the same entries, with every entry placed inside the file and
// the entries of a level in the order they are written.
func FuzzParseTOC(f *testing.F) {
	for _, s := range []string{
		"# Summary\n\n[Intro](intro.md)\n\n# Part\n\n- [A](a.md)\n  - [B](b.md#x)\n\n---\n\n[End](end.md)\n",
		"# Table of contents\n\n+ Section\n  + [Page](p.md)\n  + [![logo](l.png)](i.md)\n",
		"[A [] b](a.md) [](e1.md)\n  [](e2.md) [<b></b>](h.md)\n*[E](e.md)*\n",
		"- [x](a.md)\n      - [y](b.md)\n\n> [q](q.md)\n",
	} {
		f.Add([]byte(s))
	}
	c := markdown.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		got := c.ParseTOC(src)
		if again := c.ParseTOC(src); !reflect.DeepEqual(got, again) {
			t.Fatal("two parses differ")
		}
		lines := bytes.Split(src, []byte("\n"))
		var walk func(es []markdown.TOCEntry)
		walk = func(es []markdown.TOCEntry) {
			prev := [2]int{}
			for _, e := range es {
				if e.Line < 1 || e.Line > len(lines) || e.Col < 1 || e.Col > len(lines[e.Line-1])+1 {
					t.Fatalf("entry %q at %d:%d, outside the file", e.Title, e.Line, e.Col)
				}
				if at := [2]int{e.Line, e.Col}; at[0] < prev[0] || at[0] == prev[0] && at[1] < prev[1] {
					t.Fatalf("entry %q at %d:%d, before the entry written before it (%d:%d)", e.Title, e.Line, e.Col, prev[0], prev[1])
				} else {
					prev = at
				}
				walk(e.Children)
			}
		}
		walk(got.Entries)
		if got.DeepLine > len(lines) || got.ProseLine > len(lines) {
			t.Fatalf("deep at line %d, prose at %d, of %d", got.DeepLine, got.ProseLine, len(lines))
		}
	})
}

// TestAttrListLinear checks that an attribute list costs memory linear in
// its length: a list of four times the classes allocates about four times
// as much, not sixteen (as when each class was added to one string).
func TestAttrListLinear(t *testing.T) {
	alloc := func(n int) uint64 {
		var b strings.Builder
		b.WriteString("Text.\n{")
		for i := range n {
			fmt.Fprintf(&b, " .c%d", i)
		}
		b.WriteString("}\n")
		return parseAlloc(markdown.New(), b.String())
	}
	small, large := alloc(5000), alloc(20000)
	if large > 8*small {
		t.Errorf("20,000 classes allocate %d bytes, 5,000 classes %d: %.1f times", large, small, float64(large)/float64(small))
	}
}

// TestContextualHelp checks that Experience League's in-product help
// blocks (>[!CONTEXTUALHELP] with id, title and abstract lines) are left
// out of the page and of its text, in either callout form and in a list
// item, without a warning, and that the text around them stays.
func TestContextualHelp(t *testing.T) {
	src := "# Page\n\n>[!CONTEXTUALHELP]\n>id=\"x\"\n>title=\"T\"\n>abstract=\"A secret\"\n\nBefore.\n\n" +
		"> [!contextualhelp]\n> id=\"y\" title=\"U\" abstract=\"Hidden too\"\n\n" +
		"1. Step.\n\n   >[!CONTEXTUALHELP]\n   >abstract=\"In a list\"\n\n>[!NOTE]\n>\n>After.\n"
	c := markdown.New()
	d := c.Parse(markdown.Input{Path: "p.md", Body: []byte(src), BodyLine: 1})
	var out bytes.Buffer
	if err := c.Render(&out, d, nil, markdown.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"Contextualhelp", "abstract", "secret", "Hidden", "In a list", "id=&quot;"} {
		if strings.Contains(out.String(), gone) || strings.Contains(d.Text, gone) {
			t.Errorf("%q is on the page or in its text:\n%s\ntext: %q", gone, out.String(), d.Text)
		}
	}
	for _, kept := range []string{"<p>Before.</p>", "Step.", "<p>After.</p>"} {
		if !strings.Contains(out.String(), kept) {
			t.Errorf("lacks %s:\n%s", kept, out.String())
		}
	}
	if len(d.Diags) > 0 {
		t.Errorf("diagnostics: %s", d.Diags)
	}
}

// TestTagMarkdown checks that the text of [!UICONTROL …] and [!DNL …]
// is inline Markdown inside the tag's span: emphasis, code, links (which
// the page checks and resolves like any other) and, on a site that lets
// it through, raw HTML; and that the page's text and a title heading show
// the words without the markup.
func TestTagMarkdown(t *testing.T) {
	src := "# Use [!UICONTROL **Save**]\n\nSelect [!UICONTROL **Components**] and [!DNL `code`], then [!UICONTROL Save<br>Close] in [!UICONTROL [Stores](stores.md) > *Settings*].\n"
	c := markdown.New(markdown.WithUnsafe(true))
	d := c.Parse(markdown.Input{Path: "p.md", Body: []byte(src), BodyLine: 1})
	var out bytes.Buffer
	if err := c.Render(&out, d, stubResolver{}, markdown.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<span class="uicontrol"><strong>Components</strong></span>`,
		`<span class="dnl" translate="no"><code>code</code></span>`,
		`<span class="uicontrol">Save<br>Close</span>`,
		`<span class="uicontrol"><a href="/resolved/stores/">Stores</a> &gt; <em>Settings</em></span>`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("lacks %s:\n%s", want, out.String())
		}
	}
	if want := `Use <span class="uicontrol"><strong>Save</strong></span>`; d.TitleHTML != want {
		t.Errorf("title HTML %q, want %q", d.TitleHTML, want)
	}
	if want := "Select Components and code, then SaveClose in Stores > Settings."; !strings.Contains(d.Text, want) {
		t.Errorf("text %q lacks %q", d.Text, want)
	}
	if len(d.Links) != 1 || d.Links[0].Dest != "stores.md" || d.Links[0].Pos.String() != "p.md:3:102" {
		t.Errorf("links %+v, want stores.md at p.md:3:102", d.Links)
	}
}

// TestTagMarkdownLinear checks that pages of many tags holding Markdown
// allocate memory linear in their size: four times the tags allocate
// well under eight times the bytes (sixteen when quadratic). The shapes
// are those that would walk back over what came before: tags with
// emphasis after an unmatched "*", tags nested as deep as a line allows,
// tags whose "]" a code span takes, and a list of them. Their time is
// measured by BenchmarkHostileScaling, not here.
func TestTagMarkdownLinear(t *testing.T) {
	c := markdown.New()
	for _, shape := range []struct {
		name string
		page func(n int) string
	}{
		{"emphasis", func(n int) string { return "*a " + strings.Repeat("[!UICONTROL **b** [c](d.md)] _e_ ", n) + "f*\n" }},
		{"nested", func(n int) string { return strings.Repeat("[!DNL *", n) + "x" + strings.Repeat("*]", n) + "\n" }},
		{"code", func(n int) string { return strings.Repeat("[!DNL `]` *a* ", n) + "\n" }},
		{"lines", func(n int) string { return strings.Repeat("- [!UICONTROL **x**] [!DNL y]\n", n) }},
	} {
		if small, large := parseAlloc(c, shape.page(2500)), parseAlloc(c, shape.page(10000)); large > 8*small {
			t.Errorf("%s: 10,000 tags allocate %d bytes, 2,500 allocate %d: %.1f times", shape.name, large, small, float64(large)/float64(small))
		}
	}
}

// parseAlloc returns the bytes c allocates to parse the page src.
func parseAlloc(c *markdown.Converter, src string) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c.Parse(markdown.Input{Path: "p.md", Body: []byte(src), BodyLine: 1})
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
