//go:build unix

package gitinfo_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/gitinfo"
)

// TestHeadNamedPipe checks that a HEAD that is a named pipe changes the
// probe, and that Load fails at once instead of waiting on git, which
// would block on it for ever.
func TestHeadNamedPipe(t *testing.T) {
	r := newRepo(t)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(r.dir))
	r.write("a.md", "one")
	r.commit("2026-01-01T00:00:00Z", "Anna Berg", "first")
	last := gitinfo.Probe(r.dir)
	sub := r.dir
	head := filepath.Join(r.dir, ".git", "HEAD")
	if err := os.Remove(head); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(head, 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	if gitinfo.Probe(sub) == last {
		t.Error("a HEAD that is a named pipe left the probe the same")
	}
	done := make(chan error, 1)
	go func() {
		_, err := gitinfo.Load(t.Context(), sub)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Load with HEAD a named pipe: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Load waits on HEAD, a named pipe")
	}
}
