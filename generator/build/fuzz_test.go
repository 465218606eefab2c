package build_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/themes"
)

// fuzzPaths are where FuzzBuild puts its three pages: a home page, a
// team's section and a page in it, so that links, wikilinks, anchors,
// owners, roles and tags can reach from one to another.
var fuzzPaths = []string{"content/_index.md", "content/teams/it/_index.md", "content/teams/it/roles.md"}

// fuzzBuildLimit is far more than a build of three small pages takes,
// even under the fuzzer's instrumentation on a loaded machine.
const fuzzBuildLimit = 20 * time.Second

// FuzzBuild builds a site of three fuzzed pages, front matter, links
// between them and theme furniture included, through every stage to the
// written files. Nothing may panic; a build either writes the home page
// or fails with diagnostics, each at one of the pages, at a line the
// file has, or at the content folder; and it ends.
func FuzzBuild(f *testing.F) {
	f.Add("# Home\n\nSee [IT](teams/it/) and [[Roles]].\n",
		"---\ntitle: IT\nowners: [ana]\nrole: lead\n---\n# IT\n\n## Onboarding\n\n- [ ] Get a laptop\n- [x] Meet the team\n",
		"---\ntags: [stock, it]\nweight: 2\naliases: [/old/]\n---\n# Roles\n\n> [!NOTE]\n> Who does what.\n\n[Home](../../_index.md#home) · [missing](nowhere.md)\n")
	f.Add("---\ntitle: [\n---\n", "+++\ntitle = 1\n+++\n# T", "---\nsidebar_position: 0\n---\n```mermaid\nflowchart LR\n A-->B\n```\n{{< x >}}")
	f.Add("# A {#a}\n# A {#a}\n[x](#a) [y](teams/it/roles.md#nope)\n", "| a | b |\n|---|---|\n| [[x]] | `c` |\n", "<div>\n\n[z](../../../../etc/passwd)\n\n</div>\n")
	f.Fuzz(func(t *testing.T, home, section, page string) {
		src := t.TempDir()
		lines := map[string]int{}
		for i, body := range []string{home, section, page} {
			p := filepath.Join(src, filepath.FromSlash(fuzzPaths[i]))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			lines[fuzzPaths[i]] = bytes.Count(diag.LineEnds([]byte(body)), []byte("\n")) + 1
		}
		dest := filepath.Join(src, "public")
		b := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true})
		done := make(chan error, 1)
		go func() {
			_, err := b.Build(t.Context())
			done <- err
		}()
		var err error
		select {
		case err = <-done:
		case <-time.After(fuzzBuildLimit):
			t.Fatalf("the build did not end within %v", fuzzBuildLimit)
		}
		if err == nil {
			if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
				t.Fatalf("the build succeeded without a home page: %v", err)
			}
			return
		}
		var le *diag.ListError
		if !errors.As(err, &le) {
			t.Fatalf("the build failed without diagnostics: %v", err)
		}
		for _, d := range le.All() {
			n, ok := lines[d.Pos.File]
			switch {
			case d.Pos.File == "content" && d.Pos.Line == 0:
				// Of the whole content folder: "the site has no pages"
				// when every page is refused (binary files).
			case !ok:
				t.Errorf("%s: the diagnostic names no page of the site", d)
			case d.Pos.Line < 0 || d.Pos.Line > n:
				t.Errorf("%s: line %d of a file of %d lines", d, d.Pos.Line, n)
			}
		}
	})
}
