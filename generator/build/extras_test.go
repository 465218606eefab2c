package build_test

import (
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/themes"
)

// gitSite is a small bilingual site in a temporary git repository whose
// commits have fixed dates.
type gitSite struct {
	t   *testing.T
	dir string
}

func newGitSite(t *testing.T, files map[string]string) *gitSite {
	t.Helper()
	s := &gitSite{t: t, dir: t.TempDir()}
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(s.dir))
	for name, text := range files {
		writeFile(t, filepath.Join(s.dir, filepath.FromSlash(name)), text)
	}
	return s
}

func (s *gitSite) git(date string, args ...string) {
	s.t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		s.t.Skip("git is not installed")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Anna Berg", "GIT_AUTHOR_EMAIL=anna@example.com",
		"GIT_COMMITTER_NAME=Anna Berg", "GIT_COMMITTER_EMAIL=anna@example.com",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// commit commits the given files (or everything) at date, written by author.
func (s *gitSite) commit(date, author, msg string, files map[string]string) {
	s.t.Helper()
	for name, text := range files {
		writeFile(s.t, filepath.Join(s.dir, filepath.FromSlash(name)), text)
	}
	s.git(date, "add", "-A")
	s.git(date, "commit", "-q", "--author="+author+" <x@example.com>", "-m", msg)
}

func (s *gitSite) build(cfg build.Config) string {
	s.t.Helper()
	cfg.SourceDir, cfg.DestDir, cfg.DefaultTheme = s.dir, filepath.Join(s.t.TempDir(), "public"), themes.Default()
	if _, err := build.New(cfg).Build(s.t.Context()); err != nil {
		s.t.Fatalf("build: %v", err)
	}
	return cfg.DestDir
}

func read(t *testing.T, dest, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var bilingual = map[string]string{
	"playbook.toml":        "title = \"Handbook\"\nbaseURL = \"https://handbook.example.com/\"\neditURL = \"https://git.example.com/h/-/edit/main/{path}\"\n\n[languages.sv]\nname = \"Svenska\"\ntitle = \"Handbok\"\n",
	"content/_index.md":    "# Home\n\nWelcome. See the [guide](guide.md).\n",
	"content/_index.sv.md": "# Hem\n\nVälkommen.\n",
	"content/guide.md":     "---\ntitle: Guide\ndescription: How we work.\n---\nThe first version.\n",
	"content/guide.sv.md":  "---\ntitle: Guiden\n---\nFörsta versionen.\n",
	"content/other.md":     "---\ntitle: Other\nexl-id: o-1\n---\nOther page. Back [home](_index.md).\n",
	"content/annan.sv.md":  "---\ntitle: Annan\nexl-id: o-1\nworkflow-type: Raw-MT\n---\nEn annan sida.\n",
}

func TestGitInformation(t *testing.T) {
	s := newGitSite(t, bilingual)
	s.git("2026-01-05T10:00:00+01:00", "init", "-q", "-b", "main")
	s.commit("2026-01-05T10:00:00+01:00", "Anna Berg", "First pages", nil)
	// The English guide changes after its translation: the translation
	// may be out of date. The other page and its translation change
	// together.
	s.commit("2026-02-10T09:30:00+01:00", "Petter Åberg", "Guide: new cut-off times", map[string]string{
		"content/guide.md": "---\ntitle: Guide\ndescription: How we work.\n---\nThe second version.\n",
	})
	s.commit("2026-03-01T08:00:00Z", "Amir Haddad", "Other page in both languages", map[string]string{
		"content/other.md":    "---\ntitle: Other\nexl-id: o-1\n---\nOther page, edited. Back [home](_index.md).\n",
		"content/annan.sv.md": "---\ntitle: Annan\nexl-id: o-1\nworkflow-type: Raw-MT\n---\nEn annan sida, ändrad.\n",
	})
	dest := s.build(build.Config{})

	guide := read(t, dest, "guide/index.html")
	for _, want := range []string{
		`Last changed <time datetime="2026-02-10T08:30:00Z">10 February 2026</time> by <span class="page-author">Petter Åberg</span>`,
		`href="https://git.example.com/h/-/edit/main/content/guide.md"`,
		`<link rel="alternate" type="application/atom+xml" href="/feed.xml" title="What changed in the handbook">`,
	} {
		if !strings.Contains(guide, want) {
			t.Errorf("guide/index.html lacks %s\n%s", want, excerpt(guide, "page-updated"))
		}
	}
	if strings.Contains(guide, "page-notice") {
		t.Error("the original shows a translation notice")
	}

	sv := read(t, dest, "sv/guide/index.html")
	for _, want := range []string{
		`Senast ändrad <time datetime="2026-01-05T09:00:00Z">5 januari 2026</time> av`,
		`class="page-notice notice-outdated">Den här översättningen kan vara inaktuell`,
		`<a href="/guide/" hreflang="en">Läs originalet</a>`,
		`<html lang="sv">`,
	} {
		if !strings.Contains(sv, want) {
			t.Errorf("sv/guide/index.html lacks %s\n%s", want, excerpt(sv, "page-updated"))
		}
	}

	annan := read(t, dest, "sv/annan/index.html")
	if strings.Contains(annan, "notice-outdated") {
		t.Error("a translation changed with its original is marked out of date")
	}
	if !strings.Contains(annan, `class="page-notice notice-mt">Den här sidan är maskinöversatt`) {
		t.Error("no machine-translation notice for workflow-type Raw-MT")
	}
	if !strings.Contains(annan, `<a href="/other/" hreflang="en" lang="en" title="English: Other">en</a>`) {
		t.Error("the language switcher does not link the exl-id translation")
	}
	if strings.Contains(read(t, dest, "other/index.html"), "notice-mt") {
		t.Error("machine-translation notice on a page without workflow-type")
	}

	// The feed lists the most recent change first, with its author.
	feed := read(t, dest, "feed.xml")
	entries := regexp.MustCompile(`<title>([^<]*)</title>`).FindAllStringSubmatch(feed, -1)
	var titles []string
	for _, e := range entries {
		titles = append(titles, e[1])
	}
	if got := strings.Join(titles, "|"); got != "What changed in the handbook · Handbook|Other|Guide|Home" {
		t.Errorf("feed titles %q", got)
	}
	for _, want := range []string{
		"<updated>2026-03-01T08:00:00Z</updated>\n  <generator>",
		`<link rel="alternate" type="text/html" href="https://handbook.example.com/guide/"></link>`,
		"<author>\n      <name>Petter Åberg</name>\n    </author>",
		"<summary>Guide: new cut-off times — How we work.</summary>",
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("feed.xml lacks %s:\n%s", want, feed)
		}
	}
	if svFeed := read(t, dest, "sv/feed.xml"); !strings.Contains(svFeed, `xml:lang="sv"`) || !strings.Contains(svFeed, "<title>Vad som har ändrats i handboken · Handbok</title>") {
		t.Errorf("sv/feed.xml:\n%s", svFeed)
	}

	sm := read(t, dest, "sitemap.xml")
	for name, doc := range map[string]string{"feed.xml": feed, "sitemap.xml": sm} {
		if err := wellFormed(doc); err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
		}
	}
	for _, want := range []string{
		"<loc>https://handbook.example.com/guide/</loc>\n    <lastmod>2026-02-10T09:30:00+01:00</lastmod>",
		`<xhtml:link rel="alternate" hreflang="sv" href="https://handbook.example.com/sv/annan/"></xhtml:link>`,
		`xmlns:xhtml="http://www.w3.org/1999/xhtml"`,
	} {
		if !strings.Contains(sm, want) {
			t.Errorf("sitemap.xml lacks %s:\n%s", want, sm)
		}
	}

	// Dates come from git, so a second build is the same.
	again := s.build(build.Config{})
	if treeHash(t, dest) != treeHash(t, again) {
		t.Error("two builds of the same commit differ")
	}

	// NoGit leaves the history out.
	plain := s.build(build.Config{NoGit: true})
	if strings.Contains(read(t, plain, "guide/index.html"), "<time") {
		t.Error("NoGit build shows a date")
	}
}

func TestOutsideGit(t *testing.T) {
	s := newGitSite(t, bilingual)
	dest := s.build(build.Config{})
	page := read(t, dest, "sv/guide/index.html")
	for _, unwanted := range []string{"<time", "notice-outdated", "application/atom+xml"} {
		if strings.Contains(page, unwanted) {
			t.Errorf("outside git the page has %s", unwanted)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "feed.xml")); err == nil {
		t.Error("a feed without any dated change")
	}
	if !strings.Contains(read(t, dest, "sitemap.xml"), "<loc>https://handbook.example.com/guide/</loc>\n") {
		t.Error("sitemap entry without lastmod")
	}
	// Search works without git too.
	if _, err := os.Stat(filepath.Join(dest, "search/sv/index.js")); err != nil {
		t.Error(err)
	}
}

func TestInterfaceStrings(t *testing.T) {
	files := map[string]string{}
	for k, v := range bilingual {
		files[k] = v
	}
	files["i18n/sv.toml"] = "search-placeholder = \"Sök här\"\nserch-label = \"typo\"\nown-string = \"egen\"\n"
	files["i18n/de.toml"] = "search-placeholder = \"Suchen\"\n"
	s := newGitSite(t, files)
	cfg := build.Config{SourceDir: s.dir, DestDir: filepath.Join(t.TempDir(), "public"), DefaultTheme: themes.Default()}
	res, err := build.New(cfg).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if w := res.Warnings.String(); !strings.Contains(w, `i18n/sv.toml:2:1: warning: unknown string "serch-label" (did you mean "search-label"?)`) || strings.Contains(w, "own-string") {
		t.Errorf("warnings:\n%s", w)
	}
	sv := read(t, cfg.DestDir, "sv/guide/index.html")
	// The site's string wins; the theme's other Swedish strings stay.
	if !strings.Contains(sv, `placeholder="Sök här"`) || !strings.Contains(sv, `aria-label="Sökresultat"`) {
		t.Error("site strings do not override the theme's key by key")
	}
	if en := read(t, cfg.DestDir, "guide/index.html"); !strings.Contains(en, `placeholder="Search"`) {
		t.Error("English strings changed")
	}
	// A broken strings file is an error with its position.
	writeFile(t, filepath.Join(s.dir, "i18n/sv.toml"), "search-placeholder = \"Sök\"\nsearch-label = \n")
	_, err = build.New(cfg).Build(t.Context())
	if err == nil || !strings.Contains(err.Error(), "i18n/sv.toml:2:") {
		t.Errorf("want an error at i18n/sv.toml:2, got %v", err)
	}
}

// excerpt returns the line of page that contains s, for error messages.
func excerpt(page, s string) string {
	for _, line := range strings.Split(page, "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return "(no line with " + s + ")"
}

// wellFormed reports the first syntax error of an XML document.
func wellFormed(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
