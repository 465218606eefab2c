package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// percentile returns the p-th percentile of ds by the nearest-rank method
// (the smallest value that at least p% of the values do not exceed).
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(ds))
	rank := (p*len(s) + 99) / 100
	return s[max(rank, 1)-1]
}

var rebuildRE = regexp.MustCompile(`rebuilt in (\d+) ms \((\d+) pages rendered`)

// serverRebuild returns the rebuild time and pages rendered that the
// server reported for one edit, summed over its rebuilds (an edit can
// take more than one when the watcher sees its events apart).
func serverRebuild(lines []string) (d time.Duration, pages int, ok bool) {
	for _, l := range lines {
		m := rebuildRE.FindStringSubmatch(strings.ToLower(l))
		if m == nil {
			continue
		}
		ms, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		d += time.Duration(ms) * time.Millisecond
		pages += n
		ok = true
	}
	return d, pages, ok
}

// print writes the report as Markdown tables.
func (r *result) print(w io.Writer) {
	fmt.Fprintf(w, "\nSite: %d pages; edited page %s (%s)\n", r.pages, r.page, r.url)
	fmt.Fprintf(w, "Machine: %d cores, %s; load average (1, 5, 15 min): %s at the start, %s after the first build, %s at the end\n",
		runtime.NumCPU(), cpuModel(), r.loadStart, orUnknown(r.loadBuilt), orUnknown(r.loadEnd))
	fmt.Fprintf(w, "Edits are atomic saves (a temporary file renamed over the file); each waits for the server to settle\n")
	fmt.Fprintf(w, "(0.7 s, then < 10 ms of CPU in 0.25 s twice). Percentiles by nearest rank.\n\n")
	fmt.Fprintf(w, "| measure | samples | p50 | p90 | max | server's rebuild, p50 | pages rendered, p50 | how |\n")
	fmt.Fprintf(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	fmt.Fprintf(w, "| first build | 1 | %s | | | %s | %d | process start to the server's \"Built\" line (rebuild: the time it reports) |\n",
		ms(r.firstBuild), ms(r.firstBuildReported), r.pages)
	how := map[string]string{
		"content":  "a paragraph appended to the page; write to a GET of the page with it",
		"template": "a `<meta>` added to themes/default/layouts/base.html; write to a GET of the edited page (open, fetched before) with it",
		"config":   "a word added to the title in playbook.toml; write to a GET of the edited page (open) with the new title",
	}
	for _, s := range r.edits {
		if len(s.times) == 0 {
			fmt.Fprintf(w, "| %s edit | 0 | | | | | | %s |\n", s.kind, how[s.kind])
			continue
		}
		var rebuilds []time.Duration
		var rendered []int
		for _, lines := range s.rebuilds {
			if d, n, ok := serverRebuild(lines); ok {
				rebuilds = append(rebuilds, d)
				rendered = append(rendered, n)
			}
		}
		rb, rp := "", ""
		if len(rebuilds) > 0 {
			slices.Sort(rendered)
			rb, rp = ms(percentile(rebuilds, 50)), strconv.Itoa(rendered[(len(rendered)-1)/2])
		}
		fmt.Fprintf(w, "| %s edit | %d | %s | %s | %s | %s | %s | %s |\n", s.kind, len(s.times),
			ms(percentile(s.times, 50)), ms(percentile(s.times, 90)), ms(slices.Max(s.times)), rb, rp, how[s.kind])
		if len(s.others) > 0 {
			fmt.Fprintf(w, "| %s edit, a page not open | %d | %s | %s | %s | | | the same edit, on to a GET of a page not fetched before (a different one each time) with it |\n",
				s.kind, len(s.others), ms(percentile(s.others, 50)), ms(percentile(s.others, 90)), ms(slices.Max(s.others)))
		}
		if len(s.whole) > 0 {
			fmt.Fprintf(w, "| %s edit, every page | %d | %s | %s | %s | | | the same edit, to the server's line saying it rendered the pages not open (until then, a page asked for is rendered on request) |\n",
				s.kind, len(s.whole), ms(percentile(s.whole, 50)), ms(percentile(s.whole, 90)), ms(slices.Max(s.whole)))
		}
	}
	fmt.Fprintf(w, "\n| memory of playbook serve | VmRSS MB | VmHWM (peak) MB |\n| --- | ---: | ---: |\n")
	fmt.Fprintf(w, "| after the first build, settled | %s | %s |\n", mb(r.afterBuild.rss), mb(r.afterBuild.hwm))
	fmt.Fprintf(w, "| after the %s | %s | %s |\n", editCounts(r.edits), mb(r.afterEdits.rss), mb(r.afterEdits.hwm))
}

// editCounts says how many edits of each kind were made.
func editCounts(edits []*series) string {
	var parts []string
	for _, s := range edits {
		parts = append(parts, fmt.Sprintf("%d %s", len(s.times), s.kind))
	}
	return strings.Join(parts, ", ") + " edits"
}

func ms(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
	}
}

func mb(kb int64) string {
	if kb == 0 {
		return "–"
	}
	return strconv.FormatInt((kb+512)/1024, 10)
}

func orUnknown(s string) string {
	if s == "" {
		return "not reached"
	}
	return s
}

// cpuModel returns the first model name in /proc/cpuinfo.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for line := range strings.Lines(string(b)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
