//go:build linux

package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestShort checks which paths the short way opens itself and which it
// leaves to the walk: a regular file with no link on its path is its own;
// a folder, a link anywhere on the path, a way out of the folder, a
// missing file and anything but a regular file are not.
func TestShort(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "site")
	writeTree(t, base, map[string]string{"site/a/b/page.md": "page", "out/secret.md": "secret"})
	for link, target := range map[string]string{"a/link.md": "b/page.md", "linkdir": "a", "outside": "../out"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links: %v", err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	r, err := os.OpenRoot(dir + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := openBeneath(r, dir+"/")
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	short := func(rel string) bool {
		ok := false
		b.control(func(rootfd int) error {
			var (
				fd int
				st unix.Stat_t
			)
			if fd, ok = b.short(rootfd, rel, &st); ok {
				syscall.Close(fd)
			}
			return nil
		})
		return ok
	}
	if !short("a/b/page.md") {
		if b.off.Load() {
			t.Skip("openat2 is not available here")
		}
		t.Fatal("a plain file was left to the walk")
	}
	for _, rel := range []string{"a/b", ".", "a/link.md", "linkdir/b/page.md", "outside/secret.md", "missing.md", "pipe"} {
		if short(rel) {
			t.Errorf("short(%q) opened it; want the walk", rel)
		}
	}
	// Both ways name a file as os.Root does: the folder as given, and
	// the path.
	for _, rel := range []string{"a/b/page.md", "a/link.md"} {
		f, err := b.open(rel)
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(f)
		f.Close()
		if string(data) != "page" || err != nil {
			t.Errorf("open(%s) read %q, %v; want %q", rel, data, err, "page")
		}
		if want := dir + "/" + rel; f.Name() != want {
			t.Errorf("Name() = %q, want %q", f.Name(), want)
		}
	}
}

// TestWalk checks the paths the walk refuses and those it follows, with
// links that a check of the path as text would get wrong: "s/.." is the
// folder above where s leads, not the folder s is in.
func TestWalk(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "site")
	writeTree(t, base, map[string]string{
		"site/.git/config":  "TOKEN",
		"site/.git/hooks/x": "hook",
		"site/docs/page.md": "page",
		"site/docs/sub/x":   "x",
		"site/config":       "public",
		"out/secret.md":     "secret",
	})
	for link, target := range map[string]string{
		"s":           ".git/hooks",
		"x.md":        "s/../config", // .git/config
		"d":           "s/..",        // .git
		"up.md":       "docs/../config",
		"docs/in.md":  "../docs/./page.md",
		"loop":        "loop",
		"abs.md":      filepath.Join(base, "out/secret.md"),
		"out":         "../out",
		".git/cfg.md": "config",
		"dlink":       "docs",
		"deep":        "docs/sub",
		"dp.md":       "deep/../page.md", // docs/page.md, not page.md
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links: %v", err)
		}
	}
	fsys := Dir(dir)
	defer fsys.Close()
	for name, want := range map[string]string{"up.md": "public", "docs/in.md": "page", "dlink/page.md": "page", "dp.md": "page"} {
		data, err := ReadFile(fsys, name, 100)
		if string(data) != want || err != nil {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, data, err, want)
		}
	}
	for name, want := range map[string]error{
		"x.md": ErrHidden, "d/config": ErrHidden, "s/x": ErrHidden, "d/cfg.md": ErrHidden,
		"abs.md": ErrOutside, "out/secret.md": ErrOutside, "loop": syscall.ELOOP, "missing.md": fs.ErrNotExist,
	} {
		if data, err := ReadFile(fsys, name, 100); !errors.Is(err, want) {
			t.Errorf("ReadFile(%s) = %q, %v; want %v", name, data, err, want)
		}
		if info, err := fsys.Stat(name); !errors.Is(err, want) {
			t.Errorf("Stat(%s) = %v, %v; want %v", name, info, err, want)
		}
	}
	// Lstat and ReadLink follow every link but the last segment.
	for _, name := range []string{"d/config", "d/cfg.md", "s/x"} {
		if info, err := fsys.Lstat(name); !errors.Is(err, ErrHidden) {
			t.Errorf("Lstat(%s) = %v, %v; want ErrHidden", name, info, err)
		}
		if dest, err := fsys.ReadLink(name); !errors.Is(err, ErrHidden) {
			t.Errorf("ReadLink(%s) = %q, %v; want ErrHidden", name, dest, err)
		}
	}
	if info, err := fsys.Lstat("x.md"); err != nil || info.Mode()&fs.ModeSymlink == 0 || info.Name() != "x.md" {
		t.Errorf("Lstat(x.md) = %v, %v; want the link itself", info, err)
	}
	if dest, err := fsys.ReadLink("docs/in.md"); dest != "../docs/./page.md" || err != nil {
		t.Errorf("ReadLink(docs/in.md) = %q, %v", dest, err)
	}
	if info, err := fsys.Stat("dlink"); err != nil || !info.IsDir() || info.Name() != "dlink" {
		t.Errorf("Stat(dlink) = %v, %v; want a folder named dlink", info, err)
	}
	// Where the walk is missing, linksToHidden makes the same checks.
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, rel := range []string{"x.md", "d/config", "d/cfg.md", "s/x"} {
		if err := linksToHidden(r, rel, true); err != ErrHidden {
			t.Errorf("linksToHidden(%s) = %v, want ErrHidden", rel, err)
		}
	}
	for _, rel := range []string{"up.md", "docs/in.md", "dlink/page.md", "dp.md", "out/secret.md", "loop"} {
		if err := linksToHidden(r, rel, true); err != nil {
			t.Errorf("linksToHidden(%s) = %v, want nil", rel, err)
		}
	}
}

// TestWalkRaces checks that what the walk reads is what it checked: a
// link swapped between docs and .git, and the site folder renamed back and
// forth, while files are read through links, never lead it to .git/config
// nor make it refuse a file as outside.
func TestWalkRaces(t *testing.T) {
	base := t.TempDir()
	dir, moved := filepath.Join(base, "site"), filepath.Join(base, "moved")
	writeTree(t, base, map[string]string{"site/.git/page.md": "TOKEN", "site/docs/page.md": "page"})
	if err := os.Symlink("docs", filepath.Join(dir, "link")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	fsys := Dir(dir)
	defer fsys.Close()
	if _, err := fsys.Stat("link/page.md"); err != nil {
		t.Fatal(err)
	}
	race := func(step func(i int) error) (leaked, outside int) {
		stop, done := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if step(i) != nil {
					return
				}
			}
		}()
		for range 3000 {
			data, err := ReadFile(fsys, "link/page.md", 100)
			if string(data) == "TOKEN" {
				leaked++
			}
			if info, err := fsys.Stat("link/page.md"); err == nil && info.Size() == 5 {
				leaked++
			}
			if errors.Is(err, ErrOutside) {
				outside++
			}
		}
		close(stop)
		<-done
		return leaked, outside
	}
	link, tmp := filepath.Join(dir, "link"), filepath.Join(dir, "link.new")
	leaked, _ := race(func(i int) error {
		target := "docs"
		if i%2 == 1 {
			target = ".git"
		}
		os.Remove(tmp)
		if err := os.Symlink(target, tmp); err != nil {
			return err
		}
		return os.Rename(tmp, link)
	})
	os.Remove(link)
	if err := os.Symlink("docs", link); err != nil {
		t.Fatal(err)
	}
	if leaked > 0 {
		t.Errorf("a swapped link led %d reads to .git", leaked)
	}
	_, outside := race(func(i int) error {
		if i%2 == 0 {
			return os.Rename(dir, moved)
		}
		return os.Rename(moved, dir)
	})
	if _, err := os.Stat(dir); err != nil {
		os.Rename(moved, dir)
	}
	if outside > 0 {
		t.Errorf("%d reads refused as outside while the folder was renamed", outside)
	}
}

// TestReadAfterClose checks that a closed FS reads nothing, though the
// next folder the process opens takes its descriptor's number.
func TestReadAfterClose(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	writeTree(t, dir, map[string]string{"page.md": "site", "docs/page.md": "site"})
	writeTree(t, other, map[string]string{"page.md": "other", "docs/page.md": "other"})
	if err := os.Symlink("docs", filepath.Join(dir, "link")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	fsys := Dir(dir)
	if data, err := ReadFile(fsys, "page.md", 100); string(data) != "site" || err != nil {
		t.Fatalf("ReadFile = %q, %v", data, err)
	}
	if err := fsys.Close(); err != nil {
		t.Fatal(err)
	}
	takeDescriptors(t, other)
	for _, name := range []string{"page.md", "link/page.md"} {
		if data, err := ReadFile(fsys, name, 100); !errors.Is(err, fs.ErrClosed) {
			t.Errorf("ReadFile(%s) after Close = %q, %v; want fs.ErrClosed", name, data, err)
		}
		if _, err := fsys.Stat(name); err == nil {
			t.Errorf("Stat(%s) after Close succeeded; want an error", name)
		}
	}
}

// writeTree writes each file of m, a slash path below dir and its text,
// making the folders on the way.
func writeTree(t *testing.T, dir string, m map[string]string) {
	t.Helper()
	for p, text := range m {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// takeDescriptors opens dir a few times, so that the descriptor numbers a
// closed file gave back go to it; the test closes them when it ends.
func takeDescriptors(t *testing.T, dir string) {
	t.Helper()
	for range 4 {
		d, err := os.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
	}
}

// TestReadFD checks that readFD reads the whole file whatever size its
// last fstat gave (the file may have changed since), and no more than
// limit+1 bytes.
func TestReadFD(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ten.txt")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		size, limit int64
		want        string
		err         *LimitError
	}{
		{size: 10, limit: 10, want: "0123456789"},
		{size: 10, limit: 1 << 20, want: "0123456789"},
		{size: 4, limit: 1 << 20, want: "0123456789"},  // grew since fstat
		{size: 20, limit: 1 << 20, want: "0123456789"}, // shrank
		{size: 0, limit: 1 << 20, want: "0123456789"},
		{size: 10, limit: 9, err: &LimitError{Size: 10, Limit: 9}},
		{size: 4, limit: 9, err: &LimitError{Size: -1, Limit: 9}},
	} {
		fd, err := unix.Open(p, unix.O_RDONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readFD(fd, tc.size, tc.limit)
		unix.Close(fd)
		if tc.err != nil {
			var le *LimitError
			if !errors.As(err, &le) || *le != *tc.err {
				t.Errorf("readFD(size %d, limit %d) = %q, %v; want %v", tc.size, tc.limit, got, err, tc.err)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("readFD(size %d, limit %d) = %q, %v; want %q", tc.size, tc.limit, got, err, tc.want)
		}
	}
}
