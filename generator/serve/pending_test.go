package serve

import (
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// TestServesPendingPage checks that a page opened after a change that
// re-renders every page of a large site, before the pages not open are
// rendered, shows the change, with the live script and the headers every
// page has; that the server then remembers it as open; and that it says
// when the other pages are rendered, reloading all pages but the open one.
func TestServesPendingPage(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 600, 3); err != nil {
		t.Fatal(err)
	}
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem())
	out := &syncBuffer{}
	s := New(b, WithOutput(out, out))
	s.Start(t.Context())
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	s.Rebuild(t.Context(), nil)
	s.stopSearch()
	if code, _ := get(t, ts.URL+"/"); code != 200 {
		t.Fatalf("GET /: %d", code)
	}

	// The session rebuilds alone, so that nothing renders the rest of
	// the pages meanwhile.
	cfg := filepath.Join(dir, "playbook.toml")
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, cfg, regexp.MustCompile(`(?m)^title = .*$`).ReplaceAllString(string(src), `title = "Renamed Handbook"`))
	if res, err := b.Rebuild(t.Context(), []string{cfg}); err != nil || !res.RenderPending {
		t.Fatalf("the title edit: %v, pending %v", err, res != nil && res.RenderPending)
	}
	const page = "/teams/c-level/area-000/page-00005/"
	resp, body := rawGet(t, strings.TrimPrefix(ts.URL, "http://"), "GET", page)
	if resp.StatusCode != 200 || !strings.Contains(body, "Renamed Handbook") {
		t.Fatalf("GET %s: %d, the new title served: %v", page, resp.StatusCode, strings.Contains(body, "Renamed Handbook"))
	}
	if !strings.Contains(body, "/_playbook/live.js") || resp.Header.Get("Content-Security-Policy") == "" || resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the page lacks the live script or the headers: %v", resp.Header)
	}
	if open := s.openPages(); len(open) == 0 || open[0] != strings.TrimPrefix(page, "/")+"index.html" {
		t.Errorf("open pages %v", open)
	}
	if stale, _ := s.mem.Snapshot().Get(strings.TrimPrefix(page, "/") + "index.html"); strings.Contains(string(stale), "Renamed Handbook") {
		t.Error("the test rendered the page before asking for it")
	}

	events := stream(t, t.Context(), ts.URL)
	next(t, events, "hello")
	s.finishSearch(t.Context(), true)
	s.searchWG.Wait()
	// Every page but the open one and the not-found page reloads: the run
	// rendered those already.
	ev := next(t, events, "reload")
	if ev.data["paths"] != nil || fmt.Sprint(ev.data["except"]) != "[/404.html /]" {
		t.Errorf("the reload event after the other pages: %v", ev.data)
	}
	if !regexp.MustCompile(`(?m)^Rendered the pages not open in \d+ ms \(\d{3} files changed\)$`).MatchString(out.String()) {
		t.Errorf("the output does not tell when the other pages are rendered:\n%s", out.String())
	}
	if page, _ := s.mem.Snapshot().Get(strings.TrimPrefix(page, "/") + "index.html"); string(page) != liveRE.ReplaceAllString(body, "") {
		t.Error("the page rendered on request is not the one published after")
	}
}

// liveRE matches the script tag the server adds to pages.
var liveRE = regexp.MustCompile(`<script src="[^"]*/_playbook/live\.js"[^>]*></script>`)

// TestUnchangedPages checks which pages a reload event of many changes
// leaves out: those not changed, only when every change is a page and
// they are few.
func TestUnchangedPages(t *testing.T) {
	files := map[string][]byte{"index.html": nil, "a/index.html": nil, "b/index.html": nil, "c.html": nil, "style.css": nil, "img.png": nil}
	for i := range maxPaths {
		files[fmt.Sprintf("many/%d/index.html", i)] = nil
	}
	s := New(build.NewSession(build.Config{SourceDir: t.TempDir()}, memSite(t, files)))
	var many []string
	for i := range maxPaths {
		many = append(many, fmt.Sprintf("many/%d/index.html", i))
	}
	for _, tc := range []struct {
		changed []string
		want    string
	}{
		{append([]string{"a/index.html", "c.html"}, many...), "[b/index.html index.html]"},
		{append([]string{"a/index.html", "img.png"}, many...), "[]"},   // an image a page may show
		{append([]string{"a/index.html", "style.css"}, many...), "[]"}, // so may a stylesheet
		{[]string{"a/index.html"}, "[]"},                               // too many unchanged to list
	} {
		if got := s.unchangedPages(tc.changed); fmt.Sprint(got) != tc.want || (tc.want == "[]") != (got == nil) {
			t.Errorf("unchangedPages(%d changes, %v…) = %v, want %s", len(tc.changed), tc.changed[:min(2, len(tc.changed))], got, tc.want)
		}
	}
}

// TestEarlyPageOfFailedBuild checks that a page served before its build
// rendered it reloads when the rest of that build fails, as the site goes
// back to the last one that built.
func TestEarlyPageOfFailedBuild(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 600, 3); err != nil {
		t.Fatal(err)
	}
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem())
	s := New(b)
	s.Start(t.Context())
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	s.Rebuild(t.Context(), nil)
	s.stopSearch()
	get(t, ts.URL+"/")

	// Pages of kind "page" fail; the home page and sections do not.
	layout, err := fs.ReadFile(themes.Default(), "layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "themes/default/layouts/page.html")
	writeFile(t, broken, string(layout)+`{{define "aftercontent"}}{{index .Page.Tags 99}}{{end}}`)
	if res, err := b.Rebuild(t.Context(), []string{broken}); err != nil || !res.RenderPending {
		t.Fatalf("the template edit: %v, pending %v", err, res != nil && res.RenderPending)
	}
	const early = "/teams/c-level/"
	if code, _ := get(t, ts.URL+early); code != 200 {
		t.Fatalf("GET %s: %d", early, code)
	}
	events := stream(t, t.Context(), ts.URL)
	next(t, events, "hello")
	s.finishSearch(t.Context(), true)
	s.searchWG.Wait()
	next(t, events, "errors")
	if ev := next(t, events, "reload"); ev.data["paths"] != nil && !strings.Contains(fmt.Sprint(ev.data["paths"]), early) {
		t.Errorf("the page served early does not reload: %v", ev.data)
	}
}
