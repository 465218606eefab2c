package render_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// buildSite builds the files into memory and returns the site.
func buildSite(t *testing.T, files map[string]string) *output.Snapshot {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mem := output.NewMem()
	c := mem.NewCollector()
	b := build.New(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true})
	if _, err := b.BuildTo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	mem.Publish(c)
	return mem.Snapshot()
}

// TestSitemapAndAliases checks that the sitemap is XML that decodes to
// every page with its translations, and that redirect pages escape what
// they show, whatever the titles and URLs hold.
func TestSitemapAndAliases(t *testing.T) {
	snap := buildSite(t, map[string]string{
		"playbook.toml":        "title = \"Q&A <handbook>\"\nbaseURL = \"https://example.com/hb/\"\n[languages.en]\n[languages.sv]\n",
		"content/_index.md":    "---\ntitle: Home & \"start\"\n---\nHello.\n",
		"content/_index.sv.md": "---\ntitle: Hem\n---\nHej.\n",
		"content/q-and-a.md":   "---\ntitle: Q&A <draft> ]]>\naliases: [/old-faq/]\n---\nAsk.\n",
	})
	data, ok := snap.Get("sitemap.xml")
	if !ok {
		t.Fatal("no sitemap.xml")
	}
	var sm struct {
		URLs []struct {
			Loc  string `xml:"loc"`
			Alts []struct {
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatalf("sitemap.xml does not decode: %v\n%s", err, data)
	}
	locs := map[string]int{}
	for _, u := range sm.URLs {
		locs[u.Loc] = len(u.Alts)
	}
	for loc, alts := range map[string]int{"https://example.com/hb/": 2, "https://example.com/hb/sv/": 2, "https://example.com/hb/q-and-a/": 0} {
		if got, ok := locs[loc]; !ok || got != alts {
			t.Errorf("sitemap: %s with %d alternates (listed %v); want %d\n%s", loc, got, ok, alts, data)
		}
	}
	alias, ok := snap.Get("old-faq/index.html")
	if !ok {
		t.Fatal("no redirect at the alias")
	}
	for _, want := range []string{`<title>Q&amp;A &lt;draft&gt; ]]&gt;</title>`, `href="/hb/q-and-a/"`, `content="0; url=/hb/q-and-a/"`} {
		if !strings.Contains(string(alias), want) {
			t.Errorf("the redirect lacks %s:\n%s", want, alias)
		}
	}
}
