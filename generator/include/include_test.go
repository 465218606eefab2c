package include_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/include"
)

func TestExpand(t *testing.T) {
	root := fstest.MapFS{
		"help/_includes/a.md":        {Data: []byte("A1\n{{$include b.md}}\nA3\n")},
		"help/_includes/b.md":        {Data: []byte("---\ntitle: B\n---\nB4\n")},
		"help/_includes/loop.md":     {Data: []byte("{{$include loop.md}}\n")},
		"help/_includes/snippets.md": {Data: []byte("# S\n\n## One {#one}\n\nS1 text\n\n### Sub\n\nS1 sub\n\n## Two {#two}\n\nS2\n")},
	}
	opts := include.Options{Root: root, ContentDir: "help", Snippets: "help/_includes/snippets.md"}
	body := "P1\n{{$include /help/_includes/a.md}}\nP3\n```\n{{$include nope.md}}\n```\n{{one}}\nP9\n"
	out, lines, diags := include.Expand("help/p.md", []byte(body), 4, opts)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %s", diags)
	}
	want := "P1\nA1\nB4\nA3\nP3\n```\n{{$include nope.md}}\n```\nS1 text\n\n### Sub\n\nS1 sub\nP9\n"
	if string(out) != want {
		t.Fatalf("expanded:\n%q\nwant\n%q", out, want)
	}
	for _, tc := range []struct {
		line int
		file string
		at   int
	}{
		{1, "help/p.md", 4},
		{2, "help/_includes/a.md", 1},
		{3, "help/_includes/b.md", 4},
		{4, "help/_includes/a.md", 3},
		{5, "help/p.md", 6},
		{9, "help/_includes/snippets.md", 5},
		{14, "help/p.md", 11},
	} {
		if f, l := lines.Pos(tc.line); f != tc.file || l != tc.at {
			t.Errorf("line %d maps to %s:%d, want %s:%d", tc.line, f, l, tc.file, tc.at)
		}
	}

	_, _, diags = include.Expand("help/p.md", []byte("{{$include _includes/loop.md}}\n{{three}}\n"), 1, opts)
	got := diags.String()
	for _, want := range []string{"help/_includes/loop.md:1:1: include cycle: help/p.md → help/_includes/loop.md → help/_includes/loop.md", `help/p.md:2:1: missing snippet "three"`} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

// FuzzExpand checks that expansion never panics, terminates, and maps every
// line of its output to a line of some file.
func FuzzExpand(f *testing.F) {
	f.Add("{{$include /x.md}}\n{{s}}\n", "{{$include y.md}}\n", "## S {#s}\ntext\n")
	f.Add("```\n{{$include x.md}}\n```\n", "x", "")
	f.Fuzz(func(t *testing.T, page, x, snippets string) {
		root := fstest.MapFS{"x.md": {Data: []byte(x)}, "y.md": {Data: []byte(page)}, "snippets.md": {Data: []byte(snippets)}}
		out, lines, diags := include.Expand("page.md", []byte(page), 1, include.Options{Root: root, Snippets: "snippets.md", MaxSize: 1 << 20})
		if !include.HasDirectives([]byte(page)) && (string(out) != page || len(diags) > 0) {
			t.Fatalf("HasDirectives says %q needs no expansion, but it expands to %q (%s)", page, out, diags)
		}
		n := strings.Count(string(out), "\n") + 1
		for l := 1; l <= n; l++ {
			if f, at := lines.Pos(l); f == "" || at < 1 {
				t.Fatalf("line %d maps to %q:%d", l, f, at)
			}
		}
	})
}

// TestHasDirectives checks that a page is expanded only when a line of it
// is a directive: the "{{" of other generators' shortcodes is not one.
func TestHasDirectives(t *testing.T) {
	for _, tc := range []struct {
		body string
		want bool
	}{
		{"", false},
		{"text\n", false},
		{"{{< note >}}\nText.\n{{< /note >}}\n", false},
		{"{{% include \"a.md\" %}}\n", false},
		{"Text {{snippet}} in a line.\n", false},
		{"{{$include}}\n", false},
		{"{{ .Title }}\n{{Snippet}}\n", false},
		{"{{$include a.md}}", true},
		{"Text.\n  {{$include /help/_includes/a.md}}  \r\n", true},
		{"{{< x >}}\n{{one-snippet}}\n", true},
		{"{{< x >}} {{\n\t{{s_2}}\t\n", true},
		{"```\n{{s}}\n```\n", true}, // in a fence: Expand decides
	} {
		if got := include.HasDirectives([]byte(tc.body)); got != tc.want {
			t.Errorf("HasDirectives(%q) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

// TestFanOut checks that includes repeating each other stop at the size
// limit instead of growing exponentially.
func TestFanOut(t *testing.T) {
	root := fstest.MapFS{}
	line := func(target string) string { return strings.Repeat("{{$include "+target+"}}\n", 20) }
	root["a.md"] = &fstest.MapFile{Data: []byte(line("b.md"))}
	root["b.md"] = &fstest.MapFile{Data: []byte(line("c.md"))}
	root["c.md"] = &fstest.MapFile{Data: []byte(line("d.md"))}
	root["d.md"] = &fstest.MapFile{Data: []byte(line("e.md"))}
	root["e.md"] = &fstest.MapFile{Data: []byte(strings.Repeat("text ", 200) + "\n")}
	out, _, diags := include.Expand("p.md", []byte(line("a.md")), 1, include.Options{Root: root, MaxSize: 1 << 20})
	if len(out) > 2<<20 {
		t.Errorf("expanded to %d bytes", len(out))
	}
	if !strings.Contains(diags.String(), "includes expand past the limit") {
		t.Errorf("diagnostics: %.300s", diags)
	}
}
