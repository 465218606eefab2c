package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRunExitCodes(t *testing.T) {
	good := t.TempDir()
	mustWrite(t, filepath.Join(good, "content/_index.md"), "# Home\n\nHello.\n")
	bad := t.TempDir()
	mustWrite(t, filepath.Join(bad, "content/_index.md"), "---\ntitle: [\n---\n")

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"version", []string{"version"}, 0, "playbook dev", ""},
		{"build", []string{"build", "-s", good}, 0, "Built 0 pages, 1 sections", ""},
		{"quiet", []string{"build", "-q", "-s", good}, 0, "", ""},
		{"content error", []string{"build", "-s", bad}, 1, "", "content/_index.md:2:"},
		{"unknown flag", []string{"build", "--nope"}, 2, "", "unknown flag: --nope"},
		{"unknown command", []string{"bogus"}, 2, "", `unknown command "bogus"`},
		{"help", []string{"build", "--help"}, 0, "--destination", ""},
		{"check", []string{"check", "-s", good}, 0, "No errors", ""},
		{"check error", []string{"check", "-s", bad}, 1, "", "check failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, &stdout, &stderr)
			if got := exitCode(err); got != tt.code {
				t.Errorf("exit code %d, want %d (stderr %q)", got, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) || tt.stdout == "" && stdout.Len() > 0 && tt.name == "quiet" {
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
