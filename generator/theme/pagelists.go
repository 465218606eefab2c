package theme

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/playbookhq/playbook/generator/model"
)

// Four lists differ from page to page and run long: the table of
// contents, the pages that link here, the page's tags and the sidebar
// navigation (which pages of a folder share, see render.navHTML, but a
// sidebar lists up to a hundred entries, and a large folder has one for
// every ten pages). In a template each entry costs several calls
// through reflection (the fields, the comparison, one escaper per value,
// three for a link): a quarter of the allocations of a page's layout on
// the generated 1,000-page handbook (BenchmarkRenderPages). The view renders them in Go, as Hugo renders
// .TableOfContents, with the markup and escaping the default theme's
// templates had; a theme that wants other markup ranges over .TOC,
// .Page.Backlinks and .Page.Tags itself, or defines "nav" with a range
// over the []model.NavItem it is executed with.

// TOCItems returns the entries of the page's table of contents: for each
// heading of .TOC, an <li> linking to it, with the headings under it in a
// nested <ol class="toc-list">, each entry on a line of its own. The
// default theme's "toc" places them in its <ol class="toc-list">.
func (v *PageView) TOCItems() template.HTML {
	if len(v.TOC) == 0 {
		return ""
	}
	var b strings.Builder
	writeTOC(&b, v.TOC)
	return template.HTML(b.String()) // #nosec: every value is escaped
}

func writeTOC(b *strings.Builder, items []TOCItem) {
	for _, it := range items {
		b.WriteString("\n<li><a href=\"#")
		writeURL(b, it.ID, false)
		b.WriteString(`">`)
		writeText(b, it.Text)
		b.WriteString("</a>")
		if len(it.Children) > 0 {
			b.WriteString(`<ol class="toc-list">`)
			writeTOC(b, it.Children)
			b.WriteString("</ol>")
		}
		b.WriteString("</li>")
	}
}

// TagItems returns an <li> for each of the page's tags (.Page.Tags), on
// a line of its own: a link to the tag's page (.Model.TagURL), or the tag
// as text when the site has no page for it.
func (v *PageView) TagItems() template.HTML {
	if v.Page == nil || len(v.Page.Tags) == 0 {
		return ""
	}
	var b strings.Builder
	for _, tag := range v.Page.Tags {
		url := ""
		if v.Model != nil {
			url = v.Model.TagURL(v.Page.Lang, tag)
		}
		if url == "" {
			b.WriteString("\n<li><span class=\"tag\">")
			writeText(&b, tag)
			b.WriteString("</span></li>")
			continue
		}
		b.WriteString("\n<li><a class=\"tag\" href=\"")
		writeURL(&b, url, true)
		b.WriteString(`">`)
		writeText(&b, tag)
		b.WriteString("</a></li>")
	}
	return template.HTML(b.String()) // #nosec: every value is escaped
}

// BacklinkItems returns an <li> linking to each page that links to this
// one (.Page.Backlinks), named by its title; a page in another language
// than this one's is marked with hreflang and lang.
func (v *PageView) BacklinkItems() template.HTML {
	if v.Page == nil || len(v.Page.Backlinks()) == 0 {
		return ""
	}
	var b strings.Builder
	size := 0
	for _, p := range v.Page.Backlinks() {
		size += len(`<li><a href=""></a></li>`) + len(p.URL) + len(p.Title)
	}
	b.Grow(size + size/8)
	for _, p := range v.Page.Backlinks() {
		b.WriteString(`<li><a href="`)
		writeURL(&b, p.URL, true)
		b.WriteByte('"')
		if p.Lang != v.Page.Lang {
			b.WriteString(` hreflang="`)
			writeText(&b, p.Lang)
			b.WriteString(`" lang="`)
			writeText(&b, p.Lang)
			b.WriteByte('"')
		}
		b.WriteByte('>')
		writeText(&b, p.Title)
		b.WriteString("</a></li>")
	}
	return template.HTML(b.String()) // #nosec: every value is escaped
}

// Current returns html with aria-current="page" added to its one link to
// the page (see MarkCurrent). It lets a list that is the same on every
// page of a language, rendered once with Shared, still mark the open
// page; html that MarkCurrent cannot mark is returned as it is.
func (v *PageView) Current(html template.HTML) template.HTML {
	if v.Page == nil {
		return html
	}
	out, _ := MarkCurrent(string(html), v.Page.URL)
	return template.HTML(out) // #nosec: html with a constant attribute added
}

// MarkCurrent adds aria-current="page" to the one link to url in html,
// just after the link's href, where a template that compares each link's
// URL with the page's would mark it; url is escaped as html/template
// escapes a whole href. It reports false, and returns html as it is, when
// the link already has an aria-current, or when html links to url more
// than once or not at all.
func MarkCurrent(html, url string) (string, bool) {
	var b strings.Builder
	b.WriteString(` href="`)
	writeURL(&b, url, true)
	b.WriteByte('"')
	needle := b.String()
	i := strings.Index(html, needle)
	if i < 0 || strings.Contains(html[i+len(needle):], needle) {
		return html, false
	}
	// The link's start tag, around the href.
	start := strings.LastIndexByte(html[:i], '<')
	end := strings.IndexByte(html[i:], '>')
	if start < 0 || end < 0 || strings.Contains(html[start:i+end], "aria-current=") {
		return html, false
	}
	i += len(needle)
	return html[:i] + ` aria-current="page"` + html[i:], true
}

// NavList renders a navigation tree as the default theme's "nav"
// template did: a <ul class="nav-list"> of an <li> for each entry, with
// its children in a nested list; an entry that ends a level cut short
// links to the page listing all of it, with the interface string
// "nav-all-pages" of strs.
func NavList(items []model.NavItem, strs *Strings) template.HTML {
	var b strings.Builder
	writeNav(&b, items, strs)
	return template.HTML(b.String()) // #nosec: every value is escaped
}

func writeNav(b *strings.Builder, items []model.NavItem, strs *Strings) {
	b.WriteString(`<ul class="nav-list">`)
	for _, it := range items {
		if it.More {
			b.WriteString("\n<li class=\"nav-more\"><a href=\"")
			writeURL(b, it.URL, true)
			b.WriteString(`">`)
			writeText(b, fmt.Sprintf(strs.T("nav-all-pages", it.Lang), it.Count, it.Title))
			b.WriteString("</a></li>")
			continue
		}
		b.WriteString("\n<li")
		switch {
		case it.Open && it.HasChildren:
			b.WriteString(` class="is-open has-children"`)
		case it.HasChildren:
			b.WriteString(` class="has-children"`)
		case it.Open:
			b.WriteString(` class="is-open"`)
		}
		b.WriteByte('>')
		if it.URL != "" {
			b.WriteString(`<a href="`)
			writeURL(b, it.URL, true)
			b.WriteByte('"')
			if it.Active {
				b.WriteString(` aria-current="page"`)
			}
			b.WriteByte('>')
			writeText(b, it.Title)
			b.WriteString("</a>")
		} else {
			b.WriteString(`<span class="nav-group"><span class="nav-text">`)
			writeText(b, it.Title)
			b.WriteString("</span></span>")
		}
		if len(it.Children) > 0 {
			writeNav(b, it.Children, strs)
		}
		b.WriteString("</li>")
	}
	b.WriteString("\n</ul>")
}
