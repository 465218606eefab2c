package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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

func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
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
	if stop+2 < len(line) && line[stop+2] == '(' {
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
