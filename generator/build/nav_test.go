package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
				nav, err := fs.ReadFile(themes.Default(), "layouts/partials/nav.html")
				if err != nil {
					t.Fatal(err)
				}
				const current = `{{if .Active}} aria-current="page"{{end}}`
				if !strings.Contains(string(nav), current) {
					t.Fatalf("the default nav template has no %s", current)
				}
				writeFile(t, filepath.Join(src, "themes/default/layouts/partials/nav.html"), strings.Replace(string(nav), current, "{{if .Active}} "+tt.mark+"{{end}}", 1))
			}
			if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
				t.Fatal(err)
			}
			sidebar := regexp.MustCompile(`(?s)<nav class="site-nav"[^>]*>(.*?)</nav>`)
			link := regexp.MustCompile(`<a [^>]*href="([^"]*)"[^>]*` + regexp.QuoteMeta(tt.mark))
			checked := 0
			err := filepath.WalkDir(filepath.Join(src, "public"), func(p string, d os.DirEntry, err error) error {
				if err != nil || d.Name() != "index.html" {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(filepath.Join(src, "public"), filepath.Dir(p))
				url := "/" + strings.TrimPrefix(filepath.ToSlash(rel)+"/", "./")
				m := sidebar.FindSubmatch(b)
				if m == nil {
					t.Errorf("%s: no sidebar", url)
					return nil
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
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if checked < len(pages) {
				t.Errorf("checked %d pages", checked)
			}
		})
	}
}
