package theme_test

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/theme"
)

// TestShared checks which templates the theme says write the same on
// every page of a language: those that read nothing of the view but the
// page's language, Site, Model, CollabMap, CollabTeams and Feed.
func TestShared(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"site", `{{.Site.Title}} {{.Site.Home.URL}}`, true},
		{"lang", `{{T "search" .Page.Lang}}`, true},
		{"feed", `{{with .Feed}}<link href="{{.}}">{{end}}`, true},
		{"languages", `{{range $i, $l := .Site.Languages}}{{$i}}{{$l.Code}}{{end}}`, true},
		{"model", `{{.Model.TagURL .Page.Lang "x"}}`, true},
		{"lang var", `{{$p := .Page}}{{$l := $p.Lang}}{{upper $l}}`, true},
		{"partial of lang", `{{template "t" .Page.Lang}}`, true},
		{"partial of view", `{{template "site" .}}`, true},
		{"nil partial", `{{template "icon"}}`, true},
		{"recursive", `{{template "rec" .Site.Languages}}`, true},
		{"title", `{{.Page.Title}}`, false},
		{"model of page", `{{.Model.TagURL .Page.Lang .Page.Title}}`, false},
		{"nav", `{{.NavHTML}}`, false},
		{"lang links", `{{range .LangLinks}}{{.URL}}{{end}}`, false},
		{"if page", `{{if .Page.Description}}x{{end}}`, false},
		{"with page", `{{with .Page}}{{.Lang}}{{end}}`, false},
		{"view printed", `{{printf "%v" .}}`, false},
		{"page var", `{{$p := .Page}}{{$p.URL}}`, false},
		{"assigned in loop", `{{$x := ""}}{{range .Site.Languages}}{{$x}}{{$x = $.Page.Title}}{{end}}`, false},
		{"partial of page", `{{template "url" .}}`, false},
		{"shared", `{{.Shared "site"}}`, false},
		{"missing partial", `{{template "nowhere" .}}`, false},
		{"cycle through a page template", `{{template "cb" .}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			th, diags := theme.Load([]theme.Layer{layer("themes/default", map[string]string{
				"layouts/base.html":       `{{block "main" .}}{{end}}`,
				"layouts/home.html":       `{{define "main"}}home{{end}}`,
				"layouts/section.html":    `{{define "main"}}section{{end}}`,
				"layouts/page.html":       `{{define "main"}}{{template "x" .}}{{end}}`,
				"layouts/404.html":        `{{define "main"}}404{{end}}`,
				"layouts/partials/x.html": `{{define "x"}}` + tc.text + `{{end}}`,
				"layouts/partials/p.html": `{{define "t"}}{{T "a" .}}{{end}}{{define "site"}}{{.Site.Title}}{{end}}` +
					`{{define "icon"}}<svg></svg>{{end}}{{define "url"}}{{.Page.URL}}{{end}}` +
					`{{define "rec"}}{{range .}}{{.Code}}{{template "rec" .Home.Children}}{{end}}{{end}}` +
					`{{define "ca"}}{{if .Site.Title}}{{template "cb" .}}{{end}}{{.Page.Title}}{{end}}` +
					`{{define "cb"}}x{{if .Site.Params}}{{template "ca" .}}{{end}}{{end}}`,
			})}, theme.Funcs("", nil))
			if strings.Contains(tc.text, "nowhere") {
				if th == nil {
					return // the theme may refuse the template outright
				}
			} else if diags.Err() != nil {
				t.Fatal(diags)
			}
			if got := th.Shared("page", "x"); got != tc.want {
				t.Errorf("Shared(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestSharedError checks that an error in a part placed with Shared is
// reported at the part's template and line.
func TestSharedError(t *testing.T) {
	th, diags := theme.Load([]theme.Layer{layer("themes/default", map[string]string{
		"layouts/base.html":       `<body>{{.Shared "x"}}</body>`,
		"layouts/home.html":       `home`,
		"layouts/section.html":    `section`,
		"layouts/page.html":       `page`,
		"layouts/404.html":        `404`,
		"layouts/partials/x.html": "{{define \"x\"}}\n{{index .Site.Languages 3}}{{end}}",
	})}, nil)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	v := &theme.PageView{Site: &theme.SiteView{}, Page: &model.Page{}}
	v.SharedRender = func(name string) (template.HTML, error) {
		var b bytes.Buffer
		err := th.ExecuteTemplate(&b, "page", name, v)
		return template.HTML(b.String()), err
	}
	err := th.Execute(new(bytes.Buffer), "page", v)
	if err == nil {
		t.Fatal("no error")
	}
	if d := theme.TemplateDiag(err, "page"); d.Pos.File != "themes/default/layouts/partials/x.html" || d.Pos.Line != 2 {
		t.Errorf("diagnostic at %v: %v", d.Pos, d.Msg)
	}
}
