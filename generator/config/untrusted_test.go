package config_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/sitefs"
)

// TestUntrustedFile checks playbook.toml files that must not be read: one
// too large, one that is a named pipe or a device, and, on disk, one that
// is a symbolic link out of the site or a real named pipe.
func TestUntrustedFile(t *testing.T) {
	for _, tc := range []struct {
		name  string
		file  *fstest.MapFile
		diags string
	}{
		{"too large", &fstest.MapFile{Data: []byte("title = \"H\"\n" + strings.Repeat("#\n", config.MaxSize))}, "playbook.toml:1:1: file is 2.0 MB, over the 1.0 MB limit for the configuration\n"},
		{"named pipe", &fstest.MapFile{Mode: fs.ModeNamedPipe}, "playbook.toml: warning: skipped, so the site is built with the default configuration: a named pipe, not a regular file\n"},
		{"device", &fstest.MapFile{Mode: fs.ModeDevice | fs.ModeCharDevice}, "playbook.toml: warning: skipped, so the site is built with the default configuration: a character device, not a regular file\n"},
	} {
		c, diags := config.Load(fstest.MapFS{"playbook.toml": tc.file})
		if got := diags.String(); got != tc.diags {
			t.Errorf("%s: diagnostics %q, want %q", tc.name, got, tc.diags)
		}
		if c.Title != "Handbook" {
			t.Errorf("%s: title %q, want the default", tc.name, c.Title)
		}
	}

	base := t.TempDir()
	site := filepath.Join(base, "site")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, "other.toml"), []byte("title = \"SECRET\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other.toml", filepath.Join(site, config.FileName)); err != nil {
		t.Skip(err)
	}
	c, diags := config.Load(sitefs.Dir(site))
	if want := "playbook.toml: warning: skipped, so the site is built with the default configuration: symbolic link leads outside the site folder\n"; diags.String() != want || c.Title != "Handbook" {
		t.Errorf("link out of the site: %q, title %q", diags, c.Title)
	}
	if err := os.Remove(filepath.Join(site, config.FileName)); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(site, config.FileName), 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, diags = config.Load(sitefs.Dir(site))
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a named pipe")
	}
	if !strings.Contains(diags.String(), "a named pipe, not a regular file") {
		t.Errorf("named pipe: %q", diags)
	}
}
