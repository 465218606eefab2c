package model

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
}

// NavFor returns the navigation shown on page p: the sections under the
// home page of p's language, opened along the path to p.
func (s *Site) NavFor(p *Page) []NavItem {
	if t := s.tocFor(p); t != nil {
		items, _ := tocNav(t.Entries, p)
		return items
	}
	return s.navOpenAt(p, p)
}

// navOpenAt returns the navigation opened along the path to at, with
// active marked.
func (s *Site) navOpenAt(at, active *Page) []NavItem {
	home := s.homes[at.Lang]
	if home == nil {
		return nil
	}
	open := map[*Page]bool{at: true}
	for _, a := range at.Ancestors() {
		open[a] = true
	}
	return navItems(home.Children, active, open)
}

func navItems(pages []*Page, active *Page, open map[*Page]bool) []NavItem {
	out := make([]NavItem, 0, len(pages))
	for _, c := range pages {
		if c.Hidden {
			continue
		}
		it := NavItem{Title: c.Title, URL: c.URL, Active: c == active, HasChildren: len(c.Children) > 0}
		it.Open = open[c] && it.HasChildren
		if it.Open {
			it.Children = navItems(c.Children, active, open)
		}
		out = append(out, it)
	}
	return out
}

// NavFolder returns the page whose children share p's navigation: every
// page of that folder with nothing under it sees the same navigation but
// for which item is active, so a builder can render it once per folder
// (NavInFolder) and mark the current page in it. It returns nil when p's
// navigation is its own: p has pages under it, or a TOC file gives the
// navigation.
func (s *Site) NavFolder(p *Page) *Page {
	if len(p.Children) > 0 || p.Parent == nil || s.homes[p.Lang] == nil || s.tocFor(p) != nil {
		return nil
	}
	return p.Parent
}

// NavInFolder returns the navigation of a page of folder (see NavFolder)
// with no item active.
func (s *Site) NavInFolder(folder *Page) []NavItem {
	return s.navOpenAt(folder, nil)
}
