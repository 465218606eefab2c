package build_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// longText makes a page body that git recognises after a rename.
func longText(s string) string {
	return strings.Repeat("This paragraph of "+s+" stays the same when the file moves.\n\n", 12)
}

// TestRenameRedirects renames pages in a temporary git repository: each
// old URL leads to the page's new one, through a chain of renames too,
// while an old name that a page has again keeps that page.
func TestRenameRedirects(t *testing.T) {
	s := newGitSite(t, map[string]string{
		"playbook.toml":             "title = \"Moves\"\n",
		"content/_index.md":         "# Home\n\n[Returns](guides/returns-policy.md), [Setup](setup.md), [Old](old.md).\n",
		"content/guides/returns.md": "---\ntitle: Returns\n---\n" + longText("returns"),
		"content/setup.md":          "---\ntitle: Setup\n---\n" + longText("setup"),
		"content/install.md":        "---\ntitle: Install\n---\n" + longText("install"),
	})
	s.git("2026-01-05T10:00:00Z", "init", "-q", "-b", "main")
	s.commit("2026-01-05T10:00:00Z", "Anna Berg", "First pages", nil)
	s.git("2026-01-06T10:00:00Z", "mv", "content/guides/returns.md", "content/guides/returns-and-refunds.md")
	s.git("2026-01-06T10:00:00Z", "mv", "content/install.md", "content/old.md")
	s.commit("2026-01-06T10:00:00Z", "Anna Berg", "Rename", nil)
	s.git("2026-01-07T10:00:00Z", "mv", "content/guides/returns-and-refunds.md", "content/guides/returns-policy.md")
	// A new page where install.md was: its URL is its own again.
	s.commit("2026-01-07T10:00:00Z", "Anna Berg", "Rename again, new install page", map[string]string{
		"content/install.md": "---\ntitle: New install\n---\nA new page.\n",
	})
	dest := s.build(build.Config{})

	for _, old := range []string{"guides/returns/index.html", "guides/returns-and-refunds/index.html"} {
		if got := read(t, dest, old); !strings.Contains(got, `<meta http-equiv="refresh" content="0; url=/guides/returns-policy/">`) {
			t.Errorf("%s does not redirect to /guides/returns-policy/:\n%s", old, got)
		}
	}
	if got := read(t, dest, "install/index.html"); !strings.Contains(got, "New install") || strings.Contains(got, "http-equiv") {
		t.Errorf("install/index.html is not the new page:\n%.300s", got)
	}
	if got := read(t, dest, "old/index.html"); strings.Contains(got, "http-equiv") {
		t.Error("the page itself was replaced by a redirect")
	}
	// Without git there is no history and no redirect.
	dest = s.build(build.Config{NoGit: true})
	if _, err := os.Stat(filepath.Join(dest, "guides/returns/index.html")); err == nil {
		t.Error("a redirect without git history")
	}
}

// TestLostURLs builds a site, removes and renames pages without git, and
// builds again into the same destination: every page of the first build
// that the second lacks, without an alias, is a warning; with --previous
// the other build's record is compared; as errors, the build fails and the
// destination keeps the first site.
func TestLostURLs(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\n[A](a.md), [B](b.md), [C](c.md).\n")
	for _, n := range []string{"a", "b", "c"} {
		writeFile(t, filepath.Join(src, "content", n+".md"), "# "+strings.ToUpper(n)+"\n\nBack [home](_index.md).\n")
	}
	dest := filepath.Join(t.TempDir(), "public")
	cfg := build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true}
	if _, err := build.New(cfg).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(t.TempDir(), "first")
	if err := os.CopyFS(first, os.DirFS(dest)); err != nil {
		t.Fatal(err)
	}
	// b.md goes; c.md becomes d.md with an alias for its old URL.
	if err := os.Remove(filepath.Join(src, "content/b.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "content/c.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(src, "content/d.md"), "---\ntitle: D\naliases: [/c/]\n---\nBack [home](_index.md).\n")
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\n[A](a.md), [D](d.md).\n")

	lost := func(l diag.List) string {
		var b strings.Builder
		for _, d := range l {
			if d.Kind == "removed-url" {
				b.WriteString(d.String() + "\n")
			}
		}
		return b.String()
	}
	res, err := build.New(cfg).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dest, ".playbook-output") + `: warning: /b/ was in the previous build and is gone, with nothing redirecting it: add "/b/" to the aliases of the page that replaces it` + "\n"
	if got := lost(res.Warnings); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	// The destination is now the second build: nothing more is lost.
	res, err = build.New(cfg).Build(t.Context())
	if err != nil || lost(res.Warnings) != "" {
		t.Errorf("a second build of the same site: %v %s", err, lost(res.Warnings))
	}
	// --previous compares with the first build instead, from its folder.
	cfg.Previous = first
	res, err = build.New(cfg).Build(t.Context())
	if err != nil || !strings.Contains(lost(res.Warnings), "/b/ was in the previous build") {
		t.Errorf("--previous: %v %s", err, lost(res.Warnings))
	}
	// As errors, the build fails and leaves the destination as it was.
	writeFile(t, filepath.Join(src, "playbook.toml"), "[checks]\nremoved-url = \"error\"\n")
	before := treeHash(t, dest)
	_, err = build.New(cfg).Build(t.Context())
	var le *diag.ListError
	if !errors.As(err, &le) || !strings.Contains(le.Error(), "/b/ was in the previous build") {
		t.Errorf("removed-url as error: %v", err)
	}
	if treeHash(t, dest) != before {
		t.Error("a failed build changed the destination")
	}
}

// TestReviewAndOwners builds a site in git: the reference date is the
// newest commit's day, so a page past its review date shows the notice
// with its owner from .github/CODEOWNERS, and Config.Date moves it.
func TestReviewAndOwners(t *testing.T) {
	s := newGitSite(t, map[string]string{
		"playbook.toml":           "title = \"Reviews\"\nreviewEvery = \"6 months\"\nrepo = \"https://github.com/org/handbook\"\nbaseURL = \"https://h.example.com/\"\n",
		".github/CODEOWNERS":      "/content/guides/ @petter\n",
		"content/_index.md":       "---\nowners: [{name: Petter Åberg, chat: \"@petter\"}]\n---\n# Home\n\n[Guide](guides/guide.md)\n",
		"content/guides/guide.md": "---\ntitle: Guide\nreviewed: 2025-06-01\n---\n## Steps\n\n- [ ] Lead: do the first thing\n- [x] do the second\n\nBack [home](../_index.md).\n",
	})
	s.git("2026-01-05T10:00:00Z", "init", "-q", "-b", "main")
	s.commit("2026-01-05T10:00:00Z", "Anna Berg", "First pages", nil)
	dest := s.build(build.Config{})
	guide := read(t, dest, "guides/guide/index.html")
	for _, want := range []string{
		`<p class="page-notice notice-review" role="note">Due for review since <time datetime="2025-12-01">1 December 2025</time>. Ask <span class="owner owner-person">Petter Åberg</span>.</p>`,
		`<span class="page-reviewed">Reviewed <time datetime="2025-06-01">1 June 2025</time></span>`,
		`Owner</a>: <span class="owner owner-person">Petter Åberg</span>`,
		`class="issue-button" href="https://github.com/org/handbook/issues/new?title=Guide%3A%20Steps&amp;body=`,
	} {
		if !strings.Contains(guide, want) {
			t.Errorf("guides/guide/index.html lacks %s", want)
		}
	}
	// The home page's own owners; the guide's come from CODEOWNERS, which
	// names Petter by his chat handle.
	owners := read(t, dest, "owners/index.html")
	if !strings.Contains(owners, `<a href="/guides/guide/">Guide</a> <span class="badge badge-due">due for review</span>`) {
		t.Errorf("the owners page does not list the guide as due:\n%s", excerpt(owners, "owner-index"))
	}
	dest = s.build(build.Config{Date: time.Date(2025, 11, 30, 0, 0, 0, 0, time.UTC)})
	if strings.Contains(read(t, dest, "guides/guide/index.html"), "notice-review") {
		t.Error("due before its date")
	}
}

// TestOwnersPageReserved: /owners/ (and /sv/owners/) belong to the
// generated owners page even before any page has owners, so adding an
// owner never takes a page's URL.
func TestOwnersPageReserved(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "playbook.toml"), "[languages.sv]\nname = \"Svenska\"\n")
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\n[Owners](owners.md)\n")
	writeFile(t, filepath.Join(src, "content/owners.md"), "# Owners\n\nOur own page.\n")
	writeFile(t, filepath.Join(src, "content/sv/x.md"), "---\naliases: [/sv/owners/]\n---\n# X\n")
	_, err := build.New(build.Config{SourceDir: src, DestDir: filepath.Join(t.TempDir(), "public"), DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context())
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("got %v, want clashes", err)
	}
	for _, want := range []string{
		"content/owners.md:1:1: this page's URL /owners/ clashes with the generated owners page at /owners/",
		`content/sv/x.md:2:11: alias "/sv/owners/" clashes with the generated owners page at /sv/owners/`,
	} {
		if !strings.Contains(le.Error(), want) {
			t.Errorf("errors lack %s:\n%v", want, le)
		}
	}
}

// TestOwnersFileBesideReserved checks that a content file whose name
// differs from owners/ only in case (Kubernetes' OWNERS, beside its
// folder's pages) is published while no page has owners, and that it is
// a clash once one has: the owners page is then written there.
func TestOwnersFileBesideReserved(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\nApprovers are in [OWNERS](OWNERS).\n")
	writeFile(t, filepath.Join(src, "content/OWNERS"), "approvers:\n- anna\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest, "OWNERS"); got != "approvers:\n- anna\n" {
		t.Errorf("OWNERS published as %q", got)
	}
	writeFile(t, filepath.Join(src, "content/_index.md"), "---\nowners: [anna]\n---\n# Home\n\nApprovers are in [OWNERS](OWNERS).\n")
	_, err := build.New(build.Config{SourceDir: src, DestDir: filepath.Join(t.TempDir(), "public"), DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context())
	if want := "content/OWNERS: this file's URL /OWNERS clashes with the generated owners page at /owners/"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestRebuildCodeowners edits CODEOWNERS and an _index.md's owners under
// a preview builder: each Rebuild gives the site a full build gives.
func TestRebuildCodeowners(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"Owners\"\nreviewEvery = \"1 year\"\n")
	writeFile(t, filepath.Join(dir, "CODEOWNERS"), "/content/ @anna\n")
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\n[A](guides/a.md)\n")
	writeFile(t, filepath.Join(dir, "content/guides/_index.md"), "# Guides\n")
	writeFile(t, filepath.Join(dir, "content/guides/a.md"), "---\nreviewed: 2025-01-01\n---\n# A\n\nBack [home](../_index.md).\n")
	mem := output.NewMem()
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true, Date: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}, mem)
	if _, err := b.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	check := func(step string, changed ...string) {
		t.Helper()
		if _, err := b.Rebuild(t.Context(), changed); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if _, err := b.FinishSearch(t.Context()); err != nil {
			t.Fatal(err)
		}
		want := output.NewMem()
		full := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true, Date: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}, want)
		if _, err := full.Rebuild(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		if d := diffSnapshots(mem.Snapshot(), want.Snapshot(), nil); d != "" {
			t.Errorf("%s: the rebuild differs from a full build:\n%s", step, d)
		}
		a, _ := mem.Snapshot().Get("guides/a/index.html")
		if !strings.Contains(string(a), "notice-review") {
			t.Errorf("%s: the review notice is gone", step)
		}
	}
	writeFile(t, filepath.Join(dir, "CODEOWNERS"), "/content/ @anna\n/content/guides/ @petter\n")
	check("CODEOWNERS", filepath.Join(dir, "CODEOWNERS"))
	writeFile(t, filepath.Join(dir, "content/guides/_index.md"), "---\nowners: [Amir Haddad]\n---\n# Guides\n")
	check("_index.md owners", filepath.Join(dir, "content/guides/_index.md"))
}
