package theme

import (
	"html/template"
	"strings"
	"time"

	"github.com/playbookhq/playbook/generator/model"
)

// Funcs returns the functions templates call, for a site published under
// basePath ("" at the root) with the interface strings strs.
func Funcs(basePath string, strs *Strings) template.FuncMap {
	return template.FuncMap{
		"upper": strings.ToUpper,
		"lower": strings.ToLower,
		"asset": func(p string) string { return basePath + "/assets/" + strings.TrimPrefix(p, "/") },
		"relURL": func(p string) string {
			return basePath + "/" + strings.TrimPrefix(p, "/")
		},
		// taskHTML shows a checklist item's text with its code and
		// emphasis; the markup was escaped when the page was parsed.
		"taskHTML": func(it model.ChecklistItem) template.HTML {
			if it.HTML == "" {
				return template.HTML(template.HTMLEscapeString(it.Text))
			}
			return template.HTML(it.HTML)
		},
		// navList renders a navigation tree (see NavList).
		"navList": func(items []model.NavItem) template.HTML { return NavList(items, strs) },
		// cardItems, tagCards and checklistRows render the entries of the
		// generated lists (see cards.go); each takes the icon its entries
		// show, as {{icon "arrow-right"}} gives it.
		"cardItems": CardItems,
		"tagCards": func(pages []*model.Page, icon template.HTML) template.HTML {
			return TagCards(pages, icon, strs)
		},
		"checklistRows": func(lists []*model.Checklist, icon template.HTML) template.HTML {
			return ChecklistRows(lists, basePath, icon, strs)
		},
		// pagerLinks renders the links to the previous and next pages
		// (see PagerLinks), with the icons they show.
		"pagerLinks": func(p *model.Page, left, right template.HTML) template.HTML {
			return PagerLinks(p, left, right, strs)
		},
		"T":    func(key, lang string) string { return strs.T(key, lang) },
		"date": func(t time.Time, lang string) string { return strs.Date(t, lang) },
	}
}
