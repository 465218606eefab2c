// Package output writes a built site: to a folder, staged beside the
// destination and swapped in only when the build succeeded, or to memory
// for the preview server.
package output

import (
	"fmt"
	"iter"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Writer receives the files of a site. WriteFile may be called from many
// goroutines at once.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Borrower is a Writer that is done with the data WriteFile is given once
// WriteFile returns, so that the caller may reuse its buffer. Writers that
// are not Borrowers may keep the data.
type Borrower interface {
	Writer
	// Borrows marks the writer as a Borrower; it does nothing.
	Borrows()
}

// CleanName returns name as the writers store it: slash-separated,
// relative and clean. It fails for names that leave the site.
func CleanName(name string) (string, error) { return cleanName(name) }

func cleanName(name string) (string, error) {
	c := path.Clean("/" + name)[1:]
	if c == "" || strings.HasPrefix(c, "../") || c != strings.TrimPrefix(name, "/") && c+"/" != strings.TrimPrefix(name, "/") {
		return "", fmt.Errorf("bad output path %q", name)
	}
	return c, nil
}

// validName reports whether name is a clean, slash-separated, relative
// file name, as cleanName would return it, without allocating.
func validName(name string) bool {
	if name == "" || name[0] == '/' || name[len(name)-1] == '/' {
		return false
	}
	start := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '/' {
			continue
		}
		switch name[start:i] {
		case "", ".", "..":
			return false
		}
		start = i + 1
	}
	return true
}

// Snapshot is one complete version of an in-memory site. It is never
// changed once published, so any number of readers may use it without a
// lock, and a reader holding it never sees part of a later build.
type Snapshot struct {
	gen   uint64
	files map[string]Packed
}

// Gen numbers the snapshots of a Mem: 0 for the empty site it starts
// with, then one more for each published snapshot.
func (s *Snapshot) Gen() uint64 { return s.gen }

// Get returns a file's content, decompressed. The caller must not modify
// it.
func (s *Snapshot) Get(name string) ([]byte, bool) {
	p, ok := s.files[name]
	if !ok {
		return nil, false
	}
	return p.Bytes(), true
}

// Packed returns a file as the snapshot keeps it.
func (s *Snapshot) Packed(name string) (Packed, bool) {
	p, ok := s.files[name]
	return p, ok
}

// Len returns the number of files.
func (s *Snapshot) Len() int { return len(s.files) }

// Names returns the file names, sorted.
func (s *Snapshot) Names() []string { return slices.Sorted(maps.Keys(s.files)) }

// All iterates over the files as the snapshot keeps them, in no particular
// order.
func (s *Snapshot) All() iter.Seq2[string, Packed] { return maps.All(s.files) }

// Mem holds a site in memory for the preview server. Readers take the
// current Snapshot; a build stages its files with WriteFile and publishes
// them with Commit (or collects them with a Collector and publishes those
// with Publish or Update), which replaces the whole site in one atomic
// step. Text files are kept compressed (see Packed).
type Mem struct {
	cur     atomic.Pointer[Snapshot]
	mu      sync.Mutex
	pending *Collector
	packer  Packer
}

// NewMem returns an in-memory site whose current snapshot is empty.
func NewMem() *Mem {
	m := &Mem{}
	m.cur.Store(&Snapshot{files: map[string]Packed{}})
	return m
}

// WriteFile stages one file for the next Commit, uncompressed. Readers do
// not see it until then.
func (m *Mem) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	if m.pending == nil {
		// Files staged one by one are a build that is only checked
		// (playbook check): they are kept as they are, not compressed.
		m.pending = &Collector{files: map[string]Packed{}}
	}
	c := m.pending
	m.mu.Unlock()
	return c.WriteFile(name, data)
}

// Commit publishes the files staged since the last Commit or Abort as the
// new snapshot, replacing the previous one whole: files not written again
// are gone from it.
func (m *Mem) Commit() error {
	m.mu.Lock()
	c := m.pending
	m.pending = nil
	m.mu.Unlock()
	if c == nil {
		c = m.NewCollector()
	}
	m.publish(c.files)
	return nil
}

// Abort discards the staged files; the current snapshot is untouched.
func (m *Mem) Abort() error {
	m.mu.Lock()
	m.pending = nil
	m.mu.Unlock()
	return nil
}

// Publish makes the files c collected the new snapshot, replacing the
// previous one whole. Mem takes ownership of c: the caller must not use
// it afterwards.
func (m *Mem) Publish(c *Collector) {
	m.publish(c.files)
}

// PublishFiles packs files and publishes them as Publish does.
func (m *Mem) PublishFiles(files map[string][]byte) error {
	c := m.NewCollector()
	for name, data := range files {
		if !validName(name) {
			return fmt.Errorf("bad output path %q", name)
		}
		_ = c.WriteFile(name, data)
	}
	m.Publish(c)
	return nil
}

// Update publishes a new snapshot: base with the files c collected added
// or replaced and the names in removed taken out. base is normally the
// current snapshot; an incremental build pays for what it changed, not
// for the size of the site. Mem takes ownership of c.
func (m *Mem) Update(base *Snapshot, c *Collector, removed []string) *Snapshot {
	files := maps.Clone(base.files)
	if files == nil {
		files = map[string]Packed{}
	}
	for _, name := range removed {
		delete(files, name)
	}
	maps.Copy(files, c.files)
	return m.publish(files)
}

func (m *Mem) publish(files map[string]Packed) *Snapshot {
	m.mu.Lock() // serialises publishers, so generations only grow
	defer m.mu.Unlock()
	s := &Snapshot{gen: m.cur.Load().gen + 1, files: files}
	m.cur.Store(s)
	return s
}

// Snapshot returns the current snapshot.
func (m *Mem) Snapshot() *Snapshot { return m.cur.Load() }

// Get returns a file of the current snapshot.
func (m *Mem) Get(name string) ([]byte, bool) { return m.Snapshot().Get(name) }

// Names returns the file names of the current snapshot, sorted.
func (m *Mem) Names() []string { return m.Snapshot().Names() }
