package build_test

import (
	"errors"
	"os"
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

// TestEleventyIgnore checks that the files an Eleventy site's
// .eleventyignore names, from the site folder or from the content folder,
// are left out as playbook.toml's exclude leaves them out; that lines
// naming files outside the content folder, comments and negations do
// nothing; that a pattern that is no valid pattern is a warning at its
// line; and that a preview session that has the file added, changed or
// removed lists the content again, as a full build does.
func TestEleventyIgnore(t *testing.T) {
	dir := t.TempDir()
	for rel, text := range map[string]string{
		"playbook.toml":                       "title = \"H\"\ncontentDir = \"docs\"\n",
		".eleventy.js":                        "module.exports = () => ({dir: {input: 'docs'}});\n",
		"README.md":                           "# Read me\n",
		"docs/_index.md":                      "# Home\n",
		"docs/standards/_index.md":            "# Standards\n",
		"docs/standards/naming.md":            "# Naming\n",
		"docs/standards/standard.template.md": "# Standard title\n",
		"docs/patterns/pattern.template.md":   "# Pattern title\n",
		"docs/drafts/idea.md":                 "# Idea\n",
		"docs/notes/draft.md":                 "# Draft\n",
		"docs/notes/kept.md":                  "# Kept\n",
	} {
		writeFile(t, filepath.Join(dir, rel), text)
	}
	const ignore = "# not built\nREADME.md\nnode_modules/**\ndocs/*/*.template.md\n./docs/drafts/\n!docs/drafts/idea.md\ndocs/[oops\n"
	writeFile(t, filepath.Join(dir, ".eleventyignore"), ignore)
	writeFile(t, filepath.Join(dir, "docs/.eleventyignore"), "notes/draft.md\n")
	gone := []string{"standards/standard-template/index.html", "patterns/pattern-template/index.html", "drafts/idea/index.html", "notes/draft/index.html"}
	snap, res, err := fullBuild(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range gone {
		if _, ok := snap.Get(name); ok {
			t.Errorf("%s is built, though .eleventyignore names it", name)
		}
	}
	for _, name := range []string{"standards/naming/index.html", "notes/kept/index.html"} {
		if _, ok := snap.Get(name); !ok {
			t.Errorf("%s is missing", name)
		}
	}
	if got := res.Warnings.String(); !strings.Contains(got, `.eleventyignore:7:1: warning: "docs/[oops" is not a valid pattern`) {
		t.Errorf("warnings:\n%s", got)
	}
	// In a preview: the files come back when the ignore files go, and go
	// again when they come back.
	s, mem := builtSession(t, dir)
	for _, name := range []string{".eleventyignore", "docs/.eleventyignore"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Rebuild(t.Context(), []string{filepath.Join(dir, ".eleventyignore"), filepath.Join(dir, "docs/.eleventyignore")}); err != nil {
		t.Fatal(err)
	}
	finishAndCompare(t, s, mem, dir, "ignore files removed")
	if _, ok := mem.Snapshot().Get("drafts/idea/index.html"); !ok {
		t.Error("without .eleventyignore, drafts/idea is missing from the preview")
	}
	writeFile(t, filepath.Join(dir, ".eleventyignore"), ignore)
	if _, err := s.Rebuild(t.Context(), []string{filepath.Join(dir, ".eleventyignore")}); err != nil {
		t.Fatal(err)
	}
	finishAndCompare(t, s, mem, dir, "ignore file back")
}

// TestEleventyIgnoreLines checks how lines of the site folder's
// .eleventyignore reach into the content folder: by a leading "**", by
// a glob matching the content folder's name, after a byte order mark;
// and the warnings for a line that would leave out the whole content
// folder, one with a backslash, and an .eleventyignore that cannot be
// read (here a folder).
func TestEleventyIgnoreLines(t *testing.T) {
	dir := t.TempDir()
	for rel, text := range map[string]string{
		"playbook.toml":         "title = \"H\"\ncontentDir = \"docs\"\n",
		"docs/_index.md":        "# Home\n",
		"docs/a/x.template.md":  "# X template\n",
		"docs/archive/old.md":   "# Old\n",
		"docs/drafts/idea.md":   "# Idea\n",
		"docs/kept.md":          "# Kept\n",
		"docs/.eleventyignore/": "",
	} {
		if strings.HasSuffix(rel, "/") {
			if err := os.MkdirAll(filepath.Join(dir, rel), 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		writeFile(t, filepath.Join(dir, rel), text)
	}
	writeFile(t, filepath.Join(dir, ".eleventyignore"), "\uFEFFdocs/drafts\r\n**/*.template.md\r\n*/archive/\r\ndocs\r\ndocs\\old\r\n")
	snap, res, err := fullBuild(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"drafts/idea/index.html": false, "a/x-template/index.html": false, "archive/old/index.html": false, "kept/index.html": true} {
		if _, ok := snap.Get(name); ok != want {
			t.Errorf("%s built: %v, want %v", name, ok, want)
		}
	}
	got := res.Warnings.String()
	for _, want := range []string{
		`.eleventyignore:4:1: warning: "docs" would leave out the whole content folder docs/; playbook builds it`,
		`.eleventyignore:5:1: warning: "docs\\old" has a backslash`,
		`docs/.eleventyignore: warning: not read, so the files it names are built:`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %s:\n%s", want, got)
		}
	}
}
