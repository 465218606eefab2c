package output_test

import (
	"bytes"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/playbookhq/playbook/generator/output"
)

func TestWriteFileRejectsEscapes(t *testing.T) {
	d, err := output.NewDir(t.Context(), filepath.Join(t.TempDir(), "public"), output.DirOptions{})
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

// publish publishes files to m through a Collector, as a build does.
func publish(t testing.TB, m *output.Mem, files map[string][]byte) {
	t.Helper()
	c := m.NewCollector()
	for name, data := range files {
		if err := c.WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
	}
	m.Publish(c)
}

func TestMemSnapshots(t *testing.T) {
	m := output.NewMem()
	if s := m.Snapshot(); s.Len() != 0 {
		t.Fatalf("new Mem: %d files", s.Len())
	}
	c := m.NewCollector()
	_ = c.WriteFile("index.html", []byte("one"))
	_ = c.WriteFile("/a/b.css", []byte("css"))
	if _, ok := m.Snapshot().Get("index.html"); ok {
		t.Error("a collected file is visible before Publish")
	}
	m.Publish(c)
	first := m.Snapshot()
	if b, _ := first.Get("index.html"); string(b) != "one" || first.Len() != 2 {
		t.Fatalf("after Publish: %q, %d files", b, first.Len())
	}
	if b, _ := first.Get("a/b.css"); string(b) != "css" {
		t.Errorf("a/b.css is %q", b)
	}

	// The next build replaces the site whole; the old snapshot is unchanged.
	publish(t, m, map[string][]byte{"index.html": []byte("two")})
	if _, ok := m.Snapshot().Get("a/b.css"); ok {
		t.Error("a file not written again survived the Publish")
	}
	if b, _ := first.Get("index.html"); string(b) != "one" {
		t.Error("a published snapshot changed")
	}

	// Update keeps what it does not replace or remove.
	c = m.NewCollector()
	_ = c.WriteFile("new.html", []byte("new"))
	m.Update(first, c, []string{"index.html"})
	if b, _ := m.Snapshot().Get("a/b.css"); string(b) != "css" || m.Snapshot().Len() != 2 {
		t.Errorf("after Update: a/b.css %q, %d files", b, m.Snapshot().Len())
	}

	for _, bad := range []string{"", "a/../../b", "../a", ".."} {
		if err := m.NewCollector().WriteFile(bad, nil); err == nil {
			t.Errorf("WriteFile accepted %q", bad)
		}
	}
}

func TestDiscard(t *testing.T) {
	for _, name := range []string{"index.html", "/a/b.css"} {
		if err := (output.Discard{}).WriteFile(name, []byte("x")); err != nil {
			t.Errorf("WriteFile(%q): %v", name, err)
		}
	}
	for _, bad := range []string{"", "../a", "a/../../b", output.Marker, "a/" + strings.Repeat("x", 256) + "/index.html"} {
		if err := (output.Discard{}).WriteFile(bad, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded; a Dir refuses it", bad)
		}
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
						t.Errorf("a snapshot mixes builds: %q and %q", first, b)
						return
					}
				}
			}
		})
	}
	for i := range 2000 {
		v := []byte(strconv.Itoa(i))
		c := m.NewCollector()
		for _, n := range names {
			_ = c.WriteFile(n, v)
		}
		if i%2 == 0 {
			m.Publish(c)
		} else {
			m.Update(m.Snapshot(), c, nil)
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
	css := []byte(strings.Repeat(".team-card { margin: 0 auto; padding: 1rem; }\n", 50))
	img := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 400)
	files := map[string][]byte{"a/index.html": page, "style.css": css, "small.css": []byte("p{}"), "img.png": img}
	publish(t, m, files)
	s := m.Snapshot()
	for name, want := range files {
		got, ok := s.Get(name)
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: read back %d bytes, want %d", name, len(got), len(want))
		}
	}
	// Pages are compressed, never to send as they are (the server adds
	// its script to them); stylesheets gzip-compressed, to send so.
	p, _ := s.Packed("a/index.html")
	if raw, gz := p.Raw(); gz || len(raw) >= len(page)/4 {
		t.Errorf("the page is kept as %d bytes (gzip %v) of %d", len(raw), gz, len(page))
	}
	if q, _ := s.Packed("style.css"); func() bool { raw, gz := q.Raw(); return !gz || len(raw) >= len(css)/4 }() {
		t.Error("the stylesheet is not kept gzip-compressed")
	}
	for _, name := range []string{"small.css", "img.png"} {
		if p, _ := s.Packed(name); func() bool { raw, gz := p.Raw(); return gz || len(raw) != len(files[name]) }() {
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

// FuzzPack checks that whatever a file holds, and whatever its kind, it
// reads back as written.
func FuzzPack(f *testing.F) {
	f.Add("a/index.html", []byte(strings.Repeat("<p>Onboarding, week one.</p>", 40)))
	f.Add("app.js", []byte(strings.Repeat("let x = 1;\n", 80)))
	f.Add("b.html", []byte{0xff, 0, 1, 2})
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		var k output.Packer
		p := k.Pack(name, bytes.Clone(data))
		if got := p.Bytes(); !bytes.Equal(got, data) && !(len(got) == 0 && len(data) == 0) {
			t.Fatalf("%s: %d bytes read back as %d", name, len(data), len(got))
		}
		if !p.Equal(k.Pack(name, bytes.Clone(data))) {
			t.Fatalf("%s: packed twice, unequal", name)
		}
	})
}

// TestPackedKeepsNoSpare checks that a compressed page holds no more
// memory than its compressed size: a preview keeps every page of a site.
func TestPackedKeepsNoSpare(t *testing.T) {
	var k output.Packer
	page := []byte(strings.Repeat("<p>The warehouse team counts stock every quarter.</p>\n", 600))
	for range 3 { // with a buffer from the pool too
		raw, _ := k.Pack("a/index.html", page).Raw()
		if len(raw) >= len(page)/4 || cap(raw) > len(raw)*9/8+64 {
			t.Fatalf("a page of %d bytes is kept in %d bytes of a buffer of %d", len(page), len(raw), cap(raw))
		}
	}
}

// TestBorrowing checks that a Collector's Borrowing writer keeps what was
// written after the caller reuses its buffer, as the renderer does with
// every page, whether the file is kept compressed or as it is.
func TestBorrowing(t *testing.T) {
	m := output.NewMem()
	c := m.NewCollector()
	w := c.Borrowing()
	files := map[string]string{
		"a/index.html": strings.Repeat("<p>The warehouse team counts stock every quarter.</p>\n", 100),
		"b/index.html": "<p>Short.</p>", // too short to compress
		"c.png":        strings.Repeat("\x89PNG", 300),
	}
	buf := make([]byte, 0, 8192)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		buf = append(buf[:0], files[name]...)
		if err := w.WriteFile(name, buf); err != nil {
			t.Fatal(err)
		}
		for i := range buf {
			buf[i] = 'x'
		}
	}
	m.Publish(c)
	for name, want := range files {
		if got, _ := m.Snapshot().Get(name); string(got) != want {
			t.Errorf("%s reads back as %.40q, want %.40q", name, got, want)
		}
	}
}
