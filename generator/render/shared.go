package render

import (
	"html/template"
	"strings"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/theme"
)

// partKey names a part of the pages (see theme.PageView.Shared) that the
// pages of a language share, or those of a folder (parent), as one layout
// renders it.
type partKey struct {
	layout, lang, name string
	parent             *model.Page
}

// part is a shared part of the pages, rendered once.
type part struct {
	html template.HTML
	err  error
}

// sharedRender returns what v.Shared calls for v's page, which layout
// renders: each part the theme says is the same on every page of the
// language, or of the language and folder, is rendered once for them, any
// other part for the page.
func (r *Renderer) sharedRender(layout string, v *theme.PageView) func(string) (template.HTML, error) {
	return func(name string) (template.HTML, error) {
		// The name is kept as a key: a copy, as a name cut from the page's
		// text would share that text's buffer, which the next page reuses.
		key := partKey{layout: layout, lang: v.Page.Lang}
		switch r.in.Theme.Sharing(layout, name) {
		case theme.ByPage:
			return r.renderPart(layout, name, v)
		case theme.ByFolder:
			key.parent = v.Page.Parent
		}
		key.name = strings.Clone(name)
		pt := r.parts.Get(key, func() part {
			html, err := r.renderPart(layout, name, v)
			return part{html, err}
		})
		return pt.html, pt.err
	}
}

// renderPart executes the template called name, as layout sees it, with v.
func (r *Renderer) renderPart(layout, name string, v *theme.PageView) (template.HTML, error) {
	var b strings.Builder
	err := r.in.Theme.ExecuteTemplate(&b, layout, name, v)
	return template.HTML(b.String()), err // #nosec: the template escaped it
}
