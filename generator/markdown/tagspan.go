package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The text of [!DNL …] and [!UICONTROL …] is inline Markdown, as
// Experience League shows it: "[!UICONTROL **Components**]" is a span
// around bold text, and code, links and raw HTML work there too. The tag
// is read as goldmark reads a link's text: its opening ("[!DNL ") goes on
// the delimiter list, goldmark's inline parsers read what follows, and the
// "]" that pairs with the opening "[" (tagClose, which pairs a line's
// brackets once) gathers the nodes after the opening into the tag.
// Emphasis stays on its side of the tag's edges, as it does of a link's.
//
// A tag whose text turns out plain (text and plain tags only, without
// backslash escapes or entities such as "&amp;") is written from its
// source as before (tagHTML), so that its HTML is byte for byte what it
// was when the text was not read as Markdown.

// maxOpenTags is how many tags may be open around a place of a line; a
// tag opened deeper is read as before, its text as it is written. It
// keeps the delimiter list, which emphasis closers walk back over, short.
const maxOpenTags = 16

// openTagsKey holds the *openTags of the block being parsed.
var openTagsKey = parser.NewContextKey()

// openTags are the tags open around the current place, innermost last.
type openTags struct{ open []openTag }

// openTag is one open tag: its opening on the delimiter list, its name and
// the offset of the "]" that closes it.
type openTag struct {
	delim *parser.Delimiter
	name  string
	close int
}

// tagDelimiter is the processor of a tag's opening on the delimiter list:
// it neither opens nor closes emphasis, and so is a floor for the emphasis
// inside the tag (see closeTagSpan).
type tagDelimiter struct{}

func (tagDelimiter) IsDelimiter(byte) bool                     { return false }
func (tagDelimiter) CanOpenCloser(_, _ *parser.Delimiter) bool { return false }
func (tagDelimiter) OnMatch(int) ast.Node                      { return nil }

// CloseBlock forgets the tags left open at the end of a block, whose
// openings goldmark has made text.
func (inlineTagParser) CloseBlock(_ ast.Node, _ text.Reader, pc parser.Context) {
	if s := openTagsOf(pc); s != nil {
		clear(s.open)
		s.open = s.open[:0]
	}
}

// tagLinkify is goldmark's Linkify parser, which links no bare URL inside
// an open [!DNL …] or [!UICONTROL …] tag, as it links none inside a
// link's "[…]": its pattern would take the tag's "]" into the URL
// ("[!DNL https://example.com/a]"), and the tag would be text. It also
// answers at once where Linkify finds nothing (see mayLink).
type tagLinkify struct{ parser.InlineParser }

func (l tagLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !mayLink(line, seg, pc) {
		return nil
	}
	if s := openTagsOf(pc); s != nil && len(s.open) > 0 {
		for _, t := range s.open {
			if t.delim.Parent() != nil && t.close >= seg.Start {
				return nil
			}
		}
	}
	return l.InlineParser.Parse(parent, block, pc)
}

// Linkify is asked at every space, and at every "*", "_", "~" and "(",
// of a paragraph's text, and there looks for a URL that starts at the next
// character, or for an e-mail address; a page of 20 KB asks it thousands
// of times, almost always for nothing, and a build of 10,000 such pages
// spent half a CPU second there. Its URLs start with "http:", "https:",
// "ftp:" or "www." (with Linkify's default options, which playbook uses),
// and an address holds an "@" after the place; where there is neither,
// mayLink says so without asking. Whether the rest of the line holds an
// "@" is remembered per line, so that each line is looked through once.

// linkMemoKey holds the *linkMemo of the document being parsed.
var linkMemoKey = parser.NewContextKey()

// linkMemo remembers, for the line of the text being parsed that ends at
// stop (an offset in the source), how many bytes before its end were
// looked through for an "@", and how far before the end the last "@" is
// (0 for none). Counting from the end of the line holds for any place on
// it, and for the tab padding goldmark may put before the text.
type linkMemo struct{ stop, seen, at int }

// mayLink reports whether Linkify might find a link at the start of line,
// the rest of the line being parsed (seg).
func mayLink(line []byte, seg text.Segment, pc parser.Context) bool {
	rest := line
	if len(rest) > 0 {
		switch rest[0] {
		case ' ', '*', '_', '~', '(': // the character that set Linkify off
			rest = rest[1:]
		}
	}
	if len(rest) > 3 {
		switch rest[0] {
		case 'h':
			if bytes.HasPrefix(rest, []byte("http:")) || bytes.HasPrefix(rest, []byte("https:")) {
				return true
			}
		case 'f':
			if bytes.HasPrefix(rest, []byte("ftp:")) {
				return true
			}
		case 'w':
			if bytes.HasPrefix(rest, []byte("www.")) {
				return true
			}
		}
	}
	m, _ := pc.Get(linkMemoKey).(*linkMemo)
	if m == nil {
		m = &linkMemo{stop: -1}
		pc.Set(linkMemoKey, m)
	}
	if m.stop != seg.Stop || m.seen < len(line) {
		m.stop, m.seen, m.at = seg.Stop, len(line), 0
		if bytes.IndexByte(line, '@') >= 0 { // rare, and faster than looking from the end
			m.at = len(line) - bytes.LastIndexByte(line, '@')
		}
	}
	return m.at > 0 && m.at <= len(line)
}

// openTagsOf returns the tags open in the block pc parses, or nil.
func openTagsOf(pc parser.Context) *openTags {
	s, _ := pc.Get(openTagsKey).(*openTags)
	return s
}

func (s *openTags) top() *openTag { return &s.open[len(s.open)-1] }

func (s *openTags) pop() { s.open = s.open[:len(s.open)-1] }

// dropPassed takes off the tags whose "]" lies before offset at, which
// goldmark read as part of something else (a code span: "[!DNL `]`]"),
// or whose opening is no longer on the list (emphasis or a link took it
// in and made it text). The opening of the first kind becomes text.
func (s *openTags) dropPassed(pc parser.Context, at int) {
	for len(s.open) > 0 {
		t := s.top()
		if t.delim.Parent() != nil && t.close >= at {
			return
		}
		s.pop()
		if t.delim.Parent() != nil {
			pc.RemoveDelimiter(t.delim) // its length is the opening's: text
		}
	}
}

// openTagSpan opens a [!DNL …] or [!UICONTROL …] tag at the start of
// line, whose closing "]" is at index closeAt, and returns its opening
// for the delimiter list; nil when the tag is read as before instead (a
// badge, or too deep).
func openTagSpan(line []byte, seg text.Segment, closeAt int, block text.Reader, pc parser.Context) ast.Node {
	m := tagOpenRE.FindSubmatchIndex(line)
	if m == nil || seg.Padding != 0 {
		return nil
	}
	name := string(bytes.ToLower(line[m[2]:m[3]]))
	if name == "badge" {
		return nil
	}
	s := openTagsOf(pc)
	if s == nil {
		s = &openTags{}
		pc.Set(openTagsKey, s)
	}
	s.dropPassed(pc, seg.Start)
	if len(s.open) >= maxOpenTags {
		return nil
	}
	d := parser.NewDelimiter(false, false, m[1], '[', tagDelimiter{})
	d.Segment = text.NewSegment(seg.Start, seg.Start+m[1])
	pc.PushDelimiter(d)
	s.open = append(s.open, openTag{delim: d, name: name, close: seg.Start + closeAt})
	block.Advance(m[1])
	return d
}

// closeTagSpan closes the innermost open tag when the "]" under block is
// the one that closes it, and returns the tag with the nodes read since
// its opening as its children; nil when the "]" is another's.
func closeTagSpan(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	s := openTagsOf(pc)
	if s == nil || len(s.open) == 0 {
		return nil
	}
	_, seg := block.PeekLine()
	s.dropPassed(pc, seg.Start)
	if len(s.open) == 0 || s.top().close != seg.Start || s.top().delim.Parent() != parent {
		return nil
	}
	t := *s.top()
	s.pop()
	block.Advance(1)
	// The emphasis inside is matched up to the opening, and what is left
	// of its delimiters is text.
	parser.ProcessDelimiters(t.delim, pc)
	tag := &InlineTag{Tag: t.name, inner: true, content: text.NewSegment(t.delim.Segment.Stop, seg.Start)}
	tag.SetPos(t.delim.Segment.Start)
	for c := t.delim.NextSibling(); c != nil; {
		next := c.NextSibling()
		tag.AppendChild(tag, c)
		c = next
	}
	t.delim.Length = 0
	pc.RemoveDelimiter(t.delim)
	tag.finish(block.Source())
	return tag
}

// finish readies a tag just closed: the space before its "]" goes, and
// it is marked as holding markup unless its text is plain. (It holds no
// bare URL made a link: tagLinkify makes none in an open tag.)
func (n *InlineTag) finish(src []byte) {
	if last, ok := n.LastChild().(*ast.Text); ok {
		if last.Segment = last.Segment.TrimRightSpace(src); last.Segment.IsEmpty() {
			n.RemoveChild(n, last)
		}
	}
	for c := n.FirstChild(); c != nil && !n.markup; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			// A backslash escape or an entity reads as Markdown.
			v := c.Segment.Value(src)
			n.markup = bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0 && bytes.IndexByte(v, ';') >= 0
		case *InlineTag:
			n.markup = c.markup
		default:
			n.markup = true
		}
	}
}
