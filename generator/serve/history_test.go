package serve

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/themes"
)

// TestCommitRebuilds checks that a commit of saved edits, which changes no
// file the watcher sees, brings the pages' authors and dates up to date
// in the preview.
func TestCommitRebuilds(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"Handbook\"\n")
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\nSee the [guide](guide.md).\n")
	writeFile(t, filepath.Join(dir, "content/guide.md"), "# Guide\n\nThe first version.\n")
	git := func(author, date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME="+author, "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME="+author,
			"GIT_COMMITTER_EMAIL=a@example.com", "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("Anna Berg", "2026-01-05T10:00:00Z", "init", "-q")
	git("Anna Berg", "2026-01-05T10:00:00Z", "add", "-A")
	git("Anna Berg", "2026-01-05T10:00:00Z", "commit", "-q", "-m", "The handbook")
	r := startSession(t, build.Config{SourceDir: dir, DefaultTheme: themes.Default()}, func(s *Server) { s.historyEvery = 50 * time.Millisecond })
	if _, body := get(t, r.url+"/guide/"); !strings.Contains(body, "Anna Berg") {
		t.Fatal("the guide does not show its author")
	}
	writeFile(t, filepath.Join(dir, "content/guide.md"), "# Guide\n\nThe second version.\n")
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, body := get(t, r.url+"/guide/"); strings.Contains(body, "second version") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the edit is not shown")
		}
		time.Sleep(20 * time.Millisecond)
	}
	git("Bo Ek", "2026-03-09T10:00:00Z", "commit", "-q", "-a", "-m", "Second version")
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, body := get(t, r.url+"/guide/"); strings.Contains(body, "Bo Ek") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the commit is not shown; the server said:\n%s", r.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
