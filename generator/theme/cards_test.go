package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/source"
)

// cardsTemplates are the default theme's templates that CardItems,
// TagCards, ChecklistRows and PageTitle replace, as they were.
const cardsTemplates = `
{{define "icon-arrow-right"}}<svg class="icon" aria-hidden="true"><path d="M5 12h14"/></svg>{{end}}
{{define "icon-checklist"}}<svg class="icon icon-checklist"></svg>{{end}}
{{define "t-checklists"}}{{T "checklists" .}}{{end}}
{{define "t-owners"}}{{T "owners" .}}{{end}}
{{define "t-tags"}}{{T "tags" .}}{{end}}
{{define "page-title"}}{{if .Generated}}{{if eq .Layout "checklists"}}{{template "t-checklists" .Lang}}{{else if eq .Layout "owners"}}{{template "t-owners" .Lang}}{{else if eq .Layout "tags"}}{{template "t-tags" .Lang}}{{else}}{{.Title}}{{end}}{{else}}{{.Title}}{{end}}{{end}}
{{define "icon-arrow-left"}}<svg class="icon left"></svg>{{end}}
{{define "t-pager"}}{{T "pager" .}}{{end}}
{{define "t-prev"}}{{T "prev" .}}{{end}}
{{define "t-next"}}{{T "next" .}}{{end}}
{{define "pager"}}
{{- $p := .Page}}
{{- if or $p.Prev $p.Next}}{{$l := $p.Lang}}
<nav class="pager" aria-label="{{template "t-pager" $l}}">
{{- with $p.Prev}}
<a class="pager-link pager-prev" href="{{.URL}}" rel="prev"><span class="pager-label">{{template "icon-arrow-left"}}{{template "t-prev" $l}}</span><span class="pager-title">{{.Title}}</span></a>
{{- end}}
{{- with $p.Next}}
<a class="pager-link pager-next" href="{{.URL}}" rel="next"><span class="pager-label">{{template "t-next" $l}}{{template "icon-arrow-right"}}</span><span class="pager-title">{{.Title}}</span></a>
{{- end}}
</nav>
{{- end}}
{{- end}}
{{define "cards"}}
{{- range .}}
<li class="card{{if .Children}} card-section{{end}}">
<h3 class="card-title"><a class="card-link" href="{{.URL}}">{{.Title}}</a></h3>
{{- with .Description}}
<p class="card-text">{{.}}</p>
{{- end}}
{{template "icon-arrow-right"}}
</li>
{{- end}}
{{- end}}
{{define "tag-cards"}}
{{- range .}}
<li class="card">
<h2 class="card-title"><a class="card-link" href="{{.URL}}">{{.Title}}</a></h2>
{{- with .Parent}}{{if .Parent}}<p class="card-kicker">{{template "page-title" .}}</p>{{end}}{{end}}
{{- with .Description}}
<p class="card-text">{{.}}</p>
{{- end}}
{{template "icon-arrow-right"}}
</li>
{{- end}}
{{- end}}
{{define "checklist-rows"}}
{{- $section := "-"}}{{$page := ""}}
{{- range .Lists}}
{{- $g := .Group}}
{{- if ne $g.URL $section}}{{if ne $section "-"}}
</tbody>{{end}}
<tbody>
<tr class="group-row"><th scope="rowgroup" colspan="3">{{template "page-title" $g}}</th></tr>
{{- $section = $g.URL}}{{end}}
<tr{{if eq .Page.URL $page}} class="same-page"{{end}}><td>{{if ne .Page.URL $page}}<a href="{{.Page.URL}}">{{.Page.Title}}</a>{{else}}<span class="visually-hidden">{{.Page.Title}}</span>{{end}}</td><th scope="row"><a href="{{.Page.URL}}{{with .Heading}}#{{.}}{{end}}">{{template "icon-checklist"}}<span>{{or .HeadingText .Page.Title}}</span></a></th><td class="num" data-checklist-page="{{$.BasePath}}/{{.Page.ChecklistPath}}" data-checklist-items="{{range $i, $it := .Items}}{{if $i}} {{end}}{{$it.ID}}{{if $it.Checked}}:x{{end}}{{end}}"><span class="item-count">{{len .Items}}</span></td></tr>
{{- $page = .Page.URL}}
{{- end}}
{{- if .Lists}}
</tbody>
{{- end}}
{{- end}}`

// TestCardLists checks that the generated lists rendered in Go write what
// the default theme's templates they replace wrote, on pages whose titles,
// descriptions, headings and paths need escaping, generated folder pages,
// a page with two checklists in a row and ticked items.
func TestCardLists(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":                     {Data: []byte("---\ntitle: Home\n---\n- [ ] at home\n")},
		"top.md":                        {Data: []byte("---\ntitle: Top & \"first\"\ndescription: <b>bold</b> + 'quoted'\ntags: [x]\n---\n## Steg <1> & två\n\n- [x] one\n- [ ] two\n\n## Andra\n\n- [ ] three\n")},
		"lager & logistik/_index.md":    {Data: []byte("---\ntitle: Lager <&> logistik\ndescription: Where stock lives\n---\n")},
		"lager & logistik/första.md":    {Data: []byte("---\ntitle: Första veckan\ntags: [x]\n---\n- [ ] intro\n")},
		"lager & logistik/sub/deep.md":  {Data: []byte("---\ntitle: Deep\ntags: [x]\n---\n# Deep\n\n- [ ] a\n- [x] b\n")},
		"generated/page.md":             {Data: []byte("---\ntitle: In a generated folder\ndescription: d\ntags: [x]\n---\n### Häng med?\n\n- [ ] go\n")},
		"generated/other/javascript.md": {Data: []byte("---\ntitle: \"javascript:alert(1)\"\n---\nText.\n")},
	}
	set, diags := source.Load(t.Context(), fsys, source.Options{})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	// The pages' checklists, as the Markdown parser would find them: by
	// heading id, with the heading's text.
	heads := map[string][]model.Heading{
		"top.md":                       {{Level: 2, Text: "Steg <1> & två", ID: "steg-1-&-två"}, {Level: 2, Text: "Andra", ID: "andra"}},
		"generated/page.md":            {{Level: 3, Text: "Häng med?", ID: "häng med?"}},
		"lager & logistik/sub/deep.md": {{Level: 1, Text: "Deep", IsTitle: true}},
	}
	tasks := map[string][]model.Task{
		"_index.md":                    {{ID: "at-home", Text: "at home"}},
		"top.md":                       {{ID: "one", Checked: true, Heading: "steg-1-&-två"}, {ID: "t\"wo<", Heading: "steg-1-&-två"}, {ID: "three", Heading: "andra"}},
		"lager & logistik/första.md":   {{ID: "intro"}},
		"lager & logistik/sub/deep.md": {{ID: "a"}, {ID: "b", Checked: true}},
		"generated/page.md":            {{ID: "go", Heading: "häng med?"}},
	}
	var inputs []*model.PageInput
	for _, doc := range set.Docs {
		inputs = append(inputs, &model.PageInput{Doc: doc, Headings: heads[doc.Path], Tasks: tasks[doc.Path]})
	}
	site, _ := model.Build(inputs, model.Options{Languages: []string{"en"}, BasePath: "/hb & co"})
	strs, diags := LoadStrings([]Layer{{Name: "site", FS: fstest.MapFS{
		"i18n/en.toml": {Data: []byte("checklists = \"All <checklists>\"\ntags = \"Tags & more\"\nowners = \"Owners\"\nprev = \"<Förra>\"\nnext = \"Nästa & sista\"\npager = \"Sidor \\\"fram\\\"\"\n")},
	}}})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	tpl := template.Must(template.New("").Funcs(template.FuncMap{"T": strs.T}).Parse(cardsTemplates))
	exec := func(name string, data any) string {
		var b strings.Builder
		if err := tpl.ExecuteTemplate(&b, name, data); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	arrow := template.HTML(exec("icon-arrow-right", nil))
	check := template.HTML(exec("icon-checklist", nil))
	pages := site.Pages()
	lists := site.Checklists("en")
	// A group at "-", which the templates' first group stood for: no
	// built page has that URL, but the rows must still match.
	dash := []*model.Checklist{{Page: &model.Page{URL: "-", Kind: model.KindPage}}}
	if len(lists) < 5 {
		t.Fatalf("%d checklists, want the test's 5 or more", len(lists))
	}
	for _, tt := range []struct {
		name      string
		got, want string
		has       string // something want must hold, so that the case tests it
	}{
		{"cards", string(CardItems(pages, arrow)), exec("cards", pages), "card-section"},
		{"cards of none", string(CardItems(nil, arrow)), exec("cards", []*model.Page(nil)), ""},
		{"tag cards", string(TagCards(pages, arrow, strs)), exec("tag-cards", pages), "card-kicker"},
		{"checklist rows", string(ChecklistRows(lists, "/hb & co", check, strs)), exec("checklist-rows", map[string]any{"Lists": lists, "BasePath": "/hb & co"}), "same-page"},
		{"checklist rows of a page at \"-\"", string(ChecklistRows(dash, "", check, strs)), exec("checklist-rows", map[string]any{"Lists": dash, "BasePath": ""}), "</tbody>"},
		{"checklist rows of none", string(ChecklistRows(nil, "", check, strs)), exec("checklist-rows", map[string]any{"Lists": []*model.Checklist(nil), "BasePath": ""}), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, tt.got, tt.want)
		}
		if !strings.Contains(tt.want, tt.has) {
			t.Errorf("%s: no %q in %s", tt.name, tt.has, tt.want)
		}
	}
	left := template.HTML(exec("icon-arrow-left", nil))
	ends := 0
	for _, p := range append(pages, nil) {
		want := ""
		if p != nil {
			want = exec("pager", map[string]*model.Page{"Page": p})
			if p.Prev == nil || p.Next == nil {
				ends++
			}
		}
		if got := string(PagerLinks(p, left, arrow, strs)); got != want {
			t.Errorf("PagerLinks(%v):\n got %s\nwant %s", p, got, want)
		}
	}
	if ends < 2 {
		t.Errorf("%d pages without a page before or after, want the first and the last", ends)
	}
	// The site's pages include its generated checklist and tag indexes,
	// whose titles come from the interface strings.
	translated := 0
	for _, p := range pages {
		want := exec("page-title", p)
		var got strings.Builder
		writeText(&got, PageTitle(p, strs))
		if got.String() != want {
			t.Errorf("PageTitle(%s) = %s, want %s", p.URL, got.String(), want)
		}
		if PageTitle(p, strs) != p.Title {
			translated++
		}
	}
	if translated < 2 {
		t.Errorf("%d pages titled by an interface string, want the checklists' and the tags' indexes", translated)
	}
}
