package model

import (
	"path"
	"strings"
)

// TOC is a navigation file (an Experience League TOC.md) that sets the
// navigation of the pages in its folder and below, instead of the folders.
type TOC struct {
	// Path is the TOC file's path in the content tree.
	Path string
	// Title is the guide's title (the user-guide-title key).
	Title   string
	Entries []TOCEntry
}

// TOCEntry is a link or group in a TOC.
type TOCEntry struct {
	Title    string
	Dest     string
	Children []TOCEntry
	page     *Page
}

// resolveTOCs links TOC entries to pages and orders reading by the TOCs.
func (s *Site) resolveTOCs() {
	for ti := range s.opts.TOCs {
		t := &s.opts.TOCs[ti]
		var order []*Page
		var walk func(es []TOCEntry)
		walk = func(es []TOCEntry) {
			for i := range es {
				e := &es[i]
				if e.Dest != "" {
					if tg, err := s.Lookup(t.Path, e.Dest); err == nil && tg.Page != nil {
						e.page = tg.Page
						order = append(order, tg.Page)
					}
				}
				walk(e.Children)
			}
		}
		walk(t.Entries)
		for i, p := range order {
			p.Prev, p.Next = nil, nil
			if i > 0 {
				p.Prev = order[i-1]
			}
			if i+1 < len(order) {
				p.Next = order[i+1]
			}
		}
	}
}

// tocFor returns the TOC whose folder holds p most closely, or nil.
func (s *Site) tocFor(p *Page) *TOC {
	var best *TOC
	for i := range s.opts.TOCs {
		t := &s.opts.TOCs[i]
		dir := path.Dir(t.Path)
		if dir == "." || p.Dir == dir || strings.HasPrefix(p.Dir+"/", dir+"/") {
			if best == nil || len(path.Dir(best.Path)) < len(dir) {
				best = t
			}
		}
	}
	return best
}

// tocNav makes the navigation of p from its TOC.
func tocNav(entries []TOCEntry, p *Page) ([]NavItem, bool) {
	out := make([]NavItem, 0, len(entries))
	anyOpen := false
	for _, e := range entries {
		it := NavItem{Title: e.Title, HasChildren: len(e.Children) > 0}
		if e.page != nil {
			it.URL = e.page.URL
			it.Active = e.page == p
		}
		children, open := tocNav(e.Children, p)
		// Groups without a page of their own stay open: they cannot be
		// visited to open them.
		it.Open = it.Active || open || e.page == nil
		open = open || it.Active
		if it.Open {
			it.Children = children
		}
		anyOpen = anyOpen || open
		out = append(out, it)
	}
	return out, anyOpen
}
