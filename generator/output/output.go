// Package output writes a built site: to a folder, staged beside the
// destination and swapped in only when the build succeeded, or to memory
// for the preview server.
package output

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Writer receives the files of a site. WriteFile may be called from many
// goroutines at once.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Dir writes into a staging folder next to the destination and replaces the
// destination with it on Commit, so that a failed build leaves the previous
// output exactly as it was and a successful one leaves no stale files.
type Dir struct {
	dest    string
	staging string
	mu      sync.Mutex
	dirs    map[string]bool
}

// NewDir creates the staging folder for dest. The destination's parent
// folder is created if needed.
func NewDir(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".staging-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		_ = os.RemoveAll(staging)
		return nil, err
	}
	return &Dir{dest: dest, staging: staging, dirs: map[string]bool{}}, nil
}

// WriteFile writes one file, name being slash-separated and relative to the
// site root.
func (d *Dir) WriteFile(name string, data []byte) error {
	rel, err := cleanName(name)
	if err != nil {
		return err
	}
	full := filepath.Join(d.staging, filepath.FromSlash(rel))
	dir := filepath.Dir(full)
	d.mu.Lock()
	made := d.dirs[dir]
	d.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		d.mu.Lock()
		d.dirs[dir] = true
		d.mu.Unlock()
	}
	return os.WriteFile(full, data, 0o644)
}

// Commit swaps the staging folder in as the destination.
func (d *Dir) Commit() error {
	old := ""
	if _, err := os.Lstat(d.dest); err == nil {
		old = d.staging + ".old"
		if err := os.Rename(d.dest, old); err != nil {
			return fmt.Errorf("cannot replace %s: %w", d.dest, err)
		}
	}
	if err := os.Rename(d.staging, d.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dest)
		}
		return fmt.Errorf("cannot replace %s: %w", d.dest, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes the staging folder; the destination is untouched.
func (d *Dir) Abort() error { return os.RemoveAll(d.staging) }

func cleanName(name string) (string, error) {
	c := path.Clean("/" + name)[1:]
	if c == "" || strings.HasPrefix(c, "../") || c != strings.TrimPrefix(name, "/") && c+"/" != strings.TrimPrefix(name, "/") {
		return "", fmt.Errorf("bad output path %q", name)
	}
	return c, nil
}

// Mem holds a site in memory.
type Mem struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMem returns an empty in-memory site.
func NewMem() *Mem { return &Mem{files: map[string][]byte{}} }

// WriteFile stores one file.
func (m *Mem) WriteFile(name string, data []byte) error {
	rel, err := cleanName(name)
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.files[rel] = data
	m.mu.Unlock()
	return nil
}

// Get returns a file's content.
func (m *Mem) Get(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	return b, ok
}

// Names returns the stored file names, sorted.
func (m *Mem) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.files))
}
