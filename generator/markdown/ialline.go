package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kramdown (Jekyll) ends a paragraph at a line that holds only an
// attribute list, "{: .fs-1 }", which belongs to the paragraph above:
//
//	Font size 1
//	{: .fs-1 }
//	Font size 2
//	{: .fs-2 }
//
// is two paragraphs there, where CommonMark reads one paragraph of four
// lines. ialLineParser ends the paragraph at such a line and drops the
// line, as attributeTransformer drops one at a paragraph's end: its
// classes mean nothing here. A line that opens a paragraph is left to
// justTheDocs, which reads it as Just the Docs' callouts. No goldmark
// extension reads kramdown's attribute lists, so this is written here.

// KindIALLine is the node kind of ialLine.
var KindIALLine = ast.NewNodeKind("IALLine")

// ialLine is an attribute list line, which exists only while the page is
// parsed.
type ialLine struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *ialLine) Kind() ast.NodeKind { return KindIALLine }

// Dump implements ast.Node.
func (n *ialLine) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type ialLineParser struct{}

func (ialLineParser) Trigger() []byte { return []byte{'{'} }

// Open takes the line when it is an attribute list alone and would
// otherwise continue a paragraph.
func (ialLineParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	last := pc.LastOpenedBlock().Node
	if last == nil || last.Kind() != ast.KindParagraph {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	if pos, _ := util.IndentWidth(line, reader.LineOffset()); pos > 3 || !kramdownIAL(line) || !quotedValues(line) ||
		setextUnderline(reader.Source(), seg.Stop) {
		return nil, parser.NoChildren
	}
	advanceLine(reader, line)
	return &ialLine{}, parser.NoChildren
}

func (ialLineParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

// Close takes the line out of the page.
func (ialLineParser) Close(node ast.Node, _ text.Reader, _ parser.Context) {
	if parent := node.Parent(); parent != nil {
		parent.RemoveChild(parent, node)
	}
}

func (ialLineParser) CanInterruptParagraph() bool { return true }

func (ialLineParser) CanAcceptIndentedLine() bool { return false }

// quotedValues reports whether the values of an attribute list are quoted,
// as kramdown writes them ({: .x #y key="v"}): a line such as a Ruby hash,
// {:a=>1}, is text.
func quotedValues(line []byte) bool {
	v := bytes.TrimSpace(line)
	for _, m := range attrTokenRE.FindAllSubmatch(v[2:len(v)-1], -1) {
		if len(m[3]) > 0 && len(m[6]) > 0 {
			return false // key=value, unquoted
		}
	}
	return true
}

// setextUnderline reports whether the line that starts at offset at in src
// underlines a heading ("===" or "---"): an attribute list line between a
// paragraph line and one is left to the heading, as before.
func setextUnderline(src []byte, at int) bool {
	if at >= len(src) {
		return false
	}
	next := src[at:]
	if i := bytes.IndexByte(next, '\n'); i >= 0 {
		next = next[:i]
	}
	next = bytes.TrimSpace(next)
	return len(next) > 0 && (len(bytes.Trim(next, "=")) == 0 || len(bytes.Trim(next, "-")) == 0)
}
