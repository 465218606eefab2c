package sitefs_test

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/generator/sitefs"
)

const secret = "SECRET-6f1c2d"

// site makes a site folder and, beside it, a folder with a secret file.
func site(t *testing.T) (dir, outside string) {
	t.Helper()
	base := t.TempDir()
	dir, outside = filepath.Join(base, "site"), filepath.Join(base, "outside")
	for _, d := range []string{dir, outside, filepath.Join(dir, "sub")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(outside, "secret.md"), secret)
	writeFile(t, filepath.Join(dir, "page.md"), "# Page\n")
	writeFile(t, filepath.Join(dir, "sub", "ten.txt"), "0123456789")
	return dir, outside
}

func writeFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
}

// within fails the test if fn does not return in a few seconds: reading a
// named pipe would block for ever.
func within(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: still blocked after 5s", what)
	}
}

func TestReadFile(t *testing.T) {
	dir, outside := site(t)
	symlink(t, "page.md", filepath.Join(dir, "inside.md"))
	symlink(t, "../page.md", filepath.Join(dir, "sub", "up.md"))
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(dir, "abs.md"))
	symlink(t, "../outside/secret.md", filepath.Join(dir, "rel.md"))
	symlink(t, "rel.md", filepath.Join(dir, "chain.md"))
	symlink(t, outside, filepath.Join(dir, "outdir"))
	symlink(t, "/dev/zero", filepath.Join(dir, "zero.md"))
	symlink(t, "/proc/self/environ", filepath.Join(dir, "env.md"))
	symlink(t, "/nowhere/at/all", filepath.Join(dir, "dangling.md"))
	symlink(t, "sub", filepath.Join(dir, "subdir"))
	mkfifo(t, filepath.Join(dir, "pipe.md"))
	if l, err := net.Listen("unix", filepath.Join(dir, "sock")); err == nil {
		defer l.Close()
	} else {
		writeFile(t, filepath.Join(dir, "sock"), "no sockets here")
	}

	for _, tc := range []struct {
		name  string
		limit int64
		want  string // the content, or the error expected
		err   error
	}{
		{name: "page.md", limit: 100, want: "# Page\n"},
		{name: "sub/ten.txt", limit: 10, want: "0123456789"},
		{name: "sub/ten.txt", limit: 9, err: &sitefs.LimitError{Size: 10, Limit: 9}},
		{name: "inside.md", limit: 100, want: "# Page\n"},
		{name: "sub/up.md", limit: 100, want: "# Page\n"},
		{name: "subdir/ten.txt", limit: 100, want: "0123456789"},
		{name: "abs.md", limit: 100, err: sitefs.ErrOutside},
		{name: "rel.md", limit: 100, err: sitefs.ErrOutside},
		{name: "chain.md", limit: 100, err: sitefs.ErrOutside},
		{name: "outdir/secret.md", limit: 100, err: sitefs.ErrOutside},
		{name: "zero.md", limit: 100, err: sitefs.ErrOutside},
		{name: "env.md", limit: 100, err: sitefs.ErrOutside},
		{name: "dangling.md", limit: 100, err: sitefs.ErrOutside},
		{name: "pipe.md", limit: 100, err: sitefs.ErrNotRegular},
		{name: "sock", limit: 100, err: sitefs.ErrNotRegular},
		{name: "sub", limit: 100, err: sitefs.ErrNotRegular},
		{name: "missing.md", limit: 100, err: fs.ErrNotExist},
		{name: "../outside/secret.md", limit: 100, err: fs.ErrInvalid},
		{name: "/etc/passwd", limit: 100, err: fs.ErrInvalid},
	} {
		var data []byte
		var err error
		within(t, tc.name, func() { data, err = sitefs.ReadFile(sitefs.Dir(dir), tc.name, tc.limit) })
		if strings.Contains(string(data), secret) {
			t.Errorf("%s: read the secret", tc.name)
		}
		if tc.err == nil {
			if err != nil || string(data) != tc.want {
				t.Errorf("%s: got %q, %v; want %q", tc.name, data, err, tc.want)
			}
			continue
		}
		var le, wantLE *sitefs.LimitError
		switch {
		case errors.As(tc.err, &wantLE):
			if !errors.As(err, &le) || *le != *wantLE {
				t.Errorf("%s: got %v, want %v", tc.name, err, tc.err)
			}
		case !errors.Is(err, tc.err):
			t.Errorf("%s: got %q, %v; want %v", tc.name, data, err, tc.err)
		}
	}
}

// TestEscapeError checks that os.Root's refusal of a path that leaves it
// is still recognised; its error is not exported.
func TestEscapeError(t *testing.T) {
	dir, outside := site(t)
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(dir, "link.md"))
	fsys := sitefs.Dir(dir)
	defer fsys.Close()
	for _, op := range []func() error{
		func() error { _, err := fsys.Open("link.md"); return err },
		func() error { _, err := fsys.Stat("link.md"); return err },
		func() error { _, err := fs.ReadDir(fsys, "link.md"); return err },
	} {
		if err := op(); !errors.Is(err, sitefs.ErrOutside) {
			t.Errorf("got %v, want %v", err, sitefs.ErrOutside)
		}
	}
}

// TestListing checks that a walk sees links and pipes as what they are and
// never opens them.
func TestListing(t *testing.T) {
	dir, outside := site(t)
	symlink(t, outside, filepath.Join(dir, "outdir"))
	symlink(t, "page.md", filepath.Join(dir, "inside.md"))
	fsys := sitefs.Dir(dir)
	defer fsys.Close()
	sub, err := fs.Sub(fsys, "sub")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(sub, "ten.txt"); err != nil {
		t.Error(err)
	}
	mkfifo(t, filepath.Join(dir, "sub", "pipe.md"))
	got := map[string]string{}
	within(t, "walk", func() {
		err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			got[p] = sitefs.Kind(d.Type())
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		".": "a folder", "sub": "a folder", "page.md": "a regular file", "sub/ten.txt": "a regular file",
		"sub/pipe.md": "a named pipe", "outdir": "a symbolic link", "inside.md": "a symbolic link",
	}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("%s: %q, want %q", p, got[p], k)
		}
	}
	if len(got) != len(want) {
		t.Errorf("walk saw %v", got)
	}
	if info, err := fs.Lstat(fsys, "inside.md"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat(inside.md) = %v, %v", info, err)
	}
	if dest, err := fs.ReadLink(fsys, "inside.md"); err != nil || dest != "page.md" {
		t.Errorf("ReadLink(inside.md) = %q, %v", dest, err)
	}
	if info, err := fs.Stat(sub, "pipe.md"); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("Stat(sub/pipe.md) = %v, %v", info, err)
	}
	within(t, "open pipe", func() {
		if _, err := sub.Open("pipe.md"); !errors.Is(err, sitefs.ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("Open(pipe.md): %v", err)
		}
	})
}

// TestMissingFolder checks that a site folder that does not exist reads as
// one without files.
func TestMissingFolder(t *testing.T) {
	fsys := sitefs.Dir(filepath.Join(t.TempDir(), "nothing"))
	if _, err := sitefs.ReadFile(fsys, "playbook.toml", 100); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v, want fs.ErrNotExist", err)
	}
}

// TestFolderIsPipe checks that a site folder that is a named pipe is an
// error, not a wait for a writer.
func TestFolderIsPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "site")
	mkfifo(t, p)
	within(t, "Dir(a named pipe)", func() {
		if _, err := sitefs.ReadFile(sitefs.Dir(p), "playbook.toml", 100); !errors.Is(err, syscall.ENOTDIR) {
			t.Errorf("got %v, want ENOTDIR", err)
		}
	})
}

// TestDevice reads devices through a plain os.DirFS: ReadFile refuses them
// before opening them.
func TestDevice(t *testing.T) {
	for _, name := range []string{"zero", "null", "random"} {
		if _, err := os.Stat("/dev/" + name); err != nil {
			t.Skip(err)
		}
		_, err := sitefs.ReadFile(os.DirFS("/dev"), name, 1<<20)
		if !errors.Is(err, sitefs.ErrNotRegular) || !strings.Contains(err.Error(), "character device") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// endless is an fs.FS with one file that says it is regular and empty but
// never ends, like a file of /proc or a device behind a lying fs.FS.
type endless struct{}

func (endless) Open(name string) (fs.File, error) { return &endlessFile{}, nil }

type endlessFile struct{ n int64 }

func (f *endlessFile) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{"f": {}}.Stat("f")
}
func (f *endlessFile) Close() error { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	clear(p)
	f.n += int64(len(p))
	return len(p), nil
}

// TestBoundedRead checks that a file that never ends is read no further
// than the limit.
func TestBoundedRead(t *testing.T) {
	for _, limit := range []int64{0, 1, 4096, 10 << 20} {
		data, err := sitefs.ReadFile(endless{}, "f", limit)
		var le *sitefs.LimitError
		if !errors.As(err, &le) || le.Size != -1 || le.Limit != limit || data != nil {
			t.Errorf("limit %d: %d bytes, %v", limit, len(data), err)
		}
	}
}

func TestKind(t *testing.T) {
	for _, tc := range []struct {
		mode fs.FileMode
		want string
	}{
		{0, "a regular file"},
		{fs.ModeDir, "a folder"},
		{fs.ModeSymlink, "a symbolic link"},
		{fs.ModeNamedPipe, "a named pipe"},
		{fs.ModeSocket, "a socket"},
		{fs.ModeDevice | fs.ModeCharDevice, "a character device"},
		{fs.ModeDevice, "a device"},
		{fs.ModeIrregular, "an irregular file"},
	} {
		if got := sitefs.Kind(tc.mode); got != tc.want {
			t.Errorf("Kind(%v) = %q, want %q", tc.mode, got, tc.want)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1.0 KB", 2560: "2.5 KB", 10 << 20: "10.0 MB", 3 << 29: "1536.0 MB"} {
		if got := sitefs.Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLimitError(t *testing.T) {
	for _, tc := range []struct {
		err  sitefs.LimitError
		want string
	}{
		{sitefs.LimitError{Size: 20 << 20, Limit: 10 << 20}, "file is 20.0 MB, over the 10.0 MB limit"},
		{sitefs.LimitError{Size: -1, Limit: 10 << 20}, "file is over the 10.0 MB limit"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestHidden checks that nothing hidden is read, whether it is named
// directly, lies in a hidden folder, is the folder of a Sub, or is the
// target of a link inside the site: .git/config holds a CI token after a
// checkout.
func TestHidden(t *testing.T) {
	dir, _ := site(t)
	for _, d := range []string{".git", "content/_includes", "content/docs", "content/.gitbook/assets"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, ".git", "config"), secret)
	writeFile(t, filepath.Join(dir, ".env"), secret)
	writeFile(t, filepath.Join(dir, "content", "docs", "ok.md"), "# OK\n")
	symlink(t, "../../.git/config", filepath.Join(dir, "content", "_includes", "config.md"))
	symlink(t, "../../.env", filepath.Join(dir, "content", "_includes", "env.md"))
	symlink(t, "../.git", filepath.Join(dir, "content", "git"))
	symlink(t, "hop.md", filepath.Join(dir, "content", "_includes", "hop2.md"))
	symlink(t, "config.md", filepath.Join(dir, "content", "_includes", "hop.md"))
	symlink(t, "../docs/ok.md", filepath.Join(dir, "content", "_includes", "fine.md"))
	// GitBook's uploads are read; nothing else of .gitbook, no hidden
	// name in them, and no link from them to either.
	writeFile(t, filepath.Join(dir, "content", ".gitbook", "assets", "pic.png"), "PNG")
	writeFile(t, filepath.Join(dir, "content", ".gitbook", "assets", ".DS_Store"), secret)
	writeFile(t, filepath.Join(dir, "content", ".gitbook", "secret.txt"), secret)
	symlink(t, "../secret.txt", filepath.Join(dir, "content", ".gitbook", "assets", "up.png"))
	symlink(t, "../../../.git/config", filepath.Join(dir, "content", ".gitbook", "assets", "leak.png"))
	symlink(t, ".gitbook/assets/..", filepath.Join(dir, "content", "gitbook-up"))
	root := sitefs.Dir(dir)
	defer root.Close()
	content, err := root.Sub("content")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := root.Sub(".git"); !errors.Is(err, sitefs.ErrHidden) {
		t.Errorf("Sub(.git) = %v; want ErrHidden", err)
	}
	for _, tc := range []struct {
		fsys fs.FS
		name string
	}{
		{root, ".git/config"}, {root, ".env"}, {root, ".git"},
		{content, "_includes/config.md"}, {content, "_includes/env.md"},
		{content, "_includes/hop2.md"}, {content, "git/config"},
		{content, ".gitbook/secret.txt"}, {content, ".gitbook/assets/.DS_Store"}, {content, ".gitbook/assets/up.png"},
		{content, ".gitbook/assets/leak.png"}, {content, ".gitbook"}, {content, ".gitbook/assetsx/pic.png"},
		{content, "gitbook-up"},
	} {
		if b, err := sitefs.ReadFile(tc.fsys, tc.name, 1<<20); !errors.Is(err, sitefs.ErrHidden) {
			t.Errorf("ReadFile(%s) = %q, %v; want ErrHidden", tc.name, b, err)
		}
		if _, err := fs.Stat(tc.fsys, tc.name); !errors.Is(err, sitefs.ErrHidden) {
			t.Errorf("Stat(%s) = %v; want ErrHidden", tc.name, err)
		}
	}
	if b, err := sitefs.ReadFile(content, "_includes/fine.md", 1<<20); err != nil || string(b) != "# OK\n" {
		t.Errorf("a link to a visible file in the site: %q, %v", b, err)
	}
	if b, err := sitefs.ReadFile(content, sitefs.GitBookAssets+"/pic.png", 1<<20); err != nil || string(b) != "PNG" {
		t.Errorf("GitBook's uploads: %q, %v", b, err)
	}
	if list, err := fs.ReadDir(content, sitefs.GitBookAssets); err != nil || len(list) != 4 {
		t.Errorf("ReadDir(%s) = %v, %v", sitefs.GitBookAssets, list, err)
	}
}

// TestReadExempt reads .github/CODEOWNERS and a .gitbook.yaml, the hidden
// files the site reads, and refuses any other hidden name, a link in its
// place or on its path, and a file over the limit.
func TestReadExempt(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".github/CODEOWNERS", "* @team\n")
	write(".github/workflows/ci.yml", "secret")
	write(".git/config", "[remote]")
	f := sitefs.Dir(dir)
	defer f.Close()
	if b, err := f.ReadExempt(".github/CODEOWNERS", 100); err != nil || string(b) != "* @team\n" {
		t.Fatalf("ReadExempt = %q, %v", b, err)
	}
	if _, err := f.ReadExempt(".github/CODEOWNERS", 3); err == nil {
		t.Error("a file over the limit was read")
	}
	write(".gitbook.yaml", "root: ./\n")
	write("docs/.gitbook.yaml", "root: ./\n")
	write(".git/.gitbook.yaml", "x")
	for _, name := range []string{".gitbook.yaml", "docs/.gitbook.yaml"} {
		if b, err := f.ReadExempt(name, 100); err != nil || string(b) != "root: ./\n" {
			t.Errorf("ReadExempt(%s) = %q, %v", name, b, err)
		}
	}
	// Eleventy's .eleventyignore, in the site folder or another folder
	// not hidden.
	write(".eleventyignore", "README.md\n")
	write("docs/.eleventyignore", "drafts/\n")
	write(".git/.eleventyignore", "x")
	for name, want := range map[string]string{".eleventyignore": "README.md\n", "docs/.eleventyignore": "drafts/\n"} {
		if b, err := f.ReadExempt(name, 100); err != nil || string(b) != want {
			t.Errorf("ReadExempt(%s) = %q, %v", name, b, err)
		}
	}
	if _, err := f.ReadExempt(".git/.eleventyignore", 100); !errors.Is(err, sitefs.ErrHidden) {
		t.Errorf("ReadExempt(.git/.eleventyignore) = %v, want ErrHidden", err)
	}
	symlink(t, "docs", filepath.Join(dir, "linked"))
	if _, err := f.ReadExempt("linked/.eleventyignore", 100); err == nil {
		t.Error("an .eleventyignore through a linked folder was read")
	}
	if _, err := f.ReadExempt("linked/.gitbook.yaml", 100); err == nil || !strings.Contains(err.Error(), "the folder linked on its way is a symbolic link") {
		t.Errorf("a folder linked on the way: %v", err)
	}
	// awesome-pages' .pages, in any folder of the content, read through
	// the content's FS; not in a hidden folder, nor by a link.
	write("docs/guides/.pages", "title: Guides\n")
	write(".git/.pages", "x")
	sub, err := fs.Sub(f, "docs")
	if err != nil {
		t.Fatal(err)
	}
	exempt := sub.(interface {
		ReadExempt(string, int64) ([]byte, error)
	})
	if b, err := exempt.ReadExempt("guides/.pages", 100); err != nil || string(b) != "title: Guides\n" {
		t.Errorf("ReadExempt(guides/.pages) in docs = %q, %v", b, err)
	}
	if _, err := f.ReadExempt(".git/.pages", 100); !errors.Is(err, sitefs.ErrHidden) {
		t.Errorf("ReadExempt(.git/.pages) = %v, want ErrHidden", err)
	}
	symlink(t, "../.git/config", filepath.Join(dir, "docs/.pages"))
	if _, err := exempt.ReadExempt(".pages", 100); err == nil {
		t.Error("a .pages link was followed")
	}
	if _, err := exempt.ReadExempt(".github/CODEOWNERS", 100); !errors.Is(err, sitefs.ErrHidden) {
		t.Errorf("CODEOWNERS below the root: %v, want ErrHidden", err)
	}
	for _, name := range []string{".github/workflows/ci.yml", ".git/config", "CODEOWNERS", ".git/.gitbook.yaml", "docs/../.git/.gitbook.yaml", "docs/gitbook.yaml"} {
		if _, err := f.ReadExempt(name, 100); !errors.Is(err, sitefs.ErrHidden) {
			t.Errorf("ReadExempt(%s) = %v, want ErrHidden", name, err)
		}
	}
	// A link in the file's place, or as the folder, is refused even when it
	// stays in the site.
	if err := os.Remove(filepath.Join(dir, ".github/CODEOWNERS")); err != nil {
		t.Fatal(err)
	}
	symlink(t, "../.git/config", filepath.Join(dir, ".github/CODEOWNERS"))
	if _, err := f.ReadExempt(".github/CODEOWNERS", 100); err == nil {
		t.Error("a link was followed")
	}
	write(".git/.gitlab-target/CODEOWNERS", "x")
	symlink(t, ".git/.gitlab-target", filepath.Join(dir, ".gitlab"))
	if _, err := f.ReadExempt(".gitlab/CODEOWNERS", 100); err == nil {
		t.Error("a linked folder was followed")
	}
}

func TestEditorFile(t *testing.T) {
	for name, want := range map[string]bool{
		"index.md": false, "floor-plan.svg": false, "4913": true, "index.md~": true,
		"#index.md#": true, "index.md.swp": true, "index.md___jb_tmp___": true,
		"index.md___jb_old___": true, "sedAb12Cd": true, "sed.md": false,
		"report.tmp": true, "x.kate-swp": true, "page.md.bak": true, "#tag.md": false,
	} {
		if got := sitefs.EditorFile(name); got != want {
			t.Errorf("EditorFile(%q) = %v, want %v", name, got, want)
		}
	}
}
