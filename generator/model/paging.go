package model

import (
	"fmt"
	"strconv"
	"strings"
)

// ListPageSize is how many of its children a page lists. A page with more
// lists the rest on further pages of its own, <page URL>page/2/,
// page/3/ and so on, so that a folder of any size can be browsed without
// any page growing with it; navigation links to the first of them.
const ListPageSize = 100

// ListPages returns how many pages list p's children: 1, or more when p
// has more than ListPageSize children.
func (p *Page) ListPages() int {
	return max(1, (len(p.Children)+ListPageSize-1)/ListPageSize)
}

// ListChildren returns the children that p's list page k (from 1) shows.
func (p *Page) ListChildren(k int) []*Page {
	lo := min(max(k-1, 0)*ListPageSize, len(p.Children))
	return p.Children[lo:min(lo+ListPageSize, len(p.Children))]
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
