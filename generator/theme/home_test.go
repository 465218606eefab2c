package theme_test

import (
	"html/template"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/theme"
)

// TestCollabMapReadable checks that the collaboration map is one image
// with nothing to focus or follow inside, and that teams which work with
// no other team draw no map at all (the home page then leaves out the map
// and its table).
func TestCollabMapReadable(t *testing.T) {
	team := func(slug, title string) *model.Team {
		return &model.Team{Slug: slug, Page: &model.Page{Title: title, URL: "/teams/" + slug + "/", Lang: "en"}}
	}
	a, b, c := team("a", "Alpha"), team("b", "Beta"), team("c", "Gamma")
	if got := theme.CollabMap([]*model.Team{a, b, c}, "en", "Map", "%d teams"); got != "" {
		t.Errorf("teams without collaborations draw a map:\n%s", got)
	}
	a.Collabs = []model.Collab{{From: a, To: b, On: "releases"}}
	got := string(theme.CollabMap([]*model.Team{a, b, c}, "en", "Map", "%d teams"))
	if !strings.Contains(got, `role="img"`) || !strings.Contains(got, "Alpha ↔ Beta: releases") {
		t.Errorf("map without its role or the pair:\n%s", got)
	}
	for _, bad := range []string{"<a ", "href=", "tabindex"} {
		if strings.Contains(got, bad) {
			t.Errorf("the map, an image, holds %q:\n%s", bad, got)
		}
	}
}

// TestHomeSplit checks where the home page's welcome text ends: at the
// first level-2 heading of the text, not one inside a block.
func TestHomeSplit(t *testing.T) {
	for _, tt := range []struct{ in, lead, rest string }{
		{"<p>Hi</p>\n<h2 id=\"a\">A</h2>\n<p>x</p>", "<p>Hi</p>", "<h2 id=\"a\">A</h2>\n<p>x</p>"},
		{"<p>Hi</p>", "<p>Hi</p>", ""},
		{"<div class=\"callout\"><h2>In</h2></div>\n<h2>Out</h2>", "<div class=\"callout\"><h2>In</h2></div>", "<h2>Out</h2>"},
		// goldmark starts a heading in a quote, a callout or a list on a
		// line of its own.
		{"<p>Hi</p>\n<blockquote>\n<h2>Heads up</h2>\n<p>Read.</p>\n</blockquote>\n<hr />\n<h2>Teams</h2>\n",
			"<p>Hi</p>\n<blockquote>\n<h2>Heads up</h2>\n<p>Read.</p>\n</blockquote>\n<hr />", "<h2>Teams</h2>\n"},
		{"<div class=\"callout\">\n<p class=\"callout-title\">Start</p>\n<h2>In</h2>\n</div>\n<p>a<br />b<img src=\"x.png\"></p>\n<h2>Out</h2>",
			"<div class=\"callout\">\n<p class=\"callout-title\">Start</p>\n<h2>In</h2>\n</div>\n<p>a<br />b<img src=\"x.png\"></p>", "<h2>Out</h2>"},
		{"<ul>\n<li>\n<h2>Item</h2>\n</li>\n</ul>", "<ul>\n<li>\n<h2>Item</h2>\n</li>\n</ul>", ""},
		{"<script>var h = \"<h2>\";</script>\n<h2>Real</h2>", "<script>var h = \"<h2>\";</script>", "<h2>Real</h2>"},
	} {
		v := &theme.PageView{Content: template.HTML(tt.in)}
		if got := string(v.ContentLead()); got != tt.lead {
			t.Errorf("lead of %q = %q, want %q", tt.in, got, tt.lead)
		}
		if got := string(v.ContentRest()); got != tt.rest {
			t.Errorf("rest of %q = %q, want %q", tt.in, got, tt.rest)
		}
	}
}

// TestStartPage checks which page the home page's "New here?" line
// leads to: a page or folder named for newcomers, the nearest to the home
// page first and then in the navigation's order, never a team or role,
// and none when no page has such a name.
func TestStartPage(t *testing.T) {
	page := func(path string, kind model.Kind, children ...*model.Page) *model.Page {
		return &model.Page{Path: path, Kind: kind, Layout: string(kind), Children: children}
	}
	leaf := func(path string) *model.Page { return page(path, model.KindPage) }
	team := leaf("teams/onboarding.md")
	team.Layout = "team"
	hidden := leaf("welcome.md")
	hidden.Hidden = true
	for _, tt := range []struct {
		name string
		home *model.Page
		want string
	}{
		{"none", page("_index.md", model.KindHome, page("company/_index.md", model.KindSection, leaf("company/diversity.md"))), ""},
		{"a page", page("_index.md", model.KindHome, page("guides/_index.md", model.KindSection, leaf("guides/glossary.md"), leaf("guides/first-week.sv.md"))), "guides/first-week.sv.md"},
		{"a folder", page("_index.md", model.KindHome, page("company/_index.md", model.KindSection, leaf("company/a.md"), page("company/Getting_Started/_index.md", model.KindSection, leaf("company/Getting_Started/x.md")))), "company/Getting_Started/_index.md"},
		{"a folder of its index page alone", page("_index.md", model.KindHome, leaf("a.md"), leaf("onboarding/_index.md")), "onboarding/_index.md"},
		{"nearest first", page("_index.md", model.KindHome, page("a/_index.md", model.KindSection, leaf("a/onboarding.md")), leaf("intro.md")), "intro.md"},
		{"not a team, not hidden, not three levels down", page("_index.md", model.KindHome, hidden, page("teams/_index.md", model.KindSection, team),
			page("a/_index.md", model.KindSection, page("a/b/_index.md", model.KindSection, leaf("a/b/welcome.md")))), ""},
	} {
		v := &theme.PageView{Page: tt.home}
		got := ""
		if p := v.StartPage(); p != nil {
			got = p.Path
		}
		if got != tt.want {
			t.Errorf("%s: start page %q, want %q", tt.name, got, tt.want)
		}
	}
}
