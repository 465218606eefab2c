package render

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"time"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
)

// feedSize is the number of changes an Atom feed lists.
const feedSize = 50

// recent returns the pages of a language with a commit, the most recently
// changed first.
func (r *Renderer) recent(lang string) []*model.Page {
	var out []*model.Page
	for _, p := range r.in.Site.Pages() {
		if p.Lang == lang && p.RedirectTo == "" && r.commit(p) != nil {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Page) int { return r.commit(a).Seq - r.commit(b).Seq })
	return out[:min(len(out), feedSize)]
}

// atomFeed is an Atom feed (RFC 4287) of recently changed pages.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle"`
	ID        string      `xml:"id"`
	Links     []atomLink  `xml:"link"`
	Updated   string      `xml:"updated"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title   string     `xml:"title"`
	Link    atomLink   `xml:"link"`
	ID      string     `xml:"id"`
	Updated string     `xml:"updated"`
	Author  atomAuthor `xml:"author"`
	Summary string     `xml:"summary"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

// Feeds writes an Atom feed of recently changed pages per language that
// has any.
func (r *Renderer) Feeds(w output.Writer) error {
	abs := r.absBase()
	for _, l := range r.in.Site.Languages() {
		if r.feeds[l] == "" {
			continue
		}
		pages := r.recent(l)
		home := r.in.Site.Home(l)
		f := atomFeed{
			Lang:     l,
			Title:    r.in.Strings.T("feed-title", l) + " · " + r.view(home, "").Site.Title,
			Subtitle: r.in.Strings.T("feed-subtitle", l),
			ID:       feedID(abs, home.URL+"feed.xml", ""),
			Links: []atomLink{
				{Rel: "self", Type: "application/atom+xml", Href: abs + home.URL + "feed.xml"},
				{Rel: "alternate", Type: "text/html", Href: abs + home.URL},
			},
			Updated:   r.commit(pages[0]).CommitDate.Format(time.RFC3339),
			Generator: "playbook",
		}
		for _, p := range pages {
			c := r.commit(p)
			summary := c.Subject
			if p.Description != "" {
				summary += " — " + p.Description
			}
			f.Entries = append(f.Entries, atomEntry{
				Title:   p.Title,
				Link:    atomLink{Rel: "alternate", Type: "text/html", Href: abs + p.URL},
				ID:      feedID(abs, p.URL, c.Hash),
				Updated: c.CommitDate.Format(time.RFC3339),
				Author:  atomAuthor{Name: c.Author},
				Summary: summary,
			})
		}
		data, err := marshalXML(f)
		if err != nil {
			return err
		}
		if err := w.WriteFile(strings.TrimPrefix(home.RelURL, "/")+"feed.xml", data); err != nil {
			return err
		}
	}
	return nil
}

// feedID makes an Atom id: the absolute URL with the commit as fragment,
// or a URN when the site has no absolute base URL.
func feedID(abs, url, hash string) string {
	if abs != "" {
		if hash != "" {
			return abs + url + "#" + hash[:min(12, len(hash))]
		}
		return abs + url
	}
	id := "urn:playbook:" + strings.Trim(url, "/")
	if hash != "" {
		id += ":" + hash[:min(12, len(hash))]
	}
	return id
}

// urlSet is a sitemap (sitemaps.org 0.9) with the translations of each
// page as xhtml:link alternates.
type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string      `xml:"loc"`
	LastMod string      `xml:"lastmod,omitempty"`
	Alts    []alternate `xml:"xhtml:link"`
}

type alternate struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap writes sitemap.xml: every page with its last change and its
// translations.
func (r *Renderer) Sitemap(w output.Writer) error {
	abs := r.absBase()
	sm := urlSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, p := range r.in.Site.Pages() {
		if p.RedirectTo != "" {
			continue
		}
		u := sitemapURL{Loc: abs + p.URL}
		if c := r.commit(p); c != nil {
			u.LastMod = c.CommitDate.Format(time.RFC3339)
		}
		if len(p.Translations) > 0 {
			all := append([]*model.Page{p}, p.Translations...)
			slices.SortFunc(all, func(a, b *model.Page) int { return strings.Compare(a.Lang, b.Lang) })
			for _, t := range all {
				u.Alts = append(u.Alts, alternate{Rel: "alternate", HrefLang: t.Lang, Href: abs + t.URL})
			}
		}
		sm.URLs = append(sm.URLs, u)
	}
	data, err := marshalXML(sm)
	if err != nil {
		return err
	}
	return w.WriteFile("sitemap.xml", data)
}

// marshalXML encodes v as an indented XML document with its declaration.
func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
