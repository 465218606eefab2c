package build_test

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/themes"
)

// hostileShape is a page made of n copies of one hostile construct. The
// shapes are those that made goldmark or playbook's own code super-linear
// in the size of one page, plus the neighbours of each.
type hostileShape struct {
	name string
	// n is the size measured against 4n; large enough that the fixed cost
	// of a build does not hide the page's own.
	n    int
	page func(n int) string
}

func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

var hostileShapes = []hostileShape{
	{"duplicate-headings", 5000, func(n int) string { return strings.Repeat("## Same\n\n", n) }},
	{"duplicate-heading-ids", 4000, func(n int) string {
		// An explicit id taken by the automatic ids of earlier headings.
		return strings.Repeat("## Same\n\n## Other {#same}\n\n", n/2)
	}},
	{"numbered-headings", 2000, func(n int) string {
		// Headings whose own text looks like the suffixed id of another.
		return repeat(n, func(i int) string { return fmt.Sprintf("## Same\n\n## Same %d\n\n", i%50) })
	}},
	{"myst-target-run", 20000, func(n int) string {
		// One run of MyST targets over a heading, each naming it.
		return repeat(n, func(i int) string { return fmt.Sprintf("(t%d)=\n", i) }) + "## H\n"
	}},
	{"myst-callouts-nested", 2000, func(n int) string {
		return repeat(n, func(i int) string { return fmt.Sprintf("%s{note}\n", strings.Repeat("`", 3+i%30)) }) + "text\n"
	}},
	{"unclosed-links", 20000, func(n int) string { return strings.Repeat("[a](", n) + "\n" }},
	{"unclosed-links-lines", 10000, func(n int) string { return strings.Repeat("[a](\n", n) }},
	{"unclosed-angle-links", 10000, func(n int) string { return strings.Repeat("[a](<b", n) + "\n" }},
	{"link-openers", 20000, func(n int) string { return strings.Repeat("[a", n) + "\n" }},
	{"link-closers", 20000, func(n int) string { return strings.Repeat("a]", n) + "\n" }},
	{"nested-brackets", 5000, func(n int) string {
		// Spaced, so that "[[" is not a wikilink to a missing page.
		return strings.Repeat("[ ", n) + "a" + strings.Repeat(" ]", n) + "\n"
	}},
	{"bracket-parens", 10000, func(n int) string { return strings.Repeat("[ (](", n) + "\n" }},
	{"reference-definitions", 10000, func(n int) string {
		return repeat(n, func(i int) string { return fmt.Sprintf("[r%d]: _index.md\n", i) }) + "\n" +
			repeat(n, func(i int) string { return fmt.Sprintf("[x][r%d] ", i) }) + "\n"
	}},
	{"duplicate-reference-definitions", 10000, func(n int) string { return strings.Repeat("[a]: _index.md\n", n) + "\n[a]\n" }},
	{"table-rows", 5000, func(n int) string {
		return "| a | b | c |\n|---|---|---|\n" + repeat(n, func(i int) string { return fmt.Sprintf("| %d | *x* | `y` |\n", i) })
	}},
	{"table-columns", 2000, func(n int) string {
		row := func(s string) string { return "|" + strings.Repeat(s+"|", n) + "\n" }
		return row(" h ") + row("---") + row(" c ") + row(" d ")
	}},
	{"table-unmatched-rows", 5000, func(n int) string {
		// Rows that look like a delimiter row without a header to match.
		return strings.Repeat("a|b\n-|-|-\n", n)
	}},
	{"footnotes", 4000, func(n int) string {
		return repeat(n, func(i int) string { return fmt.Sprintf("Text[^f%d].\n\n", i) }) +
			repeat(n, func(i int) string { return fmt.Sprintf("[^f%d]: Note %d.\n", i, i) })
	}},
	{"footnote-references", 5000, func(n int) string { return strings.Repeat("Text[^a].\n\n", n) + "[^a]: Note.\n" }},
	{"nested-lists", 100, func(n int) string {
		// Nesting is capped at 100 levels; this is many lists of depth 60.
		one := repeat(60, func(d int) string { return strings.Repeat("  ", d) + "- x\n" }) + "\nText.\n\n"
		return strings.Repeat(one, n)
	}},
	{"nested-blockquotes", 100, func(n int) string {
		one := repeat(60, func(d int) string { return strings.Repeat(">", d+1) + " x\n" }) + "\nText.\n\n"
		return strings.Repeat(one, n)
	}},
	{"deep-quote-lines", 2000, func(n int) string { return strings.Repeat(strings.Repeat("> ", 90)+"x\n", n) }},
	{"id-attributes", 4000, func(n int) string {
		return repeat(n, func(i int) string { return fmt.Sprintf("## H %d {#id%d}\n\n- item {#li%d}\n\n", i, i, i) })
	}},
	{"same-id-attributes", 4000, func(n int) string { return strings.Repeat("## H {#x}\n\n- item {#y}\n\n", n) }},
	{"task-items", 5000, func(n int) string {
		return repeat(n, func(i int) string { return fmt.Sprintf("- [ ] Item %d\n", i) })
	}},
	{"duplicate-task-items", 5000, func(n int) string {
		// Equal items get -2, -3, … with a warning each.
		return strings.Repeat("- [ ] x\n", n)
	}},
	{"role-task-items", 4000, func(n int) string {
		return repeat(n, func(i int) string { return fmt.Sprintf("- [x] Team lead: item %d {#t%d}\n", i, i) })
	}},
	{"wikilinks", 5000, func(n int) string { return strings.Repeat("[[Home]] ", n) + "\n" }},
	{"bracketed-wikilinks", 20000, func(n int) string {
		// One "]]" closes them all, but a target with brackets is no
		// wikilink: only the last is one.
		return strings.Repeat("[[Home", n) + "]]\n"
	}},
	{"unclosed-wikilinks", 20000, func(n int) string { return strings.Repeat("[[a", n) + "\n" }},
	// Each "(" might open a link's destination, which never closes.
	{"wikilinks-before-parens", 20000, func(n int) string { return strings.Repeat("[[Home]](", n) + "\n" }},
	{"exl-tags", 5000, func(n int) string { return strings.Repeat("[!DNL x] [!UICONTROL y] ", n) + "\n" }},
	{"unclosed-exl-tags", 5000, func(n int) string { return strings.Repeat("[!DNL x", n) + "\n" }},
	// Elements of Markdown (md_in_html) nested past the limit, and one
	// holding many plain elements of its name.
	{"nested-markdown-elements", 5000, func(n int) string {
		return strings.Repeat("<div markdown>\n", n) + "Text.\n" + strings.Repeat("</div>\n", n)
	}},
	{"markdown-element-inner-tags", 20000, func(n int) string {
		return "<div markdown>\n" + strings.Repeat("<div>\n", n) + "Text.\n" + strings.Repeat("</div>\n", n) + "</div>\n"
	}},
	{"unknown-exl-tags", 5000, func(n int) string { return strings.Repeat("[!FOO x] ", n) + "\n" }},
	// Tags holding Markdown, after a "*" that could match one at the end.
	{"exl-tag-markup", 5000, func(n int) string {
		return "*a " + strings.Repeat("[!UICONTROL **x** [y](_index.md)] ", n) + "b*\n"
	}},
	{"nested-exl-tags", 5000, func(n int) string { return strings.Repeat("[!DNL *", n) + "x" + strings.Repeat("*]", n) + "\n" }},
	// Tags whose "]" a code span takes: the openings stay text.
	// DocFX directive lines, each left out with a warning.
	{"docfx-directives", 5000, func(n int) string {
		return strings.Repeat(":::row:::\n:::column span=\"1\":::\nText.\n:::column-end:::\n", n)
	}},
	{"exl-tags-code-closers", 5000, func(n int) string { return strings.Repeat("[!DNL `]` ", n) + "\n" }},
	{"emphasis-openers", 20000, func(n int) string { return strings.Repeat("_a ", n) + "\n" }},
	{"emphasis-closers", 20000, func(n int) string { return strings.Repeat("a_ ", n) + "\n" }},
	{"mismatched-emphasis", 10000, func(n int) string { return strings.Repeat("*a_ ", n) + "\n" }},
	{"emphasis-multiple-of-3", 10000, func(n int) string { return "a**b" + strings.Repeat("c* ", n) + "\n" }},
	{"nested-emphasis", 5000, func(n int) string {
		return strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n) + "\n"
	}},
	{"link-openers-emphasis-closers", 10000, func(n int) string { return strings.Repeat("[ a_", n) + "\n" }},
	{"strikethrough", 20000, func(n int) string { return strings.Repeat("~~a ", n) + "\n" }},
	{"backticks", 20000, func(n int) string { return "e" + strings.Repeat("`e", n) + "\n" }},
	{"unclosed-comments", 20000, func(n int) string { return "</" + strings.Repeat("<!--", n) + "\n" }},
	{"autolinks", 5000, func(n int) string { return strings.Repeat("www.example.com/a_b ", n) + "\n" }},
	// URLs and addresses without spaces, linked one after another or
	// refused by their host, and emoji shortcodes and what only opens one.
	{"autolinks-after-text", 5000, func(n int) string { return strings.Repeat("中http://localhost/a", n) + "\n" }},
	{"refused-url-hosts", 10000, func(n int) string { return strings.Repeat("http://a_b.c/", n) + "\n" }},
	{"address-signs", 20000, func(n int) string { return strings.Repeat("x@", n) + "\n" }},
	{"emoji", 5000, func(n int) string { return strings.Repeat(":tada: ", n) + "\n" }},
	{"emoji-openers", 20000, func(n int) string { return strings.Repeat(":a", n) + "\n" }},
	{"callouts", 4000, func(n int) string { return strings.Repeat(">[!NOTE]\n>\n>Text.\n\n", n) }},
	{"admonitions", 4000, func(n int) string {
		return strings.Repeat(":::note\nText.\n:::\n\n!!! tip\n    Text.\n\n{% hint style=\"info\" %}\nText.\n{% endhint %}\n\n", n)
	}},
	{"unclosed-admonitions", 10000, func(n int) string { return strings.Repeat(":::note\n", n) }},
	// Each line after an admonition's text ends it, and would nest the
	// next one a level deeper (lazyBreakParser).
	{"lazy-admonitions", 4000, func(n int) string { return strings.Repeat("!!! note\n    Text.\nlazy\n", n) }},
	{"content-tabs", 4000, func(n int) string { return strings.Repeat("=== \"T\"\n    Text.\n", n) }},
	{"checklist-headings", 4000, func(n int) string {
		return repeat(n, func(i int) string { return fmt.Sprintf("## Part %d\n\n- [ ] Item\n\n", i) })
	}},
	{"tabs", 4000, func(n int) string {
		return ">[!BEGINTABS]\n\n" + strings.Repeat(">[!TAB T]\n\nText.\n\n", n) + ">[!ENDTABS]\n"
	}},
	{"tab-groups", 2000, func(n int) string {
		return strings.Repeat(">[!BEGINTABS]\n\n>[!TAB T]\n\nText.\n\n>[!ENDTABS]\n\n", n)
	}},
	{"unclosed-linked-exl-tags", 10000, func(n int) string { return strings.Repeat("[[!DNL a]](x", n) + "\n" }},
	{"definition-lists", 5000, func(n int) string { return strings.Repeat("Term\n: Definition\n\n", n) }},
	{"html-blocks", 4000, func(n int) string { return strings.Repeat("<div>\n\nx\n\n</div>\n\n", n) }},
	// dnl.md holds "Text."; the line numbers of where each copy lands
	// were counted from the start of the page for each directive.
	{"include-directives", 10000, func(n int) string { return strings.Repeat("{{$include dnl.md}}\n", n) }},
	{"mdbook-includes", 5000, func(n int) string { return "```\n" + strings.Repeat("{{#include dnl.md:2:3}}\n", n) + "```\n" }},
	{"page-links", 5000, func(n int) string { return strings.Repeat("[home](_index.md#top) ", n) + "\n" }},
	// The link components of MDX, closed and not, and Hugo's relref.
	{"jsx-links", 5000, func(n int) string { return strings.Repeat(`<Link to="_index.md#top">home</Link> `, n) + "\n" }},
	{"jsx-link-openers", 10000, func(n int) string { return strings.Repeat(`<Link to="_index.md">a `, n) + "</Link>\n" }},
	{"relref-links", 5000, func(n int) string { return strings.Repeat(`[home]({{< relref "_index.md#top" >}}) `, n) + "\n" }},
	// TeX math: openers without closers, in a line and on lines of their
	// own (two $$ always pair), and closed formulas.
	{"math-openers", 20000, func(n int) string {
		return strings.Repeat("$a ", n) + "\n\n" + strings.Repeat(`\(a `, n) + "\n\n" + strings.Repeat("\\[ a\n", n/4)
	}},
	{"math", 5000, func(n int) string { return strings.Repeat("$x^2$ and\n\n$$\n+ y\n$$\n\n", n) }},
	{"jsx-callouts", 4000, func(n int) string {
		return strings.Repeat("<Alert level=\"info\">\n  Text.\n</Alert>\n\n{{< hint warning >}}\nText.\n{{< /hint >}}\n\n", n)
	}},
}

// writeHostileSite writes a two-page site whose second page is body, and
// returns its root.
func writeHostileSite(tb testing.TB, body string) string {
	tb.Helper()
	return writeSite(tb, map[string]string{
		"_index.md":  "---\ntitle: Home\n---\n## Top\n\nSee [the page](hostile.md).\n",
		"hostile.md": "---\ntitle: Hostile\n---\n" + body,
		// So that the wikilinks [[!DNL a]] of unclosed linked tags resolve.
		"dnl.md": "---\ntitle: \"!DNL a\"\n---\nText.\n",
	})
}

// BenchmarkHostileScaling builds each hostile shape at n and 4n copies,
// through the whole pipeline, and reports the build times and their ratio,
// ratio-4n/n: about 4 when the build is linear in the page (less, with the
// build's fixed cost), 16 when it is quadratic. A ratio above 5 is a
// regression. Each is the fastest of the runs, the least disturbed by
// other work on the machine; cpu-ratio-4n/n is the same ratio of the CPU
// time the builds used (all cores), which other work on a busy machine
// disturbs less than wall time.
//
//	go test ./generator/build -run='^$' -bench=HostileScaling -benchtime=3x -timeout=60m
func BenchmarkHostileScaling(b *testing.B) {
	for _, s := range hostileShapes {
		b.Run(s.name, func(b *testing.B) {
			small, large := writeHostileSite(b, s.page(s.n)), writeHostileSite(b, s.page(4*s.n))
			build1 := func(src string) (wall, cpu time.Duration) {
				bl := build.New(build.Config{SourceDir: src, DestDir: filepath.Join(b.TempDir(), "public"), DefaultTheme: themes.Default(), NoGit: true})
				start, startCPU := time.Now(), cpuTime()
				if _, err := bl.Build(b.Context()); err != nil {
					msg := err.Error()
					b.Fatal(msg[:min(len(msg), 500)])
				}
				return time.Since(start), cpuTime() - startCPU
			}
			// A first build warms what every build shares (the theme, chroma).
			build1(small)
			tn, t4n := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
			cn, c4n := tn, t4n
			for b.Loop() {
				w, c := build1(small)
				tn, cn = min(tn, w), min(cn, c)
				w, c = build1(large)
				t4n, c4n = min(t4n, w), min(c4n, c)
			}
			b.ReportMetric(float64(tn.Microseconds())/1000, "n-ms")
			b.ReportMetric(float64(t4n.Microseconds())/1000, "4n-ms")
			b.ReportMetric(float64(t4n)/float64(tn), "ratio-4n/n")
			if cn > 0 {
				b.ReportMetric(float64(c4n)/float64(cn), "cpu-ratio-4n/n")
			}
		})
	}
}
