package build_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/themes"
)

// TestSidebar checks that every page's sidebar marks the page itself as
// current, and only it, both with the default theme (whose sidebar is
// rendered once per folder) and with a theme that marks the current page
// its own way (whose sidebar is rendered for each page).
func TestSidebar(t *testing.T) {
	pages := map[string]string{
		"content/_index.md":              "# Home\n",
		"content/teams/_index.md":        "# Teams\n",
		"content/teams/it/_index.md":     "# IT\n",
		"content/teams/it/servers.md":    "# Servers\n",
		"content/teams/it/laptops.md":    "# Laptops\n",
		"content/teams/it/Säkerhet.md":   "# Säkerhet\n",
		"content/teams/it/ops/_index.md": "# Ops\n",
		"content/teams/it/ops/night.md":  "# Night shift\n",
		"content/teams/data.md":          "# Data\n",
		"content/guides/start.md":        "# Start\n",
	}
	for _, tt := range []struct {
		name, mark string
	}{
		{"default theme", `aria-current="page"`},
		{"own marking", `class="here"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			for name, text := range pages {
				writeFile(t, filepath.Join(src, name), text)
			}
			if tt.mark != `aria-current="page"` {
				// A theme's own "nav", ranging over the entries itself in
				// place of the default theme's navList.
				nav, err := fs.ReadFile(themes.Default(), "layouts/partials/nav.html")
				if err != nil {
					t.Fatal(err)
				}
				const navList = `{{define "nav"}}{{navList .}}{{end}}`
				if !strings.Contains(string(nav), navList) {
					t.Fatalf("the default nav template has no %s", navList)
				}
				own := `{{define "nav"}}<ul class="nav-list">{{range .}}<li>{{if .URL}}<a href="{{.URL}}"{{if .Active}} ` + tt.mark + `{{end}}>{{.Title}}</a>{{else}}{{.Title}}{{end}}{{if .Children}}{{template "nav" .Children}}{{end}}</li>{{end}}</ul>{{end}}`
				writeFile(t, filepath.Join(src, "themes/default/layouts/partials/nav.html"), strings.Replace(string(nav), navList, own, 1))
			}
			if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
				t.Fatal(err)
			}
			sidebar := regexp.MustCompile(`(?s)<nav class="site-nav"[^>]*>(.*?)</nav>`)
			link := regexp.MustCompile(`<a [^>]*href="([^"]*)"[^>]*` + regexp.QuoteMeta(tt.mark))
			checked := 0
			eachPage(t, filepath.Join(src, "public"), func(url string, b []byte) {
				m := sidebar.FindSubmatch(b)
				if m == nil {
					t.Errorf("%s: no sidebar", url)
					return
				}
				marked := link.FindAllSubmatch(m[1], -1)
				want := 1
				if url == "/" {
					want = 0 // the sidebar lists what is under the home page
				}
				if len(marked) != want || want == 1 && string(marked[0][1]) != url {
					t.Errorf("%s: marked links %q", url, marked)
				}
				if n := strings.Count(string(m[1]), tt.mark); n != len(marked) {
					t.Errorf("%s: %d marks, %d on links", url, n, len(marked))
				}
				checked++
			})
			if checked < len(pages) {
				t.Errorf("checked %d pages", checked)
			}
		})
	}
}

// TestGeneratedListMarksOpenPage checks that the links to the generated
// list pages under the sidebar mark the open page, and only on that page:
// with the default theme, whose links are rendered once per language and
// marked by .Current; with a site's own "nav-generated", or own links
// that mark the page themselves, which .Current leaves as they are; and
// with "nav-generated" placed a second time, as a site's older copy of
// base.html or a partial of its own may.
func TestGeneratedListMarksOpenPage(t *testing.T) {
	pages := map[string]string{
		"content/_index.md":          "# Home\n",
		"content/teams/_index.md":    "# Teams\n",
		"content/teams/it.md":        "---\ntitle: IT\ntags: [hardware]\n---\n\n## Onboarding\n\n- [ ] Get a laptop\n",
		"content/teams/data.md":      "---\ntitle: Data\ntags: [hardware]\n---\nData.\n",
		"content/_index.sv.md":       "# Hem\n",
		"content/teams/it.sv.md":     "---\ntitle: IT\ntags: [hårdvara]\n---\n\n## Introduktion\n\n- [ ] Hämta en dator\n",
		"content/teams/_index.sv.md": "# Team\n",
		"playbook.toml":              "title = \"Handbook\"\n\n[languages.sv]\ntitle = \"Handbok\"\n",
	}
	ownList := `<ul class="nav-list nav-generated">{{range .Model.ListPages .Page.Lang}}<li><a href="{{.URL}}"{{if eq .URL $.Page.URL}} aria-current="page"{{end}}>{{.Title}}</a></li>{{end}}</ul>`
	for _, tt := range []struct {
		name, partial string
		lists         int // lists of generated pages on each page
	}{
		{"default theme", "", 1},
		{"own list", `{{define "nav-generated"}}` + ownList + `{{end}}`, 1},
		{"own links that mark the page", `{{define "nav-generated-links"}}` + ownList + `{{end}}`, 1},
		{"the list placed again", `{{define "sidebarextra"}}<div class="more">{{template "nav-generated" .}}</div>{{end}}`, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			for name, text := range pages {
				writeFile(t, filepath.Join(src, name), text)
			}
			if tt.partial != "" {
				writeFile(t, filepath.Join(src, "themes/default/layouts/partials/zz-own.html"), tt.partial)
			}
			if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
				t.Fatal(err)
			}
			list := regexp.MustCompile(`(?s)<ul class="nav-list nav-generated">(.*?)</ul>`)
			marked := regexp.MustCompile(`<a href="([^"]*)" aria-current="page">`)
			lists := map[string]bool{"/checklists/": true, "/tags/": true, "/sv/checklists/": true, "/sv/tags/": true}
			seen := map[string]bool{}
			eachPage(t, filepath.Join(src, "public"), func(url string, b []byte) {
				all := list.FindAllSubmatch(b, -1)
				if len(all) != tt.lists {
					t.Errorf("%s: %d lists of generated pages, want %d", url, len(all), tt.lists)
				}
				for _, m := range all {
					got := marked.FindAllSubmatch(m[1], -1)
					switch {
					case lists[url] && (len(got) != 1 || string(got[0][1]) != url):
						t.Errorf("%s: marked %q, want the page itself", url, got)
					case !lists[url] && len(got) != 0:
						t.Errorf("%s: marked %q, want none", url, got)
					}
					if n := strings.Count(string(m[1]), "aria-current"); n != len(got) {
						t.Errorf("%s: %d aria-current in the list", url, n)
					}
				}
				seen[url] = true
			})
			for url := range lists {
				if !seen[url] {
					t.Errorf("no page %s", url)
				}
			}
			for _, url := range []string{"/teams/it/", "/tags/hardware/", "/sv/teams/it/"} {
				if !seen[url] {
					t.Errorf("no page %s", url)
				}
			}
		})
	}
}

// eachPage calls fn with the URL and the HTML of every page of the site
// built into public.
func eachPage(t *testing.T, public string, fn func(url string, html []byte)) {
	t.Helper()
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(public, filepath.Dir(p))
		fn("/"+strings.TrimPrefix(filepath.ToSlash(rel)+"/", "./"), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// buildSite builds a site of the given content files (paths under
// content/) into its public/ folder, which it returns, failing the test
// when the build fails.
func buildSite(t *testing.T, files map[string]string) string {
	t.Helper()
	src := writeSite(t, files)
	dest := filepath.Join(src, "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	return dest
}

// TestPageBesideFolderListsPages checks that guide.md, the page of the
// folder guide/ beside it, lists the folder's pages as cards, as a
// folder's _index.md does, and that its pages do not.
func TestPageBesideFolderListsPages(t *testing.T) {
	dest := buildSite(t, map[string]string{
		"_index.md":    "# Home\n\n[Guide](guide.md)\n",
		"guide.md":     "---\ntitle: Guide\n---\nIntro text.\n",
		"guide/one.md": "# Step one\n",
		"guide/two.md": "# Step two\n",
	})
	page := read(t, dest, "guide/index.html")
	i := strings.Index(page, `<section class="children"`)
	if i < 0 {
		t.Fatalf("guide.md lists no pages:\n%s", page)
	}
	for _, u := range []string{`href="/guide/one/"`, `href="/guide/two/"`} {
		if !strings.Contains(page[i:], u) {
			t.Errorf("the list lacks %s", u)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "guide/one/index.html")); strings.Contains(string(b), `<section class="children"`) {
		t.Error("a page without pages of its own lists some")
	}
}

// TestLinkWithoutText checks that a link written without text, as MyST
// writes one to a target, shows the title of what it leads to, and one
// that leads nowhere its destination, never an empty link.
func TestLinkWithoutText(t *testing.T) {
	b := read(t, buildSite(t, map[string]string{
		"_index.md": "# Home\n\nSee [](#setup), [](guide.md) and [](https://example.com/x).\n",
		"guide.md":  "# The guide\n\n(setup)=\n## Setting up & running\n",
	}), "index.html")
	want := `<p>See <a href="/guide/#setting-up-and-running">Setting up &amp; running</a>, <a href="/guide/">The guide</a> and <a href="https://example.com/x">https://example.com/x</a>.</p>`
	if !strings.Contains(b, want) {
		t.Errorf("the home page lacks\n%s\nin\n%s", want, b)
	}
}

// TestChecklistGroups checks the groups of the checklist index: a page's
// checklists under its folder's page, a folder's own under it, and a
// top-level page's under the home page, never under the group before,
// and each group once.
func TestChecklistGroups(t *testing.T) {
	b := read(t, buildSite(t, map[string]string{
		"_index.md":         "# Home\n\n- [ ] h1\n",
		"alpha/tmpl/t.md":   "# Template page\n\n- [ ] one\n",
		"beta/README.md":    "# Beta section\n\n## Beta list\n\n- [ ] b1\n",
		"beta/b2.md":        "# B2\n\n- [ ] b2\n",
		"checklist.md":      "# Root checklist\n\n## Root list\n\n- [ ] r1\n",
		"gamma/_index.md":   "# Gamma\n",
		"gamma/g1.md":       "# G1\n\n- [ ] g1\n",
		"zeta-checklist.md": "# Zeta\n\n- [ ] z1\n",
	}), "checklists/index.html")
	re := regexp.MustCompile(`<th scope="rowgroup" colspan="3">([^<]*)</th>|<span>([^<]*)</span></a></th>`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(b, -1) {
		if m[1] != "" {
			got = append(got, "["+m[1]+"]")
		} else {
			got = append(got, m[2])
		}
	}
	want := "[Home] Home Root list Zeta [Tmpl] Template page [Beta section] Beta list B2 [Gamma] G1"
	if strings.Join(got, " ") != want {
		t.Errorf("the checklist index reads\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}

// TestPartialsAreNoPages checks that a Markdown file whose name starts
// with "_" is no page, and that a page may include it, while a link to it
// says why it leads nowhere.
func TestPartialsAreNoPages(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":          "# Home\n\n[Guide](guide/)\n",
		"guide/_index.md":    "# Guide\n\n{{$include _intro.md}}\n\n[intro](_intro.md)\n",
		"guide/_intro.md":    "Welcome to the guide.\n",
		"guide/_Sidebar.md":  "- [Guide](_index.md)\n",
		"guide/_index.sv.md": "# Guide\n",
	})
	dest := filepath.Join(src, "public")
	_, err := newBuilder(src, dest).Build(t.Context())
	var le *diag.ListError
	if !errors.As(err, &le) || len(le.List) != 1 || !strings.Contains(le.List[0].Msg, `is a partial, not a page`) {
		t.Fatalf("want one error for the link to the partial, got %v", err)
	}
	dest = buildSite(t, map[string]string{
		"_index.md":         "# Home\n\n[Guide](guide/)\n",
		"guide/_index.md":   "# Guide\n\n{{$include _intro.md}}\n",
		"guide/_intro.md":   "Welcome to the guide.\n",
		"guide/_Sidebar.md": "- [Guide](_index.md)\n",
	})
	for _, gone := range []string{"guide/intro/index.html", "guide/sidebar/index.html", "guide/_intro/index.html", "guide/_Sidebar.md", "guide/_intro.md"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); err == nil {
			t.Errorf("%s is published", gone)
		}
	}
	if !strings.Contains(read(t, dest, "guide/index.html"), "Welcome to the guide.") {
		t.Error("the guide does not include its partial")
	}
}

// TestSummaryPartsLeadSomewhere checks that a GitBook part the sidebar has
// no room to open links to its first page instead of being a label that
// leads nowhere.
func TestSummaryPartsLeadSomewhere(t *testing.T) {
	files := map[string]string{"README.md": "# Home\n", "contact.md": "# Contact us\n"}
	summary := "# Summary\n\n* [Home](README.md)\n\n## Part A\n\n"
	for i := 1; i <= 21; i++ { // more than the 20 entries of parts a sidebar opens
		name := fmt.Sprintf("a%d.md", i)
		files[name] = fmt.Sprintf("# A%d\n", i)
		summary += fmt.Sprintf("* [A%d](%s)\n", i, name)
	}
	files["SUMMARY.md"] = summary + "\n## Help\n\n* [Contact us](contact.md)\n"
	b := read(t, buildSite(t, files), "index.html")
	if want := `<a href="/contact/">Help</a>`; !strings.Contains(b, want) {
		t.Errorf("the home page's navigation lacks %s:\n%s", want, b)
	}
}
