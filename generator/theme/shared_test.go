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
// page's language, Site, Model, CollabMap, CollabTeams and Feed; and
// which on every page of a folder: those that read no more than that and
// the page's Parent and Ancestors.
func TestShared(t *testing.T) {
	const (
		lang   = theme.ByLanguage
		folder = theme.ByFolder
		page   = theme.ByPage
	)
	for _, tc := range []struct {
		name, text string
		want       theme.Sharing
	}{
		{"site", `{{.Site.Title}} {{.Site.Home.URL}}`, lang},
		{"lang", `{{T "search" .Page.Lang}}`, lang},
		{"feed", `{{with .Feed}}<link href="{{.}}">{{end}}`, lang},
		{"languages", `{{range $i, $l := .Site.Languages}}{{$i}}{{$l.Code}}{{end}}`, lang},
		{"model", `{{.Model.TagURL .Page.Lang "x"}}`, lang},
		{"lang var", `{{$p := .Page}}{{$l := $p.Lang}}{{upper $l}}`, lang},
		{"partial of lang", `{{template "t" .Page.Lang}}`, lang},
		{"partial of view", `{{template "site" .}}`, lang},
		{"nil partial", `{{template "icon"}}`, lang},
		{"recursive", `{{template "rec" .Site.Languages}}`, lang},
		{"title", `{{.Page.Title}}`, page},
		{"model of page", `{{.Model.TagURL .Page.Lang .Page.Title}}`, page},
		{"nav", `{{.NavHTML}}`, page},
		{"lang links", `{{range .LangLinks}}{{.URL}}{{end}}`, page},
		{"if page", `{{if .Page.Description}}x{{end}}`, page},
		{"with page", `{{with .Page}}{{.Lang}}{{end}}`, page},
		{"view printed", `{{printf "%v" .}}`, page},
		{"page var", `{{$p := .Page}}{{$p.URL}}`, page},
		{"assigned in loop", `{{$x := ""}}{{range .Site.Languages}}{{$x}}{{$x = $.Page.Title}}{{end}}`, page},
		{"partial of page", `{{template "url" .}}`, page},
		{"shared", `{{.Shared "site"}}`, page},
		{"missing partial", `{{template "nowhere" .}}`, page},
		{"cycle through a page template", `{{template "cb" .}}`, page},
		{"ancestors", `{{range $i, $p := .Page.Ancestors}}{{if eq $i 0}}{{$p.URL}}{{else}}{{template "url" $p}}{{end}}{{end}}`, folder},
		{"parent", `{{with .Page.Parent}}{{.Title}}{{T "a" $.Page.Lang}}{{end}}`, folder},
		{"partial of parent", `{{template "t" .Page.Parent.Lang}}{{.Site.Title}}`, folder},
		{"model of parent", `{{.Model.TagURL .Page.Lang .Page.Parent.Title}}`, folder},
		{"parent and page", `{{.Page.Parent.Title}}{{.Page.Title}}`, page},
		{"page inside parent", `{{with .Page.Parent}}{{$.Page.Title}}{{end}}`, page},
		{"parent assigned a page", `{{$p := .Page.Parent}}{{$p = .Page}}{{$p.URL}}`, page},
		{"page read into a variable", `{{$x := slice .Page.Title 0 3}}{{.Site.Title}}`, page},
		{"team read into a variable", `{{$n := .Page.Team.Slug}}{{range .Page.Ancestors}}{{.URL}}{{end}}`, page},
		{"parent read into a variable", `{{$t := .Page.Parent.Title}}{{$t}}`, folder},
		{"view into a variable", `{{$v := .}}{{$v.Site.Title}}`, lang},
		{"parent's page compared", `{{if eq .Page.Parent .Page}}x{{end}}`, page},
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
			if got := th.Sharing("page", "x"); got != tc.want {
				t.Errorf("Sharing(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestSharedError checks that an error in a part placed with Shared is
// reported at the part's template and line.
func TestSharedError(t *testing.T) {
	err := executeParts(t, "{{define \"x\"}}\n{{index .Site.Languages 3}}{{end}}")
	if err == nil {
		t.Fatal("no error")
	}
	if d := theme.TemplateDiag(err, "page"); d.Pos.File != "themes/default/layouts/partials/x.html" || d.Pos.Line != 2 {
		t.Errorf("diagnostic at %v: %v", d.Pos, d.Msg)
	}
}

// TestSharedRecursion checks that a part that places itself with Shared,
// directly or through another, is an error, not an endless recursion.
func TestSharedRecursion(t *testing.T) {
	for _, parts := range []string{
		`{{define "x"}}{{.Shared "x"}}{{end}}`,
		`{{define "x"}}{{$y := .Shared "y"}}{{end}}{{define "y"}}{{.Site.Title}}{{.Shared "x"}}{{end}}`,
	} {
		err := executeParts(t, parts)
		if err == nil || !strings.Contains(err.Error(), `template "x" places itself with .Shared`) {
			t.Errorf("%s: error %v", parts, err)
		}
	}
}

// executeParts executes the page layout of a theme whose base places the
// part "x" with Shared, parts defining it and any others, with a view
// whose Shared executes each part for the page, and returns the error.
func executeParts(t *testing.T, parts string) error {
	t.Helper()
	th, diags := theme.Load([]theme.Layer{layer("themes/default", map[string]string{
		"layouts/base.html":       `<body>{{.Shared "x"}}</body>`,
		"layouts/home.html":       `home`,
		"layouts/section.html":    `section`,
		"layouts/page.html":       `page`,
		"layouts/404.html":        `404`,
		"layouts/partials/x.html": parts,
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
	return th.Execute(new(bytes.Buffer), "page", v)
}
