package serve

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/generator/watch"
)

//go:embed assets
var assets embed.FS

// Server serves a site from memory and rebuilds it as its files change.
// Create it with New; Run serves until its context is cancelled.
type Server struct {
	b      *build.Session
	mem    *output.Mem
	hub    *hub
	stdout io.Writer
	stderr io.Writer
	// logs are the regular files among stdout and stderr, whose changes
	// the watcher leaves out: each report would otherwise be an edit to
	// rebuild and report.
	logs      []os.FileInfo
	watchOpts []watch.Option
	// historyEvery is how often Watch looks for a commit, checkout or
	// reset that changed no file it watches (see watchHistory).
	historyEvery time.Duration
	// rebuilding makes the runs for changed files and for a moved history
	// one at a time.
	rebuilding sync.Mutex
	startID    string
	// allowedHosts are the host names the server answers, as hostName
	// gives them; it does not change once New returns.
	allowedHosts map[string]bool

	// built is closed once Watch has built the site the first time and
	// told the pages, before any change is rebuilt.
	built chan struct{}

	mu    sync.Mutex
	live  liveState
	count int // reload events sent, for gen
	// warned is the last warnings printed, so that a rebuild prints them
	// only when they changed.
	warned diag.List
	// searchCancel stops a search-index update that a newer change makes
	// pointless; searchWG waits for it.
	searchCancel context.CancelFunc
	searchWG     sync.WaitGroup
	searching    atomic.Int32
	// recent lists the pages served last, the newest first: the pages
	// readers have open, which a rebuild of every page renders first.
	recent []string
	// servedEarly holds the pages served as the last good rebuild makes them
	// before it rendered them (build.Session.PendingPage).
	servedEarly map[string]bool
	// release gives the memory a large render used back to the system
	// once the preview has had no change to rebuild for releaseIdle;
	// releaseTimer (under mu) runs it, armed after such a render, while
	// releasePending says it has yet to run.
	release        func()
	releaseIdle    time.Duration
	releaseTimer   *time.Timer
	releasePending bool
}

// recentPages is how many of the pages served last a Server remembers.
const recentPages = 8

// opened notes that the page name (a site file such as
// "guide/index.html") was served.
func (s *Server) opened(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := slices.Index(s.recent, name); i >= 0 {
		s.recent = slices.Delete(s.recent, i, i+1)
	}
	s.recent = slices.Insert(s.recent, 0, name)
	s.recent = s.recent[:min(len(s.recent), recentPages)]
}

// openPages returns the pages served last.
func (s *Server) openPages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.recent)
}

// liveState is what pages and new event streams are told.
type liveState struct {
	// gen names the last build that changed pages; a page whose data-gen
	// differs is out of date.
	gen string
	// css names the last build that changed stylesheets; a page whose
	// data-css differs fetches them again. It is apart from gen so that a
	// page that missed a stylesheet change while it loaded swaps the
	// stylesheets instead of reloading.
	css string
	// errors are the current build errors; nil when the site builds.
	errors []problem
	// errorText is what the terminal was last told of them.
	errorText string
	// warnings are the warnings about playbook.toml of the last build
	// that succeeded (an unknown key, say), which the pages show too: a
	// setting that is silently ignored looks like a bug in the preview.
	warnings []problem
	// early names the pages served before the last rebuild rendered them
	// (see build.Session.PendingPage), while it leaves pages to render:
	// their data-gen. The reload event that follows the rest names it as
	// current, and those pages, the same as the rest makes them, do not
	// reload; "" when nothing is left to render.
	early string
	// base is the path the site is served under ("" at the root).
	base string
}

// problem is one build error, as the overlay shows it.
type problem struct {
	Pos string `json:"pos"`
	Msg string `json:"msg"`
	// Line is the source line Pos names (see excerpts), Col the
	// character under which the overlay puts a caret; both are left out
	// when unknown.
	Line string `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// Option configures a Server.
type Option func(*Server)

// WithOutput sets where the server reports builds (stdout) and
// diagnostics (stderr). By default it reports nothing. When either is a
// file in the site's folder (playbook serve > content/serve.log), the
// watcher does not take the server's own reports for edits.
func WithOutput(stdout, stderr io.Writer) Option {
	return func(s *Server) {
		s.stdout, s.stderr = stdout, stderr
		s.logs = nil
		for _, w := range []io.Writer{stdout, stderr} {
			if f, ok := w.(*os.File); ok {
				if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
					s.logs = append(s.logs, fi)
				}
			}
		}
	}
}

// WithWatch passes options to the file watcher, such as watch.WithPoll.
func WithWatch(opts ...watch.Option) Option {
	return func(s *Server) { s.watchOpts = append(s.watchOpts, opts...) }
}

// New returns a Server of the site b builds.
func New(b *build.Session, opts ...Option) *Server {
	s := &Server{
		b: b, mem: b.Memory(), hub: newHub(), stdout: io.Discard, stderr: io.Discard,
		startID:      strconv.FormatInt(time.Now().UnixNano(), 36),
		allowedHosts: map[string]bool{},
		servedEarly:  map[string]bool{},
		built:        make(chan struct{}),
		historyEvery: historyEvery,
		release:      debug.FreeOSMemory,
		releaseIdle:  releaseIdle,
	}
	for _, h := range defaultHosts {
		s.allowedHosts[h] = true
	}
	b.SetHot(s.openPages)
	for _, o := range opts {
		o(s)
	}
	s.live.gen = s.startID + "-0"
	s.live.css = s.live.gen
	return s
}

func (s *Server) state() liveState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.live
}

// ContentSecurityPolicy is the policy the preview sends with every
// response. Scripts, styles, fonts, frames, workers and connections come
// only from the site itself, with no inline script or style, no plugins
// and no <base> elsewhere; images may also be data: URLs and pictures on
// the web, as a page's Markdown may show them. The default theme and the
// reload script need nothing more, so a site that publishes the theme can
// send the same policy.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: https: http:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// DiagramPolicy is the policy of a page with Mermaid diagrams: the library
// that draws them styles what it draws with inline styles, which it
// allows. Scripts stay as ContentSecurityPolicy has them.
const DiagramPolicy = ContentSecurityPolicy + "; style-src 'self' 'unsafe-inline'"

// PolicyFor returns the Content Security Policy for a page of the site:
// DiagramPolicy for one that has a diagram (markdown.DiagramStart), else
// ContentSecurityPolicy.
func PolicyFor(page []byte) string {
	if bytes.Contains(page, []byte(markdown.DiagramStart)) {
		return DiagramPolicy
	}
	return ContentSecurityPolicy
}

// Handler returns the HTTP handler: the site's files, the live-reload
// script and the event stream, every response with ContentSecurityPolicy
// and X-Content-Type-Options: nosniff. The event stream needs the hub that
// Run starts; tests call Start.
//
// Every request whose Host is not one the server answers (localhost,
// 127.0.0.1, [::1], the IP address the request arrived at and the names
// given to WithAllowedHosts, with any port), or that has no Host, gets 403
// whatever its path; so does a request for the event stream whose Origin,
// when it has one, is not http(s):// and such a host.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_playbook/events", s.events)
	mux.HandleFunc("GET /_playbook/{file}", s.asset)
	mux.HandleFunc("/", s.serveFile)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		if !s.hostAllowed(r, r.Host) {
			if r.Host == "" {
				forbid(w, "requests without a Host header")
			} else {
				forbid(w, fmt.Sprintf("to the host name %q", r.Host))
			}
			return
		}
		// The script and events live under the base path; only they go
		// through the mux, so that file paths are never cleaned or
		// redirected by it but checked by serveFile.
		if rest, ok := strings.CutPrefix(r.URL.Path, s.state().base+"/_playbook/"); ok && rest != "" && rest[0] != '.' && !strings.ContainsAny(rest, "/\\\x00") {
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/_playbook/" + rest
			mux.ServeHTTP(w, r2)
			return
		}
		s.serveFile(w, r)
	})
}

// asset serves the script, the worker and the overlay's stylesheet.
func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	data, err := assets.ReadFile("assets/" + name)
	if err != nil || name == "" {
		s.serveNotFound(w, r, s.mem.Snapshot(), s.state())
		return
	}
	setHeaders(w)
	if strings.HasSuffix(name, ".js") {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	}
	_, _ = w.Write(data)
}

// events streams Server-Sent Events to one page (or shared worker).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if !s.originAllowed(r) {
		forbid(w, fmt.Sprintf("event streams opened from the origin %q", r.Header.Get("Origin")))
		return
	}
	c := s.hub.add()
	if c == nil {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.remove(c)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	write := func(m message) bool {
		// A client that stops reading must not hold this goroutine (and
		// shutdown) forever.
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", m.event, m.data); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	st := s.state()
	if !write(message{"hello", encode(map[string]any{"gen": st.gen, "css": st.css, "early": st.early, "errors": st.errors, "warnings": st.warnings})}) {
		return
	}
	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case m, ok := <-c.ch:
			if !ok || !write(m) {
				return
			}
		case <-keepAlive.C:
			if !write(message{"ping", []byte("{}")}) {
				return
			}
		}
	}
}

func encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain values
	}
	return b
}

// Run builds the site, serves it on ln and rebuilds it on every change
// until ctx is cancelled; then it closes the event streams, stops the
// watcher and the server, and returns nil. The first build happens after
// the server starts listening, so the URL can be printed at once.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	hubCtx, stopHub := context.WithCancel(context.Background())
	defer stopHub()
	wg.Go(func() { s.hub.Run(hubCtx) })

	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          slog.NewLogLogger(slog.DiscardHandler, slog.LevelError),
	}
	errs := make(chan error, 2)
	wg.Go(func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errs <- err
			cancel()
		}
	})
	wg.Go(func() {
		if err := s.Watch(ctx); err != nil {
			errs <- err
			cancel()
		}
	})

	<-ctx.Done()
	// Close the event streams first: Shutdown waits for open requests.
	stopHub()
	shutCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	err := srv.Shutdown(shutCtx)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	return err
}

// Watch builds the site, then rebuilds it on every change until ctx is
// cancelled, telling the pages through the hub that Run (or Start) runs.
// Changes made during a build are seen: watching starts first.
func (s *Server) Watch(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := watch.New([]string{s.b.SourceDir()}, append([]watch.Option{
		watch.WithIgnore(s.ignored),
		watch.WithLogger(slog.New(&plainHandler{w: s.stderr})),
	}, s.watchOpts...)...)
	watchErr := make(chan error, 1)
	go func() {
		watchErr <- w.Run(ctx, func(changed []string) {
			select {
			case <-s.built:
			case <-ctx.Done():
				return
			}
			s.rebuilding.Lock()
			defer s.rebuilding.Unlock()
			s.Rebuild(ctx, changed)
		})
		cancel()
	}()
	go s.watchHistory(ctx)
	s.Rebuild(ctx, nil)
	close(s.built)
	<-ctx.Done()
	err := <-watchErr
	s.stopSearch()
	if err != nil {
		return fmt.Errorf("watching %s: %w", s.b.SourceDir(), err)
	}
	return nil
}

// historyEvery is how often the server looks at the repository's HEAD
// and branch: a few small reads.
const historyEvery = 2 * time.Second

// watchHistory rebuilds the site when the git history moves without a
// file of the site changing, as a commit of saved edits does, so that the
// pages' dates and authors, the feeds and the redirects of renamed pages
// follow it; the watcher leaves the repository's own folder alone.
func (s *Server) watchHistory(ctx context.Context) {
	select {
	case <-s.built:
	case <-ctx.Done():
		return
	}
	tick := time.NewTicker(s.historyEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
		case <-ctx.Done():
			return
		}
		if s.b.HistoryMoved() {
			s.rebuilding.Lock()
			s.Rebuild(ctx, []string{})
			s.rebuilding.Unlock()
		}
	}
}

// plainHandler prints log records as a sentence for the terminal:
// "message (key value, …)".
type plainHandler struct {
	mu    sync.Mutex
	w     io.Writer
	attrs []slog.Attr
}

func (h *plainHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *plainHandler) Handle(_ context.Context, r slog.Record) error {
	var parts []string
	add := func(a slog.Attr) bool {
		parts = append(parts, a.Key+" "+a.Value.String())
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	line := r.Message
	if len(parts) > 0 {
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := fmt.Fprintln(h.w, line)
	return err
}

func (h *plainHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &plainHandler{w: h.w, attrs: slices.Concat(h.attrs, attrs)}
}

func (h *plainHandler) WithGroup(string) slog.Handler { return h }

// ignored leaves out of watching what the build does not read or
// the server writes itself: the destination folder, dependency trees and
// the server's reports.
func (s *Server) ignored(path string, dir bool) bool {
	if !dir {
		return s.isLog(path)
	}
	dest, _ := filepath.Abs(s.b.DestDir())
	return path == dest || filepath.Base(path) == source.NodeModules
}

// isLog reports whether path is one of the files the server reports to.
func (s *Server) isLog(path string) bool {
	if len(s.logs) == 0 {
		return false
	}
	fi, err := os.Lstat(path)
	return err == nil && slices.ContainsFunc(s.logs, func(l os.FileInfo) bool { return os.SameFile(l, fi) })
}

// Rebuild rebuilds the site after the files named in changed changed (nil:
// anything), reports the result and tells the open pages: a reload when
// pages changed, new stylesheets when only CSS changed, the errors when the
// build failed. It then updates the search index in the background.
func (s *Server) Rebuild(ctx context.Context, changed []string) {
	s.stopSearch()
	defer s.holdRelease()()
	first := s.mem.Snapshot().Len() == 0
	res, err := s.b.Rebuild(ctx, changed)
	if ctx.Err() != nil {
		return
	}
	var le *diag.ListError
	switch {
	case errors.As(err, &le):
		s.report(le.List, first)
	case err != nil:
		var l diag.List
		l.Add(diag.Pos{File: s.b.SourceDir()}, "%v", err)
		s.report(l, first)
	}
	if err != nil {
		// What the last good build left pending, which stopSearch
		// stopped, is finished: its search index, and its pages not
		// open.
		s.finishSearch(ctx, true)
		return
	}
	warnings := s.configWarnings(res.Warnings)
	s.mu.Lock()
	s.servedEarly = map[string]bool{}
	s.live.early = ""
	if res.RenderPending {
		s.count++
		s.live.early = s.startID + "-early-" + strconv.Itoa(s.count)
	}
	wasBroken := s.live.errors != nil
	newWarnings := !slices.Equal(s.live.warnings, warnings)
	s.live.errors = nil
	s.live.warnings = warnings
	s.live.base = res.BasePath
	s.mu.Unlock()
	s.printResult(res, first, wasBroken)
	if wasBroken || newWarnings {
		s.hub.send(message{"errors", encode(map[string]any{"errors": []problem{}, "warnings": warnings})})
	}
	s.announce(res.Changed, first, "")
	if res.Rendered > releaseAfter {
		s.releaseLater()
	}
	if res.SearchPending || res.RenderPending {
		s.finishSearch(ctx, res.RenderPending)
	}
}

// releaseAfter is the number of pages rendered from which a rebuild gives
// the memory it used while rendering back to the system (as FinishRender
// does): a preview holds its site for hours, and Go would return it only
// slowly. Small rebuilds keep theirs, which the next edit would otherwise
// have to take back page by page.
const releaseAfter = 500

// releaseIdle is how long the preview must go without a rebuild before
// it gives that memory back. An author changing a template saves again
// within seconds, and the next render of every page would take the memory
// back from the system, the kernel zeroing each page of it first: at
// 10,000 pages, a re-render of every page right after giving it back took
// 2.0-2.2 s, against 1.6-1.8 s keeping it (in process, interleaved).
const releaseIdle = 20 * time.Second

// releaseLater gives the memory a large render used back to the system
// once the preview has had nothing to rebuild for releaseIdle.
func (s *Server) releaseLater() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releasePending = true
	s.armRelease()
}

// armRelease starts the wait for idleness over; mu is held.
func (s *Server) armRelease() {
	if s.releaseTimer == nil {
		s.releaseTimer = time.AfterFunc(s.releaseIdle, func() {
			s.mu.Lock()
			s.releasePending = false
			s.mu.Unlock()
			s.release()
		})
		return
	}
	s.releaseTimer.Reset(s.releaseIdle)
}

// holdRelease puts off giving memory back while a rebuild runs, and
// returns the function that, once it is done, starts the wait again when
// memory is still to be given back.
func (s *Server) holdRelease() (resume func()) {
	s.mu.Lock()
	if s.releaseTimer != nil {
		s.releaseTimer.Stop()
	}
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.releasePending {
			s.armRelease()
		}
	}
}

// report prints a failed build's diagnostics and shows them on the pages:
// as playbook build prints them, at most diag.MaxPerKind of a kind per
// file and a line counting the rest.
// The same errors as the last report are not reported again: a file that
// changes in the site folder without being part of the site (a log that
// serve's own output goes to) tries the build again, and printing the
// errors again would change it again.
func (s *Server) report(l diag.List, first bool) {
	errs := l.Errors()
	shown := errs.Summarize(diag.MaxPerKind)
	text := shown.String()
	if first {
		text += fmt.Sprintf("Build failed: %d error(s); the preview shows them until they are fixed.\n", len(errs))
	} else {
		text += fmt.Sprintf("Build failed: %d error(s); still serving the last good version.\n", len(errs))
	}
	ps := make([]problem, len(shown))
	for i, d := range shown {
		ps[i] = problem{Pos: d.Pos.String(), Msg: d.Msg}
	}
	excerpts(sitefs.Dir(s.b.SourceDir()), shown, ps)
	s.mu.Lock()
	same := s.live.errors != nil && text == s.live.errorText && slices.Equal(ps, s.live.errors)
	s.live.errors, s.live.errorText = ps, text
	s.live.warnings = nil
	s.mu.Unlock()
	if same {
		return
	}
	fmt.Fprint(s.stderr, text)
	s.hub.send(message{"errors", encode(map[string]any{"errors": ps})})
}

// configWarnings returns the warnings about playbook.toml, as the pages
// show them, or nil.
func (s *Server) configWarnings(l diag.List) []problem {
	var ws diag.List
	for _, d := range l {
		if d.Pos.File == config.FileName {
			ws = append(ws, d)
		}
	}
	if len(ws) == 0 {
		return nil
	}
	ws = ws.Summarize(diag.MaxPerKind)
	ps := make([]problem, len(ws))
	for i, d := range ws {
		ps[i] = problem{Pos: d.Pos.String(), Msg: d.Msg}
	}
	excerpts(sitefs.Dir(s.b.SourceDir()), ws, ps)
	return ps
}

func (s *Server) printResult(res *build.Result, first, fixed bool) {
	if w := res.Warnings.Summarize(diag.MaxPerKind); !w.SameText(s.warned) {
		fmt.Fprint(s.stderr, w.String())
		s.warned = w
	}
	switch {
	case first:
		fmt.Fprintf(s.stdout, "Built %d pages, %d sections and %d files in %d ms\n", res.Pages, res.Sections, res.Files, res.Duration.Milliseconds())
	case fixed:
		fmt.Fprintf(s.stdout, "Fixed: rebuilt in %d ms (%d pages rendered, %d files changed)\n", res.Duration.Milliseconds(), res.Rendered, len(res.Changed))
	case len(res.Changed) > 0:
		fmt.Fprintf(s.stdout, "Rebuilt in %d ms (%d pages rendered, %d files changed)\n", res.Duration.Milliseconds(), res.Rendered, len(res.Changed))
	}
}

// maxPaths is the most changed paths a reload event lists; beyond it,
// every page reloads, but for those the event lists as unchanged.
const maxPaths = 200

// announce tells the pages what a build changed. Pages whose data-gen is
// current (see liveState.early) are as the build makes them.
func (s *Server) announce(changed []string, first bool, current string) {
	var pages, css []string
	for _, name := range changed {
		switch {
		case strings.HasPrefix(name, "search/"):
			// Read by the search box when it is used; no reload.
		case strings.HasSuffix(name, ".css"):
			css = append(css, name)
		default:
			pages = append(pages, name)
		}
	}
	if !first && len(pages) == 0 && len(css) == 0 {
		return
	}
	s.mu.Lock()
	s.count++
	gen := s.startID + "-" + strconv.Itoa(s.count)
	if first || len(pages) > 0 {
		s.live.gen = gen
	}
	if first || len(css) > 0 {
		s.live.css = gen
	}
	base, cssGen, early := s.live.base, s.live.css, s.live.early
	s.mu.Unlock()
	if !first && len(pages) == 0 {
		s.hub.send(message{"css", encode(map[string]any{"css": gen, "paths": urlPaths(base, css)})})
		return
	}
	ev := map[string]any{"gen": gen, "css": cssGen, "paths": nil, "early": early}
	if current != "" {
		ev["current"] = current
	}
	switch {
	case first:
	case len(pages)+len(css) <= maxPaths:
		ev["paths"] = urlPaths(base, slices.Concat(pages, css))
	case len(css) == 0:
		if same := s.unchangedPages(pages); same != nil {
			ev["except"] = urlPaths(base, same)
		}
	}
	s.hub.send(message{"reload", encode(ev)})
}

// unchangedPages returns, when every file in changed is a page, the pages
// of the site in memory that are not in changed, which the pages that
// show them need not reload for: their content is the same. It returns
// nil when a changed file is no page (a page may show it) or when more
// than maxPaths pages are unchanged. A change that re-renders every page
// after the open ones were (see build.Session.FinishRender) leaves those
// unchanged.
func (s *Server) unchangedPages(changed []string) []string {
	set := make(map[string]bool, len(changed))
	for _, name := range changed {
		if !strings.HasSuffix(name, ".html") {
			return nil
		}
		set[name] = true
	}
	same := []string{}
	for name := range s.mem.Snapshot().All() {
		if strings.HasSuffix(name, ".html") && !set[name] {
			if len(same) == maxPaths {
				return nil
			}
			same = append(same, name)
		}
	}
	slices.Sort(same)
	return same
}

// urlPaths turns file names into the paths pages are requested by.
func urlPaths(base string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if n == "index.html" || strings.HasSuffix(n, "/index.html") {
			n = strings.TrimSuffix(n, "index.html")
		}
		out[i] = base + "/" + n
	}
	return out
}

// searchDelay is how long edits must pause before the search index, whose
// cost grows with the whole site, is brought up to date.
const searchDelay = 500 * time.Millisecond

// finishSearch renders the pages a rebuild left for later (render) and
// updates the search index in the background, the index once edits pause;
// the next change cancels both.
func (s *Server) finishSearch(ctx context.Context, render bool) {
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.searchCancel = cancel
	s.mu.Unlock()
	s.searching.Add(1)
	s.searchWG.Go(func() {
		defer s.searching.Add(-1)
		defer cancel()
		if render {
			start := time.Now()
			changed, err := s.b.FinishRender(ctx)
			var le *diag.ListError
			switch {
			case errors.As(err, &le):
				s.report(le.List, false)
				// Gone back to the last whole site, also the pages served
				// early from the build that failed.
				s.mu.Lock()
				early := slices.Collect(maps.Keys(s.servedEarly))
				s.mu.Unlock()
				s.announce(slices.Concat(changed, early), false, "")
				return
			case err == nil && len(changed) > 0:
				fmt.Fprintf(s.stdout, "Rendered the pages not open in %d ms (%d files changed)\n", time.Since(start).Milliseconds(), len(changed))
				s.mu.Lock()
				current := s.live.early
				s.live.early = ""
				s.mu.Unlock()
				s.announce(changed, false, current)
				s.releaseLater()
			}
		}
		select {
		case <-time.After(searchDelay):
		case <-ctx.Done():
			return
		}
		_, _ = s.b.FinishSearch(ctx)
	})
}

func (s *Server) stopSearch() {
	s.mu.Lock()
	cancel := s.searchCancel
	s.searchCancel = nil
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	s.searchWG.Wait()
}

// Listen listens on host:port. When keepTrying is set and the port is in
// use, it tries the next ports, up to ten; moved says which port it took
// instead. An error for a port in use says so plainly.
func Listen(host string, port int, keepTrying bool) (ln net.Listener, moved bool, err error) {
	tries := 1
	if keepTrying && port != 0 {
		tries = 10
	}
	for i := range tries {
		ln, err = net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port+i)))
		if err == nil {
			return ln, i > 0, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return nil, false, err
		}
	}
	if tries > 1 {
		return nil, false, fmt.Errorf("ports %d to %d on %s are in use; choose one with --port (0 picks any free port)", port, port+tries-1, host)
	}
	return nil, false, fmt.Errorf("port %d on %s is in use; choose another with --port (0 picks any free port)", port, host)
}
