package e2e_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/themes"
)

// searchBrowser starts a headless Chromium (startBrowser in e2e_test.go,
// skipping without one) and returns a tab's context, closed when the test
// ends. An error in the tab's console, such as a violation of the Content
// Security Policy, fails the test.
func searchBrowser(t *testing.T) context.Context {
	t.Helper()
	tab := openTab(t, startBrowser(t, chromiumPath(t)))
	t.Cleanup(func() {
		for _, e := range tab.takeErrors() {
			t.Errorf("console: %s", e)
		}
	})
	ctx, cancelTime := context.WithTimeout(tab.ctx, 2*time.Minute)
	t.Cleanup(cancelTime)
	return ctx
}

// searchSites caches the example handbook built per base URL.
var searchSites sync.Map

// searchBuild builds the example handbook with the built-in theme and
// returns the output folder. baseURL "" keeps the configured one.
func searchBuild(t *testing.T, dest, baseURL string) string {
	t.Helper()
	b := build.New(build.Config{SourceDir: "../..", DestDir: dest, DefaultTheme: themes.Default(), BaseURL: baseURL})
	if _, err := b.Build(t.Context()); err != nil {
		t.Fatalf("build: %v", err)
	}
	return dest
}

// searchServer serves the example handbook over HTTP with the preview
// server's Content Security Policy, so that any inline script or style
// would fail.
func searchServer(t *testing.T) string {
	t.Helper()
	v, _ := searchSites.Load("http")
	dir, _ := v.(string)
	if dir == "" {
		tmp, err := os.MkdirTemp("", "playbook-search-e2e-")
		if err != nil {
			t.Fatal(err)
		}
		dir = searchBuild(t, filepath.Join(tmp, "public"), "")
		searchSites.Store("http", dir)
	}
	return serveDir(t, dir)
}

// searchResult is a result as the page shows it.
type searchResult struct {
	Title   string `json:"title"`
	Heading string `json:"heading"`
	Href    string `json:"href"`
	Marks   string `json:"marks"`
	Snippet string `json:"snippet"`
}

// typeQuery replaces the search box's text with q and waits for results
// (or the "nothing found" status) and their snippets.
func typeQuery(t *testing.T, ctx context.Context, q string) []searchResult {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(".search-input"),
		chromedp.Evaluate[chromedp.Void](`(() => {
			const i = document.querySelector(".search-input");
			i.value = "";
			i.dispatchEvent(new Event("input"));
		})()`),
		chromedp.SendKeys(".search-input", q),
		chromedp.Poll[chromedp.Void](`(() => {
			const list = document.querySelector(".search-results");
			const items = document.querySelectorAll(".search-result");
			if (list.dataset.query !== `+strconv.Quote(q)+`) return false;
			if (!items.length) return true;
			// Snippets arrive after the list; wait for the first one.
			const snip = items[0].querySelector(".search-result-snippet");
			return !!snip.textContent || snip.classList.contains("is-empty");
		})()`, chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[[]searchResult](`[...document.querySelectorAll(".search-result")].map(li => ({
		title: li.querySelector(".search-result-title").textContent,
		heading: (li.querySelector(".search-result-heading") || {}).textContent || "",
		href: li.querySelector("a").getAttribute("href"),
		marks: [...li.querySelectorAll("mark")].map(m => m.textContent).join("|"),
		snippet: li.querySelector(".search-result-snippet").textContent,
	}))`))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSearchIgnoresCaseAndDiacritics(t *testing.T) {
	base := searchServer(t)
	ctx := searchBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/sv/")); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"kundtjanst", "Kundtjänst", "KUNDTJÄNST"} {
		res := typeQuery(t, ctx, q)
		if len(res) == 0 {
			t.Fatalf("%q: no results", q)
		}
		// A title match comes first: the customer service team's page.
		if res[0].Title != "Kundtjänst" || res[0].Href != "/sv/teams/customer-service/" {
			t.Errorf("%q: first result %+v, want the Kundtjänst team page", q, res[0])
		}
		if !strings.Contains(res[0].Marks, "Kundtjänst") {
			t.Errorf("%q: the match is not highlighted: %+v", q, res[0])
		}
	}

	// A word found only in body text, typed without its ring: the result
	// links to the section and highlights the word in the snippet.
	res := typeQuery(t, ctx, "lagerstallet")
	if len(res) == 0 {
		t.Fatal("lagerstallet: no results")
	}
	found := false
	for _, r := range res {
		if strings.Contains(strings.ToLower(r.Marks), "lagerstället") && strings.HasPrefix(r.Href, "/sv/roles/warehouse-lead/") {
			found = true
		}
	}
	if !found {
		t.Errorf("lagerstallet: no highlighted match on the warehouse lead's page: %+v", res)
	}

	// A prefix: "lager" finds the Lager team by its title before pages
	// that only mention a longer word ("Lagerställe").
	res = typeQuery(t, ctx, "lager")
	if len(res) < 2 || res[0].Title != "Lager" {
		t.Errorf("lager: want the Lager team first, got %+v", res)
	}
	body := false
	for _, r := range res {
		if strings.Contains(strings.ToLower(r.Marks), "lagerstället") {
			body = true
		}
	}
	if !body {
		t.Errorf("lager: no result highlights Lagerstället: %+v", res)
	}

	res = typeQuery(t, ctx, "zzqxv")
	if len(res) != 0 {
		t.Errorf("nonsense query found %+v", res)
	}
}

// TestSearchTermsMatchGo checks that the browser splits and folds words
// exactly as the index builder does: search.js and generator/search each
// carry their own copy of the rules.
func TestSearchTermsMatchGo(t *testing.T) {
	base := searchServer(t)
	ctx := searchBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(".search-input")); err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Kundtjänst och Lagerställe", "KUNDTJA\u0308NST", "E-commerce & C++ (09.00)", "self-service-portal",
		"Øresund, Straße, Ærø, Łódź", "Crème brûlée", "ΟΔΟΣ οδός", "日本語のテキスト", "don't stop", "a--b -x- a-",
		"x_y tab\tsep", "İstanbul ıi", "e‐handel e‑handel", "Ǆemal ǅ", "Ⅻ ⅻ 12", "🙂 emoji 🙂", "ﬁnance ﬂow",
	}
	for _, text := range texts {
		js, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`self.playbookSearch.terms("`+text+`")`))
		if err != nil {
			t.Fatal(err)
		}
		goText, _ := strconv.Unquote(`"` + text + `"`)
		want := search.Terms(goText)
		if strings.Join(js, " ") != strings.Join(want, " ") {
			t.Errorf("%q: search.js %q, Go %q", goText, js, want)
		}
	}
}

func TestSearchHeadingsAndKeyboard(t *testing.T) {
	base := searchServer(t)
	ctx := searchBrowser(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/guides/glossary/"),
		chromedp.WaitVisible(".search-input"),
		chromedp.KeyEvent("/"),
	); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil || focused != "pb-search-input" {
		t.Fatalf("\"/\" focused %q (%v), want the search box", focused, err)
	}

	// A heading match links to the heading.
	res := typeQuery(t, ctx, "escalation paths")
	if len(res) == 0 || res[0].Heading != "Escalation paths" || res[0].Href != "/guides/working-together/#escalation-paths" {
		t.Fatalf("escalation paths: %+v", res)
	}

	// Common words come as one count per section; "every" with a rarer
	// word still finds body text.
	res = typeQuery(t, ctx, "every incident")
	if len(res) == 0 {
		t.Fatal("every incident: no results")
	}
	body := false
	for _, r := range res {
		m := strings.ToLower(r.Marks)
		if strings.Contains(m, "every") && strings.Contains(m, "incident") {
			body = true
		}
	}
	if !body {
		t.Errorf("every incident: no snippet with both words: %+v", res)
	}
	res = typeQuery(t, ctx, "escalation paths")

	// Arrow down and Enter open the first result.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\ue015"), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if loc := searchWaitPath(ctx, base, "/guides/working-together/#escalation-paths"); loc != base+"/guides/working-together/#escalation-paths" {
		t.Fatalf("Enter did not open the result: at %s", loc)
	}
}

func TestLanguageSwitch(t *testing.T) {
	base := searchServer(t)
	ctx := searchBrowser(t)
	tests := []struct {
		from, lang, want, wantLang string
	}{
		// Translated by file name.
		{"/guides/first-week/", "sv", "/sv/guides/first-week/", "sv"},
		// Translated by exl-id, under another file name.
		{"/guides/working-together/", "sv", "/sv/guides/samarbete/", "sv"},
		{"/sv/guides/samarbete/", "en", "/guides/working-together/", "en"},
		// Not translated: the nearest page above it that the other
		// language has.
		{"/roles/cfo/", "sv", "/sv/roles/", "sv"},
	}
	for _, tt := range tests {
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+tt.from),
			chromedp.Click(`.lang-switch a[hreflang="`+tt.lang+`"]`),
		)
		if err != nil {
			t.Fatal(err)
		}
		if loc := searchWaitPath(ctx, base, tt.want); loc != base+tt.want {
			t.Errorf("%s → %s: at %s, want %s", tt.from, tt.lang, loc, tt.want)
			continue
		}
		lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		if err != nil || lang != tt.wantLang {
			t.Errorf("%s: <html lang=%q>, want %q", tt.want, lang, tt.wantLang)
		}
	}
	// The Swedish page searches the Swedish index.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/sv/guides/samarbete/")); err != nil {
		t.Fatal(err)
	}
	res := typeQuery(t, ctx, "eskaleringsvagar")
	if len(res) == 0 || !strings.HasPrefix(res[0].Href, "/sv/") {
		t.Errorf("Swedish search: %+v", res)
	}
}

// searchWaitPath waits until the tab has navigated to base+path, and
// returns where it is.
func searchWaitPath(ctx context.Context, base, path string) string {
	var loc string
	for range 100 {
		l, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil {
			loc = l
			if l == base+path {
				// Let the new page finish loading before the next step.
				_ = chromedp.Do(ctx, chromedp.WaitReady("body"))
				return l
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return loc
}

// TestSearchFromFiles opens the built site from disk (file://), where
// fetch is not allowed, and searches.
func TestSearchFromFiles(t *testing.T) {
	chromiumPath(t)
	dest := filepath.Join(t.TempDir(), "public")
	searchBuild(t, dest, filepath.ToSlash(dest)+"/")
	ctx := searchBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(dest)+"/index.html")); err != nil {
		t.Fatal(err)
	}
	res := typeQuery(t, ctx, "jonkoping")
	if len(res) == 0 {
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".search-status").textContent + " | " + document.querySelector(".search").dataset.index + " | " + [...document.scripts].map(s => s.src).join(" ")`))
		t.Fatalf("no results from file://: %s", status)
	}
	for _, r := range res {
		path, _, _ := strings.Cut(r.Href, "#")
		if !strings.HasSuffix(path, "/index.html") {
			t.Errorf("result %q does not name index.html, which file:// needs", r.Href)
		}
	}
}

// countingServer serves dir and counts the bytes and requests it sends.
type countingServer struct {
	mu    sync.Mutex
	bytes int
	reqs  []string
}

func (c *countingServer) reset() (int, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, r := c.bytes, c.reqs
	c.bytes, c.reqs = 0, nil
	return b, r
}

type countingWriter struct {
	http.ResponseWriter
	c *countingServer
}

func (w countingWriter) Write(p []byte) (int, error) {
	w.c.mu.Lock()
	w.c.bytes += len(p)
	w.c.mu.Unlock()
	return w.ResponseWriter.Write(p)
}

// TestSearchLargeSite measures what the first searches download on a
// generated handbook of 10,000 pages (PLAYBOOK_SEARCH_PAGES overrides the
// number). It is slow, so it runs only with PLAYBOOK_SEARCH_BENCH=1; the
// figures are in cmd/bench/benchmarks.md.
func TestSearchLargeSite(t *testing.T) {
	if os.Getenv("PLAYBOOK_SEARCH_BENCH") != "1" {
		t.Skip("set PLAYBOOK_SEARCH_BENCH=1 to build a 10,000-page site and measure its search downloads")
	}
	chromiumPath(t)
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("PLAYBOOK_SEARCH_PAGES")); err == nil {
		n = v
	}
	// PLAYBOOK_SEARCH_SITE names a site built before, to measure it again.
	dest := os.Getenv("PLAYBOOK_SEARCH_SITE")
	if dest == "" {
		src := t.TempDir()
		if err := corpus.Generate(src, n, 1); err != nil {
			t.Fatal(err)
		}
		dest = filepath.Join(t.TempDir(), "public")
		start := time.Now()
		res, err := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default()}).Build(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("built %d pages in %s", res.Pages+res.Sections, time.Since(start).Round(time.Millisecond))
	}

	sizes := map[string]int{}
	count := map[string]int{}
	_ = filepath.WalkDir(filepath.Join(dest, "search"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, _ := d.Info()
		kind := filepath.Base(filepath.Dir(p))
		if kind != "t" && kind != "f" {
			kind = filepath.Base(p)
		}
		sizes[kind] += int(info.Size())
		count[kind]++
		return nil
	})
	t.Logf("index.js %d bytes; body shards: %d files, %d bytes; fragments: %d files, %d bytes",
		sizes["index.js"], count["t"], sizes["t"], count["f"], sizes["f"])

	c := &countingServer{}
	files := http.FileServer(http.Dir(dest))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.reqs = append(c.reqs, r.URL.Path)
		c.mu.Unlock()
		files.ServeHTTP(countingWriter{w, c}, r)
	}))
	defer srv.Close()

	// Each query is a first search: a fresh page with the browser cache
	// off, then a second query on the same page.
	ctx := searchBrowser(t)
	noCache := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})
	if err := chromedp.Do(ctx, noCache); err != nil {
		t.Fatal(err)
	}
	// A title word; two words found only in the text; a word found only in
	// code blocks; three common words, which need body shards.
	for i, q := range []string{"kundtjanst", "hiring manager", "escalate", "kundtjanst prognos budget"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(".search-input")); err != nil {
			t.Fatal(err)
		}
		page, reqs := c.reset()
		if i == 0 {
			t.Logf("page load: %d bytes in %d requests", page, len(reqs))
		}
		start := time.Now()
		found := typeQuery(t, ctx, q)
		took := time.Since(start)
		b, reqs := c.reset()
		phases, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`performance.getEntriesByType("measure").filter(m => m.name.startsWith("playbook-search:")).map(m => m.name.slice(16) + " " + Math.round(m.duration) + " ms").join(", ")`))
		t.Logf("first search %q: %d results in %s (%s); downloaded %d bytes in %d requests: %s",
			q, len(found), took.Round(time.Millisecond), phases, b, len(reqs), strings.Join(reqs, " "))
		if len(found) == 0 {
			t.Errorf("%q found nothing", q)
		}
		if b > 2<<20 {
			t.Errorf("the first search %q downloaded %d bytes, over 2 MB", q, b)
		}
		next := "lagerstalle prognos"
		start = time.Now()
		found = typeQuery(t, ctx, next)
		took = time.Since(start)
		b, reqs = c.reset()
		t.Logf("  then %q: %d results in %s; downloaded %d bytes in %d requests", next, len(found), took.Round(time.Millisecond), b, len(reqs))
	}
}
