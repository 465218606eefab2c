// Package output writes a built site: to a folder, staged beside the
// destination and swapped in only when the build succeeded, or to memory
// for the preview server.
package output

import (
	"fmt"
	"iter"
	"maps"
	"path"
	"strings"
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

// Discard is a Writer for a build that is only checked (playbook check):
// it refuses the names a Dir refuses, so that the check fails where the
// build would, and keeps nothing.
type Discard struct{}

// WriteFile checks the file's name and drops its content.
func (Discard) WriteFile(name string, _ []byte) error {
	_, err := folderName(name)
	return err
}

// Borrows marks Discard as a Borrower: it keeps no data.
func (Discard) Borrows() {}

// Snapshot is one complete version of an in-memory site. It is never
// changed once published, so any number of readers may use it without a
// lock, and a reader holding it never sees part of a later build.
type Snapshot struct {
	files map[string]Packed
}

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

// All iterates over the files as the snapshot keeps them, in no particular
// order.
func (s *Snapshot) All() iter.Seq2[string, Packed] { return maps.All(s.files) }

// Mem holds a site in memory for the preview server. Readers take the
// current Snapshot; a build collects its files with a Collector and
// publishes them with Publish or Update, which replaces the whole site in
// one atomic step. Text files are kept compressed (see Packed).
type Mem struct {
	cur    atomic.Pointer[Snapshot]
	packer Packer
}

// NewMem returns an in-memory site whose current snapshot is empty.
func NewMem() *Mem {
	m := &Mem{}
	m.cur.Store(&Snapshot{files: map[string]Packed{}})
	return m
}

// Publish makes the files c collected the new snapshot, replacing the
// previous one whole. Mem takes ownership of c: the caller must not use
// it afterwards.
func (m *Mem) Publish(c *Collector) {
	m.publish(c.files)
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
	s := &Snapshot{files: files}
	m.cur.Store(s)
	return s
}

// Snapshot returns the current snapshot.
func (m *Mem) Snapshot() *Snapshot { return m.cur.Load() }
