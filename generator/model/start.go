package model

import (
	"path"
	"strings"
)

// StartNamed reports whether the page's file, or the folder it is the
// page of, has a name that handbooks give what newcomers read first:
// "onboarding", "getting-started", "first-week" and the like (see
// isStartName), in any case, with "_" or a space for "-" and after a
// number that orders it ("01-onboarding").
func (p *Page) StartNamed() bool {
	name := path.Base(p.Path)
	if b, _, _ := strings.Cut(name, "."); strings.EqualFold(b, "_index") || strings.EqualFold(b, "index") || strings.EqualFold(b, "readme") {
		name = path.Base(path.Dir(p.Path))
	}
	// A number that orders the page: "01-", "01 - ", "1.".
	if rest := strings.TrimLeft(name, "0123456789"); rest != name {
		name = strings.TrimLeft(rest, " ._-")
	}
	name, _, _ = strings.Cut(name, ".")
	name = strings.ToLower(strings.NewReplacer("_", "-", " ", "-").Replace(name))
	return isStartName(name)
}

// isStartName reports whether name, as StartNamed gives it, is one that
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

// StartAmong returns the first page one or two levels down from level, a
// page's children in the navigation's order, that is a start candidate,
// nearest first, or nil. Team, role and hidden pages are not entered.
func StartAmong(level []*Page) *Page {
	for range 2 {
		var next []*Page
		for _, p := range level {
			if !p.mayStart() {
				continue
			}
			if p.StartNamed() {
				return p
			}
			next = append(next, p.Children...)
		}
		level = next
	}
	return nil
}

// mayStart reports whether the page may be a newcomer's start, or lead to
// one: not hidden, and no team, role or list of roles.
func (p *Page) mayStart() bool {
	return !p.Hidden && p.Layout != "team" && p.Layout != "role" && p.Layout != "roles"
}

// TOCStart returns, when a TOC.md file orders the navigation under home,
// the first page one or two levels deep in it that is StartNamed (nil
// when there is none) and true; false when the folders order it.
func (s *Site) TOCStart(home *Page) (*Page, bool) {
	if home == nil || home.Lang != s.opts.Languages[0] {
		return nil, false
	}
	t := s.tocFor(home)
	if t == nil {
		return nil, false
	}
	level := t.Entries
	for range 2 {
		var next []TOCEntry
		for _, e := range level {
			if p := e.page; p != nil && p != home && p.mayStart() && p.StartNamed() {
				return p, true
			}
			next = append(next, e.Children...)
		}
		level = next
	}
	return nil, true
}
