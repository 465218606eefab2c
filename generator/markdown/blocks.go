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

// jsxBlockParser is goldmark's HTML block parser, but for a line that
// starts with the link component of Docusaurus, Gatsby and Next.js
// (<Link to="/guide/">), which it leaves to the paragraph: to CommonMark
// the name is HTML's <link>, whose block interrupts a paragraph and holds
// the line as raw HTML, where jsxLinkTransformer could not make a link of
// it.
type jsxBlockParser struct{ parser.BlockParser }

func (p jsxBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if t := blockStart(reader); len(t) > 5 && string(t[:5]) == "<Link" && (t[5] == ' ' || t[5] == '\t' || t[5] == '\n' || t[5] == '>') {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}
