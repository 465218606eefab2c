package watch

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher watches folders recursively and reports changed paths in batches.
// Create it with New; a Watcher runs once.
type Watcher struct {
	roots    []string
	debounce time.Duration
	maxWait  time.Duration
	poll     time.Duration
	force    bool
	ignore   func(path string, dir bool) bool
	log      *slog.Logger

	// newFS and add are fsnotify.NewWatcher and (*fsnotify.Watcher).Add;
	// tests replace them to simulate system limits.
	newFS func() (*fsnotify.Watcher, error)
	add   func(fw *fsnotify.Watcher, dir string) error
}

// Option configures a Watcher.
type Option func(*Watcher)

// WithDebounce sets how long the folders must be quiet before a batch is
// reported (25 ms by default). A steady stream of changes is reported at
// least every 20 debounce periods.
func WithDebounce(d time.Duration) Option {
	return func(w *Watcher) {
		if d > 0 {
			w.debounce = d
		}
	}
}

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

// WithPollInterval sets the interval of polling, forced or as a fallback
// (one second by default), without forcing it.
func WithPollInterval(interval time.Duration) Option {
	return func(w *Watcher) {
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
// starts.
func New(roots []string, opts ...Option) *Watcher {
	w := &Watcher{
		debounce: 25 * time.Millisecond,
		poll:     time.Second,
		log:      slog.New(slog.DiscardHandler),
		newFS:    fsnotify.NewWatcher,
		add:      func(fw *fsnotify.Watcher, dir string) error { return fw.Add(dir) },
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
	w.maxWait = 20 * w.debounce
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
	if strings.HasPrefix(name, ".") || !dir && EditorFile(name) {
		return true
	}
	return w.ignore != nil && w.ignore(p, dir)
}

var sedTemp = regexp.MustCompile(`^sed[A-Za-z0-9]{6}$`)

// EditorFile reports whether a file name is one that editors and tools
// write while saving, rather than a file of the user's: swap and lock
// files, backups, and the temporary files of atomic saves. Hidden files
// (".name") are not reported here; the Watcher always skips them.
func EditorFile(name string) bool {
	switch {
	case name == "4913": // vim checks that it may write to the folder
		return true
	case strings.HasSuffix(name, "~"), // backups: vim, emacs, gedit, nano
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),                     // emacs auto-save
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains safe write
		sedTemp.MatchString(name): // sed -i
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swo", ".swx", ".swn", ".tmp", ".temp", ".part", ".crdownload", ".kate-swp", ".bak":
		return true
	}
	return false
}

// runEvents watches with fsnotify. It returns errFallBack when it cannot
// watch every folder, having said so.
func (w *Watcher) runEvents(ctx context.Context, b *batch) error {
	fw, err := w.newFS()
	if err != nil {
		if limitErr(err) {
			w.log.Warn("cannot watch for changes: "+err.Error()+"; polling instead", "interval", w.poll)
			return errFallBack
		}
		return err
	}
	defer fw.Close()
	watched := map[string]bool{}
	pending := map[string]bool{}
	// addTree watches dir and the folders below it; with report, the files
	// found are recorded as changed (they may have been written before the
	// watch was in place).
	addTree := func(dir string, report bool) error {
		return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone again, or unreadable: nothing to watch
			}
			if w.skip(p, d.IsDir()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if report {
				pending[p] = true
			}
			if !d.IsDir() || watched[p] {
				return nil
			}
			if err := w.add(fw, p); err != nil {
				if limitErr(err) {
					return err
				}
				return nil
			}
			watched[p] = true
			return nil
		})
	}
	for _, r := range w.roots {
		if err := addTree(r, false); err != nil {
			w.log.Warn("cannot watch every folder: "+err.Error()+"; polling instead", "interval", w.poll)
			return errFallBack
		}
	}
	unwatch := func(p string) {
		for d := range watched {
			if d == p || strings.HasPrefix(d, p+string(filepath.Separator)) {
				delete(watched, d)
				_ = fw.Remove(d)
			}
		}
	}

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time
	overflow := false
	arm := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		wait := w.debounce
		if rest := w.maxWait - now.Sub(first); rest < wait {
			wait = max(rest, 0)
		}
		timer.Reset(wait)
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				overflow = true
				arm()
				continue
			}
			w.log.Warn("watching for changes: " + err.Error())
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if ev.Op == fsnotify.Chmod {
				continue // touch, chmod: the content is the same
			}
			p := filepath.Clean(ev.Name)
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				unwatch(p)
			}
			isDir := false
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(p); err == nil && st.IsDir() {
					isDir = true
				}
			}
			if w.skip(p, isDir) {
				continue
			}
			pending[p] = true
			if isDir {
				if err := addTree(p, true); err != nil {
					w.log.Warn("cannot watch every folder: "+err.Error()+"; polling instead", "interval", w.poll)
					b.send(nil, true)
					return errFallBack
				}
			}
			arm()
		case <-timer.C:
			b.send(pending, overflow)
			pending, overflow, first = map[string]bool{}, false, time.Time{}
		}
	}
}

// fileState is what polling compares.
type fileState struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

// scan records the state of every file and folder under the roots.
func (w *Watcher) scan(ctx context.Context) map[string]fileState {
	out := map[string]fileState{}
	for _, r := range w.roots {
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
				st.size, st.mtime = info.Size(), info.ModTime()
			}
			out[p] = st
			return nil
		})
	}
	return out
}

// runPoll compares the folders' state every poll interval.
func (w *Watcher) runPoll(ctx context.Context, b *batch) {
	prev := w.scan(ctx)
	t := time.NewTicker(w.poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur := w.scan(ctx)
		if ctx.Err() != nil {
			return
		}
		changed := map[string]bool{}
		for p, st := range cur {
			if old, ok := prev[p]; !ok || old != st {
				changed[p] = true
			}
		}
		for p := range prev {
			if _, ok := cur[p]; !ok {
				changed[p] = true
			}
		}
		prev = cur
		b.send(changed, false)
	}
}
