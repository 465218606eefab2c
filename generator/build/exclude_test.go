package build_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// TestExcludeFromSite checks playbook.toml's exclude end to end: what it
// matches is neither a page nor a file of the site, a link to it is a
// broken link, it can still be included, and a preview session that has
// exclude added or removed lists the content again, as a full build does.
func TestExcludeFromSite(t *testing.T) {
	dir := t.TempDir()
	const cfg = "title = \"H\"\nexclude = [\"OWNERS\", \"drafts/\"]\n"
	for rel, text := range map[string]string{
		"playbook.toml":             cfg,
		"content/_index.md":         "# Home\n\n{{$include drafts/shared.md}}\n",
		"content/guide.md":          "# Guide\n\nSee [the idea](drafts/idea.md).\n",
		"content/guides/OWNERS":     "anna\n",
		"content/teams/OWNERS":      "anna\n",
		"content/drafts/idea.md":    "# Idea\n",
		"content/drafts/shared.md":  "Shared words.\n",
		"content/drafts/sketch.png": "png",
	} {
		writeFile(t, filepath.Join(dir, rel), text)
	}
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	_, err := s.Rebuild(t.Context(), nil)
	var le *diag.ListError
	if !errors.As(err, &le) || !strings.Contains(le.Error(), `content/guide.md:3:5: broken link "drafts/idea.md"`) {
		t.Fatalf("build: %v, want the link to the excluded page reported", err)
	}
	writeFile(t, filepath.Join(dir, "content/guide.md"), "# Guide\n")
	if _, err := s.Rebuild(t.Context(), []string{filepath.Join(dir, "content/guide.md")}); err != nil {
		t.Fatal(err)
	}
	snap := mem.Snapshot()
	for name := range snap.All() {
		if strings.Contains(name, "OWNERS") || strings.Contains(name, "drafts") {
			t.Errorf("excluded file published as %s", name)
		}
	}
	if home, _ := snap.Get("index.html"); !strings.Contains(string(home), "Shared words.") {
		t.Error("an excluded file cannot be included")
	}
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\n")
	if _, err := s.Rebuild(t.Context(), []string{filepath.Join(dir, "playbook.toml")}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"guides/OWNERS", "teams/OWNERS", "drafts/idea/index.html", "drafts/sketch.png"} {
		if _, ok := mem.Snapshot().Get(name); !ok {
			t.Errorf("without exclude, %s is missing from the preview", name)
		}
	}
	finishAndCompare(t, s, mem, dir, "without exclude")
}
