package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// Python-Markdown's md_in_html, which MkDocs Material's grids, cards and
// figures use, reads Markdown inside an HTML element whose opening tag has
// a markdown attribute:
//
//	<figure markdown>
//	![Floor plan](plan.png)
//	<figcaption>The warehouse</figcaption>
//	</figure>
//
// CommonMark reads those lines as one block of raw HTML, so the image
// shows as text. No goldmark extension reads the attribute, so this block
// parser is written here: the tag lines stay raw HTML (shown or escaped
// as any other, see rawHTMLRenderer) and the lines between them are
// Markdown, until the line that closes the element.

// markdownElement returns the lower-case name of the element that line
// opens, when line is one opening tag, of an element that has content,
// with a markdown attribute (markdown, markdown="1", markdown="block" …);
// else nil. The tag is read with golang.org/x/net/html's tokenizer, so a
// "markdown" inside another attribute's value is none.
func markdownElement(line []byte) []byte {
	if len(line) < 3 || line[0] != '<' || line[len(line)-1] != '>' {
		return nil
	}
	z := html.NewTokenizer(bytes.NewReader(line))
	if z.Next() != html.StartTagToken || len(z.Raw()) != len(line) {
		return nil
	}
	name, more := z.TagName()
	if voidElements[string(name)] {
		return nil
	}
	for more {
		var key []byte
		key, _, more = z.TagAttr()
		if string(key) == "markdown" {
			return bytes.Clone(name)
		}
	}
	return nil
}

// closedOnLine reports whether line is one element, opened and closed on
// it: <summary>Title</summary>.
func closedOnLine(line []byte) bool {
	end := bytes.IndexAny(line, " \t>")
	if len(line) < 4 || line[0] != '<' || end < 2 || !bytes.HasSuffix(line, []byte(">")) {
		return false
	}
	closing := append([]byte("</"), line[1:end]...)
	return bytes.HasSuffix(bytes.ToLower(line), append(bytes.ToLower(closing), '>'))
}

// voidElements are the HTML elements without content.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// KindMarkdownInHTML is the kind of MarkdownInHTML nodes.
var KindMarkdownInHTML = ast.NewNodeKind("MarkdownInHTML")

// MarkdownInHTML is an HTML element whose content is Markdown: its first
// and last children are the opening and closing tags, as raw HTML blocks.
type MarkdownInHTML struct {
	ast.BaseBlock
	tag []byte
	// depth counts the elements of the same name opened and not yet
	// closed inside it, whose closing tags close them, not it.
	depth int
	// text holds the lines of an element of text (textElements), read
	// as inline Markdown only; nil for the others.
	text *ast.TextBlock
}

// Kind implements ast.Node.
func (*MarkdownInHTML) Kind() ast.NodeKind { return KindMarkdownInHTML }

// Dump implements ast.Node.
func (n *MarkdownInHTML) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Tag": string(n.tag)}, nil)
}

// mdInHTMLParser is the goldmark block parser of such elements.
type mdInHTMLParser struct{}

func (mdInHTMLParser) Trigger() []byte { return []byte{'<'} }

func (mdInHTMLParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if pos, _ := util.IndentWidth(line, reader.LineOffset()); pos > 3 {
		return nil, parser.NoChildren
	}
	if parent.Kind() == KindMarkdownInHTML && closedOnLine(bytes.TrimSpace(line)) {
		// <summary>Title</summary>: one line of raw HTML, where CommonMark
		// would read the Markdown lines after it as HTML to a blank line.
		advanceLine(reader, line)
		return tagBlock(seg), parser.NoChildren
	}
	if !bytes.Contains(line, []byte("markdown")) {
		return nil, parser.NoChildren
	}
	name := markdownElement(bytes.TrimSpace(line))
	if name == nil || openMarkdownInHTML(parent) >= maxOpenAdmonitions {
		return nil, parser.NoChildren
	}
	n := &MarkdownInHTML{tag: name}
	n.AppendChild(n, tagBlock(seg))
	advanceLine(reader, line)
	if textElements[string(name)] {
		// Text only, as Python-Markdown reads it: its lines are one
		// block of inline Markdown, without paragraphs or other blocks.
		n.text = ast.NewTextBlock()
		n.AppendChild(n, n.text)
		return n, parser.NoChildren
	}
	return n, parser.HasChildren
}

func (mdInHTMLParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n, ok := node.(*MarkdownInHTML)
	if !ok {
		return parser.Close // a line of raw HTML (closedOnLine)
	}
	line, seg := reader.PeekLine()
	more := parser.Continue | parser.HasChildren
	if n.text != nil {
		more = parser.Continue | parser.NoChildren
	}
	t := bytes.TrimSpace(line)
	switch {
	case line == nil:
		return more
	case n.text == nil && inOpenCodeFence(n, reader.Source(), seg.Start):
		return more
	case n.depth == 0 && len(t) == len(n.tag)+3 && t[0] == '<' && t[1] == '/' && bytes.EqualFold(t[2:len(t)-1], n.tag) && t[len(t)-1] == '>':
		n.AppendChild(n, tagBlock(seg)) // </tag>, alone on its line
		advanceLine(reader, line)
		return parser.Close
	case len(t) >= 2 && t[0] == '<':
		opens, closes := tagCounts(bytes.ToLower(t), n.tag)
		n.depth = max(0, n.depth+opens-closes)
	}
	if n.text != nil {
		// A blank line is left out: goldmark's inline parser takes every
		// line of a text block to hold a character at least.
		if seg = seg.TrimLeftSpace(reader.Source()); seg.Len() > 0 {
			n.text.Lines().Append(seg)
		}
		advanceLine(reader, line)
	}
	return more
}

func (mdInHTMLParser) Close(ast.Node, text.Reader, parser.Context) {}

// textElements are the elements whose markdown attribute Python-Markdown's
// md_in_html reads as Markdown text, without paragraphs.
var textElements = map[string]bool{
	"address": true, "dd": true, "dt": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "legend": true, "li": true, "p": true, "summary": true, "td": true, "th": true,
}

func (mdInHTMLParser) CanInterruptParagraph() bool { return true }

func (mdInHTMLParser) CanAcceptIndentedLine() bool { return false }

// tagBlock returns a raw HTML block of the tag line at seg.
func tagBlock(seg text.Segment) *ast.HTMLBlock {
	b := ast.NewHTMLBlock(ast.HTMLBlockType7)
	b.Lines().Append(seg)
	return b
}

// tagCounts counts the opening and closing tags of the element name in a
// lower-cased line.
func tagCounts(line, name []byte) (opens, closes int) {
	for i := bytes.IndexByte(line, '<'); i >= 0; {
		rest := line[i+1:]
		closing := len(rest) > 0 && rest[0] == '/'
		if closing {
			rest = rest[1:]
		}
		if bytes.HasPrefix(rest, name) && len(rest) > len(name) && strings.IndexByte(" \t>/", rest[len(name)]) >= 0 {
			if closing {
				closes++
			} else {
				opens++
			}
		}
		j := bytes.IndexByte(rest, '<')
		if j < 0 {
			break
		}
		line, i = rest, j
	}
	return opens, closes
}

// openMarkdownInHTML counts the elements of Markdown open around a block
// whose parent is n: a page of unclosed ones would cost a line each per
// open one.
func openMarkdownInHTML(n ast.Node) int {
	count := 0
	for ; n != nil; n = n.Parent() {
		if n.Kind() == KindMarkdownInHTML {
			count++
		}
	}
	return count
}

// mdInHTMLRenderer writes nothing of its own: the tags are its children.
type mdInHTMLRenderer struct{}

func (mdInHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMarkdownInHTML, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}
