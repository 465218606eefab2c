package model_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/model"
)

// reserved is what the build reserves, as build.reservedPaths gives it for
// a theme with one stylesheet.
var reserved = []model.Reserved{
	{Name: "sitemap.xml", What: "the sitemap"},
	{Name: "robots.txt", What: "robots.txt"},
	{Name: "404.html", What: "the not-found page"},
	{Name: "feed.xml", What: "the feed", PerLanguage: true},
	{Name: "search/", What: "the search index"},
	{Name: "assets/css/site.css", What: "the theme's asset"},
}

// TestURLOwners checks that every output path has one owner: each case
// adds files to a small site, and wants exactly these errors.
func TestURLOwners(t *testing.T) {
	base := map[string]string{
		"_index.md":          "# Home\n",
		"b.md":               "# B\n",
		"guide.sv.md":        "# Guide\n",
		"guide.md":           "# Guide\n\n## Steps\n\n- [ ] a step\n",
		"roles/lead.md":      "# Lead\n",
		"teams/ops/index.md": "---\nroles: [lead, helper]\ntags: [ops]\n---\n# Ops\n",
	}
	alias := func(list string) map[string]string {
		return map[string]string{"a.md": "---\ntitle: A\naliases:\n" + list + "---\n# A\n"}
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"no clash", alias("  - /old/a/\n  - old-b\n"), nil},
		{"another page", alias("  - /b/\n"),
			[]string{`a.md:4:5: alias "/b/" clashes with the page b.md at /b/; remove the alias or change it to an unused path`}},
		{"without slashes", alias("  - b\n"),
			[]string{`a.md:4:5: alias "b" clashes with the page b.md at /b/; remove the alias or change it to an unused path`}},
		{"its own page", alias("  - /a\n  - a/\n  - /a/index.html\n"), nil},
		{"one path twice", map[string]string{"a.md": "---\ntitle: A\nredirect_from: [/dup/, /dup]\naliases: [/dup/]\n---\n# A\n"}, nil},
		{"its own page in other case", alias("  - /A\n"),
			[]string{`a.md:4:5: alias "/A" clashes with the page a.md at /a/; remove the alias or change it to an unused path`}},
		{"the home page", alias("  - /\n"),
			[]string{`a.md:4:5: alias "/" clashes with the page _index.md at /; remove the alias or change it to an unused path`}},
		{"another case", alias("  - /B/\n  - /Tags/\n  - /TAGS/OPS/\n"), []string{
			`a.md:4:5: alias "/B/" clashes with the page b.md at /b/; remove the alias or change it to an unused path`,
			`a.md:5:5: alias "/Tags/" clashes with the generated tags page at /tags/; remove the alias or change it to an unused path`,
			`a.md:6:5: alias "/TAGS/OPS/" clashes with the generated page of tag "ops" at /tags/ops/; remove the alias or change it to an unused path`,
		}},
		{"hidden names", alias("  - /.git/\n  - /.playbook-output\n  - /docs/.env\n"), []string{
			`a.md:4:5: alias "/.git/" has a hidden segment ".git" (a name starting with a dot); an alias is a path on this site, such as /old/path/`,
			`a.md:5:5: alias "/.playbook-output" has a hidden segment ".playbook-output" (a name starting with a dot); an alias is a path on this site, such as /old/path/`,
			`a.md:6:5: alias "/docs/.env" has a hidden segment ".env" (a name starting with a dot); an alias is a path on this site, such as /old/path/`,
		}},
		{"redirect_from, after aliases", map[string]string{"a.md": "---\ntitle: A\nredirect_from:\n  - /b/\n  - /.x/\naliases: [/old/a/, /Tags/]\n---\n# A\n"}, []string{
			`a.md:4:5: alias "/b/" clashes with the page b.md at /b/; remove the alias or change it to an unused path`,
			`a.md:5:5: alias "/.x/" has a hidden segment ".x" (a name starting with a dot); an alias is a path on this site, such as /old/path/`,
			`a.md:6:20: alias "/Tags/" clashes with the generated tags page at /tags/; remove the alias or change it to an unused path`,
		}},
		{"a page in another language", alias("  - /sv/guide/\n"),
			[]string{`a.md:4:5: alias "/sv/guide/" clashes with the page guide.sv.md at /sv/guide/; remove the alias or change it to an unused path`}},
		{"generated pages", alias("  - /checklists/\n  - /tags/\n  - /tags/ops/\n  - /roles/\n  - /roles/helper/\n"), []string{
			`a.md:4:5: alias "/checklists/" clashes with the generated checklists page at /checklists/; remove the alias or change it to an unused path`,
			`a.md:5:5: alias "/tags/" clashes with the generated tags page at /tags/; remove the alias or change it to an unused path`,
			`a.md:6:5: alias "/tags/ops/" clashes with the generated page of tag "ops" at /tags/ops/; remove the alias or change it to an unused path`,
			`a.md:7:5: alias "/roles/" clashes with the generated page of folder roles/ at /roles/; remove the alias or change it to an unused path`,
			`a.md:8:5: alias "/roles/helper/" clashes with the generated page of role "helper" at /roles/helper/; remove the alias or change it to an unused path`,
		}},
		{"generated files", alias("  - /sitemap.xml\n  - /robots.txt/\n  - /404.html\n  - /sv/feed.xml\n  - /search/\n  - /search/en/\n  - /assets/css/site.css\n"), []string{
			`a.md:4:5: alias "/sitemap.xml" clashes with the sitemap at /sitemap.xml; remove the alias or change it to an unused path`,
			`a.md:5:5: alias "/robots.txt/" clashes with robots.txt at /robots.txt; remove the alias or change it to an unused path`,
			`a.md:6:5: alias "/404.html" clashes with the not-found page at /404.html; remove the alias or change it to an unused path`,
			`a.md:7:5: alias "/sv/feed.xml" clashes with the feed at /sv/feed.xml; remove the alias or change it to an unused path`,
			`a.md:8:5: alias "/search/" clashes with the search index at /search/; remove the alias or change it to an unused path`,
			`a.md:9:5: alias "/search/en/" clashes with the search index at /search/; remove the alias or change it to an unused path`,
			`a.md:10:5: alias "/assets/css/site.css" clashes with the theme's asset at /assets/css/site.css; remove the alias or change it to an unused path`,
		}},
		{"a content file", map[string]string{
			"a.md":                "---\naliases: [/plan.svg, /teams/ops/chart.png/]\n---\n# A\n",
			"plan.svg":            "<svg/>",
			"teams/ops/chart.png": "png",
		}, []string{
			`a.md:2:11: alias "/plan.svg" clashes with the file plan.svg at /plan.svg; remove the alias or change it to an unused path`,
			`a.md:2:22: alias "/teams/ops/chart.png/" clashes with the file teams/ops/chart.png at /teams/ops/chart.png; remove the alias or change it to an unused path`,
		}},
		{"two aliases", map[string]string{
			"a.md": "---\naliases: /old/, /old\n---\n# A\n",
			"c.md": "---\naliases: [\"/old/\"]\n---\n# C\n",
		}, []string{
			`c.md:2:12: warning: alias "/old/" clashes with alias "/old/" of a.md at /old/, which leads there; remove the alias or change it to an unused path`,
		}},
		{"one page's aliases in two cases", map[string]string{
			"a.md": "---\nredirect_from: [/linux, /Linux]\n---\n# A\n",
		}, nil},
		{"TOML and a capitalised key", map[string]string{
			"a.md": "+++\ntitle = \"A\"\nAliases = [\n  \"/x/\",\n  \"/b/\",\n]\n+++\n# A\n",
		}, []string{
			`a.md:5:4: alias "/b/" clashes with the page b.md at /b/; remove the alias or change it to an unused path`,
		}},
		{"not clean paths", alias("  - /../up/\n  - https://example.com/a/\n  - //example.com/a/\n  - mailto:a@example.com\n  - /a?x=1\n  - /a/#top\n  - /a//b/\n  - /a/./b/\n  - \"\"\n  - 'a\\b'\n"), []string{
			`a.md:3:1: alias "" is empty; an alias is a path on this site, such as /old/path/`,
			`a.md:4:5: alias "/../up/" is not a clean path (it has a ".." segment); an alias is a path on this site, such as /old/path/`,
			`a.md:5:5: alias "https://example.com/a/" is a full URL; an alias is a path on this site, such as /old/path/`,
			`a.md:6:5: alias "//example.com/a/" is a full URL; an alias is a path on this site, such as /old/path/`,
			`a.md:7:5: alias "mailto:a@example.com" is a full URL; an alias is a path on this site, such as /old/path/`,
			`a.md:8:5: alias "/a?x=1" has a query or fragment; an alias is a path on this site, such as /old/path/`,
			`a.md:9:5: alias "/a/#top" has a query or fragment; an alias is a path on this site, such as /old/path/`,
			`a.md:10:5: alias "/a//b/" is not a clean path (it has a "" segment); an alias is a path on this site, such as /old/path/`,
			`a.md:11:5: alias "/a/./b/" is not a clean path (it has a "." segment); an alias is a path on this site, such as /old/path/`,
			`a.md:13:6: alias "a\\b" has a backslash; separate folders with "/"; an alias is a path on this site, such as /old/path/`,
		}},
		{"two pages at one URL", map[string]string{"b/index.md": "# B again\n"},
			[]string{`b/index.md:1:1: b.md and b/index.md both make the page /b/; rename one or set a different slug`}},
		{"a slug", map[string]string{"c.md": "---\ntitle: C\nslug: b\n---\n# C\n"},
			[]string{`c.md:3:1: b.md and c.md both make the page /b/; rename one or set a different slug`}},
		{"a page at a generated page", map[string]string{
			"checklists.md":         "# Checklists\n",
			"tags/_index.md":        "# Tags\n",
			"sv/checklists.sv.md":   "# Checklists\n",
			"roles/helper/index.md": "# Helper\n",
		}, []string{
			`checklists.md:1:1: this page's URL /checklists/ clashes with the generated checklists page at /checklists/; rename the file or set a different slug`,
			`roles/helper/index.md:1:1: this page's URL /roles/helper/ clashes with the generated page of role "helper" at /roles/helper/; rename the file or set a different slug`,
			// tags/_index.md stands in for the list of tags (TestOwnTagsPage).
		}},
		{"a folder at a generated page", map[string]string{"tags/ops/notes.md": "# Notes\n"}, []string{
			`tags/ops/notes.md:1:1: the generated page of this page's folder tags/ clashes with the generated tags page at /tags/; rename the folder`,
			`tags/ops/notes.md:1:1: the generated page of this page's folder tags/ops/ clashes with the generated page of tag "ops" at /tags/ops/; rename the folder`,
		}},
		{"a page at a generated file", map[string]string{"search.md": "# Search\n"}, []string{
			`search.md:1:1: this page's URL /search/ clashes with the search index at /search/; rename the file or set a different slug, or leave search.md out with exclude in playbook.toml`,
		}},
		{"a page at a content file", map[string]string{"b/index.html": "<p>old</p>"},
			[]string{`b.md:1:1: this page's URL /b/ clashes with the file b/index.html at /b/; rename the file or set a different slug, or leave b/index.html out with exclude in playbook.toml`}},
		{"a content file at a generated file", map[string]string{"robots.txt": "User-agent: *", "search/en/index.js": "x", "assets/css/site.css": "body{}"}, []string{
			`assets/css/site.css: this file's URL /assets/css/site.css clashes with the theme's asset at /assets/css/site.css; rename or move the file, or leave it out with exclude in playbook.toml`,
			`robots.txt: this file's URL /robots.txt clashes with robots.txt at /robots.txt; rename or move the file, or leave it out with exclude in playbook.toml`,
			`search/en/index.js: this file's URL /search/en/index.js clashes with the search index at /search/; rename or move the file, or leave it out with exclude in playbook.toml`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, files := range []map[string]string{base, tc.files} {
				for name, text := range files {
					fsys[name] = &fstest.MapFile{Data: []byte(text)}
				}
			}
			inputs, files, _ := inputsFS(t, fsys)
			// The pages in any order give the same errors.
			for _, order := range []string{"listed", "reversed"} {
				if order == "reversed" {
					slices.Reverse(inputs)
				}
				_, diags := model.Build(inputs, model.Options{Languages: []string{"en", "sv"}, Reserved: reserved, Files: files})
				diags.Sort()
				var shown diag.List // the errors, and the warnings of two aliases
				for _, d := range diags {
					if d.Severity == diag.Error || d.Kind == "duplicate-alias" {
						shown = append(shown, d)
					}
				}
				got := strings.TrimSuffix(shown.String(), "\n")
				if want := strings.Join(tc.want, "\n"); got != want {
					t.Errorf("%s: got:\n%s\nwant:\n%s", order, got, want)
				}
			}
		})
	}
}

// TestPageBesideFolder checks the layout of GitBook and many public
// handbooks: guide.md beside a folder guide/ without an index is that
// folder's page, the parent of the pages in it, and no error.
func TestPageBesideFolder(t *testing.T) {
	site, diags := loadFS(t, fstest.MapFS{
		"_index.md":             {Data: []byte("# Home\n\n[Guide](guide.md)\n")},
		"guide.md":              {Data: []byte("# Guide\n\n[More](guide/more.md)\n")},
		"guide/more.md":         {Data: []byte("# More\n")},
		"guide/deeper/again.md": {Data: []byte("# Again\n\n[Up](../more.md)\n")},
	}, model.Options{Languages: []string{"en"}})
	if len(diags.Errors()) > 0 {
		t.Fatalf("errors:\n%s", diags)
	}
	guide, more := site.PageByPath("guide.md"), site.PageByPath("guide/more.md")
	if guide == nil || more == nil {
		t.Fatal("pages missing")
	}
	if more.Parent != guide {
		t.Errorf("the parent of guide/more.md is %v, want guide.md", more.Parent)
	}
	for _, p := range site.Pages() {
		if p.Generated && p.RelURL == "/guide/" {
			t.Errorf("a generated page at /guide/ as well")
		}
	}
}

// TestAliasAtFolder checks a handbook whose group page moved: its old
// URL, an alias now, is also the URL of a folder without an index that
// still holds pages. The alias, in any case, leads to the moved page, and
// so do links to the folder; no page is generated for the folder, and its
// pages go under the folder above, as in Hugo. The list of roles and the
// home pages are kept all the same.
func TestAliasAtFolder(t *testing.T) {
	site, diags := loadFS(t, fstest.MapFS{
		"ai/_index.md":               {Data: []byte("# AI\n\n[Group](group/catalog/_index.md)\n")},
		"ai/group/catalog/_index.md": {Data: []byte("---\ntitle: Catalog\naliases: [/AI/Catalog/, /roles/, /, /sv/]\n---\n[UX](../../catalog/ux/_index.md)\n")},
		"ai/catalog/ux/_index.md":    {Data: []byte("# UX\n")},
		"ai/_index.sv.md":            {Data: []byte("# AI\n")},
		"ai/catalog/notes.md":        {Data: []byte("# Notes\n")},
		"roles/lead.md":              {Data: []byte("# Lead\n")},
	}, model.Options{Languages: []string{"en", "sv"}})
	if got := diags.Errors().String(); got != strings.Join([]string{
		`ai/group/catalog/_index.md:3:25: alias "/roles/" clashes with the generated page of folder roles/ at /roles/; remove the alias or change it to an unused path`,
		`ai/group/catalog/_index.md:3:34: alias "/" clashes with the generated home page at /; remove the alias or change it to an unused path`,
		`ai/group/catalog/_index.md:3:37: alias "/sv/" clashes with the generated home page at /sv/; remove the alias or change it to an unused path`,
	}, "\n")+"\n" {
		t.Errorf("errors:\n%s", got)
	}
	for _, p := range site.Pages() {
		if p.RelURL == "/ai/catalog/" {
			t.Errorf("a page at the alias's URL: %s", p.Path)
		}
	}
	if ux, ai := site.PageByPath("ai/catalog/ux/_index.md"), site.PageByPath("ai/_index.md"); ux.Parent != ai {
		t.Errorf("the parent of the folder's page is %v, want ai/_index.md", ux.Parent)
	}
	// A link to the folder, however written, leads where the alias does.
	for _, l := range [][2]string{
		{"ai/_index.md", "/AI/Catalog/"}, {"ai/_index.md", "catalog/"}, {"ai/_index.md", "/ai/catalog"},
		{"ai/catalog/ux/_index.md", "../"}, {"ai/catalog/notes.md", "./"},
	} {
		if u, ok := site.Resolve(l[0], l[1]); !ok || u != "/ai/group/catalog/" {
			t.Errorf("%s on %s resolves to %q, %v; want /ai/group/catalog/", l[1], l[0], u, ok)
		}
	}
}

// TestRelativeAliases checks that an alias written without a leading "/"
// is read from the folder that holds the page's URL, as Hugo reads it, so
// that two pages in different folders may each have one of the same name,
// while Jekyll's redirect_from stays a path from the root.
func TestRelativeAliases(t *testing.T) {
	site, diags := loadFS(t, fstest.MapFS{
		"_index.md":                  {Data: []byte("# Home\n")},
		"docs/_index.md":             {Data: []byte("---\ntitle: Docs\naliases: [documentation]\n---\n")},
		"docs/go/instrumentation.md": {Data: []byte("---\ntitle: Go\naliases: [manual, ../old-lib, /abs/path/, sub/, ../../../../top]\n---\n")},
		"docs/js/instrumentation.md": {Data: []byte("---\ntitle: JS\nAliases: [manual]\nredirect_from: [rootish]\n---\n")},
	}, model.Options{})
	// One that climbs above the site's root is refused as written.
	if got := diags.Errors().String(); got != `docs/go/instrumentation.md:3:49: alias "../../../../top" is not a clean path (it has a ".." segment); an alias is a path on this site, such as /old/path/`+"\n" {
		t.Fatalf("errors:\n%s", got)
	}
	for alias, want := range map[string]string{
		"/documentation/":  "docs/_index.md",
		"/docs/go/manual/": "docs/go/instrumentation.md", "/docs/old-lib/": "docs/go/instrumentation.md",
		"/abs/path/": "docs/go/instrumentation.md", "/docs/go/sub/": "docs/go/instrumentation.md",
		"/docs/js/manual/": "docs/js/instrumentation.md", "/rootish/": "docs/js/instrumentation.md",
	} {
		if u, ok := site.Resolve("_index.md", alias); !ok || u != site.PageByPath(want).URL {
			t.Errorf("%s leads to %q, %v; want %s's URL", alias, u, ok, want)
		}
	}
	if got := site.PageByPath("docs/go/instrumentation.md").Input.Doc.Meta.Aliases[0]; got != "manual" {
		t.Errorf("the page's front matter became %q", got)
	}
}
