package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/wikilink"
)

// autolinkTransformer links the URLs and email addresses that GitHub
// links and goldmark's Linkify does not: those right after a character
// other than a space or one of * _ ~ (, as in "地址：https://example.com"
// or "Mail \"security@example.com\"". GitHub's parser (cmark-gfm) finds a
// URL from its "://" back over the letters of its scheme, and an address
// from its "@" back over its name, whatever comes before; goldmark looks
// for one only after a space or those delimiters, so Chinese and Japanese
// text, which has no spaces, kept most of its bare URLs as text.
// goldmark's own Linkify parser decides each one found here, so that such
// a link ends where goldmark ends the others. (No library does this for
// goldmark; this is the product's GitHub parity, so it is written here.)
type autolinkTransformer struct{}

// linkify is goldmark's Linkify parser, which keeps no state.
var linkify = extension.NewLinkifyParser()

func (autolinkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if sc := newScanner(src, len(src)); !sc.any() {
		return // most pages: nothing to walk for
	}
	segs := text.NewSegments()
	a := &autolinker{src: src, pc: pc, segs: segs, r: text.NewBlockReader(src, nil)}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink, ast.KindCodeSpan, ast.KindRawHTML, wikilink.Kind, KindInlineTag:
			return ast.WalkSkipChildren, nil
		}
		a.textRuns(n)
		return ast.WalkContinue, nil
	})
}

// autolinker links the text of one page.
type autolinker struct {
	src []byte
	pc  parser.Context
	// r reads segs, the one line from where a link may start, for
	// goldmark's Linkify parser.
	r    text.BlockReader
	segs *text.Segments
}

// textRuns links what it finds in each run of n's children that are
// text nodes one after another in the source (a run breaks at a line end,
// an escape or an entity, as the text does on GitHub).
func (a *autolinker) textRuns(n ast.Node) {
	for c := n.FirstChild(); c != nil; {
		first, ok := c.(*ast.Text)
		if !ok {
			c = c.NextSibling()
			continue
		}
		last := first
		for {
			t, ok := last.NextSibling().(*ast.Text)
			if !ok || t.Segment.Start != last.Segment.Stop || last.SoftLineBreak() || last.HardLineBreak() {
				break
			}
			last = t
		}
		c = last.NextSibling()
		a.run(n, first, last)
	}
}

// run replaces the text nodes first to last, children of parent, with
// text and links when their text holds a link goldmark did not make. Its
// work is linear in the run: goldmark's parser reads no further than the
// run, each link found is passed over, and a start that makes none costs
// a bounded read (a URL's host, at most 256 bytes, or an address).
func (a *autolinker) run(parent ast.Node, first, last *ast.Text) {
	src := a.src
	start, stop := first.Segment.Start, last.Segment.Stop
	sc := newScanner(src, stop)
	var out []ast.Node
	cur := start
	for at := start; at < stop; {
		from, prefix, next := sc.next(at)
		if from < 0 {
			break
		}
		link := a.at(from, stop)
		if link == nil {
			at = next
			continue
		}
		end := from + len(link.Label(src))
		if prefix > 0 {
			// mailto: or xmpp: and an address: GitHub links them whole.
			from -= prefix
			link = ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(from, end)))
		}
		if from > cur {
			out = append(out, ast.NewTextSegment(text.NewSegment(cur, from)))
		}
		out = append(out, link)
		cur, at = end, end
	}
	if out == nil {
		return
	}
	tail := ast.NewTextSegment(text.NewSegment(cur, stop))
	tail.SetSoftLineBreak(last.SoftLineBreak())
	tail.SetHardLineBreak(last.HardLineBreak())
	if cur < stop || last.SoftLineBreak() || last.HardLineBreak() {
		out = append(out, tail)
	}
	for _, o := range out {
		parent.InsertBefore(parent, first, o)
	}
	for t := ast.Node(first); ; {
		next := t.NextSibling()
		parent.RemoveChild(parent, t)
		if t == last {
			break
		}
		t = next
	}
}

// at runs goldmark's Linkify parser on the source from offset from to
// stop, the end of the run of text (a link ends before the code span,
// link or emphasis that follows it), and returns the link it makes.
func (a *autolinker) at(from, stop int) *ast.AutoLink {
	src := a.src
	a.segs.Clear()
	a.segs.Append(text.NewSegment(from, stop))
	a.r.Reset(a.segs)
	// The parent takes the text of a trigger the parser steps over ("_"
	// starting a name): thrown away, as the link must start at from.
	link, ok := linkify.Parse(ast.NewParagraph(), a.r, a.pc).(*ast.AutoLink)
	if !ok {
		return nil
	}
	// The parser has read up to the link's end.
	_, pos := a.r.Position()
	if pos.Start-len(link.Label(src)) != from {
		return nil
	}
	// goldmark keeps quotes at a URL's end, which no space-led URL has;
	// cmark-gfm leaves them out, with what stands before them.
	end := pos.Start
	for end > from && strings.IndexByte(`?!.,:*_~'"`, src[end-1]) >= 0 {
		end--
	}
	switch {
	case bytes.IndexByte(src[from:end], '.') < 0:
		return nil
	case link.AutoLinkType == ast.AutoLinkEmail && !isASCIILetter(src[end-1]):
		// cmark-gfm ends an address with a letter: not "pkg@1.2.3".
		return nil
	case end == pos.Start:
		return link
	}
	return ast.NewAutoLink(link.AutoLinkType, ast.NewTextSegment(text.NewSegment(from, end)))
}

// scanner finds, in order, where in src[:stop] a URL or an email address
// that goldmark's Linkify passes over may start. It finds each ":" and "@"
// with bytes.IndexByte, and the end of each URL's word, once each.
type scanner struct {
	src         []byte
	stop        int
	colon, sign int // the next ":" and "@"; -2: not looked for yet, -1: none
	// urlTo is where the URL characters that follow the last scheme
	// end: an "@" among them is part of the URL ("?u=jane@corp.com"),
	// not an address.
	urlTo int
}

func newScanner(src []byte, stop int) *scanner {
	return &scanner{src: src, stop: stop, colon: -2, sign: -2}
}

// next returns the first start at or after lo, or -1; prefix, the length
// of a "mailto:" or "xmpp:" before an address that starts there; and
// where to look on from when goldmark's parser finds no link there.
func (sc *scanner) next(lo int) (from, prefix, next int) {
	src, stop := sc.src, sc.stop
	for at := lo; at < stop; {
		if sc.colon != -1 && sc.colon < at {
			sc.colon = indexFrom(src[:stop], at, ':')
		}
		if sc.sign != -1 && sc.sign < at {
			sc.sign = indexFrom(src[:stop], at, '@')
		}
		i := sc.colon
		if i < 0 || sc.sign >= 0 && sc.sign < i {
			i = sc.sign
		}
		if i < 0 {
			break
		}
		at = i + 1
		j := i
		if src[i] == ':' {
			// cmark-gfm reads the scheme back over letters: "xhttps"
			// is none.
			for j > lo && j > i-6 && isASCIILetter(src[j-1]) {
				j--
			}
			scheme := string(src[j:i])
			if (scheme != "http" && scheme != "https" && scheme != "ftp") || !bytes.HasPrefix(src[i:stop], []byte("://")) || j > 0 && isASCIILetter(src[j-1]) {
				continue
			}
			if i >= sc.urlTo {
				for sc.urlTo = i; sc.urlTo < stop && isURLByte(src[sc.urlTo]); sc.urlTo++ {
				}
			}
			if !linkifyTried(src, j) {
				return j, 0, at
			}
			continue
		}
		if i < sc.urlTo {
			continue
		}
		for j > lo && isEmailNameByte(src[j-1]) {
			j--
		}
		if j == i || linkifyTried(src, j) {
			continue
		}
		for _, p := range []string{"mailto:", "xmpp:"} {
			if j-len(p) >= lo && bytes.HasSuffix(src[:j], []byte(p)) {
				prefix = len(p)
			}
		}
		return j, prefix, at
	}
	return -1, 0, stop
}

// any reports whether src[:stop] has a start at all.
func (sc *scanner) any() bool {
	from, _, _ := sc.next(0)
	return from >= 0
}

// indexFrom returns the offset of the first c in b at or after i, or -1.
func indexFrom(b []byte, i int, c byte) int {
	if j := bytes.IndexByte(b[i:], c); j >= 0 {
		return i + j
	}
	return -1
}

// linkifyTried reports whether goldmark's Linkify looked for a link at
// offset i already: at a line's start or after one of its triggers.
func linkifyTried(src []byte, i int) bool {
	if i == 0 {
		return true
	}
	switch src[i-1] {
	case '\n', ' ', '*', '_', '~', '(':
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isEmailNameByte reports whether c may be part of the name of an email
// address, as cmark-gfm reads one back from its "@".
func isEmailNameByte(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-' || c == '_'
}

// isURLByte reports whether c may be part of a URL as goldmark's Linkify
// reads one (its URL pattern's characters).
func isURLByte(c byte) bool {
	return c < 0x80 && (isASCIILetter(c) || c >= '0' && c <= '9' || strings.IndexByte("-@:%._+~#=/?&$!();,'\">^{}[]`", c) >= 0)
}
