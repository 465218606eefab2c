package output_test

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/playbookhq/playbook/generator/output"
)

func TestWriteFileRejectsEscapes(t *testing.T) {
	d, err := output.NewDir(filepath.Join(t.TempDir(), "public"), output.DirOptions{})
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

func TestMemSnapshots(t *testing.T) {
	m := output.NewMem()
	if s := m.Snapshot(); s.Gen() != 0 || s.Len() != 0 {
		t.Fatalf("new Mem: gen %d, %d files", s.Gen(), s.Len())
	}
	_ = m.WriteFile("index.html", []byte("one"))
	_ = m.WriteFile("/a/b.css", []byte("css"))
	if _, ok := m.Get("index.html"); ok {
		t.Error("a staged file is visible before Commit")
	}
	if err := m.Commit(); err != nil {
		t.Fatal(err)
	}
	first := m.Snapshot()
	if b, _ := first.Get("index.html"); string(b) != "one" || first.Gen() != 1 {
		t.Fatalf("after Commit: %q, gen %d", b, first.Gen())
	}
	if got := first.Names(); len(got) != 2 || got[0] != "a/b.css" {
		t.Errorf("names %v", got)
	}

	// The next build replaces the site whole; the old snapshot is unchanged.
	_ = m.WriteFile("index.html", []byte("two"))
	_ = m.Commit()
	if _, ok := m.Get("a/b.css"); ok {
		t.Error("a file not written again survived the Commit")
	}
	if b, _ := first.Get("index.html"); string(b) != "one" {
		t.Error("a published snapshot changed")
	}

	// Abort keeps the current snapshot.
	_ = m.WriteFile("x.html", nil)
	_ = m.Abort()
	_ = m.Commit()
	if m.Snapshot().Len() != 0 || m.Snapshot().Gen() != 3 {
		t.Errorf("after Abort and an empty Commit: %d files, gen %d", m.Snapshot().Len(), m.Snapshot().Gen())
	}

	for _, bad := range []string{"", "/a", "a/", "a//b", "./a", "a/../b", ".."} {
		if err := m.PublishFiles(map[string][]byte{bad: nil}); err == nil {
			t.Errorf("Publish accepted %q", bad)
		}
	}
	if err := m.PublishFiles(map[string][]byte{"a/b/c.html": []byte("ok")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := m.Get("a/b/c.html"); string(b) != "ok" {
		t.Error("Publish did not publish")
	}
}

// TestMemNoTornReads publishes sites whose files all carry the build's
// number while readers check that every snapshot is one build.
func TestMemNoTornReads(t *testing.T) {
	m := output.NewMem()
	names := []string{"a.html", "b/index.html", "c.css", "d/e/f.js"}
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				s := m.Snapshot()
				var first string
				for i, n := range names {
					b, _ := s.Get(n)
					if i == 0 {
						first = string(b)
					} else if string(b) != first {
						t.Errorf("snapshot %d mixes builds: %q and %q", s.Gen(), first, b)
						return
					}
				}
			}
		})
	}
	for i := range 2000 {
		v := []byte(strconv.Itoa(i))
		if i%2 == 0 {
			for _, n := range names {
				_ = m.WriteFile(n, v)
			}
			_ = m.Commit()
		} else {
			files := map[string][]byte{}
			for _, n := range names {
				files[n] = v
			}
			_ = m.PublishFiles(files)
		}
	}
	close(done)
	wg.Wait()
}

// TestPacked checks that text files are kept compressed and read back as
// written, and that equal content compares equal.
func TestPacked(t *testing.T) {
	m := output.NewMem()
	page := []byte(strings.Repeat("<p>The warehouse team counts stock every quarter.</p>\n", 100))
	img := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 400)
	if err := m.PublishFiles(map[string][]byte{"a/index.html": page, "small.css": []byte("p{}"), "img.png": img}); err != nil {
		t.Fatal(err)
	}
	s := m.Snapshot()
	for name, want := range map[string][]byte{"a/index.html": page, "small.css": []byte("p{}"), "img.png": img} {
		got, ok := s.Get(name)
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: read back %d bytes, want %d", name, len(got), len(want))
		}
	}
	p, _ := s.Packed("a/index.html")
	if raw, gz := p.Raw(); !gz || len(raw) >= len(page)/4 {
		t.Errorf("the page is kept as %d bytes (gzip %v) of %d", len(raw), gz, len(page))
	}
	for _, name := range []string{"small.css", "img.png"} {
		if p, _ := s.Packed(name); func() bool { _, gz := p.Raw(); return gz }() {
			t.Errorf("%s is compressed", name)
		}
	}
	c := m.NewCollector()
	_ = c.WriteFile("a/index.html", bytes.Clone(page))
	m.Publish(c)
	q, _ := m.Snapshot().Packed("a/index.html")
	if !p.Equal(q) {
		t.Error("the same page packed twice compares unequal")
	}
}
