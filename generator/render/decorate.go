package render

import (
	"regexp"
	"strings"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/theme"
	"github.com/playbookhq/playbook/generator/tracker"
)

// decorate adds the page's history, translation state, language links,
// feed and issue link to its view.
func (r *Renderer) decorate(v *theme.PageView, p *model.Page) {
	if c := r.commit(p); c != nil {
		v.Updated = &theme.Change{Date: c.CommitDate, Author: c.Author, Hash: c.Hash, Subject: c.Subject}
	}
	v.MachineTranslated = machineTranslated(p)
	v.Original = r.in.Site.Original(p)
	if mine, orig := r.commit(p), r.commit(v.Original); mine != nil && orig != nil {
		v.Outdated = orig.Seq < mine.Seq
	}
	if len(r.languages) > 1 {
		v.LangLinks = r.langLinks(p)
	}
	v.Feed = r.feeds[p.Lang]
	v.Issue = r.issueLink(p, v.Site.Title)
}

// langLinks makes the language switcher of p: per language, p's
// translation, else the nearest page above it that the language has, else
// the language's home page.
func (r *Renderer) langLinks(p *model.Page) []theme.LangLink {
	var out []theme.LangLink
	for _, l := range r.languages {
		link := theme.LangLink{Code: l.Code, Name: l.Name, Current: l.Code == p.Lang}
		if name, ok := r.in.Strings.Own("language-name", l.Code); ok && l.Name == strings.ToUpper(l.Code) {
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
		out = append(out, link)
	}
	return out
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

// commit returns the last commit of a page's file, or nil.
func (r *Renderer) commit(p *model.Page) *gitinfo.Commit {
	if r.in.Git == nil || p == nil || p.Input == nil {
		return nil
	}
	c, _ := r.in.Git.Last(r.in.Config.ContentDir + "/" + p.Path)
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

// issueLink makes the "Open as issue" link of a page with checklists, when
// the site names its repository.
func (r *Renderer) issueLink(p *model.Page, siteTitle string) *theme.IssueLink {
	cfg := r.in.Config
	if cfg.Repo == "" || p.Input == nil && p.Role() == nil {
		return nil
	}
	host, err := config.RepoHost(cfg.Repo)
	if err != nil {
		return nil
	}
	pageURL := r.absBase() + p.URL
	is, ok := tracker.ForPage(p, pageURL, siteTitle)
	if !ok {
		return nil
	}
	link, shown, total := tracker.NewIssueURL(host, cfg.Repo, is, pageURL, tracker.MaxURL)
	return &theme.IssueLink{URL: link, Title: is.Title, Host: host, Shown: shown, Total: total}
}

// absBase returns the scheme and host of the base URL ("https://x.com"),
// or "" when the base URL is a path.
func (r *Renderer) absBase() string {
	abs := strings.TrimRight(r.in.Config.BaseURL, "/")
	if !strings.Contains(abs, "://") {
		return ""
	}
	return strings.TrimSuffix(abs, r.in.Config.BasePath())
}
