package e2e_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
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
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/themes"
)

// searchBrowser starts a headless Chromium (startBrowser in e2e_test.go,
// skipping without one) and returns a tab's context, closed when the test
// ends. An error in the tab's console, such as a violation of the Content
// Security Policy, fails the test.
func searchBrowser(t *testing.T) context.Context {
	t.Helper()
	tab := openTab(t, browsertest.Start(t, browsertest.Chromium(t)))
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
	return browsertest.ServeDir(t, dir, nil)
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
// (or the "nothing found" status) and the snippets of those in view.
func typeQuery(t *testing.T, ctx context.Context, q string) []searchResult {
	t.Helper()
	return searchFor(t, ctx, q, chromedp.SendKeys(".search-input", q))
}

// pasteQuery is typeQuery with q put in the box at once, as a paste
// does: one search, not one per key as the keys come slower than
// search.js waits for the next (60 ms) on a busy machine, so that what
// the search downloads does not depend on the machine's load.
func pasteQuery(t *testing.T, ctx context.Context, q string) []searchResult {
	t.Helper()
	return searchFor(t, ctx, q, chromedp.Evaluate[chromedp.Void](`(() => {
		const i = document.querySelector(".search-input");
		i.focus();
		i.value = `+strconv.Quote(q)+`;
		i.dispatchEvent(new Event("input"));
	})()`))
}

// searchFor empties the search box, enters q with enter and waits for
// the results and the snippets in view.
func searchFor(t *testing.T, ctx context.Context, q string, enter chromedp.Action[chromedp.Void]) []searchResult {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(".search-input"),
		chromedp.Evaluate[chromedp.Void](`(() => {
			const i = document.querySelector(".search-input");
			i.value = "";
			i.dispatchEvent(new Event("input"));
		})()`),
		enter,
		chromedp.Poll[chromedp.Void](`(() => {
			const list = document.querySelector(".search-results");
			const items = document.querySelectorAll(".search-result");
			if (list.dataset.query !== `+strconv.Quote(q)+`) return false;
			if (!items.length) return true;
			// Snippets arrive after the list, one file per page, for the
			// results in view; wait for all of those.
			const panel = document.querySelector(".search-panel").getBoundingClientRect();
			return [...items].every(li => {
				const r = li.getBoundingClientRect();
				if (r.top >= panel.bottom || r.bottom <= panel.top) return true;
				const snip = li.querySelector(".search-result-snippet");
				return !!snip.textContent || snip.classList.contains("is-empty");
			});
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
		"GitLabのハンドブック", "編集-ガイド 日 a日b", "ﾊﾝﾄﾞﾌﾞｯｸ 한국어 中文文本", "葛󠄀城市 カ\u3099イト\u3099", "富士山 詳細はMattermostの画面",
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

// TestSearchJapanese checks a handbook in Japanese, written without
// spaces: a word in the middle of a sentence finds its page, the title
// first, and the sentence holding it is highlighted.
func TestSearchJapanese(t *testing.T) {
	base := serveFiles(t, map[string]string{
		"_index.md": "---\ntitle: ハンドブック\n---\n[編集の手引き](edit.md)と[休暇](leave.md)。\n",
		"edit.md":   "---\ntitle: 編集の手引き\n---\nこのページはハンドブックの編集について説明します。\n\n## レビュー\n\n変更したらマージリクエストを作成してください。\n",
		"leave.md":  "---\ntitle: 休暇\n---\n休暇の申請はマネージャーに送ります。\n\n" + strings.Repeat("あいうえお", 30) + "最後に届出書を出します。\n",
		"fuji.md":   "---\ntitle: 週末\n---\n週末は富士山。詳細はMattermostの画面で確認します。\n",
		"climb.md":  "---\ntitle: 登る\n---\n山に登ります。\n",
	})
	ctx := searchBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, href, mark string }{
		{"申請", "/leave/", "休暇の申請はマネージャーに送ります"},
		{"作成", "/edit/#", "変更したらマージリクエストを作成してください"},
		{"マージリクエスト", "/edit/#", "変更したらマージリクエストを作成してください"},
		{"編集", "/edit/", ""},
	} {
		res := typeQuery(t, ctx, tc.q)
		if len(res) == 0 || !strings.HasPrefix(res[0].Href, tc.href) {
			t.Errorf("%s: results %+v, want %s first", tc.q, res, tc.href)
			continue
		}
		if tc.mark != "" && !strings.Contains(res[0].Marks, tc.mark) {
			t.Errorf("%s: marked %q, want %q", tc.q, res[0].Marks, tc.mark)
		}
	}
	// One character, at the end of a run or before another: both pages.
	res := typeQuery(t, ctx, "山")
	hrefs := make([]string, len(res))
	for i, r := range res {
		hrefs[i] = r.Href
	}
	if !slices.Contains(hrefs, "/fuji/") || !slices.Contains(hrefs, "/climb/") {
		t.Errorf("山 found %q, want /fuji/ and /climb/", hrefs)
	}
	// A Latin word inside Japanese, and a word deep in a long run: the
	// snippet shows it, highlighted.
	for _, tc := range []struct{ q, href, snippet string }{{"mattermost", "/fuji/", "Mattermost"}, {"届出書", "/leave/", "届出書"}} {
		res := typeQuery(t, ctx, tc.q)
		if len(res) == 0 || res[0].Href != tc.href || !strings.Contains(res[0].Snippet, tc.snippet) || res[0].Marks == "" {
			t.Errorf("%s: results %+v, want %s first with %q in a highlighted snippet", tc.q, res, tc.href, tc.snippet)
		}
	}
	if res := typeQuery(t, ctx, "申込"); len(res) != 0 {
		t.Errorf("申込 found %+v: a pair the text does not hold", res)
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
	typeQuery(t, ctx, "escalation paths")

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
	browsertest.Chromium(t)
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

// countingServer serves a folder and records the bytes it sends for each
// request, as the sizes of the files the browser loads.
type countingServer struct {
	mu   sync.Mutex
	sent []sentFile
}

// sentFile is one response: its path and the bytes of its body.
type sentFile struct {
	path  string
	bytes int
}

// take returns the responses since the last call.
func (c *countingServer) take() []sentFile {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sent
	c.sent = nil
	return s
}

type countingWriter struct {
	http.ResponseWriter
	c *countingServer
	i int
}

func (w countingWriter) Write(p []byte) (int, error) {
	w.c.mu.Lock()
	w.c.sent[w.i].bytes += len(p)
	w.c.mu.Unlock()
	return w.ResponseWriter.Write(p)
}

// serveCounting serves dir over HTTP and counts what it sends.
func serveCounting(t *testing.T, dir string) (*countingServer, string) {
	t.Helper()
	c := &countingServer{}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.sent = append(c.sent, sentFile{path: r.URL.Path})
		i := len(c.sent) - 1
		c.mu.Unlock()
		files.ServeHTTP(countingWriter{w, c, i}, r)
	}))
	t.Cleanup(srv.Close)
	return c, srv.URL
}

// sum adds up the bytes of the responses whose path has the prefix.
func sum(files []sentFile, prefix string) int {
	n := 0
	for _, f := range files {
		if strings.HasPrefix(f.path, prefix) {
			n += f.bytes
		}
	}
	return n
}

// paths lists the responses' paths.
func paths(files []sentFile) string {
	var p []string
	for _, f := range files {
		p = append(p, f.path)
	}
	return strings.Join(p, " ")
}

// The search's download budgets: the first search of a page, counting
// search.js (which the page loads) and MiniSearch (which the first
// search loads), and any later search on the same page.
const (
	firstSearchBudget = 300_000
	laterSearchBudget = 60_000
)

// firstSearchBound is the most the first search may download on a site of
// n pages: a fixed part (search.js, MiniSearch, the chunks and snippets of
// the results shown) and 22 bytes a page, which reaches the budget at
// 10,000 pages. A download that grows faster with the site fails it.
func firstSearchBound(n int) int { return 75_000 + 22*n }

// searchCost is what one query downloaded, as measured by measureSearch.
type searchCost struct {
	query   string
	results int
	took    time.Duration
	phases  string
	// page is what the page loaded before the search; first what the
	// query loaded as the page's first search; later what next loaded
	// after it.
	page, first, later []sentFile
	// script and lib are the bytes of search.js (in page) and of MiniSearch
	// (in first).
	script, lib int
}

// total is what the first search costs against firstSearchBudget: what
// the query loaded and search.js.
func (c searchCost) total() int { return sum(c.first, "") + c.script }

// measureSearch opens the home page of the counting server at base in a
// fresh page with the browser cache off, enters q as the page's first
// search, then next, each at once (pasteQuery), and returns what each
// downloaded.
func measureSearch(t *testing.T, ctx context.Context, c *countingServer, base, q, next string) searchCost {
	t.Helper()
	noCache := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})
	if err := chromedp.Do(ctx, noCache, chromedp.Navigate(base+"/"), chromedp.WaitVisible(".search-input")); err != nil {
		t.Fatal(err)
	}
	cost := searchCost{query: q, page: c.take()}
	start := time.Now()
	cost.results = len(pasteQuery(t, ctx, q))
	cost.took = time.Since(start)
	cost.first = c.take()
	cost.phases, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`performance.getEntriesByType("measure").filter(m => m.name.startsWith("playbook-search:")).map(m => m.name.slice(16) + " " + Math.round(m.duration) + " ms").join(", ")`))
	if cost.results == 0 {
		t.Errorf("%q found nothing", q)
	}
	if len(pasteQuery(t, ctx, next)) == 0 {
		t.Errorf("%q found nothing", next)
	}
	cost.later = c.take()
	for _, f := range cost.page {
		if strings.HasPrefix(f.path, "/assets/js/search") {
			cost.script += f.bytes
		}
	}
	for _, f := range cost.first {
		if strings.Contains(f.path, "/minisearch") {
			cost.lib += f.bytes
		}
	}
	if cost.script == 0 {
		t.Errorf("the page loaded no search.js: %s", paths(cost.page))
	}
	return cost
}

// buildCorpus generates and builds a handbook of n pages with
// generator/corpus and returns the output folder.
func buildCorpus(t *testing.T, n int) string {
	t.Helper()
	src := t.TempDir()
	if err := corpus.Generate(src, n, 1); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	start := time.Now()
	res, err := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default()}).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built %d pages in %s", res.Pages+res.Sections, time.Since(start).Round(time.Millisecond))
	return dest
}

// The queries measured: a title word typed without its accent; two words
// found only in the text; a word found only in code blocks; three common
// words. Then, on the same page, two words of titles and text.
var (
	measuredQueries = []string{"kundtjanst", "hiring manager", "escalate", "kundtjanst prognos budget"}
	laterQuery      = "lagerstalle prognos"
)

// TestSearchDownloadScales builds a generated handbook of 1,000 pages and
// checks that a first search downloads no more than firstSearchBound
// allows and a later one no more than laterSearchBudget: a search index
// whose first download grows with the site, as a whole page list would,
// fails it.
func TestSearchDownloadScales(t *testing.T) {
	browsertest.Chromium(t)
	const n = 1000
	c, base := serveCounting(t, buildCorpus(t, n))
	ctx := searchBrowser(t)
	for _, q := range measuredQueries[:2] {
		cost := measureSearch(t, ctx, c, base, q, laterQuery)
		t.Logf("%q: first %d bytes (%s), later %d", q, cost.total(), paths(cost.first), sum(cost.later, ""))
		if got, limit := cost.total(), firstSearchBound(n); got > limit {
			t.Errorf("the first search %q downloaded %d bytes with search.js, over %d for %d pages: %s", q, got, limit, n, paths(cost.first))
		}
		if got := sum(cost.later, ""); got > laterSearchBudget {
			t.Errorf("%q after %q downloaded %d bytes, over %d: %s", laterQuery, q, got, laterSearchBudget, paths(cost.later))
		}
	}
}

// TestSearchLargeSite measures what the first searches download on a
// generated handbook of 10,000 pages (PLAYBOOK_SEARCH_PAGES overrides the
// number) and checks the budgets: at most 300 KB for the first search of
// a page, search.js and MiniSearch included, and 60 KB for a later one.
// It is slow, so it runs only with PLAYBOOK_SEARCH_BENCH=1; the figures
// are in cmd/bench/benchmarks.md.
func TestSearchLargeSite(t *testing.T) {
	if os.Getenv("PLAYBOOK_SEARCH_BENCH") != "1" {
		t.Skip("set PLAYBOOK_SEARCH_BENCH=1 to build a 10,000-page site and measure its search downloads")
	}
	browsertest.Chromium(t)
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("PLAYBOOK_SEARCH_PAGES")); err == nil {
		n = v
	}
	// PLAYBOOK_SEARCH_SITE names a site built before, to measure it again.
	dest := os.Getenv("PLAYBOOK_SEARCH_SITE")
	if dest == "" {
		dest = buildCorpus(t, n)
	}
	logIndexFiles(t, filepath.Join(dest, "search"))

	c, base := serveCounting(t, dest)
	ctx := searchBrowser(t)
	for i, q := range measuredQueries {
		cost := measureSearch(t, ctx, c, base, q, laterQuery)
		if i == 0 {
			t.Logf("page load: %d bytes in %d requests, search.js %d bytes", sum(cost.page, ""), len(cost.page), cost.script)
		}
		t.Logf("first search %q: %d results in %s (%s); downloaded %d bytes in %d requests (MiniSearch %d, index files %d), %d with search.js: %s",
			q, cost.results, cost.took.Round(time.Millisecond), cost.phases, sum(cost.first, ""), len(cost.first), cost.lib, sum(cost.first, "/search/"), cost.total(), paths(cost.first))
		t.Logf("  then %q: downloaded %d bytes in %d requests: %s", laterQuery, sum(cost.later, ""), len(cost.later), paths(cost.later))
		if got := cost.total(); got > firstSearchBudget {
			t.Errorf("the first search %q downloaded %d bytes with search.js, over %d", q, got, firstSearchBudget)
		}
		if got := sum(cost.later, ""); got > laterSearchBudget {
			t.Errorf("%q after %q downloaded %d bytes, over %d", laterQuery, q, got, laterSearchBudget)
		}
	}
}

// logIndexFiles logs the number and size of the index's files by kind:
// index.js, and the files of each folder (h, t, p, f).
func logIndexFiles(t *testing.T, dir string) {
	t.Helper()
	sizes := map[string]int{}
	count := map[string]int{}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		kind := filepath.Base(filepath.Dir(p)) + "/"
		if filepath.Base(p) == "index.js" {
			kind = "index.js"
		}
		sizes[kind] += int(info.Size())
		count[kind]++
		return nil
	})
	all := 0
	for _, k := range slices.Sorted(maps.Keys(sizes)) {
		t.Logf("%s: %d files, %d bytes", k, count[k], sizes[k])
		all += sizes[k]
	}
	t.Logf("in all: %d bytes", all)
}
