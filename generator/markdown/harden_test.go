package markdown

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"
)

// hardenPieces are what generated pages are made of: the syntax whose
// parsing harden.go replaces (links, destinations, titles, reference
// definitions, emphasis, strikethrough, footnotes) and what surrounds it
// (escapes, code, raw HTML, autolinks, wikilinks, lists, quotes, tables).
var hardenPieces = []string{
	"[", "]", "(", ")", "](", "[a](", "[a]", "[a][", "][", "![", "<", ">", "](<", "<b>",
	"*", "_", "~", "**", "__", "~~", "***", "*a", "a*", "_a", "a_", "~~a", "a~~", "**a**",
	"a***b", "a**b", "a*b", "a_b_", "***c", "c***", "a____b", "******",
	"\\", "\\*", "\\[", "\\)", "`", "``", "`code`",
	" ", " ", " ", "  ", "\t", "\n", "\n", "\n", "\n\n", "\n> ", "\n- ", "\n1. ", "\n    ",
	"\n-\t", "\n\t", "\n>\t", "\n- [ ] ", "\n  \t",
	"a", "b c", "word", "é", "/url", "http://x.y/z", "www.example.com", "x@y.org",
	`"`, "'", `"t"`, "'t'", "(t)",
	"\n[a]: /u\n", "\n[b]: /v 'title'\n", "\n[a]: <x y>\n", "\n[c]:\n/w\n\"t\"\n", "[a]: /u\n", "\n[ a ]: /x (t)\n",
	"[^1]", "[^2]", "[^x]", "![^1]", "\n[^1]: note\n", "\n[^2]: other\n    more\n", "\n[^1]: again\n",
	"[[W]]", "[[W|label]]", "![[W#f]]", "[!DNL x]",
	"\n| a | b |\n|---|---|\n| c | d |\n", "|", "<!-- c -->", "&amp;", "&#42;",
}

func randomPage(rng *rand.Rand, n int) []byte {
	var b strings.Builder
	for range n {
		b.WriteString(hardenPieces[rng.IntN(len(hardenPieces))])
	}
	return []byte(b.String())
}

// renderWith parses and renders src with md, and returns the HTML with the
// page's facts.
func renderWith(t *testing.T, c *Converter, src []byte) string {
	t.Helper()
	doc := c.Parse(Input{Path: "p.md", Body: src, BodyLine: 1})
	var out bytes.Buffer
	if err := c.Render(&out, doc, nil, RenderOptions{KeepTitle: true}); err != nil {
		t.Fatal(err)
	}
	facts, _ := json.Marshal(struct {
		H []Heading
		L []Link
		T []Task
		X string
		D string
	}{doc.Headings, doc.Links, doc.Tasks, doc.Text, doc.Diags.String()})
	return out.String() + "\n" + string(facts)
}

// TestHardenedMatchesGoldmark renders generated pages, and the render
// fixtures, with the hardened parser and with goldmark's own, and checks
// that the HTML and the facts are the same.
func TestHardenedMatchesGoldmark(t *testing.T) {
	hard := New()
	plain := &Converter{md: newMarkdown(false, true, true)}
	check := func(name string, src []byte) {
		t.Helper()
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("%s: %q: panic %v", name, src, r)
			}
		}()
		if got, want := renderWith(t, hard, src), renderWith(t, plain, src); got != want {
			t.Fatalf("%s: %q\nhardened:\n%s\ngoldmark:\n%s", name, src, got, want)
		}
	}
	inputs, _ := filepath.Glob("testdata/render/*.md")
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		check(in, src)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	rounds := 4000
	if testing.Short() {
		rounds = 500
	}
	for i := range rounds {
		check("page "+string(rune('0'+i%10)), randomPage(rng, 5+rng.IntN(60)))
	}
}

// FuzzHardenedMatchesGoldmark is TestHardenedMatchesGoldmark on fuzzed
// pages:
//
//	go test -run='^$' -fuzz=FuzzHardenedMatchesGoldmark -fuzztime=1m ./generator/markdown
func FuzzHardenedMatchesGoldmark(f *testing.F) {
	// Goldmark reads "* [X]00" as a ticked task; playbook, as GitHub, needs
	// whitespace after the box (see taskBoxParser), so such pages differ.
	boxBeforeText := regexp.MustCompile(`\[[ xX]\][^ \t\r\n]`)
	inputs, _ := filepath.Glob("testdata/render/*.md")
	for _, in := range inputs {
		if b, err := os.ReadFile(in); err == nil {
			f.Add(b)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		f.Add(randomPage(rng, 40))
	}
	hard := New()
	plain := &Converter{md: newMarkdown(false, true, true)}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 || boxBeforeText.Match(src) {
			return
		}
		if got, want := renderWith(t, hard, src), renderWith(t, plain, src); got != want {
			t.Fatalf("%q\nhardened:\n%s\ngoldmark:\n%s", src, got, want)
		}
	})
}

// TestLabelCloseMatchesGoldmark checks labelClose against the goldmark
// function it stands for, on every string of up to six bytes from the
// characters that matter to it.
func TestLabelCloseMatchesGoldmark(t *testing.T) {
	const chars = `[]\a!`
	var walk func(b []byte)
	walk = func(b []byte) {
		//lint:ignore SA1019 the reference labelClose must match
		if got, want := labelClose(b), util.FindClosure(b, '[', ']', false, false); got != want {
			t.Fatalf("labelClose(%q) = %d, goldmark finds %d", b, got, want)
		}
		if len(b) == 6 {
			return
		}
		for i := range len(chars) {
			walk(append(b, chars[i]))
		}
	}
	walk(nil)
}
