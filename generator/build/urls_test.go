package build_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// clashSite is a small bilingual site with a checklist, a tag, a role
// folder without _index.md and a role that only a team names.
var clashSite = map[string]string{
	"playbook.toml":              "title = \"Clash\"\n[languages.sv]\nname = \"Svenska\"\n",
	"content/_index.md":          "# Home\n\nSee [B](b.md) and [the plan](plan.svg).\n",
	"content/_index.sv.md":       "# Hem\n",
	"content/b.md":               "# B\n\nThe page B.\n",
	"content/guide.md":           "---\ntags: [start]\n---\n# Guide\n\n## Steps\n\n- [ ] a step\n",
	"content/guide.sv.md":        "# Guide på svenska\n",
	"content/plan.svg":           "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	"content/roles/lead.md":      "# Lead\n",
	"content/teams/ops/index.md": "---\nroles: [lead, helper]\n---\n# Ops\n",
}

// clash is one way to take a URL that has an owner.
type clash struct {
	name string
	// files are written over clashSite; fix is written after, "" deleting
	// a file (nil: delete every file of files).
	files, fix map[string]string
	// want is the build's error ("" for none).
	want string
	// survivor is an output file that the site without the clash has,
	// holding text.
	survivor, text string
}

// aliasClash is a page a.md with one alias; removing the alias fixes it.
func aliasClash(name, alias, want, survivor, text string) clash {
	return clash{
		name:  name,
		files: map[string]string{"content/a.md": "---\ntitle: A\naliases:\n  - " + alias + "\n---\n# A\n"},
		fix:   map[string]string{"content/a.md": "# A\n"},
		want:  want, survivor: survivor, text: text,
	}
}

const aliasFix = "; remove the alias or change it to an unused path"

var clashes = []clash{
	aliasClash("unused path", "/old/a/", "", "old/a/index.html", `http-equiv="refresh"`),
	aliasClash("another page", "/b/",
		`content/a.md:4:5: alias "/b/" clashes with the page b.md at /b/`+aliasFix, "b/index.html", "The page B."),
	aliasClash("its own page", "/a/", "", "a/index.html", "<h1"),
	aliasClash("its own page in other case", "/A/",
		`content/a.md:4:5: alias "/A/" clashes with the page a.md at /a/`+aliasFix, "a/index.html", "<h1"),
	aliasClash("the home page", "/",
		`content/a.md:4:5: alias "/" clashes with the page _index.md at /`+aliasFix, "index.html", "<h1"),
	aliasClash("a page in another language", "/sv/guide/",
		`content/a.md:4:5: alias "/sv/guide/" clashes with the page guide.sv.md at /sv/guide/`+aliasFix, "sv/guide/index.html", "Guide på svenska"),
	aliasClash("the checklists page", "/checklists/",
		`content/a.md:4:5: alias "/checklists/" clashes with the generated checklists page at /checklists/`+aliasFix, "checklists/index.html", "checklist-index"),
	aliasClash("the tags page", "/tags/",
		`content/a.md:4:5: alias "/tags/" clashes with the generated tags page at /tags/`+aliasFix, "tags/index.html", "start"),
	aliasClash("a tag page", "/tags/start",
		`content/a.md:4:5: alias "/tags/start" clashes with the generated page of tag "start" at /tags/start/`+aliasFix, "tags/start/index.html", "Guide"),
	aliasClash("a folder's generated page", "/roles/",
		`content/a.md:4:5: alias "/roles/" clashes with the generated page of folder roles/ at /roles/`+aliasFix, "roles/index.html", "Lead"),
	aliasClash("a role's generated page", "/roles/helper/",
		`content/a.md:4:5: alias "/roles/helper/" clashes with the generated page of role "helper" at /roles/helper/`+aliasFix, "roles/helper/index.html", "Helper"),
	aliasClash("the sitemap", "/sitemap.xml",
		`content/a.md:4:5: alias "/sitemap.xml" clashes with the sitemap at /sitemap.xml`+aliasFix, "sitemap.xml", "<urlset"),
	aliasClash("robots.txt", "/robots.txt",
		`content/a.md:4:5: alias "/robots.txt" clashes with the generated robots.txt at /robots.txt`+aliasFix, "robots.txt", "User-agent"),
	aliasClash("the not-found page", "/404.html",
		`content/a.md:4:5: alias "/404.html" clashes with the not-found page at /404.html`+aliasFix, "404.html", "<html"),
	aliasClash("a feed", "/sv/feed.xml",
		`content/a.md:4:5: alias "/sv/feed.xml" clashes with the feed at /sv/feed.xml`+aliasFix, "", ""),
	aliasClash("the search index", "/search/en/",
		`content/a.md:4:5: alias "/search/en/" clashes with the search index at /search/`+aliasFix, "search/en/index.js", "{"),
	aliasClash("a theme asset", "/assets/css/style.css",
		`content/a.md:4:5: alias "/assets/css/style.css" clashes with the theme's file themes/default/assets/css/style.css at /assets/css/style.css`+aliasFix, "assets/css/style.css", "{"),
	aliasClash("the code stylesheet", "/assets/css/chroma.css",
		`content/a.md:4:5: alias "/assets/css/chroma.css" clashes with the code-highlighting stylesheet at /assets/css/chroma.css`+aliasFix, "assets/css/chroma.css", ".chroma"),
	aliasClash("a content file", "/plan.svg",
		`content/a.md:4:5: alias "/plan.svg" clashes with the file plan.svg at /plan.svg`+aliasFix, "plan.svg", "<svg"),
	aliasClash("a path that climbs", "/../up/",
		`content/a.md:4:5: alias "/../up/" is not a clean path (it has a ".." segment); an alias is a path on this site, such as /old/path/`, "", ""),
	aliasClash("a full URL", "https://example.com/old/",
		`content/a.md:4:5: alias "https://example.com/old/" is a full URL; an alias is a path on this site, such as /old/path/`, "", ""),
	aliasClash("a query", "/old/?page=2",
		`content/a.md:4:5: alias "/old/?page=2" has a query or fragment; an alias is a path on this site, such as /old/path/`, "", ""),
	{name: "a page and a folder page", files: map[string]string{"content/b/index.md": "# Other B\n"},
		want:     `content/b/index.md:1:1: b.md and b/index.md both make the page /b/; rename one or set a different slug`,
		survivor: "b/index.html", text: "The page B."},
	{name: "a slug", files: map[string]string{"content/c.md": "---\nslug: b\n---\n# C\n"},
		want:     `content/c.md:2:1: b.md and c.md both make the page /b/; rename one or set a different slug`,
		survivor: "b/index.html", text: "The page B."},
	{name: "a page at a generated page", files: map[string]string{"content/checklists.md": "# My checklists\n"},
		want:     `content/checklists.md:1:1: this page's URL /checklists/ clashes with the generated checklists page at /checklists/; rename the file or set a different slug`,
		survivor: "checklists/index.html", text: "checklist-index"},
	{name: "a page at a generated file", files: map[string]string{"content/search.md": "# Search\n"},
		want:     `content/search.md:1:1: this page's URL /search/ clashes with the search index at /search/; rename the file or set a different slug, or leave search.md out with exclude in playbook.toml`,
		survivor: "search/en/index.js", text: "{"},
	{name: "a content file at a generated file", files: map[string]string{"content/sitemap.xml": "<urlset/>\n"},
		want:     `content/sitemap.xml: this file's URL /sitemap.xml clashes with the sitemap at /sitemap.xml; rename or move the file, or leave it out with exclude in playbook.toml`,
		survivor: "sitemap.xml", text: "<urlset"},
	{name: "the site's own robots.txt in another case", files: map[string]string{"content/Robots.txt": "User-agent: nobody\n"},
		want:     `content/Robots.txt: this file's URL /Robots.txt clashes with the generated robots.txt at /robots.txt; name it robots.txt to publish it in place of the generated robots.txt, or rename or move the file, or leave it out with exclude in playbook.toml`,
		survivor: "robots.txt", text: "Allow: /"},
}

// TestURLClashes checks each way of taking a URL that has an owner: a full
// build and the preview's Rebuild fail with the same positioned error and
// leave the served site as it was, and once the clash is fixed both
// succeed and the owner is intact.
func TestURLClashes(t *testing.T) {
	for _, tc := range clashes {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			for rel, text := range clashSite {
				writeFile(t, filepath.Join(src, rel), text)
			}
			mem := output.NewMem()
			preview := build.NewSession(build.Config{SourceDir: src, DefaultTheme: themes.Default(), NoGit: true}, mem)
			if _, err := preview.Rebuild(t.Context(), nil); err != nil {
				t.Fatalf("the site without the clash: %v", err)
			}
			served := mem.Snapshot()

			var changed []string
			for rel, text := range tc.files {
				writeFile(t, filepath.Join(src, rel), text)
				changed = append(changed, filepath.Join(src, rel))
			}
			dest := filepath.Join(t.TempDir(), "public")
			_, err := newBuilder(src, dest).Build(t.Context())
			checkErr(t, "build", err, tc.want)
			_, err = preview.Rebuild(t.Context(), changed)
			checkErr(t, "rebuild", err, tc.want)
			if tc.want == "" {
				checkSurvivor(t, dest, tc.survivor, tc.text)
				return
			}
			if mem.Snapshot() != served {
				t.Error("a failed rebuild changed the served site")
			}
			if _, err := os.Stat(dest); err == nil {
				t.Error("a failed build wrote the destination")
			}

			fix := tc.fix
			if fix == nil {
				fix = map[string]string{}
				for rel := range tc.files {
					fix[rel] = ""
				}
			}
			for rel, text := range fix {
				p := filepath.Join(src, rel)
				if text == "" {
					if err := os.RemoveAll(p); err != nil {
						t.Fatal(err)
					}
					// A page in a folder of its own goes with the folder.
					_ = os.Remove(filepath.Dir(p))
				} else {
					writeFile(t, p, text)
				}
				changed = append(changed, p)
			}
			if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
				t.Fatalf("fixed: %v", err)
			}
			if _, err := preview.Rebuild(t.Context(), changed); err != nil {
				t.Fatalf("fixed, rebuild: %v", err)
			}
			checkMatchesFullBuild(t, "fixed", mem, src, isSearch)
			checkSurvivor(t, dest, tc.survivor, tc.text)
		})
	}
}

// checkSurvivor checks that the output file name holds text, and that it
// is no alias redirect unless text asks for one.
func checkSurvivor(t *testing.T, dest, name, text string) {
	t.Helper()
	if name == "" {
		return
	}
	data, err := os.ReadFile(filepath.Join(dest, name))
	if err != nil {
		t.Fatal(err)
	}
	const redirect = `http-equiv="refresh"`
	if !strings.Contains(string(data), text) || text != redirect && strings.Contains(string(data), redirect) {
		t.Errorf("%s is not its owner's:\n%.300s", name, data)
	}
}

// checkErr checks that err is a diagnostics error saying want, or nil
// when want is "".
func checkErr(t *testing.T, what string, err error, want string) {
	t.Helper()
	var le *diag.ListError
	switch {
	case want == "" && err != nil:
		t.Fatalf("%s: %v", what, err)
	case want == "":
	case !errors.As(err, &le):
		t.Fatalf("%s: want a diagnostics error, got %v", what, err)
	case le.Error() != want:
		t.Errorf("%s:\n%s\nwant\n%s", what, le.Error(), want)
	}
}

// TestURLClashesTogether builds a site with many clashes at once: they are
// reported sorted, each once, whatever the order of the pages.
func TestURLClashesTogether(t *testing.T) {
	src := t.TempDir()
	for rel, text := range clashSite {
		writeFile(t, filepath.Join(src, rel), text)
	}
	var want []string
	for _, tc := range clashes {
		if tc.fix == nil || tc.want == "" || strings.HasPrefix(tc.name, "its own page") {
			continue
		}
		// Each alias on a page of its own, named so that the pages sort
		// in the opposite order of the cases.
		name := fmt.Sprintf("content/z%02d.md", 99-len(want))
		writeFile(t, filepath.Join(src, name), strings.Replace(tc.files["content/a.md"], "title: A", "title: "+tc.name, 1))
		want = append(want, strings.Replace(tc.want, "content/a.md", name, 1))
	}
	slices.Sort(want)
	_, err := newBuilder(src, filepath.Join(t.TempDir(), "public")).Build(t.Context())
	checkErr(t, "build", err, strings.Join(want, "\n"))
}

// TestRebuildNewThemeFile checks that the preview reports an alias that a
// new theme file clashes with, though no page changed.
func TestRebuildNewThemeFile(t *testing.T) {
	src := t.TempDir()
	for rel, text := range clashSite {
		writeFile(t, filepath.Join(src, rel), text)
	}
	writeFile(t, filepath.Join(src, "content/a.md"), "---\naliases: [/assets/css/extra.css]\n---\n# A\n")
	mem := output.NewMem()
	preview := build.NewSession(build.Config{SourceDir: src, DefaultTheme: themes.Default(), NoGit: true}, mem)
	if _, err := preview.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	css := filepath.Join(src, "themes/default/assets/css/extra.css")
	writeFile(t, css, "body{}")
	want := `content/a.md:2:11: alias "/assets/css/extra.css" clashes with the theme's file themes/default/assets/css/extra.css at /assets/css/extra.css` + aliasFix
	_, err := preview.Rebuild(t.Context(), []string{css})
	checkErr(t, "rebuild", err, want)
	_, _, err = fullBuild(t, src)
	checkErr(t, "build", err, want)
	if err := os.Remove(css); err != nil {
		t.Fatal(err)
	}
	if _, err := preview.Rebuild(t.Context(), []string{css}); err != nil {
		t.Fatal(err)
	}
	if page, _ := mem.Snapshot().Get("assets/css/extra.css/index.html"); !strings.Contains(string(page), `http-equiv="refresh"`) {
		t.Errorf("the alias is not written once the theme file is gone:\n%s", page)
	}
}
