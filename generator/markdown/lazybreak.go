package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// An indented admonition or content tab (MkDocs) ends at its first line
// that is not indented, and what follows is read as the blocks it starts:
// Python-Markdown hands the rest of the text back to the block parser.
// CommonMark instead continues an open paragraph with such a line ("lazy
// continuation"), even when that paragraph is inside the admonition, and
// goldmark does so after admonitionParser.Continue has closed it. So
// lazyBreakParser opens, at exactly such a line, a container (lazyBreak)
// in which the line starts new blocks, as after any other ended block: a
// paragraph, a table, a setext heading, a link reference definition. The
// container holds the rest of its parent and is taken out when it closes,
// its blocks put in its place. No goldmark option turns lazy continuation
// off for one kind of block, so this is written here.

// KindLazyBreak is the node kind of lazyBreak.
var KindLazyBreak = ast.NewNodeKind("LazyBreak")

// lazyBreak is a container that exists only while the page is parsed.
type lazyBreak struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *lazyBreak) Kind() ast.NodeKind { return KindLazyBreak }

// Dump implements ast.Node.
func (n *lazyBreak) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// maxLazyBreaks is how many lazyBreak containers may be open one inside
// another; beyond it the line continues the paragraph. goldmark asks every
// open block about each line, so unbounded nesting would cost n²/2 on a
// page of n admonitions each followed by such a line.
const maxLazyBreaks = 8

type lazyBreakParser struct{}

// Trigger is nil: the line may start with anything.
func (lazyBreakParser) Trigger() []byte { return nil }

// Open opens a lazyBreak when the line would otherwise continue a
// paragraph inside an indented admonition that has ended: the last open
// block is a paragraph, and such an admonition lies between it and
// parent, where goldmark is opening blocks for the line.
func (lazyBreakParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	last := pc.LastOpenedBlock().Node
	if last == nil || last.Kind() != ast.KindParagraph {
		return nil, parser.NoChildren
	}
	found := false
	for n := last.Parent(); n != nil && n != parent; n = n.Parent() {
		if c, ok := n.(*Callout); ok && c.fence.indented() {
			found = true
			break
		}
	}
	if !found {
		return nil, parser.NoChildren
	}
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		if _, ok := n.(*lazyBreak); ok {
			depth++
		}
	}
	if depth >= maxLazyBreaks {
		return nil, parser.NoChildren
	}
	return &lazyBreak{}, parser.HasChildren
}

func (lazyBreakParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Continue | parser.HasChildren
}

// Close puts the container's blocks in its place.
func (lazyBreakParser) Close(node ast.Node, _ text.Reader, _ parser.Context) {
	parent := node.Parent()
	if parent == nil {
		return
	}
	for c := node.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, node, c)
		c = next
	}
	parent.RemoveChild(parent, node)
}

func (lazyBreakParser) CanInterruptParagraph() bool { return true }

func (lazyBreakParser) CanAcceptIndentedLine() bool { return false }
