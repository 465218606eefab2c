package watch

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/playbookhq/playbook/generator/sitefs"
)

// timeout is how long a test waits for something that should happen at
// once; it is only reached when the test fails.
const timeout = 10 * time.Second

// recorder runs a Watcher and collects its batches.
type recorder struct {
	t       *testing.T
	dir     string
	batches chan []string
	done    chan error
	marks   int // sentinel files written so far
}

// start runs w on dir and returns once w is ready: every change made after
// start returns is reported.
func start(t *testing.T, dir string, w *Watcher) *recorder {
	t.Helper()
	ready := make(chan struct{}, 1)
	w.ready = func() {
		select {
		case ready <- struct{}{}:
		default:
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	r := &recorder{t: t, dir: dir, batches: make(chan []string, 1000), done: make(chan error, 1)}
	go func() { r.done <- w.Run(ctx, func(c []string) { r.batches <- c }) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-r.done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(timeout):
			t.Error("Run did not return after cancel")
		}
	})
	select {
	case <-ready:
	case err := <-r.done:
		t.Fatalf("Run returned before it was ready: %v", err)
	case <-time.After(timeout):
		t.Fatal("the Watcher was not ready in time")
	}
	return r
}

// waitFor collects batches until they hold every wanted path (relative to
// the recorder's folder), then settles (see settle); it returns the union of
// the batches seen, less the sentinel files.
func (r *recorder) waitFor(want ...string) []string {
	r.t.Helper()
	seen := map[string]bool{}
	deadline := time.After(timeout)
	for {
		missing := false
		for _, w := range want {
			if !seen[filepath.Join(r.dir, w)] {
				missing = true
			}
		}
		if !missing {
			break
		}
		select {
		case b := <-r.batches:
			if b == nil {
				r.t.Fatal("unexpected nil batch (everything changed)")
			}
			for _, p := range b {
				seen[p] = true
			}
		case <-deadline:
			r.t.Fatalf("timed out waiting for %v; saw %v", want, keys(seen))
		}
	}
	for _, p := range r.settle() {
		seen[p] = true
	}
	return keys(seen)
}

// settle writes a sentinel file and collects batches until one names it.
// Changes are reported in the order they happen, so every change made
// before settle is in the batches it returns (less the sentinel).
func (r *recorder) settle() []string {
	r.t.Helper()
	r.marks++
	mark := filepath.Join(r.dir, fmt.Sprintf("sentinel-%d.md", r.marks))
	write(r.t, mark, "")
	var seen []string
	deadline := time.After(timeout)
	for {
		select {
		case b := <-r.batches:
			if b == nil {
				r.t.Fatal("unexpected nil batch (everything changed)")
			}
			done := false
			for _, p := range b {
				if p == mark {
					done = true
				} else if !strings.HasPrefix(filepath.Base(p), "sentinel-") {
					seen = append(seen, p)
				}
			}
			if done {
				return seen
			}
		case <-deadline:
			r.t.Fatalf("timed out waiting for the sentinel %s; saw %v", mark, seen)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// noEditorFiles fails if a batch names an editor's temporary file.
func noEditorFiles(t *testing.T, paths []string) {
	t.Helper()
	for _, p := range paths {
		if name := filepath.Base(p); strings.HasPrefix(name, ".") || sitefs.EditorFile(name) {
			t.Errorf("batch names an editor file: %s", p)
		}
	}
}

// TestSavePatterns checks how each editor's way of saving is reported:
// the saved file's path, never the temporary files.
func TestSavePatterns(t *testing.T) {
	tests := []struct {
		name string
		save func(t *testing.T, p string)
	}{
		{"write in place", func(t *testing.T, p string) { write(t, p, "new") }},
		{"temp file renamed over (VS Code, atomic writers)", func(t *testing.T, p string) {
			tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
			write(t, tmp, "new")
			must(t, os.Rename(tmp, p))
		}},
		{"vim (4913 probe, backup by rename, new file)", func(t *testing.T, p string) {
			probe := filepath.Join(filepath.Dir(p), "4913")
			write(t, probe, "")
			must(t, os.Remove(probe))
			write(t, filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".swp"), "swap")
			must(t, os.Rename(p, p+"~"))
			write(t, p, "new")
			must(t, os.Remove(p+"~"))
		}},
		{"JetBrains safe write", func(t *testing.T, p string) {
			write(t, p+"___jb_tmp___", "new")
			must(t, os.Rename(p, p+"___jb_old___"))
			must(t, os.Rename(p+"___jb_tmp___", p))
			must(t, os.Remove(p+"___jb_old___"))
		}},
		{"delete then create", func(t *testing.T, p string) {
			must(t, os.Remove(p))
			write(t, p, "new")
		}},
		{"emacs (lock, auto-save, backup)", func(t *testing.T, p string) {
			dir, name := filepath.Split(p)
			must(t, os.Symlink("user@host.1234", filepath.Join(dir, ".#"+name)))
			write(t, filepath.Join(dir, "#"+name+"#"), "autosave")
			must(t, os.Rename(p, p+"~"))
			write(t, p, "new")
			must(t, os.Remove(filepath.Join(dir, "#"+name+"#")))
			must(t, os.Remove(filepath.Join(dir, ".#"+name)))
		}},
	}
	for _, poll := range []bool{false, true} {
		for _, tt := range tests {
			name := tt.name
			if poll {
				name = "poll/" + name
			}
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				p := filepath.Join(dir, "teams", "page.md")
				write(t, p, "old")
				opts := []Option{}
				if poll {
					opts = append(opts, WithPoll(20*time.Millisecond))
				}
				r := start(t, dir, New([]string{dir}, opts...))
				tt.save(t, p)
				got := r.waitFor("teams/page.md")
				noEditorFiles(t, got)
				if b, _ := os.ReadFile(p); string(b) != "new" {
					t.Fatalf("the save pattern left %q", b)
				}
			})
		}
	}
}

// TestPermissionsChanged: a file whose permissions change is reported,
// polling or not, as it may now fail to be read, or be read again.
func TestPermissionsChanged(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprint("poll=", poll), func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "page.md")
			write(t, p, "text")
			opts := []Option{}
			if poll {
				opts = append(opts, WithPoll(20*time.Millisecond))
			}
			r := start(t, dir, New([]string{dir}, opts...))
			must(t, os.Chmod(p, 0))
			r.waitFor("page.md")
			must(t, os.Chmod(p, 0o644))
			r.waitFor("page.md")
		})
	}
}

// TestPollSameSizeAndTime checks that polling sees a save that left the
// file's size and modification time as they were, as a second save within
// one tick of the file system's clock does: by the file's identity when it
// was renamed over, by its content when it was written in place. A file
// that did not change is not reported, however recent its time.
func TestPollSameSizeAndTime(t *testing.T) {
	dir := t.TempDir()
	inPlace := filepath.Join(dir, "in-place.md")
	renamed := filepath.Join(dir, "renamed.md")
	still := filepath.Join(dir, "still.md")
	for _, p := range []string{inPlace, renamed, still} {
		write(t, p, "old")
	}
	mtime := func(p string) time.Time {
		st, err := os.Stat(p)
		must(t, err)
		return st.ModTime()
	}
	r := start(t, dir, New([]string{dir}, WithPoll(10*time.Millisecond)))

	// A copy that keeps an old time (cp -p, rsync -t) renamed over a file
	// of the same size and time: only its identity tells.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	must(t, os.Chtimes(renamed, old, old))
	r.settle()

	was := mtime(inPlace)
	write(t, inPlace, "new")
	must(t, os.Chtimes(inPlace, was, was))
	tmp := filepath.Join(dir, "renamed.tmp")
	write(t, tmp, "new")
	must(t, os.Chtimes(tmp, old, old))
	must(t, os.Rename(tmp, renamed))

	got := r.waitFor("in-place.md", "renamed.md")
	if slices.Contains(got, still) {
		t.Errorf("reported %s, which did not change", still)
	}
	// Later polls, still within the racy window, report nothing.
	for _, p := range r.settle() {
		t.Errorf("reported %s, which did not change", p)
	}
}

// TestPollForgetsSums checks that a file is hashed only while its times
// are too recent to trust, and compared by its content the poll after.
func TestPollForgetsSums(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "page.md")
	write(t, p, "old")
	w := New([]string{dir}, WithPoll(time.Hour))
	first := w.scan(t.Context(), nil)
	if first[p].sum == 0 || !first[p].racy {
		t.Fatalf("a file written now was not hashed: %+v", first[p])
	}
	// Same size and times, other content, and then the times grow old.
	write(t, p, "new")
	st, err := os.Stat(p)
	must(t, err)
	was := first[p]
	was.mtime, was.ctime = st.ModTime(), changeTime(st)
	first[p] = was
	w.now = func() time.Time { return time.Now().Add(time.Hour) }
	second := w.scan(t.Context(), first)
	if changed := diff(first, second); !changed[p] {
		t.Errorf("the change hashed for was not reported: %v", keys(changed))
	}
	if second[p].sum != 0 {
		t.Errorf("a file whose times are old keeps its hash: %+v", second[p])
	}
	if third := w.scan(t.Context(), second); third[p].sum != 0 || len(diff(second, third)) != 0 {
		t.Errorf("the poll after hashed the file or reported a change: %+v", third[p])
	}
}

// TestPollChangeTime checks that polling sees a file whose size and
// modification time stayed as they were but whose inode changed (a copy
// that kept an old time, renamed over or written in place), by its change
// time, when the times are too old to be hashed.
func TestPollChangeTime(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "page.md")
	write(t, p, "old")
	w := New([]string{dir}, WithPoll(time.Hour))
	w.now = func() time.Time { return time.Now().Add(time.Hour) }
	first := w.scan(t.Context(), nil)
	if first[p].racy || first[p].sum != 0 {
		t.Fatalf("a file an hour old is hashed: %+v", first[p])
	}
	if first[p].ctime.IsZero() {
		t.Skip("the system keeps no change time")
	}
	// Setting the same modification time changes the change time, once
	// the clock has moved past the file system's step.
	mtime := first[p].mtime
	deadline := time.Now().Add(timeout)
	for {
		must(t, os.Chtimes(p, mtime, mtime))
		st, err := os.Stat(p)
		must(t, err)
		if !changeTime(st).Equal(first[p].ctime) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the change time does not change")
		}
	}
	if changed := diff(first, w.scan(t.Context(), first)); !changed[p] {
		t.Errorf("a new change time was not reported: %v", keys(changed))
	}
}

// TestPollHashBounds checks what polling does not hash: a file whose time
// lies ahead of the clock, which a save would change, and a named pipe put
// in the place of a file hashed before, which would block the poller.
func TestPollHashBounds(t *testing.T) {
	dir := t.TempDir()
	ahead := filepath.Join(dir, "ahead.md")
	write(t, ahead, "x")
	later := time.Now().Add(24 * time.Hour)
	must(t, os.Chtimes(ahead, later, later))
	pipe := filepath.Join(dir, "pipe.md")
	write(t, pipe, "x")
	w := New([]string{dir}, WithPoll(time.Hour))
	first := w.scan(t.Context(), nil)
	if first[pipe].sum == 0 {
		t.Fatalf("a file written now was not hashed: %+v", first[pipe])
	}
	// The inode's change time is now; seen an hour later, only the
	// modification time a day ahead is left to make it racy.
	w.now = func() time.Time { return time.Now().Add(time.Hour) }
	if st := w.scan(t.Context(), nil)[ahead]; st.racy || st.sum != 0 {
		t.Errorf("a file dated ahead of the clock is hashed: %+v", st)
	}
	w.now = time.Now
	must(t, os.Remove(pipe))
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan map[string]fileState, 1)
	go func() { done <- w.scan(t.Context(), first) }()
	select {
	case got := <-done:
		if got[pipe].sum != 0 || got[pipe].mode.IsRegular() {
			t.Errorf("the named pipe was read as a file: %+v", got[pipe])
		}
	case <-time.After(timeout):
		t.Fatal("scan blocked on a named pipe")
	}
}

// TestNewFolders checks folders created after the start, nested ones made
// at once, and a whole tree moved in.
func TestNewFolders(t *testing.T) {
	dir := t.TempDir()
	r := start(t, dir, New([]string{dir}))

	// mkdir -p and a file right away: the file may be written before the
	// watch on the new folder is in place, and must still be reported.
	write(t, filepath.Join(dir, "a/b/c/first.md"), "1")
	r.waitFor("a/b/c/first.md")
	// Later writes in the new folder are seen because it is now watched.
	write(t, filepath.Join(dir, "a/b/c/second.md"), "2")
	r.waitFor("a/b/c/second.md")

	// A tree moved in from outside.
	outside := t.TempDir()
	write(t, filepath.Join(outside, "tree/x.md"), "x")
	write(t, filepath.Join(outside, "tree/deep/y.md"), "y")
	must(t, os.Rename(filepath.Join(outside, "tree"), filepath.Join(dir, "moved")))
	r.waitFor("moved/x.md", "moved/deep/y.md")
	write(t, filepath.Join(dir, "moved/deep/z.md"), "z")
	r.waitFor("moved/deep/z.md")

	// A folder renamed inside the tree is watched under its new name.
	must(t, os.Rename(filepath.Join(dir, "moved"), filepath.Join(dir, "renamed")))
	r.waitFor("moved", "renamed")
	write(t, filepath.Join(dir, "renamed/deep/w.md"), "w")
	got := r.waitFor("renamed/deep/w.md")
	for _, p := range got {
		if strings.Contains(p, "moved/deep/w.md") {
			t.Errorf("a write in a renamed folder was reported under its old name: %s", p)
		}
	}

	// Removing a tree reports it.
	must(t, os.RemoveAll(filepath.Join(dir, "renamed")))
	r.waitFor("renamed")
}

// TestBurst checks that a checkout-like burst of writes makes one batch.
// The debounce period is long, so that a pause of the machine within the
// burst (which takes a few milliseconds) cannot split it.
func TestBurst(t *testing.T) {
	dir := t.TempDir()
	name := func(i int) string { return filepath.Join(dir, fmt.Sprintf("d%02d/f%03d.md", i%20, i)) }
	for i := range 500 {
		write(t, name(i), "old")
	}
	w := New([]string{dir})
	w.debounce, w.maxWait = time.Second, time.Minute
	r := start(t, dir, w)
	for i := range 500 {
		write(t, name(i), "new")
	}
	var first []string
	select {
	case first = <-r.batches:
	case <-time.After(timeout):
		t.Fatal("no batch for the burst")
	}
	if len(first) != 500 {
		t.Errorf("the first batch has %d paths, want 500", len(first))
	}
	// Whatever else the burst caused arrives before the sentinel.
	if rest := r.settle(); len(rest) > 0 {
		t.Errorf("the burst made more than one batch; later ones name %d paths, such as %s", len(rest), rest[0])
	}
}

// TestFallBackToPolling simulates running out of inotify watches: the
// Watcher says so once and still reports changes, by polling.
func TestFallBackToPolling(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		when string
	}{
		{"inotify watch limit", syscall.ENOSPC, "add"},
		{"too many open files", syscall.EMFILE, "new"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for i := range 5 {
				write(t, filepath.Join(dir, fmt.Sprintf("d%d/p.md", i)), "old")
			}
			var logs bytes.Buffer
			w := New([]string{dir}, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			w.poll = 20 * time.Millisecond
			if tt.when == "add" {
				n := 0
				w.add = func(fw *fsnotify.Watcher, d string) error {
					if n++; n > 3 {
						return fmt.Errorf("inotify_add_watch %s: %w", d, tt.err)
					}
					return fw.Add(d)
				}
			} else {
				w.newFS = func() (*fsnotify.Watcher, error) { return nil, tt.err }
			}
			r := start(t, dir, w)
			write(t, filepath.Join(dir, "d4/p.md"), "new")
			r.waitFor("d4/p.md")
			write(t, filepath.Join(dir, "d9/new.md"), "new")
			r.waitFor("d9/new.md")
			if n := strings.Count(logs.String(), "polling instead"); n != 1 {
				t.Errorf("said %d times that it polls:\n%s", n, logs.String())
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	if err := New([]string{missing}).Run(t.Context(), func([]string) {}); err == nil {
		t.Error("Run on a missing folder succeeded")
	}
}

func TestIgnore(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "public/index.html"), "old")
	write(t, filepath.Join(dir, "content/a.md"), "old")
	r := start(t, dir, New([]string{dir}, WithIgnore(func(p string, isDir bool) bool {
		return isDir && p == filepath.Join(dir, "public")
	})))
	write(t, filepath.Join(dir, "public/index.html"), "new")
	write(t, filepath.Join(dir, ".git/index"), "new")
	write(t, filepath.Join(dir, "content/a.md"), "new")
	got := r.waitFor("content/a.md")
	for _, p := range got {
		if strings.Contains(p, "public") || strings.Contains(p, ".git") {
			t.Errorf("ignored path reported: %s", p)
		}
	}
}

// TestGitBookAssetsWatched checks that GitBook's .gitbook folder is
// watched, for its assets, and .github and .gitlab, for CODEOWNERS, unlike
// other hidden folders, and .gitbook.yaml, awesome-pages' .pages and
// .eleventyignore unlike other hidden files; also
// when they appear while it watches, and when they are moved away.
func TestGitBookAssetsWatched(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content/.gitbook/assets/map.png"), "old")
	write(t, filepath.Join(dir, "content/.hidden/a.png"), "old")
	write(t, filepath.Join(dir, ".github/CODEOWNERS"), "old")
	r := start(t, dir, New([]string{dir}))
	write(t, filepath.Join(dir, "content/.hidden/a.png"), "new")
	write(t, filepath.Join(dir, "content/.gitbook/assets/map.png"), "new")
	write(t, filepath.Join(dir, ".github/CODEOWNERS"), "new")
	write(t, filepath.Join(dir, ".gitlab/CODEOWNERS"), "new")
	write(t, filepath.Join(dir, "content/.hidden.yaml"), "new")
	write(t, filepath.Join(dir, "content/.gitbook.yaml"), "new")
	write(t, filepath.Join(dir, "content/team/.pages"), "new")
	write(t, filepath.Join(dir, ".eleventyignore"), "new")
	for _, p := range r.waitFor("content/.gitbook/assets/map.png", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "content/.gitbook.yaml", "content/team/.pages", ".eleventyignore") {
		if strings.Contains(p, ".hidden") {
			t.Errorf("hidden path reported: %s", p)
		}
	}
	// Moved away, each is reported, though it is no folder any more.
	for _, name := range []string{"content/.gitbook", ".github"} {
		if err := os.Rename(filepath.Join(dir, name), filepath.Join(dir, name+"-old")); err != nil {
			t.Fatal(err)
		}
	}
	r.waitFor("content/.gitbook", ".github")
}

// TestWait checks how long a batch waits for quiet: briefly for a save's
// few paths, longer for a burst, and never past maxWait from its first
// change.
func TestWait(t *testing.T) {
	w := New([]string{t.TempDir()})
	now := time.Now()
	tests := []struct {
		paths int
		since time.Duration
		want  time.Duration
	}{
		{1, 0, 15 * time.Millisecond},
		{burstPaths, 0, 15 * time.Millisecond},
		{burstPaths + 1, 0, 50 * time.Millisecond},
		{500, 100 * time.Millisecond, 50 * time.Millisecond},
		{500, 490 * time.Millisecond, 10 * time.Millisecond},
		{1, 495 * time.Millisecond, 5 * time.Millisecond},
		{500, time.Second, 0},
	}
	for _, tt := range tests {
		e := &events{w: w, pending: map[string]bool{}, first: now.Add(-tt.since)}
		for i := range tt.paths {
			e.pending[fmt.Sprint(i)] = true
		}
		if got := e.wait(now); got != tt.want {
			t.Errorf("%d paths, %v after the first: wait %v, want %v", tt.paths, tt.since, got, tt.want)
		}
	}
}
