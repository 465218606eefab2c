package theme

import (
	"html/template"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/model"
)

// TestCurrent checks that Current marks the one link to the page, as the
// default theme's templates once did with {{if eq .URL $.Page.URL}}, and
// leaves HTML it cannot mark exactly as it is.
func TestCurrent(t *testing.T) {
	list := `<ul><li><a href="/checklists/">Checklists</a></li><li><a href="/tags/">Tags</a></li></ul>`
	for _, tc := range []struct {
		name string
		url  string
		html template.HTML
		want template.HTML
	}{
		{"the open page", "/tags/", template.HTML(list), `<ul><li><a href="/checklists/">Checklists</a></li><li><a href="/tags/" aria-current="page">Tags</a></li></ul>`},
		{"a page not in the list", "/teams/it/", template.HTML(list), template.HTML(list)},
		{"a longer URL with the same start", "/tags/x/", template.HTML(list), template.HTML(list)},
		{"two links to the page", "/a/", `<a href="/a/">1</a><a href="/a/">2</a>`, `<a href="/a/">1</a><a href="/a/">2</a>`},
		{"already marked by the theme", "/a/", `<a href="/a/" aria-current="page">A</a>`, `<a href="/a/" aria-current="page">A</a>`},
		{"marked before its href", "/a/", `<a aria-current="page" href="/a/">A</a>`, `<a aria-current="page" href="/a/">A</a>`},
		{"aria-current elsewhere", "/a/", `<a href="/b/" aria-current="false">B</a><a href="/a/">A (aria-current)</a>`, `<a href="/b/" aria-current="false">B</a><a href="/a/" aria-current="page">A (aria-current)</a>`},
		{"a data-href is no link", "/a/", `<button data-href="/a/">A</button>`, `<button data-href="/a/">A</button>`},
		{"a URL the templates escape", "/handbook/Über uns/", `<a href="/handbook/%c3%9cber%20uns/">Ü</a>`, `<a href="/handbook/%c3%9cber%20uns/" aria-current="page">Ü</a>`},
		{"empty", "/a/", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := &PageView{Page: &model.Page{URL: tc.url}}
			if got := v.Current(tc.html); got != tc.want {
				t.Errorf("Current(%q) on %s\n got %q\nwant %q", tc.html, tc.url, got, tc.want)
			}
		})
	}
	if got := (&PageView{}).Current(template.HTML(list)); got != template.HTML(list) {
		t.Errorf("without a page: %q", got)
	}
}

// TestCurrentMatchesTemplate checks that Current finds the link where
// html/template writes it, for URLs that its escapers change.
func TestCurrentMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<a href="{{.}}">x</a>`))
	marked := template.Must(template.New("").Parse(`<a href="{{.}}" aria-current="page">x</a>`))
	for _, url := range append([]string{"/a/", "/sv/lager & logistik/", "/q/?a=b&c=d", "/ü/\"x\"/", "/%41/"}, escapeSeeds...) {
		var plain, want strings.Builder
		if tmpl.Execute(&plain, url) != nil || marked.Execute(&want, url) != nil {
			t.Fatal("template failed")
		}
		v := &PageView{Page: &model.Page{URL: url}}
		if got := v.Current(template.HTML(plain.String())); string(got) != want.String() {
			t.Errorf("URL %q:\n got %q\nwant %q", url, got, want.String())
		}
	}
}
