package theme_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/theme"
)

func layer(name string, files map[string]string) theme.Layer {
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return theme.Layer{Name: name, FS: fsys}
}

func TestLoadLayersAndFallbacks(t *testing.T) {
	base := layer("themes/default", map[string]string{
		"layouts/base.html":       `<main>{{block "main" .}}{{end}}</main>`,
		"layouts/home.html":       `{{define "main"}}home{{end}}`,
		"layouts/section.html":    `{{define "main"}}section{{end}}`,
		"layouts/page.html":       `{{define "main"}}page {{template "x" .}}{{end}}`,
		"layouts/404.html":        `{{define "main"}}404{{end}}`,
		"layouts/partials/x.html": `{{define "x"}}default-x{{end}}`,
		"assets/css/style.css":    "body{}",
	})
	site := layer("themes/default", map[string]string{
		"layouts/partials/x.html": `{{define "x"}}site-x{{end}}`,
		"assets/css/extra.css":    "p{}",
	})
	th, diags := theme.Load([]theme.Layer{site, base}, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, tc := range []struct{ kind, want string }{
		{"page", "<main>page site-x</main>"},
		{"team", "<main>page site-x</main>"}, // falls back to page
		{"roles", "<main>section</main>"},    // falls back to section
		{"home", "<main>home</main>"},
	} {
		var b bytes.Buffer
		if err := th.Execute(&b, tc.kind, nil); err != nil || b.String() != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.kind, b.String(), err, tc.want)
		}
	}
	if got := strings.Join(th.Assets(), ","); got != "css/extra.css,css/style.css" {
		t.Errorf("assets: %s", got)
	}
}

// TestIcon checks the icon function: it gives a theme's icon-NAME
// template, the site's layer winning and a layout's own definition winning
// in that layout, escaped once; it fails, with the reason, for an icon the
// theme lacks, one that fails, and one that places another with icon; and
// an icon no page asks for is never run, so one that would never finish
// does not stop the theme from loading.
func TestIcon(t *testing.T) {
	base := layer("themes/default", map[string]string{
		"layouts/base.html":    `<main>{{block "main" .}}{{end}}</main>`,
		"layouts/home.html":    `{{define "main"}}{{icon "home"}}|{{icon "star"}}|{{icon "home"}}{{end}}`,
		"layouts/section.html": `{{define "main"}}{{icon "nope"}}{{end}}`,
		"layouts/page.html":    `{{define "main"}}{{icon "data"}}{{end}}`,
		"layouts/team.html":    `{{define "main"}}{{icon "nested"}}{{end}}`,
		"layouts/role.html":    `{{define "main"}}{{icon "home"}}{{end}}{{define "icon-home"}}<svg class="role"></svg>{{end}}`,
		"layouts/404.html":     `{{define "main"}}404{{end}}`,
		"layouts/partials/icons.html": `{{define "icon-home"}}<svg class="home"></svg>{{end}}{{define "icon-star"}}<b title="{{"a&b"}}">*</b>{{end}}` +
			`{{define "icon-data"}}{{template "nowhere"}}{{end}}{{define "icon-nested"}}{{icon "home"}}{{end}}{{define "icon-spin"}}{{range 100000000000}}{{end}}{{end}}`,
	})
	site := layer("themes/default", map[string]string{
		"layouts/partials/my.html": `{{define "icon-home"}}<svg class="mine"></svg>{{end}}`,
	})
	th, diags := theme.Load([]theme.Layer{site, base}, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, tc := range []struct{ kind, want, err string }{
		{"home", `<main><svg class="mine"></svg>|<b title="a&amp;b">*</b>|<svg class="mine"></svg></main>`, ""},
		{"role", `<main><svg class="role"></svg></main>`, ""},
		{"section", "", `no icon "nope"`},
		{"page", "", `no such template "nowhere"`},
		{"team", "", "an icon cannot place another with icon"},
	} {
		var b bytes.Buffer
		err := th.Execute(&b, tc.kind, nil)
		switch {
		case tc.err == "" && (err != nil || b.String() != tc.want):
			t.Errorf("%s: %q, %v; want %q", tc.kind, b.String(), err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: %q, %v; want an error saying %q", tc.kind, b.String(), err, tc.err)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	_, diags := theme.Load([]theme.Layer{layer("themes/x", map[string]string{
		"layouts/home.html": "{{define \"main\"}}\n{{if}}\n{{end}}",
	})}, nil)
	got := diags.String()
	for _, want := range []string{"themes/x/layouts/home.html:2: template error: missing value for if", "theme has no page layout"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

// TestStringsFileError checks that a TOML error in a strings file is
// placed at its line, the one whose end it is at.
func TestStringsFileError(t *testing.T) {
	_, diags := theme.LoadStrings([]theme.Layer{layer("themes/x", map[string]string{"i18n/en.toml": "a = \"x\"\n[[b\n"})})
	if got, want := diags.String(), "themes/x/i18n/en.toml:2:4: invalid strings file: expected '.' or ']'"; !strings.HasPrefix(got, want) {
		t.Errorf("diagnostics %q, want %q…", got, want)
	}
}

// TestHugoStrings checks that a strings file as Hugo and go-i18n write
// them, a table per string holding its "other" form, gives the strings,
// and that a value that is neither is an error at its line.
func TestHugoStrings(t *testing.T) {
	s, diags := theme.LoadStrings([]theme.Layer{layer("site", map[string]string{
		"i18n/de.toml": "search = \"Suchen\"\nnumber = 5\n\n[menu]\nother = \"Menü\"\n\n[\"pages\"]\none = \"Seite\"\n\n[bad]\nzero = 0\n",
	})})
	for key, want := range map[string]string{"search": "Suchen", "menu": "Menü", "pages": "Seite"} {
		if got, _ := s.Lookup(key, "de"); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	want := "site/i18n/de.toml:10:1: string \"bad\": want text in quotes, or a table with other = \"text\" as Hugo writes\n" +
		"site/i18n/de.toml:2:1: string \"number\": want text in quotes, or a table with other = \"text\" as Hugo writes"
	if got := strings.TrimSpace(diags.String()); got != want {
		t.Errorf("diagnostics\n%s\nwant\n%s", got, want)
	}
}

// TestBuildTOC checks which headings the table of contents holds: the
// level-2 and level-3 ones, or the level-1 and level-2 ones of a page that
// level-1 headings other than its title divide.
func TestBuildTOC(t *testing.T) {
	for _, tc := range []struct {
		name string
		hs   []model.Heading
		want string
	}{
		{"title and sections", []model.Heading{{Level: 1, ID: "t", IsTitle: true}, {Level: 2, ID: "a"}, {Level: 3, ID: "a1"}, {Level: 4, ID: "x"}, {Level: 2, ID: "b"}}, "a(a1) b"},
		{"level-3 headings first", []model.Heading{{Level: 3, ID: "c"}, {Level: 3, ID: "d"}, {Level: 2, ID: "a"}, {Level: 3, ID: "a1"}}, "c d a(a1)"},
		{"a README: title, ## headings, then # sections", []model.Heading{{Level: 1, ID: "t", IsTitle: true}, {Level: 2, ID: "install"}, {Level: 2, ID: "configure"}, {Level: 1, ID: "reference"}, {Level: 2, ID: "api"}}, "install configure reference(api)"},
		{"a # heading in a quote", []model.Heading{{Level: 2, ID: "a"}, {Level: 3, ID: "a1"}, {Level: 2, ID: "b"}, {Level: 1, ID: "q", Nested: true}}, "a(a1) b"},
		{"# sections and a # heading in a note", []model.Heading{{Level: 1, ID: "install"}, {Level: 2, ID: "linux"}, {Level: 1, ID: "note", Nested: true}, {Level: 2, ID: "macos"}, {Level: 1, ID: "configure"}}, "install(linux macos) configure"},
		{"level-1 sections", []model.Heading{{Level: 1, ID: "before"}, {Level: 2, ID: "run"}, {Level: 1, ID: "submit"}, {Level: 2, ID: "mark"}, {Level: 3, ID: "deep"}}, "before(run) submit(mark)"},
		{"title, then level-1 sections", []model.Heading{{Level: 1, ID: "t", IsTitle: true}, {Level: 2, ID: "intro"}, {Level: 1, ID: "part"}, {Level: 2, ID: "a"}}, "intro part(a)"},
		{"empty headings", []model.Heading{{Level: 2, ID: "real"}, {Level: 3, ID: "section-1", Text: " "}, {Level: 2, ID: "section-2", Text: "\t"}, {Level: 3, ID: "b"}}, "real b"},
		{"an empty # heading", []model.Heading{{Level: 1, ID: "t", IsTitle: true}, {Level: 2, ID: "a"}, {Level: 3, ID: "a1"}, {Level: 1, ID: "section", Text: " "}, {Level: 2, ID: "b"}, {Level: 3, ID: "b1"}}, "a(a1) b(b1)"},
	} {
		for i := range tc.hs {
			if tc.hs[i].Text == "" {
				tc.hs[i].Text = tc.hs[i].ID
			}
		}
		if got := tocString(theme.BuildTOC(tc.hs)); got != tc.want {
			t.Errorf("%s: TOC %q, want %q", tc.name, got, tc.want)
		}
	}
}

// tocString writes a TOC as "a(a1 a2) b".
func tocString(items []theme.TOCItem) string {
	var parts []string
	for _, it := range items {
		s := it.ID
		if len(it.Children) > 0 {
			s += "(" + tocString(it.Children) + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
