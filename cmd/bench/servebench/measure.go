package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"time"
)

// settleAfter is the least time to wait after an edit before the next:
// the server updates the search index 0.5 s after edits pause.
const settleAfter = 700 * time.Millisecond

// memory is a reading of the server's /proc/PID/status, in kB.
type memory struct{ rss, hwm int64 }

// series is the timings of one kind of edit.
type series struct {
	kind     string
	file     string          // the file edited, relative to the site
	times    []time.Duration // until the edited page had the change
	others   []time.Duration // until a page not served before had it too
	whole    []time.Duration // until the server said the pages not open were rendered
	rebuilds [][]string      // the server's "Rebuilt in" lines, per edit
}

// result is everything measured.
type result struct {
	page, url                      string
	pages                          int
	firstBuild, firstBuildReported time.Duration
	afterBuild, afterEdits         memory
	edits                          []*series
	loadStart, loadBuilt, loadEnd  string
}

// measure starts the server, waits for its first build and makes the
// edits. It returns what it measured so far along with any error.
func measure(ctx context.Context, o options, stderr io.Writer) (*result, error) {
	r := &result{page: path.Join(filepath.ToSlash(o.content), o.page), url: pageURL(o.page), loadStart: loadavg()}
	fmt.Fprintf(stderr, "servebench: starting %s serve -s %s\n", o.bin, o.site)
	t0 := time.Now()
	s, err := start(ctx, o.bin, o.site)
	if err != nil {
		return nil, err
	}
	defer s.stop()
	if r.pages, r.firstBuildReported, err = s.firstBuild(ctx, o.timeout); err != nil {
		return nil, err
	}
	r.firstBuild = time.Since(t0)
	if err := s.listen(ctx); err != nil {
		return nil, err
	}
	if _, err := s.get(ctx, r.url); err != nil {
		return nil, fmt.Errorf("the page to edit, %s: %w", r.page, err)
	}
	fmt.Fprintf(stderr, "servebench: built %d pages in %v; waiting for the server to settle\n", r.pages, r.firstBuild.Round(time.Millisecond))
	if err := s.settle(ctx, settleAfter, o.timeout); err != nil {
		return nil, err
	}
	r.loadBuilt = loadavg()
	if r.afterBuild.rss, r.afterBuild.hwm, err = s.memory(); err != nil {
		return nil, err
	}
	plan := []struct {
		kind, file string
		n          int
		others     []string
		change     func(orig []byte, word string) ([]byte, error)
	}{
		{"content", filepath.Join(o.content, filepath.FromSlash(o.page)), o.edits, nil, appendParagraph},
		{"template", filepath.Join("themes", "default", "layouts", "base.html"), o.fullEdits, o.others[:o.fullEdits], addMeta},
		{"config", "playbook.toml", o.fullEdits, o.others[o.fullEdits:], retitle},
	}
	for _, p := range plan {
		sr := &series{kind: p.kind, file: p.file}
		r.edits = append(r.edits, sr)
		if err := s.editSeries(ctx, o, sr, r.url, p.others, p.n, p.change, stderr); err != nil {
			return r, err
		}
	}
	if r.afterEdits.rss, r.afterEdits.hwm, err = s.memory(); err != nil {
		return r, err
	}
	r.loadEnd = loadavg()
	return r, nil
}

// editSeries makes n edits of one file, each on the original with a new
// word, timing each until the page at url has it (and then others[i], when
// given) and letting the server settle after it.
func (s *server) editSeries(ctx context.Context, o options, sr *series, url string, others []string, n int,
	change func(orig []byte, word string) ([]byte, error), stderr io.Writer) (err error) {
	name := filepath.Join(o.site, sr.file)
	orig, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	// The file is put back as it was, and the words carry the run's
	// start, so that a later run on the same copy does not find its words
	// on the pages before its edits do.
	defer func() {
		if err == nil {
			err = writeAtomic(name, orig)
		}
		if err == nil {
			err = s.settle(ctx, settleAfter, o.timeout)
		}
	}()
	for i := range n {
		word := fmt.Sprintf("servebench%s%s%03d", sr.kind, o.run, i+1)
		data, err := change(orig, word)
		if err != nil {
			return fmt.Errorf("%s: %w", sr.file, err)
		}
		urls := []string{url}
		if others != nil {
			urls = append(urls, pageURL(others[i]))
		}
		ds, err := s.timeEdit(ctx, name, data, urls, word, o.timeout)
		if err != nil {
			return fmt.Errorf("%s edit %d of %s: %w", sr.kind, i+1, sr.file, err)
		}
		if err := s.settle(ctx, settleAfter, o.timeout); err != nil {
			return err
		}
		if d, ok := s.restTime(); ok {
			sr.whole = append(sr.whole, d)
		}
		sr.times = append(sr.times, ds[0])
		msg := ds[0].Round(100 * time.Microsecond).String()
		if len(ds) > 1 {
			sr.others = append(sr.others, ds[1])
			msg += fmt.Sprintf(", %s %v", urls[1], ds[1].Round(100*time.Microsecond))
		}
		sr.rebuilds = append(sr.rebuilds, s.rebuilds())
		fmt.Fprintf(stderr, "servebench: %s edit %d of %d: %s\n", sr.kind, i+1, n, msg)
	}
	return nil
}

// timeEdit writes data to name and returns, for each of urls in turn, the
// time until a GET of it returns a page holding word. It fetches the page
// on every event of the event stream and every 100 ms, and the next one at
// once. Only the first url may fail to load for a while.
func (s *server) timeEdit(ctx context.Context, name string, data []byte, urls []string, word string, timeout time.Duration) ([]time.Duration, error) {
	for len(s.events) > 0 {
		<-s.events
	}
	s.rebuilds()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	t0 := time.Now()
	s.restMu.Lock()
	s.editAt = t0
	s.restMu.Unlock()
	if err := writeAtomic(name, data); err != nil {
		return nil, err
	}
	var (
		ds      []time.Duration
		lastErr error
	)
	for {
		select {
		case <-s.events:
		case <-tick.C:
		case <-deadline.C:
			return nil, fmt.Errorf("%s did not change in %v (last error: %v; server: %s)", urls[len(ds)], timeout, lastErr, s.lastOutput())
		case <-s.exited:
			return nil, fmt.Errorf("playbook serve ended: %s", s.lastOutput())
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		for len(ds) < len(urls) {
			body, err := s.get(ctx, urls[len(ds)])
			if err != nil && len(ds) > 0 {
				return nil, err
			}
			if err != nil || !bytes.Contains(body, []byte(word)) {
				lastErr = err
				break
			}
			ds = append(ds, time.Since(t0))
		}
		if len(ds) == len(urls) {
			return ds, nil
		}
	}
}

// appendParagraph adds a paragraph holding word at the end of a page.
func appendParagraph(orig []byte, word string) ([]byte, error) {
	return fmt.Appendf(bytes.Clone(orig), "\n\nAn edit made by servebench: %s.\n", word), nil
}

// addMeta adds <meta name="servebench" content="word"> after the charset
// tag of a page template.
func addMeta(orig []byte, word string) ([]byte, error) {
	const anchor = `<meta charset="utf-8">`
	i := bytes.Index(orig, []byte(anchor))
	if i < 0 {
		return nil, fmt.Errorf("no %s to add a tag after", anchor)
	}
	i += len(anchor)
	return fmt.Appendf(bytes.Clone(orig[:i]), "\n<meta name=\"servebench\" content=\"%s\">%s", word, orig[i:]), nil
}

var titleRE = regexp.MustCompile(`(?m)^title\s*=\s*"([^"\\]*)"`)

// retitle adds word to the site title of playbook.toml (the first title
// line), or sets the title to word when the file has none.
func retitle(orig []byte, word string) ([]byte, error) {
	if m := titleRE.FindSubmatchIndex(orig); m != nil {
		return fmt.Appendf(bytes.Clone(orig[:m[3]]), " %s%s", word, orig[m[3]:]), nil
	}
	return fmt.Appendf(nil, "title = %q\n%s", word, orig), nil
}

// loadavg returns the first three fields of /proc/loadavg.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return "unknown"
	}
	return string(bytes.Join(f[:3], []byte(" ")))
}
