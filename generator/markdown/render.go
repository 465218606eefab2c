package markdown

import (
	"bufio"
	"bytes"
	"cmp"
	"html"
	"io"

	"github.com/klauspost/compress/s2"
	"github.com/yuin/goldmark/util"
)

// Render writes the page's HTML to w, resolving links through r (which may
// be nil). A Doc may be rendered any number of times, from several
// goroutines at once, for example again after its links' targets change.
func (c *Converter) Render(w io.Writer, d *Doc, r Resolver, opts RenderOptions) error {
	if d.err != nil {
		return d.err
	}
	f := d.fillings(r, opts)
	src := d.html
	if d.packed {
		n, err := s2.DecodedLen(d.html)
		if err != nil {
			return err
		}
		buf := c.buffer(n)
		defer c.putBuffer(buf)
		if src, err = s2.Decode((*buf)[:n], d.html); err != nil {
			return err
		}
	}
	switch w := w.(type) {
	case *bytes.Buffer:
		d.write(w, src, f, opts)
		return nil
	case util.BufWriter:
		// As goldmark's renderer does with a writer that buffers.
		d.write(w, src, f, opts)
		return w.Flush()
	}
	bw := bufio.NewWriter(w)
	d.write(bw, src, f, opts)
	return bw.Flush()
}

// fillings are what a render puts in a page's holes.
type fillings struct {
	// dests are the destinations of Doc.Links, resolved and safe.
	dests []string
	// labels and watch are the labels of the page's callouts, and the
	// text of a video card's link, in the page's language.
	labels, watch []string
	code, table   string
	// roles are the addresses of the role pages of the task items' role
	// prefixes, or "".
	roles []string
	// texts are the texts of the links written without any, by the
	// index of each in Doc.Links; nil when the page has none.
	texts []string
}

// fillings resolves what the page's holes depend on. It asks r in the
// order, and as many times, as Render did when it rendered the page's
// tree, or not at all when the links are kept (see
// RenderOptions.KeepLinks).
func (d *Doc) fillings(r Resolver, opts RenderOptions) *fillings {
	f := &fillings{code: "Code", table: "Table"}
	f.dests, f.texts, f.roles = d.links(r, opts.KeepLinks)
	vals := make([]string, 2*len(d.callouts))
	f.labels, f.watch = vals[:len(d.callouts)], vals[len(d.callouts):]
	for i, name := range d.callouts {
		f.labels[i], f.watch[i] = calloutLabel(name), "Watch the video"
		if opts.Strings != nil {
			key := name
			if key == "admin" {
				key = "administration"
			}
			if l := opts.Strings("callout-" + key); l != "" {
				f.labels[i] = l
			}
			if w := opts.Strings("video-watch"); w != "" {
				f.watch[i] = w
			}
		}
	}
	if opts.Strings != nil {
		f.code, f.table = cmp.Or(opts.Strings("region-code"), f.code), cmp.Or(opts.Strings("region-table"), f.table)
	}
	return f
}

// resolvedLinks are what a Doc's resolver answered, when it answered as
// the RenderOptions.KeepLinks key names.
type resolvedLinks struct {
	key                 uint64
	dests, texts, roles []string
}

// links returns what r answers for the page's links (their destinations,
// resolved and safe, and the texts of those written without any) and its
// task role prefixes; what it answered before, when key names it.
func (d *Doc) links(r Resolver, key uint64) (dests, texts, roles []string) {
	if kept := d.resolved.Load(); key != 0 && kept != nil && kept.key == key {
		return kept.dests, kept.texts, kept.roles
	}
	dests = make([]string, len(d.Links))
	fr, _ := r.(FileResolver)
	for i, l := range d.Links {
		dest, file := l.Dest, d.LinkFile(l)
		if r != nil && !isExternal(dest) {
			var href string
			var ok bool
			if fr != nil {
				href, ok = fr.ResolveIn(d.in.Path, file, dest)
			} else {
				href, ok = r.Resolve(d.in.Path, dest)
			}
			if ok {
				dest = href
			}
		}
		if isDangerous(dest) {
			dest = ""
		}
		dests[i] = dest
		if l.NoText {
			if texts == nil {
				texts = make([]string, len(d.Links))
			}
			texts[i] = linkText(r, d.in.Path, file, l)
		}
	}
	roles = make([]string, len(d.roles))
	if rr, ok := r.(RoleResolver); ok {
		for i, name := range d.roles {
			roles[i], _ = rr.ResolveRole(d.in.Path, name)
		}
	}
	if key != 0 {
		d.resolved.Store(&resolvedLinks{key: key, dests: dests, texts: texts, roles: roles})
	}
	return dests, texts, roles
}

// linkText is the text a link written without any shows: the title of
// what it leads to, from file, when r names it (TextResolver), else its
// destination, as MyST shows one it cannot resolve.
func linkText(r Resolver, fromPath, file string, l Link) string {
	if tr, ok := r.(TextResolver); ok && !isExternal(l.Dest) {
		if text, ok := tr.ResolveText(fromPath, file, l.Dest); ok && text != "" {
			return text
		}
	}
	return l.Dest
}

// htmlWriter is what Render writes to: a bytes.Buffer or a bufio.Writer.
type htmlWriter interface {
	io.Writer
	io.StringWriter
}

// write writes the page's HTML, src (d.html unpacked), with its holes
// filled.
func (d *Doc) write(w htmlWriter, src []byte, f *fillings, opts RenderOptions) {
	pos := 0
	// skipTo, when set, is the end of the range being left out.
	var skipTo holeKind
	for _, h := range d.holes {
		if skipTo != 0 {
			if h.kind == skipTo {
				pos, skipTo = int(h.off), 0
			}
			continue
		}
		_, _ = w.Write(src[pos:h.off])
		pos = int(h.off)
		switch h.kind {
		case holeLinkDest:
			_, _ = w.Write(destHTML([]byte(f.dests[h.arg])))
		case holeWikiOpen:
			if dest := d.wikiDest(f, int(h.arg)); dest != "" {
				_, _ = w.WriteString(wikiLinkOpen)
				_, _ = w.Write(util.URLEscape([]byte(dest), true))
				_, _ = w.WriteString(wikiLinkEnd)
			}
		case holeWikiClose:
			if d.wikiDest(f, int(h.arg)) != "" {
				_, _ = w.WriteString(wikiLinkClose)
			}
		case holeWikiImage:
			img := d.wikiImages[h.arg]
			if dest := d.wikiDest(f, img.link); dest != "" {
				_, _ = w.WriteString(imageOpen)
				_, _ = w.Write(util.URLEscape([]byte(dest), true))
				_, _ = w.WriteString(img.tail)
				skipTo = holeWikiImageEnd
			}
		case holeTaskID:
			id := d.Tasks[h.arg].ID
			if to, ok := opts.TaskIDs[id]; ok {
				id = to
			}
			_, _ = w.WriteString(html.EscapeString(id))
		case holeCalloutLabel:
			_, _ = w.WriteString(html.EscapeString(f.labels[h.arg]))
		case holeVideoWord:
			_, _ = w.WriteString(html.EscapeString(f.watch[h.arg]))
		case holeCodeLabel:
			_, _ = w.WriteString(html.EscapeString(f.code))
		case holeTableLabel:
			_, _ = w.Write(util.EscapeHTML([]byte(f.table)))
		case holeLinkText:
			_, _ = w.WriteString(html.EscapeString(f.texts[h.arg]))
		case holeRole:
			_, _ = w.WriteString(roleHTML(d.roles[h.arg], f.roles[h.arg]))
		case holeTitle:
			if !opts.KeepTitle {
				skipTo = holeTitleEnd
			}
		}
	}
	_, _ = w.Write(src[pos:])
}

// wikiDest is the destination a wikilink links to, or "" when it is
// shown as text.
func (d *Doc) wikiDest(f *fillings, link int) string {
	if dest := f.dests[link]; dest != d.Links[link].Dest {
		return dest
	}
	return ""
}
