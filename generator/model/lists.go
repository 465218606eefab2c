package model

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// addListPages adds, per language, the /checklists/ page and the tag pages.
func (s *Site) addListPages() {
	for _, l := range s.opts.Languages {
		home := s.homes[l]
		if home == nil {
			continue
		}
		if len(s.checklists[l]) > 0 {
			s.addListPage(home, l, "checklists", "Checklists", "checklists")
		}
		if len(s.owned[l]) > 0 {
			s.addListPage(home, l, "owners", "Owners", "owners")
		}
		tagged := map[string][]*Page{}
		for _, p := range s.pages {
			if p.Lang != l {
				continue
			}
			for _, t := range p.Tags {
				tagged[t] = append(tagged[t], p)
			}
		}
		if len(tagged) == 0 {
			continue
		}
		tags := s.addListPage(home, l, "tags", "Tags", "tags")
		for _, name := range slices.Sorted(maps.Keys(tagged)) {
			p := &Page{Dir: "tags", Kind: KindSection, Layout: "tag", Lang: l, Title: name, Generated: true, Hidden: true, Params: map[string]any{}, Parent: tags}
			p.Path = "tags/" + slugSegment(name) + "/_index.md"
			p.RelURL = s.urlFor(l, []string{"tags", slugSegment(name)})
			p.URL = s.opts.BasePath + p.RelURL
			if _, taken := s.byURL[p.RelURL]; taken || tags == nil {
				// Lost with the tags page too, so that checkURLs reports
				// every clash at once.
				s.lost = append(s.lost, p)
				continue
			}
			p.Listed = slices.SortedFunc(slices.Values(tagged[name]), func(a, b *Page) int {
				return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.URL, b.URL))
			})
			s.byURL[p.RelURL] = p
			s.pages = append(s.pages, p)
			tags.Listed = append(tags.Listed, p)
		}
	}
	slices.SortFunc(s.pages, func(a, b *Page) int { return cmp.Compare(a.RelURL, b.RelURL) })
}

func (s *Site) addListPage(home *Page, lang, seg, title, layout string) *Page {
	p := &Page{Dir: seg, Kind: KindSection, Layout: layout, Lang: lang, Title: title, Generated: true, Hidden: true, Params: map[string]any{}, Parent: home}
	p.Path = seg + "/_index.md"
	p.RelURL = s.urlFor(lang, []string{seg})
	p.URL = s.opts.BasePath + p.RelURL
	if _, taken := s.byURL[p.RelURL]; taken {
		s.lost = append(s.lost, p)
		return nil
	}
	s.byURL[p.RelURL] = p
	s.pages = append(s.pages, p)
	return p
}

// TagURL returns the URL of a tag's page in a language, or "".
func (s *Site) TagURL(lang, tag string) string {
	rel := s.urlFor(lang, []string{"tags", slugSegment(tag)})
	if p, ok := s.byURL[rel]; ok && p.Layout == "tag" {
		return p.URL
	}
	return ""
}
