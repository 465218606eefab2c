package output

import (
	"bytes"
	"io"
	"path"
	"sync"

	// The standard library's gzip at its fastest level took half of a
	// preview's re-render of GitLab's handbook (pages of 34 KB); this one
	// writes the same format two to three times as fast, about as small.
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/s2"
)

// Packed is a file's content as a Snapshot keeps it: compressed when it
// is text that compresses (pages, scripts, stylesheets, the search index),
// as it is otherwise. A preview of a large site holds every page in
// memory; compressed, they take a third to a quarter of the space. The
// server sends files other than pages as they are to browsers that accept
// gzip, so those are gzip-compressed; a page it decompresses on each
// request, to add its live-reload script, so pages are kept in S2 (a
// Snappy-like format), which compresses a page four times as fast as gzip
// at its fastest level, and about a fifth larger: a preview re-renders
// every page of a large site after each template edit.
type Packed struct {
	data []byte
	enc  encoding
}

// encoding is how a Packed file is compressed.
type encoding uint8

const (
	stored encoding = iota
	gzipped
	s2ed
)

// Bytes returns the content, decompressed. The caller must not modify it.
func (p Packed) Bytes() []byte {
	switch p.enc {
	case gzipped:
		r, err := gzip.NewReader(bytes.NewReader(p.data))
		if err != nil {
			return nil // never: the data was compressed by Pack
		}
		out, _ := io.ReadAll(r)
		return out
	case s2ed:
		out, _ := s2.Decode(nil, p.data)
		return out
	}
	return p.data
}

// Raw returns the content as stored, and whether it is gzip-compressed;
// when it is not, the content may yet be compressed otherwise, and Bytes
// is what to send. The caller must not modify it.
func (p Packed) Raw() ([]byte, bool) { return p.data, p.enc == gzipped }

// Equal reports whether two files have the same content. Files packed
// from the same content compare equal: compression is deterministic.
func (p Packed) Equal(q Packed) bool {
	if p.enc != q.enc || len(p.data) != len(q.data) {
		return false
	}
	return len(p.data) == 0 || &p.data[0] == &q.data[0] || bytes.Equal(p.data, q.data)
}

// packMin is the smallest file worth compressing: below it, gzip's header
// and trailer take most of what it saves.
const packMin = 512

// compressible lists the kinds of file a Packer compresses, by extension.
var compressible = map[string]bool{".html": true, ".js": true, ".css": true, ".xml": true, ".json": true,
	".txt": true, ".svg": true, ".md": true, ".map": true}

// Packer compresses files for a Snapshot. It is safe for concurrent use;
// its compressors are reused, since each takes hundreds of kilobytes.
type Packer struct {
	pool   sync.Pool // of *gzip.Writer
	s2bufs sync.Pool // of *[]byte
}

// Pack packs one file's content, named name in the site. The Packed value
// shares data when it is not compressed.
func (k *Packer) Pack(name string, data []byte) Packed {
	ext := path.Ext(name)
	if len(data) < packMin || !compressible[ext] {
		return Packed{data: data}
	}
	if ext == ".html" {
		if n := s2.MaxEncodedLen(len(data)); n > 0 && n < 2*len(data) {
			// Encoded into a buffer of the largest size it may take, and
			// copied out: the snapshot keeps a page for hours.
			buf, _ := k.s2bufs.Get().(*[]byte)
			if buf == nil || cap(*buf) < n {
				b := make([]byte, n)
				buf = &b
			}
			out := s2.Encode((*buf)[:cap(*buf)], data)
			p := Packed{data: data}
			if len(out) < len(data) {
				p = Packed{data: bytes.Clone(out), enc: s2ed}
			}
			k.s2bufs.Put(buf)
			return p
		}
		return Packed{data: data}
	}
	var buf bytes.Buffer
	buf.Grow(len(data) / 4)
	zw, _ := k.pool.Get().(*gzip.Writer)
	if zw == nil {
		zw, _ = gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	} else {
		zw.Reset(&buf)
	}
	_, _ = zw.Write(data)
	_ = zw.Close()
	k.pool.Put(zw)
	if buf.Len() >= len(data) {
		return Packed{data: data}
	}
	return Packed{data: bytes.Clone(buf.Bytes()), enc: gzipped}
}

// Collector is a Writer that packs the files written to it and keeps
// them, for Mem.Publish or Mem.Update: each file is compressed in the
// goroutine that writes it, so a parallel build compresses on every core.
type Collector struct {
	packer *Packer
	mu     sync.Mutex
	files  map[string]Packed
}

// NewCollector returns an empty Collector that packs with m's Packer.
func (m *Mem) NewCollector() *Collector {
	return &Collector{packer: &m.packer, files: map[string]Packed{}}
}

// WriteFile packs and keeps one file.
func (c *Collector) WriteFile(name string, data []byte) error {
	_, _, err := c.Keep(name, data)
	return err
}

// Keep packs and keeps one file, as WriteFile does, and returns its name
// in the collection and the file packed, for a caller that writes the same
// content again with Put.
func (c *Collector) Keep(name string, data []byte) (string, Packed, error) {
	return c.keep(name, data, false)
}

// keep is Keep; with borrowed set it copies data where the packed file
// would share it, since the caller reuses its buffer.
func (c *Collector) keep(name string, data []byte, borrowed bool) (string, Packed, error) {
	rel, err := cleanName(name)
	if err != nil {
		return "", Packed{}, err
	}
	p := c.packer.Pack(rel, data)
	if borrowed && p.enc == stored && len(data) > 0 {
		p.data = bytes.Clone(data)
	}
	c.mu.Lock()
	c.files[rel] = p
	c.mu.Unlock()
	return rel, p, nil
}

// Borrowing returns a Writer to c that is a Borrower: it keeps a copy of
// a file it stores uncompressed, so that the renderer writes every page
// from a buffer it reuses. A page kept compressed was copied anyway; a
// fresh buffer for each was a third of what a preview's re-render of a
// large site allocated, and so of its garbage collection.
func (c *Collector) Borrowing() Borrower { return borrowing{c} }

type borrowing struct{ c *Collector }

func (b borrowing) WriteFile(name string, data []byte) error {
	_, _, err := b.c.keep(name, data, true)
	return err
}

func (borrowing) Borrows() {}

// Put keeps an already packed file, taken from a snapshot.
func (c *Collector) Put(name string, p Packed) {
	c.mu.Lock()
	c.files[name] = p
	c.mu.Unlock()
}

// Has reports whether a file of that name was written.
func (c *Collector) Has(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.files[name]
	return ok
}

// Names returns the names of the files written, in no particular order.
func (c *Collector) Names() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.files))
	for n := range c.files {
		out = append(out, n)
	}
	return out
}
