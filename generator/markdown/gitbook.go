package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// GitBook's embed block, alone on its line, and the closing tag of its
// captioned form:
//
//	{% embed url="https://example.com/talk" %}
//	A caption.
//	{% endembed %}
var (
	embedRE    = regexp.MustCompile(`^\{%-?[ \t]*embed[ \t]+url[ \t]*=[ \t]*"([^"\s<>]+)"[^%]*-?%\}$`)
	endEmbedRE = regexp.MustCompile(`^\{%-?[ \t]*endembed[ \t]*-?%\}$`)
)

// embedTransformer makes a paragraph that starts with a GitBook embed of
// a web address a paragraph of that address, which the text then reads as
// a link, before a paragraph of the caption below it; a closing
// {% endembed %} line goes. GitBook draws a card of the page an embed
// names, fetched from it: a site that makes no external requests shows
// the link. An embed of another address, or inside a line, stays text (a
// Liquid tag, warned as one). A paragraph transformer, so that an embed
// in code is code. No goldmark extension reads GitBook's tags.
type embedTransformer struct{}

func (embedTransformer) Transform(p *ast.Paragraph, reader text.Reader, _ parser.Context) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	src := reader.Source()
	first := lines.At(0)
	line := first.Value(src)
	v := bytes.TrimSpace(line)
	if !bytes.HasPrefix(v, []byte("{%")) {
		return // most paragraphs
	}
	parent := p.Parent()
	if lines.Len() == 1 && endEmbedRE.Match(v) {
		parent.RemoveChild(parent, p) // the end of an embed whose caption is a paragraph
		return
	}
	m := embedRE.FindSubmatchIndex(v)
	if m == nil || !isWebURL(v[m[2]:m[3]]) || bytes.HasPrefix(bytes.ToLower(v[m[2]:m[3]]), []byte("mailto:")) {
		return
	}
	at := first.Start + len(line) - len(bytes.TrimLeft(line, " \t")) + m[2]
	link := ast.NewParagraph()
	link.Lines().Append(text.NewSegment(at, at+m[3]-m[2]))
	link.SetBlankPreviousLines(p.HasBlankPreviousLines()) // a list stays loose
	parent.InsertBefore(parent, p, link)
	rest := text.NewSegments()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i == lines.Len()-1 && endEmbedRE.Match(bytes.TrimSpace(seg.Value(src))) {
			break
		}
		rest.Append(seg)
	}
	if rest.Len() == 0 {
		parent.RemoveChild(parent, p)
		return
	}
	p.SetLines(rest)
}
