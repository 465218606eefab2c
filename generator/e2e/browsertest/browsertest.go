// Package browsertest holds what the browser test packages under
// generator/e2e share: finding Chromium, starting it, serving a built site
// with the preview server's Content Security Policy, and listing a site's
// pages. The tests live in more than one package so that each stays well
// inside go test's time limit for a package.
package browsertest

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/generator/serve"
)

// Chromium finds the browser, or skips the test: unless
// PLAYBOOK_BROWSER_TESTS=1, when a missing browser is a failure.
func Chromium(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "no browser: looked for /usr/bin/chromium, and chromium, chromium-browser and google-chrome in PATH"
	if os.Getenv("PLAYBOOK_BROWSER_TESTS") == "1" {
		t.Fatal(msg + " (PLAYBOOK_BROWSER_TESTS=1 requires the browser tests)")
	}
	t.Skip(msg + "; install chromium to run the browser tests")
	return ""
}

// Start starts one headless Chromium for all of a test's subtests and
// returns its context; the test's cleanup stops it. A Chromium that exits
// before it answers is started again, twice at most: on a loaded machine
// (the browser test packages run beside each other) one now and then
// exits at start, before the page under test is ever loaded. The options
// in extra come after the shared ones, and so win where they differ.
func Start(t testing.TB, exe string, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	var err error
	for range 3 {
		var ctx context.Context
		if ctx, err = start(t, exe, extra); err == nil {
			return ctx
		}
	}
	t.Fatalf("start %s: %v", exe, err)
	return nil
}

// start starts one headless Chromium; the test's cleanup stops it.
func start(t testing.TB, exe string, extra []chromedp.ExecAllocatorOption) (context.Context, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 900),
	)
	opts = append(opts, extra...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	timeout, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	err := errors.New("no answer in 30s")
	select {
	case err = <-done:
	case <-timeout.Done():
	}
	if err != nil {
		cancel()
		cancelAlloc()
	}
	return ctx, err
}

// ServeDir serves a built site on 127.0.0.1 with the preview server's
// Content Security Policy (PolicyFor a page), and returns its URL. extra,
// when not nil, answers a request first and reports whether it did.
func ServeDir(t testing.TB, dir string, extra func(http.ResponseWriter, *http.Request) bool) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", PolicyFor(dir, r))
		if extra != nil && extra(w, r) {
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// PolicyFor returns the preview's Content Security Policy for a request
// to the site built in dir: serve.PolicyFor the page it asks for.
func PolicyFor(dir string, r *http.Request) string {
	name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
	if strings.HasSuffix(r.URL.Path, "/") {
		name = filepath.Join(name, "index.html")
	}
	if page, err := os.ReadFile(name); err == nil && strings.HasSuffix(name, ".html") {
		return serve.PolicyFor(page)
	}
	return serve.ContentSecurityPolicy
}

// JSString quotes s as a JavaScript string literal.
func JSString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}

// HTMLPages lists the URL paths of a built site's pages, sorted, leaving
// out alias pages that only redirect.
func HTMLPages(t testing.TB, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = "/" + filepath.ToSlash(rel)
		if strings.HasSuffix(rel, "/index.html") {
			rel = strings.TrimSuffix(rel, "index.html")
		}
		if strings.HasPrefix(rel, "/404") || !isRedirect(p) {
			pages = append(pages, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	return pages
}

// isRedirect tells whether a built file is an alias page that only
// redirects: its first kilobyte holds a refresh.
func isRedirect(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 1024)
	n, _ := io.ReadFull(f, buf)
	return strings.Contains(string(buf[:n]), `http-equiv="refresh"`)
}
