package build_test

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/theme"
	"github.com/playbookhq/playbook/themes"
)

// searchDefine is the definition of "search" in the default theme's
// partials/search.html.
var searchDefine = regexp.MustCompile(`(?s)\{\{define "search"\}\}.*?\{\{- end\}\}\n`)

// TestSharedParts checks that the parts of the page that the default
// theme renders once per language (the search box, the footer) show
// what a site's own templates for them show on each page: once per
// language when they read only what is the same on every page of it, and
// page by page when they read the page.
func TestSharedParts(t *testing.T) {
	for _, tc := range []struct {
		name, search, footerextra string
	}{
		{"per language", `{{define "search"}}<p class="s">{{T "menu" .Page.Lang}} {{.Site.Title}}</p>{{end}}`, `<p class="f">{{.Site.Title}}</p>`},
		{"per page", `{{define "search"}}<p class="s">{{.Page.Title}}</p>{{end}}`, `<p class="f">{{.Page.URL}}</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			// The site's partials/search.html is the default theme's with
			// another "search".
			def, err := fs.ReadFile(themes.Default(), "layouts/partials/search.html")
			if err != nil || !searchDefine.Match(def) {
				t.Fatal("no search template in the default theme", err)
			}
			search := searchDefine.ReplaceAllLiteralString(string(def), tc.search+"\n")
			files := map[string]string{
				"playbook.toml":        "title = \"Handbook\"\n\n[languages.sv]\ntitle = \"Handbok\"\n",
				"content/_index.md":    "# Home\n",
				"content/a.md":         "---\ntitle: Page A\n---\nA.\n",
				"content/b.md":         "---\ntitle: Page B\n---\nB.\n",
				"content/_index.sv.md": "# Hem\n",
				"content/a.sv.md":      "---\ntitle: Sida A\n---\nA.\n",
				"themes/default/layouts/partials/search.html": search,
				"themes/default/layouts/page.html":            `{{define "main"}}{{.Content}}{{end}}{{define "footerextra"}}` + tc.footerextra + `{{end}}`,
			}
			for name, text := range files {
				writeFile(t, filepath.Join(src, name), text)
			}
			dest := filepath.Join(src, "public")
			if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
				t.Fatal(err)
			}
			for _, p := range []struct{ file, title, url, site, menu string }{
				{"a/index.html", "Page A", "/a/", "Handbook", "Menu"},
				{"b/index.html", "Page B", "/b/", "Handbook", "Menu"},
				{"sv/a/index.html", "Sida A", "/sv/a/", "Handbok", "Meny"},
			} {
				got := read(t, dest, p.file)
				want := []string{`<p class="s">` + p.menu + ` ` + p.site + `</p>`, `<p class="f">` + p.site + `</p>`}
				if tc.name == "per page" {
					want = []string{`<p class="s">` + p.title + `</p>`, `<p class="f">` + p.url + `</p>`}
				}
				for _, w := range want {
					if !strings.Contains(got, w) {
						t.Errorf("%s lacks %s", p.file, w)
					}
				}
			}
		})
	}
}

// TestDefaultThemeSharesParts checks that the parts of a page that the
// default theme places with .Shared are rendered once per language (or
// folder), not for each page: each is a template that must read nothing
// of the page but what its pages share.
func TestDefaultThemeSharesParts(t *testing.T) {
	th, diags := theme.Load([]theme.Layer{{Name: "themes/default", FS: themes.Default()}}, theme.Funcs("", nil))
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	for name, want := range map[string]theme.Sharing{
		"head-links": theme.ByLanguage, "menu-buttons": theme.ByLanguage, "brand": theme.ByLanguage,
		"search": theme.ByLanguage, "site-footer": theme.ByLanguage, "checklist-tools": theme.ByLanguage,
		"nav-generated-links": theme.ByLanguage, "breadcrumbs": theme.ByFolder,
	} {
		for _, layout := range []string{"page", "section", "team", "role", "checklists", "tag"} {
			if got := th.Sharing(layout, name); got != want {
				t.Errorf("%s in the %s layout: Sharing = %v, want %v", name, layout, got, want)
			}
		}
	}
}
