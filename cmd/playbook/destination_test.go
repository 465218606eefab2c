package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/output"
)

// TestDestinationRefused builds into destinations that the first release
// swapped out and deleted: a home folder, the site folder, its parent, the
// content folder under contentDir, a regular file, a folder of the user's.
// Each is refused with exit 2 before any work, naming the folder and how to
// proceed, and nothing under the temporary root changes.
func TestDestinationRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		// dest is relative to the temporary root; the site is in
		// u/projects/handbook.
		dest, toml, want string
	}{
		{"home folder", "u", "", "it is your home folder"},
		{"site folder", "u/projects/handbook", "", "it is the site folder"},
		{"site folder as .", ".", "", "it is the site folder"},
		{"parent of the site", "u/projects/handbook/..", "", "the site folder or holds it"},
		{"content folder", "u/projects/handbook/content", "", "the content folder"},
		{"contentDir", "u/projects/handbook/help", "contentDir = \"help\"\n", "the content folder"},
		{"inside contentDir", "u/projects/handbook/help/out", "contentDir = \"help\"\n", "the content folder"},
		{"regular file", "u/projects/handbook/notes.txt", "", "it is a file, not a folder"},
		{"folder of the user's", "u/projects/handbook/docs", "", "did not write: guide.pdf, old/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			t.Setenv("HOME", filepath.Join(root, "u"))
			site := filepath.Join(root, "u", "projects", "handbook")
			write(t, site, "content/_index.md", "# Home\n")
			write(t, site, "help/_index.md", "# Help\n")
			write(t, site, "notes.txt", "mine")
			write(t, site, "docs/guide.pdf", "mine")
			write(t, site, "docs/old/a.html", "mine")
			write(t, site, "playbook.toml", tc.toml)
			write(t, root, "u/.bashrc", "mine")
			before := snapshotDir(t, root)

			dest := filepath.Join(root, tc.dest)
			if tc.dest == "." {
				dest = "."
				t.Chdir(site)
			}
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), []string{"build", "-s", site, "-d", dest}, &stdout, &stderr)
			if code := exitCode(err); code != 2 {
				t.Errorf("exit %d, want 2; stderr:\n%s", code, stderr.String())
			}
			msg := stderr.String()
			if !strings.Contains(msg, "refusing to write the site to") || !strings.Contains(msg, tc.want) || !strings.Contains(msg, "--destination") {
				t.Errorf("stderr does not say %q and how to proceed:\n%s", tc.want, msg)
			}
			if after := snapshotDir(t, root); after != before {
				t.Errorf("the refused build changed files:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestDestinationKeepsFiles builds twice into a gh-pages worktree that
// holds .git, CNAME and .nojekyll: they survive both builds, as do the
// files named by a keepFiles setting, while a stale page is removed.
func TestDestinationKeepsFiles(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	write(t, site, "content/_index.md", "# Home\n\nSee [the old page](old.md).\n")
	write(t, site, "content/old.md", "# Old\n")
	dest := filepath.Join(root, "pages")
	write(t, dest, ".git", "gitdir: ../repo/.git/worktrees/pages\n")
	write(t, dest, "CNAME", "handbook.example.com\n")
	write(t, dest, ".nojekyll", "")
	build := func() {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := run(t.Context(), []string{"build", "-q", "-s", site, "-d", dest}, &stdout, &stderr); err != nil {
			t.Fatalf("build: %v\n%s", err, stderr.String())
		}
	}
	build()
	if _, err := os.Stat(filepath.Join(dest, "old", "index.html")); err != nil {
		t.Fatal(err)
	}
	write(t, site, "content/_index.md", "# Home\n")
	_ = os.Remove(filepath.Join(site, "content/old.md"))
	build()
	for name, want := range map[string]string{".git": "gitdir: ../repo/.git/worktrees/pages\n", "CNAME": "handbook.example.com\n", ".nojekyll": ""} {
		if b, err := os.ReadFile(filepath.Join(dest, name)); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "old", "index.html")); err == nil {
		t.Error("a page that is gone survived the rebuild")
	}

	// keepFiles replaces the default list: .git and .nojekyll are then
	// files playbook did not write, and the build is refused until they
	// are moved away.
	write(t, site, "playbook.toml", "keepFiles = [\"CNAME\", \"_redirects\"]\n")
	write(t, dest, "_redirects", "/a /b\n")
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"build", "-q", "-s", site, "-d", dest}, &stdout, &stderr)
	if exitCode(err) != 2 || !strings.Contains(stderr.String(), "did not write: .git, .nojekyll") {
		t.Fatalf("exit %d, want 2 naming .git and .nojekyll:\n%s", exitCode(err), stderr.String())
	}
	_ = os.Remove(filepath.Join(dest, ".git"))
	_ = os.Remove(filepath.Join(dest, ".nojekyll"))
	build()
	if _, err := os.Stat(filepath.Join(dest, "_redirects")); err != nil {
		t.Error("_redirects was not kept")
	}
	if _, err := os.Stat(filepath.Join(dest, ".git")); err == nil {
		t.Error(".git was kept although keepFiles no longer names it")
	}
}

// TestDestinationSymlink checks that a destination that is a symbolic link
// stays that link, and the site lands where it points.
func TestDestinationSymlink(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	write(t, site, "content/_index.md", "# Home\n")
	target := filepath.Join(root, "srv", "handbook")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(site, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		var stdout, stderr bytes.Buffer
		if err := run(t.Context(), []string{"build", "-q", "-s", site}, &stdout, &stderr); err != nil {
			t.Fatalf("build: %v\n%s", err, stderr.String())
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("public/ is no longer a link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "index.html")); err != nil {
		t.Errorf("the site is not in the link's target: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, output.Marker)); err != nil {
		t.Errorf("no marker: %v", err)
	}
}

// TestDestinationKeptFilesSurvive plays a contributor who names kept files
// in aliases, and in keepFiles, to have the site overwrite a folder of the
// user's: the build fails and every file of theirs is left as it was.
func TestDestinationKeptFilesSurvive(t *testing.T) {
	for _, tc := range []struct{ name, toml, aliases, want string }{
		{"alias over .git", "", "[\"/.git/\"]", `alias "/.git/" has a hidden segment ".git"`},
		{"alias over a kept folder", "keepFiles = [\".git\", \"src\"]\n", "[\"/src/\"]", "the site writes src, which keepFiles keeps in the destination"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "site")
			write(t, site, "content/_index.md", "# Home\n")
			write(t, site, "content/b.md", "---\ntitle: B\naliases: "+tc.aliases+"\n---\n# B\n")
			write(t, site, "playbook.toml", tc.toml)
			dest := filepath.Join(root, "project")
			write(t, dest, ".git/HEAD", "ref: refs/heads/main\n")
			write(t, dest, ".git/PRECIOUS", "history")
			if strings.Contains(tc.toml, "src") {
				write(t, dest, "src/main.c", "int main() {}\n")
			}
			before := snapshotDir(t, dest)
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), []string{"build", "-q", "-s", site, "-d", dest}, &stdout, &stderr)
			if exitCode(err) == 0 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, want a failure saying %q:\n%s", exitCode(err), tc.want, stderr.String())
			}
			if snapshotDir(t, dest) != before {
				t.Error("the failed build changed the destination")
			}
		})
	}
}
