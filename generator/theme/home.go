package theme

import (
	"html/template"
	"path"
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
// pages are given ("onboarding", "getting-started", "first-week", …; see
// isStartName), or nil when there is none. Guessing from the order alone
// picked an arbitrary page on handbooks that have no such page.
func (v *PageView) StartPage() *model.Page {
	if v.Page == nil {
		return nil
	}
	level := v.Page.Children
	for range 2 {
		var next []*model.Page
		for _, p := range level {
			if p.Hidden || p.Layout == "roles" || p.Layout == "team" || p.Layout == "role" {
				continue
			}
			if isStartName(startName(p)) {
				return p
			}
			next = append(next, p.Children...)
		}
		level = next
	}
	return nil
}

// isStartName reports whether name, as startName gives it, is one that
// handbooks give the pages and folders they write for newcomers.
func isStartName(name string) bool {
	switch name {
	case "onboarding", "getting-started", "get-started", "start-here", "welcome",
		"new-hires", "new-hire", "newcomers", "new-joiners", "first-week", "first-day",
		"first-steps", "orientation", "introduction", "intro":
		return true
	}
	return false
}

// startName is the name of a page's folder (a section) or file, without
// its language and extension, in lower case, with "_" read as "-".
func startName(p *model.Page) string {
	name := path.Base(p.Path)
	if p.Kind == model.KindSection || p.Kind == model.KindHome {
		name = path.Base(path.Dir(p.Path))
	}
	name, _, _ = strings.Cut(name, ".")
	return strings.ReplaceAll(strings.ToLower(name), "_", "-")
}
