package serve

import (
	"runtime/debug"
	"runtime/metrics"
)

// WithMemoryBudget tunes Go's garbage collector for a preview, which holds
// its whole site for hours and renders all of it again on each template
// edit. The first build collects at 30% heap growth, not Go's usual 100%,
// which keeps its peak near what the site needs. Once the site is built,
// and again after each rebuild, the server collects at 100% growth, but
// also whenever its memory reaches budget bytes, or one and a half times
// the live heap when that is more (a site larger than budget allows).
// Below budget, a re-render of every page thus runs through fewer
// collections, each of which marks the whole site.
//
// The settings are the process's (debug.SetGCPercent and
// debug.SetMemoryLimit): only a program that runs one server passes this.
// playbook serve does, unless GOGC or GOMEMLIMIT is set.
func WithMemoryBudget(budget int64) Option {
	return func(s *Server) {
		s.gc = &gcTuner{budget: budget, setPercent: debug.SetGCPercent, setLimit: debug.SetMemoryLimit, live: lastLiveHeap}
	}
}

// gcTuner applies WithMemoryBudget; its functions are the runtime's,
// which tests replace.
type gcTuner struct {
	budget     int64
	setPercent func(int) int
	setLimit   func(int64) int64
	live       func() int64
}

// firstBuildGOGC is the collector's setting during the first build, when
// the live heap is not known yet.
const firstBuildGOGC = 30

// start sets the collector for the first build.
func (g *gcTuner) start() {
	if g != nil {
		g.setPercent(firstBuildGOGC)
	}
}

// tune sets the collector for a built site whose live heap is what the
// last collection left.
func (g *gcTuner) tune() {
	if g == nil {
		return
	}
	live := g.live()
	g.setLimit(max(g.budget, live+live/2))
	g.setPercent(100)
}

// lastLiveHeap returns the bytes of heap the last collection found in use.
func lastLiveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(min(s[0].Value.Uint64(), 1<<62))
}
