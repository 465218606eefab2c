package e2e_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/themes"
)

// TestLevelOneSections checks, in Chromium, a page written for GitHub: its
// title is in the front matter and "#" headings divide its text. The table
// of contents lists those sections with the "##" headings under them, and
// each section heading gets its link, as "##" headings do.
func TestLevelOneSections(t *testing.T) {
	src := t.TempDir()
	page := "---\ntitle: Pull requests\n---\nHow we review.\n\n" +
		"# Before you open one\n\nText.\n\n## Run the checks\n\nText.\n\n" +
		"# Opening one\n\nText.\n\n## Drafts\n\nText.\n\n## Labels\n\nText.\n\n### Size labels\n\nText.\n\n" +
		"# After the merge\n\nText.\n"
	for name, text := range map[string]string{"_index.md": "# Home\n\nSee [pull requests](pr.md).\n", "pr.md": page} {
		if err := os.MkdirAll(filepath.Join(src, "content"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	tab := openTab(t, startBrowser(t, chromiumPath(t)))
	tab.visit(serveDir(t, dest) + "/pr/")
	tab.waitVisible(".toc")
	if n := tab.count(".toc-details > .toc-list > li"); n != 3 {
		t.Errorf("the contents list %d sections, want the three # headings", n)
	}
	if got := tab.text(".toc-details > .toc-list > li:nth-child(2) > a"); got != "Opening one" {
		t.Errorf("the second section is %q, want \"Opening one\"", got)
	}
	if n := tab.count(".toc-details > .toc-list > li:nth-child(2) li"); n != 2 {
		t.Errorf("the second section lists %d headings, want its two ## headings", n)
	}
	if n := tab.count(".prose h1[id] > a.heading-anchor"); n != 3 {
		t.Errorf("%d # headings have a heading link, want 3", n)
	}
	if errs := tab.takeErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
