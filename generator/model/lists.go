package model

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// addListPages adds, per language, the /checklists/ page and the tag pages.
func (s *Site) addListPages() {
	for _, l := range s.opts.Languages {
		home := s.homes[l]
		if home == nil {
			continue
		}
		if len(s.checklists[l]) > 0 {
			if p := s.addListPage(home, l, "checklists", "Checklists", "checklists"); p != nil {
				p.listLen = len(s.checklists[l])
			}
		}
		if len(s.owned[l]) > 0 {
			if p := s.addListPage(home, l, "owners", "Owners", "owners"); p != nil {
				p.listLen = s.ownedStarts[l][len(s.owned[l])]
			}
		}
		tagged := tagsBySlug(s.pages, l)
		if len(tagged) == 0 {
			continue
		}
		var tags *Page
		if p := s.byURL[s.urlFor(l, []string{"tags"})]; p != nil && p.Input != nil {
			// A page of the site at /tags/, as MkDocs Material's tags.md
			// is, stands in for the list of tags; the tags' pages are
			// made below it.
			tags = p
		} else {
			tags = s.addListPage(home, l, "tags", "Tags", "tags")
		}
		titles := map[string]string{}
		for _, p := range s.pages {
			if p.Lang == l && !p.Generated {
				titles[strings.ToLower(p.Title)] = p.Title
			}
		}
		for _, t := range tagged {
			name, slug := t.name, t.slug
			p := &Page{Dir: "tags", Kind: KindSection, Layout: "tag", Lang: l, Title: tagTitle(name, titles), Generated: true, Hidden: true, Params: map[string]any{"tag": name}, Parent: tags}
			p.Path = "tags/" + slug + "/_index.md"
			p.RelURL = s.urlFor(l, []string{"tags", slug})
			p.URL = s.opts.BasePath + p.RelURL
			if _, taken := s.byURL[p.RelURL]; taken || tags == nil {
				// Lost with the tags page too, so that checkURLs reports
				// every clash at once.
				s.lost = append(s.lost, p)
				continue
			}
			p.Listed = slices.SortedFunc(slices.Values(t.pages), func(a, b *Page) int {
				return cmp.Or(compareFold(a.Title, b.Title), cmp.Compare(a.URL, b.URL))
			})
			s.byURL[p.RelURL] = p
			s.pages = append(s.pages, p)
			if tags.Generated {
				tags.Listed = append(tags.Listed, p)
			}
		}
	}
	slices.SortFunc(s.pages, func(a, b *Page) int { return cmp.Compare(a.RelURL, b.RelURL) })
}

// tag is one tag of a language: the pages that carry it, under any of the
// spellings that share its URL ("C" and "C#" both make /tags/c/, as in
// Hugo), and the name its page shows: the spelling most pages use, the
// first in order when they tie.
type tag struct {
	name, slug string
	pages      []*Page
}

// tagsBySlug returns the tags of a language's pages, ordered by name.
func tagsBySlug(pages []*Page, lang string) []tag {
	bySlug := map[string]*tag{}
	type use struct {
		pages int
		last  *Page
	}
	uses := map[string]*use{} // pages per spelling
	for _, p := range pages {
		if p.Lang != lang || p.RedirectTo != "" {
			continue
		}
		names := p.Tags
		if p.Input != nil {
			names = p.Input.Doc.Meta.Tags // every spelling, for the count
		}
		for _, name := range names {
			slug := slugSegment(name)
			t := bySlug[slug]
			if t == nil {
				t = &tag{name: name, slug: slug}
				bySlug[slug] = t
			}
			u := uses[name]
			if u == nil {
				u = &use{}
				uses[name] = u
			}
			if u.last == p {
				continue // a spelling repeated on one page
			}
			u.pages, u.last = u.pages+1, p
			if n := len(t.pages); n == 0 || t.pages[n-1] != p {
				t.pages = append(t.pages, p)
			}
			if u, v := uses[name].pages, uses[t.name].pages; u > v || u == v && name < t.name {
				t.name = name
			}
		}
	}
	tags := make([]tag, 0, len(bySlug))
	for _, t := range bySlug {
		tags = append(tags, *t)
	}
	slices.SortFunc(tags, func(a, b tag) int { return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.slug, b.slug)) })
	return tags
}

// tagTitle is the title of a tag's page: the tag as written when it has
// a capital letter; else as a page of the language writes it as its title
// ("it" as the team page "IT"); else with its first letter capitalised.
func tagTitle(name string, titles map[string]string) string {
	if strings.ToLower(name) != name {
		return name
	}
	if t, ok := titles[name]; ok {
		return t
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToTitle(r)) + name[n:]
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

// ListPages returns the pages the build makes for a language and lists
// under no folder: the checklists, the tags and the owners, those the
// site has.
func (s *Site) ListPages(lang string) []*Page {
	var out []*Page
	for _, seg := range []string{"checklists", "tags", "owners"} {
		if p, ok := s.byURL[s.urlFor(lang, []string{seg})]; ok && p.Generated && p.Layout == seg {
			out = append(out, p)
		}
	}
	return out
}
