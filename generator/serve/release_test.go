package serve

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// TestReleaseWhenIdle checks that the server gives the memory of a large
// render back once it has had nothing to rebuild for a while, not while
// a rebuild runs, and again after one only when it is still to be given
// back.
func TestReleaseWhenIdle(t *testing.T) {
	released := make(chan struct{}, 4)
	s := &Server{release: func() { released <- struct{}{} }, releaseIdle: time.Millisecond}
	wait := func(what string) {
		t.Helper()
		select {
		case <-released:
		case <-time.After(10 * time.Second):
			t.Fatalf("no release %s", what)
		}
	}
	// stopped reports whether the timer was stopped already (it stops it).
	stopped := func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.releaseTimer == nil || !s.releaseTimer.Stop()
	}

	s.releaseLater()
	wait("after a large render")

	s.releaseIdle = time.Hour
	s.releaseLater()
	resume := s.holdRelease()
	if !stopped() {
		t.Error("the wait runs on while a rebuild runs")
	}
	s.releaseIdle = time.Millisecond
	resume()
	wait("after the rebuild that put it off")

	resume = s.holdRelease()
	resume()
	if !stopped() {
		t.Error("a rebuild armed the release with nothing to give back")
	}
}

// TestRebuildReleasesLater checks that a rebuild that renders many pages
// gives their memory back once the server is idle, and not at once.
func TestRebuildReleasesLater(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, releaseAfter+20, 1); err != nil {
		t.Fatal(err)
	}
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true, DestDir: filepath.Join(dir, "public")}, output.NewMem())
	released := make(chan struct{}, 4)
	s := New(b, func(s *Server) {
		s.release = func() { released <- struct{}{} }
		s.releaseIdle = time.Hour
	})
	s.Start(t.Context())
	s.Rebuild(t.Context(), nil)
	s.stopSearch()
	s.mu.Lock()
	pending := s.releasePending
	s.mu.Unlock()
	if !pending {
		t.Fatal("a build of every page left no memory to give back")
	}
	select {
	case <-released:
		t.Fatal("the memory was given back before the server was idle")
	default:
	}
	s.mu.Lock()
	s.releaseIdle = time.Millisecond
	s.armRelease()
	s.mu.Unlock()
	select {
	case <-released:
	case <-time.After(10 * time.Second):
		t.Fatal("no release once idle")
	}
}
