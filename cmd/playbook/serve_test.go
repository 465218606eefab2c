package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
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
	go func() { done <- run(ctx, []string{"serve", "-s", dir, "-p", "0", "--poll=50ms"}, &stdout, &stderr) }()
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
