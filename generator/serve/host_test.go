package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/output"
)

// guardServer returns a server of fixedSite under base that also answers
// preview.test and 192.0.2.10, with its hub running.
func guardServer(t testing.TB, ctx context.Context, base string) *Server {
	t.Helper()
	mem := memSite(t, fixedSite)
	s := New(build.NewSession(build.Config{SourceDir: t.TempDir()}, mem), WithAllowedHosts("Preview.Test.", "192.0.2.10", "bad:1"))
	s.live.base = base
	s.Start(ctx)
	return s
}

// guardRoute is one kind of answer of the preview.
type guardRoute struct {
	method, path string
	status       int // when the host is allowed
}

// guardRoutes are the answers of a server from guardServer, one of every
// kind: pages, files, redirects, errors, the preview's own files and the
// event stream.
func guardRoutes(base string) []guardRoute {
	routes := []guardRoute{
		{"GET", base + "/", 200},
		{"HEAD", base + "/", 200},
		{"GET", base + "/teams/it/", 200},
		{"GET", base + "/teams/it", 301},
		{"GET", base + "/assets/css/style.css", 200},
		{"GET", base + "/assets/js/theme.js", 200},
		{"GET", base + "/teams/it/plan.svg", 200},
		{"GET", base + "/data.json", 200},
		{"GET", base + "/404.html", 200},
		{"GET", base + "/nope", 404},
		{"GET", base + "/../etc/passwd", 404},
		{"POST", base + "/", 405},
		{"OPTIONS", base + "/", 405},
		{"GET", base + "/_playbook/live.js", 200},
		{"GET", base + "/_playbook/worker.js", 200},
		{"GET", base + "/_playbook/live.css", 200},
		{"GET", base + "/_playbook/nope.js", 404},
		{"GET", base + "/_playbook/events", 200},
		{"POST", base + "/_playbook/events", 405},
	}
	if base != "" {
		routes = append(routes, guardRoute{"GET", "/", 302}, guardRoute{"GET", base, 302})
	}
	return routes
}

// serveWithHost sends a request with the given Host (and Origin, when not
// empty) straight to h, its context already done so that the event stream
// ends after its first event.
func serveWithHost(h http.Handler, method, path, host, origin string) *httptest.ResponseRecorder {
	done, stop := context.WithCancel(context.Background())
	stop()
	r := httptest.NewRequestWithContext(done, method, "/", nil)
	r.URL.Path = path
	r.Host = host
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// checkForbidden checks that w is the guard's refusal and nothing of the
// site.
func checkForbidden(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code != http.StatusForbidden {
		t.Fatalf("status %d, want 403 (body %.200q)", w.Code, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if body := w.Body.String(); !strings.Contains(body, "--allowed-host") || strings.Contains(body, "<") {
		t.Errorf("body %q", body)
	}
	if got := w.Header().Get("Content-Security-Policy"); got != ContentSecurityPolicy {
		t.Errorf("Content-Security-Policy %q", got)
	}
	if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", got)
	}
}

// TestHostGuard sends every kind of request with hosts the preview answers
// and hosts it must refuse: a refused host gets 403 and its explanation on
// every route, the event stream included, and opens no stream.
func TestHostGuard(t *testing.T) {
	allowed := []string{
		"localhost", "localhost:1313", "LOCALHOST:1313", "LocalHost", "localhost.", "localhost.:1313", "localhost:",
		"127.0.0.1", "127.0.0.1:8080", "127.0.0.1.",
		"[::1]", "[::1]:1313", "[0:0:0:0:0:0:0:1]:1313", "[::ffff:127.0.0.1]:1313",
		"preview.test", "PREVIEW.TEST:9000", "preview.test.", "192.0.2.10:1313",
	}
	refused := []string{
		"", "evil.com", "evil.com:1313", "EVIL.COM", "evil.com.",
		"localhost.evil.com", "localhost.evil.com:1313", "evil.localhost", "xlocalhost", "localhost..", ".localhost",
		"localhost:80@evil.com", "localhost@evil.com", "localhost:x", "localhost:1313:1313", "localhost:-1",
		"localhost%2eevil.com", "local host",
		"127.0.0.2", "127.1", "0.0.0.0:1313", "192.0.2.11", "::1", "[::1", "[::1]x", "[::1]:x", "[127.0.0.1]", "[fe80::1%25eth0]:1313",
		"preview.test.evil.com", "evil.preview.test", "bad", "bad:1",
	}
	for _, base := range []string{"", "/docs"} {
		s := guardServer(t, t.Context(), base)
		h := s.Handler()
		for _, rt := range guardRoutes(base) {
			for _, host := range allowed {
				t.Run(fmt.Sprintf("%s %s Host %q", rt.method, rt.path, host), func(t *testing.T) {
					w := serveWithHost(h, rt.method, rt.path, host, "")
					if w.Code != rt.status {
						t.Fatalf("status %d, want %d (body %.200q)", w.Code, rt.status, w.Body.String())
					}
				})
			}
			for _, host := range refused {
				t.Run(fmt.Sprintf("%s %s refused Host %q", rt.method, rt.path, host), func(t *testing.T) {
					w := serveWithHost(h, rt.method, rt.path, host, "")
					checkForbidden(t, w)
					if w.Header().Get("Location") != "" || strings.Contains(w.Body.String(), "event:") {
						t.Errorf("leaked %q %q", w.Header().Get("Location"), w.Body.String())
					}
				})
			}
		}
	}

	// While the site is building, and when its first build failed: the
	// placeholder with the error overlay, and its event stream.
	s := New(build.NewSession(build.Config{SourceDir: t.TempDir()}, output.NewMem()))
	s.Start(t.Context())
	s.live.errors = []problem{{Pos: "content/a.md:1:1", Msg: "draft secret"}}
	h := s.Handler()
	for _, path := range []string{"/", "/guide/", "/_playbook/live.css", "/_playbook/events"} {
		if w := serveWithHost(h, "GET", path, "localhost:1313", ""); w.Code == http.StatusForbidden {
			t.Errorf("GET %s: 403 for localhost", path)
		}
		w := serveWithHost(h, "GET", path, "evil.com:1313", "")
		t.Run("broken site "+path, func(t *testing.T) { checkForbidden(t, w) })
		if strings.Contains(w.Body.String(), "draft secret") {
			t.Errorf("GET %s: the errors reached a refused host", path)
		}
	}
}

// TestHostGuardLocalAddress checks that an IP address is answered when the
// request arrived at it (the preview listening on every interface and
// opened by this machine's address), and only then.
func TestHostGuardLocalAddress(t *testing.T) {
	s := guardServer(t, t.Context(), "")
	h := s.Handler()
	for _, tt := range []struct {
		local, host string
		ok          bool
	}{
		{"192.0.2.7", "192.0.2.7:1313", true},
		{"192.0.2.7", "192.0.2.7", true},
		{"::ffff:192.0.2.7", "192.0.2.7:1313", true},
		{"2001:db8::7", "[2001:db8::7]:1313", true},
		{"2001:db8::7", "[2001:DB8:0::7]", true},
		{"192.0.2.7", "192.0.2.8:1313", false},
		{"192.0.2.7", "[::ffff:192.0.2.8]", false},
		{"2001:db8::7", "[2001:db8::8]:1313", false},
		{"192.0.2.7", "evil.com:1313", false},
		{"", "192.0.2.7:1313", false},
	} {
		t.Run(tt.local+" "+tt.host, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			if tt.local != "" {
				ctx = context.WithValue(ctx, http.LocalAddrContextKey, net.TCPAddrFromAddrPort(netip.AddrPortFrom(netip.MustParseAddr(tt.local), 1313)))
			}
			cancel()
			for _, path := range []string{"/", "/_playbook/events"} {
				r := httptest.NewRequestWithContext(ctx, "GET", path, nil)
				r.Host = tt.host
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if tt.ok && w.Code != 200 {
					t.Errorf("%s: status %d, want 200", path, w.Code)
				}
				if !tt.ok {
					checkForbidden(t, w)
				}
			}
		})
	}
}

// TestEventsOrigin checks the Origin of requests for the event stream: when
// present it must be http:// or https:// and a host the preview answers.
func TestEventsOrigin(t *testing.T) {
	s := guardServer(t, t.Context(), "")
	h := s.Handler()
	for _, tt := range []struct {
		origin string
		ok     bool
	}{
		{"", true},
		{"http://localhost:1313", true},
		{"http://localhost", true},
		{"https://localhost:8443", true},
		{"HTTP://LOCALHOST:1313", true},
		{"http://127.0.0.1:1313", true},
		{"http://[::1]:1313", true},
		{"http://preview.test:1313", true},
		{"https://Preview.Test", true},
		{"http://evil.com", false},
		{"https://evil.com:1313", false},
		{"http://localhost.evil.com:1313", false},
		{"http://localhost:1313@evil.com", false},
		{"http://user@localhost:1313", false},
		{"http://localhost:1313/", false},
		{"http://localhost:1313/x", false},
		{"http://localhost:1313?x", false},
		{"http://localhost:x", false},
		{"http://", false},
		{"null", false},
		{"localhost:1313", false},
		{"ftp://localhost", false},
		{"file://", false},
		{"chrome-extension://abcdef", false},
		{"ws://localhost:1313", false},
		{"http://192.0.2.11", false},
	} {
		t.Run(fmt.Sprintf("Origin %q", tt.origin), func(t *testing.T) {
			w := serveWithHost(h, "GET", "/_playbook/events", "localhost:1313", tt.origin)
			if !tt.ok {
				checkForbidden(t, w)
				return
			}
			if w.Code != 200 || w.Header().Get("Content-Type") != "text/event-stream" || !strings.HasPrefix(w.Body.String(), "event: hello\n") {
				t.Fatalf("status %d, %q, body %.100q", w.Code, w.Header().Get("Content-Type"), w.Body.String())
			}
			// Pages are not cross-origin readable anyway; the Origin is
			// checked on the event stream only.
			if w := serveWithHost(h, "GET", "/", "localhost:1313", tt.origin); w.Code != 200 {
				t.Errorf("page: status %d", w.Code)
			}
		})
	}
	// An empty Origin and two Origins are refused.
	for _, origins := range [][]string{{""}, {"http://localhost", "http://evil.com"}, {"http://localhost", "http://localhost"}} {
		done, stop := context.WithCancel(context.Background())
		stop()
		r := httptest.NewRequestWithContext(done, "GET", "/_playbook/events", nil)
		r.Host = "localhost"
		r.Header["Origin"] = origins
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		t.Run(fmt.Sprintf("Origins %q", origins), func(t *testing.T) { checkForbidden(t, w) })
	}
}

// TestHostGuardOverTCP sends raw requests to a listening server, so that
// the Host is what net/http makes of the request line and headers.
func TestHostGuardOverTCP(t *testing.T) {
	s := guardServer(t, t.Context(), "")
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	addr := strings.TrimPrefix(ts.URL, "http://")
	_, port, _ := net.SplitHostPort(addr)
	for _, tt := range []struct {
		name, request string
		status        int
	}{
		{"allowed", "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\n", 200},
		{"allowed events", "GET /_playbook/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:" + port + "\r\n", 200},
		{"HTTP/1.0 with Host", "GET / HTTP/1.0\r\nHost: localhost\r\n", 200},
		{"refused", "GET / HTTP/1.1\r\nHost: evil.com:" + port + "\r\n", 403},
		{"refused events", "GET /_playbook/events HTTP/1.1\r\nHost: evil.com:" + port + "\r\n", 403},
		{"events from another origin", "GET /_playbook/events HTTP/1.1\r\nHost: localhost:" + port + "\r\nOrigin: http://evil.com:" + port + "\r\n", 403},
		{"HTTP/1.0 without Host", "GET / HTTP/1.0\r\n", 403},
		{"absolute URI", "GET http://evil.com/ HTTP/1.1\r\nHost: localhost\r\n", 403},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// The event stream stays open: read its status and first
			// event only.
			fmt.Fprint(conn, tt.request+"Connection: close\r\n\r\n")
			resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: "GET"})
			if err != nil {
				t.Fatal(err)
			}
			// Closing conn ends the body; resp.Body.Close would wait for
			// the end of the stream.
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status == 403 {
				body, _ := io.ReadAll(resp.Body)
				if !strings.Contains(string(body), "--allowed-host") {
					t.Errorf("body %q", body)
				}
			}
		})
	}
}

func TestCheckAllowedHost(t *testing.T) {
	for _, tt := range []struct {
		name, want string // want: the name as compared, or a part of the error
		ok         bool
	}{
		{"preview.lan", "preview.lan", true},
		{"Preview.LAN.", "preview.lan", true},
		{"my_box", "my_box", true},
		{"192.168.1.5", "192.168.1.5", true},
		{"::1", "::1", true},
		{"[2001:DB8::1]", "2001:db8::1", true},
		{"0.0.0.0", "0.0.0.0", true},
		{"::", "::", true},
		{"http://preview.lan", "without a scheme", false},
		{"preview.lan/x", "without a path", false},
		{"preview.lan:8080", "without a port", false},
		{"[::1]:8080", "without a port", false},
		{"", "is not a host name", false},
		{".", "is not a host name", false},
		{"*.lan", "is not a host name", false},
		{"pre view", "is not a host name", false},
		{"prévu.lan", "is not a host name", false},
	} {
		got, err := allowedName(tt.name)
		if tt.ok && (err != nil || got != tt.want) {
			t.Errorf("allowedName(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
		if !tt.ok && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("allowedName(%q) = %q, %v; want an error with %q", tt.name, got, err, tt.want)
		}
		if (CheckAllowedHost(tt.name) == nil) != tt.ok {
			t.Errorf("CheckAllowedHost(%q) = %v", tt.name, CheckAllowedHost(tt.name))
		}
	}
}

// FuzzHostHeader sends arbitrary Host values: the server never panics, and
// every Host it answers names, as net/url reads it, one of the hosts it
// serves.
func FuzzHostHeader(f *testing.F) {
	for _, seed := range []string{"localhost:1313", "LOCALHOST.", "[::1]:1313", "127.0.0.1", "preview.test", "evil.com", "localhost:80@evil.com", "[::ffff:127.0.0.1]", "[fe80::1%25x]", ""} {
		f.Add(seed)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := guardServer(f, ctx, "")
	h := s.Handler()
	served := map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, "preview.test": true, "192.0.2.10": true}
	f.Fuzz(func(t *testing.T, host string) {
		for _, path := range []string{"/", "/_playbook/events"} {
			w := serveWithHost(h, "GET", path, host, "")
			if w.Code == http.StatusForbidden {
				continue
			}
			u, err := url.Parse("http://" + host + "/")
			if err != nil || u.Host != host {
				t.Fatalf("Host %q answered (%d), but it is no host[:port] (%v)", host, w.Code, err)
			}
			name := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
			if a, err := netip.ParseAddr(name); err == nil {
				name = a.Unmap().String()
			}
			if !served[name] {
				t.Fatalf("Host %q answered (%d), but %q is not served", host, w.Code, name)
			}
		}
	})
}
