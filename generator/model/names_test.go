package model_test

import (
	"strings"
	"testing"
)

// TestTagsSharingAURL checks that tags whose names make the same URL are
// one tag: its page lists every page that carries any of them, and shows
// the spelling most pages use ("c++", capitalised as a lower-case tag is).
func TestTagsSharingAURL(t *testing.T) {
	site, diags := buildFS(t, map[string]string{
		"_index.md": "# Home",
		"a.md":      "---\ntags: [\"C#\"]\n---\n# A",
		"b.md":      "---\ntags: [C, c++]\n---\n# B",
		"c.md":      "---\ntags: [C--]\n---\n# C",
		"d.md":      "---\ntags: [\"c++\", ops]\n---\n# D",
	})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	url := site.TagURL("en", "C#")
	if url == "" || url != site.TagURL("en", "c++") {
		t.Fatalf("TagURL: C# at %q, c++ at %q", url, site.TagURL("en", "c++"))
	}
	var names []string
	for _, p := range site.Pages() {
		if p.Layout != "tag" || p.Lang != "en" {
			continue
		}
		var listed []string
		for _, q := range p.Listed {
			listed = append(listed, q.Path)
		}
		names = append(names, p.Title+": "+strings.Join(listed, " "))
	}
	if got, want := strings.Join(names, "; "), "C++: a.md b.md c.md d.md; Ops: d.md"; got != want {
		t.Errorf("tag pages %q, want %q", got, want)
	}
}

// TestRoleNamesSharingAURL checks that the names teams give one role
// ("Team Lead", "team-lead") resolve to one role, whose page lists every
// team that has it, once, and that a name matching a role page's URL
// finds that page.
func TestRoleNamesSharingAURL(t *testing.T) {
	site, diags := buildFS(t, map[string]string{
		"_index.md":        "# Home",
		"roles/analyst.md": "# Analyst",
		"teams/a/index.md": "---\nroles:\n  - role: Team Lead\n  - role: team-lead\n  - role: Analyst\n---\n# A",
		"teams/b/index.md": "---\nroles:\n  - role: \"Team lead!\"\n---\n# B",
		"teams/c/index.md": "---\nroles:\n  - role: analyst\n---\n# C",
	})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range site.Roles("en") {
		var teams []string
		for _, tm := range r.Teams {
			teams = append(teams, tm.Slug)
		}
		got = append(got, r.Page.URL+": "+strings.Join(teams, " "))
	}
	if g, want := strings.Join(got, "; "), "/roles/analyst/: a c; /roles/team-lead/: a b"; g != want {
		t.Errorf("roles %q, want %q", g, want)
	}
}

// TestRoleNamesAcrossTheModel checks that a role named in several ways is
// one role wherever it is named: a team's roles, owners, reports_to, and
// in a second language, whose own role page lists every team having it.
func TestRoleNamesAcrossTheModel(t *testing.T) {
	t.Run("generated role by its slug", func(t *testing.T) {
		site, diags := buildFS(t, map[string]string{
			"_index.md":         "---\nowners: [{role: team-lead}, Team Lead, team-lead]\n---\n# Home",
			"teams/a/index.md":  "---\nroles: [Team Lead]\n---\n# A",
			"teams/b/index.md":  "---\nroles: [team-lead]\n---\n# B",
			"roles/analyst.md":  "---\nreports_to: team-lead\n---\n# Analyst",
			"roles/reporter.md": "---\nreports_to: Analyst\n---\n# Reporter",
		})
		if err := diags.Err(); err != nil {
			t.Fatal(err)
		}
		lead := site.Role("en", "team-lead")
		if lead == nil || lead != site.Role("en", "Team Lead") || lead.Page.URL != "/roles/team-lead/" {
			t.Fatalf("Role(team-lead) = %v, Role(Team Lead) = %v", lead, site.Role("en", "Team Lead"))
		}
		// {role: …} takes any name of the role; plain text only its slug,
		// else it is a person's name (the plain team-lead is the role, listed once).
		var owners []string
		for _, o := range site.Home("en").Owners() {
			owners = append(owners, o.Name+"/"+o.RoleSlug)
		}
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
		site, diags := buildFS(t, map[string]string{
			"_index.md":             "# Home",
			"_index.sv.md":          "# Hem",
			"roles/team-lead.md":    "# Team Lead",
			"roles/team-lead.sv.md": "# Teamledare",
			"teams/a/index.md":      "---\nroles: [Team Lead]\n---\n# A",
			"teams/b/index.md":      "---\nroles: [team-lead]\n---\n# B",
			"teams/c/index.sv.md":   "---\nroles: [Team Lead]\n---\n# C",
			"teams/d/index.sv.md":   "---\nroles: [team-lead]\n---\n# D",
		})
		if err := diags.Err(); err != nil {
			t.Fatal(err)
		}
		for lang, want := range map[string]string{"en": "a b", "sv": "a b c d"} {
			var got []string
			for _, r := range site.Roles(lang) {
				if r.Page.Lang != lang {
					t.Errorf("%s: role %s from %s", lang, r.Slug, r.Page.Lang)
				}
				got = append(got, r.Slug+": "+strings.Join(r.TeamSlugs, " "))
			}
			if g := strings.Join(got, "; "); g != "team-lead: "+want {
				t.Errorf("%s roles %q, want %q", lang, g, "team-lead: "+want)
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

// TestTagSpellingCountsPages checks that a spelling repeated on one page
// counts once toward the name a tag shows.
func TestTagSpellingCountsPages(t *testing.T) {
	site, diags := buildFS(t, map[string]string{
		"_index.md": "# Home",
		"a.md":      "---\ntags: [x-y, x-y]\n---\n# A",
		"b.md":      "---\ntags: [\"X Y\"]\n---\n# B",
	})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for _, p := range site.Pages() {
		if p.Layout == "tag" && p.Lang == "en" && (p.Title != "X Y" || len(p.Listed) != 2) {
			t.Errorf("tag page %q listing %d pages, want \"X Y\" listing 2", p.Title, len(p.Listed))
		}
	}
}
