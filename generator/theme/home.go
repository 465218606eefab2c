package theme

import (
	"html/template"
	"strings"

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

// splitLead cuts rendered HTML before its first <h2 at the top level of
// the text; a heading inside a block (a callout, a list) is left alone.
func splitLead(s string) (lead, rest string) {
	off := 0
	for {
		i := strings.Index(s[off:], "<h2")
		if i < 0 {
			return s, ""
		}
		i += off
		if i == 0 || s[i-1] == '\n' {
			return strings.TrimSpace(s[:i]), s[i:]
		}
		off = i + 3
	}
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
