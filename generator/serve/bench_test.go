package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// corpora holds the generated sites, one per size, for all sub-benchmarks.
var corpora sync.Map

func corpusDir(b *testing.B, pages int) string {
	if dir, ok := corpora.Load(pages); ok {
		return dir.(string)
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("playbook-bench-%d-", pages))
	if err != nil {
		b.Fatal(err)
	}
	if err := corpus.Generate(dir, pages, 1); err != nil {
		b.Fatal(err)
	}
	corpora.Store(pages, dir)
	return dir
}

// benchPages lists the site sizes: PLAYBOOK_BENCH_PAGES (comma-separated)
// or 1,000 and 10,000.
func benchPages() []int {
	var out []int
	for f := range strings.SplitSeq(os.Getenv("PLAYBOOK_BENCH_PAGES"), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		out = []int{1000, 10000}
	}
	return out
}

// BenchmarkEditToReload measures what a writer waits for: the time from a
// file write to the reload event on an open page's event stream, through
// the real watcher (15 ms debounce) and an incremental rebuild, on
// generated handbooks. A content edit changes the text of one page; a
// template edit changes the base layout every page uses. Each edit waits
// for the previous one to settle (including the search index), as a
// writer who looks at the result does. It reports p50 and p95 of the
// latency and the memory of the process serving the site.
//
//	go test -run='^$' -bench=EditToReload -benchtime=30x ./generator/serve
func BenchmarkEditToReload(b *testing.B) {
	for _, pages := range benchPages() {
		for _, edit := range []string{"content", "template"} {
			b.Run(fmt.Sprintf("pages=%d/edit=%s", pages, edit), func(b *testing.B) {
				benchEdit(b, corpusDir(b, pages), edit)
			})
		}
	}
	corpora.Range(func(_, dir any) bool {
		_ = os.RemoveAll(dir.(string))
		return true
	})
}

func benchEdit(b *testing.B, dir, edit string) {
	page := filepath.Join(dir, "content/teams/it/area-000/page-00001.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	layout := filepath.Join(dir, "themes/default/layouts/base.html")
	base, err := fs.ReadFile(themes.Default(), "layouts/base.html")
	if err != nil {
		b.Fatal(err)
	}
	if edit == "template" {
		writeBench(b, layout, string(base))
	}
	b.Cleanup(func() {
		_ = os.WriteFile(page, orig, 0o644)
		_ = os.RemoveAll(filepath.Join(dir, "themes"))
	})

	ln, _, err := Listen("127.0.0.1", 0, false)
	if err != nil {
		b.Fatal(err)
	}
	bl := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem())
	s := New(bl)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- s.Run(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	url := "http://" + ln.Addr().String()
	for s.mem.Snapshot().Len() == 0 {
		if time.Since(start) > 10*time.Minute {
			b.Fatal("no first build")
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.Logf("first build: %v", time.Since(start).Round(time.Millisecond))
	events := stream(b, ctx, url)

	var lat []time.Duration
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		settle(b, s, events)
		var path, text string
		if edit == "content" {
			path, text = page, string(orig)+fmt.Sprintf("\nAn edited paragraph, version %d.\n", i)
		} else {
			path, text = layout, strings.Replace(string(base), "</body>", fmt.Sprintf("<span hidden>edit %d</span>\n</body>", i), 1)
		}
		b.StartTimer()
		t0 := time.Now()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		for ev := range events {
			if ev.name == "errors" && ev.data["errors"] != nil && len(ev.data["errors"].([]any)) > 0 {
				b.Fatalf("the edit broke the site: %v", ev.data)
			}
			if ev.name == "reload" {
				break
			}
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
	settle(b, s, events)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	if rss, peak := procMemory(); rss > 0 {
		b.ReportMetric(rss, "rss-MB")
		b.ReportMetric(peak, "peak-rss-MB")
	}
}

// settle waits until the server has no search index to update and no
// event is pending.
func settle(b *testing.B, s *Server, events <-chan event) {
	deadline := time.Now().Add(10 * time.Minute)
	for s.searching.Load() > 0 {
		if time.Now().After(deadline) {
			b.Fatal("the search index never settled")
		}
		time.Sleep(5 * time.Millisecond)
	}
	for {
		select {
		case _, ok := <-events:
			if !ok {
				b.Fatal("the event stream closed")
			}
		case <-time.After(50 * time.Millisecond):
			return
		}
	}
}

// procMemory returns the resident and peak resident memory of this
// process in MB, from /proc (0 elsewhere).
func procMemory() (rss, peak float64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		}
	}
	return rss, peak
}

func writeBench(b *testing.B, p, s string) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		b.Fatal(err)
	}
}
