package markdown_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/markdown"
)

var update = flag.Bool("update", false, "update golden files")

// stubResolver resolves links to .md files to /resolved/ URLs.
type stubResolver struct{}

func (stubResolver) Resolve(from, dest string) (string, bool) {
	if inner, ok := strings.CutPrefix(dest, "[["); ok {
		inner = strings.TrimSuffix(inner, "]]")
		if inner == "Missing page" {
			return "", false
		}
		return "/wiki/" + strings.ToLower(inner) + "/", true
	}
	path, frag, _ := strings.Cut(dest, "#")
	if path == "nowhere.md" {
		return "", false
	}
	href := "/resolved/" + strings.TrimSuffix(filepath.Base(path), ".md") + "/"
	if path == "" {
		href = ""
	}
	if frag != "" {
		href += "#" + frag
	}
	return href, true
}

// TestRender renders each testdata/render/*.md and compares the HTML and
// the extracted facts with the golden files. math.md is read as a site
// written for arithmatex reads it (WithBackslashMath); the others as a
// site of plain Markdown.
func TestRender(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/render/*.md")
	if len(inputs) == 0 {
		t.Fatal("no test inputs")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".md")
		c := markdown.New()
		if name == "math" {
			c = markdown.New(markdown.WithBackslashMath())
		}
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			doc := c.Parse(markdown.Input{Path: "teams/x/" + name + ".md", Body: src, BodyLine: 3})
			var out bytes.Buffer
			if err := c.Render(&out, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			facts, _ := json.MarshalIndent(struct {
				Title    string
				Headings []markdown.Heading
				Links    []markdown.Link
				Tasks    []markdown.Task
				Diags    []string
				Diagrams bool             `json:",omitempty"`
				Math     bool             `json:",omitempty"`
				Labels   []markdown.Label `json:",omitempty"`
			}{doc.Title, doc.Headings, doc.Links, doc.Tasks, strings.Split(strings.TrimSpace(doc.Diags.String()), "\n"), doc.Diagrams, doc.Math, doc.Labels}, "", "  ")
			out.WriteString("<!-- facts\n")
			out.Write(facts)
			out.WriteString("\n-->\n")
			golden := strings.TrimSuffix(in, ".md") + ".golden.html"
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s:\n%s", golden, out.String())
			}
			// Rendering again gives the same bytes.
			var again bytes.Buffer
			_ = c.Render(&again, doc, stubResolver{}, markdown.RenderOptions{})
			if !bytes.HasPrefix(out.Bytes(), again.Bytes()) {
				t.Error("second render differs")
			}
		})
	}
	goldens, _ := filepath.Glob("testdata/render/*.golden.html")
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".golden.html") + ".md"); err != nil {
			t.Errorf("golden file %s has no input", g)
		}
	}
}

func TestUnsafe(t *testing.T) {
	src := []byte("<b>bold</b> [x](javascript:alert(1))\n")
	for _, tc := range []struct {
		unsafe bool
		want   string
	}{
		{false, "<p>&lt;b&gt;bold&lt;/b&gt; <a href=\"\">x</a></p>\n"},
		{true, "<p><b>bold</b> <a href=\"\">x</a></p>\n"},
	} {
		c := markdown.New(markdown.WithUnsafe(tc.unsafe))
		var out bytes.Buffer
		_ = c.Render(&out, c.Parse(markdown.Input{Path: "p.md", Body: src, BodyLine: 1}), nil, markdown.RenderOptions{})
		if out.String() != tc.want {
			t.Errorf("unsafe=%v: got %q, want %q", tc.unsafe, out.String(), tc.want)
		}
	}
}

// TestTitleDedup checks which level-1 heading the page leaves out of its
// text because the page shows it as its heading: the one it starts with,
// or the first one further down when it is the title.
func TestTitleDedup(t *testing.T) {
	c := markdown.New()
	for _, tc := range []struct {
		title, body string
		keepsH1     bool
	}{
		{"Warehouse", "# Warehouse\n\nText\n", false},
		{"", "# Warehouse\n\nText\n", false},
		// The heading a page starts with is its heading, worded as
		// the title or not, also after a comment.
		{"Lager", "# Warehouse\n\nText\n", false},
		{"Lager", "<!-- TODO -->\n\n# Warehouse\n\nText\n", false},
		// A first level-1 heading further down is the page's heading
		// when it is the front matter's title, or when only images and
		// HTML come before it, from which the title is made.
		{"Warehouse", "Intro\n\n# Warehouse\n", false},
		{"", "![logo](logo.png)\n\n# Warehouse\n\n# Stock\n", true},
		{"", "![logo](logo.png)\n\n# Warehouse\n", false},
		{"", "<p align=\"center\"><img src=\"logo.png\"></p>\n\n[![CI](b.svg)](https://ci.example/)\n\n# Warehouse\n", false},
		{"", "[![CI][badge]][ci]\n\n[badge]: https://ci.example/b.svg\n[ci]: https://ci.example/\n\n&nbsp;\n\n# Warehouse\n", false},
		// A heading below text titles no page (MkDocs and Docusaurus take
		// a title from the top alone): it stays in its place.
		{"", "Intro\n\n# References\n", true},
		{"", "## Intro\n\n# References\n", true},
		{"Gee", "> # Quote heading\n\nIntro\n\n# Gee\n", true},
		{"Kay", "- # Kay\n\nIntro\n\n# Kay\n", true},
		{"  Arr  ", "Intro\n\n# Arr\n", false},
		{"Q&A", "Intro\n\n# Q&amp;A\n", false},
		{"Pourquoi\u00a0?", "Intro\n\n# Pourquoi\u00a0?\n", false},
		{"Foo  Bar", "Intro\n\n# Foo  Bar\n", false},
		// Else it is a heading of the text, as is one inside a block.
		{"Lager", "Intro\n\n# Warehouse\n", true},
		{"", "> # Warehouse\n", true},
	} {
		doc := c.Parse(markdown.Input{Path: "p.md", Body: []byte(tc.body), BodyLine: 1, Title: tc.title})
		var out bytes.Buffer
		_ = c.Render(&out, doc, nil, markdown.RenderOptions{})
		if got := strings.Count(out.String(), "<h1") == 1; got != tc.keepsH1 {
			t.Errorf("title %q body %q: has h1 = %v, want %v", tc.title, tc.body, got, tc.keepsH1)
		}
	}
}

// TestTitleFromHeading checks the title a page without one in its front
// matter takes from its first level-1 heading: its words as the page
// shows them, without the alternative text of a badge beside them, or
// that text when the heading has nothing else; that such a heading is
// still the page's heading further down; and that it shows without the
// badge too, and with its links to web and e-mail addresses (only those:
// a relative link would lead elsewhere from the page's URL).
func TestTitleFromHeading(t *testing.T) {
	c := markdown.New()
	// A heading below text is no title.
	if doc := c.Parse(markdown.Input{Path: "p.md", Body: []byte("The philosophy of it.\n\n# References\n"), BodyLine: 1}); doc.Title != "" || doc.Headings[0].IsTitle {
		t.Errorf("a heading below text titles the page: %q, %+v", doc.Title, doc.Headings)
	}
	for _, tc := range []struct{ body, title, html string }{
		{"# Artsy Engineering [![CircleCI](https://ci.example/b.svg)](https://ci.example/)\n", "Artsy Engineering", "Artsy Engineering"},
		{"# ![Acme handbook](logo.png)\n", "Acme handbook", "Acme handbook"},
		{"# Set up `git` and *Redis*\n", "Set up git and Redis", "Set up <code>git</code> and <em>Redis</em>"},
		{"![logo](logo.png)\n\n# Tools ![build](b.svg)\n", "Tools", "Tools"},
		{"# Pourquoi\u00a0?\n", "Pourquoi\u00a0?", "Pourquoi\u00a0?"},
		{"# Foo  Bar ![b](b.svg)\n", "Foo Bar", "Foo Bar"},
		{"# Partners at https://example.com/p and [docs](https://example.org/a?x=1&y=2 \"t\"), a@example.com, [rel](other.md), [js](javascript:x)\n",
			"Partners at https://example.com/p and docs, a@example.com, rel, js",
			`Partners at <a href="https://example.com/p">https://example.com/p</a> and <a href="https://example.org/a?x=1&amp;y=2">docs</a>, <a href="mailto:a@example.com">a@example.com</a>, rel, js`},
	} {
		doc := c.Parse(markdown.Input{Path: "p.md", Body: []byte(tc.body), BodyLine: 1})
		if doc.Title != tc.title {
			t.Errorf("%q: title %q, want %q", tc.body, doc.Title, tc.title)
		}
		if n := len(doc.Headings); n != 1 || !doc.Headings[0].IsTitle {
			t.Errorf("%q: the heading is not the page's heading: %+v", tc.body, doc.Headings)
		}
		if strings.Join(strings.FieldsFunc(doc.TitleHTML, func(r rune) bool { return r == ' ' || r == '\n' }), " ") != tc.html {
			t.Errorf("%q: the page shows the heading as %q, want %q", tc.body, doc.TitleHTML, tc.html)
		}
	}
}

func TestTaskIDStable(t *testing.T) {
	a := markdown.TaskID("p.md", "onboarding", "Book the laptop")
	if b := markdown.TaskID("p.md", "onboarding", "  book the   laptop."); a != b {
		t.Errorf("normalisation: %s != %s", a, b)
	}
	if b := markdown.TaskID("p.md", "after", "Book the laptop"); a == b {
		t.Error("heading should change the id")
	}
}

func TestHighlightCSS(t *testing.T) {
	css := string(markdown.HighlightCSS("github", "github-dark"))
	if !strings.Contains(css, ".chroma") || !strings.Contains(css, "prefers-color-scheme: dark") {
		t.Errorf("unexpected CSS:\n%.300s", css)
	}
}

// FuzzParseRender checks that any input parses and renders without
// panicking, twice to the same bytes, with positions inside the file. An
// input of odd length is read as a site that lets raw HTML through would.
func FuzzParseRender(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/render/*.md")
	for _, in := range inputs {
		b, _ := os.ReadFile(in)
		f.Add(b)
	}
	f.Add([]byte("<a name=x href=\"y.md\">\n\n<div id='z'><img src=a.png>\n"))
	safe, unsafe := markdown.New(), markdown.New(markdown.WithUnsafe(true))
	f.Fuzz(func(t *testing.T, src []byte) {
		c := safe
		if len(src)%2 == 1 {
			c = unsafe
		}
		doc := c.Parse(markdown.Input{Path: "f.md", Body: src, BodyLine: 5})
		var a, b bytes.Buffer
		if err := c.Render(&a, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		_ = c.Render(&b, doc, stubResolver{}, markdown.RenderOptions{})
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("two renders differ")
		}
		checkAgain(t, c, markdown.Input{Path: "f.md", Body: src, BodyLine: 5}, a.Bytes(), doc.Text)
		lines := bytes.Count(src, []byte("\n")) + 1
		check := func(line int) {
			if line < 5 || line > 5+lines {
				t.Fatalf("line %d outside the body (lines 5..%d)", line, 4+lines)
			}
		}
		for _, h := range doc.Headings {
			check(h.Pos.Line)
		}
		for _, l := range doc.Links {
			check(l.Pos.Line)
		}
		for _, k := range doc.Tasks {
			check(k.Pos.Line)
		}
		for _, d := range doc.Diags {
			if d.Pos.Line != 0 {
				check(d.Pos.Line)
			}
		}
		for _, u := range doc.HTMLURLs {
			check(u.Pos.Line)
		}
	})
}

// FuzzInlineTags feeds the Experience League inline tags, attributes and
// markers in varied contexts: output is stable, and no known tag is ever
// written as literal text.
func FuzzInlineTags(f *testing.F) {
	for _, s := range []string{
		"[!DNL Adobe]", "[!UICONTROL File > Print]", "[[!DNL RabbitMQ]](https://example.com)",
		"[!BADGE Beta]{type=Informative tooltip=\"x\"}", ">[!TAB One]\n\ntext", "- item {#id}",
		"![a](b.png){width=\"600\"}", "| a |\n|---|\n| b |\n{style=\"x\"}", ">[!VIDEO](https://v.example/1)",
	} {
		f.Add(s, "Text before ", " and after.")
	}
	c := markdown.New()
	f.Fuzz(func(t *testing.T, tag, before, after string) {
		src := []byte(before + tag + after + "\n\n- " + tag + "\n\n> " + tag + "\n")
		// The same text as a front matter title and description.
		in := markdown.Input{Path: "f.md", Body: src, BodyLine: 1, Title: before + tag + after, Description: tag}
		doc := c.Parse(in)
		if w, h := c.Inline(before + tag + after); strings.Contains(strings.ToLower(h), "<script") {
			t.Fatalf("Inline: words %q, HTML %q", w, h)
		}
		var a, b bytes.Buffer
		if err := c.Render(&a, doc, stubResolver{}, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		_ = c.Render(&b, doc, stubResolver{}, markdown.RenderOptions{})
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("two renders differ")
		}
		checkAgain(t, c, in, a.Bytes(), doc.Text)
		// A well-formed tag in plain text is always rendered, never leaked.
		if wellFormedTag.MatchString(tag) && plainWords.MatchString(before) && plainWords.MatchString(after) &&
			bytes.Contains(a.Bytes(), []byte("[!")) {
			t.Fatalf("tag leaked as text:\n%s", a.Bytes())
		}
	})
}

var (
	wellFormedTag = regexp.MustCompile(`^\[!(DNL|UICONTROL) [A-Za-z0-9][A-Za-z0-9 ]*\]$`)
	plainWords    = regexp.MustCompile(`^[A-Za-z0-9 ]*$`)
)

// TestTextRawHTML checks that raw HTML, which a safe site shows as text,
// is in the page's searchable text there, and left out where it is markup.
func TestTextRawHTML(t *testing.T) {
	src := "Before <b>bold</b> after.\n\n<div class=\"box\">\nInside\n</div>\n\nEnd.\n"
	for _, tc := range []struct {
		unsafe bool
		want   string
	}{
		{false, "Before <b>bold</b> after.\n<div class=\"box\">\nInside\n</div>\n\nEnd."},
		{true, "Before bold after.\nEnd."},
	} {
		d := markdown.New(markdown.WithUnsafe(tc.unsafe)).Parse(markdown.Input{Path: "p.md", Body: []byte(src), BodyLine: 1})
		if d.Text != tc.want {
			t.Errorf("unsafe=%v: text %q, want %q", tc.unsafe, d.Text, tc.want)
		}
	}
}

// TestTaskHTML checks the markup a task keeps for role and checklist
// pages: code, emphasis and strikethrough, links as their text, and
// everything escaped.
func TestTaskHTML(t *testing.T) {
	for _, tc := range []struct{ item, want string }{
		{"IT: run `nv-access <team>`", "run <code>nv-access &lt;team&gt;</code>"},
		{"read *all* of **it** ~~twice~~", "read <em>all</em> of <strong>it</strong> <del>twice</del>"},
		{"see [the guide](../guides/start.md) and [[Start]]", "see the guide and Start"},
		{"ask [[Start|the starter]]", "ask the starter"},
		{"<script>alert(1)</script> & \"quotes\"", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;"},
		{"two\nlines", "two lines"},
		{"with an id {#my-id}", "with an id"},
	} {
		d := markdown.New().Parse(markdown.Input{Path: "p.md", Body: []byte("- [ ] " + tc.item + "\n"), BodyLine: 1})
		if len(d.Tasks) != 1 {
			t.Fatalf("%q: %d tasks", tc.item, len(d.Tasks))
		}
		if got := d.Tasks[0].HTML; got != tc.want {
			t.Errorf("%q: HTML %q, want %q", tc.item, got, tc.want)
		}
	}
}

// checkAgain checks that a page parsed again from in renders to html,
// with the text text.
func checkAgain(t *testing.T, c *markdown.Converter, in markdown.Input, html []byte, text string) {
	t.Helper()
	doc := c.Parse(in)
	var b bytes.Buffer
	if err := c.Render(&b, doc, stubResolver{}, markdown.RenderOptions{}); err != nil || !bytes.Equal(html, b.Bytes()) || doc.Text != text {
		t.Fatalf("a page parsed again renders differently (%v)", err)
	}
}

// TestTaskBoxes checks which list items are tasks: as on GitHub, a box
// must be followed by whitespace or end the line, so "[x](url)" is a link.
func TestTaskBoxes(t *testing.T) {
	for _, tc := range []struct {
		body  string
		tasks int
		html  string
	}{
		{"- [ ] open\n- [x] done\n- [X] done too\n", 3, ""},
		{"- [ ]\n", 1, ""},
		{"- [x](other.md)\n", 0, `<li><a href="/resolved/other/">x</a></li>`},
		{"- [ ](x.md) and\n", 0, `<li><a href="/resolved/x/"> </a> and</li>`},
		{"- [x]no space\n", 0, `<li>[x]no space</li>`},
		{"- [x]\tdone\n", 1, ""},
		{"- [x]\vdone\n- [ ]\fopen\n", 2, ""},
		{"- [x]\u00a0done\n", 0, ""},
	} {
		c := markdown.New()
		d := c.Parse(markdown.Input{Path: "p.md", Body: []byte(tc.body), BodyLine: 1})
		if len(d.Tasks) != tc.tasks {
			t.Errorf("%q: %d tasks, want %d", tc.body, len(d.Tasks), tc.tasks)
		}
		var b bytes.Buffer
		if err := c.Render(&b, d, stubResolver{}, markdown.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tc.html) {
			t.Errorf("%q renders\n%s\nwithout %s", tc.body, b.String(), tc.html)
		}
	}
}

// TestHeadingText checks that a heading's text, id and the page's text
// show entities and backslash escapes as the characters they stand for,
// and code as written.
func TestHeadingText(t *testing.T) {
	for _, tc := range []struct{ src, text, id string }{
		{"## Fish &amp; Chips", "Fish & Chips", "fish-and-chips"},
		{"## R&amp;D &copy; 2024", "R&D © 2024", "randd-c-2024"},
		{"## &nbsp;", "", "section"},
		{"## 1\\. Step \\*one\\*", "1. Step *one*", "1-step-one"},
		{"## Use `&amp;` here", "Use &amp; here", "use-and-here"},
	} {
		d := markdown.New().Parse(markdown.Input{Path: "p.md", Body: []byte(tc.src + "\n\nBody &amp; more.\n"), BodyLine: 1})
		if len(d.Headings) != 1 {
			t.Fatalf("%q: %d headings", tc.src, len(d.Headings))
		}
		if h := d.Headings[0]; strings.TrimSpace(h.Text) != tc.text || h.ID != tc.id {
			t.Errorf("%q: text %q, id %q; want %q, %q", tc.src, h.Text, h.ID, tc.text, tc.id)
		}
		if h1 := markdown.New().Parse(markdown.Input{Path: "p.md", Body: []byte("#" + strings.TrimPrefix(tc.src, "##")), BodyLine: 1}); h1.TitleHTML != html.EscapeString(tc.text) && !strings.Contains(tc.src, "`") {
			t.Errorf("%q as the title: HTML %q", tc.src, h1.TitleHTML)
		}
		if !strings.Contains(d.Text, "Body & more.") {
			t.Errorf("%q: page text %q", tc.src, d.Text)
		}
	}
}

// TestNestedHeadings checks which headings are marked as inside another
// block: those in a quote, a list item or a callout, not those of the page.
func TestNestedHeadings(t *testing.T) {
	src := "# Title\n\n## Top\n\n> # In a quote\n\n- item\n\n  ## In a list\n\n> [!NOTE]\n> ### In a callout\n\n# Section\n"
	d := markdown.New().Parse(markdown.Input{Path: "p.md", Body: []byte(src), BodyLine: 1})
	var got []string
	for _, h := range d.Headings {
		got = append(got, fmt.Sprintf("%s:%v", h.Text, h.Nested))
	}
	want := "Title:false Top:false In a quote:true In a list:true In a callout:true Section:false"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("headings %s, want %s", s, want)
	}
}

// TestDiagramText checks that a diagram's source is left out of the
// page's text, which search and summaries show, and that a diagram longer
// than Mermaid draws is warned, at its fence, and one just short of it
// not.
func TestDiagramText(t *testing.T) {
	c := markdown.New()
	for _, tt := range []struct {
		size  int
		diags string
	}{
		{50000, ""},
		{50001, "a.md:3:4: warning: the Mermaid diagram has 50001 characters, and Mermaid draws at most 50000: split it, or it shows as an error box\n"},
	} {
		code := "flowchart LR\n" + strings.Repeat("A-->B\n", (tt.size-13)/6)
		code += strings.Repeat("%", tt.size-len(code)-1) + "\n"
		doc := c.Parse(markdown.Input{Path: "a.md", Body: []byte("Before.\n\n```mermaid\n" + code + "```\n\nAfter.\n"), BodyLine: 1})
		if got := doc.Diags.String(); got != tt.diags {
			t.Errorf("%d characters: diagnostics %q, want %q", tt.size, got, tt.diags)
		}
		if doc.Text != "Before.\nAfter." || !doc.Diagrams {
			t.Errorf("%d characters: text %.80q, diagrams %v; want the text around the diagram alone", tt.size, doc.Text, doc.Diagrams)
		}
	}
}

// TestInline checks how a front matter title or description reads: its
// inline Markdown and tags as words for the text, as the body shows them
// for the HTML, with links kept only to web addresses; and text that
// Markdown would read as more than a paragraph, or that has no marks, as
// it is.
func TestInline(t *testing.T) {
	c := markdown.New()
	for _, tc := range []struct{ in, words, html string }{
		{"Plain & simple <b>", "Plain & simple <b>", "Plain &amp; simple &lt;b&gt;"},
		{"Use **bold**, *it*, `code` and ~~old~~", "Use bold, it, code and old", "Use <strong>bold</strong>, <em>it</em>, <code>code</code> and <del>old</del>"},
		{"The **[!UICONTROL Continue]** button", "The Continue button", `The <strong><span class="uicontrol">Continue</span></strong> button`},
		{"See [the tool](https://example.com/t) and [a page](a.md)", "See the tool and a page", `See <a href="https://example.com/t">the tool</a> and a page`},
		{"snake_case_name", "snake_case_name", "snake_case_name"},
		{`An \*escaped\* star`, "An *escaped* star", "An *escaped* star"},
		{"1. Setup_step_", "1. Setup_step_", "1. Setup_step_"},
		{"# Notes *x*", "# Notes *x*", "# Notes *x*"},
		{"[x]", "[x]", "[x]"},
		// Raw HTML and entities read the same with marks or without.
		{"A <b>bold</b> word &amp; more <!-- note -->", "A <b>bold</b> word & more", "A &lt;b&gt;bold&lt;/b&gt; word &amp; more"},
		{"E &lt;script&gt; *x*", "E <script> x", "E &lt;script&gt; <em>x</em>"},
		// Text Markdown reads as more than a paragraph reads the same way.
		{"<!-- draft --> Onboarding &amp; setup", "Onboarding & setup", "Onboarding &amp; setup"},
		{"1. Setup &amp; go", "1. Setup & go", "1. Setup &amp; go"},
		{"", "", ""},
	} {
		words, html := c.Inline(tc.in)
		if words != tc.words || html != tc.html {
			t.Errorf("Inline(%q) = %q, %q; want %q, %q", tc.in, words, html, tc.words, tc.html)
		}
	}
}

// TestKramdownTOCKeepsTitle checks that kramdown's table of contents
// marker takes the .no_toc heading above it, but never the page's title.
func TestKramdownTOCKeepsTitle(t *testing.T) {
	c := markdown.New()
	doc := c.Parse(markdown.Input{Path: "p.md", Body: []byte("# Page Title\n{: .no_toc }\n\n1. TOC\n{:toc}\n\n## Section one\n"), BodyLine: 1})
	if doc.Title != "Page Title" {
		t.Errorf("title %q, want Page Title", doc.Title)
	}
	var out bytes.Buffer
	_ = c.Render(&out, doc, nil, markdown.RenderOptions{})
	if strings.Contains(out.String(), "TOC") {
		t.Errorf("the marker shows:\n%s", out.String())
	}
}
