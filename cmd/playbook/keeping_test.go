package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// keepingSite writes a small handbook with owners (a folder's, a team's,
// CODEOWNERS'), pages due for review on 2026-06-01, checklists and, when
// broken is set, a broken link and a file at the URL of a generated one
// (an error of no kind and no line).
func keepingSite(t *testing.T, broken bool) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Setenv("SOURCE_DATE_EPOCH", "")
	write(t, dir, "playbook.toml", "title = \"Keeping\"\nbaseURL = \"https://handbook.example.com/\"\nrepo = \"https://gitlab.example.com/org/handbook\"\nreviewEvery = \"12 months\"\n")
	write(t, dir, "CODEOWNERS", "[Handbook] @org/people\n/content/\n/content/teams/ @petter\n")
	home := "# Home\n\n[Guides](guides/_index.md), [Support](teams/support/index.md), [Agent](roles/agent.md).\n"
	if broken {
		home += "\nSee [the old page](old-page.md), please.\n"
		write(t, dir, "content/sitemap.xml", "<urlset/>\n")
	}
	write(t, dir, "content/_index.md", home)
	write(t, dir, "content/guides/_index.md", "---\ntitle: Guides\nowners:\n  - name: Anna Berg\n    email: anna@example.com\nreview_every: 6 months\n---\n[First week](first-week.md), [Tools](tools.md).\n")
	write(t, dir, "content/guides/first-week.md", "---\ntitle: First week\nreviewed: 2025-10-01\n---\nBack [home](../_index.md).\n")
	write(t, dir, "content/guides/tools.md", "---\ntitle: Tools\nreviewed: 2026-03-01\n---\nNot due yet. Back [home](../_index.md).\n")
	write(t, dir, "content/teams/support/index.md", "---\ntitle: Support\nroles: [agent]\nreviewed: 2025-01-10\n---\n## Onboarding\n\n- [ ] Lead: book the first week\n- [ ] Agent: answer ten tickets, with a buddy\n")
	write(t, dir, "content/roles/agent.md", "---\ntitle: Agent\n---\n## Onboarding\n\n- [ ] read the ticket guide\n")
	return dir
}

// goldenFile compares got with testdata/keeping/name, written with -update.
func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", "keeping", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s: got:\n%s\nwant:\n%s", golden, got, want)
	}
}

// runIn runs playbook with args and returns the exit code, stdout and
// stderr, with the site's folder written $SRC.
func runIn(t *testing.T, src string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), args, &stdout, &stderr)
	r := strings.NewReplacer(src, "$SRC")
	return fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", exitCode(err), r.Replace(stdout.String()), r.Replace(stderr.String()))
}

// TestCheckFormats checks playbook check's three formats against golden
// files, on a site with an error and on one with warnings only, with and
// without --strict: GitHub annotations carry file, line, column and kind.
func TestCheckFormats(t *testing.T) {
	for _, tc := range []struct {
		name   string
		broken bool
		args   []string
	}{
		{"github.golden", true, []string{"--format", "github"}},
		{"github-warnings.golden", false, []string{"--format", "github"}},
		{"github-strict.golden", false, []string{"--format", "github", "--strict"}},
		{"json.golden", true, []string{"--format", "json"}},
		{"text.golden", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := keepingSite(t, tc.broken)
			args := append([]string{"check", "-s", src, "--date", "2026-06-01"}, tc.args...)
			goldenFile(t, "check-"+tc.name, runIn(t, src, args...))
		})
	}
	// A relative -s is put before the paths, so that GitHub finds the
	// files from the repository's root.
	src := keepingSite(t, true)
	t.Chdir(filepath.Dir(src))
	out := runIn(t, src, "check", "-s", filepath.Base(src), "--format", "github", "--date", "2026-06-01")
	if !strings.Contains(out, "::error file="+filepath.Base(src)+"/content/_index.md,line=5,col=") {
		t.Errorf("relative -s:\n%s", out)
	}
	if out := runIn(t, src, "check", "--format", "xml"); !strings.HasPrefix(out, "exit 2") {
		t.Errorf("--format xml:\n%s", out)
	}
}

// TestReportStale checks playbook report stale as text and JSON, against
// golden files: the due pages grouped by owner, the longest due first.
// The date comes from --date or SOURCE_DATE_EPOCH.
func TestReportStale(t *testing.T) {
	src := keepingSite(t, false)
	goldenFile(t, "stale.golden", runIn(t, src, "report", "stale", "-s", src, "--date", "2026-06-01"))
	goldenFile(t, "stale-json.golden", runIn(t, src, "report", "stale", "-s", src, "--date", "2026-06-01", "--format", "json"))
	t.Setenv("SOURCE_DATE_EPOCH", "1780272000") // 2026-06-01
	if got, want := runIn(t, src, "report", "stale", "-s", src), runIn(t, src, "report", "stale", "-s", src, "--date", "2026-06-01"); got != want {
		t.Errorf("SOURCE_DATE_EPOCH:\n%s\nwant:\n%s", got, want)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if out := runIn(t, src, "report", "stale", "-s", src); !strings.Contains(out, "No reference date") {
		t.Errorf("outside git without a date:\n%s", out)
	}
	if out := runIn(t, src, "report", "stale", "-s", src, "--date", "June"); !strings.HasPrefix(out, "exit 2") {
		t.Errorf("--date June:\n%s", out)
	}
}

// TestChecklistCommand prints a role's combined checklist, the Markdown of
// its page's "Open as issue" link, and the link itself with --url.
func TestChecklistCommand(t *testing.T) {
	src := keepingSite(t, false)
	goldenFile(t, "checklist-agent.golden", runIn(t, src, "checklist", "-s", src, "agent"))
	goldenFile(t, "checklist-support-url.golden", runIn(t, src, "checklist", "-s", src, "--url", "Support"))
	if out := runIn(t, src, "checklist", "-s", src, "agnet"); !strings.HasPrefix(out, "exit 2") || !strings.Contains(out, `did you mean "agent"`) {
		t.Errorf("a misspelt role:\n%s", out)
	}
}
