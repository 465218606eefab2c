package theme

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/playbookhq/playbook/generator/model"
)

// The generated list pages run long: a tag's page lists a hundred pages,
// the checklist index a hundred checklists, and a large handbook has many
// of each (about a fifth of the template work of the generated handbook's
// layouts, and a quarter of its allocations, went to their rows). Like the
// lists of pagelists.go, their entries are rendered in Go, with the markup
// and escaping the default theme's templates had; a theme that wants other
// markup ranges over .Children, .Listed or .Checklists itself.

// CardItems returns an <li class="card"> for each page, as the default
// theme's "cards" template lists a folder's pages: the title linking to
// the page in an <h3>, the description, then icon; a page with pages
// under it is marked card-section.
func CardItems(pages []*model.Page, icon template.HTML) template.HTML {
	var b strings.Builder
	growCards(&b, pages, icon)
	for _, p := range pages {
		b.WriteString("\n<li class=\"card")
		if len(p.Children) > 0 {
			b.WriteString(" card-section")
		}
		b.WriteString("\">\n<h3 class=\"card-title\">")
		writeCardLink(&b, p)
		b.WriteString("</h3>")
		writeCardEnd(&b, p, icon)
	}
	return template.HTML(b.String()) // #nosec: every value is escaped
}

// TagCards returns an <li class="card"> for each page, as the default
// theme's tag layout lists the pages that carry a tag: the title linking
// to the page in an <h2>, the title of the folder it is in as a kicker
// (none for a page at the top), the description, then icon.
func TagCards(pages []*model.Page, icon template.HTML, strs *Strings) template.HTML {
	var b strings.Builder
	growCards(&b, pages, icon)
	for _, p := range pages {
		b.WriteString("\n<li class=\"card\">\n<h2 class=\"card-title\">")
		writeCardLink(&b, p)
		b.WriteString("</h2>")
		if p.Parent != nil && p.Parent.Parent != nil {
			b.WriteString(`<p class="card-kicker">`)
			writeText(&b, PageTitle(p.Parent, strs))
			b.WriteString("</p>")
		}
		writeCardEnd(&b, p, icon)
	}
	return template.HTML(b.String()) // #nosec: every value is escaped
}

// growCards makes room in b for the cards of pages, with an eighth more
// for what escaping adds: a list page's hundred cards would otherwise
// take the builder's doubling eight times over.
func growCards(b *strings.Builder, pages []*model.Page, icon template.HTML) {
	size := 0
	for _, p := range pages {
		size += len("\n<li class=\"card card-section\">\n<h2 class=\"card-title\"><a class=\"card-link\" href=\"\"></a></h2><p class=\"card-kicker\"></p>\n<p class=\"card-text\"></p>\n\n</li>") +
			len(p.URL) + len(p.Title) + len(p.Description) + len(icon)
		if p.Parent != nil {
			size += len(p.Parent.Title)
		}
	}
	b.Grow(size + size/8)
}

func writeCardLink(b *strings.Builder, p *model.Page) {
	b.WriteString(`<a class="card-link" href="`)
	writeURL(b, p.URL, true)
	b.WriteString(`">`)
	writeText(b, p.Title)
	b.WriteString("</a>")
}

func writeCardEnd(b *strings.Builder, p *model.Page, icon template.HTML) {
	if p.Description != "" {
		b.WriteString("\n<p class=\"card-text\">")
		writeText(b, p.Description)
		b.WriteString("</p>")
	}
	b.WriteByte('\n')
	b.WriteString(string(icon))
	b.WriteString("\n</li>")
}

// PageTitle returns a page's title as the default theme's "page-title"
// template shows it: the generated list pages of checklists, owners and
// tags by their interface strings, in the page's language.
func PageTitle(p *model.Page, strs *Strings) string {
	if p.Generated {
		switch p.Layout {
		case "checklists", "owners", "tags":
			return strs.T(p.Layout, p.Lang)
		}
	}
	return p.Title
}

// ChecklistRows returns the rows of the checklist index, as the default
// theme's checklists layout writes them: a <tbody> for each run of
// checklists with the same Group, headed by the group's title (see
// PageTitle), and a row for each checklist with its page (once for the
// page's checklists in a row), a link to its heading with icon, and the
// number of its items, with what theme.js needs to show a reader's
// progress: the page's checklist path under basePath, and the items' ids,
// ":x" marking those ticked in the source.
func ChecklistRows(lists []*model.Checklist, basePath string, icon template.HTML, strs *Strings) template.HTML {
	var b strings.Builder
	size := 0
	for _, c := range lists {
		size += 300 + len(icon) + 2*len(c.Page.URL) + 2*len(c.Page.Title) + len(c.Heading) + len(c.HeadingText) + len(basePath) + len(c.Page.Path)
		for _, it := range c.Items {
			size += len(it.ID) + 3
		}
	}
	b.Grow(size + size/8)
	section, page := "-", ""
	for _, c := range lists {
		if g := c.Group(); g.URL != section {
			if section != "-" {
				b.WriteString("\n</tbody>")
			}
			b.WriteString("\n<tbody>\n<tr class=\"group-row\"><th scope=\"rowgroup\" colspan=\"3\">")
			writeText(&b, PageTitle(g, strs))
			b.WriteString("</th></tr>")
			section = g.URL
		}
		writeChecklistRow(&b, c, c.Page.URL == page, basePath, icon)
		page = c.Page.URL
	}
	if len(lists) > 0 {
		b.WriteString("\n</tbody>")
	}
	return template.HTML(b.String()) // #nosec: every value is escaped
}

// writeChecklistRow writes one row of ChecklistRows; same says that the
// row before it is of the same page.
func writeChecklistRow(b *strings.Builder, c *model.Checklist, same bool, basePath string, icon template.HTML) {
	p := c.Page
	b.WriteString("\n<tr")
	if same {
		b.WriteString(` class="same-page"><td><span class="visually-hidden">`)
		writeText(b, p.Title)
		b.WriteString("</span>")
	} else {
		b.WriteString(`><td><a href="`)
		writeURL(b, p.URL, true)
		b.WriteString(`">`)
		writeText(b, p.Title)
		b.WriteString("</a>")
	}
	b.WriteString(`</td><th scope="row"><a href="`)
	writeURL(b, p.URL, true)
	if c.Heading != "" {
		b.WriteByte('#')
		writeURL(b, c.Heading, false)
	}
	b.WriteString(`">`)
	b.WriteString(string(icon))
	b.WriteString("<span>")
	text := c.HeadingText
	if text == "" {
		text = p.Title
	}
	writeText(b, text)
	b.WriteString(`</span></a></th><td class="num" data-checklist-page="`)
	writeText(b, basePath)
	b.WriteByte('/')
	writeText(b, p.ChecklistPath())
	b.WriteString(`" data-checklist-items="`)
	for i, it := range c.Items {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeText(b, it.ID)
		if it.Checked {
			b.WriteString(":x")
		}
	}
	b.WriteString(`"><span class="item-count">`)
	b.WriteString(strconv.Itoa(len(c.Items)))
	b.WriteString("</span></td></tr>")
}

// PagerLinks returns the links to the page before and after p in reading
// order, as the default theme's "pager" template wrote them: a <nav
// class="pager"> labelled with the interface string "pager", with a link
// for each of p.Prev and p.Next that there is, showing its title under
// the label "prev" (after the icon left) or "next" (before the icon
// right); "" for a page with neither.
func PagerLinks(p *model.Page, left, right template.HTML, strs *Strings) template.HTML {
	if p == nil || p.Prev == nil && p.Next == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n<nav class=\"pager\" aria-label=\"")
	writeText(&b, strs.T("pager", p.Lang))
	b.WriteString(`">`)
	if p.Prev != nil {
		writePagerLink(&b, p.Prev, "prev", left, strs.T("prev", p.Lang), "")
	}
	if p.Next != nil {
		writePagerLink(&b, p.Next, "next", "", strs.T("next", p.Lang), right)
	}
	b.WriteString("\n</nav>")
	return template.HTML(b.String()) // #nosec: every value is escaped
}

// writePagerLink writes PagerLinks' link to q, the page before (rel
// "prev") or after ("next"), labelled with the text label between the
// icons before and after.
func writePagerLink(b *strings.Builder, q *model.Page, rel string, before template.HTML, label string, after template.HTML) {
	b.WriteString("\n<a class=\"pager-link pager-")
	b.WriteString(rel)
	b.WriteString(`" href="`)
	writeURL(b, q.URL, true)
	b.WriteString(`" rel="`)
	b.WriteString(rel)
	b.WriteString(`"><span class="pager-label">`)
	b.WriteString(string(before))
	writeText(b, label)
	b.WriteString(string(after))
	b.WriteString(`</span><span class="pager-title">`)
	writeText(b, q.Title)
	b.WriteString("</span></a>")
}
