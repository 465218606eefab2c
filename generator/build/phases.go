package build

import (
	"sync/atomic"
	"time"
)

// Phase is the time one phase of a build took.
type Phase struct {
	Name     string
	Duration time.Duration
}

// Progress receives a build's progress: the phase it is in and, while
// pages are rendered, how many of how many are done. It may be called from
// several goroutines at once.
type Progress func(phase string, done, total int)

// clock records how long each phase of a build takes and reports progress.
type clock struct {
	progress Progress
	last     time.Time
	phases   []Phase
}

func newClock(p Progress) *clock { return &clock{progress: p, last: time.Now()} }

// done ends the phase that ran since the last call and starts next.
func (c *clock) done(phase, next string) {
	now := time.Now()
	c.phases = append(c.phases, Phase{Name: phase, Duration: now.Sub(c.last)})
	c.last = now
	if c.progress != nil && next != "" {
		c.progress(next, 0, 0)
	}
}

// counter returns a function to call once per page rendered.
func (c *clock) counter(total int) func() {
	if c.progress == nil {
		return func() {}
	}
	var n atomic.Int64
	step := int64(max(1, total/200))
	return func() {
		if d := n.Add(1); d%step == 0 || d == int64(total) {
			c.progress("render", int(d), total)
		}
	}
}
