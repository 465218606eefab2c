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
	Pos diag.Pos
	// Part marks a group that a heading of a SUMMARY.md makes, which
	// stays open off the path, as GitBook and mdBook show their parts.
	Part bool
	// Hidden marks an entry the navigation does not show (Experience
	// League's {hide-from-toc}); its page is the TOC's all the same.
	Hidden bool
	page   *Page
	// opens is, for a group without a page of its own, the first page in
	// it whose navigation opens it: where the closed group's entry leads.
	opens *Page
	// lists is, for a group without a page of its own, the page that
	// lists its entries (the folder's page that holds its pages), or nil.
	lists *Page
}

// resolveTOCs links TOC entries to pages and orders reading by the TOCs,
// and reports an entry that leads nowhere on the site.
func (s *Site) resolveTOCs() diag.List {
	var diags diag.List
	// tocOf is tocFor, looked up once for each page that a TOC lists.
	tocs := map[*Page]*TOC{}
	tocOf := func(p *Page) *TOC {
		t, ok := tocs[p]
		if !ok {
			t = s.tocFor(p)
			tocs[p] = t
		}
		return t
	}
	rank := map[*Page]int{} // the place of each page the TOCs list
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
		placeGroups(t, t.Entries, nil, tocOf)
		for _, p := range order {
			if _, ok := rank[p]; !ok {
				rank[p] = len(rank)
			}
		}
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
	orderByTOC(rank)
	return diags
}

// orderByTOC orders the children of every page as the TOCs list them
// (rank), so that a folder's page and the home page show their cards in
// the guide's order: a folder where the TOCs first list a page in it, the
// children they do not list after the others, in the order they had.
func orderByTOC(rank map[*Page]int) {
	if len(rank) == 0 {
		return
	}
	first := make(map[*Page]int, len(rank))
	parents := map[*Page]bool{}
	for p, r := range rank {
		for a := p; a != nil; a = a.Parent {
			if f, ok := first[a]; ok && f <= r {
				break
			}
			first[a] = r
			if a.Parent != nil {
				parents[a.Parent] = true
			}
		}
	}
	place := func(p *Page) int {
		if r, ok := first[p]; ok {
			return r
		}
		return len(rank) // after every listed one
	}
	for p := range parents {
		slices.SortStableFunc(p.Children, func(a, b *Page) int { return cmp.Compare(place(a), place(b)) })
	}
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
	rel := s.urlFor(s.opts.Languages[0], s.slugDir(dir))
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

// placeGroups sets opens and lists on the groups without a page of their
// own among es, which lie at place at in t, and on those under them. It
// returns the first page among es and under them whose navigation opens
// them: one that t gives its navigation (tocOf) and places there first,
// that does more than redirect, and whose entry is not hidden.
func placeGroups(t *TOC, es []TOCEntry, at []int, tocOf func(*Page) *TOC) *Page {
	var first *Page
	for i := range es {
		e := &es[i]
		here := append(at, i)
		var own *Page
		if p := e.page; p != nil && !e.Hidden && slices.Equal(t.where[p], here) && !p.onlyRedirects() && tocOf(p) == t {
			own = p
		}
		inside := placeGroups(t, e.Children, here, tocOf)
		e.opens, e.lists = nil, nil
		if e.page == nil && len(e.Children) > 0 {
			e.opens, e.lists = inside, listing(e.Children)
		}
		first = cmp.Or(first, own, inside)
	}
	return first
}

// listing returns the page that lists the entries es of a group: the
// folder's page that has each page of es among its pages, and the folder
// of each group of es (its lists) as itself or among its folders. It
// returns nil when no page does.
func listing(es []TOCEntry) *Page {
	var cands []*Page
	for i := range es {
		if p := es[i].page; p != nil {
			cands = []*Page{p.Parent}
			if p.Kind != KindPage {
				cands = append(cands, p)
			}
			break
		}
		if g := es[i].lists; g != nil && cands == nil {
			cands = []*Page{g, g.Parent}
		}
	}
	for _, f := range cands {
		if f != nil && listsAll(f, es) {
			return f
		}
	}
	return nil
}

// listsAll tells whether the page f lists every entry of es that is on
// the site (see listing). Entries that lead off the site are listed
// nowhere and do not count.
func listsAll(f *Page, es []TOCEntry) bool {
	for i := range es {
		switch e := &es[i]; {
		case e.page != nil:
			if e.page.Parent != f && e.page != f {
				return false
			}
		case e.lists != nil:
			if e.lists != f && e.lists.Parent != f {
				return false
			}
		case e.opens != nil: // a group of pages that no page lists
			return false
		}
	}
	return true
}

// nav makes the navigation of p from the TOC, bounded as navAlong bounds
// the folders': the levels along the path to p's entry list windows
// around it, and the entries of p's own entry from the first. Off the
// path, a group is closed: one with a page links to it, as a folder does,
// and one without links to the first page in it (its opens), whose
// navigation opens it. A group without a page that has no page in it to
// open it (a group of links off the site), one that links off the site
// and a SUMMARY.md's part (Part) stay open, as long as a budget of
// NavTopItems entries lasts: the entries of parts are a top level, and
// the level of the part open is listed as the top level is. A level cut
// short ends with a link to the page of the group whose entries it lists,
// or to the page that lists them, or to the TOC's folder for the top
// level; with none, the level ends without one.
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
	budget := NavTopItems
	var items []NavItem
	for k := last; k >= 0; k-- {
		es := levels[k]
		open := -1
		if k < len(at) {
			open = at[k]
		}
		limit := levelLimit(k, last)
		if owner := owners[k]; owner != nil && owner.Part && k < last {
			// A part's entries are the top level of the pages in it, as
			// GitBook shows them: listed as the top level is, however
			// deep the page.
			limit = NavTopItems
		}
		lo, hi := navWindow(len(es), open, limit, false)
		level := make([]NavItem, 0, hi-lo+1)
		for i := lo; i < hi; i++ {
			if es[i].Hidden && (i != open || k == last) {
				continue
			}
			if i == open {
				it := t.item(&es[i])
				// The page's own entry; a TOC may list the page again
				// elsewhere, which is not the one open.
				it.Active = k == len(at)-1 && es[i].page == p
				if k < last {
					it.Open, it.Children = true, items
				}
				level = append(level, it)
				continue
			}
			level = append(level, t.closedItem(&es[i], &budget))
		}
		if more, ok := t.more(owners[k], len(es)); ok && hi-lo < len(es) && limit > 1 {
			level = append(level, more)
		}
		items = level
	}
	return items
}

// item is the navigation entry of e, without its children, not active.
func (t *TOC) item(e *TOCEntry) NavItem {
	it := NavItem{Title: e.Title, HasChildren: len(e.Children) > 0}
	if e.page != nil {
		it.URL = e.page.URL
		// An mkdocs.yml lists a page by its path alone, and MkDocs shows
		// its title.
		it.Title = cmp.Or(it.Title, e.page.Title)
	} else {
		it.URL = tocLink(e.Dest) // an entry that leads off the site
	}
	it.Title = cmp.Or(it.Title, e.Dest)
	return it
}

// closedItem is the entry of e off the path to p: closed, linking to the
// first page in it when it is a group without a link (see nav); a group
// that nav keeps open (a part) lists as many of its entries as the budget
// allows, and when the budget is spent links to its first page too, so
// that no group is a label that leads nowhere.
func (t *TOC) closedItem(e *TOCEntry, budget *int) NavItem {
	it := t.item(e)
	if e.page != nil || len(e.Children) == 0 {
		return it
	}
	if it.URL == "" && e.opens != nil && (!e.Part || *budget <= 0) {
		it.URL = e.opens.URL
		return it
	}
	if *budget <= 0 {
		// No room to open it, and no page in it to open it: it links to
		// its first entry (a page listed elsewhere, or off the site).
		for i := 0; i < len(e.Children) && it.URL == ""; i++ {
			it.URL = t.item(&e.Children[i]).URL
		}
		return it
	}
	most := NavLevelItems
	if e.Part {
		most = NavTopItems // a part's entries are a top level
	}
	n := min(len(e.Children), most, *budget)
	*budget -= n
	it.Open = true
	it.Children = make([]NavItem, 0, n+1)
	for i := range n {
		if !e.Children[i].Hidden {
			it.Children = append(it.Children, t.closedItem(&e.Children[i], budget))
		}
	}
	if more, ok := t.more(e, len(e.Children)); ok && n < len(e.Children) {
		it.Children = append(it.Children, more)
	}
	return it
}

// more is the link that ends a level of count entries cut short, the
// entries of group (nil for the top level): to the group's page, else to
// the page that lists its entries (its lists), named as the group; for
// the top level, to the TOC's folder. It returns false when the group has
// neither, so that no link claims to lead to entries it does not list.
func (t *TOC) more(group *TOCEntry, count int) (NavItem, bool) {
	if group != nil {
		to := cmp.Or(group.page, group.lists)
		if to == nil {
			return NavItem{}, false
		}
		return NavItem{More: true, Title: group.Title, URL: to.URL, Lang: to.Lang, Count: count}, true
	}
	it := NavItem{More: true, Title: t.Title, Count: count}
	if t.folder != nil {
		it.URL, it.Lang = t.folder.URL, t.folder.Lang
		it.Title = cmp.Or(t.Title, t.folder.Title)
	}
	return it, true
}
