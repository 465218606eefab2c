package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/theme"
	"github.com/playbookhq/playbook/themes"
)

// chromeLimit is the most bytes of a page that are not its <main>: the
// head, header, sidebar and footer.
const chromeLimit = 20 << 10

var mainRE = regexp.MustCompile(`(?s)<main .*</main>`)

// writeWideSite writes a site with a folder of many pages, many pages at
// the top and many teams that each work with many others.
func writeWideSite(t *testing.T, folder, top, teams, collabs int) string {
	t.Helper()
	src := t.TempDir()
	w := func(name, text string) { writeFile(t, filepath.Join(src, "content", name), text) }
	w("_index.md", "---\ntitle: Home\n---\nThe handbook.\n")
	w("guides/_index.md", "---\ntitle: Guides\n---\n")
	for i := range folder {
		w(fmt.Sprintf("guides/g%04d.md", i), fmt.Sprintf("---\ntitle: Guide %04d\n---\nText.\n", i))
	}
	for i := range top {
		w(fmt.Sprintf("t%03d.md", i), fmt.Sprintf("---\ntitle: Top %03d\n---\nText.\n", i))
	}
	if teams > 0 {
		w("teams/_index.md", "---\ntitle: Teams\n---\n")
	}
	for i := range teams {
		w(fmt.Sprintf("teams/team-%03d/index.md", i), teamPage(i, teams, collabs))
	}
	return src
}

// TestChromeBounded checks that what every page adds around its <main>
// stays under chromeLimit however large the folders are, that long lists
// of pages go on over list pages, that the collaboration map is bounded,
// and that every page can still be reached from the home page by
// following links.
func TestChromeBounded(t *testing.T) {
	const folder, top, teams = 450, 70, 60
	src := writeWideSite(t, folder, top, teams, 50)
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, filepath.Dir(p))
		pages["/"+strings.TrimPrefix(filepath.ToSlash(rel)+"/", "./")] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for url, html := range pages {
		m := mainRE.FindStringIndex(html)
		if m == nil {
			t.Errorf("%s: no <main>", url)
			continue
		}
		if chrome := len(html) - (m[1] - m[0]); chrome > chromeLimit {
			t.Errorf("%s: %d bytes of chrome, want at most %d", url, chrome, chromeLimit)
		}
	}
	// The folder's pages are listed 100 at a time.
	for k := 2; k <= (folder+model.ListPageSize-1)/model.ListPageSize; k++ {
		url := fmt.Sprintf("/guides/page/%d/", k)
		html, ok := pages[url]
		if !ok {
			t.Errorf("no list page %s", url)
			continue
		}
		first := fmt.Sprintf(`href="/guides/g%04d/"`, (k-1)*model.ListPageSize)
		if !strings.Contains(html, first) || !strings.Contains(html, `aria-current="page">`+fmt.Sprint(k)+"<") {
			t.Errorf("%s does not list its pages from %s", url, first)
		}
	}
	// The home page shows the most connected teams on its map and table.
	home := pages["/"]
	if n := strings.Count(home, `class="collab-node"`); n != theme.CollabMapTeams {
		t.Errorf("the collaboration map has %d teams, want %d", n, theme.CollabMapTeams)
	}
	if n := strings.Count(home, `<th scope="row">`); n != theme.CollabMapTeams {
		t.Errorf("the collaboration table has %d rows, want %d", n, theme.CollabMapTeams)
	}
	// Each team's page lists all its partners: the 50 it names and the
	// 50 that name it.
	if n := strings.Count(pages["/teams/team-007/"], `<a class="collab-team"`); n != 50+9 {
		t.Errorf("team 7 lists %d partners, want %d", n, 59)
	}

	// Every page is reachable from the home page.
	href := regexp.MustCompile(`href="(/[^"#]*/)"`)
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	for len(queue) > 0 {
		url := queue[0]
		queue = queue[1:]
		for _, m := range href.FindAllStringSubmatch(pages[url], -1) {
			if _, ok := pages[m[1]]; ok && !seen[m[1]] {
				seen[m[1]] = true
				queue = append(queue, m[1])
			}
		}
	}
	for url := range pages {
		if !seen[url] {
			t.Errorf("%s cannot be reached from the home page", url)
		}
	}
}

// TestListPagesRebuild checks that the preview's incremental rebuilds
// keep the list pages of a large folder as a full build makes them: a
// body edit of the folder's page renders them again with it, and removed
// pages take their list page away.
func TestListPagesRebuild(t *testing.T) {
	src := writeWideSite(t, 230, 0, 0, 0)
	mem := output.NewMem()
	b := build.NewSession(build.Config{SourceDir: src, DefaultTheme: themes.Default(), NoGit: true}, mem)
	if _, err := b.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	page := func(i int) string { return filepath.Join(src, fmt.Sprintf("content/guides/g%04d.md", i)) }
	section := filepath.Join(src, "content/guides/_index.md")
	steps := []struct {
		name string
		edit func() []string
	}{
		{"section body", func() []string {
			writeFile(t, section, "---\ntitle: Guides\n---\nAll the guides.\n")
			return []string{section}
		}},
		{"page body", func() []string {
			writeFile(t, page(150), "---\ntitle: Guide 0150\n---\nOther text.\n")
			return []string{page(150)}
		}},
		{"pages removed", func() []string {
			var changed []string
			for i := 140; i < 230; i++ {
				if err := os.Remove(page(i)); err != nil {
					t.Fatal(err)
				}
				changed = append(changed, page(i))
			}
			return changed
		}},
		{"section title", func() []string {
			writeFile(t, section, "---\ntitle: All guides\n---\nAll the guides.\n")
			return []string{section}
		}},
	}
	for _, s := range steps {
		if _, err := b.Rebuild(t.Context(), s.edit()); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if _, err := b.FinishSearch(t.Context()); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want, _, err := fullBuild(t, src)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffSnapshots(mem.Snapshot(), want, nil); d != "" {
			t.Errorf("%s: the rebuild differs from a full build:\n%s", s.name, d)
		}
	}
	if _, ok := mem.Get("guides/page/3/index.html"); ok {
		t.Error("the third list page outlived the pages it listed")
	}
	if _, ok := mem.Get("guides/page/2/index.html"); !ok {
		t.Error("no second list page")
	}
}
