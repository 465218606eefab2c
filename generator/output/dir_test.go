package output_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/output"
)

// write creates files under root, given as name → content; a name ending
// in "/" is a folder.
func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree returns every file and folder under root as "name" or "name/",
// with each file's content after "=".
func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			out = append(out, rel+"/")
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out = append(out, rel+"->"+target)
		default:
			b, _ := os.ReadFile(p)
			if rel == output.Marker {
				b = []byte("marker")
			}
			out = append(out, rel+"="+string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// commit builds a site of the given files into dest.
func commit(t *testing.T, dest string, opts output.DirOptions, files ...string) {
	t.Helper()
	d, err := output.NewDir(t.Context(), dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := d.WriteFile(f, []byte("new "+f)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestNewDirRefuses checks that a destination playbook must not replace is
// refused before anything is written, and that it is left as it was.
func TestNewDirRefuses(t *testing.T) {
	tmp := t.TempDir()
	home := filepath.Join(tmp, "userdir")
	t.Setenv("HOME", home)
	site := filepath.Join(home, "projects", "site")
	content := filepath.Join(site, "help")
	write(t, tmp, map[string]string{
		"userdir/notes.txt":                      "mine",
		"userdir/projects/site/playbook.toml":    "title = 'x'",
		"userdir/projects/site/help/index.md":    "# Hi",
		"userdir/projects/site/help/sub/page.md": "# Page",
		"userdir/projects/site/build/report.pdf": "mine",
		"userdir/projects/site/build/photos/a":   "mine",
		"userdir/projects/site/file.txt":         "mine",
		"many/a":                                 "", "many/b": "", "many/c": "", "many/d": "", "many/e": "", "many/f": "", "many/g": "",
	})
	if err := os.Symlink(filepath.Join(tmp, "nowhere"), filepath.Join(tmp, "dangling")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(content, filepath.Join(tmp, "link-to-content")); err != nil {
		t.Fatal(err)
	}
	// A previous output that someone added a file to.
	prev := filepath.Join(tmp, "prev")
	commit(t, prev, output.DirOptions{}, "index.html")
	write(t, prev, map[string]string{"added.txt": "mine", "extra/": ""})

	opts := output.DirOptions{Site: site, Content: content}
	for _, tc := range []struct {
		name, dest, reason string
		files              []string
	}{
		{"the site folder", site, "the site folder", nil},
		{"the site folder, relative", filepath.Join(site, "help", ".."), "the site folder", nil},
		{"an ancestor of the site", filepath.Join(home, "projects"), "the site folder or holds it", nil},
		{"the home folder", home, "home folder", nil},
		{"the content folder", content, "content folder", nil},
		{"inside the content folder", filepath.Join(content, "sub", "out"), "content folder", nil},
		{"a link to the content folder", filepath.Join(tmp, "link-to-content"), "content folder", nil},
		{"a file system root", "/", "root of a file system", nil},
		{"a regular file", filepath.Join(site, "file.txt"), "is a file", nil},
		{"a dangling link", filepath.Join(tmp, "dangling"), "does not exist", nil},
		{"a folder of the user's", filepath.Join(site, "build"), "did not write", []string{"photos/", "report.pdf"}},
		{"many files", filepath.Join(tmp, "many"), "did not write", []string{"a", "b", "c", "d", "e"}},
		{"a previous output with added files", prev, "did not write", []string{"added.txt", "extra/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := tree(t, tmp)
			d, err := output.NewDir(t.Context(), tc.dest, opts)
			var re *output.RefusedError
			if !errors.As(err, &re) {
				if d != nil {
					_ = d.Abort()
				}
				t.Fatalf("NewDir(%s) = %v, want a RefusedError", tc.dest, err)
			}
			if !strings.Contains(re.Reason, tc.reason) {
				t.Errorf("reason %q, want it to say %q", re.Reason, tc.reason)
			}
			if !slices.Equal(re.Files, tc.files) {
				t.Errorf("files %q, want %q", re.Files, tc.files)
			}
			if tc.name == "many files" && (re.More != 2 || !strings.Contains(err.Error(), "and 2 more")) {
				t.Errorf("more = %d, message %q", re.More, err)
			}
			if !strings.Contains(err.Error(), "--destination") {
				t.Errorf("the message does not say how to proceed: %q", err)
			}
			if after := tree(t, tmp); !slices.Equal(before, after) {
				t.Errorf("the refusal changed the file system:\nbefore %q\nafter  %q", before, after)
			}
		})
	}
}

// TestKeptNameNowAFolder checks that a kept name that the previous build
// wrote as a file, and that someone has since made a folder of files, is
// not replaced with the new build's file: it was deleted with the
// previous site.
func TestKeptNameNowAFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	opts := output.DirOptions{Keep: []string{"CNAME"}}
	commit(t, dest, opts, "index.html", "CNAME")
	if err := os.Remove(filepath.Join(dest, "CNAME")); err != nil {
		t.Fatal(err)
	}
	write(t, dest, map[string]string{"CNAME/data.txt": "precious"})
	d, err := output.NewDir(t.Context(), dest, opts)
	var re *output.RefusedError
	if !errors.As(err, &re) || !slices.Equal(re.Files, []string{"CNAME/"}) {
		if d != nil {
			_ = d.Abort()
		}
		t.Fatalf("NewDir = %v, want it refused for CNAME/", err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "CNAME", "data.txt")); err != nil || string(b) != "precious" {
		t.Errorf("CNAME/data.txt: %q, %v", b, err)
	}
}

// TestNewDirAccepts checks the destinations that may be replaced: missing,
// empty, holding only kept files, or a previous output.
func TestNewDirAccepts(t *testing.T) {
	tmp := t.TempDir()
	opts := output.DirOptions{Keep: []string{".git", "CNAME"}}
	write(t, tmp, map[string]string{"empty/": "", "worktree/.git": "gitdir: x", "worktree/CNAME": "docs.example.com"})
	commit(t, filepath.Join(tmp, "prev"), opts, "index.html", "a/b/index.html")
	for _, dest := range []string{"missing", "missing/deeper", "empty", "worktree", "prev"} {
		commit(t, filepath.Join(tmp, dest), opts, "index.html")
		if b, _ := os.ReadFile(filepath.Join(tmp, dest, "index.html")); string(b) != "new index.html" {
			t.Errorf("%s: index.html holds %q", dest, b)
		}
	}
	if got := tree(t, filepath.Join(tmp, "worktree")); !slices.Equal(got, []string{output.Marker + "=marker", "CNAME=docs.example.com", ".git=gitdir: x", "index.html=new index.html"}) &&
		!slices.Equal(got, []string{".git=gitdir: x", output.Marker + "=marker", "CNAME=docs.example.com", "index.html=new index.html"}) {
		t.Errorf("worktree after a build: %q", got)
	}
}

// TestCommitReplacesAndKeeps checks that a commit replaces a previous
// output whole and keeps the kept files (a folder and a file), that a site
// writing a kept name of the user's is refused, and that Abort leaves the
// destination as it was.
func TestCommitReplacesAndKeeps(t *testing.T) {
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	opts := output.DirOptions{Keep: []string{".git", "CNAME", ".nojekyll"}}
	commit(t, dest, opts, "index.html", "old/index.html")
	write(t, dest, map[string]string{".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/": "", "CNAME": "old name"})

	d, err := output.NewDir(t.Context(), dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	_ = d.WriteFile("index.html", []byte("aborted"))
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("late.html", nil); err == nil {
		t.Error("WriteFile after Abort succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "new index.html" {
		t.Errorf("Abort changed the destination: %q", b)
	}

	// A site that writes a kept name of the user's would lose it: refused,
	// and nothing changes.
	before := tree(t, dest)
	d, err = output.NewDir(t.Context(), dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	_ = d.WriteFile("CNAME", []byte("site's name"))
	if err := d.Commit(); err == nil || !strings.Contains(err.Error(), "the site writes CNAME, which keepFiles keeps") {
		t.Errorf("a site writing CNAME over the kept one: %v", err)
	}
	if after := tree(t, dest); !slices.Equal(before, after) {
		t.Errorf("the refused commit changed the destination:\n%q\n%q", before, after)
	}

	commit(t, dest, opts, "index.html", "new/index.html")
	want := []string{".git/", ".git/HEAD=ref: refs/heads/gh-pages", ".git/objects/", output.Marker + "=marker", "CNAME=old name", "index.html=new index.html", "new/", "new/index.html=new new/index.html"}
	if got := tree(t, dest); !slices.Equal(got, want) {
		t.Errorf("after the commit:\n got %q\nwant %q", got, want)
	}
	marker, _ := os.ReadFile(filepath.Join(dest, output.Marker))
	if string(marker) != "playbook output 1\nindex.html\nnew/index.html\n" {
		t.Errorf("marker %q", marker)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 1 {
		t.Errorf("leftovers beside the destination: %v", entries)
	}
}

// TestSymlinkDestStaysALink checks that a destination that is a symbolic
// link to a folder stays that link, the site landing in its target.
func TestSymlinkDestStaysALink(t *testing.T) {
	tmp := t.TempDir()
	target := filepath.Join(tmp, "srv", "www")
	commit(t, target, output.DirOptions{}, "index.html")
	link := filepath.Join(tmp, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	commit(t, link, output.DirOptions{}, "index.html", "b.html")
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the destination is no longer a link: %v %v", st, err)
	}
	if b, _ := os.ReadFile(filepath.Join(link, "b.html")); string(b) != "new b.html" {
		t.Errorf("b.html through the link holds %q", b)
	}
}

// TestStaleStagingRemoved checks that the staging folders of killed builds
// are removed by the next build, and that folders without the marker are
// left alone. A build holds the lock on the destination's folder, so even a
// staging folder whose process lives (a process of that number in another
// PID namespace) is a killed build's.
func TestStaleStagingRemoved(t *testing.T) {
	tmp := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command")
	}
	dead := cmd.Process.Pid
	write(t, tmp, map[string]string{
		".public.staging-111/" + output.Marker:       "playbook staging 1 pid " + strconv.Itoa(dead) + "\n",
		".public.staging-111/page/index.html":        "half",
		".public.staging-222/" + output.Marker:       "playbook staging 1 pid " + strconv.Itoa(os.Getpid()) + "\n",
		".public.staging-333/notes.txt":              "not ours",
		".public.staging-444.old/" + output.Marker:   "playbook output 1\nindex.html\n",
		".public.staging-444.old/index.html":         "old",
		".other.staging-555/" + output.Marker:        "playbook staging 1 pid " + strconv.Itoa(dead) + "\n",
		"public/" + output.Marker:                    "playbook output 1\nindex.html\n",
		"public/index.html":                          "current",
		".public.staging-666/" + output.Marker + "/": "",
	})
	d, err := output.NewDir(t.Context(), filepath.Join(tmp, "public"), output.DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = d.Abort() }()
	for name, want := range map[string]bool{
		".public.staging-111": false, ".public.staging-222": runtime.GOOS == "windows", ".public.staging-333": true,
		".public.staging-444.old": false, ".other.staging-555": true, ".public.staging-666": true,
	} {
		if _, err := os.Lstat(filepath.Join(tmp, name)); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", name, err == nil, want)
		}
	}
	if len(d.Notes()) != 3 && runtime.GOOS != "windows" {
		t.Errorf("notes %q", d.Notes())
	}
}

// TestOneBuildAtATime checks that a build into a folder whose destination
// another build is writing waits, before it touches anything, for that
// build to end, so that neither takes the other's staging folder for a
// killed build's (which lost kept files such as .git); that it says once
// that it waits; and that a waiting build stops when its context ends.
func TestOneBuildAtATime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock")
	}
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	write(t, tmp, map[string]string{"public/.git/HEAD": "ref"})
	first, err := output.NewDir(t.Context(), dest, output.DirOptions{Keep: []string{".git"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteFile("index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}

	// A second build gives up when its context ends, having touched nothing.
	ctx, cancel := context.WithCancelCause(t.Context())
	stop := errors.New("stopped")
	if _, err := output.NewDir(ctx, dest, output.DirOptions{Keep: []string{".git"}, Waiting: func(string) { cancel(stop) }}); !errors.Is(err, stop) {
		t.Fatalf("a second build stopped while it waits: %v", err)
	}

	// A third waits until the first has committed, then goes on.
	waiting := make(chan string, 2)
	type made struct {
		d   *output.Dir
		err error
	}
	third := make(chan made, 1)
	go func() {
		d, err := output.NewDir(t.Context(), dest, output.DirOptions{Keep: []string{".git"}, Waiting: func(dir string) { waiting <- dir }})
		third <- made{d, err}
	}()
	// The wait is announced, naming the folder, before the third build
	// has the lock.
	if dir, want := <-waiting, resolveAll(t, tmp); dir != want {
		t.Errorf("waiting for %s, want %s", dir, want)
	}
	select {
	case m := <-third:
		t.Fatalf("a build went on while another wrote beside it: %v", m.err)
	default:
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	m := <-third
	if m.err != nil {
		t.Fatalf("after the first build: %v", m.err)
	}
	if len(waiting) != 0 {
		t.Error("the wait was announced more than once")
	}
	if err := m.d.Abort(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, ".git", "HEAD")); err != nil || string(b) != "ref" {
		t.Errorf(".git/HEAD: %q, %v", b, err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "one" {
		t.Errorf("index.html: %q, %v", b, err)
	}
}

// TestRestoreAfterInterruptedSwap checks that a destination that a killed
// swap left missing is put back from the output moved aside, when that
// output is whole, and not when files are missing from it.
func TestRestoreAfterInterruptedSwap(t *testing.T) {
	for _, whole := range []bool{true, false} {
		tmp := t.TempDir()
		dest := filepath.Join(tmp, "public")
		commit(t, dest, output.DirOptions{}, "index.html", "a/index.html")
		aside := filepath.Join(tmp, ".public.staging-123.old")
		if err := os.Rename(dest, aside); err != nil {
			t.Fatal(err)
		}
		if !whole {
			_ = os.Remove(filepath.Join(aside, "a", "index.html"))
		}
		d, err := output.NewDir(t.Context(), dest, output.DirOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_ = d.Abort()
		_, err = os.Stat(filepath.Join(dest, "index.html"))
		if (err == nil) != whole {
			t.Errorf("whole=%v: restored %v", whole, err == nil)
		}
		if _, err := os.Lstat(aside); err == nil {
			t.Errorf("whole=%v: the moved-aside output is still there", whole)
		}
	}
}

// TestCommitLeftover checks the one failure after which the new site is
// installed: the previous output cannot be removed. The error says where
// it is, the destination holds the whole new site, and the next build
// removes what is left once it can.
func TestCommitLeftover(t *testing.T) {
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	commit(t, dest, output.DirOptions{}, "index.html", "stuck/file.html")
	lock, unlock := immutable(t)
	lock(filepath.Join(dest, "stuck", "file.html"))

	d, err := output.NewDir(t.Context(), dest, output.DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_ = d.WriteFile("index.html", []byte("v2"))
	err = d.Commit()
	var le *output.LeftoverError
	if !errors.As(err, &le) {
		t.Fatalf("Commit = %v, want a LeftoverError", err)
	}
	if got := tree(t, dest); !slices.Equal(got, []string{output.Marker + "=marker", "index.html=v2"}) {
		t.Errorf("destination after the failed removal: %q", got)
	}
	t.Cleanup(func() { unlock(filepath.Join(le.Old, "stuck", "file.html")) })
	if _, err := os.Stat(filepath.Join(le.Old, output.Marker)); err != nil {
		t.Errorf("the leftover lost its marker: %v", err)
	}
	unlock(filepath.Join(le.Old, "stuck", "file.html"))
	d, err = output.NewDir(t.Context(), dest, output.DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Abort()
	if _, err := os.Lstat(le.Old); err == nil {
		t.Error("the next build left the leftover in place")
	}
}

// immutable returns functions that make a file impossible to remove and
// possible again: chattr +i as root (who ignores permissions), a read-only
// folder otherwise.
func immutable(t *testing.T) (lock, unlock func(p string)) {
	if os.Geteuid() != 0 {
		return func(p string) { _ = os.Chmod(filepath.Dir(p), 0o555) },
			func(p string) { _ = os.Chmod(filepath.Dir(p), 0o755) }
	}
	if _, err := exec.LookPath("chattr"); err != nil {
		t.Skip("no chattr")
	}
	return func(p string) {
			if out, err := exec.Command("chattr", "+i", p).CombinedOutput(); err != nil {
				t.Skipf("chattr: %v %s", err, out)
			}
		}, func(p string) {
			_ = exec.Command("chattr", "-i", p).Run()
		}
}

// TestCommitRechecks checks that files put into the destination while the
// site was built are found at the swap, which is then refused, leaving
// them and the previous site in place.
func TestCommitRechecks(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	commit(t, dest, output.DirOptions{}, "index.html")
	d, err := output.NewDir(t.Context(), dest, output.DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_ = d.WriteFile("index.html", []byte("v2"))
	write(t, dest, map[string]string{"NOTES.txt": "mine"})
	var re *output.RefusedError
	if err := d.Commit(); !errors.As(err, &re) || !slices.Equal(re.Files, []string{"NOTES.txt"}) {
		t.Fatalf("Commit = %v, want a refusal naming NOTES.txt", err)
	}
	want := []string{output.Marker + "=marker", "NOTES.txt=mine", "index.html=new index.html"}
	if got := tree(t, dest); !slices.Equal(got, want) {
		t.Errorf("destination %q, want %q", got, want)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
		t.Errorf("left beside the destination: %v", entries)
	}
}

// TestTidyPutsKeptFilesBack plays a build killed in the middle of its swap,
// after it had carried the kept .git into its staging folder: the next
// build puts .git back into the destination instead of deleting it with
// the staging folder.
func TestTidyPutsKeptFilesBack(t *testing.T) {
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	opts := output.DirOptions{Keep: []string{".git"}}
	commit(t, dest, opts, "index.html")
	write(t, tmp, map[string]string{
		".public.staging-77/" + output.Marker: "playbook output 1\nindex.html\n",
		".public.staging-77/index.html":       "new",
		".public.staging-77/.git/HEAD":        "ref: refs/heads/gh-pages",
		".public.staging-78/" + output.Marker: "playbook output 1\nindex.html\n",
		".public.staging-78/index.html":       "new",
		".public.staging-78/notes.txt":        "not playbook's",
	})
	d, err := output.NewDir(t.Context(), dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Abort()
	if b, err := os.ReadFile(filepath.Join(dest, ".git", "HEAD")); err != nil || string(b) != "ref: refs/heads/gh-pages" {
		t.Errorf(".git was not put back: %q, %v", b, err)
	}
	if _, err := os.Lstat(filepath.Join(tmp, ".public.staging-77")); err == nil {
		t.Error("the emptied staging folder is still there")
	}
	if b, _ := os.ReadFile(filepath.Join(tmp, ".public.staging-78", "notes.txt")); string(b) != "not playbook's" {
		t.Error("a file playbook did not write was deleted with a staging folder")
	}
}

// TestRefusedBeforeTidying checks that a destination that is refused is
// refused before anything beside it is touched.
func TestRefusedBeforeTidying(t *testing.T) {
	tmp := t.TempDir()
	write(t, tmp, map[string]string{
		"public/notes.txt":                   "mine",
		".public.staging-5/" + output.Marker: "playbook staging 1 pid 0\n",
	})
	before := tree(t, tmp)
	if _, err := output.NewDir(t.Context(), filepath.Join(tmp, "public"), output.DirOptions{}); err == nil {
		t.Fatal("a folder of the user's was accepted")
	}
	if after := tree(t, tmp); !slices.Equal(before, after) {
		t.Errorf("the refusal touched the folder beside it:\n%q\n%q", before, after)
	}
}

// resolveAll returns p with every symbolic link on it resolved.
func resolveAll(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
