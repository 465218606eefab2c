package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

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

var urlRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)

// TestServe runs "playbook serve", fetches a page, edits it, and stops the
// server the way Ctrl-C does, by cancelling the context.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "content/_index.md"), "# Home\n\nHello.\n")
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "-s", dir, "-p", "0", "--poll=100ms"}, &stdout, &stderr) }()
	var url string
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(stdout.String(), "Built ") {
		time.Sleep(20 * time.Millisecond)
	}
	if url = urlRE.FindString(stdout.String()); url == "" || !strings.Contains(stdout.String(), "Built ") {
		cancel()
		t.Fatalf("no URL or build report:\n%s\n%s", stdout.String(), stderr.String())
	}
	body := fetch(t, url)
	if !strings.Contains(body, "Hello.") || !strings.Contains(body, "/_playbook/live.js") {
		t.Errorf("page: %.300q", body)
	}
	mustWrite(t, filepath.Join(dir, "content/_index.md"), "# Home\n\nEdited.\n")
	for time.Now().Before(deadline) && !strings.Contains(fetch(t, url), "Edited.") {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(fetch(t, url), "Edited.") {
		t.Error("the edit was not picked up by polling")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "public*")); len(matches) > 0 {
		t.Errorf("serve wrote %v", matches)
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	var stdout, stderr syncBuffer
	err = run(t.Context(), []string{"serve", "-s", t.TempDir(), "-p", fmt.Sprint(port)}, &stdout, &stderr)
	if exitCode(err) != 1 || !strings.Contains(stderr.String(), fmt.Sprintf("port %d on 127.0.0.1 is in use", port)) {
		t.Errorf("exit %d, stderr %q", exitCode(err), stderr.String())
	}
}

// TestServeAllowedHost checks that "playbook serve" refuses a host name
// it was not given, and answers one given with --allowed-host.
func TestServeAllowedHost(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "content/_index.md"), "# Home\n\nHello.\n")
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-s", dir, "-p", "0", "--allowed-host", "Preview.Test", "--allowed-host", "docs.example"}, &stdout, &stderr)
	}()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(stdout.String(), "Built ") {
		time.Sleep(20 * time.Millisecond)
	}
	url := urlRE.FindString(stdout.String())
	if url == "" || !strings.Contains(stdout.String(), "Built ") {
		t.Fatalf("no URL or build report:\n%s\n%s", stdout.String(), stderr.String())
	}
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	_, port, _ := net.SplitHostPort(addr)
	for _, tt := range []struct {
		host, path string
		status     int
		body       string
	}{
		{"preview.test:" + port, "/", 200, "Hello."},
		{"PREVIEW.TEST", "/", 200, "Hello."},
		{"docs.example:443", "/_playbook/live.js", 200, "EventSource"},
		{"127.0.0.1:" + port, "/", 200, "Hello."},
		{"other.test:" + port, "/", 403, "--allowed-host"},
		{"preview.test.evil.com:" + port, "/", 403, "--allowed-host"},
		{"other.test:" + port, "/_playbook/events", 403, "--allowed-host"},
	} {
		resp, body := hostGet(t, addr, tt.host, tt.path)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.body) {
			t.Errorf("GET %s, Host %s: %d %.200q; want %d with %q", tt.path, tt.host, resp.StatusCode, body, tt.status, tt.body)
		}
	}
}

// hostGet requests path from addr with the given Host header.
func hostGet(t *testing.T, addr, host, path string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: "GET"})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestServeAllowedHostUsage(t *testing.T) {
	for _, tt := range []struct{ value, want string }{
		{"http://preview.test", "without a scheme"},
		{"preview.test:8080", "without a port"},
		{"preview.test/docs", "without a path"},
		{"*.test", "is not a host name"},
	} {
		var stdout, stderr syncBuffer
		err := run(t.Context(), []string{"serve", "-s", t.TempDir(), "-p", "0", "--allowed-host", tt.value}, &stdout, &stderr)
		if exitCode(err) != 2 || !strings.Contains(stderr.String(), "--allowed-host") || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("--allowed-host %q: exit %d, stderr %q", tt.value, exitCode(err), stderr.String())
		}
	}
}

func TestAllowedHosts(t *testing.T) {
	for _, tt := range []struct {
		bind  string
		names []string
		want  []string
	}{
		{"127.0.0.1", nil, []string{"127.0.0.1"}},
		{"box.lan", []string{"a.test"}, []string{"box.lan", "a.test"}},
		{"0.0.0.0", []string{"a.test", "b.test"}, []string{"0.0.0.0", "a.test", "b.test"}},
		{"", []string{"a.test"}, []string{"a.test"}},
	} {
		got, err := allowedHosts(tt.bind, tt.names)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("allowedHosts(%q, %q) = %q, %v; want %q", tt.bind, tt.names, got, err, tt.want)
		}
	}
}
