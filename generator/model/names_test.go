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
