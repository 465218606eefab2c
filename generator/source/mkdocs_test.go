package source_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/source"
)

// TestReadMkDocs checks the forms of an mkdocs.yml nav entry, the
// settings read beside it, and what is left out with a warning.
func TestReadMkDocs(t *testing.T) {
	tests := []struct {
		name, yml string
		docsDir   string
		nav       string // the entries as navString writes them; "-" for no nav
		diags     string
		siteName  string
	}{
		{
			name:     "forms",
			yml:      "site_name: H\nnav:\n  - index.md\n  - 'About us': about.md\n  - Teams:\n      - teams/index.md\n      - Ops: teams/ops.md\n  - Status: https://status.example.com/\n",
			docsDir:  "docs",
			siteName: "H",
			nav:      "index.md@3:5 [About us]about.md@4:17 [Teams]@5:5{teams/index.md@6:9 [Ops]teams/ops.md@7:14} [Status]https://status.example.com/@8:13",
		},
		{
			// The YAML parser reads the keys after such a tag as part of
			// its value when the file is parsed whole.
			name: "python tags, anchors and docs_dir",
			yml: "docs_dir: handbook/\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n" +
				"extra:\n  token: !ENV [TOKEN, none]\nnav:\n  - Home: &home index.md\n  - !!str guide.md\n",
			docsDir: "handbook",
			nav:     "[Home]index.md@8:17 guide.md@9:5",
		},
		{
			name:     "items in the first column, keys around",
			yml:      "nav_title: x\nnav:\n- a.md\n# a comment\n\n- T: b.md\nsite_name: x\n",
			docsDir:  "docs",
			nav:      "a.md@3:3 [T]b.md@6:6",
			siteName: "x",
		},
		{
			name:    "a byte order mark, a quoted key, !ENV",
			yml:     "\ufeff\"nav\":\n  - Z: !ENV [Z, z.md]\n  - !ENV [A, B, a.md]\n  - !ENV NAV\n",
			docsDir: "docs",
			nav:     "[Z]z.md@2:16 a.md@3:5",
			diags:   "mkdocs.yml:4:5: warning: a nav entry read from an environment variable without a default (!ENV [NAME, default]) is left out: playbook builds the same site whatever the environment",
		},
		{
			name:     "a flow list on in the first column",
			yml:      "nav: [{Z: z.md}, index.md,\na.md]\nsite_name: x\n",
			docsDir:  "docs",
			nav:      "[Z]z.md@1:11 index.md@1:18 a.md@2:1",
			siteName: "x",
		},
		{
			name:     "no nav",
			yml:      "site_name: H\ntheme:\n  name: material\n",
			docsDir:  "docs",
			nav:      "-",
			siteName: "H",
		},
		{
			name:     "a site_name folded over lines",
			yml:      "site_name: >-\n  Platform Engineering\n  Handbook\nrepo_name: x\n",
			docsDir:  "docs",
			nav:      "-",
			siteName: "Platform Engineering Handbook",
		},
		{
			name:     "a literal site_name",
			yml:      "site_name: |\n  Ops\n  Guide\n",
			docsDir:  "docs",
			nav:      "-",
			siteName: "Ops Guide",
		},
		{
			name:    "empty nav",
			yml:     "nav:\n",
			docsDir: "docs",
			nav:     "",
		},
		{
			name:    "entries left out",
			yml:     "nav:\n  - a.md\n  - One: a.md\n    Two: b.md\n  - Empty:\n  - Map: {x: y}\n  - Again: *home\n  - [c.md]\n  - d.md\n",
			docsDir: "docs",
			nav:     "a.md@2:5 d.md@9:5",
			diags: "mkdocs.yml:3:5: warning: a nav entry names one title; this one has 2 keys, so it is left out\n" +
				"mkdocs.yml:5:5: warning: nav entry \"Empty\" leads nowhere; left out\n" +
				"mkdocs.yml:6:10: warning: nav entry \"Map\" holds neither a page nor a list; left out\n" +
				"mkdocs.yml:7:12: warning: a nav entry that repeats another (*home) is left out; write it out\n" +
				"mkdocs.yml:8:5: warning: a nav entry is a page (page.md), a titled page (Title: page.md) or a titled list; this one is left out",
		},
		{
			name:    "mkdocs-multirepo's import",
			yml:     "nav:\n  - a.md\n  - Airlock: '!import https://github.com/o/airlock?branch=main'\n",
			docsDir: "docs",
			nav:     "a.md@2:5",
			diags:   "mkdocs.yml:3:14: warning: nav entry \"Airlock\" imports another repository's pages (mkdocs-multirepo's !import), which playbook does not fetch; left out",
		},
		{
			name:    "nav not a list",
			yml:     "nav: index.md\n",
			docsDir: "docs",
			nav:     "",
			diags:   "mkdocs.yml:1:6: warning: nav is not a list of pages; left out",
		},
		{
			name:    "not YAML",
			yml:     "nav:\n  - a.md\n - b.md\n",
			docsDir: "docs",
			nav:     "-",
			diags:   "mkdocs.yml:3:2: warning: cannot read the nav of mkdocs.yml, so the navigation comes from the folders:",
		},
		{
			name:    "too deep",
			yml:     "nav:" + strings.Repeat("\n  - x:", 0) + " " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n",
			docsDir: "docs",
			nav:     "-",
			diags:   "mkdocs.yml:1:106: warning: mkdocs.yml nests more than 100 levels deep; playbook reads none of it",
		},
		{
			name:    "too large",
			yml:     "nav:\n  - a.md\n" + strings.Repeat("# padding\n", source.MaxMkDocs/10),
			docsDir: "docs",
			nav:     "-",
			diags:   "mkdocs.yml:1:1: warning: mkdocs.yml is over 1024 KB; playbook reads none of it, so the navigation comes from the folders",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, diags := source.ReadMkDocs("mkdocs.yml", []byte(tt.yml))
			if m.DocsDir != tt.docsDir {
				t.Errorf("docs_dir %q, want %q", m.DocsDir, tt.docsDir)
			}
			if m.SiteName != tt.siteName {
				t.Errorf("site_name %q, want %q", m.SiteName, tt.siteName)
			}
			nav := "-"
			if m.Nav != nil {
				nav = navString(m.Nav)
			}
			if nav != tt.nav {
				t.Errorf("nav\n%s\nwant\n%s", nav, tt.nav)
			}
			got := strings.TrimSpace(diags.String())
			if !strings.HasPrefix(got, tt.diags) || (tt.diags == "") != (got == "") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.diags)
			}
		})
	}
}

// navString writes entries as "[Title]dest@line:col{children}", apart by
// spaces.
func navString(es []source.NavEntry) string {
	var parts []string
	for _, e := range es {
		s := e.Dest + fmt.Sprintf("@%d:%d", e.Line, e.Col)
		if e.Title != "" {
			s = "[" + e.Title + "]" + s
		}
		if e.Children != nil {
			s += "{" + navString(e.Children) + "}"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// FuzzReadMkDocs checks that any mkdocs.yml is read without a panic, and
// that every entry it keeps stands on a line of the file and leads
// somewhere or holds entries.
func FuzzReadMkDocs(f *testing.F) {
	f.Add("nav:\n  - index.md\n  - About: about.md\n  - Teams:\n      - teams/ops.md\n")
	f.Add("docs_dir: x\nnav:\n  - &a a.md\n  - *a\n  - !ENV [A, b]\n  - {A: b, C: d}\n")
	f.Add("nav: [a.md, {B: [c.md, {D: e.md}]}]\n")
	f.Add("nav:\n  - ? a\n    : b.md\n  - |\n    c.md\n")
	f.Fuzz(func(t *testing.T, yml string) {
		m, _ := source.ReadMkDocs("mkdocs.yml", []byte(yml))
		lines := strings.Count(string(diag.LineEnds([]byte(yml))), "\n") + 1 // a lone "\r" ends a line too
		var walk func([]source.NavEntry)
		walk = func(es []source.NavEntry) {
			for _, e := range es {
				if e.Line < 1 || e.Line > lines {
					t.Errorf("entry %+v on line %d of %d", e, e.Line, lines)
				}
				if e.Dest == "" && e.Children == nil {
					t.Errorf("entry %+v leads nowhere", e)
				}
				walk(e.Children)
			}
		}
		walk(m.Nav)
	})
}

// TestMkDocsArithmatex checks that arithmatex is found in markdown_extensions
// however it is listed, also after another extension's settings hold a
// Python tag, after which the YAML parser loses its place; and not
// elsewhere in the file.
func TestMkDocsArithmatex(t *testing.T) {
	for _, tc := range []struct {
		yml  string
		want bool
	}{
		{"markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n          format: !!python/name:pymdownx.superfences.fence_code_format\n  - admonition\n  - pymdownx.arithmatex:\n      generic: true\n", true},
		{"markdown_extensions:\n- 'pymdownx.arithmatex'\n", true},
		{"markdown_extensions: [toc, \"pymdownx.arithmatex\"]\n", true},
		{"markdown_extensions:\n  - admonition\nplugins:\n  - pymdownx.arithmatex\n", false},
		{"# markdown_extensions:\n#  - pymdownx.arithmatex\nsite_name: T\n", false},
	} {
		m, _ := source.ReadMkDocs("mkdocs.yml", []byte(tc.yml))
		if m.Arithmatex != tc.want {
			t.Errorf("%q: arithmatex %v, want %v", tc.yml, m.Arithmatex, tc.want)
		}
	}
}
