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

func TestBuildTOC(t *testing.T) {
	toc := theme.BuildTOC([]model.Heading{{Level: 1, ID: "t"}, {Level: 2, ID: "a"}, {Level: 3, ID: "a1"}, {Level: 4, ID: "x"}, {Level: 2, ID: "b"}})
	if len(toc) != 2 || toc[0].ID != "a" || len(toc[0].Children) != 1 || toc[1].ID != "b" {
		t.Errorf("TOC: %+v", toc)
	}
}
