package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
	"github.com/playbookhq/playbook/themes"
)

// The pages the tests visit, and the checklist they use: the onboarding
// list of the customer service team, which the support agent's role page
// repeats.
const (
	teamPage     = "/teams/customer-service/"
	teamSource   = "/teams/customer-service/index.md"
	rolePage     = "/roles/support-agent/"
	svTeamPage   = "/sv/teams/customer-service/"
	teamList     = ".prose .checklist"
	stepTimeout  = 20 * time.Second
	storePrefix  = "playbook:"
	firstItem    = "Hiring manager: order the laptop, headset and Zendesk, order admin and carrier portal accounts"
	linkedRole   = "Customer service lead: review ten of your tickets with you at the end of week two"
	teamListSize = 9
)

// TestTheme builds the example handbook, serves it and checks the theme's
// behaviour in one shared Chromium, one tab per subtest.
func TestTheme(t *testing.T) {
	exe := browsertest.Chromium(t)
	base := serveSite(t)
	browserCtx := browsertest.Start(t, exe)
	// fresh opens a tab with no checklist ticks stored for the site.
	fresh := func(t *testing.T) *tab {
		tab := openTab(t, browserCtx)
		tab.call(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: base, StorageTypes: "local_storage"})
			return err
		})
		return tab
	}

	t.Run("ChecklistKeepsTicks", func(t *testing.T) {
		tab := fresh(t)
		tab.visit(base + teamPage)
		tab.waitVisible(teamList)
		if got := tab.text(teamList + " .checklist-progress"); got != fmt.Sprintf("0 of %d", teamListSize) {
			t.Fatalf("progress before ticking = %q, want %q", got, fmt.Sprintf("0 of %d", teamListSize))
		}
		ids := tab.taskIDs(teamList)
		// Tick by clicking the item's text: its label toggles the box.
		tab.click(teamList + " li:nth-child(1) .task-text")
		tab.click(teamList + " li:nth-child(3) > input.task-box")
		tab.click(teamList + " li:nth-child(4) > input.task-box")
		if got := tab.text(teamList + " .checklist-progress"); got != fmt.Sprintf("3 of %d", teamListSize) {
			t.Errorf("progress after three ticks = %q", got)
		}
		for _, i := range []int{0, 2, 3} {
			key := storePrefix + teamSource + "#" + ids[i]
			if v := tab.storage(key); v != "1" {
				t.Errorf("localStorage[%q] = %q, want \"1\"", key, v)
			}
		}
		// Untick one again: back to the author's state, so the key goes.
		tab.click(teamList + " li:nth-child(4) > input.task-box")
		if v := tab.storage(storePrefix + teamSource + "#" + ids[3]); v != "" {
			t.Errorf("an unticked item keeps its key: %q", v)
		}

		tab.reload()
		tab.waitVisible(teamList)
		if got := tab.checked(teamList); got != "1,0,1,0,0,0,0,0,0" {
			t.Errorf("ticks after reload = %s, want 1,0,1,0,0,0,0,0,0", got)
		}
		if got := tab.text(teamList + " .checklist-progress"); got != fmt.Sprintf("2 of %d", teamListSize) {
			t.Errorf("progress after reload = %q", got)
		}

		// A later visit, in another tab, finds them too.
		other := openTab(t, browserCtx)
		other.visit(base + teamPage)
		other.waitVisible(teamList)
		if got := other.checked(teamList); got != "1,0,1,0,0,0,0,0,0" {
			t.Errorf("ticks in a new tab = %s", got)
		}

		// The checklist index counts them.
		other.visit(base + "/checklists/")
		other.waitVisible(".checklist-index")
		cell := fmt.Sprintf(`[data-checklist-page=%q] .checklist-index-progress`, teamSource)
		if got := other.text(cell); got != fmt.Sprintf("2 of %d", teamListSize) {
			t.Errorf("checklist index shows %q for the team's list", got)
		}
	})

	t.Run("ResetAndUndo", func(t *testing.T) {
		tab := fresh(t)
		tab.visit(base + teamPage)
		tab.waitVisible(teamList)
		reset := teamList + ` [data-action="reset"]`
		if !evalAs[bool](tab, `document.querySelector('`+reset+`').disabled`) {
			t.Errorf("reset is enabled on an untouched list")
		}
		tab.click(teamList + " li:nth-child(2) > input.task-box")
		tab.click(teamList + " li:nth-child(5) > input.task-box")
		tab.click(reset)
		if got := tab.checked(teamList); strings.Contains(got, "1") {
			t.Errorf("ticks after reset = %s", got)
		}
		if n := tab.storageCount(); n != 0 {
			t.Errorf("%d checklist keys left after reset", n)
		}
		if got := tab.text(reset); got != "Undo" {
			t.Errorf("reset button reads %q after a reset, want Undo", got)
		}
		tab.click(reset)
		if got := tab.checked(teamList); got != "0,1,0,0,1,0,0,0,0" {
			t.Errorf("ticks after undo = %s", got)
		}
		if got := tab.text(reset); got != "Reset" {
			t.Errorf("reset button reads %q after undo", got)
		}
		tab.click(reset)
		tab.reload()
		tab.waitVisible(teamList)
		if got := tab.checked(teamList); strings.Contains(got, "1") {
			t.Errorf("reset did not last: %s", got)
		}
	})

	t.Run("CopyAsMarkdown", func(t *testing.T) {
		tab := fresh(t)
		grantClipboard(t, tab, base)
		tab.visit(base + teamPage)
		tab.waitVisible(teamList)
		tab.click(teamList + " li:nth-child(1) > input.task-box")
		copyButton := teamList + ` [data-action="copy"]`
		tab.click(copyButton)
		tab.waitVisible(copyButton + ".is-copied")
		if got := tab.text(copyButton); got != "Copied" {
			t.Errorf("copy button reads %q after copying, want Copied", got)
		}
		clip := evalAs[string](tab, `navigator.clipboard.readText()`)
		stored := evalAs[string](tab, `document.querySelector('`+copyButton+`').getAttribute("data-markdown")`)
		if clip != stored {
			t.Errorf("clipboard holds %q, the button copied %q", clip, stored)
		}
		lines := strings.Split(strings.TrimSuffix(clip, "\n"), "\n")
		if len(lines) != teamListSize {
			t.Fatalf("copied %d lines, want %d:\n%s", len(lines), teamListSize, clip)
		}
		if want := "- [x] " + firstItem; lines[0] != want {
			t.Errorf("first line = %q, want %q", lines[0], want)
		}
		if want := "- [ ] " + linkedRole; !containsLine(lines, want) {
			t.Errorf("no line %q in\n%s", want, clip)
		}
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "- [ ] ") {
				t.Errorf("unticked item copied as %q", l)
			}
		}
	})

	t.Run("RolePageSharesTicks", func(t *testing.T) {
		tab := fresh(t)
		tab.visit(base + rolePage)
		group := fmt.Sprintf(`.combined-onboarding [data-checklist-page=%q] .checklist`, teamSource)
		tab.waitVisible(group)
		if got := tab.text(group + " .checklist-progress"); got != fmt.Sprintf("0 of %d", teamListSize) {
			t.Fatalf("role page: progress of the team's list = %q", got)
		}
		tab.click(group + " li:nth-child(5) > input.task-box")
		// The role's own checklist is keyed by the role's page.
		own := tab.taskIDs(".prose .checklist")
		tab.click(".prose .checklist li:nth-child(1) > input.task-box")
		if v := tab.storage(storePrefix + "/roles/support-agent.md#" + own[0]); v != "1" {
			t.Errorf("role's own item stored as %q", v)
		}

		tab.visit(base + teamPage)
		tab.waitVisible(teamList)
		if got := tab.checked(teamList); got != "0,0,0,0,1,0,0,0,0" {
			t.Errorf("team page after ticking on the role page = %s", got)
		}
		tab.click(teamList + " li:nth-child(9) > input.task-box")

		tab.visit(base + rolePage)
		tab.waitVisible(group)
		if got := tab.checked(group); got != "0,0,0,0,1,0,0,0,1" {
			t.Errorf("role page after ticking on the team page = %s", got)
		}
	})

	t.Run("Translated", func(t *testing.T) {
		tab := fresh(t)
		tab.visit(base + svTeamPage)
		tab.waitVisible(teamList)
		n := tab.count(teamList + " input.task-box")
		if got, want := tab.text(teamList+" .checklist-progress"), fmt.Sprintf("0 av %d", n); got != want {
			t.Errorf("Swedish progress = %q, want %q", got, want)
		}
		if got := tab.text(teamList + ` [data-action="copy"]`); got != "Kopiera som Markdown" {
			t.Errorf("Swedish copy button = %q", got)
		}
	})

	t.Run("WithoutJavaScript", func(t *testing.T) {
		tab := fresh(t)
		tab.call(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		})
		tab.visit(base + teamPage)
		tab.waitVisible(".prose input.task-box")
		if n := tab.count(".prose input.task-box"); n < teamListSize {
			t.Errorf("%d checkboxes without JavaScript", n)
		}
		if n := tab.count("button:not([hidden])"); n != 0 {
			t.Errorf("%d buttons without JavaScript; they would do nothing", n)
		}
	})

	t.Run("Print", func(t *testing.T) {
		tab := fresh(t)
		tab.visit(base + teamPage)
		tab.waitVisible(teamList)
		tab.click(teamList + " li:nth-child(2) > input.task-box")
		tab.media("print", nil)
		visible := `getComputedStyle(document.querySelector('` + teamList + ` li:nth-child(2) > input.task-box')).display !== "none"`
		if !evalAs[bool](tab, visible) {
			t.Errorf("checkboxes are hidden in print")
		}
		if !evalAs[bool](tab, `document.querySelector('`+teamList+` li:nth-child(2) > input.task-box').checked`) {
			t.Errorf("the tick is gone in print")
		}
		if got := evalAs[string](tab, `getComputedStyle(document.querySelector('`+teamList+` .checklist-actions')).display`); got != "none" {
			t.Errorf("checklist buttons print (display %s)", got)
		}
	})

	t.Run("PhoneLayout", func(t *testing.T) {
		tab := fresh(t)
		tab.run(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		for _, p := range []string{"/", teamPage, rolePage, "/roles/", "/checklists/", svTeamPage} {
			tab.visit(base + p)
			tab.waitVisible("main")
			if w := evalAs[int](tab, `document.documentElement.scrollWidth`); w > 390 {
				t.Errorf("%s is %dpx wide on a 390px phone screen", p, w)
			}
		}
		// The checklist's buttons fit beside each other under its progress.
		tab.visit(base + teamPage)
		tab.waitVisible(teamList)
		right := evalAs[float64](tab, `document.querySelector('`+teamList+` [data-action="reset"]').getBoundingClientRect().right`)
		edge := evalAs[float64](tab, `document.querySelector('`+teamList+`').getBoundingClientRect().right`)
		if right > edge {
			t.Errorf("reset button ends at %.0fpx, outside its checklist (%.0fpx)", right, edge)
		}
	})

	t.Run("NoConsoleErrors", func(t *testing.T) {
		tab := fresh(t)
		for _, p := range []string{"/", teamPage, rolePage, "/roles/", "/checklists/", "/tags/", "/sv/", svTeamPage} {
			tab.visit(base + p)
			tab.waitVisible("main")
			tab.run(chromedp.Sleep(100 * time.Millisecond)) // errors from deferred work
			for _, e := range tab.takeErrors() {
				t.Errorf("%s: %s", p, e)
			}
		}
	})

	t.Run("Screenshots", func(t *testing.T) {
		dir := artifactDir(t)
		for _, scheme := range []string{"light", "dark"} {
			t.Run(scheme, func(t *testing.T) {
				t.Parallel() // the two tabs render at the same time
				shoot(t, fresh(t), base, dir, scheme)
			})
		}
	})
}

// shoot saves full-page screenshots of the home, team and role pages in
// one colour scheme to dir.
func shoot(t *testing.T, tab *tab, base, dir, scheme string) {
	tab.media("", []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}})
	for _, p := range []struct{ name, path string }{
		{"home", "/"}, {"team", teamPage}, {"role", rolePage},
	} {
		tab.visit(base + p.path)
		tab.waitVisible("main")
		if got := evalAs[bool](tab, `matchMedia("(prefers-color-scheme: dark)").matches`); got != (scheme == "dark") {
			t.Errorf("%s: prefers-color-scheme dark = %v", p.path, got)
		}
		png, err := chromedp.Run(tab.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot of %s: %v", p.path, err)
		}
		name := filepath.Join(dir, p.name+"-"+scheme+".png")
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d KB)", name, len(png)/1024)
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

// serveSite builds the example handbook and serves it on 127.0.0.1 with the
// Content Security Policy of the preview server, which allows no inline
// script or style: a site that publishes the theme can send it.
func serveSite(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	b := build.New(build.Config{SourceDir: "../..", DestDir: dest, DefaultTheme: themes.Default()})
	if _, err := b.Build(t.Context()); err != nil {
		t.Fatalf("build the example handbook: %v", err)
	}
	return browsertest.ServeDir(t, dest, nil)
}

// serveFiles builds a site of the given content files (slash-separated
// paths under content/) with the default theme and serves it as browsertest.ServeDir
// does.
func serveFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	site := map[string]string{}
	for name, text := range files {
		site["content/"+name] = text
	}
	return serveSiteFiles(t, site)
}

// serveSiteFiles is serveFiles with the files' paths given from the site
// folder, for a site with a playbook.toml.
func serveSiteFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	src := t.TempDir()
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	return browsertest.ServeDir(t, dest, nil)
}

// artifactDir is where screenshots go: $PLAYBOOK_ARTIFACTS or a temporary
// folder.
func artifactDir(t *testing.T) string {
	dir := os.Getenv("PLAYBOOK_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tab is one browser tab with the errors its pages reported.
type tab struct {
	t     *testing.T
	ctx   context.Context
	close func()

	mu   sync.Mutex
	errs []string
}

// openTab opens a tab in the shared browser. Tabs share the browser's
// profile and so its localStorage.
func openTab(t *testing.T, browserCtx context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	tb := &tab{t: t, ctx: ctx, close: cancel}
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "exception: " + e.ExceptionDetails.Text
			if ex := e.ExceptionDetails.Exception; ex != nil && ex.Description != "" {
				msg += " " + ex.Description
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type != runtime.ConsoleAPICalledTypeError && e.Type != runtime.ConsoleAPICalledTypeAssert {
				return
			}
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			msg = "console." + string(e.Type) + ": " + strings.Join(parts, " ")
		case *cdplog.EventEntryAdded:
			if e.Entry.Level != cdplog.EntryLevelError {
				return
			}
			msg = string(e.Entry.Source) + ": " + e.Entry.Text
			if e.Entry.URL != "" {
				msg += " (" + e.Entry.URL + ")"
			}
		default:
			return
		}
		tb.mu.Lock()
		tb.errs = append(tb.errs, msg)
		tb.mu.Unlock()
	})
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	// Headless windows are not focused, and the Clipboard API wants focus.
	tb.call(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})
	return tb
}

// takeErrors returns the errors reported since the last call.
func (tb *tab) takeErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	errs := tb.errs
	tb.errs = nil
	return errs
}

// run runs actions with a time limit and fails the test on error.
func (tb *tab) run(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) call(f func(ctx context.Context, tg *chromedp.Target) error) {
	tb.t.Helper()
	tb.run(chromedp.Func(f))
}

// visit loads a page.
func (tb *tab) visit(u string) {
	tb.t.Helper()
	tb.run(chromedp.Navigate(u))
}

func (tb *tab) reload() {
	tb.t.Helper()
	tb.run(chromedp.Reload())
}

func (tb *tab) waitVisible(sel string) {
	tb.t.Helper()
	tb.run(chromedp.WaitVisible(chromedp.CSS(sel)))
}

func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.run(chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// screen sets the tab's viewport to width by height CSS pixels, a
// phone's (Mobile) when it is narrower than 600.
func (tb *tab) screen(width, height int64) {
	tb.t.Helper()
	tb.call(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: height, DeviceScaleFactor: 1, Mobile: width < 600})
		return err
	})
}

func (tb *tab) media(media string, features []*emulation.MediaFeature) {
	tb.t.Helper()
	tb.call(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media, Features: features})
		return err
	})
}

// evalAs evaluates a JavaScript expression, awaiting a promise, and
// decodes its value into a T.
func evalAs[T any](tb *tab, js string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return evalAs[string](tb, `(function(){var e=document.querySelector(`+browsertest.JSString(sel)+`);return e?e.textContent.trim():"(no "+`+browsertest.JSString(sel)+`+")"})()`)
}

func (tb *tab) count(sel string) int {
	tb.t.Helper()
	return evalAs[int](tb, `document.querySelectorAll(`+browsertest.JSString(sel)+`).length`)
}

// checked lists the state of a list's checkboxes as "1,0,…".
func (tb *tab) checked(sel string) string {
	tb.t.Helper()
	return evalAs[string](tb, `Array.from(document.querySelectorAll(`+browsertest.JSString(sel+" input.task-box")+`)).map(function(b){return b.checked?"1":"0"}).join(",")`)
}

func (tb *tab) taskIDs(sel string) []string {
	tb.t.Helper()
	return evalAs[[]string](tb, `Array.from(document.querySelectorAll(`+browsertest.JSString(sel+" input.task-box")+`)).map(function(b){return b.getAttribute("data-task")})`)
}

func (tb *tab) storage(key string) string {
	tb.t.Helper()
	return evalAs[string](tb, `localStorage.getItem(`+browsertest.JSString(key)+`) || ""`)
}

func (tb *tab) storageCount() int {
	tb.t.Helper()
	return evalAs[int](tb, `Object.keys(localStorage).filter(function(k){return k.indexOf(`+browsertest.JSString(storePrefix)+`)===0}).length`)
}

// grantClipboard lets the pages of origin read and write the clipboard.
func grantClipboard(t *testing.T, tab *tab, origin string) {
	t.Helper()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(tab.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name},
			Setting:    browser.PermissionSettingGranted,
			Origin:     origin,
		})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
}

// requestLog holds the URLs of the requests a tab made.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

// logRequests records every request the tab makes from now on.
func logRequests(t *testing.T, tb *tab) *requestLog {
	t.Helper()
	l := &requestLog{}
	// chromedp enables the network domain in every tab.
	if err := chromedp.Listen(tb.ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			l.mu.Lock()
			l.urls = append(l.urls, e.Request.URL)
			l.mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	return l
}

// since returns the URLs requested from the n-th on, and how many there
// are in all.
func (l *requestLog) since(n int) ([]string, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.urls[n:]), len(l.urls)
}

// checkLocal reports each request to a host other than base's, and a
// library (a path that ends with lib) that was not loaded from the site.
func (l *requestLog) checkLocal(t *testing.T, base, lib string) {
	t.Helper()
	urls, _ := l.since(0)
	host, _ := url.Parse(base)
	loaded := false
	for _, r := range urls {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && u.Host != host.Host) {
			t.Errorf("request to another host: %s", r)
			continue
		}
		loaded = loaded || strings.HasSuffix(u.Path, lib)
	}
	if !loaded {
		t.Errorf("%s was not loaded from the site; requests: %v", lib, urls)
	}
}
