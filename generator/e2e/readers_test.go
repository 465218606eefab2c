package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// TestSearchFinishesTheJob checks what the search offers past its first
// results: "Show more", the results in the site's other language, and the
// page a result opens, which marks the words found and scrolls to them.
func TestSearchFinishesTheJob(t *testing.T) {
	base := searchServer(t)
	ctx := searchBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	// A common word: more than the first 20 results.
	res := typeQuery(t, ctx, "team")
	if len(res) != 20 {
		t.Fatalf("team: %d results shown first, want 20", len(res))
	}
	status := evalString(t, ctx, `document.querySelector(".search-status").textContent`)
	if !strings.Contains(status, "showing the first 20") || !strings.Contains(status, "English") {
		t.Errorf("status %q does not say that 20 show, nor the language searched", status)
	}
	more := evalString(t, ctx, `(b => b.hidden ? "" : b.textContent)(document.querySelector(".search-more"))`)
	if !strings.HasPrefix(more, "Show ") {
		t.Fatalf("no Show more button: %q", more)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".search-more")); err != nil {
		t.Fatal(err)
	}
	n := pollInt(t, ctx, `document.querySelectorAll(".search-result").length`, func(n int) bool { return n > 20 })
	if n <= 20 {
		t.Errorf("Show more left %d results", n)
	}
	if focused := evalString(t, ctx, `document.activeElement.id`); focused != "pb-search-input" {
		t.Errorf("after Show more the focus is on %q, want the search box", focused)
	}

	// A Swedish word: the English pages do not have it, the Swedish do.
	typeQuery(t, ctx, "lagerstallet")
	offer := pollString(t, ctx, `[...document.querySelectorAll(".search-other")].map(b => b.textContent).join("|")`)
	if !strings.Contains(offer, "in Svenska") {
		t.Fatalf("no offer of the Swedish results: %q", offer)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".search-other")); err != nil {
		t.Fatal(err)
	}
	href := pollString(t, ctx, `(a => a ? a.getAttribute("href") : "")(document.querySelector(".search-result a"))`)
	if !strings.HasPrefix(href, "/sv/") {
		t.Errorf("after choosing Svenska the first result is %q", href)
	}

	// Opening a result marks the words on its page and drops ?q=.
	typeQuery(t, ctx, "escalation")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\ue015"), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	marks := pollInt(t, ctx, `document.querySelectorAll("mark.search-hit").length`, func(n int) bool { return n > 0 })
	if marks == 0 {
		t.Fatal("the page a result opened marks nothing")
	}
	loc := evalString(t, ctx, `location.href`)
	if strings.Contains(loc, "q=") {
		t.Errorf("the address keeps the query: %s", loc)
	}
	inView := evalString(t, ctx, `(r => r.top >= 0 && r.bottom <= innerHeight ? "yes" : "no: " + r.top)(document.querySelector("mark.search-hit.is-first").getBoundingClientRect())`)
	if inView != "yes" {
		t.Errorf("the first mark is not scrolled into view (%s)", inView)
	}
}

// TestWithoutJavaScriptNoDeadControls checks that a reader without
// JavaScript meets no search box, menu button or search button that
// would do nothing.
func TestWithoutJavaScriptNoDeadControls(t *testing.T) {
	base := searchServer(t)
	ctx := searchBrowser(t)
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/guides/first-week/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitReady("main")); err != nil {
			t.Fatal(err)
		}
		shown := evalString(t, ctx, `[...document.querySelectorAll(".search, .search-input, [data-search-focus], button")].filter(e => e.offsetParent !== null).map(e => e.className).join(",")`)
		if shown != "" {
			t.Errorf("%s: controls that need JavaScript show without it: %s", p, shown)
		}
	}
}

func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// pollString waits until js gives a non-empty string, for up to 10 s.
func pollString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	var v string
	for range 100 {
		if v = evalString(t, ctx, js); v != "" {
			return v
		}
		time.Sleep(100 * time.Millisecond)
	}
	return v
}

// pollInt waits until js gives a number ok accepts, for up to 10 s.
func pollInt(t *testing.T, ctx context.Context, js string, ok func(int) bool) int {
	t.Helper()
	var n int
	for range 100 {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err == nil {
			n = v
			if ok(n) {
				return n
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return n
}

// TestPhoneHeader checks the header of a 320 px wide phone: the menu
// button, the site's name (cut to two lines at most, with the whole name
// as the link's title), the search button and the languages fit side by
// side; the focused search box covers the row and leaves the name alone
// once it loses focus.
func TestPhoneHeader(t *testing.T) {
	base := searchServer(t)
	ctx := searchBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	const boxes = `JSON.stringify([".menu-js", ".brand-title", ".search-input", ".lang-switch"].map(s => {
		const r = document.querySelector(s).getBoundingClientRect();
		return [s, Math.round(r.left), Math.round(r.right), Math.round(r.width)];
	}))`
	for _, p := range []string{"/", "/sv/teams/customer-service/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(".search-input")); err != nil {
			t.Fatal(err)
		}
		var got [][]any
		if err := json.Unmarshal([]byte(evalString(t, ctx, boxes)), &got); err != nil {
			t.Fatal(err)
		}
		right := 0.0
		for _, b := range got {
			name, left, r, w := b[0].(string), b[1].(float64), b[2].(float64), b[3].(float64)
			if left < right || r > 320 || w <= 0 {
				t.Errorf("%s: %s spans %.0f–%.0f px, after %.0f px, on a 320 px screen: %v", p, name, left, r, right, got)
			}
			if name == ".brand-title" && w < 64 {
				t.Errorf("%s: the site's name has %.0f px", p, w)
			}
			right = r
		}
		title := evalString(t, ctx, `document.querySelector(".brand").title`)
		if name := evalString(t, ctx, `document.querySelector(".brand-title").textContent`); title != name || name == "" {
			t.Errorf("%s: the name %q has the title %q", p, name, title)
		}
		if lines := evalString(t, ctx, `String(Math.round(document.querySelector(".brand-title").getBoundingClientRect().height / parseFloat(getComputedStyle(document.querySelector(".brand-title")).lineHeight)))`); lines > "2" {
			t.Errorf("%s: the site's name takes %s lines", p, lines)
		}
		// Focused, the box covers the row, above the name.
		if err := chromedp.Do(ctx, chromedp.Focus(".search-input")); err != nil {
			t.Fatal(err)
		}
		w := pollInt(t, ctx, `Math.round(document.querySelector(".search-input").getBoundingClientRect().width)`, func(n int) bool { return n >= 250 })
		if w < 250 {
			t.Errorf("%s: the focused search box is %d px wide", p, w)
		}
		top := evalString(t, ctx, `(r => document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).className)(document.querySelector(".brand-title").getBoundingClientRect())`)
		if top != "search-input" {
			t.Errorf("%s: over the name while searching is %q, want the search box", p, top)
		}
	}
}

// TestHomeLeads checks the order of the home page: what the handbook is,
// where to start and the welcome text come before the teams, whose
// descriptions show in full; the collaboration map is an image, and the
// pairs it draws are listed with what they work on.
func TestHomeLeads(t *testing.T) {
	base := searchServer(t)
	ctx := searchBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(".hero")); err != nil {
		t.Fatal(err)
	}
	order := evalString(t, ctx, `[".hero-start", ".home-intro", ".home-teams", ".home-roles", ".home-map"].map(s => {
		const e = document.querySelector(s);
		return e ? Math.round(e.getBoundingClientRect().top + scrollY) : -1;
	}).join(",")`)
	var tops []int
	for _, f := range strings.Split(order, ",") {
		var n int
		_, _ = fmt.Sscan(f, &n)
		tops = append(tops, n)
	}
	for i := 1; i < len(tops); i++ {
		if tops[i-1] < 0 || tops[i] <= tops[i-1] {
			t.Errorf("home page sections out of order (start, intro, teams, roles, map): %s", order)
			break
		}
	}
	if tops[1] > 900 {
		t.Errorf("the welcome text starts %d px down", tops[1])
	}
	if href := evalString(t, ctx, `document.querySelector(".hero-start a").getAttribute("href")`); href != "/guides/first-week/" {
		t.Errorf("New here? links to %q, want the first guide", href)
	}
	if cut := evalString(t, ctx, `[...document.querySelectorAll(".team-card-text")].filter(p => p.scrollHeight > p.clientHeight + 1).map(p => p.textContent).join(" | ")`); cut != "" {
		t.Errorf("team descriptions cut short: %s", cut)
	}
	if n := evalString(t, ctx, `String(document.querySelectorAll("[role=img] a, [role=img] [tabindex]").length)`); n != "0" {
		t.Errorf("%s links or focusable elements inside the map image", n)
	}
	pairs := evalString(t, ctx, `[...document.querySelectorAll(".collab-pair-list li")].map(li => li.textContent.replace(/\s+/g, " ").trim()).join(" | ")`)
	if !strings.Contains(pairs, "↔") {
		t.Errorf("no pairs listed beside the map: %q", pairs)
	}
	if hidden := evalString(t, ctx, `[...document.querySelectorAll(".collab-pair-on")].filter(e => !e.offsetParent || !e.textContent.trim()).length ? "hidden" : ""`); hidden != "" {
		t.Errorf("what a pair works on is not shown as text")
	}
}

// TestEveryPageReachable follows the links of the example handbook from
// its home page and checks that they reach every page the build wrote,
// the generated ones (checklists, tags, each tag, roles, owners) among
// them; and that each tag's page is titled as a name, not a slug.
func TestEveryPageReachable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	searchBuild(t, dir, "")
	pages := browsertest.HTMLPages(t, dir)
	want := map[string]bool{}
	for _, p := range pages {
		if !strings.HasPrefix(p, "/404") && !strings.HasSuffix(p, "/404.html") {
			want[p] = true
		}
	}
	hrefRE := regexp.MustCompile(`href="(/[^"#?]*)`)
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p), "index.html"))
		if err != nil {
			continue
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(b), -1) {
			u := m[1]
			if !strings.HasSuffix(u, "/") || seen[u] {
				continue
			}
			seen[u] = true
			queue = append(queue, u)
		}
	}
	for _, p := range pages {
		if want[p] && !seen[p] {
			t.Errorf("no link leads to %s", p)
		}
	}
	for _, p := range []string{"/checklists/", "/tags/", "/roles/", "/owners/"} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		nav := string(b)
		if i := strings.Index(nav, `<nav class="site-nav"`); i >= 0 {
			nav = nav[i:]
		}
		for _, q := range []string{"/checklists/", "/tags/", "/roles/", "/owners/"} {
			if !strings.Contains(nav[:strings.Index(nav, "</nav>")], `href="`+q+`"`) {
				t.Errorf("the sidebar of %s does not link %s", p, q)
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "tags", "it", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if !strings.Contains(page, `<h1 class="doc-title">IT</h1>`) {
		t.Errorf("the tag it is not titled as the IT team's page:\n%s", page[strings.Index(page, "<h1"):][:80])
	}
	if strings.Contains(page, "<h3") || !strings.Contains(page, `<h2 class="card-title">`) {
		t.Errorf("a tag's pages are not level-2 headings under its level-1 title")
	}
}
