package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	idAttrRE   = regexp.MustCompile(`\sid="([^"]*)"`)
	dataTaskRE = regexp.MustCompile(`data-task="([^"]*)"`)
)

// hostileChecks are what each shape's page must show, given how many
// copies of the construct it holds; the shapes without one are only
// checked for a page with unique ids.
var hostileChecks = map[string]func(t *testing.T, page string, k int){
	"duplicate-headings": func(t *testing.T, page string, k int) {
		wantCount(t, page, `<h2 id="same`, k)
		wantCount(t, page, `<h2 id="same-`+strconv.Itoa(k-1)+`"`, 1)
	},
	"unclosed-links": func(t *testing.T, page string, k int) { wantCount(t, page, "[a](", k) },
	"autolinks-after-text": func(t *testing.T, page string, k int) {
		wantCount(t, page, `<a href="http://localhost/a">`, k)
	},
	"refused-url-hosts": func(t *testing.T, page string, _ int) { wantCount(t, page, `href="http://a_b`, 0) },
	"address-signs":     func(t *testing.T, page string, _ int) { wantCount(t, page, `mailto:`, 0) },
	"emoji":             func(t *testing.T, page string, k int) { wantCount(t, page, "🎉", k) },
	"math": func(t *testing.T, page string, k int) {
		wantCount(t, page, `<span class="math math-inline">\(x^2\)</span>`, k)
		wantCount(t, page, `<div class="math math-display">\[+ y\]</div>`, k)
	},
	"math-openers":          func(t *testing.T, page string, _ int) { wantCount(t, page, `class="math`, 0) },
	"unclosed-angle-links":  func(t *testing.T, page string, k int) { wantCount(t, page, "[a](&lt;b", k) },
	"reference-definitions": func(t *testing.T, page string, k int) { wantCount(t, page, `<a href="/">x</a>`, k) },
	"duplicate-reference-definitions": func(t *testing.T, page string, _ int) {
		wantCount(t, page, `<a href="/">a</a>`, 1)
	},
	"table-rows":    func(t *testing.T, page string, k int) { wantCount(t, page, "<tr>", k+1) },
	"table-columns": func(t *testing.T, page string, k int) { wantCount(t, page, "<th>h</th>", k) },
	"footnotes": func(t *testing.T, page string, k int) {
		wantCount(t, page, `class="footnote-ref"`, k)
		wantCount(t, page, `class="footnote-backref"`, k)
	},
	"footnote-references": func(t *testing.T, page string, k int) {
		wantCount(t, page, `class="footnote-ref"`, k)
		wantCount(t, page, `class="footnote-backref"`, k)
	},
	"id-attributes":   func(t *testing.T, page string, k int) { wantCount(t, page, `<li id="li`, k) },
	"task-items":      func(t *testing.T, page string, k int) { wantCount(t, page, `class="task-box"`, k) },
	"role-task-items": func(t *testing.T, page string, k int) { wantCount(t, page, `class="task-role"`, k) },
	"duplicate-task-items": func(t *testing.T, page string, k int) {
		ids := dataTaskRE.FindAllStringSubmatch(page, -1)
		seen := map[string]bool{}
		for _, m := range ids {
			if seen[m[1]] {
				t.Errorf("task id %q is used twice", m[1])
				break
			}
			seen[m[1]] = true
		}
		if len(ids) != k {
			t.Errorf("%d task items, want %d", len(ids), k)
		}
	},
	"bracketed-wikilinks": func(t *testing.T, page string, k int) {
		wantCount(t, page, "[[Home", k-1)
		wantCount(t, page, `<a href="/">Home</a>`, 1)
	},
	"wikilinks":          func(t *testing.T, page string, k int) { wantCount(t, page, `<a href="/">Home</a>`, k) },
	"unclosed-wikilinks": func(t *testing.T, page string, k int) { wantCount(t, page, "[[a", k) },
	"wikilinks-before-parens": func(t *testing.T, page string, k int) {
		wantCount(t, page, `<a href="/">Home</a>(`, k)
	},
	"exl-tags": func(t *testing.T, page string, k int) {
		wantCount(t, page, `<span class="dnl" translate="no">x</span>`, k)
	},
	"unclosed-exl-tags": func(t *testing.T, page string, k int) { wantCount(t, page, "[!DNL x", k) },
	"exl-tag-markup": func(t *testing.T, page string, k int) {
		wantCount(t, page, `<span class="uicontrol"><strong>x</strong> <a href="/">y</a></span>`, k)
	},
	"nested-exl-tags": func(t *testing.T, page string, k int) { wantCount(t, page, `<span class="dnl" translate="no">`, k) },
	"docfx-directives": func(t *testing.T, page string, k int) {
		wantCount(t, page, "<p>Text.</p>", k)
		wantCount(t, page, ":::", 0)
	},
	"exl-tags-code-closers":  func(t *testing.T, page string, k int) { wantCount(t, page, "[!DNL <code>]</code>", k) },
	"mismatched-emphasis":    func(t *testing.T, page string, _ int) { wantCount(t, page, "<em>", 0) },
	"emphasis-multiple-of-3": func(t *testing.T, page string, _ int) { wantCount(t, page, "<em>", 0) },
	"strikethrough":          func(t *testing.T, page string, _ int) { wantCount(t, page, "<del>", 0) },
	"callouts":               func(t *testing.T, page string, k int) { wantCount(t, page, `data-callout="note"`, k) },
	"admonitions": func(t *testing.T, page string, k int) {
		for _, kind := range []string{"note", "tip", "info"} {
			wantCount(t, page, `data-callout="`+kind+`"`, k)
		}
	},
	"unclosed-admonitions": func(t *testing.T, page string, k int) { wantCount(t, page, `data-callout="note"`, min(k, 32)) },
	"checklist-headings":   func(t *testing.T, page string, k int) { wantCount(t, page, `type="checkbox"`, k) },
	"lazy-admonitions":     func(t *testing.T, page string, k int) { wantCount(t, page, `data-callout="note"`, k) },
	"content-tabs": func(t *testing.T, page string, k int) {
		wantCount(t, page, `<section class="tab-panel" id="__tabbed_`, k)
	},
	"tab-groups":         func(t *testing.T, page string, k int) { wantCount(t, page, `<div class="tabs">`, k) },
	"include-directives": func(t *testing.T, page string, k int) { wantCount(t, page, "Text.", k) },
	"page-links":         func(t *testing.T, page string, k int) { wantCount(t, page, `<a href="/#top">home</a>`, k) },
	"jsx-links":          func(t *testing.T, page string, k int) { wantCount(t, page, `<a href="/#top">home</a>`, k) },
	"jsx-link-openers":   func(t *testing.T, page string, _ int) { wantCount(t, page, `<a href="/">a </a>`, 1) },
	"relref-links":       func(t *testing.T, page string, k int) { wantCount(t, page, `<a href="/#top">home</a>`, k) },
	"jsx-callouts": func(t *testing.T, page string, k int) {
		wantCount(t, page, `data-callout="info"`, k)
		wantCount(t, page, `data-callout="warning"`, k)
	},
}

func wantCount(t *testing.T, page, s string, n int) {
	t.Helper()
	if got := strings.Count(page, s); got != n {
		t.Errorf("%d of %q, want %d", got, s, n)
	}
}

// TestHostileShapesBuild builds a site with a page of each hostile shape
// of BenchmarkHostileScaling, a twentieth of its benchmark size, and checks
// that the build succeeds and each page shows what its Markdown says, with
// ids that are unique on the page (but for ids the page itself repeats).
func TestHostileShapesBuild(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"content/_index.md": "---\ntitle: Home\n---\n## Top\n\nText.\n",
		"content/dnl.md":    "---\ntitle: \"!DNL a\"\n---\nText.\n",
	}
	counts := map[string]int{}
	for _, s := range hostileShapes {
		k := max(s.n/20, 3)
		counts[s.name] = k
		files["content/"+s.name+".md"] = "---\ntitle: " + s.name + "\n---\n" + s.page(k)
	}
	for name, data := range files {
		writeFile(t, filepath.Join(root, name), data)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := newBuilder(root, dest).Build(t.Context())
	if err != nil {
		t.Fatalf("build: %.2000s", err)
	}
	if res.Pages < len(hostileShapes) {
		t.Fatalf("%d pages built", res.Pages)
	}
	for _, s := range hostileShapes {
		t.Run(s.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dest, s.name, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			start, end := strings.Index(page, "<main"), strings.Index(page, "</main>")
			if start < 0 || end < start {
				t.Fatal("no <main> in the page")
			}
			main := page[start:end]
			if !strings.Contains(main, s.name) {
				t.Errorf("the page lacks its title")
			}
			seen := map[string]bool{}
			if s.name == "duplicate-heading-ids" || s.name == "same-id-attributes" {
				// These repeat an id the author wrote; ids are unique
				// only where playbook makes them.
				seen = nil
			}
			for _, m := range idAttrRE.FindAllStringSubmatch(page, -1) {
				if seen == nil {
					break
				}
				if seen[m[1]] {
					t.Errorf("id %q is used twice", m[1])
					break
				}
				seen[m[1]] = true
			}
			if check := hostileChecks[s.name]; check != nil {
				check(t, main, counts[s.name])
			}
		})
	}
}
