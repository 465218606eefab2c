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
