package theme

import (
	"html/template"
	"strings"

	"golang.org/x/net/html"

	"github.com/playbookhq/playbook/generator/model"
)

// ContentLead is the page's content up to its first level-2 heading: on
// the home page, the welcome text shown near the top. ContentRest is the
// remainder.
func (v *PageView) ContentLead() template.HTML {
	lead, _ := splitLead(string(v.Content))
	return template.HTML(lead) // #nosec: a part of the rendered content
}

// ContentRest is the page's content from its first level-2 heading on,
// or "" when it has none.
func (v *PageView) ContentRest() template.HTML {
	_, rest := splitLead(string(v.Content))
	return template.HTML(rest) // #nosec: a part of the rendered content
}

// splitLead cuts rendered HTML before its first <h2> at the top level of
// the text; a heading inside a block (a quote, a list, a callout) is left
// alone, so that neither part ends inside an element. Elements are counted
// as the tokenizer meets them: the content is goldmark's XHTML, and raw
// HTML that leaves an element open only keeps the cut from being made.
func splitLead(s string) (lead, rest string) {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, off := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return s, ""
		case html.StartTagToken:
			name, _ := z.TagName()
			if depth == 0 && string(name) == "h2" {
				return strings.TrimSpace(s[:off]), s[off:]
			}
			if !void(string(name)) {
				depth++
			}
		case html.EndTagToken:
			depth = max(depth-1, 0)
		}
		off += len(z.Raw())
	}
}

// void reports whether an HTML element has no end tag.
func void(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// StartPage is the page a newcomer reads first, for the home page's
// "New here?" line: the first page, in the order of the navigation, one
// or two levels under the home page, whose file or folder has a name such
// pages are given (see model.Page.StartNamed), or nil when there is none.
// Guessing from the order alone picked an arbitrary page on handbooks
// that have no such page.
func (v *PageView) StartPage() *model.Page {
	if v.Page == nil {
		return nil
	}
	if v.Model != nil {
		if p, ok := v.Model.TOCStart(v.Page); ok {
			return p
		}
	}
	return model.StartAmong(v.Page.Children)
}
