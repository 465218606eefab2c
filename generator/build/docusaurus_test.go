package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDocusaurusSite checks that a site folder with docusaurus.config.js
// publishes its docs as Docusaurus does: files and folders without their
// number prefixes (but for dates and versions), a page named by its id
// front matter, titles and places from the prefixes (a category file's
// position first); and that its links by those names, from the page's
// folder as a browser reads them on a Docusaurus URL, or from /docs/,
// lead there. Without the config file, the names keep their prefixes.
func TestDocusaurusSite(t *testing.T) {
	files := map[string]string{
		"_index.md":                          "# Home\n\n[Guide](guide/intro.md) [Principles](principles/)\n",
		"guide/intro.md":                     "---\nid: guide-intro\n---\n# Intro\n\nSee the [SDK](guide-sdk), [events](/docs/guide/guide-intro#events) and [the vault](../principles/locked-vault).\n\n## Events\n",
		"guide/sdk.md":                       "---\nid: guide-sdk\ntitle: SDK\n---\nBack to the [intro](guide-intro).\n",
		"principles/02-locked-vault.md":      "Text of the vault.\n\n[Limited](./limited-security) [release](./2021-05-06-release) [notes](8.0-notes)\n",
		"principles/03-limited-security.md":  "---\ntitle: Limited\n---\n",
		"principles/02-locked-vault.sv.md":   "Valvet.\n\n[Begränsad](./limited-security)\n",
		"principles/10-later.md":             "---\ntitle: Later\n---\n",
		"principles/2021-05-06-release.md":   "---\ntitle: Release\nsidebar_position: 20\n---\n",
		"principles/8.0-notes.md":            "---\ntitle: Notes\nsidebar_position: 21\n---\n",
		"principles/01-first/_category_.yml": "position: 30\n",
		"principles/01-first/a.md":           "# A\n",
	}
	for _, docusaurus := range []bool{true, false} {
		src := writeSite(t, files)
		if docusaurus {
			writeFile(t, filepath.Join(src, "docusaurus.config.js"), "module.exports = {};\n")
		}
		res := buildWith(t, src, "title = \"T\"\n[languages.sv]\n[checks]\nbroken-link = \"warning\"\norphan-page = \"off\"\n")
		var broken []string
		for _, d := range res.Warnings {
			if d.Kind == "broken-link" {
				broken = append(broken, d.Pos.String())
			}
		}
		pub := filepath.Join(src, "public")
		if !docusaurus {
			for _, name := range []string{"guide/intro", "principles/02-locked-vault", "principles/01-first"} {
				if _, err := os.Stat(filepath.Join(pub, name, "index.html")); err != nil {
					t.Errorf("without docusaurus.config.js: %v", err)
				}
			}
			if len(broken) == 0 {
				t.Error("without docusaurus.config.js the links by Docusaurus' names lead somewhere")
			}
			continue
		}
		if len(broken) > 0 {
			t.Errorf("broken links at %v", broken)
		}
		for _, name := range []string{"guide/guide-intro", "guide/guide-sdk", "principles/locked-vault", "principles/limited-security",
			"principles/2021-05-06-release", "principles/8-0-notes", "principles/first/a"} {
			if _, err := os.Stat(filepath.Join(pub, name, "index.html")); err != nil {
				t.Errorf("with docusaurus.config.js: %v", err)
			}
		}
		pageHas(t, src, "guide/guide-intro/index.html", `<a href="/guide/guide-sdk/">SDK</a>`, `<a href="/guide/guide-intro/#events">events</a>`,
			`<a href="/principles/locked-vault/">the vault</a>`)
		pageHas(t, src, "principles/locked-vault/index.html", "<title>Locked vault ·", `<a href="/principles/limited-security/">Limited</a>`,
			`<a href="/principles/2021-05-06-release/">release</a>`, `<a href="/principles/8-0-notes/">notes</a>`)
		// From a translation, to a page that has none.
		pageHas(t, src, "sv/principles/locked-vault/index.html", `<a href="/principles/limited-security/">Begränsad</a>`)
		// The sidebar of the principles: by prefix, then the positions.
		nav := read(t, pub, "principles/index.html")
		var order []string
		for _, title := range []string{">Locked vault<", ">Limited<", ">Later<", ">Release<", ">Notes<", ">First<"} {
			order = append(order, title)
			if !strings.Contains(nav, title) {
				t.Errorf("the principles page lacks %s", title)
			}
		}
		if got := slices.SortedFunc(slices.Values(order), func(a, b string) int { return strings.Index(nav, a) - strings.Index(nav, b) }); !slices.Equal(got, order) {
			t.Errorf("order %v, want %v", got, order)
		}
	}
}

// TestDocusaurusIDClash checks that two pages that Docusaurus ids give one
// URL, and a page whose id takes a generated page's URL, are errors that
// name the id as the thing to change.
func TestDocusaurusIDClash(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"_index.md": "# Home\n\n[a](a.md) [b](b.md)\n", "a.md": "---\nid: same\n---\n# A\n", "b.md": "---\nid: same\n---\n# B\n"},
			"a.md and b.md both make the page /same/; change one's id or set a slug"},
		{map[string]string{"_index.md": "# Home\n\n[c](c.md)\n", "c.md": "---\nid: checklists\n---\n# C\n\n- [ ] a task\n"},
			"change its id or set a slug"},
	} {
		src := writeSite(t, tc.files)
		writeFile(t, filepath.Join(src, "docusaurus.config.js"), "module.exports = {};\n")
		writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
		_, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
}

// TestDocusaurusOrphans checks that a page no page links to is no orphan
// on a Docusaurus site whose sidebars are made from its folders (no
// sidebars file, or one that asks for autogenerated ones), where the
// sidebar lists it, and is one where the sidebars file lists pages by
// hand, which playbook does not read.
func TestDocusaurusOrphans(t *testing.T) {
	for name, tc := range map[string]struct {
		sidebars string
		want     []string
	}{
		"no sidebars file": {"", nil},
		"autogenerated":    {"module.exports = {docs: [{type: 'autogenerated', dirName: '.'}]};\n", nil},
		"by hand":          {"module.exports = {docs: ['intro', 'guide/setup']};\n", []string{"content/guide/setup.md"}},
	} {
		t.Run(name, func(t *testing.T) {
			src := writeSite(t, map[string]string{"intro.md": "# Intro\n", "guide/setup.md": "# Setup\n", "_index.md": "# Home\n\n[Intro](intro.md)\n"})
			writeFile(t, filepath.Join(src, "docusaurus.config.js"), "module.exports = {};\n")
			if tc.sidebars != "" {
				writeFile(t, filepath.Join(src, "sidebars.js"), tc.sidebars)
			}
			res := buildWith(t, src, "title = \"T\"\n")
			if got := filesOf(res.Warnings, "orphan-page"); !slices.Equal(got, tc.want) {
				t.Errorf("orphan pages %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLiquidSiteOrphans checks that a Jekyll or Eleventy site, whose
// theme's templates list its pages, reports no page the navigation shows
// as an orphan, and that another site still reports a page no page links
// to.
func TestLiquidSiteOrphans(t *testing.T) {
	for name, tc := range map[string]struct {
		file string
		want []string
	}{
		"eleventy": {".eleventy.js", nil},
		"jekyll":   {"_config.yml", nil},
		"plain":    {"", []string{"content/guide/setup.md"}},
	} {
		t.Run(name, func(t *testing.T) {
			src := writeSite(t, map[string]string{"intro.md": "# Intro\n", "guide/setup.md": "# Setup\n", "_index.md": "# Home\n\n[Intro](intro.md)\n"})
			if tc.file != "" {
				writeFile(t, filepath.Join(src, tc.file), "title: T\n")
			}
			res := buildWith(t, src, "title = \"T\"\n")
			if got := filesOf(res.Warnings, "orphan-page"); !slices.Equal(got, tc.want) {
				t.Errorf("orphan pages %q, want %q", got, tc.want)
			}
		})
	}
}
