package model

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
)

// TOC is a navigation file (an Experience League TOC.md) that sets the
// navigation of the pages in its folder and below, instead of the folders.
type TOC struct {
	// Path is the TOC file's path in the content tree.
	Path string
	// Title is the guide's title (the user-guide-title key).
	Title   string
	Entries []TOCEntry
	// where holds, for each page of the TOC, the place of its first entry:
	// its index in each level from the top.
	where map[*Page][]int
	// folder is the page of the TOC's folder.
	folder *Page
}

// TOCEntry is a link or group in a TOC.
type TOCEntry struct {
	Title    string
	Dest     string
	Children []TOCEntry
	// Pos is where the entry is written in its file.
	Pos  diag.Pos
	page *Page
}

// resolveTOCs links TOC entries to pages and orders reading by the TOCs,
// and reports an entry that leads nowhere on the site.
func (s *Site) resolveTOCs() diag.List {
	var diags diag.List
	for ti := range s.opts.TOCs {
		t := &s.opts.TOCs[ti]
		t.where = map[*Page][]int{}
		if home := s.homes[s.opts.Languages[0]]; home != nil {
			t.folder = home
		}
		if f := s.folderPage(path.Dir(t.Path)); f != nil {
			t.folder = f
		}
		var order []*Page
		var at []int
		var walk func(es []TOCEntry)
		walk = func(es []TOCEntry) {
			for i := range es {
				e := &es[i]
				at = append(at, i)
				if e.Dest != "" && !leavesSite(e.Dest) {
					tg, err := s.Lookup(t.Path, e.Dest)
					if err != nil {
						diags = append(diags, linkDiag(e.Pos, e.Dest, err))
					}
					if toPage(err) && tg.Page != nil {
						e.page = tg.Page
						// A page is read once, where the TOC first lists
						// it; one that only redirects is not read.
						if _, ok := t.where[tg.Page]; !ok {
							t.where[tg.Page] = slices.Clone(at)
							if !tg.Page.onlyRedirects() {
								order = append(order, tg.Page)
							}
						}
					}
				}
				walk(e.Children)
				at = at[:len(at)-1]
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
	s.labelTOCFolders()
	return diags
}

// titleFromTOCs gives each page with no title of its own (no title in its
// front matter, no level-1 heading) the title a TOC lists it by, as mdBook
// and GitBook title such a page: the TOC that gives the page its
// navigation (tocFor), else the first that lists it. Only an entry for the
// page itself counts, not one for a place in it (page.md#part). It runs
// before the tree is linked and anything copies or sorts by titles.
func (s *Site) titleFromTOCs() {
	type listing struct {
		toc *TOC
		p   *Page
	}
	first := map[*Page]string{}   // the first TOC's title for a page
	inTOC := map[listing]string{} // each TOC's first title for a page
	s.eachTOCEntry(func(t *TOC, e *TOCEntry) {
		if e.Title == "" || e.Dest == "" || leavesSite(e.Dest) || strings.ContainsAny(e.Dest, "#[") {
			return
		}
		tg, err := s.Lookup(t.Path, e.Dest)
		if p := tg.Page; err == nil && p != nil && p.untitled {
			if _, ok := inTOC[listing{t, p}]; !ok {
				inTOC[listing{t, p}] = e.Title
			}
			if _, ok := first[p]; !ok {
				first[p] = e.Title
			}
		}
	})
	for p, title := range first {
		if own, ok := inTOC[listing{s.tocFor(p), p}]; ok {
			title = own
		}
		p.Title, p.untitled = title, false
	}
}

// eachTOCEntry calls fn with every entry of every TOC, in order, each
// before its children.
func (s *Site) eachTOCEntry(fn func(t *TOC, e *TOCEntry)) {
	var walk func(t *TOC, es []TOCEntry)
	walk = func(t *TOC, es []TOCEntry) {
		for i := range es {
			fn(t, &es[i])
			walk(t, es[i].Children)
		}
	}
	for i := range s.opts.TOCs {
		walk(&s.opts.TOCs[i], s.opts.TOCs[i].Entries)
	}
}

// folderPage returns the page of a content folder in the default
// language, or nil.
func (s *Site) folderPage(dir string) *Page {
	rel := s.urlFor(s.opts.Languages[0], slugDir(dir))
	if p := s.byURL[rel]; p != nil && p.Kind != KindPage {
		return p
	}
	return nil
}

// depth returns how many folders deep dir is: 0 for the content root.
func depth(dir string) int {
	if dir == "." {
		return 0
	}
	return strings.Count(dir, "/") + 1
}

// tocFor returns the TOC whose folder holds p most closely, or nil.
func (s *Site) tocFor(p *Page) *TOC {
	var best *TOC
	for i := range s.opts.TOCs {
		t := &s.opts.TOCs[i]
		dir := path.Dir(t.Path)
		if dir == "." || p.Dir == dir || strings.HasPrefix(p.Dir+"/", dir+"/") {
			if best == nil || depth(path.Dir(best.Path)) < depth(dir) {
				best = t
			}
		}
	}
	return best
}

// nav makes the navigation of p from the TOC, bounded as navAlong bounds
// the folders': the levels along the path to p's entry list windows
// around it, and the entries of p's own entry from the first. Groups
// without a page stay open off the path, since they cannot be visited to
// open them, as long as a budget of NavLevelItems entries lasts. A level
// cut short ends with a link to the nearest page above it, or to the
// TOC's folder.
func (t *TOC) nav(p *Page) []NavItem {
	at := t.where[p]
	// levels[k] is the k-th list along the path; owners[k] the entry
	// whose children it is (nil for the top).
	levels := [][]TOCEntry{t.Entries}
	owners := []*TOCEntry{nil}
	for k, i := range at {
		e := &levels[k][i]
		if len(e.Children) == 0 {
			break
		}
		levels, owners = append(levels, e.Children), append(owners, e)
	}
	last := len(levels) - 1
	budget := NavLevelItems
	var items []NavItem
	for k := last; k >= 0; k-- {
		es := levels[k]
		open := -1
		if k < len(at) {
			open = at[k]
		}
		limit := levelLimit(k, last)
		lo, hi := navWindow(len(es), open, limit, false)
		level := make([]NavItem, 0, hi-lo+1)
		for i := lo; i < hi; i++ {
			if i == open {
				it := t.item(&es[i], p)
				if k < last {
					it.Open, it.Children = true, items
				}
				level = append(level, it)
				continue
			}
			level = append(level, t.closedItem(&es[i], p, &budget))
		}
		if hi-lo < len(es) && limit > 1 {
			level = append(level, t.more(owners[:k+1], len(es)))
		}
		items = level
	}
	return items
}

// item is the navigation entry of e, without its children.
func (t *TOC) item(e *TOCEntry, p *Page) NavItem {
	it := NavItem{Title: e.Title, HasChildren: len(e.Children) > 0}
	if e.page != nil {
		it.URL = e.page.URL
		it.Active = e.page == p
	} else {
		it.URL = tocLink(e.Dest) // an entry that leads off the site
	}
	return it
}

// closedItem is the entry of e off the path to p: closed, unless it is a
// group without a page, which lists as many of its entries as the budget
// allows.
func (t *TOC) closedItem(e *TOCEntry, p *Page, budget *int) NavItem {
	it := t.item(e, p)
	if e.page != nil || len(e.Children) == 0 || *budget <= 0 {
		return it
	}
	n := min(len(e.Children), NavLevelItems, *budget)
	*budget -= n
	it.Open = true
	it.Children = make([]NavItem, 0, n+1)
	for i := range n {
		it.Children = append(it.Children, t.closedItem(&e.Children[i], p, budget))
	}
	if n < len(e.Children) {
		it.Children = append(it.Children, t.more([]*TOCEntry{nil, e}, len(e.Children)))
	}
	return it
}

// more is the link that ends a level of count entries cut short, under the
// entries of path (nil for the top): to the nearest of them with a page,
// else to the TOC's folder.
func (t *TOC) more(path []*TOCEntry, count int) NavItem {
	for i := len(path) - 1; i >= 0; i-- {
		if e := path[i]; e != nil && e.page != nil {
			return NavItem{More: true, Title: e.Title, URL: e.page.URL, Lang: e.page.Lang, Count: count}
		}
	}
	it := NavItem{More: true, Title: t.Title, Count: count}
	if t.folder != nil {
		it.URL, it.Lang = t.folder.URL, t.folder.Lang
		it.Title = cmp.Or(t.Title, t.folder.Title)
	}
	return it
}
