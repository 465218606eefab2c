package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"
)

// wikilinkParser reads [[target#fragment|label]] and ![[…]] as
// go.abhg.dev/goldmark/wikilink's Parser does, into the same nodes. That
// parser looks for the closing "]]" before it checks for the opening one,
// at every "[" and "!" of a page, and for the "|" up to the "]]": a line
// of n "!" or "[[a" without a "]]" costs it n scans of the line. This one
// checks the opening first and makes both searches through the page's
// scanMemos, so a line costs time linear in its length.
type wikilinkParser struct{}

func (wikilinkParser) Trigger() []byte { return []byte{'!', '['} }

// noWikiKey is set in the context of a page parsed without wikilinks
// (WithoutWikilinks).
var noWikiKey = parser.NewContextKey()

func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if pc.Get(noWikiKey) != nil {
		return nil
	}
	line, seg := block.PeekLine()
	open := 0
	switch {
	case bytes.HasPrefix(line, []byte("[[")):
		open = 2
	case bytes.HasPrefix(line, []byte("![[")):
		open = 3
	default:
		return nil
	}
	if seg.Padding != 0 {
		// The library mixes offsets in the padded line and the source;
		// keep its result for such lines.
		return (&wikilink.Parser{}).Parse(parent, block, pc)
	}
	memo := memosOf(pc)
	src := block.Source()
	stop := memo.wikiClose.index(src, line, seg, open, func(b []byte) int { return bytes.Index(b, []byte("]]")) })
	if stop < 0 {
		return nil // must close on the same line
	}
	target := text.NewSegment(seg.Start+open, seg.Start+stop)
	if b := memo.wikiBrack.index(src, line, seg, open, anyOf("[]")); b >= 0 && b < stop {
		// A link whose text starts with a link or tag, as in
		// [[!DNL New Relic] guide](url): no page name has brackets.
		return nil
	}
	n := &wikilink.Node{Target: block.Value(target), Embed: open == 3}
	label := target
	if pipe := memo.wikiPipe.index(src, line, seg, open, anyOf("|")); pipe >= 0 && pipe < stop {
		n.Target = n.Target[:pipe-open]               // [[ ... |
		label = label.WithStart(seg.Start + pipe + 1) // | ... ]]
	}
	if rest := line[stop+2:]; len(rest) > 0 && rest[0] == '(' && inlineLinkAt(rest) {
		// [[1]](#sources) is a link whose text is "[1]" on GitHub and in
		// CommonMark, where a page's citations read that way.
		return nil
	}
	if len(n.Target) == 0 || label.Len() == 0 {
		return nil // target and label must not be empty
	}
	// Target may be Foo#Bar, so break them apart.
	if i := bytes.LastIndexByte(n.Target, '#'); i >= 0 {
		n.Fragment = n.Target[i+1:]
		n.Target = n.Target[:i]
	}
	n.AppendChild(n, ast.NewTextSegment(label))
	block.Advance(stop + 2)
	return n
}

// inlineLinkAt reports whether s, which starts with "(", goes on as the
// destination and title of an inline link do for goldmark's link parser
// ("(url)", "(url "title")", "(<a b>)", "()"), so that [[1]](#sources) is
// a link, as on GitHub, while [[Setup]](the first step) stays a wikilink
// and text. It follows that parser on one line: a link whose ")" is on a
// later line (rare, and more often a wikilink before a bracket left open)
// is taken to be none, and so is one longer than maxInlineLink, so that a
// line of many "[[a]](" costs time linear in its length.
func inlineLinkAt(s []byte) bool {
	if len(s) > maxInlineLink {
		s = s[:maxInlineLink]
	}
	i := 1 + util.TrimLeftSpaceLength(s[1:])
	switch {
	case i >= len(s):
		return false
	case s[i] == ')':
		return true
	case s[i] == '<':
		j := i + 1
		for ; j < len(s) && s[j] != '>'; j++ {
			if s[j] == '\\' && j < len(s)-1 && util.IsPunct(s[j+1]) {
				j++
			}
		}
		if j >= len(s) {
			return false
		}
		i = j + 1
	default:
		start, opened := i, 0
	dest:
		for ; i < len(s); i++ {
			switch c := s[i]; {
			case c == '\\' && i < len(s)-1 && util.IsPunct(s[i+1]):
				i++
			case c == '(':
				opened++
			case c == ')':
				if opened--; opened < 0 {
					break dest
				}
			case util.IsSpace(c):
				break dest
			}
		}
		if i == start {
			return false
		}
	}
	if i += util.TrimLeftSpaceLength(s[i:]); i >= len(s) {
		return false
	}
	opener, closer := s[i], s[i]
	switch opener {
	case ')':
		return true
	case '"', '\'':
	case '(':
		closer = ')'
	default:
		return false
	}
	for i++; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i < len(s)-1 && util.IsPunct(s[i+1]):
			i++
		case c == closer:
			i += 1 + util.TrimLeftSpaceLength(s[i+1:])
			return i < len(s) && s[i] == ')'
		case c == opener:
			return false
		}
	}
	return false
}

// maxInlineLink is the longest "(destination "title")" after a wikilink
// that inlineLinkAt reads; longer URLs are rare in pages.
const maxInlineLink = 2048
