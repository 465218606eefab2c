package render

import (
	"cmp"
	"html/template"
	"strings"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/theme"
)

// navKey names a sidebar that pages of a folder share, as one layout
// renders it: the folder's, listing its pages from start.
type navKey struct {
	layout string
	folder *model.Page
	start  int
}

// folderNav is the sidebar of a folder's pages with no link marked
// current; shared is false when marking the current link in it does not
// give what the theme renders for the page.
type folderNav struct {
	html   string
	shared bool
	err    error
}

// navHTML renders the sidebar of page p: the theme's "nav" template
// executed with the page's navigation. The pages of a folder share it but
// for the link to the page itself (in a large folder, each run of pages
// whose window of the folder is the same; see model.NavFolder), so it is
// rendered once for them and the current page's link gets
// aria-current="page". The navigation itself is bounded, so each render
// costs the same whatever the size of the folder. The first page of each
// run checks that marking gives what the theme renders; a theme whose
// "nav" marks the current page some other way gets each page rendered in
// full. When few pages are rendered (few), sharing would render each
// folder's sidebar twice to save once, so each is rendered in full.
func (r *Renderer) navHTML(p *model.Page, few bool) (template.HTML, error) {
	layout := cmp.Or(p.Layout, string(p.Kind))
	folder, start := r.in.Site.NavFolder(p)
	if folder == nil || few {
		out, err := r.fullNav(p, layout)
		return template.HTML(out), err
	}
	key := navKey{layout, folder, start}
	fn := r.navs.Get(key, func() folderNav { return r.shareNav(key, p) })
	if fn.err != nil {
		return "", fn.err
	}
	if fn.shared {
		if fn.html == "" {
			return "", nil
		}
		if out, ok := theme.MarkCurrent(fn.html, p.URL); ok {
			return template.HTML(out), nil
		}
	}
	out, err := r.fullNav(p, layout)
	return template.HTML(out), err
}

// fullNav renders p's sidebar as layout shows it.
func (r *Renderer) fullNav(p *model.Page, layout string) (string, error) {
	items := r.in.Site.NavFor(p)
	if len(items) == 0 {
		return "", nil
	}
	var b strings.Builder
	err := r.in.Theme.ExecuteTemplate(&b, layout, "nav", items)
	return b.String(), err
}

// shareNav renders the sidebar the pages of key share, and checks on the
// run's first page (else on p, the page that asked) that marking its link
// gives what the theme renders.
func (r *Renderer) shareNav(key navKey, p *model.Page) (fn folderNav) {
	site := r.in.Site
	items := site.NavInFolder(key.folder, key.start)
	if len(items) == 0 {
		fn.shared = true
		return fn
	}
	var b strings.Builder
	if fn.err = r.in.Theme.ExecuteTemplate(&b, key.layout, "nav", items); fn.err != nil {
		return fn
	}
	fn.html = b.String()
	// The check is made on the run's first such page, not on whichever
	// page comes first, so that its outcome, and the output, do not depend
	// on the order pages render in. Every page of the run is in the window
	// it shares.
	rep := p
	kids := site.NavChildren(key.folder)
	for _, c := range kids[key.start:min(key.start+model.NavFolderItems, len(kids))] {
		if f, s := site.NavFolder(c); f == key.folder && s == key.start && cmp.Or(c.Layout, string(c.Kind)) == key.layout {
			rep = c
			break
		}
	}
	want, err := r.fullNav(rep, key.layout)
	got, ok := theme.MarkCurrent(fn.html, rep.URL)
	fn.shared = err == nil && ok && got == want
	return fn
}

// listNavHTML renders the sidebar of p's list page k as layout shows it:
// p's, listing p's children from the first that the list page shows.
func (r *Renderer) listNavHTML(p *model.Page, k int, layout string) (template.HTML, error) {
	items := r.in.Site.NavForList(p, k)
	if len(items) == 0 {
		return "", nil
	}
	var b strings.Builder
	err := r.in.Theme.ExecuteTemplate(&b, layout, "nav", items)
	return template.HTML(b.String()), err
}
