package watch

import (
	"context"
	"errors"
	"hash/fnv"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/playbookhq/playbook/generator/sitefs"
)

// Watcher watches folders recursively and reports changed paths in batches.
// Create it with New; a Watcher runs once.
type Watcher struct {
	roots []string
	// debounce is the quiet time that ends a batch of a few paths (a
	// save), burstDebounce that of a larger one (a checkout, a copy).
	debounce      time.Duration
	burstDebounce time.Duration
	maxWait       time.Duration
	poll          time.Duration
	force         bool
	ignore        func(path string, dir bool) bool
	log           *slog.Logger

	// newFS and add are fsnotify.NewWatcher and (*fsnotify.Watcher).Add;
	// tests replace them to simulate system limits.
	newFS func() (*fsnotify.Watcher, error)
	add   func(fw *fsnotify.Watcher, dir string) error
	// now is time.Now; tests move it to make files' times old.
	now func() time.Time
	// ready, when set, is called once every folder is watched, or once
	// polling has taken its first look: changes made after it are
	// reported. It is called again after a fall back to polling. Tests set
	// it so that they wait for the Watcher rather than for a while.
	ready func()
}

// Option configures a Watcher.
type Option func(*Watcher)

// WithPoll makes the Watcher poll the folders every interval instead of
// using file-system events: for network drives and containers, where events
// do not arrive. An interval of 0 keeps the default of one second.
func WithPoll(interval time.Duration) Option {
	return func(w *Watcher) {
		w.force = true
		if interval > 0 {
			w.poll = interval
		}
	}
}

// WithIgnore leaves out paths for which ignore returns true, in addition
// to editor temporary files and hidden files; an ignored folder is not
// entered.
func WithIgnore(ignore func(path string, dir bool) bool) Option {
	return func(w *Watcher) { w.ignore = ignore }
}

// WithLogger sets where the Watcher reports that it falls back to polling,
// and errors it can do nothing about (by default, nowhere).
func WithLogger(l *slog.Logger) Option {
	return func(w *Watcher) {
		if l != nil {
			w.log = l
		}
	}
}

// New returns a Watcher for the folders roots, which must exist when Run
// starts. A batch of at most burstPaths paths is reported once the
// folders have been quiet for 15 ms, a larger one after 50 ms, and a
// steady stream of changes at least every half second. 15 ms is far more
// than an editor's save takes (a write, or a write to a temporary file and
// a rename, within a millisecond or two), and a writer waits for it on
// every save; a git checkout of a few thousand files, on a busy machine,
// can pause for longer between two of them, which would split it into
// rebuilds of half-changed sites.
func New(roots []string, opts ...Option) *Watcher {
	w := &Watcher{
		debounce:      15 * time.Millisecond,
		burstDebounce: 50 * time.Millisecond,
		maxWait:       500 * time.Millisecond,
		poll:          time.Second,
		log:           slog.New(slog.DiscardHandler),
		now:           time.Now,
		newFS:         fsnotify.NewWatcher,
		add:           func(fw *fsnotify.Watcher, dir string) error { return fw.Add(dir) },
	}
	for _, r := range roots {
		if abs, err := filepath.Abs(r); err == nil {
			r = abs
		}
		w.roots = append(w.roots, filepath.Clean(r))
	}
	for _, o := range opts {
		o(w)
	}
	return w
}

// Run watches until ctx is cancelled, calling fn with the absolute paths
// that changed, sorted, after each burst of changes. A path may name a file
// or a folder, and may no longer exist. changed is nil when changes may have
// been missed (the event queue overflowed, or the Watcher had to switch to
// polling): treat everything as changed. fn is called from one goroutine at
// a time; changes made while it runs are reported in the next call. Run
// returns nil when ctx is cancelled, or an error when it cannot start.
func (w *Watcher) Run(ctx context.Context, fn func(changed []string)) error {
	for _, r := range w.roots {
		if st, err := os.Stat(r); err != nil {
			return err
		} else if !st.IsDir() {
			return &fs.PathError{Op: "watch", Path: r, Err: syscall.ENOTDIR}
		}
	}
	b := newBatch()
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-b.ready:
			}
			if changed, ok := b.take(); ok {
				fn(changed)
			}
		}
	})
	if !w.force {
		err := w.runEvents(ctx, b)
		if !errors.Is(err, errFallBack) {
			return err
		}
	}
	w.runPoll(ctx, b)
	return nil
}

// errFallBack says that events cannot cover every folder.
var errFallBack = errors.New("fall back to polling")

// limitErr reports whether err means the system ran out of watches, file
// descriptors or inotify instances.
func limitErr(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

// batch collects changed paths between the event loop and fn's goroutine.
type batch struct {
	mu    sync.Mutex
	paths map[string]bool
	all   bool
	ready chan struct{}
}

func newBatch() *batch { return &batch{paths: map[string]bool{}, ready: make(chan struct{}, 1)} }

// send hands paths (or, with all, everything) to fn's goroutine.
func (b *batch) send(paths map[string]bool, all bool) {
	if len(paths) == 0 && !all {
		return
	}
	b.mu.Lock()
	maps.Copy(b.paths, paths)
	b.all = b.all || all
	b.mu.Unlock()
	select {
	case b.ready <- struct{}{}:
	default:
	}
}

func (b *batch) take() ([]string, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.paths) == 0 && !b.all {
		return nil, false
	}
	var out []string
	if !b.all {
		out = slices.Sorted(maps.Keys(b.paths))
	}
	b.paths, b.all = map[string]bool{}, false
	return out, true
}

// skip reports whether a path is left out: editor files, hidden files and
// whatever the ignore option says.
func (w *Watcher) skip(p string, dir bool) bool {
	if slices.Contains(w.roots, p) {
		return false
	}
	name := filepath.Base(p)
	// GitBook's .gitbook folder is watched for its assets folder, the one
	// hidden folder a site publishes (see sitefs.GitBookAssets), .github
	// and .gitlab for the CODEOWNERS file they may hold, GitBook's
	// .gitbook.yaml for its redirects, awesome-pages' .pages for its
	// folder's title and order, and .eleventyignore for the files it
	// leaves out. A folder moved away or removed
	// is no longer known to be one: the name tells.
	watched := watchedHidden[name] || !dir && sitefs.ExemptName(name)
	if strings.HasPrefix(name, ".") && !watched || !dir && sitefs.EditorFile(name) {
		return true
	}
	return w.ignore != nil && w.ignore(p, dir)
}

// watchedHidden are the hidden folders that are watched.
var watchedHidden = map[string]bool{".gitbook": true, ".github": true, ".gitlab": true}

// runEvents watches with fsnotify. It returns errFallBack when it cannot
// watch every folder, having said so.
func (w *Watcher) runEvents(ctx context.Context, b *batch) error {
	fw, err := w.newFS()
	if err != nil {
		if limitErr(err) {
			return w.fallBack("cannot watch for changes", err)
		}
		return err
	}
	defer fw.Close()
	e := &events{w: w, fw: fw, watched: map[string]bool{}, pending: map[string]bool{}, timer: time.NewTimer(time.Hour)}
	e.timer.Stop()
	for _, r := range w.roots {
		if err := e.addTree(r, false); err != nil {
			return w.fallBack("cannot watch every folder", err)
		}
	}
	w.signalReady()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			e.error(err)
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if err := e.event(ev); err != nil {
				b.send(nil, true)
				return w.fallBack("cannot watch every folder", err)
			}
		case <-e.timer.C:
			b.send(e.pending, e.overflow)
			e.pending, e.overflow, e.first = map[string]bool{}, false, time.Time{}
		}
	}
}

// fallBack says that the Watcher polls instead of watching, and why, and
// returns errFallBack.
func (w *Watcher) fallBack(what string, err error) error {
	w.log.Warn(what+": "+err.Error()+"; polling instead", "interval", w.poll)
	return errFallBack
}

func (w *Watcher) signalReady() {
	if w.ready != nil {
		w.ready()
	}
}

// events is the state of runEvents: the folders watched and the batch of
// changes being collected.
type events struct {
	w        *Watcher
	fw       *fsnotify.Watcher
	watched  map[string]bool
	pending  map[string]bool
	overflow bool      // events were lost since the last batch
	first    time.Time // when the batch's first change arrived
	timer    *time.Timer
}

// addTree watches dir and the folders below it; with report, the files
// found are recorded as changed (they may have been written before the
// watch was in place). It fails only when the system is out of watches.
func (e *events) addTree(dir string, report bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone again, or unreadable: nothing to watch
		}
		if e.w.skip(p, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if report {
			e.pending[p] = true
		}
		if !d.IsDir() || e.watched[p] {
			return nil
		}
		if err := e.w.add(e.fw, p); err != nil {
			if limitErr(err) {
				return err
			}
			return nil
		}
		e.watched[p] = true
		return nil
	})
}

// unwatch forgets p and the folders below it.
func (e *events) unwatch(p string) {
	for d := range e.watched {
		if d == p || strings.HasPrefix(d, p+string(filepath.Separator)) {
			delete(e.watched, d)
			_ = e.fw.Remove(d)
		}
	}
}

// burstPaths is the most paths a batch that debounce ends has: a save
// names the file, and maybe its folder or a file it replaced.
const burstPaths = 3

// arm sets the timer for the batch: a debounce period from now, but no
// later than maxWait after the batch's first change.
func (e *events) arm() {
	now := time.Now()
	if e.first.IsZero() {
		e.first = now
	}
	e.timer.Reset(e.wait(now))
}

// wait is the time from now to the end of the batch.
func (e *events) wait(now time.Time) time.Duration {
	wait := e.w.debounce
	if len(e.pending) > burstPaths {
		wait = max(wait, e.w.burstDebounce)
	}
	if rest := e.w.maxWait - now.Sub(e.first); rest < wait {
		wait = max(rest, 0)
	}
	return wait
}

// error handles an error from fsnotify: a queue overflow makes the batch
// say that everything changed; other errors are logged.
func (e *events) error(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		e.overflow = true
		e.arm()
		return
	}
	e.w.log.Warn("watching for changes: " + err.Error())
}

// event records one fsnotify event, and watches a folder that appears. It
// fails only when the system is out of watches.
func (e *events) event(ev fsnotify.Event) error {
	// A chmod alone (or a touch) is reported too: a file that can no
	// longer be read, or can be again, builds differently.
	p := filepath.Clean(ev.Name)
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		e.unwatch(p)
	}
	isDir := false
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(p); err == nil && st.IsDir() {
			isDir = true
		}
	}
	if e.w.skip(p, isDir) {
		return nil
	}
	e.pending[p] = true
	if isDir {
		if err := e.addTree(p, true); err != nil {
			return err
		}
	}
	e.arm()
	return nil
}

// racyWindow is how recent a file's times must be for polling not to trust
// them. File systems store times coarsely (a kernel tick on Linux, two
// seconds on FAT), so a second save within that step keeps size and times
// alike; git's index calls such entries "racily clean" and compares their
// content, and so does the poller. A time further ahead than the window
// (a clock set ahead, files unpacked from another machine) is not racy: a
// save sets the time to now, which differs from it.
const racyWindow = 2 * time.Second

// maxHashed bounds the size of a racy file whose content is compared;
// larger files are judged by their size and times alone.
const maxHashed = 16 << 20

// fileState is what polling compares.
type fileState struct {
	size  int64
	mtime time.Time
	// ctime is the inode's change time where the system has one: a copy
	// that kept an old modification time (cp -p, rsync -t), renamed over
	// or written in place, has a new one. It is compared rather than the
	// inode number, which network file systems may not keep stable.
	ctime time.Time
	mode  fs.FileMode
	sum   uint64 // content hash, while the times are too recent to trust
	racy  bool   // the times are too recent to trust
}

// same reports whether nothing polling can see has changed from old to st.
func (st fileState) same(old fileState) bool {
	return st.size == old.size && st.mtime.Equal(old.mtime) && st.ctime.Equal(old.ctime) &&
		st.mode == old.mode && st.sum == old.sum
}

// contentSum hashes the regular file rel of fsys, or returns 0 when it
// cannot be read, is larger than maxHashed, or is no longer a regular
// file: sitefs reads without waiting on a named pipe put in its place.
func contentSum(fsys fs.FS, rel string) uint64 {
	data, err := sitefs.ReadFile(fsys, rel, maxHashed)
	if err != nil {
		return 0
	}
	h := fnv.New64a()
	h.Write(data)
	return h.Sum64() | 1 // never 0, which means "not hashed"
}

// scan records the state of every file and folder under the roots. A
// regular file whose times lie within racyWindow of now, or that was
// hashed in prev, is hashed, so that a save that left its size and times
// alike is still seen.
func (w *Watcher) scan(ctx context.Context, prev map[string]fileState) map[string]fileState {
	out := map[string]fileState{}
	now := w.now()
	racy := func(t time.Time) bool {
		return t.After(now.Add(-racyWindow)) && !t.After(now.Add(racyWindow))
	}
	for _, r := range w.roots {
		fsys := sitefs.Dir(r)
		_ = filepath.WalkDir(r, func(p string, d fs.DirEntry, err error) error {
			if err != nil || ctx.Err() != nil {
				return ctx.Err()
			}
			if w.skip(p, d.IsDir()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			st := fileState{mode: info.Mode()}
			if !d.IsDir() {
				st.size, st.mtime, st.ctime = info.Size(), info.ModTime(), changeTime(info)
			}
			if st.mode.IsRegular() {
				st.racy = racy(st.mtime) || racy(st.ctime)
				if rel, err := filepath.Rel(r, p); err == nil && (st.racy || prev[p].sum != 0) {
					st.sum = contentSum(fsys, filepath.ToSlash(rel))
				}
			}
			out[p] = st
			return nil
		})
		fsys.Close()
	}
	return out
}

// diff returns the paths whose state differs between prev and cur, and
// drops from cur the content hashes that later polls no longer need.
func diff(prev, cur map[string]fileState) map[string]bool {
	changed := map[string]bool{}
	for p, st := range cur {
		if old, ok := prev[p]; !ok || !st.same(old) {
			changed[p] = true
		}
		if !st.racy && st.sum != 0 {
			// Hashed for this comparison only: its time is now old
			// enough that a later save will change it.
			st.sum = 0
			cur[p] = st
		}
	}
	for p := range prev {
		if _, ok := cur[p]; !ok {
			changed[p] = true
		}
	}
	return changed
}

// runPoll compares the folders' state every poll interval.
func (w *Watcher) runPoll(ctx context.Context, b *batch) {
	prev := w.scan(ctx, nil)
	w.signalReady()
	t := time.NewTicker(w.poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur := w.scan(ctx, prev)
		if ctx.Err() != nil {
			return
		}
		changed := diff(prev, cur)
		prev = cur
		b.send(changed, false)
	}
}
