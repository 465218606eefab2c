// Package a11y_test checks every page of the example handbook and of a
// generated one with axe-core in headless Chromium. It is a package of its
// own, apart from generator/e2e, because it is the longest of the browser
// tests, and go test limits each package's run.
package e2e_test

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
	"github.com/playbookhq/playbook/themes"
)

// axeSource is axe-core, the accessibility engine, exactly as its npm
// package ships it (see testdata/axe/README.md). It is only ever injected
// into the test browser.
//
//go:embed testdata/axe/axe.min.js
var axeSource string

// axeSHA256 pins the vendored axe.min.js: a changed file fails the test
// until this constant is updated with it.
const axeSHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

// axeAll runs the WCAG 2.2 A and AA rules and the heading-order best
// practice on the page; axeColour only the rules that a colour scheme can
// change. Both return one line per violation and element.
const (
	axeAll    = `pbAxe({runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, rules: {"heading-order": {enabled: true}}})`
	axeColour = `pbAxe({runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}})`
	axeSetup  = `self.pbAxe = opts => axe.run(document, Object.assign({resultTypes: ["violations"], iframes: false, elementRef: false}, opts))
	.then(r => r.violations.flatMap(v => v.nodes.map(n =>
		v.id + " (" + (v.impact || n.impact || "") + ") " + n.target.join(" ") + ": " +
		(n.failureSummary || "").replace(/\s+/g, " ").slice(0, 240))))`
)

// The screens every page is checked on: a desktop and a phone, each in
// light and dark mode; and the narrowest phone, where nothing may be wider
// than the screen.
var (
	axeScreens = []struct {
		name   string
		width  int64
		mobile bool
	}{{"1280", 1280, false}, {"360", 360, true}}
	axeSchemes = []string{"light", "dark"}
)

const narrowest = 320

// TestAccessibility builds the example handbook and a generated one (67
// pages), and checks every page with axe-core at 1280 and 360 px, in
// light and dark mode: no violation of WCAG 2.2 level A or AA, nor of
// heading order. Light mode runs every rule, dark mode the colour rules.
// At 320 px no page may scroll sideways (WCAG 1.4.10, Reflow). One
// browser serves both sites, two tabs share the pages, and each page
// loads axe once, as a script of the site's origin that the browser
// compiles once.
func TestAccessibility(t *testing.T) {
	exe := browsertest.Chromium(t)
	sum := sha256.Sum256([]byte(axeSource))
	if got := hex.EncodeToString(sum[:]); got != axeSHA256 {
		t.Fatalf("testdata/axe/axe.min.js has SHA-256 %s, want %s", got, axeSHA256)
	}
	browserCtx := browsertest.Start(t, exe)

	example := filepath.Join(t.TempDir(), "example")
	if _, err := build.New(build.Config{SourceDir: "../../..", DestDir: example, DefaultTheme: themes.Default()}).Build(t.Context()); err != nil {
		t.Fatalf("build the example handbook: %v", err)
	}
	src := t.TempDir()
	// 20 source pages make a site of 67 pages: sections, tags and lists.
	if err := corpus.Generate(src, 20, 1); err != nil {
		t.Fatal(err)
	}
	generated := filepath.Join(t.TempDir(), "generated")
	if _, err := build.New(build.Config{SourceDir: src, DestDir: generated, DefaultTheme: themes.Default()}).Build(t.Context()); err != nil {
		t.Fatalf("build the generated handbook: %v", err)
	}

	for _, site := range []struct{ name, dir string }{{"Example", example}, {"Generated", generated}} {
		t.Run(site.name, func(t *testing.T) {
			base := serveWithAxe(t, site.dir)
			pages := browsertest.HTMLPages(t, site.dir)
			start := time.Now()
			found := sweep(t, browserCtx, base, pages)
			t.Logf("%d pages checked in %s", len(pages), time.Since(start).Round(time.Millisecond))
			for _, p := range pages {
				for _, v := range found[p] {
					t.Errorf("%s: %s", p, v)
				}
			}
		})
	}
}

// axePath is where serveWithAxe serves axe, so that pages load it as a
// script of their own origin (which the Content Security Policy allows)
// and the browser compiles it once for all of them.
const (
	axePath = "/.playbook-test/axe.min.js"
	axeLoad = `new Promise((ok, fail) => {
		const s = document.createElement("script");
		s.src = "` + axePath + `";
		s.onload = ok;
		s.onerror = () => fail(new Error("cannot load axe"));
		document.head.appendChild(s);
	})`
)

// serveWithAxe serves a built site like browsertest.ServeDir, and axe at
// axePath.
func serveWithAxe(t *testing.T, dir string) string {
	t.Helper()
	return browsertest.ServeDir(t, dir, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != axePath {
			return false
		}
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Cache-Control", "max-age=3600")
		_, _ = io.WriteString(w, axeSource)
		return true
	})
}

// sweep visits each page in two tabs and returns, per page, what axe and
// the overflow check found.
func sweep(t *testing.T, browserCtx context.Context, base string, pages []string) map[string][]string {
	found := map[string][]string{}
	var mu sync.Mutex
	next := make(chan string)
	var wg sync.WaitGroup
	for range 2 { // the machines that run the tests have two cores
		tab, closeTab, err := openTab(t, browserCtx)
		if err != nil {
			t.Fatalf("open tab: %v", err)
		}
		wg.Go(func() {
			for p := range next {
				v, hung := watched(tab, base+p)
				if hung {
					// The tab stopped answering (seen once on a machine
					// that other work kept busy): the page is tried again
					// in a new tab, and a second hang is reported.
					closeTab()
					if tab, closeTab, err = openTab(t, browserCtx); err != nil {
						v = []string{"check failed: open a new tab: " + err.Error()}
					} else if v, hung = watched(tab, base+p); hung {
						v = []string{"check failed: the tab did not answer twice in a row"}
					}
				}
				mu.Lock()
				found[p] = v
				mu.Unlock()
			}
		})
	}
	for _, p := range pages {
		next <- p
	}
	close(next)
	wg.Wait()
	return found
}

// openTab opens a tab in the shared browser; the test's cleanup closes it
// if closeTab has not.
func openTab(t *testing.T, browserCtx context.Context) (tab context.Context, closeTab context.CancelFunc, err error) {
	tab, closeTab = chromedp.NewContext(browserCtx)
	t.Cleanup(closeTab)
	return tab, closeTab, chromedp.Do(tab)
}

// pageLimit bounds checkPage, whose own deadline is a minute, in case a
// tab that no longer answers does not end it.
const pageLimit = 2 * time.Minute

// watched runs checkPage on the page at u and returns what it found, or
// that it did not return within pageLimit.
func watched(ctx context.Context, u string) (found []string, hung bool) {
	done := make(chan []string, 1)
	go func() {
		v, err := checkPage(ctx, u)
		if err != nil {
			v = append(v, "check failed: "+err.Error())
		}
		done <- v
	}()
	select {
	case v := <-done:
		return v, false
	case <-time.After(pageLimit):
		return nil, true
	}
}

// checkPage loads a page, injects axe and runs it on each screen and
// colour scheme, then measures the page at the narrowest width.
func checkPage(ctx context.Context, u string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var out []string
	setScreen := func(width int64, mobile bool) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: width, Height: 800, DeviceScaleFactor: 1, Mobile: mobile,
			})
			return err
		})
	}
	setScheme := func(scheme string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		})
	}
	// The diagrams of a page are drawn, in the scheme in force, before
	// axe looks at them.
	drawn := func(scheme string) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[any](diagramsDrawnJS(scheme), chromedp.EvalAwaitPromise))
		return err
	}
	if err := chromedp.Do(ctx, setScreen(1280, false), setScheme("light"), chromedp.Navigate(u), chromedp.WaitReady("body")); err != nil {
		return nil, err
	}
	if err := drawn("light"); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axeLoad+".then(() => {"+axeSetup+"; return 0})", chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("inject axe: %w", err)
	}
	seen := map[string]bool{}
	for _, sc := range axeScreens {
		for _, scheme := range axeSchemes {
			if err := chromedp.Do(ctx, setScreen(sc.width, sc.mobile), setScheme(scheme)); err != nil {
				return out, err
			}
			if err := drawn(scheme); err != nil {
				return out, err
			}
			// Light mode gets every rule, at each width (the layout
			// shows and hides elements); dark mode the colour rules.
			run := axeAll
			if scheme != "light" {
				run = axeColour
			}
			vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](run, chromedp.EvalAwaitPromise))
			if err != nil {
				return out, fmt.Errorf("axe at %s px, %s: %w", sc.name, scheme, err)
			}
			for _, v := range vs {
				key := v + " [" + sc.name + " " + scheme + "]"
				if !seen[v] {
					seen[v] = true
					out = append(out, key)
				}
			}
		}
	}
	if err := chromedp.Do(ctx, setScreen(narrowest, true), setScheme("light")); err != nil {
		return out, err
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[string](overflowJS))
	if err != nil {
		return out, err
	}
	if wide != "" {
		out = append(out, fmt.Sprintf("overflow at %d px: %s", narrowest, wide))
	}
	return out, nil
}

// diagramsDrawnJS waits until the page's diagrams, if it has any, are
// drawn for the colour scheme, as js/diagrams.js says on the root element,
// or for 20 s; it fails after that.
func diagramsDrawnJS(scheme string) string {
	return `new Promise((ok, fail) => {
		const until = Date.now() + 20000;
		const check = () => {
			if (!document.querySelector("pre.mermaid") || document.documentElement.dataset.diagrams === ` + browsertest.JSString(scheme) + `) return ok(0);
			if (Date.now() > until) return fail(new Error("the diagrams were not drawn for ` + scheme + ` in 20 s"));
			setTimeout(check, 50);
		};
		check();
	})`
}

// overflowJS names what makes the page wider than the screen, or returns
// "" when the page fits.
var overflowJS = fmt.Sprintf(`(() => {
	const w = %d;
	const de = document.documentElement;
	if (de.scrollWidth <= w && de.scrollWidth <= innerWidth) return "";
	const wide = [...document.querySelectorAll("body *")].filter(e => {
		const r = e.getBoundingClientRect();
		return r.width > 0 && r.right > w + 1;
	}).slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : "") + " (" + Math.round(e.getBoundingClientRect().right) + "px)");
	return "scrollWidth " + de.scrollWidth + ", innerWidth " + innerWidth + ": " + wide.join(", ");
})()`, narrowest)
