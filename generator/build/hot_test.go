package build_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// TestHotPagesFirst checks that a change calling for every page of a large
// site renders the open pages first, list pages among them, and the
// not-found page, and that FinishRender then makes the site that a full
// build makes.
func TestHotPagesFirst(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 600, 3); err != nil {
		t.Fatal(err)
	}
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	// The home page, and the third list page of /checklists/, which its
	// page renders.
	const open, listPage = "index.html", "checklists/page/3/index.html"
	s.SetHot(func() []string { return []string{open, listPage, "no/such/index.html"} })
	first, err := s.Rebuild(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.RenderPending {
		t.Fatal("the first build left pages for later")
	}
	cfg := filepath.Join(dir, "playbook.toml")
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := mem.Snapshot().Get("teams/it/index.html")
	title := "Hot Title Handbook"
	edited := regexp.MustCompile(`(?m)^title = .*$`).ReplaceAll(src, []byte(`title = "`+title+`"`))
	if err := os.WriteFile(cfg, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := s.Rebuild(t.Context(), []string{cfg})
	if err != nil {
		t.Fatal(err)
	}
	if !res.RenderPending || res.Rendered != 2 {
		t.Fatalf("RenderPending %v, Rendered %d: want the two open pages", res.RenderPending, res.Rendered)
	}
	for _, name := range []string{open, listPage} {
		if page, ok := mem.Snapshot().Get(name); !ok || !strings.Contains(string(page), title) {
			t.Errorf("the open page %s does not show the new title", name)
		}
	}
	// The not-found page, served for any address a reader mistyped, is
	// current too.
	if page, ok := mem.Snapshot().Get("404.html"); !ok || !strings.Contains(string(page), title) {
		t.Error("the not-found page does not show the new title before FinishRender")
	}
	if page, _ := mem.Snapshot().Get("teams/it/index.html"); string(page) != string(old) {
		t.Error("a page that is not open was rendered before FinishRender")
	}
	changed, err := s.FinishRender(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) < 500 {
		t.Errorf("FinishRender changed %d files", len(changed))
	}
	checkFinished(t, s, mem, dir)
}

// TestHotPagesGoneAtOnce checks that when a change takes away pages a
// reader has open (a page, its alias, and the last list page of
// /checklists/) and
// calls for every page, they are gone from the site the run publishes with
// the open pages, not only once FinishRender has rendered the rest.
func TestHotPagesGoneAtOnce(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 700, 3); err != nil {
		t.Fatal(err)
	}
	// Links to the pages removed below are warnings.
	cfg, err := os.OpenFile(filepath.Join(dir, "playbook.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = cfg.WriteString("\n[checks]\nbroken-link = \"warning\"\n")
		err = errors.Join(err, cfg.Close())
	}
	if err != nil {
		t.Fatal(err)
	}
	// Pages with a checklist, in a fixed order.
	var listed []string
	err = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(src), "- [ ] ") && !strings.HasSuffix(p, "index.md") {
			listed = append(listed, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	rel, err := filepath.Rel(filepath.Join(dir, "content"), listed[0])
	if err != nil {
		t.Fatal(err)
	}
	openPage := strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/index.html"
	// The open page has a redirect from an old URL, which is open too.
	const alias = "old-place/index.html"
	src, err := os.ReadFile(listed[0])
	if err != nil || !strings.HasPrefix(string(src), "---\n") {
		t.Fatalf("%s: no front matter (%v)", listed[0], err)
	}
	if err := os.WriteFile(listed[0], append([]byte("---\naliases: [/old-place/]\n"), src[4:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	var last string
	s.SetHot(func() []string { return []string{"index.html", openPage, alias, last} })
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	k := 2
	for ; ; k++ {
		if _, ok := mem.Snapshot().Get(fmt.Sprintf("checklists/page/%d/index.html", k+1)); !ok {
			break
		}
	}
	last = fmt.Sprintf("checklists/page/%d/index.html", k)
	page, ok := mem.Snapshot().Get(last)
	m := regexp.MustCompile(`–\d+ of (\d+)`).FindSubmatch(page)
	_, hasPage := mem.Snapshot().Get(openPage)
	_, hasAlias := mem.Snapshot().Get(alias)
	if !ok || m == nil || !hasPage || !hasAlias {
		t.Fatalf("no %s with a range, or no %s or %s", last, openPage, alias)
	}
	// Remove enough pages with a checklist for the last list page to go.
	n, _ := strconv.Atoi(string(m[1]))
	removed := listed[:n-(k-1)*100]
	for _, p := range removed {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Rebuild(t.Context(), removed)
	if err != nil {
		t.Fatal(err)
	}
	if !res.RenderPending {
		t.Fatal("the run rendered every page: want the open ones first")
	}
	for _, name := range []string{openPage, alias, last} {
		if _, ok := mem.Snapshot().Get(name); ok {
			t.Errorf("%s is still served before FinishRender", name)
		}
		if !slices.Contains(res.Changed, name) {
			t.Errorf("%s is not among the changed files, so a reader's page does not reload", name)
		}
	}
	if _, err := s.FinishRender(t.Context()); err != nil {
		t.Fatal(err)
	}
	checkFinished(t, s, mem, dir)
}

// checkFinished runs FinishSearch and checks that the session's site is
// then the one a full build of dir makes.
func checkFinished(t *testing.T, s *build.Session, mem *output.Mem, dir string) {
	t.Helper()
	if _, err := s.FinishSearch(t.Context()); err != nil {
		t.Fatal(err)
	}
	checkMatchesFullBuild(t, "after FinishRender", mem, dir, nil)
}

// TestHotAliasTakenByPage checks that when a change moves a redirect's
// URL to a new page that no reader has open, the first publish keeps
// something at that URL: the new page is rendered with the rest, and the
// URL must not answer 404 meanwhile.
func TestHotAliasTakenByPage(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 600, 3); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "content", "teams", "it", "area-000", "page-00001.md")
	src, err := os.ReadFile(page)
	if err != nil || !strings.HasPrefix(string(src), "---\n") {
		t.Fatalf("%s: no front matter (%v)", page, err)
	}
	if err := os.WriteFile(page, append([]byte("---\naliases: [/old-place/]\n"), src[4:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	s.SetHot(func() []string { return []string{"index.html"} })
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	const url = "old-place/index.html"
	if _, ok := mem.Snapshot().Get(url); !ok {
		t.Fatalf("no redirect at %s", url)
	}
	newPage := filepath.Join(dir, "content", "old-place.md")
	if err := os.WriteFile(page, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(newPage, []byte("# Old place\n\nA page of its own now.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := s.Rebuild(t.Context(), []string{page, newPage})
	if err != nil {
		t.Fatal(err)
	}
	if !res.RenderPending {
		t.Fatal("the run rendered every page: want the open ones first")
	}
	if _, ok := mem.Snapshot().Get(url); !ok {
		t.Errorf("%s answers 404 until FinishRender", url)
	}
	if _, err := s.FinishRender(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got, _ := mem.Snapshot().Get(url); !strings.Contains(string(got), "A page of its own now.") {
		t.Errorf("after FinishRender %s is not the new page", url)
	}
	checkFinished(t, s, mem, dir)
}

// TestHotPagesOfAFailingBuildGoBack checks that when a page not open
// fails once the open ones were published (a template edit that breaks on
// one page), memory goes back to the last site built whole, open pages
// included, and FinishRender names what changed; and that once the error
// is fixed the site is a full build's.
func TestHotPagesOfAFailingBuildGoBack(t *testing.T) {
	dir, s, mem := hotSite(t)
	const open = "teams/it/area-000/page-00001/index.html"
	s.SetHot(func() []string { return []string{open} })
	before := mem.Snapshot()
	builtin, err := fs.ReadFile(themes.Default(), "layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(dir, "themes/default/layouts/page.html")
	broken := strings.Replace(string(builtin), `<div class="prose">`, `<div class="prose">MARKER{{if eq .Page.Path "teams/it/area-000/page-00010.md"}}{{.Nope.Nope}}{{end}}`, 1)
	if broken == string(builtin) {
		t.Fatal("page.html has no prose block")
	}
	writeFile(t, layout, broken)
	res, err := s.Rebuild(t.Context(), []string{layout})
	if err != nil || !res.RenderPending {
		t.Fatalf("the template edit: %v, pending %v", err, res != nil && res.RenderPending)
	}
	if got, _ := mem.Snapshot().Get(open); !strings.Contains(string(got), "MARKER") {
		t.Fatal("the open page was not rendered first")
	}
	changed, err := s.FinishRender(t.Context())
	if err == nil {
		t.Fatal("FinishRender rendered the page that fails")
	}
	if !slices.Contains(changed, open) {
		t.Errorf("FinishRender names %d changed files, without %s", len(changed), open)
	}
	if d := siteDiff(before, mem.Snapshot()); d != "" {
		t.Errorf("after the failure, not the last whole site: %s", d)
	}
	writeFile(t, layout, string(builtin))
	if _, err := s.Rebuild(t.Context(), []string{layout}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishRender(t.Context()); err != nil {
		t.Fatal(err)
	}
	checkFinished(t, s, mem, dir)
}
