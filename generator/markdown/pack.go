package markdown

import (
	"bytes"
	"io"

	"github.com/klauspost/compress/flate"
)

// packMin is the least HTML worth compressing (see Pack).
const packMin = 1 << 10

// Pack compresses the page's prepared HTML, which Render then decompresses
// each time it writes the page. A preview keeps every page's parse for as
// long as it runs, to render the page again when what it links to
// changes; compressed, the HTML of GitLab's handbook takes a fifth of the
// room. A one-off build renders each page once and has no use for it.
//
// Pack must be called before the Doc is shared: it changes the Doc.
func (d *Doc) Pack() {
	if len(d.html) < packMin || d.packed != nil {
		return
	}
	var buf bytes.Buffer
	buf.Grow(len(d.html) / 4)
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	_, _ = w.Write(d.html)
	_ = w.Close()
	if buf.Len() >= len(d.html) {
		return
	}
	d.packed, d.size, d.html = bytes.Clone(buf.Bytes()), len(d.html), nil
}

// htmlBytes returns the page's prepared HTML, decompressed when Pack
// compressed it.
func (d *Doc) htmlBytes() []byte {
	if d.packed == nil {
		return d.html
	}
	out := make([]byte, 0, d.size)
	b := bytes.NewBuffer(out)
	r := flate.NewReader(bytes.NewReader(d.packed))
	_, _ = io.Copy(b, r) // the data is Pack's own
	_ = r.Close()
	return b.Bytes()
}
