package gitinfo_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/gitinfo"
)

// repo is a temporary git repository whose commits have fixed dates.
type repo struct {
	t   testing.TB
	dir string
}

func newRepo(t testing.TB) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	return r
}

// git runs git in the repository; date, when set, is the author and
// committer date.
func (r *repo) git(date string, args ...string) {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Anna Berg", "GIT_AUTHOR_EMAIL=anna@example.com",
		"GIT_COMMITTER_NAME=Anna Berg", "GIT_COMMITTER_EMAIL=anna@example.com")
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func (r *repo) write(name, text string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits it at date, by author.
func (r *repo) commit(date, author, msg string) {
	r.t.Helper()
	r.git("", "add", "-A")
	r.git(date, "-c", "user.name="+author, "commit", "-q", "--author="+author+" <a@example.com>", "-m", msg)
}

func TestLoad(t *testing.T) {
	r := newRepo(t)
	r.write("site/content/a.md", "a1")
	r.write("site/content/teams/Kundtjänst.md", "k1")
	r.write("README.md", "outside the site")
	r.commit("2026-01-05T10:00:00+01:00", "Anna Berg", "First pages")
	r.write("site/content/a.md", "a2")
	r.write("site/content/b.md", "b1")
	r.commit("2026-02-10T09:30:00+01:00", "Petter Åberg", "Second: a and b")
	// Same second as the previous commit: order still tells them apart.
	r.write("site/content/b.md", "b2")
	r.commit("2026-02-10T09:30:00+01:00", "Amir Haddad", "Third")
	r.git("", "mv", "site/content/teams/Kundtjänst.md", "site/content/teams/kundtjanst.md")
	r.commit("2026-03-01T08:00:00Z", "Anna Berg", "Rename")

	h, err := gitinfo.Load(t.Context(), filepath.Join(r.dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, author, date, subject string
	}{
		{"content/a.md", "Petter Åberg", "2026-02-10T09:30:00+01:00", "Second: a and b"},
		{"content/b.md", "Amir Haddad", "2026-02-10T09:30:00+01:00", "Third"},
		{"content/teams/kundtjanst.md", "Anna Berg", "2026-03-01T08:00:00Z", "Rename"},
		// With --no-renames the old name keeps the commit that deleted it.
		{"content/teams/Kundtjänst.md", "Anna Berg", "2026-03-01T08:00:00Z", "Rename"},
	}
	for _, tt := range tests {
		c, ok := h.Last(tt.path)
		if !ok {
			t.Errorf("%s: no commit", tt.path)
			continue
		}
		if c.Author != tt.author || c.AuthorDate.Format(time.RFC3339) != tt.date || c.Subject != tt.subject {
			t.Errorf("%s: got %s %s %q, want %s %s %q", tt.path, c.Author, c.AuthorDate.Format(time.RFC3339), c.Subject, tt.author, tt.date, tt.subject)
		}
	}
	a, _ := h.Last("content/a.md")
	b, _ := h.Last("content/b.md")
	if !(b.Seq < a.Seq) {
		t.Errorf("b's commit (seq %d) should be newer than a's (seq %d)", b.Seq, a.Seq)
	}
	if _, ok := h.Last("README.md"); ok {
		t.Error("a file outside the folder was read")
	}
	if _, ok := h.Last("../README.md"); ok {
		t.Error("a file outside the folder was read")
	}
	if h.Len() != 4 {
		t.Errorf("Len = %d, want 4", h.Len())
	}
	if h.Shallow {
		t.Error("not a shallow clone")
	}
}

func TestNoRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	_, err := gitinfo.Load(t.Context(), dir)
	if !errors.Is(err, gitinfo.ErrNoRepository) {
		t.Fatalf("got %v, want ErrNoRepository", err)
	}
	var h *gitinfo.History
	if _, ok := h.Last("x"); ok || h.Len() != 0 {
		t.Error("a nil History has no commits")
	}
}

func TestEmptyRepository(t *testing.T) {
	r := newRepo(t)
	h, err := gitinfo.Load(t.Context(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	if h.Len() != 0 {
		t.Errorf("Len = %d", h.Len())
	}
}

// BenchmarkLoad reads the history of a repository with 10,000 files in
// 100 commits.
func BenchmarkLoad(b *testing.B) {
	r := newRepo(b)
	for c := range 100 {
		for i := range 100 {
			r.write(fmt.Sprintf("content/area-%02d/page-%05d.md", c%10, c*100+i), fmt.Sprint(c, i))
		}
		r.commit(fmt.Sprintf("2026-01-01T00:%02d:00Z", c%60), "Anna Berg", fmt.Sprint("commit ", c))
	}
	b.ResetTimer()
	for b.Loop() {
		h, err := gitinfo.Load(b.Context(), r.dir)
		if err != nil {
			b.Fatal(err)
		}
		if h.Len() != 10000 {
			b.Fatalf("Len = %d", h.Len())
		}
	}
}

// TestMoves follows renames through the history: chains end at the
// file's name today, and a name taken again by another file is listed.
func TestMoves(t *testing.T) {
	r := newRepo(t)
	body := func(s string) string { return strings.Repeat("A line of the page "+s+" that stays the same.\n", 20) }
	r.write("site/content/a.md", body("a"))
	r.write("site/content/x.md", body("x"))
	r.write("README.md", body("outside"))
	r.commit("2026-01-05T10:00:00Z", "Anna Berg", "First")
	if err := os.MkdirAll(filepath.Join(r.dir, "site/content/guides"), 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("", "mv", "site/content/a.md", "site/content/guides/b.md")
	r.git("", "mv", "README.md", "site/content/readme-moved-in.md")
	r.commit("2026-01-06T10:00:00Z", "Anna Berg", "Move a")
	r.git("", "mv", "site/content/guides/b.md", "site/content/guides/c.md")
	r.git("", "mv", "site/content/x.md", "site/content/y.md")
	r.commit("2026-01-07T10:00:00Z", "Anna Berg", "Move again")
	r.write("site/content/x.md", body("a new x"))
	r.commit("2026-01-08T10:00:00Z", "Petter Åberg", "A new page where x was")
	// Edited and moved: kept when the names share a word, not when two
	// pages that are mostly one table stand in different folders under
	// unrelated names (git finds them 90% alike).
	table := strings.Repeat("| --param | A parameter every command takes. |\n", 30)
	r.write("site/content/guides/returns.md", body("returns"))
	r.write("site/content/ref/activate_language.md", table+"Activates a language.\n")
	r.commit("2026-01-09T10:00:00Z", "Anna Berg", "Reference")
	r.git("", "rm", "-q", "site/content/ref/activate_language.md")
	r.write("site/content/cli/clear.md", table+"Clears the cache.\n")
	r.git("", "mv", "site/content/guides/returns.md", "site/content/return-policy.md")
	r.write("site/content/return-policy.md", body("returns")+"One more line.\n")
	r.commit("2026-01-10T10:00:00Z", "Anna Berg", "Restructure")

	h, err := gitinfo.Load(t.Context(), filepath.Join(r.dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(h.Moves())
	want := "[{content/a.md content/guides/c.md} {content/guides/b.md content/guides/c.md} {content/guides/returns.md content/return-policy.md} {content/x.md content/y.md}]"
	if got != want {
		t.Errorf("Moves = %s\nwant    %s", got, want)
	}
	if n := h.Newest(); n == nil || n.Subject != "Restructure" {
		t.Errorf("Newest = %+v", n)
	}
	// A renamed file's last commit is the rename, as without detection.
	if c, ok := h.Last("content/guides/c.md"); !ok || c.Subject != "Move again" {
		t.Errorf("Last(c.md) = %+v, %v", c, ok)
	}
	if c, ok := h.Last("content/readme-moved-in.md"); !ok || c.Subject != "Move a" {
		t.Errorf("Last(readme-moved-in.md) = %+v, %v", c, ok)
	}
}

// TestRenamesLost reads a history whose renamed file's old content is
// gone, as in a damaged clone: git cannot compare the two, so the
// history is read without renames, the dates are kept, and RenamesLost
// says why there are no moves. An error names the git command that
// failed.
func TestRenamesLost(t *testing.T) {
	r := newRepo(t)
	r.write("content/a.md", strings.Repeat("A line of the guide that stays.\n", 20))
	r.write("content/b.md", "Another page.\n")
	r.commit("2026-01-05T10:00:00Z", "Anna Berg", "First")
	r.git("", "mv", "content/a.md", "content/guide.md")
	r.write("content/guide.md", strings.Repeat("A line of the guide that stays.\n", 20)+"One more.\n")
	r.commit("2026-01-06T10:00:00Z", "Anna Berg", "Move the guide")
	out, err := exec.Command("git", "-C", r.dir, "rev-parse", "HEAD~1:content/a.md").Output()
	if err != nil {
		t.Fatal(err)
	}
	blob := strings.TrimSpace(string(out))
	if err := os.Remove(filepath.Join(r.dir, ".git", "objects", blob[:2], blob[2:])); err != nil {
		t.Fatal(err)
	}

	h, err := gitinfo.Load(t.Context(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	if h.RenamesLost == nil || !strings.HasPrefix(h.RenamesLost.Error(), "git log: ") {
		t.Errorf("RenamesLost = %v, want an error of git log", h.RenamesLost)
	}
	if len(h.Moves()) != 0 {
		t.Errorf("Moves = %v, want none", h.Moves())
	}
	for name, subject := range map[string]string{"content/guide.md": "Move the guide", "content/b.md": "First"} {
		if c, ok := h.Last(name); !ok || c.Subject != subject {
			t.Errorf("Last(%s) = %+v, %v; want %q", name, c, ok, subject)
		}
	}
}

// TestProbe checks that Probe changes with a commit, a checkout, packed
// refs and a repository that comes or goes, in a worktree too, and not
// with an edit.
func TestProbe(t *testing.T) {
	r := newRepo(t)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(r.dir))
	sub := filepath.Join(r.dir, "site")
	r.write("site/a.md", "one")
	unborn := gitinfo.Probe(sub)
	r.commit("2026-01-01T00:00:00Z", "Anna Berg", "first")
	steps := []struct {
		name string
		do   func()
	}{
		{"the first commit", func() {}},
		{"a commit", func() { r.write("site/a.md", "two"); r.commit("2026-01-02T00:00:00Z", "Anna Berg", "second") }},
		{"a checkout", func() { r.git("", "checkout", "-q", "-b", "other", "HEAD~1") }},
		{"packed refs", func() { r.git("", "pack-refs", "--all") }},
	}
	last := unborn
	for _, s := range steps {
		s.do()
		now := gitinfo.Probe(sub)
		if now == last {
			t.Errorf("after %s the probe is the same", s.name)
		}
		last = now
	}
	r.write("site/a.md", "an edit, not committed")
	if gitinfo.Probe(sub) != last {
		t.Error("an edit changed the probe")
	}
	wt := filepath.Join(t.TempDir(), "wt")
	r.git("", "worktree", "add", "-q", wt, "main")
	before := gitinfo.Probe(wt)
	if before == "" || before == last {
		t.Fatalf("the worktree's probe is %q", before)
	}
	w := &repo{t: t, dir: wt}
	w.write("b.md", "in the worktree")
	w.commit("2026-01-03T00:00:00Z", "Anna Berg", "in the worktree")
	if gitinfo.Probe(wt) == before {
		t.Error("a commit in a worktree left its probe the same")
	}
	if err := os.Rename(filepath.Join(r.dir, ".git"), filepath.Join(r.dir, "git.away")); err != nil {
		t.Fatal(err)
	}
	if got := gitinfo.Probe(sub); got != "" {
		t.Errorf("without the repository the probe is %q", got)
	}
	if err := os.Rename(filepath.Join(r.dir, "git.away"), filepath.Join(r.dir, ".git")); err != nil {
		t.Fatal(err)
	}
	// A shallow clone made whole: no ref moves, the history grows.
	clone := &repo{t: t, dir: filepath.Join(t.TempDir(), "clone")}
	r.git("", "clone", "-q", "--depth", "1", "--branch", "main", "file://"+r.dir, clone.dir)
	shallow := gitinfo.Probe(clone.dir)
	clone.git("", "fetch", "-q", "--unshallow")
	if gitinfo.Probe(clone.dir) == shallow {
		t.Error("git fetch --unshallow left the probe the same")
	}
}
