package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// blockParsers are goldmark's block parsers, its HTML block's wrapped in a
// jsxBlockParser and its blockquote's in a shortcodeEndParser.
func blockParsers() []util.PrioritizedValue {
	blocks := parser.DefaultBlockParsers()
	for i, v := range blocks {
		switch v.Value {
		case parser.NewHTMLBlockParser():
			blocks[i].Value = jsxBlockParser{parser.NewHTMLBlockParser()}
		case parser.NewBlockquoteParser():
			blocks[i].Value = shortcodeEndParser{parser.NewBlockquoteParser()}
		}
	}
	return blocks
}

// shortcodeEndParser is goldmark's blockquote parser, but for a line that
// starts with ">}}", the end of a Hugo shortcode written over lines
// ("{{< figure" over "  src=…" over ">}}"), which stays the text of the
// paragraph it ends instead of a quote of "}}".
type shortcodeEndParser struct{ parser.BlockParser }

func (p shortcodeEndParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if bytes.HasPrefix(blockStart(reader), []byte(">}}")) {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// blockStart returns the reader's line from its first mark, when at most
// three spaces come before it, as before a block's mark; else nil.
func blockStart(reader text.Reader) []byte {
	line, _ := reader.PeekLine()
	if t := bytes.TrimLeft(line, " "); len(line)-len(t) < 4 {
		return t
	}
	return nil
}

// jsxBlockParser is goldmark's HTML block parser, but for two kinds of
// line it leaves to the paragraph:
//   - one that starts with the link component of Docusaurus, Gatsby and
//     Next.js (<Link to="/guide/">): to CommonMark the name is HTML's
//     <link>, whose block interrupts a paragraph and holds the line as raw
//     HTML, where jsxLinkTransformer could not make a link of it;
//   - inside an element of Markdown (<aside markdown="1">), one that starts
//     with an element of text such as <img> or <span>: kramdown and
//     Python-Markdown read it as part of a paragraph, where CommonMark
//     would hold it and the lines after it, to a blank line, as raw HTML.
type jsxBlockParser struct{ parser.BlockParser }

func (p jsxBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	t := blockStart(reader)
	if startsTag(t, "Link") || inMarkdownInHTML(parent) && startsPhrasing(t) {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// startsTag reports whether line starts with the opening tag of name, as
// written (case matters).
func startsTag(line []byte, name string) bool {
	n := len(name) + 1
	return len(line) > n && line[0] == '<' && string(line[1:n]) == name && bytes.IndexByte([]byte(" \t\r\n/>"), line[n]) >= 0
}

// startsPhrasing reports whether line starts with an element of text that
// kramdown and Python-Markdown read as part of a paragraph: one without
// content (<img>, <br>), or one closed on the same line (<span>Owner</span>
// of …). An element of code (<code>, <kbd>, <samp>, <var>) keeps its
// content as it is written, and one left open may hold blocks, so both
// stay raw HTML.
func startsPhrasing(line []byte) bool {
	end := 1
	for end < len(line) && (line[end] >= 'a' && line[end] <= 'z' || line[end] >= 'A' && line[end] <= 'Z' || line[end] >= '0' && line[end] <= '9') {
		end++
	}
	if len(line) <= end || line[0] != '<' || bytes.IndexByte([]byte(" \t\r\n/>"), line[end]) < 0 {
		return false
	}
	name := string(bytes.ToLower(line[1:end]))
	return voidElements[name] && phrasing[name] || phrasing[name] && bytes.Contains(bytes.ToLower(line), []byte("</"+name+">"))
}

// phrasing are the elements of text that startsPhrasing knows.
var phrasing = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "br": true, "cite": true,
	"data": true, "del": true, "dfn": true, "em": true, "i": true, "img": true, "ins": true,
	"mark": true, "q": true, "s": true, "small": true, "span": true, "strong": true,
	"sub": true, "sup": true, "time": true, "u": true, "wbr": true,
}

// inMarkdownInHTML reports whether n is, or is inside, an element of
// Markdown.
func inMarkdownInHTML(n ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if n.Kind() == KindMarkdownInHTML {
			return true
		}
	}
	return false
}
