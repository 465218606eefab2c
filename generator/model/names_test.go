package model_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/playbookhq/playbook/generator/model"
)

// buildOK builds the model of an in-memory content tree that must have no
// errors.
func buildOK(t *testing.T, files map[string]string) *model.Site {
	t.Helper()
	site, diags := buildFS(t, files)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return site
}

// tagPages describes a language's tag pages: "Title: listed paths; …".
func tagPages(site *model.Site, lang string) string {
	var out []string
	for _, p := range site.Pages() {
		if p.Layout != "tag" || p.Lang != lang {
			continue
		}
		var listed []string
		for _, q := range p.Listed {
			listed = append(listed, q.Path)
		}
		out = append(out, p.Title+": "+strings.Join(listed, " "))
	}
	return strings.Join(out, "; ")
}

// roleTeams describes a language's roles: "URL: team slugs; …".
func roleTeams(site *model.Site, lang string) string {
	var out []string
	for _, r := range site.Roles(lang) {
		out = append(out, r.Page.URL+": "+strings.Join(r.TeamSlugs, " "))
	}
	return strings.Join(out, "; ")
}

// TestTagsSharingAURL checks that tags whose names make the same URL are
// one tag: its page lists every page that carries any of them, and shows
// the spelling most pages use ("c++", capitalised as a lower-case tag is);
// a spelling repeated on one page counts once, and the page itself carries
// each tag once.
func TestTagsSharingAURL(t *testing.T) {
	site := buildOK(t, map[string]string{
		"_index.md": "# Home",
		"a.md":      "---\ntags: [\"C#\"]\n---\n# A",
		"b.md":      "---\ntags: [C, c++]\n---\n# B",
		"c.md":      "---\ntags: [C--]\n---\n# C",
		"d.md":      "---\ntags: [\"c++\", ops]\n---\n# D",
		"e.md":      "---\ntags: [x-y, x-y]\n---\n# E",
		"f.md":      "---\ntags: [\"X Y\"]\n---\n# F",
		"g.md":      "---\ntags: [Ops, a, ops, OPS]\n---\n# G",
	})
	if url := site.TagURL("en", "C#"); url == "" || url != site.TagURL("en", "c++") {
		t.Fatalf("TagURL: C# at %q, c++ at %q", url, site.TagURL("en", "c++"))
	}
	if got, want := tagPages(site, "en"), "A: g.md; C++: a.md b.md c.md d.md; Ops: d.md g.md; X Y: e.md f.md"; got != want {
		t.Errorf("tag pages %q, want %q", got, want)
	}
	for path, want := range map[string]string{"b.md": "C", "e.md": "x-y", "g.md": "Ops a"} {
		if got := strings.Join(site.PageByPath(path).Tags, " "); got != want {
			t.Errorf("%s has tags %q, want %q", path, got, want)
		}
	}
}

// TestRoleNames checks that a role named in several ways ("Team Lead",
// "team-lead") is one role wherever it is named: a team's roles (its page
// lists each team once), {role: …} owners, reports_to, and in a second
// language, whose own role page lists every team having it. Plain text
// among the owners names a role only by its exact slug, else a person.
func TestRoleNames(t *testing.T) {
	t.Run("one role", func(t *testing.T) {
		site := buildOK(t, map[string]string{
			"_index.md":        "# Home",
			"roles/analyst.md": "# Analyst",
			"teams/a/index.md": "---\nroles:\n  - role: Team Lead\n  - role: team-lead\n  - role: Analyst\n---\n# A",
			"teams/b/index.md": "---\nroles:\n  - role: \"Team lead!\"\n---\n# B",
			"teams/c/index.md": "---\nroles:\n  - role: analyst\n---\n# C",
		})
		if got, want := roleTeams(site, "en"), "/roles/analyst/: a c; /roles/team-lead/: a b"; got != want {
			t.Errorf("roles %q, want %q", got, want)
		}
	})
	t.Run("generated role by its slug", func(t *testing.T) {
		site := buildOK(t, map[string]string{
			"_index.md":         "---\nowners: [{role: team-lead}, Team Lead, team-lead]\n---\n# Home",
			"teams/a/index.md":  "---\nroles: [Team Lead]\n---\n# A",
			"teams/b/index.md":  "---\nroles: [team-lead]\n---\n# B",
			"roles/analyst.md":  "---\nreports_to: team-lead\n---\n# Analyst",
			"roles/reporter.md": "---\nreports_to: Analyst\n---\n# Reporter",
		})
		lead := site.Role("en", "team-lead")
		if lead == nil || lead != site.Role("en", "Team Lead") || lead.Page.URL != "/roles/team-lead/" {
			t.Fatalf("Role(team-lead) = %v, Role(Team Lead) = %v", lead, site.Role("en", "Team Lead"))
		}
		var owners []string
		for _, o := range site.Home("en").Owners() {
			owners = append(owners, o.Name+"/"+o.RoleSlug)
		}
		// The plain team-lead is the role, listed once; Team Lead a person.
		if got, want := strings.Join(owners, ", "), "Team Lead/team-lead, Team Lead/"; got != want {
			t.Errorf("owners %q, want %q", got, want)
		}
		if a := site.Role("en", "analyst"); a.ReportsTo != lead {
			t.Errorf("analyst reports to %v", a.ReportsTo)
		}
		if r := site.Role("en", "reporter"); r.ReportsTo != site.Role("en", "analyst") {
			t.Errorf("reporter reports to %v", r.ReportsTo)
		}
	})
	t.Run("second language", func(t *testing.T) {
		site := buildOK(t, map[string]string{
			"_index.md":             "# Home",
			"_index.sv.md":          "# Hem",
			"roles/team-lead.md":    "# Team Lead",
			"roles/team-lead.sv.md": "# Teamledare",
			"teams/a/index.md":      "---\nroles: [Team Lead]\n---\n# A",
			"teams/b/index.md":      "---\nroles: [team-lead]\n---\n# B",
			"teams/c/index.sv.md":   "---\nroles: [Team Lead]\n---\n# C",
			"teams/d/index.sv.md":   "---\nroles: [team-lead]\n---\n# D",
		})
		for lang, want := range map[string]string{"en": "/roles/team-lead/: a b", "sv": "/sv/roles/team-lead/: a b c d"} {
			if got := roleTeams(site, lang); got != want {
				t.Errorf("%s roles %q, want %q", lang, got, want)
			}
		}
		for _, team := range []string{"c", "d"} {
			tm := site.Team("sv", team)
			if tm == nil || len(tm.Roles) != 1 || tm.Roles[0].Role != site.Role("sv", "team-lead") {
				t.Errorf("sv team %s: %+v", team, tm)
			}
		}
	})
}

// TestWeightOrder checks how weights order a folder's pages: a weight
// need not be whole (40.5 sorts between 40 and 41), and pages without a
// weight come last; an order key's 0 (Docusaurus, Just the Docs and
// Eleventy count from 0) puts a page first, before 1 and after a
// negative weight, while weight 0 is no weight, as in Hugo.
func TestWeightOrder(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pages map[string]string
		want  string
	}{
		{"fractional", map[string]string{
			"g/a.md": "---\nweight: 41\n---\n# A",
			"g/b.md": "---\nweight: 40.5\n---\n# B",
			"g/c.md": "---\nweight: 40\n---\n# C",
			"g/d.md": "# D",
			"g/e.md": "---\nweight: 2000000000\n---\n# E",
		}, "C B A E D"},
		{"order zero", map[string]string{
			"g/a.md": "---\nsidebar_position: 1\n---\n# A",
			"g/b.md": "---\nsidebar_position: 0\n---\n# B",
			"g/c.md": "---\nweight: 0\n---\n# C",
			"g/d.md": "---\nnav_order: 0\n---\n# D",
			"g/e.md": "---\nweight: -1\n---\n# E",
			"g/f.md": "---\norder: 0\n---\n# F",
			"g/g.md": "# G",
		}, "E B D F A C G"},
	} {
		tc.pages["_index.md"] = "# Home"
		if got := childTitles(buildOK(t, tc.pages), "g/_index.md"); got != tc.want {
			t.Errorf("%s: order %q, want %q", tc.name, got, tc.want)
		}
	}
}

// childTitles returns the titles of the children of the page made from
// path, in their order.
func childTitles(site *model.Site, path string) string {
	var got []string
	for _, p := range site.Pages() {
		if p.Path == path {
			for _, c := range p.Children {
				got = append(got, c.Title)
			}
		}
	}
	return strings.Join(got, " ")
}

// TestTitleFromFileName checks the titles of pages and folders that have
// none of their own, made from their names: the first letter upper case,
// whole, in any script ("öppettider" gave an invalid byte before "ppettider"),
// without the spaces that separators at the ends or in runs would make.
func TestTitleFromFileName(t *testing.T) {
	site := buildOK(t, map[string]string{
		"_index.md":          "# Home\n\n[a](öppettider.md) [b](first-week.md) [c](Åtgärder/ärende.md) [d](日本/x.md)\n",
		"öppettider.md":      "Text.\n",
		"first-week.md":      "Text.\n",
		"Åtgärder/ärende.md": "Text.\n",
		"日本/x.md":            "Text.\n",
		"ελληνικά/σελίδα.md": "Text.\n",
		"--template--.md":    "Text.\n",
		"a--b_c.md":          "Text.\n",
	})
	var got []string
	for _, p := range site.Pages() {
		if !utf8.ValidString(p.Title) {
			t.Errorf("%s: title %q is not valid UTF-8", p.Path, p.Title)
		}
		got = append(got, p.Title)
	}
	slices.Sort(got)
	// Runs of separators are one space, and none starts or ends a title.
	for _, want := range []string{"Öppettider", "First week", "Åtgärder", "Ärende", "日本", "X", "Ελληνικά", "Σελίδα", "Template", "A b c"} {
		if !slices.Contains(got, want) {
			t.Errorf("no page titled %q; titles: %q", want, got)
		}
	}
}

// TestUntitledHomeTakesSiteTitle checks that a home page with no title of
// its own is titled as the site is,
// as the generated home page is, not "Home" (Homebrew's docs showed that
// as their front page's heading), while a titled one keeps its own.
func TestUntitledHomeTakesSiteTitle(t *testing.T) {
	for _, tc := range []struct{ home, want string }{
		{"Welcome text.\n\n## Part\n", "Fixture"},
		{"---\ntitle: Start\n---\nText.\n", "Start"},
	} {
		site := buildOK(t, map[string]string{"index.md": tc.home})
		if got := site.Home("en").Title; got != tc.want {
			t.Errorf("home %q: title %q, want %q", tc.home, got, tc.want)
		}
	}
}

// TestSlugWithSlashes checks Docusaurus' slugs, which may name a path: the
// page's URL takes their last segment, as its folders give the rest here,
// and a slug of "/" alone (the docs' root in Docusaurus) leaves the file's
// name, not "page".
func TestSlugWithSlashes(t *testing.T) {
	site := buildOK(t, map[string]string{
		"_index.md":       "# Home\n\n[a](docs/intro.md) [b](docs/b.md) [c](docs/c/index.md)\n",
		"docs/intro.md":   "---\nslug: /\n---\n# Intro\n",
		"docs/b.md":       "---\nslug: /guides/b-page\n---\n# B\n",
		"docs/c/index.md": "---\nslug: nested/c-page/\n---\n# C\n",
		"docs/plain.md":   "---\nslug: plain-page\n---\n# Plain\n",
	})
	want := map[string]string{"docs/intro.md": "/docs/intro/", "docs/b.md": "/docs/b-page/", "docs/c/index.md": "/docs/c-page/", "docs/plain.md": "/docs/plain-page/"}
	for p, u := range want {
		if pg := site.PageByPath(p); pg == nil || pg.URL != u {
			t.Errorf("%s: %v, want %s", p, pg, u)
		}
	}
}
