package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/playbookhq/playbook/generator/build"
)

// progressLine shows a build's progress on one terminal line, once the
// build has run for a second; it shows nothing when w is not a terminal.
type progressLine struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(w io.Writer) *progressLine {
	if !isTerminal(w) {
		return nil
	}
	return &progressLine{w: w, start: time.Now()}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// update implements build.Progress.
func (p *progressLine) update(phase string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = now
	if total > 0 {
		fmt.Fprintf(p.w, "\r\033[K%s: %d/%d pages", phase, done, total)
	} else {
		fmt.Fprintf(p.w, "\r\033[K%s…", phase)
	}
	p.shown = true
}

// clear removes the progress line.
func (p *progressLine) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// printProfile writes where a build's time went, phase by phase.
func printProfile(w io.Writer, res *build.Result) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\ttime\tshare\t")
	var total time.Duration
	for _, p := range res.Phases {
		total += p.Duration
	}
	for _, p := range res.Phases {
		share := 0.0
		if total > 0 {
			share = 100 * float64(p.Duration) / float64(total)
		}
		fmt.Fprintf(tw, "%s\t%.1f ms\t%4.1f%%\t%s\n", p.Name, float64(p.Duration.Microseconds())/1000, share, strings.Repeat("█", int(share/4)))
	}
	fmt.Fprintf(tw, "total\t%.1f ms\t\t\n", float64(total.Microseconds())/1000)
	_ = tw.Flush()
}
