package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	scriptTagRE = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	handlerRE   = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	badURLRE    = regexp.MustCompile(`(?i)(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data:text|data:image/svg)`)
	badTagRE    = regexp.MustCompile(`(?i)<(iframe|object|embed|img src=x|svg onload)`)
	quotedRE    = regexp.MustCompile(`"[^"]*"`)
)

// TestNothingRuns builds a site whose titles, descriptions, owners, roles,
// tags, collaborations, task items, links and raw HTML all carry script,
// and checks that no generated file would run any of it: no script element
// except the theme's own files, no event-handler attributes, no script URLs.
func TestNothingRuns(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	_, err := newBuilder("testdata/hostile", dest).Build(t.Context())
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	checked := 0
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(p)
		if ext != ".html" && ext != ".xml" && ext != ".svg" && ext != ".json" {
			return nil
		}
		b, _ := os.ReadFile(p)
		s := string(b)
		rel, _ := filepath.Rel(dest, p)
		for _, m := range scriptTagRE.FindAllString(s, -1) {
			if !strings.Contains(m, ` src="/assets/`) {
				t.Errorf("%s: script element %s", rel, m)
			}
		}
		// Attribute values are escaped text: look at the markup around them.
		markup := quotedRE.ReplaceAllString(s, `""`)
		for _, re := range []*regexp.Regexp{handlerRE, badTagRE} {
			if m := re.FindString(markup); m != "" {
				t.Errorf("%s: %s", rel, m)
			}
		}
		for _, re := range []*regexp.Regexp{badURLRE} {
			if m := re.FindString(s); m != "" {
				t.Errorf("%s: %s", rel, m)
			}
		}
		checked++
		return nil
	})
	if checked < 5 {
		t.Fatalf("only %d files checked", checked)
	}
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	for _, want := range []string{"Raw &lt;script&gt;alert('raw')&lt;/script&gt;", `<span class="p">&lt;/</span><span class="nt">code</span>`} {
		if !strings.Contains(string(home), want) {
			t.Errorf("home page lacks the escaped text %s", want)
		}
	}
}
