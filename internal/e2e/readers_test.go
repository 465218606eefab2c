package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
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
