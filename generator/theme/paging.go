package theme

import "github.com/playbookhq/playbook/generator/model"

// Paginator says which of the pages listing a page's entries (children,
// a tag's pages, the tags or the checklists) is shown, when they do not
// fit on one (see model.ListPageSize).
type Paginator struct {
	// Number is the list page shown, from 1, of Total.
	Number, Total int
	// Count is the number of entries in all; First and Last number
	// those this list page shows, from 1.
	Count, First, Last int
	// Prev and Next are the URLs of the list pages before and after this
	// one, or "".
	Prev, Next string
	// Links are the numbered links to show: the first and last list
	// pages and those near this one, in order; an entry with Number 0
	// stands for the pages left out between two others.
	Links []PageLink
}

// PageLink is a numbered link to a list page.
type PageLink struct {
	Number  int
	URL     string
	Current bool
}

// pagerNear is how many list pages on each side of the current one get a
// numbered link.
const pagerNear = 2

// NewPaginator returns the paginator of p's list page k, or nil when p's
// entries fit on one page.
func NewPaginator(p *model.Page, k int) *Paginator {
	total := p.ListPages()
	if total <= 1 {
		return nil
	}
	k = min(max(k, 1), total)
	lo, hi := p.ListRange(k)
	pg := &Paginator{Number: k, Total: total, Count: p.ListLen(), First: lo + 1, Last: hi}
	if k > 1 {
		pg.Prev = p.ListPageURL(k - 1)
	}
	if k < total {
		pg.Next = p.ListPageURL(k + 1)
	}
	last := 0
	for i := 1; i <= total; i++ {
		if i > 1 && i < k-pagerNear {
			i = k - pagerNear // skip to the pages near this one
		} else if i > k+pagerNear && i < total {
			i = total
		}
		if i > last+1 {
			pg.Links = append(pg.Links, PageLink{})
		}
		pg.Links = append(pg.Links, PageLink{Number: i, URL: p.ListPageURL(i), Current: i == k})
		last = i
	}
	return pg
}
