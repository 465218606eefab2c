package markdown

import (
	"bytes"
	"html"
	"io"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TeX math, as GitHub, GitLab, MkDocs, Docusaurus (remark-math) and
// kramdown write it: $…$ and $$…$$ in a line, $$ … $$ on lines of their
// own, and ```math fences; on a site written for arithmatex or Hugo's
// passthrough (WithBackslashMath), \(…\) in a line and \[ … \] on lines of
// their own too. Its text is not Markdown: a
// formula's \sqrt[3](x) is not a link, nor its _ emphasis. The page's HTML
// holds the TeX, escaped, in an element of class "math", with \(…\) or
// \[…\] around it, which the theme's script draws; where scripts do not
// run, the TeX shows as written.
//
// The rules keep ordinary text as it was: a $ opens and closes a formula
// only by Pandoc's rule, so prices stay text; \[1\], which converters
// write for a bracket, is a formula only on lines of its own; and a
// formula in a link's text ends within it. Written here: the one goldmark
// extension served for this, Hugo's passthrough, reads delimiters
// anywhere in a paragraph (turning "\[WIP\]" and "$$ cheap, $$" into
// display math), searches the rest of the paragraph for each opener (the
// square of its length for many unclosed ones), and writes the TeX
// unescaped.

// mathExtension adds the math parsers and renderers to a goldmark instance.
type mathExtension struct{}

func (mathExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(mathDollarParser{}, 202), util.Prioritized(mathSpanParser{}, 203)),
		// Before goldmark's lists (300) and paragraphs (1000).
		parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 250)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 50)))
}

// KindMathInline is the node kind of MathInline.
var KindMathInline = ast.NewNodeKind("MathInline")

// MathInline is a formula in a line; TeX is its text, without delimiters.
type MathInline struct {
	ast.BaseInline
	TeX text.Segment
}

// Kind implements ast.Node.
func (n *MathInline) Kind() ast.NodeKind { return KindMathInline }

// Dump implements ast.Node.
func (n *MathInline) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// mathDollarParser reads $…$ and $$…$$ within a line as a formula, by
// Pandoc's rule: the opener has a character other than a space right after
// it, and the closer one other than a space right before it and no digit
// right after it, so that "$5 and $10", "from $20 to $30" and "$$ cheap,
// $$$ mid" stay text. A $ escaped with a backslash is the formula's. Inside
// a link's text, a formula ends within it: "[$HOME](a.md) or [$PATH](b.md)"
// is two links.
type mathDollarParser struct{}

func (mathDollarParser) Trigger() []byte { return []byte{'$'} }

func (mathDollarParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	open := 1
	if len(line) > 1 && line[1] == '$' {
		open = 2
	}
	delim := "$$"[:open]
	if len(line) < 2*open+1 || util.IsSpace(line[open]) || line[open] == '$' || noCloser(pc, delim, seg.Start) {
		return nil
	}
	label := inLinkLabel(pc, block.Source(), seg.Start)
	depth := 0
	for i := open; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '\n':
			markNoCloser(pc, delim, seg)
			return nil
		case '[':
			depth++
		case ']':
			if depth--; depth < 0 && label {
				return nil // the end of the link's text
			}
		case '$':
			run := 1
			for i+run < len(line) && line[i+run] == '$' {
				run++
			}
			if run != open || util.IsSpace(line[i-1]) || i+run < len(line) && '0' <= line[i+run] && line[i+run] <= '9' {
				i += run - 1
				continue
			}
			block.Advance(i + run)
			return &MathInline{TeX: text.NewSegment(seg.Start+open, seg.Start+i)}
		}
	}
	markNoCloser(pc, delim, seg)
	return nil
}

// mathLabelKey keeps where inLinkLabel last counted, to go on from there.
var mathLabelKey = parser.NewContextKey()

type labelCount struct{ at, depth int }

// inLinkLabel reports whether offset at in src lies inside a bracket opened
// earlier on its line and not closed, as a link's text is. It counts on
// from where it last stopped when that was earlier on the same line, so
// that a line of many $ is read once.
func inLinkLabel(pc parser.Context, src []byte, at int) bool {
	c, _ := pc.Get(mathLabelKey).(*labelCount)
	if c == nil {
		c = &labelCount{at: -1}
		pc.Set(mathLabelKey, c)
	}
	from := c.at
	if from < 0 || from > at || bytes.IndexByte(src[from:at], '\n') >= 0 {
		from = bytes.LastIndexByte(src[:at], '\n') + 1
		c.depth = 0
	}
	for i := from; i < at; i++ {
		switch src[i] {
		case '\\':
			i++
		case '[':
			c.depth++
		case ']':
			c.depth = max(0, c.depth-1)
		}
	}
	c.at = max(at, from)
	return c.depth > 0
}

// backslashMathKey is set in the context of a page whose \(…\) and \[…\]
// are math (WithBackslashMath).
var backslashMathKey = parser.NewContextKey()

// mathSpanParser reads \(…\) within a line as a formula, on a page whose
// \( is math (backslashMathKey).
type mathSpanParser struct{}

func (mathSpanParser) Trigger() []byte { return []byte{'\\'} }

func (mathSpanParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte(`\(`)) || pc.Get(backslashMathKey) == nil || noCloser(pc, `\)`, seg.Start) {
		return nil
	}
	end := bytes.IndexByte(line, '\n')
	if end < 0 {
		end = len(line)
	}
	j := bytes.Index(line[2:end], []byte(`\)`))
	if j < 0 {
		markNoCloser(pc, `\)`, seg)
	}
	if j <= 0 {
		return nil
	}
	block.Advance(2 + j + 2)
	return &MathInline{TeX: text.NewSegment(seg.Start+2, seg.Start+2+j)}
}

// spanScanKey keeps, per closing delimiter, the stretch of a line after
// an opener in which a search found no closer: an opener inside it has
// none either (a closer does not depend on its opener), so a line of many
// openers is searched once, not once for each.
var spanScanKey = parser.NewContextKey()

type noCloserSpan struct{ from, to int }

func noCloser(pc parser.Context, close string, at int) bool {
	m, _ := pc.Get(spanScanKey).(map[string]noCloserSpan)
	sp, ok := m[close]
	return ok && sp.from < at && at < sp.to
}

// markNoCloser notes that the rest of seg's line holds no closer.
func markNoCloser(pc parser.Context, close string, seg text.Segment) {
	m, _ := pc.Get(spanScanKey).(map[string]noCloserSpan)
	if m == nil {
		m = map[string]noCloserSpan{}
		pc.Set(spanScanKey, m)
	}
	m[close] = noCloserSpan{seg.Start, seg.Stop}
}

// mathRenderer writes math for the theme's script (see the comment above).
type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMathInline, renderMathInline)
	reg.Register(KindMathBlock, renderMathBlock)
}

func renderMathInline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writeMath(w, n.(*MathInline).TeX.Value(src), false)
	}
	return ast.WalkSkipChildren, nil
}

func renderMathBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writeMath(w, n.Lines().Value(src), true)
	}
	return ast.WalkSkipChildren, nil
}

// writeMath writes a formula as the page's HTML holds it for the theme's
// script to draw: its TeX, trimmed and escaped, between \( and \) in a
// span, or for display math between \[ and \] in a div of its own.
func writeMath(w io.StringWriter, tex []byte, display bool) {
	start, open, close, end := `<span class="math math-inline">`, `\(`, `\)`, "</span>"
	if display {
		start, open, close, end = `<div class="math math-display">`, `\[`, `\]`, "</div>\n"
	}
	_, _ = w.WriteString(start + open)
	_, _ = w.WriteString(html.EscapeString(string(bytes.TrimSpace(tex))))
	_, _ = w.WriteString(close + end)
}

// mathLang is the language of a code block that is display math, as
// GitHub and GitLab write it.
const mathLang = "math"

// A formula on lines of its own, between $$ and $$ or \[ and \], is read as
// a block, as a fenced code block is, so that its lines are not Markdown's:
// a line of an aligned equation that starts with "+ " or "- " is not a
// list item, nor one that starts with "#" a heading. Like TeX's display
// math, it ends at a blank line: an opener without a closer before the
// next blank line is text.

// KindMathBlock is the node kind of MathBlock.
var KindMathBlock = ast.NewNodeKind("MathBlock")

// MathBlock is display math on lines of its own; its lines are the TeX.
type MathBlock struct {
	ast.BaseBlock
	close  string // the closing delimiter
	closed bool
}

// Kind implements ast.Node.
func (n *MathBlock) Kind() ast.NodeKind { return KindMathBlock }

// Dump implements ast.Node.
func (n *MathBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// IsRaw implements ast.Node: the lines are TeX, not inline Markdown.
func (n *MathBlock) IsRaw() bool { return true }

type mathBlockParser struct{}

func (mathBlockParser) Trigger() []byte { return []byte{'$', '\\'} }

// mathScanKey keeps, per delimiter, the source offset up to which a search
// for a closer found none (see hasCloser).
var mathScanKey = parser.NewContextKey()

func (mathBlockParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if pos, _ := util.IndentWidth(line, reader.LineOffset()); pos > 3 {
		return nil, parser.NoChildren
	}
	t := bytes.TrimLeft(line, " \t")
	open, close := "$$", "$$"
	if bytes.HasPrefix(t, []byte(`\[`)) {
		if pc.Get(backslashMathKey) == nil {
			return nil, parser.NoChildren
		}
		open, close = `\[`, `\]`
	} else if !bytes.HasPrefix(t, []byte("$$")) {
		return nil, parser.NoChildren
	}
	// The line may start with a tab's columns that are not in the source
	// (seg.Padding).
	start := seg.Start + len(line) - len(t) - seg.Padding + len(open)
	if start > seg.Stop {
		return nil, parser.NoChildren
	}
	rest := text.NewSegment(start, seg.Stop)
	n := &MathBlock{close: close}
	if i := bytes.Index(rest.Value(reader.Source()), []byte(close)); i >= 0 {
		// Opened and closed on the line: a block when nothing follows.
		after := rest.Value(reader.Source())[i+len(close):]
		if len(bytes.TrimSpace(after)) > 0 || i == 0 {
			return nil, parser.NoChildren
		}
		n.Lines().Append(rest.WithStop(start + i))
		n.closed = true
		advanceLine(reader, line)
		return n, parser.NoChildren
	}
	if !hasCloser(reader.Source(), seg.Stop, close, pc) {
		return nil, parser.NoChildren
	}
	if len(bytes.TrimSpace(rest.Value(reader.Source()))) > 0 {
		n.Lines().Append(rest)
	}
	advanceLine(reader, line)
	return n, parser.NoChildren
}

// hasCloser reports whether a line that ends with close comes after offset
// from in src before a blank line. A search that finds none is remembered,
// so that many openers in one stretch of text are not each searched to
// its end (which would take the square of its length).
func hasCloser(src []byte, from int, close string, pc parser.Context) bool {
	memo, _ := pc.Get(mathScanKey).(map[string]int)
	if memo == nil {
		memo = map[string]int{}
		pc.Set(mathScanKey, memo)
	}
	if end, ok := memo[close]; ok && from < end {
		return false
	}
	for off := from; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		l := bytes.TrimSpace(src[off : off+end])
		if len(l) == 0 || bytes.Equal(l, []byte(">")) {
			memo[close] = off + end
			return false
		}
		if bytes.HasSuffix(l, []byte(close)) {
			return true
		}
		off += end + 1
	}
	memo[close] = len(src)
	return false
}

func (mathBlockParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	n := node.(*MathBlock)
	line, seg := reader.PeekLine()
	if n.closed || line == nil || util.IsBlank(line) {
		return parser.Close
	}
	if v := bytes.TrimRight(line, " \t\r\n"); bytes.HasSuffix(v, []byte(n.close)) {
		if stop := seg.Start + len(v) - len(n.close) - seg.Padding; stop > seg.Start {
			if body := seg.WithStop(stop); len(bytes.TrimSpace(body.Value(reader.Source()))) > 0 {
				n.Lines().Append(body)
			}
		}
		n.closed = true
		advanceLine(reader, line)
		return parser.Close
	}
	n.Lines().Append(seg)
	advanceLine(reader, line)
	return parser.Continue | parser.NoChildren
}

func (mathBlockParser) Close(ast.Node, text.Reader, parser.Context) {}

func (mathBlockParser) CanInterruptParagraph() bool { return true }

func (mathBlockParser) CanAcceptIndentedLine() bool { return false }
