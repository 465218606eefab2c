// Package livepreview_test drives headless Chromium against "playbook
// serve": a page follows edits of its file without any action, shows the
// build's errors over itself while the site is broken, keeps its scroll
// position across reloads, swaps stylesheets without reloading, and many
// tabs follow at once. The preview server sends its own Content Security
// Policy, which allows no inline script or style, and any console error (a
// violation of the policy among them) fails the test.
//
// The test skips when Chromium is not installed, unless
// PLAYBOOK_BROWSER_TESTS=1, which makes a missing browser a failure.
package livepreview_test

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/serve"
	"github.com/playbookhq/playbook/themes"
)

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// guide is a page long enough to scroll, with marker text in the middle.
func guide(front, marker string) string {
	var b strings.Builder
	b.WriteString(front)
	b.WriteString("\n# Guide\n\n")
	for i := range 40 {
		fmt.Fprintf(&b, "## Part %d\n\nParagraph %d of a long page.\n\n", i, i)
		if i == 20 {
			b.WriteString(marker + "\n\n")
		}
	}
	return b.String()
}

// startPreview serves a new site the way "playbook serve" does.
func startPreview(t *testing.T) (dir, url string) {
	t.Helper()
	dir = t.TempDir()
	write(t, filepath.Join(dir, "content/_index.md"), "---\ntitle: Home\n---\nSee [the guide](guide.md).\n")
	write(t, filepath.Join(dir, "content/guide.md"), guide("---\ntitle: Guide\n---", "Marker: first version."))
	return dir, serveSite(t, dir, "/guide/", io.Discard)
}

// serveSite serves the site in dir the way "playbook serve" does, telling
// out what it would print, and returns its URL once the page at first is
// served.
func serveSite(t *testing.T, dir, first string, out io.Writer) string {
	t.Helper()
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem())
	s := serve.New(b, serve.WithOutput(out, out))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- s.Run(ctx, ln) }()
	srv := struct{ URL string }{"http://" + ln.Addr().String()}
	t.Cleanup(func() {
		cancel()
		if err := <-ran; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	// Wait for the first build.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(srv.URL + first); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				if got := resp.Header.Get("Content-Security-Policy"); got != serve.ContentSecurityPolicy {
					t.Fatalf("Content-Security-Policy %q, want %q", got, serve.ContentSecurityPolicy)
				}
				return srv.URL
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the first build did not finish")
	return ""
}

// browser starts Chromium with a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Start(t, browsertest.Chromium(t),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", false),
		chromedp.WindowSize(1000, 700),
	)
}

// tab is one browser tab that records console errors.
type tab struct {
	t    *testing.T
	ctx  context.Context
	mu   sync.Mutex
	errs []string
}

func openTab(t *testing.T, browserCtx context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "exception: " + e.ExceptionDetails.Text
		case *runtime.EventConsoleAPICalled:
			if e.Type != runtime.ConsoleAPICalledTypeError {
				return
			}
			msg = "console.error"
		case *cdplog.EventEntryAdded:
			if e.Entry.Level != cdplog.EntryLevelError {
				return
			}
			// A 404 the test asks for is no fault of the page.
			if e.Entry.Source == cdplog.EntrySourceNetwork && strings.Contains(e.Entry.Text, "404") {
				return
			}
			msg = string(e.Entry.Source) + ": " + e.Entry.Text
		default:
			return
		}
		tb.mu.Lock()
		tb.errs = append(tb.errs, msg)
		tb.mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) eval(js string) string {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		tb.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor evaluates js until it returns true. It polls from Go, so that
// the page may reload meanwhile (which a poll inside the page would not
// survive).
func (tb *tab) waitFor(what, js string) {
	tb.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("timed out waiting for %s (last error %v)", what, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func (tb *tab) noErrors() {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.errs) > 0 {
		tb.t.Errorf("console errors:\n%s", strings.Join(tb.errs, "\n"))
	}
}

const (
	overlay      = `document.getElementById("playbook-live-errors")`
	overlayShown = `(() => { const o = ` + overlay + `; return !!o && !o.hidden && getComputedStyle(o).position === "fixed"; })()`
	overlayGone  = `!` + overlay
)

func TestLivePreview(t *testing.T) {
	dir, url := startPreview(t)
	browserCtx := browser(t)
	page := filepath.Join(dir, "content/guide.md")
	tb := openTab(t, browserCtx)
	tb.do(chromedp.Navigate(url + "/guide/"))
	tb.waitFor("the page", `document.body.innerText.includes("Marker: first version.")`)
	if got := tb.eval(`[...document.scripts].filter(s => s.src.endsWith("/_playbook/live.js")).length + ""`); got != "1" {
		t.Fatalf("%s live.js scripts in the page", got)
	}
	// A marker that a reload would lose, and a scroll position it must keep.
	tb.eval(`window.scrollTo(0, 1200); window.playbookMarker = "kept"; String(window.scrollY)`)
	scrolled := tb.eval(`String(window.scrollY)`)
	if scrolled == "0" {
		t.Fatal("the page does not scroll")
	}

	t.Run("edit appears by itself", func(t *testing.T) {
		write(t, page, guide("---\ntitle: Guide\n---", "Marker: second version."))
		tb.waitFor("the new text", `document.body.innerText.includes("Marker: second version.")`)
		tb.waitFor("the scroll position after the reload", `window.scrollY > 1000`)
		if tb.eval(`String(window.playbookMarker)`) != "undefined" {
			t.Error("the page did not reload")
		}
	})

	t.Run("broken front matter shows the overlay", func(t *testing.T) {
		// Broken front matter, and a link whose text is markup: the overlay
		// must show it as text.
		write(t, page, guide("---\ntitle: [Guide\n---", "Marker: third version. [[<img src=x onerror=alert(1)>]]"))
		tb.waitFor("the error overlay", overlayShown)
		text := tb.eval(overlay + `.textContent`)
		if !strings.Contains(text, "content/guide.md:2:") {
			t.Errorf("overlay text %q lacks the front matter error", text)
		}
		// The offending source line, with a caret under the column.
		if src := tb.eval(overlay + `.querySelector("pre").textContent`); !strings.HasPrefix(src, "title: [Guide\n") || !strings.HasSuffix(src, "^") {
			t.Errorf("overlay source excerpt %q", src)
		}
		if !strings.Contains(text, "<img src=x") || tb.eval(`String(`+overlay+`.querySelector("img"))`) != "null" {
			t.Errorf("markup in a message was not escaped: %q", tb.eval(overlay+`.innerHTML`))
		}
		// The last good version is still what the page shows.
		if !strings.Contains(tb.eval(`document.body.innerText`), "Marker: second version.") {
			t.Error("the broken edit replaced the page")
		}
	})

	t.Run("fixing it removes the overlay", func(t *testing.T) {
		write(t, page, guide("---\ntitle: Guide\n---", "Marker: fourth version."))
		tb.waitFor("the fixed text", `document.body.innerText.includes("Marker: fourth version.")`)
		tb.waitFor("the overlay to go", overlayGone)
	})

	t.Run("a stylesheet is swapped without a reload", func(t *testing.T) {
		css, err := fs.ReadFile(themes.Default(), "assets/css/style.css")
		if err != nil {
			t.Fatal(err)
		}
		override := filepath.Join(dir, "themes/default/assets/css/style.css")
		write(t, override, string(css))
		tb.waitFor("the page after the new theme file", `document.body.innerText.includes("Marker: fourth version.")`)
		tb.eval(`window.playbookMarker = "kept"; ""`)
		write(t, override, string(css)+"\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
		tb.waitFor("the new style", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
		if tb.eval(`String(window.playbookMarker)`) != "kept" {
			t.Error("a CSS change reloaded the page")
		}
	})

	t.Run("many tabs follow", func(t *testing.T) {
		// More tabs than the six connections a browser opens to one server:
		// they share one event stream through a SharedWorker.
		var tabs []*tab
		for range 8 {
			x := openTab(t, browserCtx)
			x.do(chromedp.Navigate(url + "/guide/"))
			x.waitFor("the page", `document.body.innerText.includes("Marker: fourth version.")`)
			tabs = append(tabs, x)
		}
		write(t, page, guide("---\ntitle: Guide\n---", "Marker: fifth version."))
		for i, x := range tabs {
			x.waitFor(fmt.Sprintf("tab %d to follow", i), `document.body.innerText.includes("Marker: fifth version.")`)
		}
		for _, x := range tabs {
			x.noErrors()
		}
	})
	tb.noErrors()
}

// syncBuffer is a strings.Builder that is safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestTemplateEditOnLargeSite edits a template of a site large enough that
// the preview renders the open pages first and the rest after: the open
// page reloads once with the change, not again when the rest is done, and
// a page open in another tab but not among those served last reloads
// then.
func TestTemplateEditOnLargeSite(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 600, 3); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	const first, other = "/teams/c-level/", "/teams/it/"
	url := serveSite(t, dir, first, out)
	browserCtx := browser(t)
	stale := openTab(t, browserCtx)
	stale.do(chromedp.Navigate(url + other))
	stale.waitFor("the other page", `document.querySelector("h1") !== null`)
	// Eight other pages served after it take it off the list of open ones.
	for _, p := range []string{"/", "/teams/", "/teams/warehouse/", "/teams/finance/", "/teams/data/", "/teams/content/", "/teams/marketing/", "/tags/"} {
		if resp, err := http.Get(url + p); err == nil {
			resp.Body.Close()
		}
	}
	open := openTab(t, browserCtx)
	open.do(chromedp.Navigate(url + first))
	open.waitFor("the open page", `document.querySelector("h1") !== null`)

	base, err := fs.ReadFile(themes.Default(), "layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	const mark = `<main id="main-content" class="main" tabindex="-1">`
	if !strings.Contains(string(base), mark) {
		t.Fatalf("base.html lacks %s", mark)
	}
	write(t, filepath.Join(dir, "themes/default/layouts/base.html"), strings.Replace(string(base), mark, mark+`<p id="pb-edited">Edited.</p>`, 1))
	open.waitFor("the edit on the open page", `document.getElementById("pb-edited") !== null`)
	open.eval(`window.playbookMarker = "kept"; ""`)
	stale.waitFor("the edit on the other page, once the rest is rendered", `document.getElementById("pb-edited") !== null`)
	if !strings.Contains(out.String(), "Rendered the pages not open in") {
		t.Errorf("the other page reloaded before the rest was rendered:\n%s", out.String())
	}
	handledAll(t, dir, open)
	if open.eval(`String(window.playbookMarker)`) != "kept" {
		t.Error("the open page reloaded a second time")
	}
	open.noErrors()
	stale.noErrors()
}

// TestPageOpenedWhileTheRestRenders opens a page after a template edit of
// a large site, while the pages not open are still being rendered: it
// shows the edit at once (it is rendered on request), and does not reload
// when the rest is done, as it is what the rest makes it.
func TestPageOpenedWhileTheRestRenders(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 600, 3); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	url := serveSite(t, dir, "/teams/c-level/", out)
	browserCtx := browser(t)
	open := openTab(t, browserCtx)
	open.do(chromedp.Navigate(url + "/teams/c-level/"))
	open.waitFor("the open page", `document.querySelector("h1") !== null`)

	base, err := fs.ReadFile(themes.Default(), "layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	// One page takes seconds to render, so that the rest takes as long.
	const mark = `<main id="main-content" class="main" tabindex="-1">`
	edit := mark + `<p id="pb-edited">Edited.</p>{{if eq .Page.RelURL "/teams/c-level/area-000/page-00005/"}}{{range 60000000}}{{end}}{{end}}`
	write(t, filepath.Join(dir, "themes/default/layouts/base.html"), strings.Replace(string(base), mark, edit, 1))
	open.waitFor("the edit on the open page", `document.getElementById("pb-edited") !== null`)

	next := openTab(t, browserCtx)
	next.do(chromedp.Navigate(url + "/teams/it/"))
	if !strings.Contains(next.eval(`document.body.innerHTML`), `id="pb-edited"`) {
		t.Fatal("a page opened after the edit does not show it")
	}
	if strings.Contains(out.String(), "Rendered the pages not open") {
		t.Fatal("the rest was rendered before the page was opened; the test tests nothing")
	}
	next.eval(`window.playbookMarker = "kept"; ""`)
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(out.String(), "Rendered the pages not open") {
		if time.Now().After(deadline) {
			t.Fatalf("the rest was not rendered:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	handledAll(t, dir, next)
	if next.eval(`String(window.playbookMarker)`) != "kept" {
		t.Error("the page opened while the rest rendered reloaded when it was done")
	}
	open.noErrors()
	next.noErrors()
}

// handledAll changes a stylesheet of the site in dir and waits until tab
// tb has swapped it in: a page handles the server's events in order, so it
// has then handled every event before, and whether one reloaded it can
// be told without waiting for a while.
func handledAll(t *testing.T, dir string, tb *tab) {
	t.Helper()
	css, err := fs.ReadFile(themes.Default(), "assets/css/style.css")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "themes/default/assets/css/style.css"), string(css)+"\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
	tb.waitFor("the stylesheet changed after the edit", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
}
