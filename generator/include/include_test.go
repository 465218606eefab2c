package include_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/include"
)

func TestExpand(t *testing.T) {
	root := fstest.MapFS{
		"help/_includes/a.md":    {Data: []byte("A1\n{{$include b.md}}\nA3\n")},
		"help/_includes/loop.md": {Data: []byte("{{$include loop.md}}\n")},
		// Old Mac line ends ("\r" alone), read as lines as in a page.
		"help/_includes/b.md":        {Data: []byte("---\rtitle: B\r---\rB4\r")},
		"help/_includes/snippets.md": {Data: []byte("# S\r\r## One {#one}\r\rS1 text\r\r### Sub\r\rS1 sub\r\r## Two {#two}\r\rS2\r")},
	}
	opts := include.Options{Root: root, ContentDir: "help", Snippets: "help/_includes/snippets.md"}
	body := "P1\n{{$include /help/_includes/a.md}}\nP3\n```\n{{$include nope.md}}\n```\n{{one}}\nP9\n"
	x := include.Expand("help/p.md", []byte(body), 4, opts)
	out, lines, diags := x.Body, x.Lines, x.Diags
	if want := []string{"help/_includes/a.md", "help/_includes/b.md", "help/_includes/snippets.md"}; !slices.Equal(x.Reads, want) {
		t.Errorf("reads %q, want %q", x.Reads, want)
	}
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

	diags = include.Expand("help/p.md", []byte("{{$include _includes/loop.md}}\n{{three}}\n"), 1, opts).Diags
	got := diags.String()
	for _, want := range []string{"help/_includes/loop.md:1:1: include cycle: help/p.md → help/_includes/loop.md → help/_includes/loop.md", `help/p.md:2:1: missing snippet "three"`} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

// TestSnippetIncludes checks that a snippet's own directives expand, as
// Experience League expands an include in a snippet, with its lines mapped
// back to the files they come from, and that a snippet that names itself,
// through a file or not, is a cycle.
func TestSnippetIncludes(t *testing.T) {
	root := fstest.MapFS{
		"help/_includes/snippets.md": {Data: []byte("## Note {#note}\n\nBefore.\n\n{{$include /help/_includes/note.md}}\n\n## Loop {#loop}\n\n{{$include /help/_includes/loop.md}}\n\n## Self {#self}\n\n{{self}}\n")},
		"help/_includes/note.md":     {Data: []byte(">[!NOTE]\n>\n>Support ends in 2027.\n")},
		"help/_includes/loop.md":     {Data: []byte("{{loop}}\n")},
	}
	opts := include.Options{Root: root, ContentDir: "help", Snippets: "help/_includes/snippets.md"}
	x := include.Expand("help/p.md", []byte("# P\n\n{{note}}\n\nAfter.\n"), 1, opts)
	if want := "# P\n\nBefore.\n\n>[!NOTE]\n>\n>Support ends in 2027.\n\nAfter.\n"; string(x.Body) != want {
		t.Errorf("body:\n%s\nwant:\n%s", x.Body, want)
	}
	for _, tc := range []struct {
		line, fileLine int
		file           string
	}{{3, 3, "help/_includes/snippets.md"}, {5, 1, "help/_includes/note.md"}, {7, 3, "help/_includes/note.md"}, {9, 5, "help/p.md"}} {
		if f, l := x.Lines.Pos(tc.line); f != tc.file || l != tc.fileLine {
			t.Errorf("line %d comes from %s:%d, want %s:%d", tc.line, f, l, tc.file, tc.fileLine)
		}
	}
	if len(x.Diags) > 0 {
		t.Errorf("diagnostics: %s", x.Diags)
	}
	for name, want := range map[string]string{
		"loop": "help/_includes/loop.md:1:1: include cycle: help/p.md → help/_includes/snippets.md#loop → help/_includes/loop.md → help/_includes/snippets.md#loop",
		"self": "help/_includes/snippets.md:13:1: include cycle: help/p.md → help/_includes/snippets.md#self → help/_includes/snippets.md#self",
	} {
		x := include.Expand("help/p.md", []byte("{{"+name+"}}\n"), 1, opts)
		if got := x.Diags.String(); !strings.Contains(got, want) {
			t.Errorf("%s: diagnostics:\n%s\nwant %s", name, got, want)
		}
	}
}

// TestIncludeTitleDropped checks that the level-1 heading an included
// file starts with, after its front matter and blank lines, is left out,
// as Experience League leaves out the label its include files start with,
// and that the lines after it keep their places; a file that starts with
// other text keeps all of it; Eleventy's JavaScript front matter goes too.
func TestIncludeTitleDropped(t *testing.T) {
	root := fstest.MapFS{
		"help/_includes/t.md":   {Data: []byte("---\nsolution: Commerce\n---\n\n# Label for authors\n\nText.\n")},
		"help/_includes/sub.md": {Data: []byte("## A section\n\nMore.\n")},
		"help/_includes/js.md":  {Data: []byte("---js\n{ a: `b` }\n---\nAfter.\n")},
	}
	opts := include.Options{Root: root, ContentDir: "help"}
	x := include.Expand("help/p.md", []byte("# P\n\n{{$include /help/_includes/t.md}}\n{{$include /help/_includes/sub.md}}\n{{$include /help/_includes/js.md}}\n"), 1, opts)
	if want := "# P\n\n\nText.\n## A section\n\nMore.\nAfter.\n"; string(x.Body) != want {
		t.Errorf("body:\n%q\nwant:\n%q", x.Body, want)
	}
	if f, l := x.Lines.Pos(4); f != "help/_includes/t.md" || l != 7 {
		t.Errorf("the included text's line comes from %s:%d, want help/_includes/t.md:7", f, l)
	}
}

// TestMDXPartials checks Docusaurus' partials: a Markdown file imported
// as a component shows where a line holds the component alone, relative
// to the page or from the site's folder (@site/), its import line left
// blank; other imports, a component used inside a line and code stay.
func TestMDXPartials(t *testing.T) {
	root := fstest.MapFS{
		"docs/_courses/Courses.md": {Data: []byte("---\ntitle: x\n---\nTake a course.\n")},
		"docs/_shared/Note.mdx":    {Data: []byte("A shared note.\n")},
	}
	page := "import Tabs from '@theme/Tabs';\nimport Courses from './\\_courses/Courses.md';\nimport Note from \"@site/docs/_shared/Note.mdx\"\n\n## Courses\n\n<Courses />\n\nText <Note /> here.\n\n```\n<Courses />\n```\n\n<Note/>\n"
	if !include.HasDirectives([]byte(page)) {
		t.Fatal("HasDirectives misses the imports")
	}
	x := include.Expand("docs/array.mdx", []byte(page), 1, include.Options{Root: root, ContentDir: "docs"})
	want := "import Tabs from '@theme/Tabs';\n\n\n\n## Courses\n\nTake a course.\n\nText <Note /> here.\n\n```\n<Courses />\n```\n\nA shared note.\n"
	if string(x.Body) != want {
		t.Errorf("body:\n%q\nwant:\n%q", x.Body, want)
	}
	if f, l := x.Lines.Pos(7); f != "docs/_courses/Courses.md" || l != 4 {
		t.Errorf("the partial's line comes from %s:%d, want docs/_courses/Courses.md:4", f, l)
	}
	if len(x.Diags) > 0 {
		t.Errorf("diagnostics: %s", x.Diags)
	}
	// A partial that is missing is an error at the component's line.
	x = include.Expand("docs/a.mdx", []byte("import Gone from './_gone.md'\n\n<Gone />\n"), 1, include.Options{Root: root, ContentDir: "docs"})
	if got := x.Diags.String(); !strings.HasPrefix(got, "docs/a.mdx:3:1: missing include \"./_gone.md\": no file docs/_gone.md") {
		t.Errorf("diagnostics: %s", got)
	}
}

// TestExpandMdBook checks mdBook's {{#include}}: relative to the page,
// inside a code fence too, a whole file, its lines (:a, :a:, ::b, :a:b)
// or an anchor's lines without the marks, each line mapped back to its
// file; a code file's text is not expanded further, a missing anchor is
// reported.
func TestExpandMdBook(t *testing.T) {
	root := fstest.MapFS{
		"src/listings/main.rs": {Data: []byte("// ANCHOR: all\nfn main() {\n    // ANCHOR: body\n    run();\n    // ANCHOR_END: body\n}\n// ANCHOR_END: all\n{{$include x.md}}\n")},
		"src/part.md":          {Data: []byte("Part {{x}}\n{{$include more.md}}\n")},
		"src/more.md":          {Data: []byte("More\n")},
	}
	opts := include.Options{Root: root, ContentDir: "src"}
	for _, tc := range []struct {
		sel, want string
		first     int // the file line the included text starts on
	}{
		{"", "// ANCHOR: all\nfn main() {\n    // ANCHOR: body\n    run();\n    // ANCHOR_END: body\n}\n// ANCHOR_END: all\n{{$include x.md}}\n", 1},
		{":2", "fn main() {\n", 2},
		{":4:", "    run();\n    // ANCHOR_END: body\n}\n// ANCHOR_END: all\n{{$include x.md}}\n", 4},
		{"::2", "// ANCHOR: all\nfn main() {\n", 1},
		{":2:4", "fn main() {\n    // ANCHOR: body\n    run();\n", 2},
		{":body", "    run();\n", 4},
		{":all", "fn main() {\n    run();\n}\n", 2},
	} {
		body := "Code:\n\n```rust\n{{#include listings/main.rs" + tc.sel + "}}\n```\nAfter\n"
		x := include.Expand("src/guide.md", []byte(body), 1, opts)
		if len(x.Diags) != 0 {
			t.Fatalf("%q: %s", tc.sel, x.Diags)
		}
		want := "Code:\n\n```rust\n" + tc.want + "```\nAfter\n"
		if string(x.Body) != want {
			t.Errorf("%q: expanded\n%q\nwant\n%q", tc.sel, x.Body, want)
		}
		if f, l := x.Lines.Pos(4); f != "src/listings/main.rs" || l != tc.first {
			t.Errorf("%q: line 4 maps to %s:%d, want src/listings/main.rs:%d", tc.sel, f, l, tc.first)
		}
		after := 5 + strings.Count(tc.want, "\n")
		if f, l := x.Lines.Pos(after); f != "src/guide.md" || l != 6 {
			t.Errorf("%q: line %d maps to %s:%d, want src/guide.md:6", tc.sel, after, f, l)
		}
	}
	// The anchor "all" skips the lines of "body"'s marks: run() maps to
	// its own line.
	x := include.Expand("src/guide.md", []byte("{{#include listings/main.rs:all}}\n"), 1, opts)
	if f, l := x.Lines.Pos(2); f != "src/listings/main.rs" || l != 4 {
		t.Errorf("run() maps to %s:%d, want src/listings/main.rs:4", f, l)
	}
	// A Markdown file is expanded in turn; {{#rustdoc_include}} is the same.
	x = include.Expand("src/guide.md", []byte("{{#rustdoc_include part.md}}\nEnd\n"), 1, opts)
	if want := "Part {{x}}\nMore\nEnd\n"; string(x.Body) != want || len(x.Diags) != 0 {
		t.Errorf("part.md: %q (%s), want %q", x.Body, x.Diags, want)
	}
	x = include.Expand("src/guide.md", []byte("{{#include listings/main.rs:nope}}\n{{#include ../../etc/passwd}}\n"), 1, opts)
	for _, want := range []string{`src/guide.md:1:1: include "listings/main.rs:nope": src/listings/main.rs has no anchor "nope"`, `src/guide.md:2:1: include "../../etc/passwd" leaves the site`} {
		if !strings.Contains(x.Diags.String(), want) {
			t.Errorf("diagnostics lack %q:\n%s", want, x.Diags)
		}
	}
}

// TestExpandMkDocsSnippets checks pymdownx.snippets' lines: a file from
// the site's folder (or the content folder), or its lines, indented as its
// line is, inside a code fence too; a Markdown file at the start of a line
// expanded in turn; a section name and a path out of the site reported.
func TestExpandMkDocsSnippets(t *testing.T) {
	root := fstest.MapFS{
		"docs/src/main.c":      {Data: []byte("#include <stdio.h>\nint main(void) {\n    return 0;\n}\n")},
		"docs/parts/note.md":   {Data: []byte("A note {{x}}.\n--8<-- \"docs/parts/more.md\"\n")},
		"docs/parts/more.md":   {Data: []byte("More.\n")},
		"docs/units/info.yaml": {Data: []byte("unit: info\n")},
		"docs/units/gap.txt":   {Data: []byte("a\n\nb\n")},
		"v1:old/f.c":           {Data: []byte("old\n")},
	}
	opts := include.Options{Root: root, ContentDir: "docs"}
	for _, tc := range []struct{ body, want string }{
		{"```c\n--8<-- \"docs/src/main.c\"\n```\n", "```c\n#include <stdio.h>\nint main(void) {\n    return 0;\n}\n```\n"},
		{"```c\n--8<-- 'docs/src/main.c:2:3'\n```\n", "```c\nint main(void) {\n    return 0;\n```\n"},
		{"- Item\n\n    ```c\n    ---8<--- \"docs/src/main.c:3\"\n    ```\n", "- Item\n\n    ```c\n        return 0;\n    ```\n"},
		{"  --8<-- \"docs/units/gap.txt\"\n", "  a\n\n  b\n"}, // a blank line stays blank
		{"--8<-- \"docs/parts/note.md\"\nEnd\n", "A note {{x}}.\nMore.\nEnd\n"},
		{"--8<-- \"units/info.yaml\"\n", "unit: info\n"}, // from the content folder
		{"Not a line of its own: --8<-- \"docs/src/main.c\"\n", "Not a line of its own: --8<-- \"docs/src/main.c\"\n"},
		{"--8<-- \"v1:old/f.c\"\n", "old\n"},                                                  // a colon of the path, not a range
		{"```\n;--8<-- \"docs/src/main.c\"\n```\n", "```\n--8<-- \"docs/src/main.c\"\n```\n"}, // escaped
	} {
		x := include.Expand("docs/guide.md", []byte(tc.body), 1, opts)
		if len(x.Diags) != 0 || string(x.Body) != tc.want {
			t.Errorf("%q: expanded\n%q (%s)\nwant\n%q", tc.body, x.Body, x.Diags, tc.want)
		}
	}
	// The files pasted in, whose links are the page's (Pasted), not those
	// an Experience League include brings.
	x := include.Expand("docs/guide.md", []byte("--8<-- \"docs/parts/note.md\"\n--8<-- 'docs/src/main.c:2'\n{{$include /docs/units/gap.txt}}\n"), 1, opts)
	if want := []string{"docs/parts/more.md", "docs/parts/note.md", "docs/src/main.c"}; !slices.Equal(x.Pasted, want) {
		t.Errorf("pasted %q, want %q", x.Pasted, want)
	}
	x = include.Expand("docs/guide.md", []byte("--8<-- \"docs/src/main.c:body\"\n--8<-- \"../etc/passwd\"\n--8<-- \"y.c\"\n--8<-- \"https://example.org/a.c\"\n"), 1, opts)
	for _, want := range []string{
		`docs/guide.md:1:1: snippet "docs/src/main.c:body": only whole files and line ranges`,
		`docs/guide.md:2:1: snippet "../etc/passwd" leaves the site`,
		`docs/guide.md:3:1: missing snippet "y.c": no file y.c, nor docs/y.c`,
		`docs/guide.md:4:1: snippet "https://example.org/a.c": playbook reads files of the site, not addresses on the web`,
	} {
		if !strings.Contains(x.Diags.String(), want) {
			t.Errorf("diagnostics lack %q:\n%s", want, x.Diags)
		}
	}
}

// TestMkDocsSnippetIndentLimit checks that the indentation a snippet's
// lines get counts against the page's limit: a long indent times a file
// of many lines would otherwise grow past any size.
func TestMkDocsSnippetIndentLimit(t *testing.T) {
	root := fstest.MapFS{"nl.txt": {Data: bytes.Repeat([]byte("x\n"), 50000)}}
	opts := include.Options{Root: root, ContentDir: "docs", MaxSize: 1 << 20}
	x := include.Expand("docs/guide.md", []byte(strings.Repeat(" ", 100)+"--8<-- \"nl.txt\"\n"), 1, opts)
	if len(x.Body) > 1<<20 || !strings.Contains(x.Diags.String(), "indented as its line is") {
		t.Errorf("expanded to %d bytes (%s), want at most 1 MiB and an error", len(x.Body), x.Diags)
	}
}

// TestMkDocsSnippetLooksFirstInSite checks that a snippet found in the
// content folder notes its path in the site's folder as read, so that a
// file that appears there later (which would win) expands the page again.
func TestMkDocsSnippetLooksFirstInSite(t *testing.T) {
	root := fstest.MapFS{"docs/y.c": {Data: []byte("content\n")}}
	opts := include.Options{Root: root, ContentDir: "docs", Files: include.NewFiles()}
	x := include.Expand("docs/guide.md", []byte("--8<-- \"y.c\"\n"), 1, opts)
	if string(x.Body) != "content\n" || !slices.Contains(x.Reads, "y.c") {
		t.Fatalf("expanded %q, reads %q; want the content folder's file, and y.c read", x.Body, x.Reads)
	}
	later := opts
	later.Root, later.Files = fstest.MapFS{"docs/y.c": {Data: []byte("content\n")}, "y.c": {Data: []byte("site\n")}}, include.NewFiles()
	if opts.Digest(x.Reads) == later.Digest(x.Reads) {
		t.Error("the digest of the reads is the same after y.c appears in the site's folder")
	}
}

// TestExpandRefusals: a file named as an editor's backup or temporary
// file is not included (a build leaves such files out, and the preview
// does not watch them), and an expansion reports at most a thousand
// problems, then says it stopped.
func TestExpandRefusals(t *testing.T) {
	root := fstest.MapFS{
		"src/_i/data.bak": {Data: []byte("old\n")},
		"src/code.tmp":    {Data: []byte("old\n")},
		"src/loop.md":     {Data: []byte(strings.Repeat("{{#include loop.md}}\n", 5000))},
	}
	opts := include.Options{Root: root, ContentDir: "src"}
	x := include.Expand("src/guide.md", []byte("{{#include _i/data.bak}}\n{{$include code.tmp}}\n"), 1, opts)
	for _, want := range []string{`src/guide.md:1:1: include "_i/data.bak": src/_i/data.bak is named as an editor's backup`, `src/guide.md:2:1: include "code.tmp": src/code.tmp is named`} {
		if !strings.Contains(x.Diags.String(), want) {
			t.Errorf("diagnostics lack %q:\n%s", want, x.Diags)
		}
	}
	x = include.Expand("src/guide.md", []byte("{{#include loop.md}}\n"), 1, opts)
	if n := len(x.Diags); n != 1001 || !strings.Contains(x.Diags[n-1].Msg, "over 1000 problems with includes") {
		t.Errorf("%d diagnostics, the last %v", n, x.Diags[n-1])
	}
}

// FuzzExpand checks that expansion never panics, terminates, and maps every
// line of its output to a line of some file, and that a page whose Reads
// read the same after its files changed expands the same.
func FuzzExpand(f *testing.F) {
	f.Add("{{$include /x.md}}\n{{s}}\n", "{{$include y.md}}\n", "## S {#s}\ntext\n")
	f.Add("```\n{{$include x.md}}\n```\n", "x", "")
	f.Add("{{s}}\n", "", "## S {#s}\ntext\n")
	f.Add("```\n{{#include x.md:2:3}}\n```\n{{#include y.md:a}}\n", "a\nb\nc\nd\n", "")
	f.Add("  --8<-- \"x.md:2:3\"\n--8<-- 'y.md'\n", "a\nb\nc\n", "")
	f.Fuzz(func(t *testing.T, page, x, snippets string) {
		root := fstest.MapFS{"x.md": {Data: []byte(x)}, "y.md": {Data: []byte(page)}, "snippets.md": {Data: []byte(snippets)}}
		opts := include.Options{Root: root, Snippets: "snippets.md", MaxSize: 1 << 20, Files: include.NewFiles()}
		exp := include.Expand("page.md", []byte(page), 1, opts)
		out, lines, diags := exp.Body, exp.Lines, exp.Diags
		changed := fstest.MapFS{"x.md": {Data: []byte(x + "\nz")}, "y.md": {Data: []byte(page)}, "snippets.md": {Data: []byte(snippets + "\n## Z {#s}\nz\n")}}
		opts2 := opts
		opts2.Root, opts2.Files = changed, include.NewFiles()
		if opts.Digest(exp.Reads) == opts2.Digest(exp.Reads) {
			if exp2 := include.Expand("page.md", []byte(page), 1, opts2); !bytes.Equal(exp2.Body, out) {
				t.Fatalf("reads %q read the same after a change, but the page expands to %q, not %q", exp.Reads, exp2.Body, out)
			}
		}
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
	x := include.Expand("p.md", []byte(line("a.md")), 1, include.Options{Root: root, MaxSize: 1 << 20})
	out, diags := x.Body, x.Diags
	if len(out) > 2<<20 {
		t.Errorf("expanded to %d bytes", len(out))
	}
	if !strings.Contains(diags.String(), "includes expand past the limit") {
		t.Errorf("diagnostics: %.300s", diags)
	}
}

// countingFS counts the opens of each file.
type countingFS struct {
	fstest.MapFS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.MapFS.Open(name)
}

// TestFilesReadOnce checks that pages expanded with one Files read each
// included file and the snippets file once, and expand as they do alone,
// size limits included.
func TestFilesReadOnce(t *testing.T) {
	root := &countingFS{MapFS: fstest.MapFS{
		"c/a.md":        {Data: []byte("A\n{{$include b.md}}\n")},
		"c/b.md":        {Data: []byte(strings.Repeat("b", 100) + "\n")},
		"c/snippets.md": {Data: []byte("## One {#one}\n\nS1\n")},
	}, opens: map[string]int{}}
	pages := []string{
		"{{$include a.md}}\n{{one}}\n",
		"x\n{{$include b.md}}\n{{$include a.md}}\n{{one}}\n{{two}}\n",
		strings.Repeat("p", 150) + "\n{{$include b.md}}\n", // over the limit with b.md
		"{{$include missing.md}}\n",
	}
	opts := include.Options{Root: root, ContentDir: "c", Snippets: "c/snippets.md", MaxSize: 200}
	var want []string
	for _, p := range pages {
		x := include.Expand("c/p.md", []byte(p), 1, opts)
		want = append(want, fmt.Sprintf("%q %v %s %q", x.Body, x.Lines, x.Diags, x.Reads))
	}
	if root.opens["c/b.md"] < 3 { // once for each page that names it
		t.Fatalf("without Files, b.md was opened %d times", root.opens["c/b.md"])
	}
	clear(root.opens)
	opts.Files = include.NewFiles()
	var wg sync.WaitGroup
	got := make([]string, len(pages))
	for i, p := range pages {
		wg.Go(func() {
			x := include.Expand("c/p.md", []byte(p), 1, opts)
			got[i] = fmt.Sprintf("%q %v %s %q", x.Body, x.Lines, x.Diags, x.Reads)
		})
	}
	wg.Wait()
	for i := range pages {
		if got[i] != want[i] {
			t.Errorf("page %d with Files:\n%s\nalone:\n%s", i, got[i], want[i])
		}
	}
	for name, n := range root.opens {
		if n > 1 {
			t.Errorf("%s opened %d times", name, n)
		}
	}
	if !strings.Contains(want[2], "includes expand past the limit") {
		t.Errorf("page 2 is not over the limit: %s", want[2])
	}
}
