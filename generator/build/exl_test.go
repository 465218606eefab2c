package build_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/diag"
)

// TestExLRepository builds a small repository in the Experience League
// layout: pages under help/, a TOC.md for navigation, includes, snippets and
// root-relative links.
func TestExLRepository(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := newBuilder("testdata/exl", dest).Build(t.Context())
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings:\n%s", res.Warnings)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	overview := read("overview/index.html")
	for _, want := range []string{
		`<span class="uicontrol">Lager &gt; Inställningar</span>`,
		`<h2 id="leveranser">Leveranser</h2>`,                                         // included file
		`En inkluderad rad från en nästlad fil.`,                                      // nested include
		`Räkna lagret en gång i kvartalet.`,                                           // snippet
		`<a href="/guide/setup/install/">installationen</a>`,                          // root-relative link
		`<li class="has-children"><a href="/guide/setup/install/">Kom igång</a></li>`, // TOC group, closed
		`<p class="callout-title">Prerequisites</p>`,
	} {
		if !strings.Contains(overview, want) {
			t.Errorf("overview lacks %s", want)
		}
	}
	if strings.Contains(overview, "Inte med.") {
		t.Error("snippet ran past its section")
	}
	// Reading order follows TOC.md, not the folders.
	install := read("guide/setup/install/index.html")
	if !strings.Contains(install, `<li class="is-open has-children"><span class="nav-group"><span class="nav-text">Kom igång</span></span>`) {
		t.Error("the TOC group is not open on a page in it")
	}
	if !strings.Contains(install, `href="/overview/" rel="prev"`) || !strings.Contains(install, `href="/guide/configure/" rel="next"`) {
		t.Error("previous/next do not follow TOC.md")
	}
	for _, p := range []string{"overview/index.html", "guide/setup/install/index.html", "guide/configure/index.html"} {
		if s := read(p); strings.Contains(s, "[!") || strings.Contains(s, "{{") || strings.Contains(s, "{#") {
			t.Errorf("%s leaks dialect syntax", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "toc/index.html")); err == nil {
		t.Error("TOC.md was published as a page")
	}
}

// TestExLErrors checks the dialect's diagnostics: an include cycle with its
// chain, a missing include and snippet, and unclosed tabs.
func TestExLErrors(t *testing.T) {
	_, err := newBuilder("testdata/exl-broken", filepath.Join(t.TempDir(), "public")).Build(t.Context())
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("want diagnostics, got %v", err)
	}
	got := le.List.String()
	golden := "testdata/exl-broken/diags.golden.txt"
	if *update {
		_ = os.WriteFile(golden, []byte(got), 0o644)
	}
	want, _ := os.ReadFile(golden)
	if got != string(want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestGeneratedExL builds 300 generated Experience League style pages and
// expects no diagnostics and no dialect syntax left in the output.
func TestGeneratedExL(t *testing.T) {
	src := t.TempDir()
	if err := corpus.GenerateExL(src, 300, 7); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := newBuilder(src, dest).Build(t.Context())
	if err != nil {
		t.Fatalf("build failed:\n%.2000v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings:\n%.2000s", res.Warnings)
	}
	if res.Pages != 300 {
		t.Errorf("%d pages, want 300", res.Pages)
	}
	b, err := os.ReadFile(filepath.Join(dest, "guide-03/page-0170/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); strings.Contains(s, "[!") || strings.Contains(s, "{{") || !strings.Contains(s, "Räkna lagret") {
		t.Errorf("page not fully rendered:\n%.3000s", s)
	}
}

// BenchmarkBuildExL builds 300 generated Experience League style pages.
func BenchmarkBuildExL(b *testing.B) {
	src := b.TempDir()
	if err := corpus.GenerateExL(src, 300, 7); err != nil {
		b.Fatal(err)
	}
	bl := newBuilder(src, filepath.Join(b.TempDir(), "public"))
	for b.Loop() {
		if _, err := bl.Build(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGitBookSummary checks a handbook laid out for GitBook: with
// navigation = "toc", its SUMMARY.md sets the navigation, with its
// "## Group" headings, and the reading order, and is no page.
func TestGitBookSummary(t *testing.T) {
	src := tocSite(t, map[string]string{
		"README.md":         "# Handbook\n\nWelcome.\n",
		"SUMMARY.md":        "# Table of contents\n\n* [Handbook](README.md)\n\n## Company\n\n* [Values](company/values.md)\n* [Moved](company/moved.md)\n* [About](company/about.md)\n\n## Operations\n\n* [Finance](ops/finance.md)\n* [Values again](company/values.md)\n",
		"company/moved.md":  "---\nredirect_to: https://example.com/\n---\n",
		"company/about.md":  "# About\n",
		"company/values.md": "# Values\n",
		"ops/finance.md":    "# Finance\n",
	})
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "summary/index.html")); err == nil {
		t.Error("SUMMARY.md was published as a page")
	}
	b, err := os.ReadFile(filepath.Join(dest, "company/about/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	// The summary's order (Values before About), not the folder's, without
	// the page that only redirects, and with a page listed twice read once,
	// where it is first listed.
	if !strings.Contains(page, `href="/company/values/" rel="prev"`) || !strings.Contains(page, `href="/ops/finance/" rel="next"`) {
		t.Error("previous/next do not follow SUMMARY.md")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "company/values/index.html")); !strings.Contains(string(b), `href="/company/about/" rel="next"`) || !strings.Contains(string(b), `href="/" rel="prev"`) {
		t.Errorf("previous/next of a page listed twice, before a redirect:\n%s", b)
	}
	nav := page[strings.Index(page, `<nav class="site-nav"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	last := -1
	for _, w := range []string{">Company<", ">Values<", ">About<", ">Operations<", ">Finance<"} {
		i := strings.Index(nav, w)
		if i <= last {
			t.Fatalf("the navigation lacks %s, or has it out of the summary's order:\n%s", w, nav)
		}
		last = i
	}

	// An entry that leads nowhere is a broken link at its line, whatever
	// front matter comes before; an entry that leaves the site is a link.
	writeFile(t, filepath.Join(src, "content", "SUMMARY.md"), "---\ntitle: Contents\n---\n# Table of contents\n\n* [Handbook](README.md)\n* [Site](https://example.com/)\n\n## Company\n\n* [Values](company/values.md#nowhere)\n  * [Gone](company/gone.md)\n* See [Later](later.md)\n* > [Quoted](quoted.md)\n")
	_, err = newBuilder(src, dest).Build(t.Context())
	want := "content/SUMMARY.md:11:3: broken link \"company/values.md#nowhere\": company/values.md has no heading #nowhere\n" +
		"content/SUMMARY.md:12:5: broken link \"company/gone.md\": no page or file company/gone.md\n" +
		"content/SUMMARY.md:13:7: broken link \"later.md\": no page or file later.md\n" +
		"content/SUMMARY.md:14:5: broken link \"quoted.md\": no page or file quoted.md"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}

	// A summary nested deeper than a page may be is refused, as a page is:
	// goldmark's time grows with the square of the depth.
	var deep strings.Builder
	deep.WriteString("# Summary\n\n")
	for i := range 3000 {
		deep.WriteString(strings.Repeat("  ", i) + "* [Values](company/values.md)\n")
	}
	writeFile(t, filepath.Join(src, "content", "SUMMARY.md"), deep.String())
	_, err = newBuilder(src, dest).Build(t.Context())
	if want := "content/SUMMARY.md:105:1: lists or indented blocks nested more than 100 levels deep"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
}

// tocSite writes a site of files, in content/, whose navigation is its TOC
// files, and returns its folder.
func tocSite(t *testing.T, files map[string]string) string {
	t.Helper()
	src := writeSite(t, files)
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"H\"\nnavigation = \"toc\"\n")
	return src
}

// TestTOCTitles checks that a page with no title of its own (no front
// matter title, no level-1 heading) takes the one a TOC lists it by, as in
// mdBook: the TOC that gives it its navigation first, and never an entry
// for a place in it. The title shows everywhere, for wikilinks and
// backlinks too, and lists sort by it; a page's own title wins.
func TestTOCTitles(t *testing.T) {
	src := tocSite(t, map[string]string{
		"README.md":  "# Handbook\n",
		"SUMMARY.md": "# Summary\n\n[Handbook](README.md)\n\n- [Budgets](ops/fin-ops.md#budgets)\n- [Money matters](ops/fin-ops.md)\n- [Values](ops/values.md)\n- [Section two](ops/anchored.md#two)\n- [Able role](roles/zulu.md)\n- [Mid role](roles/mid.md)\n- [Root g](g/q.md)\n",
		// A page's own TOC, which gives it its navigation, names it first.
		"ops/TOC.md":      "- [Ops money](fin-ops.md)\n- [Values](values.md)\n- [Section two](anchored.md#two)\n- [Aardvark plan](zz-plan.md)\n",
		"ops/zz-plan.md":  "Plans.\n",
		"ops/fin-ops.md":  "## Budgets\n\nText.\n",
		"ops/values.md":   "# Our values\n\nSee [[Ops money]].\n",
		"ops/anchored.md": "## One\n\n## Two\n",
		"roles/zulu.md":   "Zulu's work.\n",
		"roles/mid.md":    "# Mid role\n",
		// A one-letter folder's TOC is nearer than the root's.
		"g/TOC.md": "- [Nearest g](q.md)\n",
		"g/q.md":   "Q.\n",
		// A blank title is none; of two navigation files in a folder the
		// first is read, and the other is reported.
		"x/SUMMARY.md": "- [X one](one.md)\n",
		"x/TOC.md":     "- [X other](one.md)\n",
		"x/one.md":     "---\ntitle: \"  \"\n---\nOne.\n",
		// A page about a summary, with text, is a page, beside a TOC.
		"ops/summary.md": "# The Summary tab\n\nIt links [values](values.md) and [money](fin-ops.md).\n",
	})
	dest := filepath.Join(src, "public")
	res, err := newBuilder(src, dest).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Warnings, func(d diag.Diagnostic) bool {
		return d.Pos.File == "content/x/TOC.md" && strings.Contains(d.Msg, "TOC.md is left out: SUMMARY.md in the same folder gives its navigation")
	}) {
		t.Errorf("no warning for the second navigation file: %v", res.Warnings)
	}
	if slices.ContainsFunc(res.Warnings, func(d diag.Diagnostic) bool {
		return strings.Contains(d.Msg, "is left out") && d.Pos.File != "content/x/TOC.md"
	}) {
		t.Errorf("a page named summary.md was taken for a navigation file: %v", res.Warnings)
	}
	for page, title := range map[string]string{"g/q/index.html": "Nearest g", "x/one/index.html": "X one", "ops/summary/index.html": "The Summary tab"} {
		if got := read(t, dest, page); !strings.Contains(got, "<title>"+title) {
			t.Errorf("%s is not titled %q", page, title)
		}
	}
	fin := read(t, dest, "ops/fin-ops/index.html")
	for _, want := range []string{"<title>Ops money", ">Ops money</h1>", ">Budgets</h2>", `class="backlinks"`} {
		if !strings.Contains(fin, want) {
			t.Errorf("the untitled page lacks %q", want)
		}
	}
	if strings.Contains(fin, "Fin ops") {
		t.Error("the untitled page is still named after its file")
	}
	if values := read(t, dest, "ops/values/index.html"); !strings.Contains(values, "<title>Our values") {
		t.Error("the summary's title replaced the page's own")
	}
	if anchored := read(t, dest, "ops/anchored/index.html"); strings.Contains(anchored, "<title>Section two") {
		t.Error("an entry for a place in a page titled the page")
	}
	// Everything that copies or sorts by titles has the TOC's: the
	// folder's cards and the role list, in their order.
	ops := read(t, dest, "ops/index.html")
	if i, j := strings.Index(ops, ">Aardvark plan<"), strings.Index(ops, ">Anchored<"); i < 0 || j < i {
		t.Errorf("the folder's page does not list the page by its TOC title first:\n%s", ops)
	}
	roles := read(t, dest, "roles/index.html")
	if i, j := strings.Index(roles, "Able role"), strings.Index(roles, "Mid role"); i < 0 || j < i || strings.Contains(roles, "Zulu") {
		t.Errorf("the roles list does not name the role by its TOC title first:\n%s", roles)
	}
}

// TestTOCGroupsClosed checks how a TOC's groups without a link show off
// the path to the page, as Experience League shows them: closed, linking
// to the first page in them, whose navigation opens them; and that a
// level cut short ends with a link named for the group whose entries it
// cut, to a page that lists them, or with none when no page does. A group
// of links off the site, and a SUMMARY.md's part, stay open.
func TestTOCGroupsClosed(t *testing.T) {
	var toc strings.Builder
	toc.WriteString("---\nuser-guide-title: Guide\n---\n# Guide\n\n+ [Home](home.md)\n+ Dims\n")
	files := map[string]string{
		"_index.md":  "# H\n\n[g](g/home.md)\n",
		"g/home.md":  "# Home\n",
		"g/l/m.md":   "# Manager\n",
		"g/d/x/1.md": "# X1\n",
		"g/s1/in.md": "# Deep\n",
	}
	for i := 10; i < 30; i++ {
		fmt.Fprintf(&toc, "  + [D%d](d/%d.md)\n", i, i)
		files[fmt.Sprintf("g/d/%d.md", i)] = fmt.Sprintf("# D%d\n", i)
	}
	toc.WriteString("  + More dims\n    + [X1](d/x/1.md)\n+ Locs\n  + [Manager](l/m.md)\n+ Spread\n")
	for i := 10; i < 26; i++ {
		dir := fmt.Sprintf("s%d", 1+i%2)
		fmt.Fprintf(&toc, "  + [S%d](%s/%d.md)\n", i, dir, i)
		files[fmt.Sprintf("g/%s/%d.md", dir, i)] = fmt.Sprintf("# S%d\n", i)
	}
	toc.WriteString("  + Inner\n    + [Deep](s1/in.md)\n+ Elsewhere\n  + [Example](https://example.com/)\n")
	files["g/TOC.md"] = toc.String()
	src := tocSite(t, files)
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	sidebar := func(url string) string {
		page := read(t, dest, strings.TrimPrefix(url, "/")+"index.html")
		nav := page[strings.Index(page, `<nav class="site-nav"`):]
		return nav[:strings.Index(nav, "</nav>")]
	}
	const (
		dimsClosed = `<li class="has-children"><a href="/g/d/10/">Dims</a></li>`
		dimsOpen   = `<li class="is-open has-children"><span class="nav-group"><span class="nav-text">Dims</span></span>`
		locsClosed = `<li class="has-children"><a href="/g/l/m/">Locs</a></li>`
		elsewhere  = `<li><a href="https://example.com/">Example</a></li>`
	)
	for _, c := range []struct {
		url       string
		want, not []string
	}{
		// Outside Dims, Dims is closed, and no level is cut for its sake.
		{"/g/l/m/", []string{dimsClosed, elsewhere, `<li><a href="/g/l/m/" aria-current="page">Manager</a></li>`}, []string{"nav-more", ">D10<", "All 20"}},
		{"/g/home/", []string{dimsClosed, locsClosed, `<li class="has-children"><a href="/g/s1/10/">Spread</a></li>`}, []string{dimsOpen, "nav-more"}},
		// Inside it, it is open; the page its closed entry leads to too.
		{"/g/d/29/", []string{dimsOpen, locsClosed, ">D10<", ">D29<"}, []string{"nav-more"}},
		{"/g/d/10/", []string{dimsOpen, locsClosed, `<a href="/g/d/10/" aria-current="page">D10</a>`}, nil},
		// Two levels down, Dims's 21 entries are cut to 15: the link names
		// Dims and leads to its folder, which lists its pages.
		{"/g/d/x/1/", []string{dimsOpen, `<li class="nav-more"><a href="/g/d/">All 21 pages in Dims</a></li>`}, []string{"in Guide"}},
		// Spread's pages lie in two folders, which no page lists: its cut
		// level ends without a link rather than one to the guide.
		{"/g/s1/in/", []string{`<span class="nav-text">Spread</span>`, `<a href="/g/s1/in/" aria-current="page">Deep</a>`, dimsClosed}, []string{"nav-more"}},
	} {
		nav := sidebar(c.url)
		for _, w := range c.want {
			if !strings.Contains(nav, w) {
				t.Errorf("%s: the sidebar lacks %s:\n%s", c.url, w, nav)
			}
		}
		for _, w := range c.not {
			if strings.Contains(nav, w) {
				t.Errorf("%s: the sidebar has %s:\n%s", c.url, w, nav)
			}
		}
	}
	if list := read(t, dest, "g/d/index.html"); !strings.Contains(list, `href="/g/d/10/"`) || !strings.Contains(list, `href="/g/d/x/"`) {
		t.Errorf("/g/d/ does not list the pages of Dims:\n%s", list)
	}
}

// TestMkDocsNav checks that the nav of an mkdocs.yml beside playbook.toml
// gives the navigation and reading order of its docs_dir, as MkDocs shows
// it: a page listed by its path alone takes its own title, a titled list
// is a group, and the file's Python tags do not stop it being read. An
// entry that leads nowhere is a broken link at its place in the file.
func TestMkDocsNav(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"H\"\ncontentDir = \"docs\"\nnavigation = \"toc\"\n")
	mkdocs := "site_name: H\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n" +
		"nav:\n  - index.md\n  - Teams:\n      - teams/ops.md\n      - People team: teams/people.md\n  - about.md\n  - Status: https://status.example.com/\n"
	writeFile(t, filepath.Join(src, "mkdocs.yml"), mkdocs)
	for name, text := range map[string]string{
		"index.md":        "# Welcome\n",
		"about.md":        "# About us\n",
		"teams/ops.md":    "# Operations\n",
		"teams/people.md": "# People\n",
		"zz-extra.md":     "# Extra\n",
	} {
		writeFile(t, filepath.Join(src, "docs", name), text)
	}
	dest := filepath.Join(src, "public")
	res, err := newBuilder(src, dest).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// The pages the nav lists are reached from it.
	if w := res.Warnings.String(); w != "docs/zz-extra.md:1:1: warning: no page links to Extra\n" {
		t.Errorf("warnings:\n%s", w)
	}
	b, err := os.ReadFile(filepath.Join(dest, "teams/ops/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	nav := page[strings.Index(page, `<nav class="site-nav"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	last := -1
	for _, w := range []string{`>Welcome<`, `>Teams<`, `aria-current="page">Operations<`, `>People team<`, `>About us<`, `href="https://status.example.com/">Status<`} {
		i := strings.Index(nav, w)
		if i <= last {
			t.Fatalf("the navigation lacks %s, or has it out of the nav's order:\n%s", w, nav)
		}
		last = i
	}
	if strings.Contains(nav, "Extra") {
		t.Errorf("a page the nav does not list is in the navigation:\n%s", nav)
	}
	if !strings.Contains(page, `href="/" rel="prev"`) || !strings.Contains(page, `href="/teams/people/" rel="next"`) {
		t.Error("previous/next do not follow the nav")
	}

	// A folder's TOC.md gives its pages' navigation and reading order.
	writeFile(t, filepath.Join(src, "docs/teams/TOC.md"), "# Teams\n\n+ [People](people.md)\n+ [Ops](ops.md)\n")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "teams/ops/index.html")); !strings.Contains(string(b), `href="/teams/people/" rel="prev"`) {
		t.Errorf("the reading order does not follow teams/TOC.md:\n%s", b)
	}
	os.Remove(filepath.Join(src, "docs/teams/TOC.md"))

	// An entry that leads nowhere, reported at its place in mkdocs.yml.
	writeFile(t, filepath.Join(src, "mkdocs.yml"), strings.Replace(mkdocs, "teams/people.md", "teams/gone.md", 1))
	_, err = newBuilder(src, dest).Build(t.Context())
	if want := "mkdocs.yml:9:22: broken link \"teams/gone.md\": no page or file teams/gone.md"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
	writeFile(t, filepath.Join(src, "mkdocs.yml"), mkdocs)

	// A nav for another folder, and one beside a SUMMARY.md, are left out.
	for _, tc := range []struct{ yml, extra, want string }{
		{"docs_dir: handbook\n" + mkdocs, "", "mkdocs.yml:6:1: warning: the nav of mkdocs.yml is left out: it lists the pages of handbook/ (docs_dir), and the content folder is docs/"},
		{mkdocs, "* [About](about.md)\n", "mkdocs.yml:5:1: warning: the nav of mkdocs.yml is left out: docs/SUMMARY.md gives the navigation of the content folder; keep one of them"},
	} {
		writeFile(t, filepath.Join(src, "mkdocs.yml"), tc.yml)
		summary := filepath.Join(src, "docs", "SUMMARY.md")
		os.Remove(summary)
		if tc.extra != "" {
			writeFile(t, summary, tc.extra)
		}
		res, err := newBuilder(src, dest).Build(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.Warnings.String(), tc.want) {
			t.Errorf("warnings:\n%s\nwant:\n%s", res.Warnings, tc.want)
		}
	}
}

// TestHideFromTOC checks that a TOC entry written with {hide-from-toc}
// leaves the navigation, on every page and its own, while its page is
// built and resolved as any other, as on Experience League.
func TestHideFromTOC(t *testing.T) {
	src := tocSite(t, map[string]string{
		"TOC.md":          "---\nuser-guide-title: Tools\n---\n# Table of contents\n\n+ [Overview](index.md)\n+ Review tool\n  + [Setup](tool/setup.md)\n  + {hide-from-toc} [Access](tool/access.md)\n  + {hide-from-toc} [Nowhere](tool/nowhere.md)\n",
		"index.md":        "# Overview\n",
		"tool/setup.md":   "# Setup\n",
		"tool/access.md":  "# Access\n",
		"tool/_index.md":  "# Tool\n",
		"tool/another.md": "# Another\n\n[Access](access.md)\n",
	})
	dest := filepath.Join(src, "public")
	_, err := newBuilder(src, dest).Build(t.Context())
	if want := "content/TOC.md:10:21: broken link \"tool/nowhere.md\""; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("errors:\n%v\nwant:\n%s", err, want)
	}
	writeFile(t, filepath.Join(src, "content/TOC.md"), "---\nuser-guide-title: Tools\n---\n# Table of contents\n\n+ [Overview](index.md)\n+ Review tool\n  + [Setup](tool/setup.md)\n  + {hide-from-toc} [Access](tool/access.md)\n")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"tool/setup/index.html", "tool/access/index.html"} {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		nav := page[strings.Index(page, `<nav class="site-nav"`):]
		nav = nav[:strings.Index(nav, "</nav>")]
		if strings.Contains(nav, ">Access<") || strings.Contains(nav, "{hide-from-toc}") {
			t.Errorf("%s: the navigation shows the hidden entry:\n%s", p, nav)
		}
		if !strings.Contains(nav, ">Setup<") || !strings.Contains(nav, ">Review tool<") {
			t.Errorf("%s: the navigation lacks the entries around the hidden one:\n%s", p, nav)
		}
	}

	// A closed group opens at its first page shown; a hidden group shows
	// only on the pages inside it, without the marker; the marker inside a
	// title is words.
	writeFile(t, filepath.Join(src, "content/TOC.md"), "---\nuser-guide-title: Tools\n---\n# Table of contents\n\n+ [Overview](index.md)\n+ Review tool\n  + {hide-from-toc} [Access](tool/access.md)\n  + [Setup](tool/setup.md)\n+ {hide-from-toc} Hidden group\n  + [About {hide-from-toc} markers](tool/another.md)\n")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	nav := string(b)[strings.Index(string(b), `<nav class="site-nav"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	if !strings.Contains(nav, `<a href="/tool/setup/">Review tool</a>`) || strings.Contains(nav, "Hidden group") {
		t.Errorf("the home page's navigation:\n%s", nav)
	}
	b, err = os.ReadFile(filepath.Join(dest, "tool/another/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	nav = string(b)[strings.Index(string(b), `<nav class="site-nav"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	if !strings.Contains(nav, ">Hidden group<") || !strings.Contains(nav, ">About {hide-from-toc} markers<") {
		t.Errorf("the navigation inside the hidden group:\n%s", nav)
	}
}

// TestFrontMatterMarkdown checks that inline Markdown in a front matter
// title and description, as Experience League pages write them, shows as
// the body shows it in the page's heading and lead, and as words in the
// page's <title>, its description meta tag and the links to it.
func TestFrontMatterMarkdown(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Handbook\n\n[Fix](fix.md)\n",
		"fix.md":    "---\ntitle: 'ACSD-1: **[!UICONTROL Continue]** button and `code`'\ndescription: Fixes the *Continue* button. Needs the [tool](https://example.com/t) and [a page](_index.md).\n---\n\nText.\n",
	})
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dest, "fix/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<title>ACSD-1: Continue button and code · ",
		`<meta name="description" content="Fixes the Continue button. Needs the tool and a page.">`,
		`<h1 class="doc-title">ACSD-1: <strong><span class="uicontrol">Continue</span></strong> button and <code>code</code></h1>`,
		`<p class="lead">Fixes the <em>Continue</em> button. Needs the <a href="https://example.com/t">tool</a> and a page.</p>`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); !strings.Contains(string(b), ">ACSD-1: Continue button and code<") || strings.Contains(string(b), "**") {
		t.Errorf("the home page lists the page by its title's Markdown:\n%s", b)
	}
}

// TestAutoNavigation checks the default navigation, "auto": a GitBook
// SUMMARY.md at the content's top, or an mkdocs.yml's nav for the content
// folder, gives the navigation without navigation = "toc"; a summary.md
// that is a page, an mkdocs.yml of another folder, and navigation =
// "tree" leave the folders' navigation, with SUMMARY.md a page.
func TestAutoNavigation(t *testing.T) {
	pages := map[string]string{
		"README.md":  "# Handbook\n",
		"zeta.md":    "# Zeta\n",
		"alpha.md":   "# Alpha\n",
		"SUMMARY.md": "# Summary\n\n* [Handbook](README.md)\n* [Zeta first](zeta.md)\n* [Alpha](alpha.md)\n",
	}
	for _, tc := range []struct {
		name, config, mkdocs, summary string
		summaryPage, zetaFirst        bool
	}{
		{name: "SUMMARY.md", summary: pages["SUMMARY.md"], zetaFirst: true},
		{name: "a summary page", summary: "# Summary\n\nWhat we did this year.\n", summaryPage: true},
		{name: "tree asked for", config: "navigation = \"tree\"\n", summary: pages["SUMMARY.md"], summaryPage: true},
		{name: "mkdocs.yml", mkdocs: "docs_dir: content\nnav:\n  - README.md\n  - zeta.md\n  - alpha.md\n", zetaFirst: true},
		{name: "mkdocs.yml of another folder", mkdocs: "docs_dir: docs\nnav:\n  - zeta.md\n"},
		{name: "a summary.md without entries", summary: "# Summary\n", summaryPage: true},
		{name: "an empty nav", mkdocs: "docs_dir: content\nnav:\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"H\"\ncontentDir = \"content\"\n"+tc.config)
			for _, name := range []string{"README.md", "zeta.md", "alpha.md"} {
				writeFile(t, filepath.Join(src, "content", name), pages[name])
			}
			if tc.summary != "" {
				writeFile(t, filepath.Join(src, "content/SUMMARY.md"), tc.summary)
			}
			if tc.mkdocs != "" {
				writeFile(t, filepath.Join(src, "mkdocs.yml"), tc.mkdocs)
			}
			dest := filepath.Join(src, "public")
			res, err := newBuilder(src, dest).Build(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(res.Warnings.String(), "mkdocs.yml") {
				t.Errorf("warnings:\n%s", res.Warnings)
			}
			if _, err := os.Stat(filepath.Join(dest, "summary/index.html")); (err == nil) != tc.summaryPage {
				t.Errorf("SUMMARY.md published as a page: %v, want %v", err == nil, tc.summaryPage)
			}
			b, _ := os.ReadFile(filepath.Join(dest, "index.html"))
			nav := string(b)[strings.Index(string(b), `<nav class="site-nav"`):]
			if first := strings.Index(nav, "/zeta/") < strings.Index(nav, "/alpha/"); first != tc.zetaFirst {
				t.Errorf("zeta before alpha: %v, want %v:\n%s", first, tc.zetaFirst, nav[:min(len(nav), 800)])
			}
		})
	}
}

// TestMetadataPage checks that a metadata.md is an Experience League
// guide's title only beside its TOC.md; elsewhere, in a site whose
// navigation is its navigation files, it is a page like any other.
func TestMetadataPage(t *testing.T) {
	src := tocSite(t, map[string]string{
		"SUMMARY.md":        "# Summary\n\n* [Home](README.md)\n* [Metadata](user/metadata.md)\n* [Guide](guide/index.md)\n",
		"README.md":         "# Home\n",
		"user/metadata.md":  "# Metadata\n\nThe fields a record has.\n",
		"guide/TOC.md":      "# Guide\n\n+ [Start](index.md)\n",
		"guide/metadata.md": "---\nuser-guide-title: The guide\n---\n",
		"guide/index.md":    "# Start\n",
	})
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "user/metadata/index.html")); err != nil {
		t.Errorf("user/metadata.md is no page: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "guide/metadata/index.html")); err == nil {
		t.Error("the guide's metadata.md, beside its TOC.md, was published")
	}
}

// TestAutoNavigationPageNamedTOC checks that a TOC.md at the content's top
// that is a page (text around its links) leaves a site whose navigation is
// "auto" on its folders, the page published.
func TestAutoNavigationPageNamedTOC(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n",
		"TOC.md":    "---\ntitle: Table of contents\n---\nWhat this handbook holds.\n\n1. [A](a.md): the first part\n",
		"a.md":      "# A\n",
	})
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "toc/index.html")); err != nil {
		t.Errorf("TOC.md, a page, is not published: %v", err)
	}
}

// TestSummaryGroupNamesFolder checks that a folder without a page of its
// own takes the title of a SUMMARY.md group that holds most of its pages,
// and not that of a group that holds a few of them; and that the cards of
// folders and the home page follow SUMMARY.md.
func TestSummaryGroupNamesFolder(t *testing.T) {
	files := map[string]string{
		"README.md": "# Guide\n",
		"SUMMARY.md": "# Summary\n\n- [Guide](README.md)\n- [Trait solving](traits/resolution.md)\n" +
			"    - [Caching](traits/caching.md)\n    - [Chalk](traits/chalk.md)\n        - [Lowering](traits/lowering.md)\n    - [Other](other.md)\n" +
			"- [Setting up](setup/one.md)\n    - [Two](setup/two.md)\n    - [Three](setup/three.md)\n",
		"other.md": "# Other\n",
	}
	for _, name := range []string{"resolution", "caching", "chalk", "lowering", "goals", "bound", "canonical"} {
		files["traits/"+name+".md"] = "# " + name + "\n"
	}
	for _, name := range []string{"one", "two", "three"} {
		files["setup/"+name+".md"] = "# " + name + "\n"
	}
	dest := buildSite(t, files)
	for page, want := range map[string]string{"traits/index.html": `class="doc-title">Traits</h1>`, "setup/index.html": `class="doc-title">Setting up</h1>`} {
		if b := read(t, dest, page); !strings.Contains(b, want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
	// The cards follow SUMMARY.md, the pages it does not list after.
	re := regexp.MustCompile(`class="card-link"[^>]*>([^<]*)<`)
	for page, want := range map[string]string{
		"traits/index.html": "resolution caching chalk lowering bound canonical goals",
		"index.html":        "Traits Other Setting up",
	} {
		var got []string
		for _, m := range re.FindAllStringSubmatch(read(t, dest, page), -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s lists %q, want %q", page, strings.Join(got, " "), want)
		}
	}
}
