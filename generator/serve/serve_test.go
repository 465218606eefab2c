package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// fixedSite is a built site for the file-serving tests.
var fixedSite = map[string][]byte{
	"index.html":           []byte("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Home</title></head><body>Home</body></html>"),
	"teams/it/index.html":  []byte("<!DOCTYPE html><HTML><HEAD lang=x><title>IT</title></HEAD><body>IT</body></HTML>"),
	"404.html":             []byte("<!DOCTYPE html><html><head><title>Not found</title></head><body>Custom 404</body></html>"),
	"assets/css/style.css": []byte("body{color:red}"),
	"assets/js/theme.js":   []byte("console.log(1)"),
	"teams/it/plan.svg":    []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
	"flow/index.html":      []byte("<!DOCTYPE html><html><head><title>Flow</title></head><body><pre class=\"mermaid\">flowchart LR\n  A --&gt; B</pre></body></html>"),
	"data.json":            []byte(`{"a":1}`),
}

// memSite returns an in-memory site that holds files.
func memSite(tb testing.TB, files map[string][]byte) *output.Mem {
	tb.Helper()
	mem := output.NewMem()
	c := mem.NewCollector()
	for name, data := range files {
		if err := c.WriteFile(name, data); err != nil {
			tb.Fatal(err)
		}
	}
	mem.Publish(c)
	return mem
}

// newFixedServer serves fixedSite without building anything.
func newFixedServer(t *testing.T, base string) (*Server, *httptest.Server) {
	t.Helper()
	mem := memSite(t, fixedSite)
	s := New(build.NewSession(build.Config{SourceDir: t.TempDir()}, mem))
	s.live.base = base
	s.Start(t.Context())
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

// rawGet sends path as written, without the client cleaning it.
func rawGet(t *testing.T, addr, method, path string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, path, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

func TestServeFiles(t *testing.T) {
	_, ts := newFixedServer(t, "")
	addr := strings.TrimPrefix(ts.URL, "http://")
	tests := []struct {
		method, path string
		status       int
		ctype        string
		body         string // a substring
		script       bool
		location     string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "<head><script src=\"/_playbook/live.js\"", true, ""},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "Home", true, ""},
		{"GET", "/teams/it/", 200, "text/html; charset=utf-8", `<HEAD lang=x><script src="/_playbook/live.js"`, true, ""},
		{"GET", "/teams/it", 301, "", "", false, "/teams/it/"},
		{"GET", "/teams/it?x=1", 301, "", "", false, "/teams/it/?x=1"},
		{"GET", "/assets/css/style.css", 200, "text/css; charset=utf-8", "body{color:red}", false, ""},
		{"GET", "/assets/js/theme.js", 200, "text/javascript; charset=utf-8", "console.log", false, ""},
		{"GET", "/teams/it/plan.svg", 200, "image/svg+xml", "<svg", false, ""},
		{"GET", "/data.json", 200, "application/json", `{"a":1}`, false, ""},
		{"HEAD", "/", 200, "text/html; charset=utf-8", "", false, ""},
		{"POST", "/", 405, "", "", false, ""},
		{"GET", "/nope", 404, "text/html; charset=utf-8", "Custom 404", true, ""},
		{"GET", "/teams/", 404, "text/html; charset=utf-8", "Custom 404", true, ""}, // no listings
		{"GET", "/_playbook/live.js", 200, "text/javascript; charset=utf-8", "EventSource", false, ""},
		{"GET", "/_playbook/worker.js", 200, "text/javascript; charset=utf-8", "SharedWorker", false, ""},
		{"GET", "/_playbook/live.css", 200, "text/css; charset=utf-8", "#playbook-live-errors", false, ""},
		{"GET", "/_playbook/nope.js", 404, "text/html; charset=utf-8", "Custom 404", true, ""},
		// What must never leave the site.
		{"GET", "/../etc/passwd", 404, "", "Custom 404", true, ""},
		{"GET", "/%2e%2e/etc/passwd", 404, "", "Custom 404", true, ""},
		{"GET", "/teams/%2E%2E/%2e%2e/etc/passwd", 404, "", "Custom 404", true, ""},
		{"GET", "/teams/..%2f..%2fetc%2fpasswd", 404, "", "Custom 404", true, ""},
		{"GET", "/teams\\..\\index.html", 404, "", "Custom 404", true, ""},
		{"GET", "/teams%5c..%5cindex.html", 404, "", "Custom 404", true, ""},
		{"GET", "//etc/passwd", 404, "", "Custom 404", true, ""},
		{"GET", "/./index.html", 404, "", "Custom 404", true, ""},
		{"GET", "/.git/config", 404, "", "Custom 404", true, ""},
		{"GET", "/%00", 404, "", "Custom 404", true, ""},
		{"GET", "/_playbook/../index.html", 404, "", "Custom 404", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			resp, body := rawGet(t, addr, tt.method, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (body %.200q)", resp.StatusCode, tt.status, body)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tt.ctype)
			}
			if !strings.Contains(body, tt.body) {
				t.Errorf("body %.300q lacks %q", body, tt.body)
			}
			if got := strings.Contains(body, "/_playbook/live.js"); got != tt.script {
				t.Errorf("script injected: %v, want %v", got, tt.script)
			}
			if tt.script && strings.Count(body, "<script") != 1 {
				t.Errorf("want exactly one script: %q", body)
			}
			if tt.location != "" && resp.Header.Get("Location") != tt.location {
				t.Errorf("Location %q, want %q", resp.Header.Get("Location"), tt.location)
			}
			if resp.StatusCode == 200 && resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q", resp.Header.Get("Cache-Control"))
			}
			if strings.Contains(body, "root:") {
				t.Error("served a file from outside the site")
			}
		})
	}
}

// TestSecurityHeaders checks that every answer of the preview carries the
// Content Security Policy and nosniff: pages, files, the preview's own
// script, redirects, errors, the event stream and the placeholder shown
// while the site does not build. A page with a diagram allows inline
// style, and only that (DiagramPolicy).
func TestSecurityHeaders(t *testing.T) {
	check := func(t *testing.T, what string, resp *http.Response, status int) {
		t.Helper()
		if resp.StatusCode != status {
			t.Errorf("%s: status %d, want %d", what, resp.StatusCode, status)
		}
		want := ContentSecurityPolicy
		if strings.Contains(what, "/flow/") {
			want = DiagramPolicy
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != want {
			t.Errorf("%s: Content-Security-Policy %q, want %q", what, got, want)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", what, got)
		}
	}
	for _, base := range []string{"", "/docs"} {
		_, ts := newFixedServer(t, base)
		addr := strings.TrimPrefix(ts.URL, "http://")
		for _, tt := range []struct {
			method, path string
			status       int
		}{
			{"GET", "/", 200},
			{"HEAD", "/", 200},
			{"GET", "/teams/it/", 200},
			{"GET", "/flow/", 200},
			{"GET", "/assets/css/style.css", 200},
			{"GET", "/assets/js/theme.js", 200},
			{"GET", "/teams/it/plan.svg", 200},
			{"GET", "/data.json", 200},
			{"GET", "/teams/it", 301},
			{"POST", "/", 405},
			{"GET", "/nope", 404},
			{"GET", "/../etc/passwd", 404},
			{"GET", "/_playbook/live.js", 200},
			{"GET", "/_playbook/worker.js", 200},
			{"GET", "/_playbook/live.css", 200},
			{"GET", "/_playbook/nope.js", 404},
		} {
			path, status := base+tt.path, tt.status
			if base != "" && tt.path == "/" && tt.method != "POST" {
				path, status = "/", 302
			}
			resp, _ := rawGet(t, addr, tt.method, path)
			check(t, tt.method+" "+path, resp, status)
		}
		// The event stream: the headers come with the first event.
		ctx, cancel := context.WithCancel(t.Context())
		req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+base+"/_playbook/events", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		check(t, "GET "+base+"/_playbook/events", resp, 200)
		cancel()
		resp.Body.Close()
	}

	// Before the first build, and when it failed: the placeholder page; and
	// events once the server is shutting down.
	s := New(build.NewSession(build.Config{SourceDir: t.TempDir()}, output.NewMem()))
	stopped, stop := context.WithCancel(t.Context())
	stop()
	s.Start(stopped)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	addr := strings.TrimPrefix(ts.URL, "http://")
	resp, _ := rawGet(t, addr, "GET", "/")
	check(t, "building", resp, 503)
	s.mu.Lock()
	s.live.errors = []problem{{Pos: "content/a.md:1:1", Msg: "<script>alert(1)</script>"}}
	s.mu.Unlock()
	resp, _ = rawGet(t, addr, "GET", "/guide/")
	check(t, "broken", resp, 503)
	waitUntil(t, 10*time.Second, "the hub to stop", func() bool { return s.hub.clients() == -1 })
	resp, _ = rawGet(t, addr, "GET", "/_playbook/events")
	check(t, "events after shutdown", resp, 503)
}

func TestServeBasePath(t *testing.T) {
	_, ts := newFixedServer(t, "/docs")
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, tt := range []struct {
		path     string
		status   int
		location string
		body     string
	}{
		{"/", 302, "/docs/", ""},
		{"/docs", 302, "/docs/", ""},
		{"/docs/", 200, "", `<script src="/docs/_playbook/live.js"`},
		{"/docs/teams/it", 301, "/docs/teams/it/", ""},
		{"/index.html", 404, "", "Custom 404"},
		{"/docs/_playbook/live.js", 200, "", "EventSource"},
	} {
		resp, body := rawGet(t, addr, "GET", tt.path)
		if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location || !strings.Contains(body, tt.body) {
			t.Errorf("%s: %d %q %.100q", tt.path, resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
}

func TestInject(t *testing.T) {
	const tag = `<script src="/_playbook/live.js" data-gen="g" data-css="c" defer></script>`
	for _, tt := range []struct{ in, want string }{
		{"<html><head><title>x</title></head></html>", "<html><head>" + tag + "<title>x</title></head></html>"},
		{"<!DOCTYPE html>\n<HTML>\n<Head\n  data-x=\"1\">x", "<!DOCTYPE html>\n<HTML>\n<Head\n  data-x=\"1\">" + tag + "x"},
		{"<html><header>x</header><head>y", "<html><header>x</header><head>" + tag + "y"},
		{"<html lang=en><body>x", "<html lang=en>" + tag + "<body>x"},
		{"<!doctype html><p>x", "<!doctype html>" + tag + "<p>x"},
		{"plain", tag + "plain"},
		// Characters whose lower case is longer or shorter in UTF-8, and
		// invalid bytes, before the tag.
		{"<!-- \xff\xff --><html><head><title>x", "<!-- \xff\xff --><html><head>" + tag + "<title>x"},
		{"<html lang=tr><!-- İİ ȺȺ \u212a --><HEAD><title>x", "<html lang=tr><!-- İİ ȺȺ \u212a --><HEAD>" + tag + "<title>x"},
		{"<html><headx><head\t>", "<html><headx><head\t>" + tag},
	} {
		if got := string(inject([]byte(tt.in), "", "g", "c")); got != tt.want {
			t.Errorf("inject(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
		}
	}
}

func TestSiteName(t *testing.T) {
	for _, tt := range []struct {
		base, path, name string
		dir, ok          bool
	}{
		{"", "/", "index.html", true, true},
		{"", "/a/b/", "a/b/index.html", true, true},
		{"", "/a/b.css", "a/b.css", false, true},
		{"/docs", "/docs/a/", "a/index.html", true, true},
		{"/docs", "/a/", "", false, false},
		{"/docs", "/docsx/a/", "", false, false},
		{"", "/../x", "", false, false},
		{"", "/a/../x", "", false, false},
		{"", "/a/./x", "", false, false},
		{"", "//x", "", false, false},
		{"", "/a//x", "", false, false},
		{"", "/a\\x", "", false, false},
		{"", "/.env", "", false, false},
		{"", "/a/.git/", "", false, false},
		{"", "/a\x00", "", false, false},
		{"", "x", "", false, false},
	} {
		name, dir, ok := siteName(tt.base, tt.path)
		if name != tt.name || dir != tt.dir || ok != tt.ok {
			t.Errorf("siteName(%q, %q) = %q, %v, %v", tt.base, tt.path, name, dir, ok)
		}
	}
}

// FuzzServePath requests arbitrary paths: the server never panics, answers
// with one of a few statuses, and serves only files of the site, under the
// name a request for exactly that file would use.
func FuzzServePath(f *testing.F) {
	for _, seed := range []string{"/", "/teams/it", "/../etc/passwd", "/%2e%2e/x", "/a\\b", "//x", "/.git/config", "/_playbook/live.js", "/docs/", "/teams/it/plan.svg"} {
		f.Add(seed)
	}
	mem := memSite(f, fixedSite)
	s := New(build.NewSession(build.Config{SourceDir: f.TempDir()}, mem))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Start(ctx)
	h := s.Handler()
	// Requests come with their context already done, so that the event
	// stream, which otherwise lasts as long as its client, ends at once.
	done, stop := context.WithCancel(context.Background())
	stop()
	f.Fuzz(func(t *testing.T, p string) {
		name, dir, ok := siteName("", p)
		if ok {
			segs := strings.Split(name, "/")
			for _, seg := range segs {
				if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") || strings.ContainsAny(seg, "\\\x00") {
					t.Fatalf("siteName(%q) = %q", p, name)
				}
			}
			if dir != (p == "/" || strings.HasSuffix(p, "/")) {
				t.Fatalf("siteName(%q): dir %v", p, dir)
			}
		}
		r := httptest.NewRequestWithContext(done, "GET", "/", nil)
		r.Host = "localhost:1313"
		r.URL.Path = p
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if _, err := assets.ReadFile("assets/" + strings.TrimPrefix(p, "/_playbook/")); err == nil && strings.HasPrefix(p, "/_playbook/") {
			return // the script, worker and stylesheet of the preview
		}
		if p == "/_playbook/events" {
			if ct := w.Header().Get("Content-Type"); w.Code != 200 || ct != "text/event-stream" {
				t.Fatalf("%q: status %d, %q", p, w.Code, ct)
			}
			return
		}
		switch w.Code {
		case 200:
			if !ok {
				t.Fatalf("%q served though it names no file", p)
			}
			want, found := fixedSite[name]
			if !found {
				t.Fatalf("%q served %q, which is not a file of the site", p, name)
			}
			if got := w.Body.String(); !strings.HasSuffix(name, ".html") && got != string(want) {
				t.Fatalf("%q: body %q, want %q", p, got, want)
			}
		case 301, 404:
		default:
			t.Fatalf("%q: status %d", p, w.Code)
		}
	})
}

// TestHubDropsSlowClients checks that a client that stops reading is
// dropped and that the others get every event without waiting for it.
func TestHubDropsSlowClients(t *testing.T) {
	h := newHub()
	go h.Run(t.Context())
	slow, fast := h.add(), h.add()
	const events = 10 * clientBuffer
	for i := range events {
		sent := make(chan struct{})
		go func() {
			h.send(message{"reload", []byte(fmt.Sprint(i))})
			close(sent)
		}()
		select {
		case <-sent:
		case <-time.After(5 * time.Second):
			t.Fatal("a slow client held up the broadcast")
		}
		select {
		case m := <-fast.ch:
			if string(m.data) != fmt.Sprint(i) {
				t.Fatalf("fast client got %q, want %d", m.data, i)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("fast client did not get event %d", i)
		}
	}
	// The slow client's channel was closed after its buffer filled.
	n := 0
	for range slow.ch {
		n++
	}
	if n != clientBuffer {
		t.Errorf("slow client got %d events before being dropped, want %d", n, clientBuffer)
	}
	if c := h.clients(); c != 1 {
		t.Errorf("%d clients left, want 1", c)
	}
	h.remove(fast)
	if _, ok := <-fast.ch; ok {
		t.Error("a removed client's channel is open")
	}
}

// event is one Server-Sent Event as a test reads it.
type event struct {
	name string
	data map[string]any
}

// stream reads the events of /_playbook/events.
func stream(t testing.TB, ctx context.Context, url string) <-chan event {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/_playbook/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	out := make(chan event, 100)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				_ = json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data)
			case line == "":
				if ev.name != "ping" {
					out <- ev
				}
				ev = event{}
			}
		}
	}()
	return out
}

// next waits for an event of one of the names, skipping others.
func next(t *testing.T, events <-chan event, names ...string) event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("stream closed while waiting for %v", names)
			}
			for _, n := range names {
				if ev.name == n {
					return ev
				}
			}
		case <-deadline:
			t.Fatalf("no %v event", names)
		}
	}
}

// reloadShowing returns the reload event after which url serves a page
// with text. A file written in place is emptied before it is written, and
// on a loaded machine the watcher may see the two apart: the first run
// then builds the emptied page, and its reload comes before the one that
// counts. It takes up to three reloads; a reload sent before its page is
// served leaves the old page and no reload after it, and fails.
func reloadShowing(t *testing.T, events <-chan event, url, text string) event {
	t.Helper()
	for range 3 {
		ev := next(t, events, "reload")
		if code, body := get(t, url); code == http.StatusOK && strings.Contains(body, text) {
			return ev
		}
	}
	t.Fatalf("after three reloads, %s does not show %q: the reload event came before the new page was served", url, text)
	return event{}
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// liveSite writes a small site for the serve tests.
func liveSite(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "---\ntitle: Home\n---\nWelcome to [the guide](guide.md).\n")
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: Guide\n---\nFirst version.\n")
	writeFile(t, filepath.Join(dir, "content/other.md"), "---\ntitle: Other\n---\nSee [the guide](guide.md).\n")
	return dir
}

// running is a Server started by Run on a free port.
type running struct {
	s    *Server
	url  string
	stop func() error
	out  *syncBuffer
}

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

func startServer(t *testing.T, dir string, opts ...Option) *running {
	t.Helper()
	return startSession(t, build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, opts...)
}

// startSession is startServer for a site built with cfg.
func startSession(t *testing.T, cfg build.Config, opts ...Option) *running {
	t.Helper()
	ln, _, err := Listen("127.0.0.1", 0, false)
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	b := build.NewSession(cfg, output.NewMem())
	s := New(b, append([]Option{WithOutput(out, out)}, opts...)...)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	r := &running{s: s, url: "http://" + ln.Addr().String(), out: out}
	stopped := false
	r.stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return fmt.Errorf("Run did not return after cancel")
		}
	}
	t.Cleanup(func() {
		if err := r.stop(); err != nil {
			t.Error(err)
		}
	})
	// Once the first build is reported: a page that connects earlier
	// may yet hear of it (the first reload, the warnings), which would
	// confuse a test reading the events of its own edits.
	select {
	case <-s.built:
	case <-time.After(20 * time.Second):
		t.Fatal("the first build took over 20 s")
	}
	return r
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestLiveReload edits, breaks and fixes a served site and follows the
// events an open page gets.
func TestLiveReload(t *testing.T) {
	dir := liveSite(t)
	r := startServer(t, dir)
	if code, body := get(t, r.url+"/guide/"); code != 200 || !strings.Contains(body, "First version.") || !strings.Contains(body, "/_playbook/live.js") {
		t.Fatalf("GET /guide/: %d %.300q", code, body)
	}
	events := stream(t, t.Context(), r.url)
	hello := next(t, events, "hello")
	if hello.data["gen"] == "" || hello.data["errors"] != nil {
		t.Fatalf("hello: %v", hello.data)
	}

	// An edit: the page's reload event arrives once the new page is served.
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: Guide\n---\nSecond version.\n")
	ev := reloadShowing(t, events, r.url+"/guide/", "Second version.")
	if paths := fmt.Sprint(ev.data["paths"]); !strings.Contains(paths, "/guide/") || strings.Contains(paths, "/other/") {
		t.Errorf("reload paths %s", paths)
	}

	// Broken front matter: the errors event, and the last good site stays.
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: [Guide\n---\nThird <version>.\n")
	ev = next(t, events, "errors")
	errs, _ := ev.data["errors"].([]any)
	if len(errs) != 1 || !strings.HasPrefix(fmt.Sprint(errs[0].(map[string]any)["pos"]), "content/guide.md:2:") || errs[0].(map[string]any)["line"] != "title: [Guide" {
		t.Fatalf("errors event: %v", ev.data)
	}
	if _, body := get(t, r.url+"/guide/"); !strings.Contains(body, "Second version.") {
		t.Error("the broken edit replaced the last good page")
	}
	if !strings.Contains(r.out.String(), "content/guide.md:2:") || !strings.Contains(r.out.String(), "still serving the last good version") {
		t.Errorf("terminal output lacks the diagnostics:\n%s", r.out.String())
	}
	// A page opened now learns about the errors on connecting.
	late := stream(t, t.Context(), r.url)
	if h := next(t, late, "hello"); h.data["errors"] == nil {
		t.Errorf("late hello: %v", h.data)
	}

	// Fixed: the errors go and the page reloads.
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: Guide\n---\nThird version.\n")
	ev = next(t, events, "errors")
	if errs, _ := ev.data["errors"].([]any); len(errs) != 0 {
		t.Errorf("errors after the fix: %v", ev.data)
	}
	fixed := reloadShowing(t, events, r.url+"/guide/", "Third version.")

	// A stylesheet alone: swapped, no reload.
	writeFile(t, filepath.Join(dir, "themes/default/assets/css/extra.css"), "body{}")
	next(t, events, "css")
	writeFile(t, filepath.Join(dir, "themes/default/assets/css/extra.css"), "body{color:red}")
	ev = next(t, events, "css", "reload")
	if ev.name != "css" || fmt.Sprint(ev.data["paths"]) != "[/assets/css/extra.css]" {
		t.Errorf("CSS change: %s %v", ev.name, ev.data)
	}
	// A page that connects after it tells the stylesheets changed, not the
	// page: it swaps them instead of reloading.
	if h := next(t, stream(t, t.Context(), r.url), "hello"); h.data["gen"] != fixed.data["gen"] || h.data["css"] != ev.data["css"] || h.data["css"] == h.data["gen"] {
		t.Errorf("hello after a CSS change: %v (last reload %v, css event %v)", h.data, fixed.data, ev.data)
	}
	if _, body := get(t, r.url+"/guide/"); !strings.Contains(body, fmt.Sprintf(`data-gen="%s" data-css="%s"`, fixed.data["gen"], ev.data["css"])) {
		t.Errorf("the page does not name its builds: %.300q", body)
	}

	// A new folder of pages is watched and served.
	writeFile(t, filepath.Join(dir, "content/new/area/page.md"), "# New page\n\nFresh.\n")
	next(t, events, "reload")
	if code, body := get(t, r.url+"/new/area/page/"); code != 200 || !strings.Contains(body, "Fresh.") {
		t.Errorf("new page: %d", code)
	}
	// The output folder is not watched: writing there changes nothing.
	writeFile(t, filepath.Join(dir, "public/index.html"), "x")

	// The built site holds no trace of the script.
	snap := r.s.mem.Snapshot()
	for name := range snap.All() {
		data, _ := snap.Get(name)
		if strings.Contains(string(data), "_playbook") {
			t.Errorf("%s of the built site mentions _playbook", name)
		}
	}
}

// TestReportsIntoTheSite serves a site whose author sends the server's
// reports into a file in the content folder: each report is not an edit
// to rebuild (and report, and rebuild), and edits still are.
func TestReportsIntoTheSite(t *testing.T) {
	dir := liveSite(t)
	logPath := filepath.Join(dir, "content", "serve.log")
	log, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	r := startServer(t, dir, WithOutput(log, log))
	if !r.s.ignored(logPath, false) || r.s.ignored(filepath.Join(dir, "content", "guide.md"), false) {
		t.Fatal("the watcher leaves out the wrong files")
	}
	events := stream(t, t.Context(), r.url)
	for i := range 3 {
		writeFile(t, filepath.Join(dir, "content/guide.md"), fmt.Sprintf("---\ntitle: Guide\n---\nVersion %d.\n", i))
		// Each edit is followed by its own reload, not one for the log
		// the last report went into.
		if ev := next(t, events, "reload"); fmt.Sprint(ev.data["paths"]) != "[/guide/]" {
			t.Fatalf("edit %d: reload of %v", i, ev.data["paths"])
		}
	}
	text, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(text), "Rebuilt"); n != 3 {
		t.Errorf("%d rebuilds reported for 3 edits:\n%s", n, text)
	}
}

// TestFirstBuildFails serves a site that is broken from the start: a
// placeholder page with the errors until it is fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "---\ntitle: [\n---\n")
	ln, _, err := Listen("127.0.0.1", 0, false)
	if err != nil {
		t.Fatal(err)
	}
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem())
	s := New(b)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	defer func() { cancel(); <-done }()
	url := "http://" + ln.Addr().String()
	events := stream(t, t.Context(), url)
	h := next(t, events, "hello", "errors")
	if h.name == "hello" && h.data["errors"] == nil {
		h = next(t, events, "errors")
	}
	code, body := get(t, url+"/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "/_playbook/live.js") {
		t.Errorf("placeholder: %d %q", code, body)
	}
	writeFile(t, filepath.Join(dir, "content/_index.md"), "---\ntitle: Home\n---\nFixed.\n")
	ev := next(t, events, "reload")
	if ev.data["paths"] != nil {
		t.Errorf("the first good build should reload every page: %v", ev.data)
	}
	if code, body := get(t, url+"/"); code != 200 || !strings.Contains(body, "Fixed.") {
		t.Errorf("after the fix: %d", code)
	}
}

// goroutines returns the stacks of goroutines running code of the packages
// that serve owns or starts.
func goroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, "generator/serve.") && !strings.Contains(g, "serve.TestShutdown") ||
			strings.Contains(g, "generator/watch.") || strings.Contains(g, "fsnotify") ||
			strings.Contains(g, "net/http.(*conn).serve") || strings.Contains(g, "net/http.(*Server).Serve") {
			out = append(out, g)
		}
	}
	return out
}

// TestShutdown opens many event streams, as many tabs would, cancels Run
// and checks that every stream ends, Run returns, and no goroutine of the
// server, the watcher or the HTTP server is left.
func TestShutdown(t *testing.T) {
	dir := liveSite(t)
	r := startServer(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const tabs = 30
	var streams []<-chan event
	for range tabs {
		s := stream(t, ctx, r.url)
		next(t, s, "hello")
		streams = append(streams, s)
	}
	if n := r.s.hub.clients(); n != tabs {
		t.Errorf("%d streams registered, want %d", n, tabs)
	}
	// Every tab gets the reload.
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: Guide\n---\nEdited.\n")
	for _, s := range streams {
		next(t, s, "reload")
	}
	start := time.Now()
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	for i, s := range streams {
		select {
		case _, ok := <-s:
			for ok {
				_, ok = <-s
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("stream %d still open after shutdown", i)
		}
	}
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for {
		left := goroutines()
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left after shutdown:\n%s", len(left), strings.Join(left, "\n\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestListen(t *testing.T) {
	ln, _, err := Listen("127.0.0.1", 0, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	if _, _, err := Listen("127.0.0.1", port, false); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("port %d on 127.0.0.1 is in use", port)) {
		t.Errorf("port in use: %v", err)
	}
	ln2, moved, err := Listen("127.0.0.1", port, true)
	if err != nil {
		t.Skipf("no free port after %d: %v", port, err)
	}
	defer ln2.Close()
	if !moved || ln2.Addr().(*net.TCPAddr).Port <= port {
		t.Errorf("moved %v to %v", moved, ln2.Addr())
	}
}

// TestPollingFallbackMessage checks how the watcher's fallback to polling
// reads in the terminal.
func TestPollingFallbackMessage(t *testing.T) {
	var out strings.Builder
	l := slog.New(&plainHandler{w: &out})
	l.Warn("cannot watch every folder: inotify_add_watch: no space left on device; polling instead", "interval", time.Second)
	if got, want := out.String(), "cannot watch every folder: inotify_add_watch: no space left on device; polling instead (interval 1s)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPendingWorkSurvivesFailedRebuild checks that when an edit breaks
// the site before the search index of the last good build is made (a
// rebuild stops that work), the index is still brought up to date: the
// site served is the last good build, search included.
func TestPendingWorkSurvivesFailedRebuild(t *testing.T) {
	dir := liveSite(t)
	s := New(build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem()))
	s.Start(t.Context())
	s.Rebuild(t.Context(), nil)
	s.stopSearch()
	guide, other := filepath.Join(dir, "content/guide.md"), filepath.Join(dir, "content/other.md")
	writeFile(t, guide, "---\ntitle: Guide\n---\nZanzibarquux is the new word.\n")
	s.Rebuild(t.Context(), []string{guide})
	writeFile(t, other, "---\ntitle: [Other\n---\nBroken.\n")
	s.Rebuild(t.Context(), []string{other})
	s.searchWG.Wait() // for what the failed rebuild left running
	found := false
	for name := range s.mem.Snapshot().All() {
		if data, _ := s.mem.Snapshot().Get(name); strings.HasPrefix(name, "search/") && strings.Contains(strings.ToLower(string(data)), "zanzibarquux") {
			found = true
		}
	}
	if !found {
		t.Error("the search index served is not the last good build's")
	}
}
