package build_test

import (
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/themes"
)

// digestPatterns pick out of a built page what a reader of another
// language, or of the Experience League dialect, looks at. Each named
// pattern's first group is listed in the digest, in page order.
var digestPatterns = []struct {
	name string
	re   *regexp.Regexp
}{
	{"html", regexp.MustCompile(`<html lang="([^"]*)"`)},
	{"title", regexp.MustCompile(`<head>(?s:.*?)<title>([^<]*)</title>`)},
	{"description", regexp.MustCompile(`<meta name="description" content="([^"]*)"`)},
	{"brand", regexp.MustCompile(`<span class="brand-title">([^<]*)</span>`)},
	{"switch", regexp.MustCompile(`<li><a (href="[^"]*" hreflang="[^"]*"[^>]*)>[^<]*</a></li>`)},
	{"h1", regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)},
	{"heading", regexp.MustCompile(`<h[23] id="([^"]*)"`)},
	{"crumbs", regexp.MustCompile(`(?s)<nav class="breadcrumbs"[^>]*>(.*?)</nav>`)},
	{"nav", regexp.MustCompile(`(?s)<nav class="site-nav"[^>]*>(.*?)</nav>`)},
	{"nav-link", regexp.MustCompile(`(?s)<nav class="site-nav"[^>]*>.*?(<a href="https?:[^"]*">[^<]*</a>).*?</nav>`)},
	{"badge", regexp.MustCompile(`(<span class="exl-badge[^>]*>[^<]*</span>)`)},
	{"callout", regexp.MustCompile(`<p class="callout-title">([^<]*)</p>`)},
	{"checklist-page", regexp.MustCompile(`data-checklist-page="([^"]*)"`)},
	{"task", regexp.MustCompile(`data-task="([^"]*)"`)},
	{"team-card", regexp.MustCompile(`<h3 class="team-card-title">(.*?)</h3>`)},
	{"person", regexp.MustCompile(`<span class="person-name">([^<]*)</span>`)},
	{"chip", regexp.MustCompile(`<a class="chip [a-z]+-chip" (href="[^"]*"[^>]*)>(.*?)</a>`)},
	{"collab", regexp.MustCompile(`<a class="collab-team" (href="[^"]*"[^>]*>[^<]*)</a>`)},
	{"map-node", regexp.MustCompile(`<[ag] [^>]*class="collab-node"([^>]*)>.*?<text[^>]*>(.*?)</text>`)},
	{"role-row", regexp.MustCompile(`<h3 class="role-row-title">(.*?)</h3>`)},
	{"role-grid", regexp.MustCompile(`<li class="role-grid-item">(.*?)</li>`)},
	{"contact", regexp.MustCompile(`<span class="contact-item contact-channel">.*?<span>([^<]*)</span>`)},
	{"format", regexp.MustCompile(`<span class="badge badge-format format-([a-z-]+)">`)},
	{"backlinks", regexp.MustCompile(`(?s)<section class="backlinks".*?<ul>(.*?)</ul>`)},
	{"pager", regexp.MustCompile(`<span class="pager-title">([^<]*)</span>`)},
	{"card", regexp.MustCompile(`<h3 class="card-title"><a class="card-link" href="[^"]*">([^<]*)</a></h3>`)},
	{"dnl", regexp.MustCompile(`(<span class="(?:dnl|uicontrol)"[^>]*>.*?</span>)`)},
	{"comment", regexp.MustCompile(`(<!--|&lt;!--)`)},
	{"raw-tag", regexp.MustCompile(`(\[!(?:DNL|UICONTROL|BADGE))`)},
}

// siteDigest lists, for every HTML page of a built site, what
// digestPatterns find in it, and the titles of its search index.
func siteDigest(t *testing.T, dest string) string {
	t.Helper()
	var files []string
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".js") && strings.Contains(filepath.ToSlash(p), "/search/")) {
			files = append(files, p)
		}
		return err
	})
	slices.Sort(files)
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dest, f)
		if strings.HasSuffix(f, ".js") && !strings.HasSuffix(f, "index.js") {
			// The search index's text: only its dialect matters here.
			if strings.Contains(string(data), "[!") {
				fmt.Fprintf(&b, "== %s\nsearch: raw dialect tag\n", filepath.ToSlash(rel))
			}
			continue
		}
		fmt.Fprintf(&b, "== %s\n", filepath.ToSlash(rel))
		if strings.HasSuffix(f, ".js") {
			for _, m := range regexp.MustCompile(`"pages":(.*?),"shards"`).FindAllStringSubmatch(string(data), -1) {
				fmt.Fprintf(&b, "search: %s\n", m[1])
			}
			if strings.Contains(string(data), "[!") {
				b.WriteString("search: raw dialect tag\n")
			}
			continue
		}
		page := string(data)
		for _, p := range digestPatterns {
			for _, m := range p.re.FindAllStringSubmatch(page, -1) {
				v := strings.Join(m[1:], " ")
				v = regexp.MustCompile(`<svg.*?</svg>`).ReplaceAllString(v, "")
				if p.name == "crumbs" || p.name == "nav" {
					v = regexp.MustCompile(`<li[^>]*>`).ReplaceAllString(v, " › ")
					v = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(v, "")
				}
				v = strings.Join(strings.Fields(v), " ")
				fmt.Fprintf(&b, "%s: %s\n", p.name, html.UnescapeString(v))
			}
		}
	}
	return b.String()
}

// checkGolden compares got with a golden file, which -update writes.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run with -update after checking the change)", golden, i+1, g, w)
			}
		}
	}
}

// TestLanguagesGolden builds a small bilingual site (testdata/bilingual)
// and compares what each page shows across languages with
// languages.golden.txt: every page's language switch leads to its
// translation, generated pages (home, list pages, tag pages, 404)
// included, or to the nearest page above it the language has; a
// translated team inherits its original's owners, contact, format, roles
// and collaborations; Swedish lists show every team and role, the English
// ones marked; a translation's checklist names the original's ticks; the
// Swedish site title comes from [languages.sv]; backlinks stay within a
// language; callouts are labelled in the page's language; a Japanese
// heading keeps its characters in its id.
func TestLanguagesGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.New(build.Config{SourceDir: "testdata/bilingual", DestDir: dest, DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context())
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	got := "-- warnings\n" + res.Warnings.String() + "\n" + siteDigest(t, dest)
	checkGolden(t, "testdata/bilingual/languages.golden.txt", got)
	for _, want := range []string{
		// name.xx.md for a language the site lacks.
		`content/guides/stray.de.md:1:1: warning: "de" is not a language of this site, so stray.de.md is published as a page of its own in en at /guides/stray-de/; to publish it as the de version of stray.md, add [languages.de] to playbook.toml`,
		// A checklist that cannot be matched item for item.
		"content/teams/ops/index.sv.md:17:3: warning: this checklist has 2 items",
	} {
		if !strings.Contains(res.Warnings.String(), want) {
			t.Errorf("warnings lack %s:\n%s", want, res.Warnings)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "sv", "404.html")); err != nil {
		t.Error("no Swedish 404 page")
	}
}

// TestDefaultLanguageStrings builds a site whose only language is Swedish:
// its callouts, 404 page and search box speak Swedish.
func TestDefaultLanguageStrings(t *testing.T) {
	src := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("playbook.toml", "title = \"Handbok\"\nlanguage = \"sv\"\n")
	write("content/_index.md", "---\ntitle: Start\n---\n\n>[!NOTE]\n>\n>Läs detta.\n\n> [!WARNING]\n> Akta.\n\n>[!VIDEO](https://video.example.com/1)\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	notFound, _ := os.ReadFile(filepath.Join(dest, "404.html"))
	for _, want := range []string{`<p class="callout-title">Obs</p>`, `<p class="callout-title">Varning</p>`, `>Titta på videon</a>`, `placeholder="Sök"`} {
		if !strings.Contains(string(home), want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if !strings.Contains(string(notFound), "Sidan finns inte") && !strings.Contains(string(notFound), `<html lang="sv"`) {
		t.Errorf("404 page not in Swedish:\n%s", notFound)
	}
}

// TestDialectGolden builds a guide in the Experience League dialect
// (testdata/exl-dialect) and compares what its pages show with
// dialect.golden.txt: inline tags, nested and several to a line, render
// in titles, descriptions, navigation labels, TOC entries, cards,
// previous and next, backlinks, heading ids and the search index; HTML
// comments are dropped; a page whose title differs from its first
// # heading shows that heading, once; a TOC entry off the site stays a
// link; folders are named by the TOC (user-guide-title, groups).
func TestDialectGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.New(build.Config{SourceDir: "testdata/exl-dialect", DestDir: dest, DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context())
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	got := siteDigest(t, dest)
	checkGolden(t, "testdata/exl-dialect/dialect.golden.txt", "-- warnings\n"+res.Warnings.String()+"\n"+got)
	for _, bad := range []string{"raw-tag:", "comment:", "search: raw dialect tag"} {
		if strings.Contains(got, bad) {
			t.Errorf("a page shows %s", bad)
		}
	}
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			b, _ := os.ReadFile(p)
			if n := strings.Count(string(b), "<h1"); n > 1 {
				t.Errorf("%s has %d level-1 headings", p, n)
			}
		}
		return err
	})
}

// TestThemeStringsComplete checks that each language of the default
// theme has every string en.toml has, so that no page of the language
// shows a word of English, and no string en.toml lacks.
func TestThemeStringsComplete(t *testing.T) {
	fsys := themes.Default()
	// The files are flat tables, a key = "text" a line (the build reads
	// them with a TOML decoder and would fail on anything else).
	keyRE := regexp.MustCompile(`(?m)^([A-Za-z0-9_-]+)[ \t]*=`)
	keys := func(name string) map[string]bool {
		t.Helper()
		src, err := fs.ReadFile(fsys, "i18n/"+name)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, m := range keyRE.FindAllSubmatch(src, -1) {
			out[string(m[1])] = true
		}
		return out
	}
	en := keys("en.toml")
	files, err := fs.Glob(fsys, "i18n/*.toml")
	if err != nil || len(files) < 2 {
		t.Fatalf("i18n files: %v, %v", files, err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		have := keys(name)
		var missing, extra []string
		for k := range en {
			if !have[k] {
				missing = append(missing, k)
			}
		}
		for k := range have {
			if !en[k] {
				extra = append(extra, k)
			}
		}
		slices.Sort(missing)
		slices.Sort(extra)
		if len(missing) > 0 || len(extra) > 0 {
			t.Errorf("%s: missing %v, not in en.toml %v", name, missing, extra)
		}
	}
}

// TestLanguageFolders checks that a top-level folder named for one of the
// site's further languages holds that language's pages, as Hugo, Jekyll
// and Docusaurus sites keep them: de/guide.md is the German page at
// /de/guide/ (not /de/de/guide/) and translates guide.md, de/_index.md is
// the German home page, links between them by file resolve, and a file
// there keeps its path; a page in it whose file name or front matter
// names a language is that language's, without the folder in its URL; and
// a folder named for no configured language, and the folder of the
// default language, stay where their files are.
func TestLanguageFolders(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":            "# Home\n\n[Guide](guide.md) [Team](it/team.md) [en](en/x.md)\n",
		"guide.md":             "# Guide\n\n[Deutsch](de/guide.md)\n",
		"it/team.md":           "# IT team\n",
		"en/x.md":              "# X\n",
		"de/_index.md":         "# Startseite\n\n[Anleitung](guide.md)\n",
		"de/guide.md":          "# Anleitung\n\n![Plan](img/plan.png) [English](../guide.md)\n",
		"de/img/plan.png":      "png",
		"de/other/sv.md":       "---\nlang: sv\n---\n# Svensk\n",
		"de/other/plain.md":    "---\nlang: de\n---\n# Deutsch\n\n[sv](sv.md) [en](en.md) [named](named.de.md)\n",
		"de/other/en.md":       "---\nlang: en\n---\n# English in the German folder\n",
		"de/other/named.de.md": "# Named\n",
	})
	res := buildWith(t, src, "title = \"T\"\n[languages.de]\n[languages.sv]\n[checks]\norphan-page = \"off\"\n")
	for _, d := range res.Warnings {
		t.Errorf("warning: %s", d)
	}
	pageHas(t, src, "de/guide/index.html", `<html lang="de"`, `<img src="/de/img/plan.png" alt="Plan"`, `<a href="/guide/">English</a>`,
		`href="/guide/" hreflang="en"`)
	pageHas(t, src, "guide/index.html", `<a href="/de/guide/">Deutsch</a>`, `href="/de/guide/" hreflang="de"`)
	pageHas(t, src, "de/index.html", `<html lang="de"`, `<a href="/de/guide/">Anleitung</a>`)
	pageHas(t, src, "de/other/plain/index.html", `<html lang="de"`, `<a href="/sv/other/sv/">sv</a>`, `<a href="/other/en/">en</a>`,
		`<a href="/de/other/named/">named</a>`)
	pageHas(t, src, "other/en/index.html", `<html lang="en"`)
	pageHas(t, src, "it/team/index.html", `<html lang="en"`)
	pageHas(t, src, "en/x/index.html", `<html lang="en"`)
	for _, gone := range []string{"de/de/guide/index.html", "de/de/index.html", "de/de/other/named/index.html"} {
		if _, err := os.Stat(filepath.Join(src, "public", gone)); err == nil {
			t.Errorf("%s is published", gone)
		}
	}
}
