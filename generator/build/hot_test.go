package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// TestHotPagesFirst checks that a change calling for every page of a large
// site renders the open pages first, list pages among them, and that
// FinishRender then makes the site that a full build makes.
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
	old, _ := mem.Get("teams/it/index.html")
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
		if page, ok := mem.Get(name); !ok || !strings.Contains(string(page), title) {
			t.Errorf("the open page %s does not show the new title", name)
		}
	}
	if page, _ := mem.Get("teams/it/index.html"); string(page) != string(old) {
		t.Error("a page that is not open was rendered before FinishRender")
	}
	changed, err := s.FinishRender(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) < 500 {
		t.Errorf("FinishRender changed %d files", len(changed))
	}
	if _, err := s.FinishSearch(t.Context()); err != nil {
		t.Fatal(err)
	}
	want, _, err := fullBuild(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffSnapshots(mem.Snapshot(), want, nil); d != "" {
		t.Errorf("after FinishRender the site differs from a full build:\n%s", d)
	}
}
