package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/theme"
)

// extras is what the build knows about pages beyond their content: the
// interface strings, the git history of their files and the feeds.
type extras struct {
	strs *theme.Strings
	// git is nil outside a git repository.
	git *gitinfo.History
	// contentDir is the content folder's path in the site root.
	contentDir string
	// feeds maps a language to the URL of its feed, when it has one.
	feeds map[string]string
}

// loadStrings reads the interface strings: i18n/*.toml at the site root,
// then in each theme layer.
func (b *Builder) loadStrings(layers []theme.Layer) (*theme.Strings, diag.List) {
	site := sitefs.Dir(b.cfg.SourceDir)
	defer site.Close()
	all := append([]theme.Layer{{Name: "", FS: site}}, layers...)
	return theme.LoadStrings(all)
}

// stringFuncs adds the template functions that read strings: T and date.
func stringFuncs(funcs template.FuncMap, strs *theme.Strings) template.FuncMap {
	funcs["T"] = func(key, lang string) string { return strs.T(key, lang) }
	funcs["date"] = func(t time.Time, lang string) string { return strs.Date(t, lang) }
	return funcs
}

// newExtras reads the git history of the site, unless the build is told
// not to. A site outside git builds without it.
func newExtras(cfg *config.Config, site *model.Site, strs *theme.Strings, git *gitinfo.History) *extras {
	x := &extras{strs: strs, git: git, contentDir: cfg.ContentDir, feeds: map[string]string{}}
	for _, l := range site.Languages() {
		if len(x.recent(site, l)) > 0 && site.Home(l) != nil {
			x.feeds[l] = site.Home(l).URL + "feed.xml"
		}
	}
	return x
}

// loadGit reads the git history of the site, unless the build is told
// not to. A site outside git builds without it.
func (b *Builder) loadGit(ctx context.Context, cfg *config.Config) (*gitinfo.History, diag.List) {
	var diags diag.List
	if b.cfg.NoGit {
		return nil, nil
	}
	h, err := gitinfo.Load(ctx, b.cfg.SourceDir)
	switch {
	case errors.Is(err, gitinfo.ErrNoRepository):
		return nil, nil
	case err != nil:
		if ctx.Err() != nil {
			return nil, nil
		}
		diags.Warn(diag.Pos{File: cfg.ContentDir}, "cannot read the git history, so pages show no last-updated date: %v", err)
		return nil, diags
	}
	if h.Shallow {
		diags.Warn(diag.Pos{File: cfg.ContentDir}, "the git history is shallow: files last changed before its first commit show wrong dates (fetch the whole history with git fetch --unshallow)")
	}
	return h, diags
}

// languageName returns a language's own name from its strings file
// ("Svenska" from i18n/sv.toml), for languages the configuration does not
// name.
func (x *extras) languageName(code string) (string, bool) {
	if x == nil {
		return "", false
	}
	return x.strs.Own("language-name", code)
}

// commit returns the last commit of a page's file.
func (x *extras) commit(p *model.Page) *gitinfo.Commit {
	if x == nil || x.git == nil || p == nil || p.Input == nil {
		return nil
	}
	c, _ := x.git.Last(x.contentDir + "/" + p.Path)
	return c
}

var mtRE = regexp.MustCompile(`(?i)(^|[^a-z])mt([^a-z]|$)`)

// machineTranslated reports whether a page's workflow-type names machine
// translation: "mt", "Raw-MT", "tm+mt".
func machineTranslated(p *model.Page) bool {
	for k, v := range p.Params {
		if strings.EqualFold(k, "workflow-type") {
			s, _ := v.(string)
			return mtRE.MatchString(s)
		}
	}
	return false
}

// decorate adds the page's history, translation state, language links and
// feed to its view.
func (r *renderer) decorate(v *theme.PageView, p *model.Page) {
	x := r.x
	if c := x.commit(p); c != nil {
		v.Updated = &theme.Change{Date: c.CommitDate, Author: c.Author, Hash: c.Hash, Subject: c.Subject}
	}
	v.MachineTranslated = machineTranslated(p)
	def := r.site.Languages()[0]
	if p.Lang != def {
		for _, t := range p.Translations {
			if t.Lang == def {
				v.Original = t
			}
		}
	}
	if mine, orig := x.commit(p), x.commit(v.Original); mine != nil && orig != nil {
		v.Outdated = orig.Seq < mine.Seq
	}
	if len(r.languages) > 1 {
		for _, l := range r.languages {
			link := theme.LangLink{Code: l.Code, Name: l.Name, Current: l.Code == p.Lang}
			if name, ok := x.languageName(l.Code); ok && l.Name == strings.ToUpper(l.Code) {
				link.Name = name
			}
			target := l.Home
			switch {
			case link.Current:
				target, link.Translated = p, true
			default:
				for _, t := range p.Translations {
					if t.Lang == l.Code {
						target, link.Translated = t, true
					}
				}
				if !link.Translated {
					target = nearestIn(p, l.Code, l.Home)
				}
			}
			link.Home = !link.Translated && target == l.Home
			if target == nil {
				continue
			}
			link.URL, link.Title = target.URL, target.Title
			v.LangLinks = append(v.LangLinks, link)
		}
	}
	if x != nil {
		v.Feed = x.feeds[p.Lang]
	}
	v.Issue = r.issueLink(p, v.Site.Title)
}

// searchFiles builds the search index of the pages.
func searchFiles(site *model.Site, docs map[string]*markdown.Doc) []search.File {
	texts := make(map[string]string, len(docs))
	for p, d := range docs {
		texts[p] = d.Text
	}
	return search.Build(site, texts, search.Options{}).Files()
}

// feedSize is the number of changes an Atom feed lists.
const feedSize = 50

// recent returns the pages of a language with a commit, the most recently
// changed first.
func (x *extras) recent(site *model.Site, lang string) []*model.Page {
	var out []*model.Page
	for _, p := range site.Pages() {
		if p.Lang == lang && x.commit(p) != nil {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Page) int { return x.commit(a).Seq - x.commit(b).Seq })
	return out[:min(len(out), feedSize)]
}

// absBase returns the scheme and host of the base URL ("https://x.com"),
// or "" when the base URL is a path.
func (r *renderer) absBase() string {
	abs := strings.TrimRight(r.cfg.BaseURL, "/")
	if !strings.Contains(abs, "://") {
		return ""
	}
	return strings.TrimSuffix(abs, r.cfg.BasePath())
}

// writeFeeds writes an Atom feed of recently changed pages per language.
func (r *renderer) writeFeeds() error {
	abs := r.absBase()
	for _, l := range r.site.Languages() {
		if r.x == nil || r.x.feeds[l] == "" {
			continue
		}
		pages := r.x.recent(r.site, l)
		home := r.site.Home(l)
		view := r.view(home, "")
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
		b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="` + xmlEsc(l) + `">` + "\n")
		b.WriteString("  <title>" + xmlEsc(r.x.strs.T("feed-title", l)+" · "+view.Site.Title) + "</title>\n")
		b.WriteString("  <subtitle>" + xmlEsc(r.x.strs.T("feed-subtitle", l)) + "</subtitle>\n")
		b.WriteString("  <id>" + xmlEsc(feedID(abs, home.URL+"feed.xml", "")) + "</id>\n")
		b.WriteString(`  <link rel="self" type="application/atom+xml" href="` + xmlEsc(abs+home.URL+"feed.xml") + `"/>` + "\n")
		b.WriteString(`  <link rel="alternate" type="text/html" href="` + xmlEsc(abs+home.URL) + `"/>` + "\n")
		b.WriteString("  <updated>" + r.x.commit(pages[0]).CommitDate.Format(time.RFC3339) + "</updated>\n")
		b.WriteString("  <generator>playbook</generator>\n")
		for _, p := range pages {
			c := r.x.commit(p)
			b.WriteString("  <entry>\n")
			b.WriteString("    <title>" + xmlEsc(p.Title) + "</title>\n")
			b.WriteString(`    <link rel="alternate" type="text/html" href="` + xmlEsc(abs+p.URL) + `"/>` + "\n")
			b.WriteString("    <id>" + xmlEsc(feedID(abs, p.URL, c.Hash)) + "</id>\n")
			b.WriteString("    <updated>" + c.CommitDate.Format(time.RFC3339) + "</updated>\n")
			b.WriteString("    <author><name>" + xmlEsc(c.Author) + "</name></author>\n")
			summary := c.Subject
			if p.Description != "" {
				summary += " — " + p.Description
			}
			b.WriteString("    <summary>" + xmlEsc(summary) + "</summary>\n")
			b.WriteString("  </entry>\n")
		}
		b.WriteString("</feed>\n")
		if err := r.out.WriteFile(strings.TrimPrefix(home.RelURL, "/")+"feed.xml", b.Bytes()); err != nil {
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

func xmlEsc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeSitemap writes sitemap.xml: every page with its last change and its
// translations.
func (r *renderer) writeSitemap() error {
	abs := r.absBase()
	var sm bytes.Buffer
	sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	sm.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, p := range r.site.Pages() {
		sm.WriteString("  <url><loc>" + xmlEsc(abs+p.URL) + "</loc>")
		if c := r.x.commit(p); c != nil {
			sm.WriteString("<lastmod>" + c.CommitDate.Format(time.RFC3339) + "</lastmod>")
		}
		if len(p.Translations) > 0 {
			all := append([]*model.Page{p}, p.Translations...)
			slices.SortFunc(all, func(a, b *model.Page) int { return strings.Compare(a.Lang, b.Lang) })
			for _, t := range all {
				sm.WriteString("\n    <xhtml:link rel=\"alternate\" hreflang=\"" + xmlEsc(t.Lang) + "\" href=\"" + xmlEsc(abs+t.URL) + "\"/>")
			}
			sm.WriteString("\n  ")
		}
		sm.WriteString("</url>\n")
	}
	sm.WriteString("</urlset>\n")
	return r.out.WriteFile("sitemap.xml", sm.Bytes())
}

// nearestIn returns the page of lang that the language switcher offers
// for p when p has no translation in lang: the translation of the nearest
// page above p that has one, else home.
func nearestIn(p *model.Page, lang string, home *model.Page) *model.Page {
	for a := p.Parent; a != nil; a = a.Parent {
		if a.Lang == lang {
			return a
		}
		for _, t := range a.Translations {
			if t.Lang == lang {
				return t
			}
		}
	}
	return home
}
