package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/klauspost/compress/s2"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"
)

// A page is rendered once, when it is parsed, into its HTML with holes at
// the places that depend on what Render is given: resolved link
// destinations, task ids, labels in the page's language, role links and
// the title heading. Render then writes the HTML and fills the holes, so
// a page is parsed once and its syntax tree, several times the size of
// its source, is not kept.
//
// goldmark's renderers and the wikilink renderer write most of the page.
// Where their output depends on the render, recordingRenderer wraps them:
// it notes the offsets around their output and checks that the bytes
// there are the ones expected, so that a change in those renderers makes
// Parse keep an error (which Render returns) rather than write wrong HTML.
// playbook's own renderers leave their holes themselves when they write
// to a recorder.

// holeKind says what fills a hole.
type holeKind uint8

const (
	// holeLinkDest is the destination of link or image arg, inside its
	// href or src attribute.
	holeLinkDest holeKind = iota + 1
	// holeWikiOpen and holeWikiClose are where a wikilink (link arg)
	// opens and closes its <a> element when it resolves.
	holeWikiOpen
	holeWikiClose
	// holeWikiImage starts the text of an embedded image wikilink
	// (wikiImages[arg]), which an <img> element replaces up to the
	// holeWikiImageEnd when it resolves.
	holeWikiImage
	holeWikiImageEnd
	// holeTaskID is the data-task id of task arg.
	holeTaskID
	// holeCalloutLabel and holeVideoWord are the label of callout arg and
	// the text of its link when it is a video card.
	holeCalloutLabel
	holeVideoWord
	// holeCodeLabel and holeTableLabel are the names of the regions that
	// scroll code blocks and tables.
	holeCodeLabel
	holeTableLabel
	// holeRole is the label of role prefix arg: a link or a span.
	holeRole
	// holeLinkText is the text of link arg, written without any
	// (Link.NoText).
	holeLinkText
	// holeTitle and holeTitleEnd delimit the title heading, left out
	// unless RenderOptions.KeepTitle.
	holeTitle
	holeTitleEnd
)

// hole is a place in a page's prepared HTML that Render fills.
type hole struct {
	off  uint32 // byte offset in the HTML
	arg  uint32 // what it is for; see holeKind
	kind holeKind
}

// wikiImage is an embedded image wikilink ("![[diagram.png|Flow]]").
type wikiImage struct {
	link int    // index in Doc.Links
	tail string // what its <img> element has after the destination
}

// The markup the wrapped renderers are expected to write around a hole.
const (
	linkOpen      = `<a href="`
	imageOpen     = `<img src="`
	wikiProbe     = "x" // a destination that URL escaping leaves as it is
	wikiLinkOpen  = `<a href="`
	wikiLinkEnd   = `">`
	wikiLinkClose = "</a>"
)

// recorder is the util.BufWriter a page is prepared into. goldmark's
// renderer writes to a util.BufWriter it is given without wrapping it, so
// the node renderers see a recorder and can leave holes in it.
type recorder struct {
	buf        []byte
	holes      []hole
	wikiImages []wikiImage

	// The nodes that get holes, with the index Render knows them by.
	links    map[ast.Node]int
	boxes    map[ast.Node]int
	callouts map[*Callout]int
	roles    map[*TaskRole]int
	title    ast.Node
	// wikiOpen is the kind of hole each wikilink that is being written
	// opened, so that its exit closes it.
	wikiOpen map[ast.Node]holeKind
}

var _ util.BufWriter = (*recorder)(nil)

func (r *recorder) Write(p []byte) (int, error) {
	r.buf = append(r.buf, p...)
	return len(p), nil
}

func (r *recorder) WriteString(s string) (int, error) {
	r.buf = append(r.buf, s...)
	return len(s), nil
}

func (r *recorder) WriteByte(c byte) error {
	r.buf = append(r.buf, c)
	return nil
}

func (r *recorder) WriteRune(c rune) (int, error) {
	n := len(r.buf)
	r.buf = utf8.AppendRune(r.buf, c)
	return len(r.buf) - n, nil
}

// Available implements util.BufWriter.
func (r *recorder) Available() int { return cap(r.buf) - len(r.buf) }

// Buffered implements util.BufWriter.
func (r *recorder) Buffered() int { return len(r.buf) }

// Flush implements util.BufWriter; a recorder keeps what it is given.
func (r *recorder) Flush() error { return nil }

// hole leaves a hole of kind k for arg where the HTML ends now.
func (r *recorder) hole(k holeKind, arg int) {
	r.holes = append(r.holes, hole{off: uint32(len(r.buf)), arg: uint32(arg), kind: k})
}

// holeFor leaves a hole when w is a recorder and ok, and reports whether
// it did; otherwise the caller writes what the hole stands for.
func holeFor(w util.BufWriter, k holeKind, arg int, ok bool) bool {
	r, isRec := w.(*recorder)
	if !isRec || !ok {
		return false
	}
	r.hole(k, arg)
	return true
}

// errPrepare is the error of a page whose HTML could not be prepared.
var errPrepare = errors.New("unexpected HTML from goldmark")

// maxPooledBuffer is the largest buffer a Converter keeps for the next
// page it prepares.
const maxPooledBuffer = 1 << 20

// prepare renders the page's tree into its compact form.
func (d *Doc) prepare(c *Converter, t *tree) error {
	buf := c.buffer(0)
	rec := &recorder{buf: (*buf)[:0], title: t.titleNode}
	defer func() {
		*buf = rec.buf
		c.putBuffer(buf)
	}()
	if len(t.linkNodes) > 0 {
		rec.links = make(map[ast.Node]int, len(t.linkNodes))
		for i, l := range t.linkNodes {
			rec.links[l.node] = i
		}
	}
	if len(t.boxes) > 0 {
		rec.boxes = make(map[ast.Node]int, len(t.boxes))
		for i, b := range t.boxes {
			rec.boxes[b] = i
		}
	}
	if len(t.callouts) > 0 {
		rec.callouts = make(map[*Callout]int, len(t.callouts))
		d.callouts = make([]string, len(t.callouts))
		for i, co := range t.callouts {
			rec.callouts[co] = i
			d.callouts[i] = co.Name
		}
	}
	if len(t.roleNodes) > 0 {
		rec.roles = make(map[*TaskRole]int, len(t.roleNodes))
		d.roles = make([]string, len(t.roleNodes))
		for i, n := range t.roleNodes {
			rec.roles[n] = i
			d.roles[i] = n.Name
		}
	}
	if err := c.md.Renderer().Render(rec, t.src, t.root); err != nil {
		return err
	}
	if len(rec.buf) > math.MaxUint32 {
		return errors.New("the page's HTML is over 4 GB")
	}
	d.html, d.packed = c.keepHTML(rec.buf)
	d.holes = append([]hole(nil), rec.holes...)
	d.wikiImages = rec.wikiImages
	return nil
}

// keepHTML returns the copy of a page's prepared HTML the Doc keeps, and
// whether it is compressed (WithPackedHTML).
func (c *Converter) keepHTML(b []byte) ([]byte, bool) {
	n := s2.MaxEncodedLen(len(b)) // -1 for what S2 cannot hold
	if !c.packed || len(b) < packMin || n < 0 {
		return bytes.Clone(b), false
	}
	buf := c.buffer(n)
	defer c.putBuffer(buf)
	enc := s2.Encode((*buf)[:cap(*buf)], b)
	if len(enc) >= len(b) {
		return bytes.Clone(b), false
	}
	return bytes.Clone(enc), true
}

// packMin is the least prepared HTML worth compressing.
const packMin = 1024

// buffer returns a buffer of at least n bytes' capacity from the pool.
func (c *Converter) buffer(n int) *[]byte {
	buf, _ := c.bufs.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	if cap(*buf) < n {
		*buf = make([]byte, 0, n)
	}
	return buf
}

// putBuffer gives buf back to the pool, unless it grew for a huge page.
func (c *Converter) putBuffer(buf *[]byte) {
	if cap(*buf) <= maxPooledBuffer {
		*buf = (*buf)[:0]
		c.bufs.Put(buf)
	}
}

// recordingRenderer wraps the renderers of the nodes whose HTML depends
// on the render (links, images, wikilinks, headings) so that, writing to
// a recorder, they leave holes. Writing elsewhere, they are the renderers
// they wrap.
type recordingRenderer struct {
	link, image, heading, wiki renderer.NodeRendererFunc
}

// newRecordingRenderer captures the renderers it wraps: goldmark's HTML
// renderer with the options the Converter gives it, and the wikilink
// renderer.
func newRecordingRenderer() *recordingRenderer {
	r := &recordingRenderer{}
	funcs := captured{}
	ghtml.NewRenderer(ghtml.WithXHTML()).RegisterFuncs(funcs)
	(&wikilink.Renderer{Resolver: wikiResolver{}}).RegisterFuncs(funcs)
	r.link, r.image, r.heading, r.wiki = funcs[ast.KindLink], funcs[ast.KindImage], funcs[ast.KindHeading], funcs[wikilink.Kind]
	return r
}

// captured is a NodeRendererFuncRegisterer that keeps what it is given.
type captured map[ast.NodeKind]renderer.NodeRendererFunc

func (c captured) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { c[k] = f }

func (r *recordingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindHeading, r.renderHeading)
	reg.Register(wikilink.Kind, r.renderWikilink)
}

func (r *recordingRenderer) renderLink(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	rec, ok := w.(*recorder)
	if !ok || !entering {
		return r.link(w, src, n, entering)
	}
	st, err := rec.dest(r.link, linkOpen, n.(*ast.Link).Destination, src, n)
	if i, isLink := rec.links[n]; isLink && err == nil && n.FirstChild() == nil {
		rec.hole(holeLinkText, i)
	}
	return st, err
}

func (r *recordingRenderer) renderImage(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	rec, ok := w.(*recorder)
	if !ok || !entering {
		return r.image(w, src, n, entering)
	}
	return rec.dest(r.image, imageOpen, n.(*ast.Image).Destination, src, n)
}

// dest renders a link or image node whose element starts with open and
// the destination dest, and replaces dest with a hole when the node is
// one of the page's links.
func (rec *recorder) dest(f renderer.NodeRendererFunc, open string, dest, src []byte, n ast.Node) (ast.WalkStatus, error) {
	i, isLink := rec.links[n]
	start := len(rec.buf)
	st, err := f(rec, src, n, true)
	if err != nil || !isLink {
		return st, err
	}
	want := destHTML(dest)
	out := rec.buf[start:]
	if !bytes.HasPrefix(out, []byte(open)) || !bytes.HasPrefix(out[len(open):], want) || len(out) <= len(open)+len(want) || out[len(open)+len(want)] != '"' {
		return ast.WalkStop, fmt.Errorf("%w: %.60q for the destination %q", errPrepare, out, dest)
	}
	at := start + len(open)
	rec.buf = append(rec.buf[:at], rec.buf[at+len(want):]...)
	// The node's renderer left no hole, so this one follows the others.
	rec.holes = append(rec.holes, hole{off: uint32(at), arg: uint32(i), kind: holeLinkDest})
	return st, nil
}

// destHTML is a link or image destination as goldmark's HTML renderer
// writes it in its safe mode. Every scheme goldmark refuses ends in a
// colon, so a destination without one (most links of a handbook: relative
// paths and fragments) skips its check, which lower-cases copies of the
// destination's first bytes five times over.
func destHTML(dest []byte) []byte {
	u := util.URLEscape(dest, true)
	if bytes.IndexByte(u, ':') >= 0 && ghtml.IsDangerousURL(u) {
		return nil
	}
	return util.EscapeHTML(u)
}

func (r *recordingRenderer) renderHeading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	rec, ok := w.(*recorder)
	if !ok || n != rec.title {
		return r.heading(w, src, n, entering)
	}
	if entering {
		rec.hole(holeTitle, 0)
	}
	st, err := r.heading(w, src, n, entering)
	if !entering {
		rec.hole(holeTitleEnd, 0)
	}
	return st, err
}

// renderWikilink renders a wikilink of the page as it would resolve to
// wikiProbe, checks the markup, and leaves holes in its place: the
// unresolved wikilink is its text.
func (r *recordingRenderer) renderWikilink(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	rec, ok := w.(*recorder)
	if !ok {
		return r.wiki(w, src, n, entering)
	}
	i, isLink := rec.links[n]
	if !isLink {
		return r.wiki(w, src, n, entering)
	}
	start := len(rec.buf)
	if !entering {
		_, err := r.wiki(w, src, n, false)
		if err != nil {
			return ast.WalkStop, err
		}
		out := rec.buf[start:]
		switch k := rec.wikiOpen[n]; {
		case k == holeWikiOpen && string(out) == wikiLinkClose:
			rec.buf = rec.buf[:start]
			rec.hole(holeWikiClose, i)
			return ast.WalkContinue, nil
		case k == holeWikiImage && len(out) == 0:
			rec.hole(holeWikiImageEnd, i)
			return ast.WalkContinue, nil
		}
		return ast.WalkStop, fmt.Errorf("%w: %q closing a wikilink", errPrepare, out)
	}
	n.SetAttributeString("data-href", []byte(wikiProbe))
	_, err := r.wiki(w, src, n, true)
	n.SetAttributeString("data-href", nil)
	if err != nil {
		return ast.WalkStop, err
	}
	out := rec.buf[start:]
	rec.buf = rec.buf[:start]
	if rec.wikiOpen == nil {
		rec.wikiOpen = map[ast.Node]holeKind{}
	}
	switch {
	case string(out) == wikiLinkOpen+wikiProbe+wikiLinkEnd:
		rec.wikiOpen[n] = holeWikiOpen
		rec.hole(holeWikiOpen, i)
	case bytes.HasPrefix(out, []byte(imageOpen+wikiProbe)) && bytes.HasSuffix(out, []byte(wikiLinkEnd)):
		rec.wikiOpen[n] = holeWikiImage
		rec.hole(holeWikiImage, len(rec.wikiImages))
		rec.wikiImages = append(rec.wikiImages, wikiImage{link: i, tail: string(out[len(imageOpen+wikiProbe):])})
	default:
		return ast.WalkStop, fmt.Errorf("%w: %q opening a wikilink", errPrepare, out)
	}
	// The text of the wikilink is what it shows unresolved.
	return ast.WalkContinue, nil
}

// boxIndex and the like return the index Render knows a node by, when w
// is a recorder.
func boxIndex(w util.BufWriter, n *east.TaskCheckBox) (int, bool) {
	if rec, ok := w.(*recorder); ok {
		i, ok := rec.boxes[n]
		return i, ok
	}
	return 0, false
}

func calloutIndex(w util.BufWriter, n *Callout) (int, bool) {
	if rec, ok := w.(*recorder); ok {
		i, ok := rec.callouts[n]
		return i, ok
	}
	return 0, false
}

func roleIndex(w util.BufWriter, n *TaskRole) (int, bool) {
	if rec, ok := w.(*recorder); ok {
		i, ok := rec.roles[n]
		return i, ok
	}
	return 0, false
}
