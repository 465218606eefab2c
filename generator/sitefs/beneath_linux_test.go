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
)

// TestBeneath checks which paths the short way opens itself and which it
// leaves to os.Root: a regular file with no link on its path is its own;
// a folder, a link anywhere on the path, a way out of the folder, a
// missing file and anything but a regular file are not, and nothing is
// opened once the folder is closed, though the process reuses its
// descriptor.
func TestBeneath(t *testing.T) {
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
	b := openBeneath(r, dir+"/")
	if b == nil {
		t.Fatal("openBeneath returned nil for a folder")
	}
	f, ok := b.open("a/b/page.md")
	if !ok {
		if b.off.Load() {
			t.Skip("openat2 is not available here")
		}
		t.Fatal("a plain file was left to os.Root")
	}
	data, err := io.ReadAll(f)
	f.Close()
	if string(data) != "page" || err != nil {
		t.Errorf("read %q, %v; want %q", data, err, "page")
	}
	// As os.Root names it: the folder as given, and the path.
	if want := dir + "/a/b/page.md"; f.Name() != want {
		t.Errorf("Name() = %q, want %q", f.Name(), want)
	}
	for _, rel := range []string{"a/b", ".", "a/link.md", "linkdir/b/page.md", "outside/secret.md", "missing.md", "pipe"} {
		if f, ok := b.open(rel); ok {
			f.Close()
			t.Errorf("open(%q) took the short way; want os.Root's", rel)
		}
	}
	if info, ok := b.stat("a/b/page.md", false); !ok || info.Name() != "page.md" || info.Size() != 4 {
		t.Errorf("stat of a plain file: %v, %v", info, ok)
	}
	if info, ok := b.stat("a/link.md", true); !ok || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("lstat of a link: %v, %v; want the link itself", info, ok)
	}
	if _, ok := b.stat("a/link.md", false); ok {
		t.Error("stat through a link took the short way")
	}
	var none *beneath
	if _, ok := none.open("a/b/page.md"); ok {
		t.Error("a nil beneath opened a file")
	}
	// Closed, its descriptor number goes to the next file opened; nothing
	// may be opened through it.
	b.close()
	other := t.TempDir()
	writeTree(t, other, map[string]string{"a/b/page.md": "other"})
	takeDescriptors(t, other)
	if f, ok := b.open("a/b/page.md"); ok {
		data, _ := io.ReadAll(f)
		f.Close()
		t.Errorf("open after close read %q", data)
	}
}

// TestReadAfterClose checks that a closed FS reads nothing, though the
// next folder the process opens takes its descriptor's number.
func TestReadAfterClose(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	writeTree(t, dir, map[string]string{"page.md": "site"})
	writeTree(t, other, map[string]string{"page.md": "other"})
	fsys := Dir(dir)
	if data, err := ReadFile(fsys, "page.md", 100); string(data) != "site" || err != nil {
		t.Fatalf("ReadFile = %q, %v", data, err)
	}
	if err := fsys.Close(); err != nil {
		t.Fatal(err)
	}
	takeDescriptors(t, other)
	if data, err := ReadFile(fsys, "page.md", 100); err == nil {
		t.Errorf("ReadFile after Close = %q; want an error", data)
	}
	if _, err := fsys.Stat("page.md"); err == nil {
		t.Error("Stat after Close succeeded; want an error")
	}
}

// TestConfirm checks the check FS.Open makes of a file os.Root opened: a
// file that a link swapped in after linksToHidden looked led to, in a
// hidden folder or outside the site, is refused by where it lies.
func TestConfirm(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".git/config": "token", "docs/page.md": "page"})
	if err := os.Symlink(".git/config", filepath.Join(dir, "config.md")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b := openBeneath(r, dir)
	defer b.close()
	// What os.Root opens when a link is put in place after the check.
	for rel, want := range map[string]error{"config.md": ErrHidden, "docs/page.md": nil} {
		f, err := r.Open(rel)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.confirm(f); err != want {
			t.Errorf("confirm(%s) = %v, want %v", rel, err, want)
		}
		f.Close()
	}
	for _, tc := range []struct {
		root, file string
		want       error
	}{
		{"/s", "/s/docs/a.md", nil},
		{"/s", "/s", nil},
		{"/", "/s/a.md", nil},
		{"/s", "/s/.git/config", ErrHidden},
		{"/s", "/s/docs/.env", ErrHidden},
		{"/s", "/site/a.md", ErrOutside},
		{"/s", "/t/a.md", ErrOutside},
		{"/home/.me/s", "/home/.me/s/a.md", nil},
	} {
		if got := placed(tc.root, tc.file); got != tc.want {
			t.Errorf("placed(%q, %q) = %v, want %v", tc.root, tc.file, got, tc.want)
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

// TestLinkBeforeLast checks Lstat and ReadLink, which do not follow a link
// they name but follow those before it, as os.Root does: a link in the
// middle of a path that leads into .git is refused, and so is what pin
// opens through one swapped in after the check.
func TestLinkBeforeLast(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".git/config": "token", "docs/page.md": "page"})
	for link, target := range map[string]string{"git": ".git", ".git/head.md": "config", "docs/link.md": "page.md"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links: %v", err)
		}
	}
	fsys := Dir(dir)
	defer fsys.Close()
	for _, name := range []string{"git/config", "git/head.md"} {
		if info, err := fsys.Lstat(name); !errors.Is(err, ErrHidden) {
			t.Errorf("Lstat(%s) = %v, %v; want ErrHidden", name, info, err)
		}
		if dest, err := fsys.ReadLink(name); !errors.Is(err, ErrHidden) {
			t.Errorf("ReadLink(%s) = %q, %v; want ErrHidden", name, dest, err)
		}
	}
	if info, err := fsys.Lstat("git"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat(git) = %v, %v; want the link itself", info, err)
	}
	if dest, err := fsys.ReadLink("docs/link.md"); dest != "page.md" || err != nil {
		t.Errorf("ReadLink(docs/link.md) = %q, %v; want page.md", dest, err)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b := openBeneath(r, dir)
	defer b.close()
	if _, err := b.lstat(r, "git/config"); err != ErrHidden {
		t.Errorf("lstat through a swapped link = %v, want ErrHidden", err)
	}
	if _, err := b.readlink(r, "git/head.md"); err != ErrHidden {
		t.Errorf("readlink through a swapped link = %v, want ErrHidden", err)
	}
}

// TestConfirmWhileRenamed checks that a site folder renamed back and forth
// while files are opened through a link is not taken for a file outside
// it: the folder's name is read before and after the file's, and the
// check repeated.
func TestConfirmWhileRenamed(t *testing.T) {
	base := t.TempDir()
	dir, moved := filepath.Join(base, "site"), filepath.Join(base, "moved")
	writeTree(t, base, map[string]string{"site/docs/page.md": "page"})
	if err := os.Symlink("docs", filepath.Join(dir, "link")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	fsys := Dir(dir)
	defer fsys.Close()
	if _, err := fsys.Open("link/page.md"); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for a, b := dir, moved; ; a, b = b, a {
			select {
			case <-stop:
				if a != dir {
					os.Rename(a, b)
				}
				return
			default:
			}
			if os.Rename(a, b) != nil {
				return
			}
		}
	}()
	failed := 0
	const reads = 2000
	for range reads {
		if f, err := fsys.Open("link/page.md"); errors.Is(err, ErrOutside) {
			failed++
		} else if err == nil {
			f.Close()
		}
	}
	close(stop)
	<-done
	// A check may still lose every race it retries, but hardly ever;
	// with one reading of each name, a tenth to a quarter were lost.
	if failed > reads/100 {
		t.Errorf("%d of %d reads refused as outside while the folder was renamed", failed, reads)
	}
}
