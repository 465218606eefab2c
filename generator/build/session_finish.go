package build

import (
	"context"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/render"
	"github.com/playbookhq/playbook/generator/search"
)

// The work a Session leaves for after a run: the pages not open when every
// page must be rendered again, and the search index.

// hotFirst returns the open pages (see SetHot) of a large site that a run
// must render in full, and marks the run as leaving the rest to
// FinishRender; nil means all pages now.
func (s *Session) hotFirst(f *front, in render.Input, r *render.Renderer) []*model.Page {
	if s.good == nil || s.hot == nil || s.hotFailed || len(f.site.Pages()) < hotMin {
		return nil
	}
	open := setOf(s.hot())
	hot := map[*model.Page]bool{}
	now := pagesAt(f.site, open)
	for _, p := range now {
		hot[p] = true
	}
	// An open page the change took away goes now, not with the rest.
	var gone []string
	for name := range pagesAt(s.good.site, open) {
		if now[name] == nil {
			gone = append(gone, name)
		}
	}
	if len(hot) == 0 && len(gone) == 0 {
		return nil
	}
	gone = append(gone, goneFiles(s.good.site, f.site, open)...)
	slices.Sort(gone)
	s.cur.partial, s.cur.extras, s.cur.gone = true, true, gone
	s.cur.rest = &rest{front: f, r: r, hot: hot, early: &onDemand{in: in, wait: s.pendingWait}}
	return render.Sorted(f.site, hot)
}

// rest is what a run that rendered the open pages only leaves to
// FinishRender: the run's front and renderer, the pages it rendered, and
// what renders the others on request (PendingPage) meanwhile.
type rest struct {
	*front
	r     *render.Renderer
	hot   map[*model.Page]bool
	early *onDemand
}

// goneFiles returns the files of the pages of old that site does not
// publish, but for those named in skip: they go at once, as a page asked
// for before FinishRender is done must not be served from the old site.
func goneFiles(old, site *model.Site, skip map[string]bool) []string {
	var gone []string
	for _, p := range old.Pages() {
		for k := 1; k <= p.ListPages(); k++ {
			name := p.ListPageFile(k)
			if !skip[name] && !site.Publishes(name) {
				gone = append(gone, name)
			}
		}
	}
	return gone
}

// pagesAt returns the pages of site that the open names show, by name: a
// page's own file, or one of its further list pages (rendering the page
// renders those).
func pagesAt(site *model.Site, open map[string]bool) map[string]*model.Page {
	at := map[string]*model.Page{}
	for name := range open {
		if p, _ := site.PageAtFile(name); p != nil {
			at[name] = p
		}
	}
	return at
}

// PendingPage returns the file name of the site ("guide/index.html") as
// the last run makes it, when that run left its page to FinishRender:
// rendered now, so that a page opened while the rest of the site is being
// rendered shows the change at once. The bytes are those FinishRender will
// publish. ok is false when memory already holds the file as the run makes
// it, when no page of the site writes it, and when the page cannot be
// rendered, which FinishRender then reports.
func (s *Session) PendingPage(ctx context.Context, name string) (data []byte, ok bool) {
	run := s.pending.Load()
	if run == nil {
		return nil, false
	}
	p, _ := run.rest.site.PageAtFile(name)
	if p == nil || run.rest.hot[p] {
		return nil, false
	}
	return run.rest.early.render(ctx, p, name)
}

// onDemand renders pages of a run on request, with a renderer of its own:
// a page whose layout runs without end stops the renderer it runs in
// (render.Renderer.Pages), and must not stop FinishRender's, which would
// then leave pages out without saying why; FinishRender reports it when
// it comes to that page.
type onDemand struct {
	in   render.Input
	wait time.Duration // see pendingWait
	once sync.Once
	r    *render.Renderer
	// slow is set once a page took longer than wait: the layout
	// may never end, and each request would start another that runs on.
	// The run's pages are then left to FinishRender.
	slow atomic.Bool
}

// pendingWait is how long a request waits for a page to be rendered
// (PendingPage) before the old page is served: pages take milliseconds.
const pendingWait = 2 * time.Second

// render renders p and returns its file, name; false when the page failed
// or took longer than wait.
func (o *onDemand) render(ctx context.Context, p *model.Page, name string) ([]byte, bool) {
	if o.slow.Load() {
		return nil, false
	}
	o.once.Do(func() { o.r = render.New(o.in) })
	type result struct {
		data []byte
		ok   bool
	}
	done := make(chan result, 1)
	go func() {
		w := &fileCatcher{name: name}
		diags, err := o.r.Pages(ctx, w, []*model.Page{p}, nil)
		done <- result{w.data, err == nil && diags.Err() == nil && w.data != nil}
	}()
	timer := time.NewTimer(o.wait)
	defer timer.Stop()
	select {
	case res := <-done:
		return res.data, res.ok
	case <-timer.C:
		o.slow.Store(true)
	case <-ctx.Done():
	}
	return nil, false
}

// fileCatcher is an output.Writer that keeps one file, name, of those
// written to it.
type fileCatcher struct {
	name string
	data []byte
}

func (w *fileCatcher) WriteFile(name string, data []byte) error {
	if name == w.name {
		w.data = data
	}
	return nil
}

// FinishRender renders the pages a Rebuild left for later
// (Result.RenderPending) and publishes the whole site, returning the files
// that changed. It does nothing when no pages are pending. When one of
// those pages cannot be rendered, it returns a *diag.ListError, and memory
// goes back to the last site published whole, as the open pages the
// Rebuild published came from a build that fails; the files that changed
// are returned with the error. Like
// FinishSearch it works without holding up Rebuild, and drops its work
// when ctx is cancelled or a Rebuild publishes a newer site meanwhile.
func (s *Session) FinishRender(ctx context.Context) ([]string, error) {
	s.mu.Lock()
	good := s.good
	s.mu.Unlock()
	if good == nil || good.rest == nil {
		return nil, nil
	}
	f, r := good.rest.front, good.rest.r
	col := s.mem.NewCollector()
	diags, err := r.Pages(ctx, col.Borrowing(), nil, nil)
	if err != nil {
		return nil, err
	}
	nf, err := r.NotFound(col)
	if err != nil {
		return nil, err
	}
	if diags = append(diags, nf...); diags.Err() != nil {
		// A page the run did not render fails: the site stays as the run
		// left it, and the next run renders every page again (see plan),
		// all of them before it publishes, so that it fails as a full build
		// does until the error is fixed.
		var changed []string
		s.mu.Lock()
		if s.good == good {
			s.hotFailed = true
			s.pending.Store(nil)
			if good.before != nil {
				next := *good
				next.snap = s.mem.Update(good.before, s.mem.NewCollector(), nil)
				s.good = &next
				changed = changedFiles(good.snap, next.snap)
			}
		}
		s.mu.Unlock()
		return changed, finish(ctx, diags)
	}
	// The rest is as the run wrote it, in the order a full build writes
	// it, so that the same files win.
	var names []string
	for _, fl := range f.site.Files() {
		names = append(names, fl[1])
	}
	for _, n := range slices.Concat(names, f.site.StaticFiles()) {
		name, err := output.CleanName(n)
		if err != nil {
			continue
		}
		if p, ok := good.snap.Packed(name); ok {
			col.Put(name, p)
		}
	}
	for _, names := range []map[string]bool{good.assetNames, good.extraNames, good.searchNames} {
		for _, n := range slices.Sorted(maps.Keys(names)) {
			if p, ok := good.snap.Packed(n); ok {
				col.Put(n, p)
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.good != good {
		return nil, nil // a newer build
	}
	s.mem.Publish(col)
	next := *good
	next.snap, next.rest, next.before = s.mem.Snapshot(), nil, nil
	s.good = &next
	s.pending.Store(nil)
	return changedFiles(good.snap, next.snap), nil
}

// FinishSearch brings the search index of the site in memory up to date
// after a Rebuild that left it pending, and returns the files that changed.
// It does nothing when the index is current. The index is built without
// holding up Rebuild; when ctx is cancelled or a Rebuild publishes a newer
// site meanwhile, the work is dropped and the index stays pending.
func (s *Session) FinishSearch(ctx context.Context) ([]string, error) {
	s.mu.Lock()
	good := s.good
	s.mu.Unlock()
	if good == nil || !good.searchStale {
		return nil, nil
	}
	// The site and parses of a published build are not changed by later
	// builds (they reuse them read-only), so the index can be built
	// without the lock. It cannot be stopped half way, so a cancelled one
	// runs on; one at a time, so that cancelled ones do not pile up.
	select {
	case s.searchSlot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	done := make(chan []search.File, 1)
	go func() {
		defer func() { <-s.searchSlot }()
		done <- render.SearchFiles(good.site, good.analyses, s.search)
	}()
	var files []search.File
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case files = <-done:
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.good != good {
		return nil, nil // a newer build; its own index is pending
	}
	next := *good
	next.searchNames = map[string]bool{}
	changed := s.mem.NewCollector()
	for _, f := range files {
		if err := changed.WriteFile(f.Name, f.Data); err != nil {
			return nil, err
		}
		next.searchNames[f.Name] = true
	}
	var removed []string
	for n := range good.searchNames {
		if !next.searchNames[n] {
			removed = append(removed, n)
		}
	}
	names := slices.Concat(changed.Names(), removed)
	snap := s.mem.Update(good.snap, changed, removed)
	next.snap, next.searchStale = snap, false
	s.good = &next
	return changedNames(good.snap, snap, names), nil
}

// changedFiles lists the files that differ between two sites, sorted.
func changedFiles(old, cur *output.Snapshot) []string {
	out := []string{}
	for name, data := range cur.All() {
		if prev, ok := old.Packed(name); !ok || !prev.Equal(data) {
			out = append(out, name)
		}
	}
	for name := range old.All() {
		if _, ok := cur.Packed(name); !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// changedNames lists which of the names differ between two sites, sorted.
func changedNames(old, cur *output.Snapshot, names []string) []string {
	out := []string{}
	for _, name := range names {
		prev, inOld := old.Packed(name)
		data, inCur := cur.Packed(name)
		if inOld != inCur || !prev.Equal(data) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}
