package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// migrationSite writes a handbook in the middle of a move: one page with
// many broken links and missing anchors, one with a few, and checks set
// by checks (a [checks] table, or "").
func migrationSite(t *testing.T, checks string) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("# Home\n\nSee [the guide](guide.md).\n\n")
	for i := range 150 {
		fmt.Fprintf(&b, "- [page %d](old/page-%d.md)\n", i, i)
	}
	b.WriteString("\n")
	for i := range 23 {
		fmt.Fprintf(&b, "- [section %d](guide.md#section-%d)\n", i, i)
	}
	write(t, dir, "content/_index.md", b.String())
	write(t, dir, "content/guide.md", "# Guide\n\n## Install\n\nBack [home](_index.md), see [install](#instal) and [the old home](_index.htm).\n\n## Setup\n")
	if checks != "" {
		write(t, dir, "playbook.toml", "title = \"Migration\"\n\n[checks]\n"+checks)
	}
	return dir
}

// TestReportSummarized checks, against golden files, what build and check
// print for a handbook with many broken links: the first 20 problems of
// each kind per file, a line counting the rest, and an exit code that
// counts them all; and with the link checks made warnings or turned off.
func TestReportSummarized(t *testing.T) {
	for _, tc := range []struct {
		name   string
		checks string
		cmd    string
	}{
		{"build", "", "build"},
		{"check", "", "check"},
		{"build-warnings", "broken-link = \"warning\"\nmissing-anchor = \"warning\"\n", "build"},
		{"build-off", "broken-link = \"off\"\nmissing-anchor = \"off\"\n", "build"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := migrationSite(t, tc.checks)
			dest := filepath.Join(t.TempDir(), "public")
			args := []string{tc.cmd, "-s", src}
			if tc.cmd == "build" {
				args = append(args, "-q", "-d", dest)
			}
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), args, &stdout, &stderr)
			out := stderr.String()
			if tc.cmd == "check" {
				out += stdout.String()
			}
			got := fmt.Sprintf("exit %d\n%s", exitCode(err), strings.NewReplacer(src, "$SRC", dest, "$DEST").Replace(out))
			golden := filepath.Join("testdata", "report", tc.name+".golden")
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
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestErrorsAfterWarnings checks that a failed build prints its warnings
// too, and its errors after them, next to the line that says it failed,
// whatever files they are in.
func TestErrorsAfterWarnings(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "content/_index.md", "# Home\n\n[B](b.md) [gone](gone.md)\n")
	write(t, dir, "content/b.md", "---\ntitel: B\n---\n# B\n")
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"build", "-s", dir, "-d", filepath.Join(t.TempDir(), "public")}, &stdout, &stderr)
	want := `content/b.md:2:1: warning: unknown front matter key "titel" (did you mean "title"?)
content/_index.md:3:11: broken link "gone.md": no page or file gone.md
build failed: 1 error(s);`
	if exitCode(err) != 1 || !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", exitCode(err), stderr.String(), want)
	}
}
