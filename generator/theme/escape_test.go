package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/source"
)

// escapeContexts prints a value in each context the Go-rendered lists
// write one: a whole link, a fragment, an attribute and text.
var escapeContexts = template.Must(template.New("").Parse(`<a href="{{.}}">{{.}}</a><a href="#{{.}}" lang="{{.}}">`))

// goEscaped writes s in the same contexts with the view's escapers.
func goEscaped(s string) string {
	var b strings.Builder
	b.WriteString(`<a href="`)
	writeURL(&b, s, true)
	b.WriteString(`">`)
	writeText(&b, s)
	b.WriteString(`</a><a href="#`)
	writeURL(&b, s, false)
	b.WriteString(`" lang="`)
	writeText(&b, s)
	b.WriteString(`">`)
	return b.String()
}

var escapeSeeds = []string{
	"", "/handbook/teams/marketing/", "/sv/team/lager-och-logistik/", "https://example.com/a?b=c&d=e#f",
	"javascript:alert(1)", "JavaScript:x", "data:text/html,x", "mailto:a@b.c", "HTTP://x", "./a:b", "a/b:c",
	`"><script>alert('x')</script>`, "a+b c%20d%zz%4", "ansvar-för-kundtjänst", "\x00\xff\xfe<>&'\"+",
	"#top", "?q=1", "%", "%2", "ü/%C3%BC", "x\u2028y", "[ipv6]:80/!$*,;=@~",
}

// TestEscapersMatch checks the escapers against html/template on the
// seeds; FuzzEscapersMatch goes on from them.
func TestEscapersMatch(t *testing.T) {
	for _, s := range escapeSeeds {
		checkEscaped(t, s)
	}
}

func FuzzEscapersMatch(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(checkEscaped)
}

func checkEscaped(t *testing.T, s string) {
	var want strings.Builder
	if err := escapeContexts.Execute(&want, s); err != nil {
		t.Fatal(err)
	}
	if got := goEscaped(s); got != want.String() {
		t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
	}
}

// TestTOCItems checks that the view renders the table of contents as the
// default theme's "toc-items" template, which it replaces, did.
func TestTOCItems(t *testing.T) {
	tpl := template.Must(template.New("toc-items").Parse(`
{{- range .}}
<li><a href="#{{.ID}}">{{.Text}}</a>{{with .Children}}<ol class="toc-list">{{template "toc-items" .}}</ol>{{end}}</li>
{{- end}}`))
	for _, toc := range [][]TOCItem{
		nil,
		{{Text: "Ansvar", ID: "ansvar"}},
		{{Text: "Who & why <b>", ID: "who--why-b", Children: []TOCItem{{Text: "Första veckan", ID: "första-veckan"}, {Text: `"q" + 'a'`, ID: "q--a"}}}, {Text: "Next", ID: "next"}},
	} {
		var want strings.Builder
		if err := tpl.Execute(&want, toc); err != nil {
			t.Fatal(err)
		}
		if got := (&PageView{TOC: toc}).TOCItems(); string(got) != want.String() {
			t.Errorf("%v:\n got %s\nwant %s", toc, got, want.String())
		}
	}
}

// TestTagItems checks that the view renders a page's tags as the default
// theme's "doc-footer" template, which it replaces, did: links to the
// tags' pages, and text for tags without one.
func TestTagItems(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: A\ntags: [Lager & logistik, \"<b>x</b>\", onboarding]\n---\nText.\n")},
		"b.md": {Data: []byte("---\ntitle: B\ntags: [onboarding]\n---\nText.\n")},
	}
	set, diags := source.Load(t.Context(), fsys, source.Options{})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	var inputs []*model.PageInput
	for _, doc := range set.Docs {
		inputs = append(inputs, &model.PageInput{Doc: doc})
	}
	site, _ := model.Build(inputs, model.Options{Languages: []string{"en"}, BasePath: "/hb"})
	tpl := template.Must(template.New("").Parse(`
{{- range .Page.Tags}}{{$url := $.Model.TagURL $.Page.Lang .}}
<li>{{if $url}}<a class="tag" href="{{$url}}">{{.}}</a>{{else}}<span class="tag">{{.}}</span>{{end}}</li>
{{- end}}`))
	page := site.PageByPath("a.md")
	for _, v := range []*PageView{{Page: page, Model: site}, {Page: page}, {Page: site.PageByPath("b.md"), Model: site}, {}} {
		var want strings.Builder
		if v.Page != nil {
			if err := tpl.Execute(&want, struct {
				Page  *model.Page
				Model tagURLs
			}{v.Page, tagURLs{v.Model}}); err != nil {
				t.Fatal(err)
			}
		}
		got := string(v.TagItems())
		if got != want.String() {
			t.Errorf("got %s\nwant %s", got, want.String())
		}
		if v.Model != nil && !strings.Contains(got, `href="/hb/tags/`) {
			t.Errorf("no link to a tag's page in %s", got)
		}
	}
}

// tagURLs gives the template of TestTagItems the tags' URLs of a site,
// none without one.
type tagURLs struct{ site *model.Site }

func (u tagURLs) TagURL(lang, tag string) string {
	if u.site == nil {
		return ""
	}
	return u.site.TagURL(lang, tag)
}

// TestNavList checks that NavList renders a navigation tree as the
// default theme's "nav" template, which it replaces, did.
func TestNavList(t *testing.T) {
	strs, diags := LoadStrings([]Layer{{Name: "site", FS: fstest.MapFS{
		"i18n/en.toml": {Data: []byte(`nav-all-pages = "All %d pages in <%s> & more"` + "\n")},
	}}})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	tpl := template.Must(template.New("").Funcs(template.FuncMap{"T": strs.T}).Parse(`{{define "nav"}}<ul class="nav-list">
{{- range .}}
{{- if .More}}
<li class="nav-more"><a href="{{.URL}}">{{printf (T "nav-all-pages" .Lang) .Count .Title}}</a></li>
{{- else}}
<li{{if and .Open .HasChildren}} class="is-open has-children"{{else if .HasChildren}} class="has-children"{{else if .Open}} class="is-open"{{end}}>{{if .URL}}<a href="{{.URL}}"{{if .Active}} aria-current="page"{{end}}>{{.Title}}</a>{{else}}<span class="nav-group"><span class="nav-text">{{.Title}}</span></span>{{end}}
{{- if .Children}}{{template "nav" .Children}}{{end}}</li>
{{- end}}
{{- end}}
</ul>{{end}}`))
	for _, items := range [][]model.NavItem{
		nil,
		{{Title: "Teams", URL: "/teams/", HasChildren: true}},
		{
			{Title: "Lager & logistik", URL: "/sv/lager-och-logistik/", Open: true, HasChildren: true, Children: []model.NavItem{
				{Title: `"Första" <veckan>`, URL: "/sv/lager/första-veckan/", Active: true, Open: true},
				{Title: "Group", HasChildren: true},
				{Title: "Bad", URL: "javascript:alert(1)"},
				{Title: "Lager", URL: "/sv/lager/?a=1&b=2", More: true, Count: 120, Lang: "en"},
			}},
			{Title: "Open only", URL: "/o/", Open: true},
			{Title: "Other", URL: "https://example.com/a b", Lang: "xx", More: true, Count: 3},
		},
	} {
		var want strings.Builder
		if err := tpl.ExecuteTemplate(&want, "nav", items); err != nil {
			t.Fatal(err)
		}
		if got := NavList(items, strs); string(got) != want.String() {
			t.Errorf("%v:\n got %s\nwant %s", items, got, want.String())
		}
	}
}
