package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteNew checks that writeNew writes what os.WriteFile would: the
// whole of a large file, a shorter file over a longer one, and a path
// error naming the file when its folder is missing.
func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.html")
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
	for _, data := range [][]byte{big, []byte("short"), {}} {
		if err := writeNew(p, data); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read %d bytes, %v; want %d", len(got), err, len(data))
		}
	}
	missing := filepath.Join(dir, "missing", "index.html")
	var pe *fs.PathError
	if err := writeNew(missing, big); !errors.As(err, &pe) || pe.Path != missing || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writeNew into a missing folder: %v; want a path error for %s", err, missing)
	}
}
