package markdown

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/wikilink"
)

// autolinkTransformer makes bare URLs and email addresses links where
// GitHub's parser (cmark-gfm) makes them, and only there:
//   - right after any character, as in "地址：https://example.com" or
//     "Mail \"security@example.com\"": cmark-gfm finds a URL from its "://"
//     back over the letters of its scheme, and an address from its "@"
//     back over its name, whatever comes before; goldmark's Linkify looks
//     for one only after a space or one of * _ ~ (, so Chinese and
//     Japanese text, which has no spaces, kept most of its bare URLs as
//     text;
//   - with a host without a dot, as intranet handbooks write them
//     (http://localhost:8080, http://wiki/Home), and IP addresses, which
//     Linkify leaves; not with a "_" in the host's last two parts;
//   - not inside an open "[", where a URL may yet be a link's text
//     ("[https://example.com]" stays text);
//   - a URL on to the next space ("Café_au_lait", "?q=a|b"), without the
//     punctuation and ";" cmark-gfm leaves out at its end; but Chinese,
//     Japanese and Korean text ends it, where the sentence goes on;
//   - an address by cmark-gfm's rules: from after its name's last byte
//     ("mail=bob@example.com" links bob@example.com) to its last letter.
//
// The URLs and addresses Linkify linked are made text again and read the
// same way (unwrap). Linkify still decides whether a URL with a dotted
// host is one; www. links are Linkify's, trimmed (mend). (No library does
// this for goldmark; this is the product's GitHub parity, so it is
// written here.)
type autolinkTransformer struct{}

// linkify is goldmark's Linkify parser, which keeps no state.
var linkify = extension.NewLinkifyParser()

func (autolinkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if sc := newScanner(src, len(src)); !sc.any() && !bytes.Contains(src, []byte("www.")) {
		return // no URL, address or www. link: nothing to walk for
	}
	segs := text.NewSegments()
	a := &autolinker{src: src, pc: pc, segs: segs, r: text.NewBlockReader(src, nil)}
	var made []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			a.brackets = nil // counted again for each block that needs them
		}
		switch n.Kind() {
		case ast.KindAutoLink:
			if l := n.(*ast.AutoLink); l.Protocol != nil {
				made = append(made, l) // www.…: not looked for here
			}
			return ast.WalkSkipChildren, nil
		case ast.KindLink, ast.KindImage, ast.KindCodeSpan, ast.KindRawHTML, wikilink.Kind, KindInlineTag:
			return ast.WalkSkipChildren, nil
		}
		a.unwrap(n)
		eachTextRun(n, func(first, last *ast.Text) { a.run(n, first, last) })
		return ast.WalkContinue, nil
	})
	for _, l := range made {
		a.mend(l)
	}
}

// unwrap turns the URLs and addresses goldmark's Linkify linked among n's
// children back into text, which textRuns links again as cmark-gfm does:
// Linkify ends a URL at the first byte outside its pattern ("Café", "a|b"),
// keeps a trailing ";", and takes "mail=" into an address. Links in angle
// brackets, and www. links (see mend), are kept.
func (a *autolinker) unwrap(n ast.Node) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if l, ok := c.(*ast.AutoLink); ok && l.Protocol == nil {
			if from, to, ok := a.labelAt(l); ok && !a.angled(from) {
				n.ReplaceChild(n, c, ast.NewTextSegment(text.NewSegment(from, to)))
			}
		}
		c = next
	}
}

// angled reports whether the link whose label starts at from is written
// in angle brackets (<https://example.com>), which keep it as it is.
func (a *autolinker) angled(from int) bool { return from > 0 && a.src[from-1] == '<' }

// labelAt returns where a link's label is in the source.
func (a *autolinker) labelAt(l *ast.AutoLink) (from, to int, ok bool) {
	return autoLinkLabel(a.src, l)
}

// autoLinkLabel returns where the label of l is in src.
func autoLinkLabel(src []byte, l *ast.AutoLink) (from, to int, ok bool) {
	label := l.Label(src)
	// The label is the source's own bytes: where they start is where
	// the link does.
	from = cap(src) - cap(label)
	if len(label) == 0 || from < 0 || from+len(label) > len(src) || &src[from] != &label[0] {
		return 0, 0, false
	}
	return from, from + len(label), true
}

// autolinker links the text of one page.
type autolinker struct {
	src []byte
	pc  parser.Context
	// r reads segs, the one line from where a link may start, for
	// goldmark's Linkify parser.
	r    text.BlockReader
	segs *text.Segments
	// brackets are the "[" and "]" of the text of the block being
	// linked, in order, counted when a URL is first found in it.
	brackets []bracket
}

// bracket is a "[" (depth 1 more) or "]" that closes one (depth 1 less)
// at offset at in the source, with the depth of open brackets after it.
type bracket struct{ at, depth int }

// eachTextRun calls fn with each run of n's children that are text
// nodes one after another in the source (a run breaks at a line end, an
// escape or an entity, as the text does on GitHub).
func eachTextRun(n ast.Node, fn func(first, last *ast.Text)) {
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
		fn(first, last)
	}
}

// replaceRun replaces the text nodes first to last, children of parent,
// with out and then the text from offset cur to the run's end, which
// keeps the last node's line break.
func replaceRun(parent ast.Node, first, last *ast.Text, out []ast.Node, cur int) {
	stop := last.Segment.Stop
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

// run replaces the text nodes first to last, children of parent, with
// text and links when their text holds a URL or an address. Its work is
// linear in the run: nothing reads past the run, each link found is
// passed over, and a start that makes none reads no further than its
// URL's host (where no other start is) or the second "@" after it.
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
		var link *ast.AutoLink
		switch {
		case src[next-1] == '@':
			if end := emailEnd(src, next-1, stop, prefix == len("xmpp:")); end > 0 {
				link = ast.NewAutoLink(ast.AutoLinkEmail, ast.NewTextSegment(text.NewSegment(from, end)))
			}
		case a.outsideBrackets(parent, from):
			link = a.at(from, stop)
		}
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
	if out != nil {
		replaceRun(parent, first, last, out, cur)
	}
}

// at returns the URL link that starts at offset from, or nil: where
// goldmark's Linkify parser makes one, run on the source from from to stop,
// the end of the run of text (a link ends before the code span, link or
// emphasis that follows it), then going on to urlEnd; else where
// cmarkURL finds one that Linkify does not make.
func (a *autolinker) at(from, stop int) *ast.AutoLink {
	src := a.src
	if !validHost(src[from:stop]) {
		// First, and reading the host alone: Linkify would read the
		// whole URL, and the next start may be inside it.
		return nil
	}
	a.segs.Clear()
	a.segs.Append(text.NewSegment(from, stop))
	a.r.Reset(a.segs)
	// The parent takes the text of a trigger the parser steps over ("_"
	// starting a name): thrown away, as the link must start at from.
	link, ok := linkify.Parse(ast.NewParagraph(), a.r, a.pc).(*ast.AutoLink)
	if ok {
		// The parser has read up to the link's end.
		_, pos := a.r.Position()
		ok = pos.Start-len(link.Label(src)) == from && link.AutoLinkType == ast.AutoLinkURL
	}
	if !ok {
		if end := cmarkURL(src, from, stop); end > 0 {
			return ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(from, end)))
		}
		return nil
	}
	// cmark-gfm reads a URL on to a space or "<", where Linkify stops at
	// the first byte outside its pattern ("Café", "a|b"), and leaves out
	// what autolinkDelim does, such as a ";" Linkify keeps.
	label := link.Label(src)
	end := from + autolinkDelim(src[from:max(from+len(label), urlEnd(src, from, stop))])
	switch {
	case bytes.IndexByte(src[from:end], '.') < 0:
		return nil
	case end == from+len(label):
		return link
	}
	return ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(from, end)))
}

// emailEnd returns the end of the email address whose "@" is at offset
// sign, as cmark-gfm reads one, or 0 when there is none: letters, digits,
// "-", "_" and dots each followed by a letter or digit (one at least),
// also "/" after "xmpp:", ending with a letter, less what autolinkDelim
// leaves out. It reads no further than a second "@", which makes no
// address, so that a run of them is read in linear time.
func emailEnd(src []byte, sign, stop int, xmpp bool) int {
	signs, dots := 0, 0
	k := sign
scan:
	for ; k < stop; k++ {
		switch c := src[k]; {
		case isASCIILetter(c) || isDigit(c) || c == '-' || c == '_':
		case c == '@':
			if signs++; signs > 1 {
				break scan
			}
		case c == '.' && k+1 < stop && (isASCIILetter(src[k+1]) || isDigit(src[k+1])):
			dots++
		case c == '/' && xmpp:
		default:
			break scan
		}
	}
	if k-sign < 2 || signs != 1 || dots == 0 || !isASCIILetter(src[k-1]) && src[k-1] != '.' {
		return 0
	}
	if end := sign + autolinkDelim(src[sign:k]); end > sign+1 {
		return end
	}
	return 0
}

// outsideBrackets reports whether offset i, in the text of a child of
// parent, is outside every "[" of its block that no "]" has closed, where
// cmark-gfm makes no URL a link: the text may yet be a link's. It counts
// the block's brackets once, the first time it is asked.
func (a *autolinker) outsideBrackets(parent ast.Node, i int) bool {
	if a.brackets == nil {
		block := parent
		for block.Type() != ast.TypeBlock && block.Parent() != nil {
			block = block.Parent()
		}
		a.brackets = a.countBrackets(block)
	}
	// The last bracket before i says how many are open there.
	k, _ := slices.BinarySearchFunc(a.brackets, i, func(b bracket, i int) int { return cmp.Compare(b.at, i) })
	return k == 0 || a.brackets[k-1].depth == 0
}

// countBrackets returns the brackets in the text of block, whose links,
// code and raw HTML hold none that count: in order, with the depth after
// each, and a first entry at depth 0 so that the list is not nil.
func (a *autolinker) countBrackets(block ast.Node) []bracket {
	out := []bracket{{at: -1}}
	depth := 0
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink, ast.KindCodeSpan, ast.KindRawHTML, wikilink.Kind, KindInlineTag:
			return ast.WalkSkipChildren, nil
		}
		t, ok := n.(*ast.Text)
		if !ok {
			return ast.WalkContinue, nil
		}
		for i := t.Segment.Start; i < t.Segment.Stop; i++ {
			switch c := a.src[i]; {
			case escaped(a.src, i):
				// an escaped bracket is text
			case c == '[':
				depth++
				out = append(out, bracket{i, depth})
			case c == ']' && depth > 0:
				depth--
				out = append(out, bracket{i, depth})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// escaped reports whether the byte at offset i follows an odd number of
// backslashes: "\\[" is a bracket after an escaped backslash.
func escaped(src []byte, i int) bool {
	n := 0
	for i-n > 0 && src[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// cmarkURL returns the end of the URL at offset from as cmark-gfm reads
// it, or 0 when it makes none there, for the URLs goldmark's Linkify does
// not link: hosts without a dot ("http://localhost:8080/x",
// "http://wiki/Home") and IP addresses. The host is letters, digits,
// hyphens, dots and underscores, starting with a letter or digit, with no
// underscore in its last two parts; the URL goes on over the bytes
// Linkify reads in a URL, less what autolinkDelim leaves out at its end,
// up to stop.
func cmarkURL(src []byte, from, stop int) int {
	i := from
	for i < stop && isASCIILetter(src[i]) {
		i++
	}
	if !bytes.HasPrefix(src[i:stop], []byte("://")) {
		return 0
	}
	i += len("://")
	host := i
	if i == stop || !isASCIILetter(src[i]) && !isDigit(src[i]) {
		return 0
	}
	n, ok := scanHost(src[i:stop])
	if !ok {
		return 0
	}
	end := urlEnd(src, i+n, stop)
	if end = from + autolinkDelim(src[from:end]); end <= host {
		return 0
	}
	return end
}

// autolinkDelim returns the length of URL less what cmark-gfm leaves out
// at its end: the punctuation ?!.,:*_~'" , a ";" (with the "&name" it
// ends, as in "&amp;"), and each ")" more than the URL opens.
func autolinkDelim(url []byte) int {
	end := len(url)
	opened, closed := bytes.Count(url, []byte("(")), bytes.Count(url, []byte(")"))
	for end > 0 {
		switch c := url[end-1]; {
		case strings.IndexByte(`?!.,:*_~'"`, c) >= 0:
			end--
		case c == ';':
			k := end - 2
			for k > 0 && isASCIILetter(url[k]) {
				k--
			}
			if k < end-2 && url[k] == '&' {
				end = k
			} else {
				end--
			}
		case c == ')' && closed > opened:
			end, closed = end-1, closed-1
		default:
			return end
		}
	}
	return end
}

// mend makes a www. link goldmark's Linkify made end where cmark-gfm's
// does, without what autolinkDelim leaves out, or text when its host
// has an underscore in its last two parts, as cmark-gfm leaves it.
func (a *autolinker) mend(l *ast.AutoLink) {
	from, stop, ok := a.labelAt(l)
	if !ok || a.angled(from) {
		return
	}
	end := from + autolinkDelim(a.src[from:stop])
	link := validHost(a.src[from:]) // the host as it goes on past Linkify's link
	if link && end == stop {
		return
	}
	parent := l.Parent()
	if link {
		m := ast.NewAutoLink(l.AutoLinkType, ast.NewTextSegment(text.NewSegment(from, end)))
		m.Protocol = l.Protocol
		parent.InsertBefore(parent, l, m)
	} else {
		end = from
	}
	if end < stop {
		parent.InsertBefore(parent, l, ast.NewTextSegment(text.NewSegment(end, stop)))
	}
	parent.RemoveChild(parent, l)
}

// validHost reports whether the host of url (after its scheme's "://",
// if any) has no underscore in its last two parts, which cmark-gfm
// requires.
func validHost(url []byte) bool {
	if i := bytes.Index(url, []byte("://")); i >= 0 {
		url = url[i+3:]
	}
	_, ok := scanHost(url)
	return ok
}

// scanHost returns the length of the host b starts with (letters, digits,
// hyphens, dots and underscores) and whether cmark-gfm takes it: with no
// underscore in its last two parts.
func scanHost(b []byte) (n int, ok bool) {
	under, before := 0, 0 // underscores in the host's last part and the one before
	for ; n < len(b); n++ {
		switch c := b[n]; {
		case c == '_':
			under++
		case c == '.':
			under, before = 0, under
		case !isASCIILetter(c) && !isDigit(c) && c != '-':
			return n, under == 0 && before == 0
		}
	}
	return n, under == 0 && before == 0
}

// scanner finds, in order, where in src[:stop] a URL or an email address
// may start. It finds each ":" and "@" with bytes.IndexByte, and the end
// of each URL's word, once each.
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
// where to look on from when no link is made there, one past the ":" of a
// URL's scheme or the "@" of an address.
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
			scheme := strings.ToLower(string(src[j:i]))
			if (scheme != "http" && scheme != "https" && scheme != "ftp") || !bytes.HasPrefix(src[i:stop], []byte("://")) || j > 0 && isASCIILetter(src[j-1]) {
				continue
			}
			if i >= sc.urlTo {
				sc.urlTo = urlEnd(src, i, stop)
			}
			return j, 0, at
		}
		if i < sc.urlTo {
			continue
		}
		for j > lo && isEmailNameByte(src[j-1]) {
			j--
		}
		if j == i {
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

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isEmailNameByte reports whether c may be part of the name of an email
// address, as cmark-gfm reads one back from its "@".
func isEmailNameByte(c byte) bool {
	return isASCIILetter(c) || isDigit(c) || c == '.' || c == '+' || c == '-' || c == '_'
}

// urlEnd returns where a URL that goes on at offset i ends, before stop:
// at a space or control character or "<", as cmark-gfm ends one (and at
// a space or format character outside ASCII, which it takes in), or at a
// Chinese, Japanese or Korean character or punctuation mark, where it
// does not: in text without spaces, the sentence goes on there
// ("見https://example.com/x，请联系"), and a link that takes it in leads
// nowhere.
func urlEnd(src []byte, i, stop int) int {
	for i < stop {
		c := src[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == '<' || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:stop])
		if isCJK(r) || unicode.IsSpace(r) || unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp, unicode.Cf) {
			return i // also at a space or an invisible mark outside ASCII
		}
		i += n
	}
	return i
}

// isCJK reports whether r is a Chinese, Japanese or Korean character or
// punctuation mark, full-width forms included.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == utf8.RuneError
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
