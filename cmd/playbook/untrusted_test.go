package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUntrustedFilesDoNotHang runs "playbook build" and "playbook check" on
// a site with named pipes as a page, an include and a theme asset, and
// with an include that links to a secret file outside the site. Both
// commands must end promptly, warn about the pipes, fail at the include
// directive, and print nothing of the secret.
func TestUntrustedFilesDoNotHang(t *testing.T) {
	const secret = "SECRET-91d2e6"
	base := t.TempDir()
	src := filepath.Join(base, "site")
	write(t, base, "secret.md", secret+"\n")
	write(t, src, "content/_index.md", "# Home\n\n{{$include _includes/secret.md}}\n")
	write(t, src, "content/_includes/real.md", "Text.\n")
	if err := os.Symlink("../../../secret.md", filepath.Join(src, "content/_includes/secret.md")); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{"content/pipe.md", "content/_includes/pipe.md", "themes/default/assets/pipe.css"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(src, p), 0o644); err != nil {
			t.Skip(err)
		}
	}
	commands := [][]string{
		{"build", "-q", "-s", src, "-d", filepath.Join(base, "public")},
		{"check", "-s", src},
	}
	for _, args := range commands {
		out, code := runWithin(t, args)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s", args[0], code, out)
		}
		want := `content/_index.md:3:1: include "_includes/secret.md": content/_includes/secret.md: symbolic link leads outside the site folder`
		if !strings.Contains(out, want) {
			t.Errorf("%s: output lacks %q:\n%s", args[0], want, out)
		}
		if strings.Contains(out, secret) {
			t.Errorf("%s: the secret is in the output:\n%s", args[0], out)
		}
	}
	// Without the include, the site builds and the pipes are warned of.
	write(t, src, "content/_index.md", "# Home\n")
	for _, args := range commands {
		out, code := runWithin(t, args)
		if code != 0 {
			t.Errorf("%s: exit %d, want 0\n%s", args[0], code, out)
		}
		for _, want := range []string{
			"content/pipe.md: warning: skipped: a named pipe, not a regular file",
			"themes/default/assets/pipe.css: warning: skipped: a named pipe, not a regular file",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", args[0], want, out)
			}
		}
	}
}

// runWithin runs the command and returns its output and exit code; it
// fails the test if the command has not ended after 30 seconds.
func runWithin(t *testing.T, args []string) (string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(t.Context(), args, &stdout, &stderr) }()
	select {
	case err := <-done:
		return stdout.String() + stderr.String(), exitCode(err)
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: still running after 30s", args[0])
	}
	return "", 0
}
