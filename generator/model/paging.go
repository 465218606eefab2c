package model

import (
	"fmt"
	"strconv"
	"strings"
)

// ListPageSize is how many entries a page lists: its children, or on a
// generated list page the pages of a tag, the tags or the checklists. A
// page with more lists the rest on further pages of its own,
// <page URL>page/2/, page/3/ and so on, so that a folder, a tag or a
// handbook of any size can be browsed without any page growing with it;
// navigation links to the first of them.
const ListPageSize = 100

// ListLen returns how many entries p lists: the checklists of its
// language on /checklists/, the pages or tags in Listed on a tag's page
// and on /tags/, else its children.
func (p *Page) ListLen() int {
	if p.GeneratedList() {
		return len(p.Listed) + p.listLen
	}
	return len(p.Children)
}

// GeneratedList reports whether p is a generated page whose entries are
// not its children: a tag's page, /tags/ or /checklists/.
func (p *Page) GeneratedList() bool {
	return p.Generated && (p.Listed != nil || p.listLen > 0)
}

// ListPages returns how many pages list p's entries: 1, or more when p
// lists more than ListPageSize.
func (p *Page) ListPages() int {
	return max(1, (p.ListLen()+ListPageSize-1)/ListPageSize)
}

// ListRange returns the entries, from lo up to hi, that p's list page k
// (from 1) shows.
func (p *Page) ListRange(k int) (lo, hi int) {
	n := p.ListLen()
	lo = min(max(k-1, 0)*ListPageSize, n)
	return lo, min(lo+ListPageSize, n)
}

// ListChildren returns the children that p's list page k (from 1) shows.
func (p *Page) ListChildren(k int) []*Page { return pageRange(p, p.Children, k) }

// ListListed returns the part of Listed that p's list page k (from 1)
// shows.
func (p *Page) ListListed(k int) []*Page { return pageRange(p, p.Listed, k) }

// ListChecklists returns the checklists that p's list page k (from 1)
// shows when p is a language's /checklists/ page, else nil.
func (s *Site) ListChecklists(p *Page, k int) []*Checklist {
	if p.listLen == 0 {
		return nil
	}
	return pageRange(p, s.checklists[p.Lang], k)
}

// pageRange returns the part of list that p's list page k shows, when
// list is what p lists; none of it when it is not.
func pageRange[T any](p *Page, list []T, k int) []T {
	lo, hi := p.ListRange(k)
	if hi > len(list) {
		return nil
	}
	return list[lo:hi]
}

// ListPageURL returns the URL of p's list page k (from 1): p's own URL
// for the first.
func (p *Page) ListPageURL(k int) string {
	if k <= 1 {
		return p.URL
	}
	return p.URL + listPageSuffix(k)
}

// ListPageFile returns the output file of p's list page k, for k > 1.
func (p *Page) ListPageFile(k int) string {
	return strings.TrimPrefix(p.RelURL, "/") + listPageSuffix(k) + "index.html"
}

func listPageSuffix(k int) string { return "page/" + strconv.Itoa(k) + "/" }

// listPageClaims are the claims of the further list pages of every page
// with more children than ListPageSize.
func (s *Site) listPageClaims() []*claim {
	var out []*claim
	for _, p := range s.pages {
		for k := 2; k <= p.ListPages(); k++ {
			out = append(out, &claim{
				rank: rankGenerated, name: p.ListPageFile(k), key: p.Path, idx: k,
				what: fmt.Sprintf("page %d of the list of the pages in %s", k, p.URL),
			})
		}
	}
	return out
}
