package build

import (
	"time"

	"github.com/playbookhq/playbook/generator/model"
)

// SetPendingWait sets how long PendingPage waits for a page, for tests of
// a page that takes long.
func (s *Session) SetPendingWait(d time.Duration) { s.pendingWait = d }

// PendingGaveUp reports whether PendingPage gave up rendering the pending
// run's pages on request, after one took too long.
func (s *Session) PendingGaveUp() bool {
	run := s.pending.Load()
	return run != nil && run.rest.early.slow.Load()
}

// ModelReused reports whether the last good run reused the site model of
// the one before.
func (s *Session) ModelReused() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.good != nil && s.good.reused
}

// SiteModel returns the site model of the last good run.
func (s *Session) SiteModel() *model.Site {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.good.site
}
