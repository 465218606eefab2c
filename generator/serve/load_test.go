package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/corpus"
)

// loadFigures is the size of a load test.
type loadFigures struct {
	pages    int           // of the generated site
	clients  int           // fetching pages without pause
	duration time.Duration // how long they fetch
	streams  int           // open event streams
	edits    int           // file edits during the run
}

// TestLoad serves a generated handbook with Run, as "playbook serve" does,
// on 127.0.0.1, and puts it under load: clients fetch its pages without
// pause while event streams stay open and files are edited on disk, each
// edit seen by the real watcher and waited for before the next. A stream
// that never reads and a client that reads slowly run alongside and must
// hold up no one. The test fails on any failed request, on any stream that
// missed a rebuild, or when goroutines or the heap have not gone back to
// what they were before the clients came. It reports requests per second,
// latency (p50, p99, max), events per stream, and the heap and goroutines
// before and after.
//
// By default it is a short run (3 s, 40 clients, 20 streams, 10 edits);
// PLAYBOOK_LOAD=full runs 200 clients for 30 s with 100 streams and 100
// edits:
//
//	PLAYBOOK_LOAD=full go test ./generator/serve -run TestLoad -v -timeout 10m
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	f := loadFigures{pages: 300, clients: 40, duration: 3 * time.Second, streams: 20, edits: 10}
	if os.Getenv("PLAYBOOK_LOAD") == "full" {
		f = loadFigures{pages: 300, clients: 200, duration: 30 * time.Second, streams: 100, edits: 100}
	}
	dir := t.TempDir()
	if err := corpus.Generate(dir, f.pages, 1); err != nil {
		t.Fatal(err)
	}
	r := startServer(t, dir)
	s, url, ctx := r.s, r.url, t.Context()
	announced := func() int {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.count
	}
	waitUntil(t, 2*time.Minute, "the first build", func() bool {
		if errs := s.state().errors; errs != nil {
			t.Fatalf("the first build failed: %v", errs)
		}
		return announced() > 0
	})
	settleSearch(t, s)
	var paths []string
	for _, name := range slices.Sorted(maps.Keys(maps.Collect(s.mem.Snapshot().All()))) {
		if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".css") || strings.HasSuffix(name, ".js") {
			paths = append(paths, "/"+strings.TrimSuffix(name, "index.html"))
		}
	}

	// The baseline: the server with its site built and nobody connected.
	goBefore, heapBefore := settledGoroutines(0), liveHeap()
	announcedBefore := announced()

	tr := &http.Transport{MaxIdleConnsPerHost: f.clients + f.streams + 4, IdleConnTimeout: time.Minute}
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	streamClient := &http.Client{Transport: tr}
	streamCtx, closeStreams := context.WithCancel(ctx)
	defer closeStreams()
	streams := make([]*sseCounter, f.streams)
	for i := range streams {
		streams[i] = openSSE(t, streamCtx, streamClient, url)
	}
	for i, st := range streams {
		waitUntil(t, 30*time.Second, fmt.Sprintf("the hello of stream %d", i), st.greeted)
	}
	// A tab that stopped reading: it must hold up neither the others nor
	// the end of the test.
	stalledCtx, closeStalled := context.WithCancel(ctx)
	defer closeStalled()
	stalled, err := streamClient.Do(mustRequest(stalledCtx, url+"/_playbook/events"))
	if err != nil {
		t.Fatal(err)
	}

	// The clients: each fetches pages in turn until the time is up.
	deadline := time.Now().Add(f.duration)
	lat := make([][]time.Duration, f.clients)
	var failures atomic.Int64
	var failMu sync.Mutex
	var failed []string
	fail := func(format string, args ...any) {
		failures.Add(1)
		failMu.Lock()
		defer failMu.Unlock()
		if len(failed) < 10 {
			failed = append(failed, fmt.Sprintf(format, args...))
		}
	}
	var clients sync.WaitGroup
	for c := range f.clients {
		clients.Go(func() {
			for i := c * 7; time.Now().Before(deadline); i++ {
				p := paths[i%len(paths)]
				start := time.Now()
				resp, err := client.Do(mustRequest(ctx, url+p))
				if err != nil {
					fail("GET %s: %v", p, err)
					continue
				}
				n, err := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				switch {
				case err != nil:
					fail("GET %s: reading the body: %v", p, err)
				case resp.StatusCode != http.StatusOK:
					fail("GET %s: status %d", p, resp.StatusCode)
				case resp.ContentLength >= 0 && n != resp.ContentLength:
					fail("GET %s: %d bytes of %d", p, n, resp.ContentLength)
				}
				lat[c] = append(lat[c], time.Since(start))
			}
		})
	}
	// A slow reader: 1 KB every 20 ms.
	var slowReqs atomic.Int64
	clients.Go(func() {
		buf := make([]byte, 1024)
		for time.Now().Before(deadline) {
			resp, err := client.Do(mustRequest(ctx, url+paths[0]))
			if err != nil {
				fail("slow GET: %v", err)
				return
			}
			for err == nil {
				_, err = resp.Body.Read(buf)
				time.Sleep(20 * time.Millisecond)
			}
			resp.Body.Close()
			if err != io.EOF || resp.StatusCode != http.StatusOK {
				fail("slow GET: status %d, %v", resp.StatusCode, err)
			}
			slowReqs.Add(1)
		}
	})
	// The peak of the heap while the load lasts.
	var heapPeak atomic.Uint64
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for time.Now().Before(deadline) {
			runtime.ReadMemStats(&ms)
			heapPeak.Store(max(heapPeak.Load(), ms.HeapAlloc))
			time.Sleep(250 * time.Millisecond)
		}
	}()

	// The edits, spread over the run: each rewrites a page (a temporary
	// file renamed over it, as editors save) and waits for its reload on
	// the first stream, so that each is a rebuild of its own.
	var editLat []time.Duration
	control := streams[0]
	every := f.duration / time.Duration(f.edits+1)
	for i := range f.edits {
		time.Sleep(time.Until(deadline.Add(-f.duration + time.Duration(i+1)*every)))
		page := filepath.Join(dir, "content", "teams", "it", "area-000", fmt.Sprintf("page-%05d.md", 1+9*(i%5)))
		orig, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.TrimRight(string(orig), "\n")
		if at := strings.LastIndex(text, "\n\nEdited under load"); at >= 0 {
			text = text[:at]
		}
		text += fmt.Sprintf("\n\nEdited under load, edit %d.\n", i+1)
		start := time.Now()
		if err := os.WriteFile(page+".tmp", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(page+".tmp", page); err != nil {
			t.Fatal(err)
		}
		if !control.waitReloads(i+1, 30*time.Second) {
			t.Fatalf("edit %d: no reload within 30 s", i+1)
		}
		editLat = append(editLat, time.Since(start))
	}
	clients.Wait()
	<-sampled
	settleSearch(t, s)

	// Every stream was told about every rebuild, in the same order, and
	// about nothing else.
	rebuilds := announced() - announcedBefore
	if rebuilds != f.edits {
		t.Errorf("%d rebuilds announced for %d edits", rebuilds, f.edits)
	}
	want := control.reloadGens()
	minEv, maxEv := len(want), len(want)
	until := time.Now().Add(10 * time.Second)
	for i, st := range streams {
		st.waitReloads(rebuilds, time.Until(until))
		gens, other, err := st.result()
		minEv, maxEv = min(minEv, len(gens)), max(maxEv, len(gens))
		if !slices.Equal(gens, want) {
			missed := slices.DeleteFunc(slices.Clone(want), func(g string) bool { return slices.Contains(gens, g) })
			t.Errorf("stream %d got %d reload events, want %d; missed %v", i, len(gens), len(want), missed)
		}
		if len(other) > 0 {
			t.Errorf("stream %d got other events: %v", i, other)
		}
		if err != nil {
			t.Errorf("stream %d ended: %v", i, err)
		}
	}

	// The figures.
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	lat = nil
	slices.Sort(all)
	slices.Sort(editLat)
	pct := func(d []time.Duration, p float64) time.Duration {
		if len(d) == 0 {
			return 0
		}
		return d[min(len(d)-1, int(p*float64(len(d))))]
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	t.Logf("site: %d pages (%d files fetched in turn); %d clients for %s, %d event streams, %d edits",
		f.pages, len(paths), f.clients, f.duration, f.streams, f.edits)
	t.Logf("requests: %d (%.0f/s), failed: %d; latency p50 %s, p99 %s, max %s; slow reader: %d requests",
		len(all), float64(len(all))/f.duration.Seconds(), failures.Load(), ms(pct(all, 0.50)), ms(pct(all, 0.99)), ms(all[len(all)-1]), slowReqs.Load())
	t.Logf("rebuilds announced: %d; reload events per stream: min %d, max %d; edit to reload p50 %s, max %s",
		rebuilds, minEv, maxEv, ms(pct(editLat, 0.50)), ms(editLat[len(editLat)-1]))
	all = nil
	for _, msg := range failed {
		t.Error(msg)
	}
	if n := failures.Load(); n > 0 {
		t.Errorf("%d requests failed", n)
	}

	// Everyone leaves: the server lets go of every connection, goroutine
	// and byte they cost.
	closeStreams()
	closeStalled()
	stalled.Body.Close()
	for _, st := range streams {
		<-st.done
	}
	tr.CloseIdleConnections()
	waitUntil(t, 15*time.Second, "the streams to unregister", func() bool { return s.hub.clients() == 0 })
	goAfter := settledGoroutines(goBefore)
	heapAfter := liveHeap()
	mb := func(n uint64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
	t.Logf("heap: %s before, %s peak, %s after; goroutines: %d before, %d after",
		mb(heapBefore), mb(heapPeak.Load()), mb(heapAfter), goBefore, goAfter)
	if goAfter > goBefore {
		t.Errorf("%d goroutines after the clients left, %d before:\n%s", goAfter, goBefore, strings.Join(goroutines(), "\n\n"))
	}
	// The edits changed five pages, whose parsed and rendered forms replace
	// the old ones; a little garbage the collector has not returned is
	// allowed, a leak that grows with requests or events is not.
	if limit := heapBefore + heapBefore/10 + 4<<20; heapAfter > limit {
		t.Errorf("live heap %s after the clients left, %s before", mb(heapAfter), mb(heapBefore))
	}
}

// sseCounter reads one event stream and keeps the reload events it gets.
type sseCounter struct {
	mu      sync.Mutex
	hello   bool
	gens    []string // of the reload events, in order
	other   []string // any event but hello, ping and reload
	err     error    // why the stream ended, if the server ended it
	changed chan struct{}
	done    chan struct{}
}

func openSSE(t *testing.T, ctx context.Context, client *http.Client, url string) *sseCounter {
	t.Helper()
	resp, err := client.Do(mustRequest(ctx, url+"/_playbook/events"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("events: status %d", resp.StatusCode)
	}
	st := &sseCounter{changed: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(st.done)
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		var name, data string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				if ctx.Err() == nil {
					st.mu.Lock()
					st.err = err
					st.mu.Unlock()
				}
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "":
				st.mu.Lock()
				switch name {
				case "hello":
					st.hello = true
				case "ping":
				case "reload":
					var ev struct{ Gen string }
					_ = json.Unmarshal([]byte(data), &ev)
					st.gens = append(st.gens, ev.Gen)
				default:
					st.other = append(st.other, name+" "+data)
				}
				st.mu.Unlock()
				select {
				case st.changed <- struct{}{}:
				default:
				}
				name, data = "", ""
			}
		}
	}()
	return st
}

func (st *sseCounter) greeted() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.hello
}

func (st *sseCounter) reloadGens() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.gens)
}

func (st *sseCounter) result() (gens, other []string, err error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.gens), slices.Clone(st.other), st.err
}

// waitReloads waits until the stream has had n reload events.
func (st *sseCounter) waitReloads(n int, d time.Duration) bool {
	timeout := time.After(d)
	for len(st.reloadGens()) < n {
		select {
		case <-st.changed:
		case <-st.done:
			return len(st.reloadGens()) >= n
		case <-timeout:
			return false
		}
	}
	return true
}

func mustRequest(ctx context.Context, url string) *http.Request {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		panic(err)
	}
	return req
}

// settleSearch waits until the search index is up to date and stays so.
func settleSearch(t *testing.T, s *Server) {
	t.Helper()
	quiet := 0
	waitUntil(t, 2*time.Minute, "the search index", func() bool {
		if s.searching.Load() > 0 {
			quiet = 0
		} else {
			quiet++
		}
		return quiet >= 10
	})
}

func waitUntil(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// settledGoroutines returns the number of goroutines once it is at most
// want, or after ten seconds of waiting for that (want 0: after it has not
// changed for a while).
func settledGoroutines(want int) int {
	deadline := time.Now().Add(10 * time.Second)
	n, same := runtime.NumGoroutine(), 0
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		m := runtime.NumGoroutine()
		if want > 0 && m <= want {
			return m
		}
		if m == n {
			same++
		} else {
			n, same = m, 0
		}
		if want == 0 && same >= 10 {
			return n
		}
	}
	return runtime.NumGoroutine()
}

// liveHeap returns the bytes of the heap still in use after collections.
func liveHeap() uint64 {
	var ms runtime.MemStats
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
