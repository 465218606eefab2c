//go:build linux

package sitefs

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestBeneath checks which paths the short way opens itself and which it
// leaves to os.Root: a file or folder with no link on its path is its own;
// a link anywhere on the path, a way out of the folder, a missing file and
// anything but a regular file or folder are not.
func TestBeneath(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "site")
	for _, d := range []string{dir, filepath.Join(dir, "a", "b"), filepath.Join(base, "out")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for p, text := range map[string]string{"a/b/page.md": "page", "../out/secret.md": "secret"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"a/link.md": "b/page.md", "linkdir": "a", "outside": "../out"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links: %v", err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	b := openBeneath(dir)
	if b == nil {
		t.Fatal("openBeneath returned nil for a folder")
	}
	defer b.close()
	if f, ok := b.open("a/b/page.md"); !ok {
		if b.off.Load() {
			t.Skip("openat2 is not available here")
		}
		t.Fatal("a plain file was left to os.Root")
	} else {
		data, err := io.ReadAll(f)
		f.Close()
		if string(data) != "page" || err != nil {
			t.Errorf("read %q, %v; want %q", data, err, "page")
		}
		if want := filepath.Join(dir, "a", "b", "page.md"); f.Name() != want {
			t.Errorf("Name() = %q, want %q", f.Name(), want)
		}
	}
	if f, ok := b.open("a/b"); !ok {
		t.Error("a plain folder was left to os.Root")
	} else {
		f.Close()
	}
	for _, rel := range []string{"a/link.md", "linkdir/b/page.md", "outside/secret.md", "missing.md", "pipe"} {
		if f, ok := b.open(rel); ok {
			f.Close()
			t.Errorf("open(%q) took the short way; want os.Root's", rel)
		}
	}
	var none *beneath
	if _, ok := none.open("a/b/page.md"); ok {
		t.Error("a nil beneath opened a file")
	}
}
