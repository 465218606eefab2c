package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRunExitCodes(t *testing.T) {
	good := t.TempDir()
	mustWrite(t, filepath.Join(good, "content/_index.md"), "# Home\n\nHello.\n")
	bad := t.TempDir()
	mustWrite(t, filepath.Join(bad, "content/_index.md"), "---\ntitle: [\n---\n")
	// A draft with a broken link: checked only with --drafts.
	// A page no page links to: a warning, printed with -q too.
	orphan := t.TempDir()
	mustWrite(t, filepath.Join(orphan, "content/_index.md"), "# Home\n")
	mustWrite(t, filepath.Join(orphan, "content/lost.md"), "# Lost\n")
	drafts := t.TempDir()
	mustWrite(t, filepath.Join(drafts, "content/_index.md"), "# Home\n\nSee [the plan](plan.md).\n")
	mustWrite(t, filepath.Join(drafts, "content/plan.md"), "---\ntitle: Plan\ndraft: true\n---\nSee [nothing](gone.md).\n")

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"version", []string{"version"}, 0, "playbook ", ""},
		{"build", []string{"build", "-s", good}, 0, "Built 0 pages, 1 sections", ""},
		{"quiet", []string{"build", "-q", "-s", good}, 0, "", ""},
		{"quiet, a warning", []string{"build", "-q", "-s", orphan}, 0, "", "content/lost.md:1:1: warning: no page links to Lost"},
		{"content error", []string{"build", "-s", bad}, 1, "", "content/_index.md:2:"},
		{"unknown flag", []string{"build", "--nope"}, 2, "", "unknown flag: --nope"},
		{"unknown command", []string{"bogus"}, 2, "", `unknown command "bogus"`},
		{"help", []string{"build", "--help"}, 0, "--destination", ""},
		{"check", []string{"check", "-s", good}, 0, "No errors", ""},
		{"check error", []string{"check", "-s", bad}, 1, "", "check failed"},
		{"check, a link to a draft", []string{"check", "-s", drafts}, 1, "", `broken link "plan.md": no page or file plan.md (a draft: build or check with --drafts to include drafts)`},
		{"check --drafts", []string{"check", "--drafts", "-s", drafts}, 1, "", `content/plan.md:5:5: broken link "gone.md"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, &stdout, &stderr)
			if got := exitCode(err); got != tt.code {
				t.Errorf("exit code %d, want %d (stderr %q)", got, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) || tt.stdout == "" && stdout.Len() > 0 && strings.HasPrefix(tt.name, "quiet") {
				t.Errorf("stdout %q, want %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q, want %q", stderr.String(), tt.stderr)
			}
		})
	}
}

func mustWrite(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	for _, args := range [][]string{{"new", "team", "Customer Service", "-s", dir}, {"new", "role", "Platform owner", "-s", dir}} {
		if err := run(t.Context(), args, &out, &out); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	team, err := os.ReadFile(filepath.Join(dir, "content/teams/customer-service/index.md"))
	if err != nil || !strings.Contains(string(team), "## Onboarding") || !strings.Contains(string(team), "collaborates_with:") {
		t.Fatalf("team page: %v\n%s", err, team)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/roles/platform-owner.md")); err != nil {
		t.Fatal(err)
	}
	// The scaffolded pages build.
	if err := run(t.Context(), []string{"build", "-q", "-s", dir}, &out, &out); err != nil {
		t.Fatalf("scaffolded site does not build: %v\n%s", err, out.String())
	}
	err = run(t.Context(), []string{"new", "team", "Customer Service", "-s", dir}, &out, &out)
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrite: %v", err)
	}
	// A roles folder that is a link out of the site is written nothing.
	elsewhere := t.TempDir()
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(site, "content", "roles")); err != nil {
		t.Fatal(err)
	}
	err = run(t.Context(), []string{"new", "role", "Lead", "-s", site}, &out, &out)
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "symbolic link out of the site") {
		t.Errorf("through a link out of the site: %v", err)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("written outside the site: %v", entries)
	}
}

func TestProfileAndProgress(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "content/_index.md"), "# Home\n")
	var out, errb bytes.Buffer
	if err := run(t.Context(), []string{"build", "-q", "--profile", "-s", dir}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	for _, phase := range []string{"load", "parse", "model", "render", "extras", "total"} {
		if !strings.Contains(out.String(), phase) {
			t.Errorf("profile lacks %s:\n%s", phase, out.String())
		}
	}
	if errb.Len() != 0 {
		t.Errorf("progress written to a non-terminal: %q", errb.String())
	}
	// On a terminal, progress appears once a build has run for a second.
	var term bytes.Buffer
	p := &progressLine{w: &term, start: time.Now()}
	p.update("render", 1, 10)
	if term.Len() != 0 {
		t.Error("progress shown before a second passed")
	}
	p.start = time.Now().Add(-2 * time.Second)
	p.update("render", 10, 10)
	p.clear()
	if got := term.String(); !strings.Contains(got, "render: 10/10 pages") || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("progress output %q", got)
	}
}

func TestVersionString(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "abc1234def5678"}}
	dirty := append(slices.Clone(rev), debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	clean := append(slices.Clone(rev), debug.BuildSetting{Key: "vcs.modified", Value: "false"})
	tests := []struct {
		linked string
		info   *debug.BuildInfo
		want   string
	}{
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "playbook v1.2.3"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: dirty}, "playbook v1.2.3 (abc1234, modified)"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: clean}, "playbook (devel) (abc1234)"},
		{"v2.0.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: clean}, "playbook v2.0.0 (abc1234)"},
		{"", nil, "playbook (devel)"},
	}
	for _, tt := range tests {
		if got := versionString(tt.linked, tt.info); got != tt.want {
			t.Errorf("versionString(%q, %v) = %q, want %q", tt.linked, tt.info, got, tt.want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"new", "site", "mine", "-s", dir}, `unknown kind "site" for playbook new: want team or role; to start a handbook, run playbook init mine`},
		{[]string{"new", "-s", dir}, "playbook new needs a kind and a name"},
		{[]string{"build", "-s", dir, "--base-url", "handbook"}, `--base-url "handbook": a relative path; want an absolute http(s) URL`},
		{[]string{"build", "-s", dir, "--base-url", "handbook/"}, `--base-url "handbook/": a relative path`},
		{[]string{"build", "-s", dir, "--base-url", "ftp://example.com/h/"}, `the scheme is ftp`},
		{[]string{"build", "-s", dir, "--base-url", "//example.com/h/"}, `it has no scheme`},
		{[]string{"build", "-s", dir, "--base-url", "https:///h/"}, `it has no host`},
		{[]string{"build", "-s", dir, "--base-url", "/h/?x=1"}, `a query or a fragment`},
		{[]string{"serve", "-s", dir, "--base-url", "handbook"}, `--base-url "handbook": a relative path`},
		{[]string{"serve", "-s", dir, "--poll=1ns"}, `--poll 1ns: polling reads every folder each time; give at least 100ms`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), tt.args, &stdout, &stderr)
		if code := exitCode(err); code != 2 {
			t.Errorf("%v: exit code %d, want 2 (stderr %q)", tt.args, code, stderr.String())
		}
		if !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("%v: stderr %q, want %q", tt.args, stderr.String(), tt.stderr)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 0 {
		t.Errorf("a usage error wrote into the site folder: %v %v", entries, err)
	}
	for _, ok := range []string{"", "/", "/handbook/", "/handbook", "https://example.com/handbook/", "http://intranet/h"} {
		if err := checkBaseURL(ok); err != nil {
			t.Errorf("checkBaseURL(%q) = %v", ok, err)
		}
	}
}

func TestCheckStrict(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "content/_index.md"), "# Home\n")
	mustWrite(t, filepath.Join(dir, "content/lonely.md"), "# Lonely\n")
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"check", "-s", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("check: %v", err)
	}
	stderr.Reset()
	err := run(t.Context(), []string{"check", "--strict", "-s", dir}, &stdout, &stderr)
	if exitCode(err) != 1 || !strings.Contains(stderr.String(), "no page links to Lonely") || !strings.Contains(stderr.String(), "check failed: 1 warning(s) (--strict)") {
		t.Errorf("check --strict: %v\n%s", err, stderr.String())
	}
}
