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

// writeWideSite writes a site with a folder of many pages, each with the
// tag "guide", a checklist and the owner "Guide keeper", many pages at
// the top, each with a tag of its own, and many teams that each work with
// many others and have an owner of their own.
func writeWideSite(t *testing.T, folder, top, teams, collabs int) string {
	t.Helper()
	src := t.TempDir()
	w := func(name, text string) { writeFile(t, filepath.Join(src, "content", name), text) }
	w("_index.md", "---\ntitle: Home\n---\nThe handbook.\n")
	w("guides/_index.md", "---\ntitle: Guides\n---\n")
	for i := range folder {
		w(fmt.Sprintf("guides/g%04d.md", i), fmt.Sprintf("---\ntitle: Guide %04d\ntags: [guide]\nowners: [Guide keeper]\n---\nText.\n\n- [ ] Read guide %04d\n", i, i))
	}
	for i := range top {
		w(fmt.Sprintf("t%03d.md", i), fmt.Sprintf("---\ntitle: Top %03d\ntags: [topic-%03d]\n---\nText.\n", i, i))
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
	const folder, top, teams = 450, 120, 60
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
	// So are the pages of a tag, the tags and the checklists, in order,
	// each once.
	listed := regexp.MustCompile(`<h2 class="card-title"><a class="card-link" href="(/[^"]*)"`)
	checkListPages(t, pages, "/tags/guide/", listed, folder, func(i int) string { return fmt.Sprintf("/guides/g%04d/", i) })
	tagRE := regexp.MustCompile(`<li><a class="tag" href="(/[^"]*)"`)
	checkListPages(t, pages, "/tags/", tagRE, top+1, func(i int) string {
		if i == 0 {
			return "/tags/guide/"
		}
		return fmt.Sprintf("/tags/topic-%03d/", i-1)
	})
	checklistRE := regexp.MustCompile(`<th scope="row"><a href="(/[^"]*)"`)
	checkListPages(t, pages, "/checklists/", checklistRE, folder, func(i int) string { return fmt.Sprintf("/guides/g%04d/", i) })
	// The owners: Guide keeper's pages first, then each team's owner's
	// team, an owner heading its part on every list page it is on.
	ownedRE := regexp.MustCompile(`<li><a href="(/(?:guides|teams)/[^"]*)"`)
	checkListPages(t, pages, "/owners/", ownedRE, folder+teams, func(i int) string {
		if i < folder {
			return fmt.Sprintf("/guides/g%04d/", i)
		}
		return "/teams/"
	})
	for k := 2; k <= folder/model.ListPageSize+1; k++ {
		if html := pages[fmt.Sprintf("/owners/page/%d/", k)]; !strings.Contains(html, `<span class="owner owner-person">Guide keeper</span>`) {
			t.Errorf("/owners/page/%d/ does not head Guide keeper's pages", k)
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

// TestOwnListLayoutShowsAll checks that a site's own tag, checklists and
// owners layouts that show the whole list (.Page.Listed,
// .Model.Checklists, .Model.Owned) get it on one page, with no further
// list pages repeating it.
func TestOwnListLayoutShowsAll(t *testing.T) {
	const n = 150
	src := writeWideSite(t, n, 0, 0, 0)
	layouts := filepath.Join(src, "themes", "default", "layouts")
	writeFile(t, filepath.Join(layouts, "tag.html"), `{{define "main"}}{{template "list-range" .}}{{range .Page.Listed}}<a class="listed" href="{{.URL}}">{{.Title}}</a>{{end}}{{template "list-pager" .}}{{end}}`)
	writeFile(t, filepath.Join(layouts, "checklists.html"), `{{define "main"}}{{range .Model.Checklists .Page.Lang}}<a class="listed" href="{{.Page.URL}}">{{.Page.Title}}</a>{{end}}{{end}}`)
	writeFile(t, filepath.Join(layouts, "owners.html"), `{{define "main"}}{{range .Model.Owned .Page.Lang}}{{range .Pages}}<a class="listed" href="{{.URL}}">{{.Title}}</a>{{end}}{{end}}{{end}}`)
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, list := range []string{"tags/guide/", "checklists/", "owners/"} {
		b, err := os.ReadFile(filepath.Join(dest, list, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(b), `class="listed"`); got != n {
			t.Errorf("/%s lists %d entries, want all %d", list, got, n)
		}
		if _, err := os.Stat(filepath.Join(dest, list, "page", "2")); !os.IsNotExist(err) {
			t.Errorf("/%spage/2/ was written for a layout that shows the whole list (%v)", list, err)
		}
		if strings.Contains(string(b), `rel="next"`) || strings.Contains(string(b), "1–100 of") {
			t.Errorf("/%s shows a pager or a range for the list pages it does not have", list)
		}
	}
}

// TestListPagesShowLayoutNav checks that every list page of a tag shows
// the sidebar the tag's layout defines.
func TestListPagesShowLayoutNav(t *testing.T) {
	src := writeWideSite(t, 150, 0, 0, 0)
	writeFile(t, filepath.Join(src, "themes", "default", "layouts", "tag.html"),
		`{{define "nav"}}<p class="own-nav">Own sidebar</p>{{end}}{{define "main"}}{{range .Listed}}<a href="{{.URL}}">{{.Title}}</a>{{end}}{{end}}`)
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"tags/guide/index.html", "tags/guide/page/2/index.html"} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `class="own-nav"`) {
			t.Errorf("%s does not show the tag layout's sidebar", page)
		}
	}
}

// checkListPages checks that the list at url and its further list pages
// list n entries, found with re, in the order want gives, ListPageSize to
// a page, each page linking to the next. When want gives a folder, any
// entry under it that the list has not listed before will do.
func checkListPages(t *testing.T, pages map[string]string, url string, re *regexp.Regexp, n int, want func(int) string) {
	t.Helper()
	total := (n + model.ListPageSize - 1) / model.ListPageSize
	i, seen := 0, map[string]bool{}
	for k := 1; k <= total+1; k++ {
		u := url
		if k > 1 {
			u = fmt.Sprintf("%spage/%d/", url, k)
		}
		html, ok := pages[u]
		if ok != (k <= total) {
			t.Errorf("list page %s: written %v, want %v", u, ok, k <= total)
			continue
		}
		got := re.FindAllStringSubmatch(mainRE.FindString(html), -1)
		if k <= total && len(got) != min(model.ListPageSize, n-i) {
			t.Errorf("%s lists %d entries, want %d", u, len(got), min(model.ListPageSize, n-i))
		}
		for _, m := range got {
			if w := want(i); m[1] != w && !(strings.HasSuffix(w, "/") && strings.HasPrefix(m[1], w) && !seen[m[1]]) {
				t.Errorf("%s lists %s as entry %d, want %s", u, m[1], i, w)
				return
			}
			seen[m[1]] = true
			i++
		}
		if next := fmt.Sprintf(`href="%spage/%d/" rel="next"`, url, k+1); k < total && !strings.Contains(html, next) {
			t.Errorf("%s does not link to the next list page", u)
		}
	}
}

// TestListPagesRebuild checks that the preview's incremental rebuilds
// keep the list pages of a large folder, of a tag, of the checklists and
// of the owners as a full build makes them: a body edit of the folder's page renders
// them again with it, and removed pages take their list pages away.
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
		checkMatchesFullBuild(t, s.name, mem, src, nil)
	}
	for _, list := range []string{"guides/", "tags/guide/", "checklists/", "owners/"} {
		if _, ok := mem.Snapshot().Get(list + "page/3/index.html"); ok {
			t.Errorf("the third list page of %s outlived the entries it listed", list)
		}
		if _, ok := mem.Snapshot().Get(list + "page/2/index.html"); !ok {
			t.Errorf("no second list page of %s", list)
		}
	}
}
