package model

import (
	"cmp"
	"slices"
)

// The navigation of a page is bounded: it lists the open path from the
// home page down to the page and, at each level of that path, only a
// window of the entries beside it. Whatever the size of the site or of a
// folder, a sidebar lists at most NavTopItems + NavLevelsAbove ×
// NavLevelItems + NavFolderItems entries, plus one entry per level of the
// path and one "all pages" link per level cut short (but for the levels
// that list only the open entry); a SUMMARY.md's parts, whose entries are
// a top level, add up to twice NavTopItems (the open part's level and the
// closed parts' entries, see TOC.nav). Those links lead to the folder's page,
// which lists every page of the folder (see ListPageSize), so no page is
// out of reach.
const (
	// NavFolderItems is how many entries the deepest level lists: the
	// pages around the page shown in its folder, or the first pages of a
	// section shown.
	NavFolderItems = 50
	// NavTopItems is how many entries the top level lists, around the
	// open one, when it is not the deepest level.
	NavTopItems = 20
	// NavLevelItems is how many entries each level between the top and
	// the deepest lists, around the open one.
	NavLevelItems = 15
	// NavLevelsAbove is how many levels above the deepest list entries
	// beside the open one, besides the top level; the levels above those
	// list only the open entry (and the link to all of their pages).
	NavLevelsAbove = 2
	// navStep is how far the deepest level's window moves at a time, so
	// that runs of navStep pages of a large folder share one navigation
	// (see NavFolder).
	navStep = 10
)

// NavItem is one entry of a page's navigation tree.
type NavItem struct {
	Title string
	URL   string
	// Active marks the page being shown.
	Active bool
	// Open marks the active page and its ancestors that have children;
	// only open items list their children, so navigation stays small on
	// large sites.
	Open bool
	// HasChildren tells whether the item has children, listed or not.
	HasChildren bool
	Children    []NavItem
	// More marks the entry that ends a level the navigation cut short:
	// it links to the page (Title, URL, in language Lang) that lists all
	// Count entries of that level.
	More  bool
	Count int
	Lang  string
}

// NavFor returns the navigation shown on page p: the sections under the
// home page of p's language, opened along the path to p, each level
// bounded (see NavFolderItems).
func (s *Site) NavFor(p *Page) []NavItem {
	if t := s.tocFor(p); t != nil {
		return t.nav(p)
	}
	return s.navAlong(s.navPath(p), p, -1)
}

// NavForList returns the navigation of p's list page k (see ListPages):
// that of p, with p's own children listed from the first that list page
// shows.
func (s *Site) NavForList(p *Page, k int) []NavItem {
	kids := p.ListChildren(k)
	path := s.navPath(p)
	if k <= 1 || len(kids) == 0 || s.tocFor(p) != nil || len(p.navKids) == 0 || path[len(path)-1] != p {
		return s.NavFor(p)
	}
	start := 0
	for _, c := range kids {
		if i := navIndex(c, p); i >= 0 {
			start = i
			break
		}
	}
	return s.navAlong(path, p, start)
}

// navPath returns the pages from the home page of p's language down to p.
func (s *Site) navPath(p *Page) []*Page {
	home := s.homes[p.Lang]
	if home == nil {
		return nil
	}
	path := append(p.Ancestors(), p)
	if path[0] != home {
		return []*Page{home}
	}
	return path
}

// navAlong returns the navigation opened along path (home first): the
// children of each page of path, in windows around the next page of path,
// and the children of the last one when it has any. active is the page
// shown, or nil. start, when not negative, is the first entry the deepest
// level lists, instead of the window around the last page of path.
func (s *Site) navAlong(path []*Page, active *Page, start int) []NavItem {
	last := len(path) - 1 // the deepest level lists path[last]'s children
	if last < 0 {
		return nil
	}
	if len(path[last].navKids) == 0 {
		last--
	}
	var items []NavItem // the level below the one being built
	for k := last; k >= 0; k-- {
		kids := path[k].navKids
		var open *Page
		if k+1 < len(path) {
			open = path[k+1]
		}
		limit := levelLimit(k, last)
		var lo, hi int
		if k == last && start >= 0 {
			lo = max(0, min(start, len(kids)-limit))
			hi = min(lo+limit, len(kids))
		} else {
			lo, hi = navWindow(len(kids), navIndex(open, path[k]), limit, k == last)
		}
		level := make([]NavItem, 0, hi-lo+1)
		for _, c := range kids[lo:hi] {
			it := NavItem{Title: cmp.Or(c.NavTitle, c.Title), URL: c.URL, Active: c == active, HasChildren: len(c.Children) > 0}
			if c == open && it.HasChildren {
				it.Open, it.Children = true, items
			}
			level = append(level, it)
		}
		if hi-lo < len(kids) && limit > 1 {
			// A level that lists only the open entry goes without: the
			// open entry of the level above links to the same page, and
			// a deep path stays cheap.
			level = append(level, NavItem{More: true, Title: cmp.Or(path[k].NavTitle, path[k].Title), URL: path[k].URL, Lang: path[k].Lang, Count: len(kids)})
		}
		items = level
	}
	return items
}

// navIndex returns the place of p among the entries of parent that
// navigation lists, or -1.
func navIndex(p, parent *Page) int {
	if p == nil || p.Parent != parent || p.navPos == 0 {
		return -1
	}
	return p.navPos - 1
}

// levelLimit is how many items level k of a sidebar whose deepest level is
// last shows: a folder's own level the most, the top level its own
// number, the levels far above the page one item, the path to it.
func levelLimit(k, last int) int {
	switch {
	case k == last:
		return NavFolderItems
	case k == 0:
		return NavTopItems
	case last-k > NavLevelsAbove:
		return 1
	}
	return NavLevelItems
}

// navWindow returns the entries [lo, hi) of n that a level lists: all of
// them when they fit in limit, else limit entries around entry at, or from
// the first when at is negative. With step, the window moves navStep
// entries at a time, keeping at between a fifth and three fifths of the
// way down it.
func navWindow(n, at, limit int, step bool) (lo, hi int) {
	if n <= limit {
		return 0, n
	}
	if at >= 0 {
		lo = at - limit/2
		if step && limit >= 2*navStep {
			lo = max(0, lo+navStep/2) / navStep * navStep
		}
	}
	lo = max(0, min(lo, n-limit))
	return lo, lo + limit
}

// indexNav records the children that navigation lists (those not hidden)
// and each one's place among them.
func (s *Site) indexNav() {
	hidden := func(c *Page) bool { return c.Hidden }
	for _, p := range s.pages {
		p.navKids = p.Children
		if slices.ContainsFunc(p.Children, hidden) {
			p.navKids = slices.DeleteFunc(slices.Clone(p.Children), hidden)
		}
		for i, c := range p.navKids {
			c.navPos = i + 1
		}
	}
}

// NavFolder returns the page whose children share p's navigation, and the
// first of them it lists: the pages of a folder with nothing under them
// see the same navigation but for which item is active, as long as the
// window of the folder's pages (NavFolderItems around the page) is the
// same, so a builder can render it once (NavInFolder) and mark the
// current page in it. It returns nil when p's navigation is its own: p has
// pages under it, is not listed, or a TOC file gives the navigation.
func (s *Site) NavFolder(p *Page) (folder *Page, start int) {
	if len(p.Children) > 0 || p.Parent == nil || s.homes[p.Lang] == nil || s.tocFor(p) != nil {
		return nil, 0
	}
	at := navIndex(p, p.Parent)
	if path := s.navPath(p.Parent); at < 0 || path[len(path)-1] != p.Parent {
		return nil, 0
	}
	lo, _ := navWindow(len(p.Parent.navKids), at, NavFolderItems, true)
	return p.Parent, lo
}

// NavInFolder returns the navigation of the pages of folder that list its
// children from start (see NavFolder), with no item active.
func (s *Site) NavInFolder(folder *Page, start int) []NavItem {
	return s.navAlong(s.navPath(folder), nil, start)
}

// NavChildren returns the children of p that navigation lists.
func (s *Site) NavChildren(p *Page) []*Page { return p.navKids }
