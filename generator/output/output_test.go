package output_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/playbookhq/playbook/generator/output"
)

func TestDirCommitAndAbort(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "stale.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	// An aborted build leaves the destination as it was.
	d, err := output.NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "stale.html")); string(b) != "old" {
		t.Fatal("abort changed the destination")
	}

	// A committed build replaces it entirely.
	d, _ = output.NewDir(dest)
	if err := d.WriteFile("a/b/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "stale.html")); err == nil {
		t.Error("stale file survived a commit")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a/b/index.html")); string(b) != "new" {
		t.Error("new file missing")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("leftovers beside the destination: %v", entries)
	}
}

func TestWriteFileRejectsEscapes(t *testing.T) {
	d, err := output.NewDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = d.Abort() }()
	for _, name := range []string{"../x", "a/../../x", ""} {
		if err := d.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
}
