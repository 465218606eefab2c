package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(vs ...int) []time.Duration {
		var ds []time.Duration
		for _, v := range vs {
			ds = append(ds, time.Duration(v)*time.Millisecond)
		}
		return ds
	}
	twenty := ms(20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
	tests := []struct {
		name string
		ds   []time.Duration
		p    int
		want time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 90, 7 * time.Millisecond},
		{"p50 of twenty", twenty, 50, 10 * time.Millisecond},
		{"p90 of twenty", twenty, 90, 18 * time.Millisecond},
		{"p50 of three", ms(3, 1, 2), 50, 2 * time.Millisecond},
		{"p0", ms(3, 1, 2), 0, time.Millisecond},
		{"p100", ms(3, 1, 2), 100, 3 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := percentile(tt.ds, tt.p); got != tt.want {
			t.Errorf("%s: percentile(%v, %d) = %v, want %v", tt.name, tt.ds, tt.p, got, tt.want)
		}
	}
}

func TestChanges(t *testing.T) {
	tests := []struct {
		name   string
		change func([]byte, string) ([]byte, error)
		in     string
		want   string // "" when an error is expected
	}{
		{"paragraph", appendParagraph, "# A\n", "# A\n\n\nAn edit made by servebench: W.\n"},
		{"meta", addMeta, "<head>\n<meta charset=\"utf-8\">\n<title>", "<head>\n<meta charset=\"utf-8\">\n<meta name=\"servebench\" content=\"W\">\n<title>"},
		{"meta without charset", addMeta, "<head><title>", ""},
		{"title", retitle, "baseURL = \"/\"\ntitle = \"Handbook\"\n[languages.sv]\ntitle = \"Handbok\"\n",
			"baseURL = \"/\"\ntitle = \"Handbook W\"\n[languages.sv]\ntitle = \"Handbok\"\n"},
		{"title without spaces", retitle, "title=\"H\"\n", "title=\"H W\"\n"},
		{"no title", retitle, "theme = \"x\"\n", "title = \"W\"\ntheme = \"x\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			got, err := tt.change(in, "W")
			switch {
			case tt.want == "" && err == nil:
				t.Errorf("got %q, want an error", got)
			case tt.want != "" && (err != nil || string(got) != tt.want):
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
			if string(in) != tt.in {
				t.Errorf("the original was changed to %q", in)
			}
		})
	}
}

func TestPages(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"_index.md", "a/_index.md", "a/index.md", "a/README.md", "a/notes.txt", "a/b/page-2.md", "a/b/page-1.md", "z.md"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	all, err := pages(dir)
	if err != nil || !slices.Equal(all, []string{"a/b/page-1.md", "a/b/page-2.md", "z.md"}) {
		t.Errorf("pages = %q, %v; want a/b/page-1.md, a/b/page-2.md, z.md", all, err)
	}
	if got := pageURL(all[0]); got != "/a/b/page-1/" {
		t.Errorf("pageURL(%q) = %q", all[0], got)
	}
	if _, err := pages(filepath.Join(dir, "a", "b", "empty")); err == nil {
		t.Error("pages of a missing folder: no error")
	}
	if err := os.Remove(filepath.Join(dir, "z.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "a", "b")); err != nil {
		t.Fatal(err)
	}
	if all, err := pages(dir); err == nil {
		t.Errorf("pages of a site of indexes only = %q, want an error", all)
	}
}

func TestServerRebuild(t *testing.T) {
	lines := []string{
		"Rebuilt in 12 ms (1 pages rendered, 2 files changed)",
		"Fixed: rebuilt in 30 ms (3 pages rendered, 4 files changed)",
	}
	d, n, ok := serverRebuild(lines)
	if d != 42*time.Millisecond || n != 4 || !ok {
		t.Errorf("serverRebuild = %v, %d, %v; want 42ms, 4, true", d, n, ok)
	}
	if _, _, ok := serverRebuild([]string{"Built 3 pages"}); ok {
		t.Error("a line that is no rebuild counted")
	}
}

func TestCopyTheme(t *testing.T) {
	site := t.TempDir()
	if err := copyTheme(site); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(site, "themes", "default", "layouts", "base.html"))
	if err != nil || !strings.Contains(string(b), `<meta charset="utf-8">`) {
		t.Fatalf("base.html: %v, without the charset tag the template edit needs", err)
	}
	// A site's own copy is left as it is.
	if err := os.WriteFile(filepath.Join(site, "themes", "default", "layouts", "base.html"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := copyTheme(site); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(site, "themes", "default", "layouts", "base.html")); string(b) != "mine" {
		t.Errorf("the site's base.html became %q", b)
	}
}

func TestOtherPages(t *testing.T) {
	tests := []struct {
		all  []string
		page string
		n    int
		want []string
	}{
		{[]string{"a", "b", "c", "d"}, "a", 2, []string{"d", "c"}},
		{[]string{"a", "b", "c", "d"}, "d", 3, []string{"c", "b", "a"}},
		{[]string{"a", "b", "c"}, "a", 4, []string{"c", "b", "c", "b"}},
		{[]string{"a"}, "a", 2, []string{"a", "a"}},
		{[]string{"a", "b"}, "a", 0, []string{}},
	}
	for _, tt := range tests {
		got := otherPages(tt.all, tt.page, tt.n)
		if len(got) != tt.n || (tt.n > 0 && !slices.Equal(got, tt.want)) {
			t.Errorf("otherPages(%q, %q, %d) = %q, want %q", tt.all, tt.page, tt.n, got, tt.want)
		}
	}
}
