package theme

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/playbookhq/playbook/generator/model"
)

// SiteView is what templates know about the site.
type SiteView struct {
	Title       string
	Description string
	// BaseURL is the configured base URL; BasePath its path ("" at the root).
	BaseURL  string
	BasePath string
	// Lang is the default language.
	Lang string
	// Dir is the writing direction of the page's language: "ltr", or
	// "rtl" for Arabic, Hebrew and the others written right to left.
	Dir    string
	Params map[string]any
	// Home is the home page in the language being rendered.
	Home *model.Page
	// Languages lists the site's languages, the default first.
	Languages []LanguageView
}

// LanguageView describes one language of the site.
type LanguageView struct {
	Code string
	// Name is the language's own name ("Svenska"), or its code upper-cased.
	Name string
	// Home is the language's home page.
	Home *model.Page
}

// TOCItem is an entry of a page's table of contents.
type TOCItem struct {
	Text     string
	ID       string
	Children []TOCItem
}

// PageView is the data a page layout is executed with.
type PageView struct {
	Site *SiteView
	Page *model.Page
	// Heading is what the page's heading shows: the level-1 heading its
	// text starts with, else its title, with the Experience League
	// dialect's inline tags as the text shows them.
	Heading template.HTML
	// Lead is what the description under the heading shows: the page's
	// description with its inline Markdown and tags as the text shows
	// them.
	Lead    template.HTML
	Content template.HTML
	TOC     []TOCItem
	// NavRender renders the sidebar navigation for NavHTML; the builder
	// sets it.
	NavRender func() (template.HTML, error)
	// SharedRender executes a template for Shared; the builder sets it.
	SharedRender func(name string) (template.HTML, error)
	// placing names the templates Shared is executing for this view, so
	// that one that places itself is an error, not an endless recursion.
	placing []string
	// EditURL links to the page's source for editing, or "".
	EditURL string
	// Model is the whole handbook: .Model.Teams, .Model.Roles and
	// .Model.Checklists take the page's language.
	Model *model.Site
	// CollabMap is the collaboration map of the page's language as inline
	// SVG, drawn at build time.
	CollabMap template.HTML
	// CollabTeams are the teams the collaboration map shows: all of the
	// language's, or the most connected when there are many (MapTeams).
	CollabTeams []*model.Team
	// Children are the children of the page this page lists: all of
	// them, or those of one list page when they do not fit on one
	// (Paginator says which).
	Children []*model.Page
	// Paginator is nil when the page lists all its entries (Children,
	// Listed or Checklists) at once.
	Paginator *Paginator
	// list is what Listed, Checklists and Owned return; listShown is set
	// once one of them is called.
	list      model.ListPart
	listShown bool

	// Updated is the last commit that touched the page's file, or nil
	// when the site is not in a git repository or the file has no commit.
	Updated *Change
	// Original is the page this one translates (the page in the default
	// language), or nil.
	Original *model.Page
	// Outdated is true for a translation whose original has commits newer
	// than the translation's last commit.
	Outdated bool
	// MachineTranslated is true when the page's workflow-type names
	// machine translation ("mt").
	MachineTranslated bool
	// LangLinks has one entry per site language for the language switcher:
	// the page's translation, or that language's home page.
	LangLinks []LangLink
	// Feed is the URL of the Atom feed of the page's language, or "".
	Feed string
	// Issue is the "Open as issue" link of a page with checklists, when
	// the site names its repository (repo in playbook.toml); nil otherwise.
	Issue *IssueLink
}

// Listed returns the pages a tag's page lists, or the tags' pages that
// /tags/ lists: all of .Page.Listed, or those of one list page
// (Paginator says which).
func (v *PageView) Listed() []*model.Page {
	v.listShown = true
	return v.list.Listed
}

// Checklists returns the checklists that /checklists/ lists: all of the
// language's, or those of one list page (Paginator says which); nil on
// other pages.
func (v *PageView) Checklists() []*model.Checklist {
	v.listShown = true
	return v.list.Checklists
}

// Owned returns the owners that /owners/ lists, each with its pages: all
// of the language's, or those of one list page (Paginator says which),
// where an owner whose pages go on over two list pages heads its part on
// each; nil on other pages.
func (v *PageView) Owned() []model.OwnerPages {
	v.listShown = true
	return v.list.Owned
}

// SetList sets what Listed, Checklists and Owned return.
func (v *PageView) SetList(part model.ListPart) { v.list = part }

// ListShown reports whether the layout asked for Listed, Checklists or
// Owned. A layout that shows a generated list another way (.Page.Listed,
// .Model.Checklists, .Model.Owned) shows all of it on one page, so the
// list pages after the first are written only for a layout that asked.
// Hugo writes a list's further pages only for a layout that asks for its
// paginator, for the same reason.
func (v *PageView) ListShown() bool { return v.listShown }

// IssueLink opens a new issue in the handbook's repository, prefilled
// with a page's checklists as task-list Markdown.
type IssueLink struct {
	// URL is the new-issue address with the title and body in its query.
	URL   string
	Title string
	// Host is "github" or "gitlab".
	Host string
	// Shown is how many of the Total items the body holds: a long list is
	// cut to keep the address under 8 KB, with a line counting the rest.
	Shown, Total int
}

// Change is a commit that touched a page's file.
type Change struct {
	Date    time.Time
	Author  string
	Hash    string
	Subject string
}

// LangLink is one entry of the language switcher.
type LangLink struct {
	Code string
	// Name is the language's own name.
	Name string
	URL  string
	// Title is the title of the page linked to.
	Title string
	// Current marks the page's own language.
	Current bool
	// Translated is false when the language has no translation of the
	// page and URL leads instead to the nearest page above it that the
	// language has (Title names it), or to its home page (Home).
	Translated bool
	Home       bool
}

// BuildTOC nests a page's level-2 and level-3 headings, or its level-1
// and level-2 headings when level-1 headings other than the title divide
// it (a page written for GitHub, with its title in the front matter). A
// lower heading before the first higher one stands on its own.
func BuildTOC(hs []model.Heading) []TOCItem {
	// An empty heading ("### " alone) names nothing to go to: it makes no
	// entry, and the headings under it are entries of its level's.
	empty := func(h model.Heading) bool { return strings.TrimSpace(h.Text) == "" }
	top := 2
	for _, h := range hs {
		if h.Level == 1 && !h.IsTitle && !h.Nested && !empty(h) {
			top = 1
			break
		}
	}
	var out []TOCItem
	under := false // the last entry of out is a heading of level top
	for _, h := range hs {
		switch {
		case empty(h):
			under = under && h.Level > top
		case h.IsTitle, h.Level == 1 && h.Nested:
			// A # heading in a quote or list divides nothing.
		case h.Level == top:
			out = append(out, TOCItem{Text: h.Text, ID: h.ID})
			under = true
		case h.Level == top+1 && under:
			last := &out[len(out)-1]
			last.Children = append(last.Children, TOCItem{Text: h.Text, ID: h.ID})
		case h.Level == top+1:
			out = append(out, TOCItem{Text: h.Text, ID: h.ID})
		}
	}
	return out
}

// Nav returns the site navigation as seen from the page: the sections
// under the home page, opened along the path to the page.
func (v *PageView) Nav() []model.NavItem {
	if v.Model == nil || v.Page == nil {
		return nil
	}
	return v.Model.NavFor(v.Page)
}

// NavHTML returns the "nav" template executed with Nav, as the sidebar
// shows it. The builder renders it once per folder for the pages in it
// when that gives the same HTML, which keeps the sidebar's cost from
// growing with the site.
func (v *PageView) NavHTML() (template.HTML, error) {
	if v.NavRender == nil {
		return "", nil
	}
	return v.NavRender()
}

// Shared returns the template called name executed with the view, as
// {{template name .}} writes it where HTML text goes. The builder renders
// it once for the pages of a language (and layout) when the theme's
// template reads nothing of the view but what is the same on all of them,
// once for the pages of a folder when it reads no more than that and the
// page's parent and ancestors (see Theme.Sharing), and for each page
// otherwise, so a theme may override the template with one that shows
// anything of the page.
func (v *PageView) Shared(name string) (template.HTML, error) {
	if v.SharedRender == nil {
		return "", fmt.Errorf("no template renderer for %q", name)
	}
	if slices.Contains(v.placing, name) {
		return "", fmt.Errorf("template %q places itself with .Shared", name)
	}
	v.placing = append(v.placing, name)
	out, err := v.SharedRender(name)
	v.placing = v.placing[:len(v.placing)-1]
	if err != nil {
		return "", partError{err}
	}
	return out, nil
}

// partError is an error executing a part of a page for Shared. The
// page's template wraps it in its own; TemplateDiag reports the part's,
// which names the template and line at fault.
type partError struct{ err error }

func (e partError) Error() string { return e.err.Error() }

func (e partError) Unwrap() error { return e.err }
