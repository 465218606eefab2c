package model

import (
	"fmt"
	"sort"
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

// ListLen returns how many entries p lists: on /checklists/ the
// checklists of its language, on /owners/ its owners' pages (a page
// counting once per owner), on a tag's page and on /tags/ the pages or
// tags in Listed, else its children.
func (p *Page) ListLen() int {
	if p.GeneratedList() {
		return len(p.Listed) + p.listLen
	}
	return len(p.Children)
}

// GeneratedList reports whether p is a generated page whose entries are
// not its children: a tag's page, /tags/, /checklists/ or /owners/.
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

// ListPart is what one list page of a generated list shows; at most one
// of its fields is set.
type ListPart struct {
	// Listed is part of a tag's pages, or of the tags' pages on /tags/.
	Listed []*Page
	// Checklists is part of a language's checklists, on /checklists/.
	Checklists []*Checklist
	// Owned is part of a language's owners with their pages, on
	// /owners/. An owner whose pages go on over two list pages heads its
	// part on each.
	Owned []OwnerPages
}

// ListPart returns what p's list page k (from 1) shows of its generated
// list; nothing when p is not a generated list.
func (s *Site) ListPart(p *Page, k int) ListPart {
	switch {
	case !p.GeneratedList():
		return ListPart{}
	case p.Listed != nil:
		return ListPart{Listed: pageRange(p, p.Listed, k)}
	case p.Layout == "owners":
		return ListPart{Owned: s.ownedPart(p, k)}
	}
	return ListPart{Checklists: pageRange(p, s.checklists[p.Lang], k)}
}

// ownedPart returns the owners, each with the part of its pages, that
// the /owners/ page p's list page k shows: the pages of entries lo to hi
// when the owners' pages are counted one after the other.
func (s *Site) ownedPart(p *Page, k int) []OwnerPages {
	owned, starts := s.owned[p.Lang], s.ownedStarts[p.Lang]
	lo, hi := p.ListRange(k)
	if len(starts) != len(owned)+1 || lo >= hi {
		return nil
	}
	// The last owner whose pages start at or before lo.
	i := sort.Search(len(starts), func(j int) bool { return starts[j] > lo }) - 1
	var out []OwnerPages
	for ; i >= 0 && i < len(owned) && starts[i] < hi; i++ {
		o := owned[i]
		from, to := max(lo-starts[i], 0), min(hi-starts[i], len(o.Pages))
		out = append(out, OwnerPages{Owner: o.Owner, Pages: o.Pages[from:to], Anchor: o.Anchor})
	}
	return out
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

// ListPageAt returns the page whose list page k (2 ≤ k ≤ its ListPages)
// the URL rel, without the base path, names ("/guides/page/2/" names page
// 2 of /guides/), or nil when rel names no list page of a page of the
// site.
func (s *Site) ListPageAt(rel string) (p *Page, k int) {
	trimmed := strings.TrimSuffix(rel, "/")
	i := strings.LastIndex(trimmed, "/page/")
	if i < 0 {
		return nil, 0
	}
	k, err := strconv.Atoi(trimmed[i+len("/page/"):])
	p = s.byURL[trimmed[:i+1]]
	if err != nil || p == nil || k < 2 || k > p.ListPages() || p.ListPageURL(k) != s.opts.BasePath+rel {
		return nil, 0
	}
	return p, k
}

// PageAtFile returns the page whose list page k the output file name is
// ("guides/index.html" is list page 1 of /guides/,
// "guides/page/2/index.html" list page 2), or nil.
func (s *Site) PageAtFile(name string) (p *Page, k int) {
	rel := "/" + strings.TrimSuffix(name, "index.html")
	if p := s.byURL[rel]; p != nil && strings.HasSuffix(name, "index.html") {
		return p, 1
	}
	return s.ListPageAt(rel)
}

// Publishes reports whether the site has a page, a further list page or
// a content file at the output file name.
func (s *Site) Publishes(name string) bool {
	if p, _ := s.PageAtFile(name); p != nil {
		return true
	}
	return s.hasFile(name)
}

// ListPageFile returns the output file of p's list page k: p's own for
// the first.
func (p *Page) ListPageFile(k int) string {
	if k <= 1 {
		return strings.TrimPrefix(p.RelURL, "/") + "index.html"
	}
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
