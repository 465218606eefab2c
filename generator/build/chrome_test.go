package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/theme"
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

// teamPage is the page of team i of n, which works with the next collabs
// teams.
func teamPage(i, n, collabs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Team %03d\nowners: [Owner %d]\n", i, i)
	if collabs > 0 {
		b.WriteString("collaborates_with:\n")
	}
	for j := 1; j <= min(collabs, n-1); j++ {
		fmt.Fprintf(&b, "  - team: team-%03d\n    on: \"Work %d with %d\"\n", (i+j)%n, i, (i+j)%n)
	}
	b.WriteString("---\nThe team's playbook.\n")
	return b.String()
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
