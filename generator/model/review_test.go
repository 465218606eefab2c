package model_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/model"
)

// review builds a content tree and returns the Review warnings of one kind.
func review(t *testing.T, files map[string]string, kind string) string {
	t.Helper()
	return reviewWith(t, files, kind, model.Options{Languages: []string{"en"}})
}

// reviewWith is review with the model's options.
func reviewWith(t *testing.T, files map[string]string, kind string, opts model.Options) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	site, diags := loadFS(t, fsys, opts)
	if err := diags.Err(); err != nil {
		t.Fatalf("the site does not build: %v", err)
	}
	var out strings.Builder
	r := site.Review()
	r.Sort()
	for _, d := range r {
		if d.Kind == kind {
			out.WriteString(d.String() + "\n")
		}
	}
	return out.String()
}

func TestReviewPlaceholders(t *testing.T) {
	got := review(t, map[string]string{
		"_index.md": "# Home\n\nSee [support](teams/support/index.md).\n",
		"teams/support/index.md": `---
title: Support
description: One sentence on what the team does.
owners:
  - name: Your Name
    email: your.name@example.com
    chat: "@you"
---

What the team is for, in two or three sentences.

## Onboarding

- [ ] Ask @young about Your Names and "Your Name", or @you.

A guide may show the scaffold: ` + "`description: One sentence on what the team does.`" + `

` + "```yaml\nowners:\n  - name: Your Name\n```\n\n1. In a list item:\n\n    ```go\n    // owner: @you\n    ```\n",
	}, "placeholder")
	want := `teams/support/index.md:3:14: warning: placeholder "One sentence on what the team does.", written by playbook new, is still here; replace it
teams/support/index.md:5:11: warning: placeholder "Your Name", written by playbook new, is still here; replace it
teams/support/index.md:6:12: warning: placeholder "your.name@example.com", written by playbook new, is still here; replace it
teams/support/index.md:7:12: warning: placeholder "@you", written by playbook new, is still here; replace it
teams/support/index.md:10:1: warning: placeholder "What the team is for, in two or three sentences.", written by playbook new, is still here; replace it
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestReviewPortability(t *testing.T) {
	got := review(t, map[string]string{
		"_index.md": `# Home

- [[Storage]] and [[storage#Foo & Bar|the foo]] are wikilinks.
- [Transliterated](guides/storage.md#lagerstalle-och-kundtjanst) works here only.
- [As GitHub writes it](guides/storage.md#lagerställe-och-kundtjänst) works everywhere.
- [Escaped](guides/storage.md#lagerst%C3%A4lle-och-kundtj%C3%A4nst) too.
- [Ampersand](guides/storage.md#foo-and-bar) works here only; [GitHub's](guides/storage.md#foo--bar) works on GitHub.
- [Fixed id](guides/storage.md#fixed) works here only; [the second Intro](guides/storage.md#intro-1) everywhere.
- [Its own words](guides/storage.md#plain) are right as they are: the heading's {#plain} is what to change.

Term
: A definition.

Another term
: Another definition.

` + "```\nCode\n: not a definition\n```\n\n- [Words](guides/storage.md#foo-and-bar:~:text=a%20b) and [[storage#Foo & Bar:~:text=some words]].\n- [Case](guides/storage.md#Foo--Bar) works on GitHub too, [as does this](guides/storage.md#Intro-1).\n- [Case](guides/storage.md#Release-1), [playbook's](guides/storage.md#release-2).\n",
		"guides/storage.md": `---
title: Storage
---

## Intro

## Intro

## Lagerställe och kundtjänst

## Foo & Bar

## A fixed one {#fixed}

## Delivery (aka TLC) {#delivery-(tlc)}

## Escaped {#a\_b}

## Twice {#x} {#x}

## Release

## Release - 1

## Release

## Plain {#plain}
`,
	}, "portability")
	want := `_index.md:3:3: warning: wikilink [[Storage]] shows as text on GitHub and GitLab; write a relative link to the file instead: [Storage](guides/storage.md)
_index.md:3:19: warning: wikilink [[storage#Foo & Bar]] shows as text on GitHub and GitLab; write a relative link to the file instead: [Storage](guides/storage.md#foo--bar)
_index.md:4:3: warning: anchor #lagerstalle-och-kundtjanst of heading "Lagerställe och kundtjänst" works here, but GitHub and GitLab give it #lagerställe-och-kundtjänst, so the link leads to the top of the page there; write #lagerställe-och-kundtjänst, which works here too
_index.md:7:3: warning: anchor #foo-and-bar of heading "Foo & Bar" works here, but GitHub gives it #foo--bar and GitLab #foo-bar, so the link leads to the top of the page there; write #foo--bar, which works here too
_index.md:8:3: warning: anchor #fixed is the {#fixed} of heading "A fixed one", which GitHub and GitLab show as text; remove it from the heading and link to #a-fixed-one, which works here too
_index.md:12:1: warning: definition list: GitHub and GitLab show each term and its ": definition" as one paragraph; write a list of bold terms instead, such as "- **Term**: definition"
_index.md:22:3: warning: anchor #foo-and-bar of heading "Foo & Bar" works here, but GitHub gives it #foo--bar and GitLab #foo-bar, so the link leads to the top of the page there; write #foo--bar:~:text=a%20b, which works here too
_index.md:22:59: warning: wikilink [[storage#Foo & Bar:~:text=some words]] shows as text on GitHub and GitLab; write a relative link to the file instead: [Storage](guides/storage.md#foo--bar:~:text=some%20words)
_index.md:23:59: warning: anchor #Intro-1 of heading "Intro" works here and on GitHub, which ignores case in anchors, but GitLab matches case, so the link leads to the top of the page there; write #intro-1, which works in all three
_index.md:24:40: warning: anchor #release-2 of heading "Release" works here, but GitHub gives it #release-1, and GitLab gives its id to an earlier heading too, so the link leads elsewhere there; write #release-1, which works here and on GitHub
guides/storage.md:13:16: warning: {#fixed} after a heading shows as text on GitHub and GitLab; remove it and link to the heading as #a-fixed-one, the anchor GitHub gives it, which works here too
guides/storage.md:27:10: warning: {#plain} after a heading shows as text on GitHub and GitLab; remove it and link to the heading as #plain, the anchor GitHub gives it, which works here too
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestAnchorPortabilityHost checks links to a heading whose anchors
// GitHub and GitLab spell differently, so that no spelling works on
// both: either is right where the host is not known, and the other
// host's is reported where it is.
func TestAnchorPortabilityHost(t *testing.T) {
	files := map[string]string{"_index.md": "# Home\n\n- [GitHub's](#a--b) and [GitLab's](#a-b).\n\n## A & B\n\n- [Neither](#a-and-b).\n"}
	const neither = `_index.md:7:3: warning: anchor #a-and-b of heading "A & B" works here, but GitHub gives it #a--b and GitLab #a-b, so the link leads to the top of the page there; write `
	for _, tc := range []struct{ host, want string }{
		{"", neither + "#a--b, which works here too\n"},
		{"github", `_index.md:3:25: warning: anchor #a-b of heading "A & B" works here and on GitLab, but GitHub, where this handbook's files are, gives it #a--b, so the link leads to the top of the page there; write #a--b, which works here too` + "\n" +
			neither + "#a--b, which works here too\n"},
		{"gitlab", `_index.md:3:3: warning: anchor #a--b of heading "A & B" works here and on GitHub, but GitLab, where this handbook's files are, gives it #a-b, so the link leads to the top of the page there; write #a-b, which works here too` + "\n" +
			neither + "#a-b, which works here too\n"},
	} {
		if got := reviewWith(t, files, "portability", model.Options{Languages: []string{"en"}, Host: tc.host}); got != tc.want {
			t.Errorf("host %q:\n%s\nwant\n%s", tc.host, got, tc.want)
		}
	}
}

// TestReadmeTeam: a team folder with README.md instead of index.md, as on
// GitHub and GitLab, is a team, with README.md as its page; beside an
// index.md, README.md is a page of its own.
func TestReadmeTeam(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":               {Data: []byte("# Home\n\n[IT](teams/it/README.md), [Data](teams/data/) and [notes](teams/data/README.md).\n")},
		"teams/it/README.md":      {Data: []byte("---\ntitle: IT\nowners: [Amir Haddad]\n---\n\n## Onboarding\n\n- [ ] Get a laptop\n")},
		"teams/data/index.md":     {Data: []byte("---\ntitle: Data\nowners: [Ines]\n---\n")},
		"teams/data/README.md":    {Data: []byte("# Notes on the data folder\n")},
		"teams/support/readme.md": {Data: []byte("---\ntitle: Support\n---\n")},
	}
	site, diags := loadFS(t, fsys, model.Options{Languages: []string{"en"}})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ slug, path, url string }{
		{"it", "teams/it/README.md", "/teams/it/"},
		{"data", "teams/data/index.md", "/teams/data/"},
		{"support", "teams/support/readme.md", "/teams/support/"},
	} {
		team := site.Team("en", tt.slug)
		if team == nil {
			t.Errorf("no team %s", tt.slug)
			continue
		}
		if team.Page.Path != tt.path || team.Page.URL != tt.url || team.Page.Layout != "team" {
			t.Errorf("team %s: page %s at %s, layout %q; want %s at %s", tt.slug, team.Page.Path, team.Page.URL, team.Page.Layout, tt.path, tt.url)
		}
	}
	if it := site.Team("en", "it"); it != nil && (len(it.Owners) != 1 || len(it.Onboarding) != 1) {
		t.Errorf("team it: owners %v, %d onboarding lists", it.Owners, len(it.Onboarding))
	}
	if p := site.PageByPath("teams/data/README.md"); p == nil || p.Team() != nil || p.URL != "/teams/data/readme/" {
		t.Errorf("README.md beside index.md: %+v", p)
	}
}
