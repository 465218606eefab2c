package build_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// hotSite generates a 600-page site with two content files and a static
// one, builds it in a Session whose open page is the home page, and
// returns them.
func hotSite(t *testing.T) (string, *build.Session, *output.Mem) {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Generate(dir, 600, 3); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "content/teams/c-level/chart.svg"), `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	writeFile(t, filepath.Join(dir, "content/handbook.pdf"), "%PDF-1.4 a stand-in")
	writeFile(t, filepath.Join(dir, "static/img/logo.png"), "png")
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	s.SetHot(func() []string { return []string{"index.html"} })
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	return dir, s, mem
}

// retitle changes the site's title in playbook.toml and returns the file.
func retitle(t *testing.T, dir, title string) string {
	t.Helper()
	cfg := filepath.Join(dir, "playbook.toml")
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, cfg, string(regexp.MustCompile(`(?m)^title = .*$`).ReplaceAll(src, []byte(`title = "`+title+`"`))))
	return cfg
}

// finishAndCompare lets the session finish its work and compares memory
// with a full build of the same files.
func finishAndCompare(t *testing.T, s *build.Session, mem *output.Mem, dir, what string) {
	t.Helper()
	if _, err := s.FinishRender(t.Context()); err != nil {
		t.Fatalf("%s: FinishRender: %v", what, err)
	}
	if _, err := s.FinishSearch(t.Context()); err != nil {
		t.Fatalf("%s: FinishSearch: %v", what, err)
	}
	checkMatchesFullBuild(t, what, mem, dir, nil)
}

// TestPendingPagesSurviveRebuilds checks that the pages a run left for
// FinishRender are rendered even when other runs come first, as they do
// when an author saves again (the server cancels FinishRender on every
// change), also one that fails, and that FinishRender keeps the content
// and static files.
func TestPendingPagesSurviveRebuilds(t *testing.T) {
	for _, next := range []string{"nothing", "a page's text", "a broken page"} {
		t.Run(next, func(t *testing.T) {
			dir, s, mem := hotSite(t)
			cfg := retitle(t, dir, "A New Title")
			if res, err := s.Rebuild(t.Context(), []string{cfg}); err != nil || !res.RenderPending {
				t.Fatalf("the title edit: %v, pending %v", err, res != nil && res.RenderPending)
			}
			changed := []string{cfg}
			page := filepath.Join(dir, "content/teams/c-level/_index.md")
			src, _ := os.ReadFile(page)
			switch next {
			case "a page's text":
				writeFile(t, page, string(src)+"\nOne more sentence.\n")
				changed = []string{page}
			case "a broken page":
				// The last good build is the title edit's, whose pages
				// not open are still to render.
				writeFile(t, page, string(src)+"\n{{$include missing.md}}\n")
				if _, err := s.Rebuild(t.Context(), []string{page}); err == nil {
					t.Fatal("the broken page built")
				}
				if _, err := s.FinishRender(t.Context()); err != nil {
					t.Fatalf("FinishRender after the failed run: %v", err)
				}
				if got, _ := mem.Snapshot().Get("teams/it/index.html"); !strings.Contains(string(got), "A New Title") {
					t.Errorf("after the failed run, a page not open is not the last good build's:\n%.300s", got)
				}
				writeFile(t, page, string(src))
				changed = []string{page}
			}
			if _, err := s.Rebuild(t.Context(), changed); err != nil {
				t.Fatal(err)
			}
			finishAndCompare(t, s, mem, dir, "after "+next)
			for _, f := range []string{"teams/c-level/chart.svg", "handbook.pdf", "img/logo.png"} {
				if _, ok := mem.Snapshot().Get(f); !ok {
					t.Errorf("%s is gone", f)
				}
			}
		})
	}
}

// TestPendingPageFails checks that a template error on a page that was
// not open fails FinishRender, which leaves the last site built whole, and
// is then the error of the next run, rather than a page silently gone.
func TestPendingPageFails(t *testing.T) {
	dir, s, mem := hotSite(t)
	layout := filepath.Join(dir, "themes/default/layouts/tag.html")
	tag, err := fs.ReadFile(themes.Default(), "layouts/tag.html")
	if err != nil {
		t.Fatal(err)
	}
	before := mem.Snapshot()
	writeFile(t, layout, strings.Replace(string(tag), `{{define "pageheader"}}`, `{{define "pageheader"}}{{index "" 5}}`, 1))
	if res, err := s.Rebuild(t.Context(), []string{layout}); err != nil || !res.RenderPending {
		t.Fatalf("Rebuild: %v (the open page does not use the layout)", err)
	}
	var le *diag.ListError
	if _, err := s.FinishRender(t.Context()); !errors.As(err, &le) || !strings.Contains(err.Error(), "tag.html") {
		t.Fatalf("FinishRender: %v; want the template error", err)
	}
	if d := siteDiff(before, mem.Snapshot()); d != "" {
		t.Errorf("a failed FinishRender left another site than the last whole one: %s", d)
	}
	if _, err := s.Rebuild(t.Context(), nil); !errors.As(err, &le) {
		t.Errorf("the next run: %v; want the template error", err)
	}
}

// TestSessionFollowsSettings checks changes a Session must not take for
// an unchanged page: navigation switched to the TOC files, and a file
// that a page includes from the theme folder or i18n/.
func TestSessionFollowsSettings(t *testing.T) {
	t.Run("navigation", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS("testdata/exl")); err != nil {
			t.Fatal(err)
		}
		cfg := filepath.Join(dir, "playbook.toml")
		src, _ := os.ReadFile(cfg)
		writeFile(t, cfg, strings.Replace(string(src), `navigation = "toc"`, `navigation = "tree"`, 1))
		mem := output.NewMem()
		s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
		if _, err := s.Rebuild(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		writeFile(t, cfg, string(src))
		if _, err := s.Rebuild(t.Context(), []string{cfg}); err != nil {
			t.Fatal(err)
		}
		finishAndCompare(t, s, mem, dir, "toc navigation")
	})
	for _, inc := range []string{"themes/default/note.md", "i18n/note.md"} {
		t.Run(inc, func(t *testing.T) {
			dir := t.TempDir()
			for rel, text := range propertySite {
				writeFile(t, filepath.Join(dir, rel), text)
			}
			writeFile(t, filepath.Join(dir, inc), "First version of the note.\n")
			writeFile(t, filepath.Join(dir, "content/guides/guide-3.md"), "---\ntitle: Guide 3\n---\n\nText.\n\n{{$include /"+inc+"}}\n")
			mem := output.NewMem()
			s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
			if _, err := s.Rebuild(t.Context(), nil); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, inc), "Second version of the note.\n")
			if _, err := s.Rebuild(t.Context(), []string{filepath.Join(dir, inc)}); err != nil {
				t.Fatal(err)
			}
			finishAndCompare(t, s, mem, dir, inc)
		})
	}
}

// TestSessionTOCTitles checks that a preview follows the title a summary
// gives an untitled page: the summary relabelled, then the page given a
// heading of its own, then the summary relabelled again.
func TestSessionTOCTitles(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "playbook.toml")
	writeFile(t, conf, "title = \"H\"\n")
	summary := filepath.Join(dir, "content/SUMMARY.md")
	page := filepath.Join(dir, "content/ops/fin-ops.md")
	writeFile(t, filepath.Join(dir, "content/README.md"), "# Handbook\n\nSee [money](ops/fin-ops.md) and [the tab](tab/summary.md).\n")
	writeFile(t, summary, "# Summary\n\n[Handbook](README.md)\n\n- [Money](ops/fin-ops.md)\n- [Values](ops/values.md)\n")
	// A page named summary.md, about a Summary tab: still a page after a
	// rebuild that reuses its parse.
	writeFile(t, filepath.Join(dir, "content/tab/summary.md"), "# The Summary tab\n\nThe tab shows problems at a glance.\n")
	writeFile(t, page, "## Budgets\n")
	writeFile(t, filepath.Join(dir, "content/ops/values.md"), "# Values\n")
	s, mem := builtSession(t, dir)
	for _, step := range []struct{ what, file, text string }{
		{"navigation from the summary", conf, "title = \"H\"\nnavigation = \"toc\"\n"},
		{"summary relabelled", summary, "# Summary\n\n[Handbook](README.md)\n\n- [Values](ops/values.md)\n- [Money](ops/fin-ops.md)\n- [Finance](ops/fin-ops.md)\n"},
		{"page titled", page, "# Zebra budgets\n"},
		{"summary relabelled again", summary, "# Summary\n\n[Handbook](README.md)\n\n- [Money](ops/fin-ops.md)\n"},
		{"page untitled", page, "Budgets.\n"},
	} {
		writeFile(t, step.file, step.text)
		if _, err := s.Rebuild(t.Context(), []string{step.file}); err != nil {
			t.Fatalf("%s: %v", step.what, err)
		}
		finishAndCompare(t, s, mem, dir, step.what)
	}
}

// TestSessionIncludes checks that a rebuild after an included file
// changed shows the change on the pages that include it, however they
// reach it: nested, as a snippet, through a symbolic link, while pages
// that read none of the changed files keep their parse.
func TestSessionIncludes(t *testing.T) {
	dir := t.TempDir()
	inc := func(name string) string { return filepath.Join(dir, "content/_includes", name) }
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\n")
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n{{$include _includes/note.md}}\n")
	writeFile(t, filepath.Join(dir, "content/snip.md"), "# Snippet\n\n{{one}}\n")
	writeFile(t, filepath.Join(dir, "content/linked.md"), "# Linked\n\n{{$include _includes/link.md}}\n")
	writeFile(t, filepath.Join(dir, "content/plain.md"), "# Plain\n\n{{< hugo-shortcode >}}\n")
	writeFile(t, inc("note.md"), "Note.\n\n{{$include more.md}}\n")
	writeFile(t, inc("more.md"), "More.\n")
	writeFile(t, inc("snippets.md"), "## One {#one}\n\nSnippet one.\n\n## Two {#two}\n\nSnippet two.\n")
	writeFile(t, inc("real.md"), "Real.\n")
	if err := os.Symlink("real.md", inc("link.md")); err != nil {
		t.Skip(err)
	}
	s, mem := builtSession(t, dir)
	for _, step := range []struct {
		what, file, text string
		rendered         int
	}{
		{"nested include", inc("more.md"), "More, again.\n", 1},
		{"a snippet no page shows", inc("snippets.md"), "## One {#one}\n\nSnippet one.\n\n## Two {#two}\n\nSnippet 2.\n", 0},
		{"the snippet a page shows", inc("snippets.md"), "## One {#one}\n\nSnippet 1.\n\n## Two {#two}\n\nSnippet 2.\n", 1},
		{"the file a link leads to", inc("real.md"), "Real, again.\n", 1},
		{"an include no page names", inc("unused.md"), "Unused.\n", 0},
	} {
		writeFile(t, step.file, step.text)
		res, err := s.Rebuild(t.Context(), []string{step.file})
		if err != nil {
			t.Fatalf("%s: %v", step.what, err)
		}
		// The page and the pages whose lists show it.
		if step.rendered == 0 && res.Rendered != 0 || step.rendered > 0 && res.Rendered == 0 {
			t.Errorf("%s: %d pages rendered", step.what, res.Rendered)
		}
		finishAndCompare(t, s, mem, dir, step.what)
	}
}

// TestSessionReview checks that a Session with the review checks finds
// after an edit what a one-off build finds: the checks read the pages'
// sources, which a session otherwise lets go of.
func TestSessionReview(t *testing.T) {
	dir := t.TempDir()
	for rel, text := range propertySite {
		writeFile(t, filepath.Join(dir, rel), text)
	}
	writeFile(t, filepath.Join(dir, "content/guides/guide-1.md"), "---\ntitle: Guide 1\nweight: 1\ntags: [start]\n---\n\nIntro.\n\n## Steps\n\nDo [guide 2](guide-2.md).\n\n## Setup {#setup}\n\nTerm\n: Definition\n")
	cfg := build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true, Review: true}
	s := build.NewSession(cfg, output.NewMem())
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	g := filepath.Join(dir, "content/guides/guide-3.md")
	src, _ := os.ReadFile(g)
	writeFile(t, g, string(src)+"\n## A new heading\n\nSee [guide 1](guide-1.md).\n")
	res, err := s.Rebuild(t.Context(), []string{g})
	if err != nil {
		t.Fatal(err)
	}
	cfg.DestDir = t.TempDir()
	full, err := build.New(cfg).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Warnings.String(), full.Warnings.String(); got != want {
		t.Errorf("session warnings:\n%s\nwant those of a full build:\n%s", got, want)
	}
}

// TestSessionForgetsOldWords edits a page again and again, each time with
// words never seen before, and checks that the session's memory does not
// grow with them: the search index's word counters must let go of the
// words of a page's earlier versions.
func TestSessionForgetsOldWords(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 50, 1); err != nil {
		t.Fatal(err)
	}
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem())
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "content", "edited.md")
	heap := func() uint64 {
		// Twice: the first collection moves what buffer pools hold to
		// their victim caches, the second frees it, so that the figure
		// is what the session keeps, not what its pools happen to hold.
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var before uint64
	const edits = 200
	for i := range edits {
		var b strings.Builder
		b.WriteString("---\ntitle: Edited\n---\n")
		for j := range 1000 {
			fmt.Fprintf(&b, "word%dx%d ", i, j) // new words in every version
		}
		writeFile(t, page, b.String())
		if _, err := s.Rebuild(t.Context(), []string{page}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FinishSearch(t.Context()); err != nil {
			t.Fatal(err)
		}
		if i == 20 {
			before = heap()
		}
	}
	// Kept, the 180,000 words would hold about 15 MB.
	after := heap()
	runtime.KeepAlive(s) // measured with the session alive
	if after > before+4<<20 {
		t.Errorf("the heap grew from %d to %d bytes over %d edits", before, after, edits-20)
	}
}

// TestDiagnosticPathsInContentNamedFolder checks that a diagnostic in a
// folder named as the content folder (content/content/a.md) names that
// file, in a one-off build and in a Session's rebuilds, which keep the
// diagnostics of files they do not read again.
func TestDiagnosticPathsInContentNamedFolder(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"_index.md":    "# Home\n\n[a](content/a.md) [b](b.md)\n",
		"content/a.md": "# A\n\n[x](missing.md)\n",
		"b.md":         "# B\n",
	})
	const want = "content/content/a.md:3:1: broken link \"missing.md\": no page or file content/missing.md"
	check := func(what string, err error) {
		t.Helper()
		var le *diag.ListError
		if !errors.As(err, &le) || len(le.List) != 1 || le.List[0].String() != want {
			t.Errorf("%s: %v, want %s", what, err, want)
		}
	}
	_, err := newBuilder(dir, filepath.Join(t.TempDir(), "public")).Build(t.Context())
	check("build", err)
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem())
	_, err = s.Rebuild(t.Context(), nil)
	check("first rebuild", err)
	writeFile(t, filepath.Join(dir, "content/b.md"), "# B again\n")
	for i := range 2 {
		_, err = s.Rebuild(t.Context(), []string{filepath.Join(dir, "content/b.md")})
		check(fmt.Sprintf("rebuild %d", i+2), err)
	}
}

// TestSessionCategories checks that a rebuild after a Docusaurus category
// file is added, changed or removed shows what a full build shows: the
// folder's label and place in every page's sidebar.
func TestSessionCategories(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\n")
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Handbook\n\n[a](a-first/a.md) [b](b-second/b.md)\n")
	writeFile(t, filepath.Join(dir, "content/a-first/a.md"), "# A\n")
	writeFile(t, filepath.Join(dir, "content/b-second/b.md"), "# B\n")
	s, mem := builtSession(t, dir)
	editAndCompare(t, s, mem, dir, filepath.Join(dir, "content/b-second/_category_.json"), []fileStep{
		{"added", `{"label": "Second, first", "position": 1}`},
		{"relabelled", `{"label": "Renamed", "position": 1}`},
		{"moved", `{"label": "Renamed", "position": 9}`},
		{"removed", ""},
	})
}

// TestSessionAwesomePages checks that a rebuild after a .pages file is
// added, changed or removed shows what a full build shows: the folder's
// title and the order of the pages in every page's sidebar.
func TestSessionAwesomePages(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\n")
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Handbook\n\n[a](team/a.md) [b](team/b.md)\n")
	writeFile(t, filepath.Join(dir, "content/team/a.md"), "# A\n")
	writeFile(t, filepath.Join(dir, "content/team/b.md"), "# B\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, filepath.Join(dir, "content/team/.pages"), "team/a/index.html", []shownStep{
		{"added", "title: Our team\nnav:\n  - b.md\n  - a.md\n", `<li><a href="/team/b/">B</a></li>` + "\n" + `<li><a href="/team/a/" aria-current="page">A</a></li>`},
		{"retitled", "title: People\nnav:\n  - b.md\n  - a.md\n", `<a href="/team/">People</a>`},
		{"reordered", "title: People\nnav:\n  - a.md\n  - ...\n", `<li><a href="/team/a/" aria-current="page">A</a></li>` + "\n" + `<li><a href="/team/b/">B</a></li>`},
		{"b left out", "title: People\nnav:\n  - a.md\n", `<li><a href="/team/a/" aria-current="page">A</a></li>` + "\n</ul>"},
		{"removed", "", `<a href="/team/">Team</a>`},
	})
	// At the top of the content, where the folder to list again is the
	// content's own.
	writeFile(t, filepath.Join(dir, "content/z.md"), "# Z\n")
	editAndShow(t, s, mem, dir, filepath.Join(dir, "content/.pages"), "team/a/index.html", []shownStep{
		{"added at the top", "nav:\n  - z.md\n  - ...\n", `<li><a href="/z/">Z</a></li>`},
		{"removed from the top", "", `<li><a href="/z/">Z</a></li>`},
	})
}

// TestSessionStatic checks that a rebuild after a file of the static
// folder is added, changed or removed shows what a full build shows: the
// file at the site's root, and the link to it resolved or broken.
func TestSessionStatic(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\n[checks]\nbroken-link = \"warning\"\n")
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Handbook\n\n![Logo](/img/logo.png)\n")
	s, mem := builtSession(t, dir)
	editAndCompare(t, s, mem, dir, filepath.Join(dir, "static/img/logo.png"), []fileStep{
		{"added", "one"},
		{"changed", "two"},
		{"removed", ""},
	})
}

// TestSessionMkDocs checks that a rebuild after the mkdocs.yml beside
// playbook.toml is added, changed or removed shows what a full build
// shows: the navigation its nav gives, or the folders', and the title its
// site_name gives a site whose playbook.toml has none.
func TestSessionMkDocs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\ncontentDir = \"docs\"\nnavigation = \"toc\"\n[checks]\nbroken-link = \"warning\"\n")
	writeFile(t, filepath.Join(dir, "docs/index.md"), "# Handbook\n")
	writeFile(t, filepath.Join(dir, "docs/a.md"), "# A\n")
	writeFile(t, filepath.Join(dir, "docs/b.md"), "# B\n")
	s, mem := builtSession(t, dir)
	file := filepath.Join(dir, "mkdocs.yml")
	editAndShow(t, s, mem, dir, file, "a/index.html", []shownStep{
		{"added", "nav:\n  - b.md\n  - A first: a.md\n", `<a href="/a/" aria-current="page">A first</a>`},
		{"regrouped", "nav:\n  - Group:\n    - a.md\n    - b.md\n", `<span class="nav-text">Group</span>`},
		{"broken", "nav:\n  - gone.md\n", `<span class="nav-text">gone.md</span>`},
		{"removed", "", `<a href="/a/" aria-current="page">A</a>`},
	})
	// Without a title in playbook.toml, its site_name titles the site.
	writeFile(t, filepath.Join(dir, "playbook.toml"), "contentDir = \"docs\"\nnavigation = \"toc\"\n[checks]\nbroken-link = \"warning\"\n")
	editAndShow(t, s, mem, dir, file, "a/index.html", []shownStep{
		{"named", "site_name: First\n", `<title>A · First</title>`},
		{"renamed", "site_name: Second\n", `<title>A · Second</title>`},
		{"unnamed", "", `<title>A · Handbook</title>`},
	})
}

// fileStep is one edit of a file: its new text, or "" to remove it.
type fileStep struct{ what, text string }

// shownStep is an edit of a file and what a page shows after it.
type shownStep struct{ what, text, shows string }

// editAndShow is editAndCompare that also checks that page, in the
// session's output, shows each step's text after it.
func editAndShow(t *testing.T, s *build.Session, mem *output.Mem, dir, file, page string, steps []shownStep) {
	t.Helper()
	for _, step := range steps {
		editAndCompare(t, s, mem, dir, file, []fileStep{{step.what, step.text}})
		if got, _ := mem.Snapshot().Get(page); !strings.Contains(string(got), step.shows) {
			t.Errorf("%s: %s lacks %s:\n%s", step.what, page, step.shows, got)
		}
	}
}

// editAndCompare edits file step by step, rebuilds in the session after
// each and compares what it serves with a full build (finishAndCompare).
func editAndCompare(t *testing.T, s *build.Session, mem *output.Mem, dir, file string, steps []fileStep) {
	t.Helper()
	for _, step := range steps {
		if step.text == "" {
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
		} else {
			writeFile(t, file, step.text)
		}
		if _, err := s.Rebuild(t.Context(), []string{file}); err != nil {
			t.Fatalf("%s: %v", step.what, err)
		}
		finishAndCompare(t, s, mem, dir, step.what)
	}
}

// TestSessionLinkText checks that a link written without text follows the
// heading and the page it leads to as they are edited.
func TestSessionLinkText(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n")
	writeFile(t, filepath.Join(dir, "content/a.md"), "# A\n\nSee [](b.md#setup), [](#later) and [](b.md).\n")
	file := filepath.Join(dir, "content/b.md")
	writeFile(t, file, "# B\n\n## Set up {#setup}\n\n(later)=\n## Later\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, file, "a/index.html", []shownStep{
		{"heading", "# B\n\n## Getting set up {#setup}\n\n(later)=\n## Later\n", `>Getting set up</a>`},
		{"target", "# B\n\n## Getting set up {#setup}\n\n(later)=\n## Much later\n", `>Much later</a>`},
		{"title", "---\ntitle: Bee\n---\n## Getting set up {#setup}\n\n(later)=\n## Much later\n", `<a href="/b/">Bee</a>`},
	})
}

// TestSessionCrossLanguageLinks checks that a page linking to a page of
// another language follows its headings in the preview: the link's text
// and address as a fresh build writes them, though "Linked from" lists
// only pages of one language.
func TestSessionCrossLanguageLinks(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"T\"\n[languages.sv]\nname = \"Svenska\"\n")
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n")
	writeFile(t, filepath.Join(dir, "content/_index.sv.md"), "# Hem\n")
	writeFile(t, filepath.Join(dir, "content/x.sv.md"), "# X\n\nSe [](b.md#setup) och [steget](b.md#set-up-now).\n")
	file := filepath.Join(dir, "content/b.md")
	writeFile(t, file, "# B\n\n## Set up {#setup}\n\n## Set up now\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, file, "sv/x/index.html", []shownStep{
		{"heading text", "# B\n\n## Setting up {#setup}\n\n## Set up now\n", `>Setting up</a>`},
		{"heading id", "# B\n\n## Setting up {#setup}\n\n## Set up now {#install}\n", `href="/b/#install"`},
	})
}

// TestSessionGitBookRedirects checks that the preview follows an edit of
// a .gitbook.yaml: a redirect added, then led elsewhere, as a fresh build
// writes them.
func TestSessionGitBookRedirects(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/README.md"), "# Home\n\n[A](a.md) [B](b.md)\n")
	writeFile(t, filepath.Join(dir, "content/a.md"), "# A\n")
	writeFile(t, filepath.Join(dir, "content/b.md"), "# B\n")
	file := filepath.Join(dir, "content/.gitbook.yaml")
	writeFile(t, file, "root: ./\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, file, "old/index.html", []shownStep{
		{"redirect added", "root: ./\nredirects:\n  old: a.md\n", `url=/a/"`},
		{"redirect changed", "root: ./\nredirects:\n  old: b.md\n", `url=/b/"`},
	})
}

// TestSessionHugoConfig checks that the preview follows a hugo.toml added
// to the site folder, then removed: the pages' relative links are read as
// Hugo reads them and then as before, as a fresh build writes them.
func TestSessionHugoConfig(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n[p](programs/)\n")
	writeFile(t, filepath.Join(dir, "content/programs/_index.md"), "# Programs\n\n[zk](zk/)\n")
	writeFile(t, filepath.Join(dir, "content/programs/zk/_index.md"), "# zk\n\n[cat](cat.md)\n")
	// A Hugo site has no wikilinks: [[…]] is TOML's, or text.
	writeFile(t, filepath.Join(dir, "content/programs/zk/cat.md"), "# cat\n\n[up](../) [[Programs]]\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, filepath.Join(dir, "hugo.toml"), "programs/zk/cat/index.html", []shownStep{
		{"hugo.toml added", "title = 'T'\n", `<a href="/programs/zk/">up</a> [[Programs]]`},
		{"hugo.toml removed", "", `<a href="/programs/">up</a> <a href="/programs/">Programs</a>`},
	})
}

// TestSessionBackslashMath checks that a rebuild after arithmatex comes to
// mkdocs.yml, or goes, reads the pages' \(…\) as a full build does.
func TestSessionBackslashMath(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n[f](f.md)\n")
	writeFile(t, filepath.Join(dir, "content/f.md"), "# F\n\nKeep \\(x^2\\).\n")
	writeFile(t, filepath.Join(dir, "mkdocs.yml"), "site_name: T\ndocs_dir: content\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, filepath.Join(dir, "mkdocs.yml"), "f/index.html", []shownStep{
		{"arithmatex added", "site_name: T\ndocs_dir: content\nmarkdown_extensions:\n  - pymdownx.arithmatex\n", `Keep <span class="math math-inline">\(x^2\)</span>.`},
		{"arithmatex gone", "site_name: T\ndocs_dir: content\n", "Keep (x^2)."},
	})
}

// TestSessionLiquidComments checks that a rebuild after a site becomes a
// Jekyll or Eleventy site, or stops being one, takes Liquid's comments out
// of its pages, or shows them, as a full build does.
func TestSessionLiquidComments(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n[f](f.md)\n")
	writeFile(t, filepath.Join(dir, "content/f.md"), "# F\n\nKeep{% comment %} a secret{% endcomment %} this.\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, filepath.Join(dir, ".eleventy.js"), "f/index.html", []shownStep{
		{"Eleventy's configuration added", "module.exports = {};\n", "Keep this."},
		{"Eleventy's configuration gone", "", "Keep{% comment %} a secret{% endcomment %} this."},
	})
}

// TestSessionMath checks that a rebuild after math comes to a page, or
// goes, shows what a full build shows: the library is published while a
// page has math.
func TestSessionMath(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n[f](f.md)\n")
	file := filepath.Join(dir, "content/f.md")
	writeFile(t, file, "# F\n")
	s, mem := builtSession(t, dir)
	editAndCompare(t, s, mem, dir, file, []fileStep{
		{"math added", "# F\n\n$$\nx^2\n$$\n"},
		{"math gone", "# F\n\nNo formula.\n"},
	})
}

// TestSessionNavTitle checks that a rebuild after a page's linkTitle
// changes shows the new name in the sidebar of the other pages, as a full
// build does.
func TestSessionNavTitle(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n[a](a.md) [b](b.md)\n")
	writeFile(t, filepath.Join(dir, "content/b.md"), "# B\n")
	file := filepath.Join(dir, "content/a.md")
	writeFile(t, file, "# Setting up a development environment\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, file, "b/index.html", []shownStep{
		{"linkTitle added", "---\nlinkTitle: Setup\n---\n# Setting up a development environment\n", `<a href="/a/">Setup</a>`},
		{"linkTitle changed", "---\nlinkTitle: Set up\n---\n# Setting up a development environment\n", `<a href="/a/">Set up</a>`},
	})
}

// TestSessionForeignTitle checks that a rebuild after the title in another
// tool's settings changes shows the new title, as a full build does.
func TestSessionForeignTitle(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n[a](a.md)\n")
	writeFile(t, filepath.Join(dir, "content/a.md"), "# A\n")
	s, mem := builtSession(t, dir)
	editAndShow(t, s, mem, dir, filepath.Join(dir, "_config.yml"), "a/index.html", []shownStep{
		{"title added", "title: Engineering handbook\n", "<title>A · Engineering handbook</title>"},
		{"title changed", "title: Platform handbook\n", "<title>A · Platform handbook</title>"},
		{"file removed", "", "<title>A · Handbook</title>"},
	})
}

// builtSession returns a session of the site in dir, without its git
// history, after its first run, and the memory it publishes to.
func builtSession(t *testing.T, dir string) (*build.Session, *output.Mem) {
	t.Helper()
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	return s, mem
}

// siteDiff names a file in which two sites differ, or returns "".
func siteDiff(a, b *output.Snapshot) string {
	for name, data := range b.All() {
		if prev, ok := a.Packed(name); !ok || !prev.Equal(data) {
			return name
		}
	}
	if a.Len() != b.Len() {
		return fmt.Sprintf("%d files against %d", b.Len(), a.Len())
	}
	return ""
}

// TestSessionStaticFileSameSizeAndTime checks that a static file written
// again with the same size and modification time (as "cp -p" and
// "rsync -a" copy one), which the watcher names, is read again.
func TestSessionStaticFileSameSizeAndTime(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n")
	file := filepath.Join(dir, "static/data.json")
	writeFile(t, file, `{"version": "1.2.3"}`)
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	s, mem := builtSession(t, dir)
	writeFile(t, file, `{"version": "1.2.4"}`)
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rebuild(t.Context(), []string{file}); err != nil {
		t.Fatal(err)
	}
	if got, _ := mem.Snapshot().Get("data.json"); string(got) != `{"version": "1.2.4"}` {
		t.Errorf("data.json is %s", got)
	}
}

// TestPendingPage checks that a page a run left to FinishRender is
// rendered on request with the run's change, byte for byte as FinishRender
// then publishes it, and that nothing else is: the pages the run rendered,
// files that are no page, and any page once FinishRender is done.
func TestPendingPage(t *testing.T) {
	dir, s, mem := hotSite(t)
	const name = "teams/c-level/area-000/page-00005/index.html"
	if _, ok := mem.Snapshot().Get(name); !ok {
		t.Fatalf("the generated site has no %s", name)
	}
	if _, ok := s.PendingPage(t.Context(), name); ok {
		t.Fatal("a page is pending after a full build")
	}
	cfg := retitle(t, dir, "Renamed Handbook")
	if res, err := s.Rebuild(t.Context(), []string{cfg}); err != nil || !res.RenderPending {
		t.Fatalf("the title edit: %v, pending %v", err, res != nil && res.RenderPending)
	}
	if stale, _ := mem.Snapshot().Get(name); strings.Contains(string(stale), "Renamed Handbook") {
		t.Fatal("the page not open was rendered with the open one")
	}
	data, ok := s.PendingPage(t.Context(), name)
	if !ok || !strings.Contains(string(data), "Renamed Handbook") {
		t.Fatalf("PendingPage(%s): %v, %.200q", name, ok, data)
	}
	for _, other := range []string{"index.html", "assets/css/style.css", "sitemap.xml", "no/such/page/index.html", "404.html", "teams/c-level/chart.svg"} {
		if _, ok := s.PendingPage(t.Context(), other); ok {
			t.Errorf("PendingPage(%s) rendered it", other)
		}
	}
	// Pages asked for while FinishRender runs, as a reader's are.
	finished := make(chan error, 1)
	go func() {
		_, err := s.FinishRender(t.Context())
		finished <- err
	}()
	asked := 0
	for other := range mem.Snapshot().All() {
		if !strings.HasSuffix(other, "/index.html") || asked == 40 {
			continue
		}
		asked++
		if data, ok := s.PendingPage(t.Context(), other); ok && !strings.Contains(string(data), "Renamed Handbook") {
			t.Errorf("PendingPage(%s) during FinishRender: the old title", other)
		}
	}
	if err := <-finished; err != nil {
		t.Fatal(err)
	}
	if published, _ := mem.Snapshot().Get(name); string(published) != string(data) {
		t.Error("FinishRender published another page than PendingPage rendered")
	}
	if _, ok := s.PendingPage(t.Context(), name); ok {
		t.Error("a page is pending after FinishRender")
	}
}

// pendingVictim is a page of hotSite not open, which the tests of pages
// rendered on request make fail or take long.
const pendingVictim = "/teams/c-level/area-000/page-00005/"

// withPageLayout gives the site of dir a copy of the built-in page layout
// that runs extra, a template action, on pendingVictim only, and returns
// the file.
func withPageLayout(t *testing.T, dir, extra string) string {
	t.Helper()
	layout, err := fs.ReadFile(themes.Default(), "layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "themes/default/layouts/page.html")
	writeFile(t, name, string(layout)+`{{define "aftercontent"}}{{if eq .Page.RelURL "`+pendingVictim+`"}}`+extra+`{{end}}{{end}}`)
	return name
}

// TestPendingPageRunsWithoutEnd checks that a page whose layout writes
// without end, rendered on request first, still fails FinishRender, which
// then leaves the last whole site in memory, rather than stopping it half
// way with no error and publishing a site without most of its pages.
func TestPendingPageRunsWithoutEnd(t *testing.T) {
	dir, s, mem := hotSite(t)
	before := mem.Snapshot().Len()
	layout := withPageLayout(t, dir, `{{range 100000000}}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{end}}`)
	if res, err := s.Rebuild(t.Context(), []string{layout}); err != nil || !res.RenderPending {
		t.Fatalf("the template edit: %v, pending %v", err, res != nil && res.RenderPending)
	}
	victim := strings.TrimPrefix(pendingVictim, "/") + "index.html"
	if _, ok := s.PendingPage(t.Context(), victim); ok {
		t.Fatal("a page whose layout writes without end was rendered")
	}
	_, err := s.FinishRender(t.Context())
	var le *diag.ListError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "page-00005.md") {
		t.Fatalf("FinishRender: %v, want the page's error", err)
	}
	if after := mem.Snapshot().Len(); after != before {
		t.Errorf("memory holds %d files after the failure, %d before", after, before)
	}
}

// TestPendingPageTakesLong checks that a request for a page whose layout
// takes longer than PendingPage waits gets the old page, that requests
// after it start no more renders, and that FinishRender renders the page.
func TestPendingPageTakesLong(t *testing.T) {
	dir, s, mem := hotSite(t)
	s.SetPendingWait(20 * time.Millisecond)
	layout := withPageLayout(t, dir, `{{range 20000000}}{{end}}slow`)
	if res, err := s.Rebuild(t.Context(), []string{layout}); err != nil || !res.RenderPending {
		t.Fatalf("the template edit: %v, pending %v", err, res != nil && res.RenderPending)
	}
	victim := strings.TrimPrefix(pendingVictim, "/") + "index.html"
	if _, ok := s.PendingPage(t.Context(), victim); ok {
		t.Fatal("the slow page was served")
	}
	// The other pages are no longer rendered on request: the slow layout
	// may not end, and each would start another.
	if !s.PendingGaveUp() {
		t.Error("pages are still rendered on request after one took too long")
	}
	if _, ok := s.PendingPage(t.Context(), "teams/c-level/area-000/page-00006/index.html"); ok {
		t.Error("a page was rendered on request after one took too long")
	}
	if _, err := s.FinishRender(t.Context()); err != nil {
		t.Fatal(err)
	}
	if page, _ := mem.Snapshot().Get(victim); !strings.Contains(string(page), "slow") {
		t.Error("FinishRender did not render the slow page")
	}
}

// TestPendingPageRemoved checks that a page deleted while the pages not
// open are still to be rendered is gone from memory at once, not served
// from the site before the change until FinishRender is done.
func TestPendingPageRemoved(t *testing.T) {
	dir, s, mem := hotSite(t)
	// A page no other page links to, in memory as the site is.
	src := filepath.Join(dir, "content/teams/c-level/area-000/unlinked.md")
	writeFile(t, src, "# Unlinked\n\nSoon gone.\n")
	if _, err := s.Rebuild(t.Context(), []string{src}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishRender(t.Context()); err != nil {
		t.Fatal(err)
	}
	victim := "teams/c-level/area-000/unlinked/index.html"
	if _, ok := mem.Snapshot().Get(victim); !ok {
		t.Fatal("the new page is not in memory")
	}
	cfg := retitle(t, dir, "Renamed Handbook")
	if res, err := s.Rebuild(t.Context(), []string{cfg}); err != nil || !res.RenderPending {
		t.Fatalf("the title edit: %v, pending %v", err, res != nil && res.RenderPending)
	}
	if err := os.Remove(src); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Rebuild(t.Context(), []string{src}); err != nil || !res.RenderPending {
		t.Fatalf("the removal: %v, pending %v", err, res != nil && res.RenderPending)
	}
	if _, ok := mem.Snapshot().Get(victim); ok {
		t.Error("the removed page is still in memory")
	}
	if _, ok := s.PendingPage(t.Context(), victim); ok {
		t.Error("the removed page was rendered")
	}
	finishAndCompare(t, s, mem, dir, "the removal")
}

// TestNewConfigKeepsModel checks that a new configuration builds the site
// model again only when the model depends on what changed: a new site
// title keeps it unless a home page shows the site's title (generated, or
// without a title of its own), and a new baseURL never does. The site in
// memory matches a full build either way.
func TestNewConfigKeepsModel(t *testing.T) {
	for _, tc := range []struct {
		name, home string
		edit       func(t *testing.T, dir string) string
		reused     bool
	}{
		{"title, home titled", "---\ntitle: Welcome\n---\nHello, see [the guide](guide.md).\n", func(t *testing.T, dir string) string { return retitle(t, dir, "New name") }, true},
		{"title, home untitled", "Hello, see [the guide](guide.md).\n", func(t *testing.T, dir string) string { return retitle(t, dir, "New name") }, false},
		{"title, no home", "", func(t *testing.T, dir string) string { return retitle(t, dir, "New name") }, false},
		{"baseURL, home titled", "---\ntitle: Welcome\n---\nHello, see [the guide](guide.md).\n", func(t *testing.T, dir string) string {
			cfg := filepath.Join(dir, "playbook.toml")
			writeFile(t, cfg, "title = \"H\"\nbaseURL = \"https://example.org/docs/\"\n")
			return cfg
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\n")
			if tc.home != "" {
				writeFile(t, filepath.Join(dir, "content/_index.md"), tc.home)
			}
			writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: Guide\n---\nA guide.\n")
			s, mem := builtSession(t, dir)
			if _, err := s.Rebuild(t.Context(), []string{tc.edit(t, dir)}); err != nil {
				t.Fatal(err)
			}
			if got := s.ModelReused(); got != tc.reused {
				t.Errorf("model reused: %v, want %v", got, tc.reused)
			}
			finishAndCompare(t, s, mem, dir, tc.name)
		})
	}
}

// TestOldModelReleased checks that a site model built again is left to
// the garbage collector once the run that replaced it is published, also
// when most pages were not rendered over the new one: what a page keeps of
// its last render (its resolved links) must not hold the model it came
// from, or every edit that builds the model again could keep one more.
func TestOldModelReleased(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\n")
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: Guide\n---\n## Setup\n\nSteps.\n")
	for i := range 20 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("content/p%02d.md", i)), fmt.Sprintf("---\ntitle: P%d\n---\nSee [setup](guide.md#setup) and [the guide](guide.md).\n", i))
	}
	lonely := filepath.Join(dir, "content/lonely.md")
	writeFile(t, lonely, "---\ntitle: Lonely\n---\nText.\n")
	s, _ := builtSession(t, dir)
	old := weak.Make(s.SiteModel())
	writeFile(t, lonely, "---\ntitle: Lonely\n---\nText.\n\n## A heading\n")
	res, err := s.Rebuild(t.Context(), []string{lonely})
	if err != nil {
		t.Fatal(err)
	}
	if s.ModelReused() || res.RenderPending {
		t.Fatalf("the new heading: model reused %v, pages pending %v; want a new model and no pending pages", s.ModelReused(), res.RenderPending)
	}
	if _, err := s.FinishSearch(t.Context()); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if runtime.GC(); old.Value() == nil {
			break
		}
	}
	if old.Value() != nil {
		t.Error("the site model built before the edit is still held")
	}
	runtime.KeepAlive(s) // and so its pages
}

// openCounter is a file system that counts the opens of one file.
type openCounter struct {
	fs.FS
	name  string
	opens *int
}

func (c openCounter) Open(name string) (fs.File, error) {
	if name == c.name {
		*c.opens++
	}
	return c.FS.Open(name)
}

// TestSessionReadsAssetsOnce checks that the theme's assets, the diagram
// library among them on a site with a diagram, are read once while the
// theme stays the same, and read again, with their changes, once a file
// of the theme's assets changes.
func TestSessionReadsAssetsOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n[f](f.md)\n")
	file := filepath.Join(dir, "content/f.md")
	writeFile(t, file, "# F\n\n```mermaid\ngraph LR\n  A --> B\n```\n")
	const library = "assets/vendor/mermaid/mermaid.min.js"
	opens := 0
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: openCounter{themes.Default(), library, &opens}, NoGit: true}, mem)
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	first := opens
	if _, ok := mem.Snapshot().Get(library); !ok || first == 0 {
		t.Fatalf("the first build wrote the diagram library: %v, opened it %d times", ok, first)
	}
	writeFile(t, file, "# F\n\nEdited.\n\n```mermaid\ngraph LR\n  A --> C\n```\n")
	if _, err := s.Rebuild(t.Context(), []string{file}); err != nil {
		t.Fatal(err)
	}
	if opens != first {
		t.Errorf("a page's edit opened the diagram library again (%d opens, %d in the first build)", opens, first)
	}
	// The site's own style.css, over the theme's, which was read before.
	css := filepath.Join(dir, "themes/default/assets/css/style.css")
	writeFile(t, css, "body { --edited: 1; }\n")
	if _, err := s.Rebuild(t.Context(), []string{css}); err != nil {
		t.Fatal(err)
	}
	if got, _ := mem.Snapshot().Get("assets/css/style.css"); string(got) != "body { --edited: 1; }\n" {
		t.Errorf("assets/css/style.css is %.40q", got)
	}
	if _, ok := mem.Snapshot().Get(library); !ok || opens == first {
		t.Errorf("after an asset's edit, the diagram library is there: %v, opened again: %v", ok, opens > first)
	}
}
