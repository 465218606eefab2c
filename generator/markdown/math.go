package markdown

import (
	"bytes"
	"html"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TeX math, as GitHub, GitLab, MkDocs (arithmatex), Docusaurus (remark-math)
// and Hugo (passthrough) read it: $…$ and \(…\) inline, $$…$$ and \[…\] on
// lines of their own, and ```math fences. Its text is not Markdown: a
// formula's \sqrt[3](x) is not a link, nor its _ emphasis. The page's HTML
// holds the TeX, escaped, in an element of class "math", with \(…\) or
// \[…\] around it, which the theme's script draws; where scripts do not
// run, the TeX shows as written.
//
// Hugo's passthrough extension finds the paired delimiters. It opens at
// any $, so $…$ is read here instead, by Pandoc's rule (mathDollarParser),
// which leaves prices alone; and it writes what it finds as raw HTML, so
// mathRenderer writes it escaped.

// mathDelims configures the passthrough extension: $$ only. It searches
// the rest of the paragraph for the closer of each opener, so an opener
// that differs from its closer, \( or \[, would cost the square of the
// paragraph's length when many go unclosed; mathSpanParser reads those
// within their line instead (and mathBlockParser on lines of their own).
var mathDelims = passthrough.Config{
	BlockDelimiters: []passthrough.Delimiters{{Open: "$$", Close: "$$"}},
}

// mathExtension adds the math parsers and renderers to a goldmark instance.
type mathExtension struct{}

func (mathExtension) Extend(m goldmark.Markdown) {
	passthrough.New(mathDelims).Extend(m)
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(mathDollarParser{}, 202), util.Prioritized(mathSpanParser{}, 203)),
		// Before goldmark's lists (300) and paragraphs (1000).
		parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 250)),
	)
	// Below the extension's renderers (99 and 101), so that these win.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 50)))
}

// dollarDelims are the delimiters of the nodes mathDollarParser makes.
var dollarDelims = passthrough.Delimiters{Open: "$", Close: "$"}

// mathDollarParser reads $…$ on one line as inline math by Pandoc's rule:
// the opening $ has a character other than a space (or another $) right
// after it, and the closing $ one other than a space right before it and
// no digit right after it, so that "$5 and $10" and "from $20 to $30" stay
// text; a $$ closes nothing. A $ escaped with a backslash inside the formula is the formula's.
type mathDollarParser struct{}

func (mathDollarParser) Trigger() []byte { return []byte{'$'} }

func (mathDollarParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] == '$' || isMathSpace(line[1]) || noCloser(pc, "$", seg.Start) {
		return nil
	}
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '\n':
			markNoCloser(pc, "$", seg)
			return nil
		case '$':
			if isMathSpace(line[i-1]) || i+1 < len(line) && ('0' <= line[i+1] && line[i+1] <= '9' || line[i+1] == '$') {
				if i+1 < len(line) && line[i+1] == '$' {
					i++ // $$ closes nothing here
				}
				continue
			}
			block.Advance(i + 1)
			return &passthrough.PassthroughInline{Segment: seg.WithStop(seg.Start + i + 1), Delimiters: &dollarDelims}
		}
	}
	markNoCloser(pc, "$", seg)
	return nil
}

// spanDelims are the delimiters of the nodes mathSpanParser makes.
var spanDelims = []passthrough.Delimiters{{Open: `\(`, Close: `\)`}, {Open: `\[`, Close: `\]`}}

// mathSpanParser reads \(…\) and \[…\] within a line as inline math.
type mathSpanParser struct{}

func (mathSpanParser) Trigger() []byte { return []byte{'\\'} }

func (mathSpanParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	for i := range spanDelims {
		d := &spanDelims[i]
		if !bytes.HasPrefix(line, []byte(d.Open)) || noCloser(pc, d.Close, seg.Start) {
			continue
		}
		end := bytes.IndexByte(line, '\n')
		if end < 0 {
			end = len(line)
		}
		j := bytes.Index(line[len(d.Open):end], []byte(d.Close))
		if j < 0 {
			markNoCloser(pc, d.Close, seg)
		}
		if j <= 0 {
			return nil
		}
		stop := len(d.Open) + j + len(d.Close)
		block.Advance(stop)
		return &passthrough.PassthroughInline{Segment: seg.WithStop(seg.Start + stop), Delimiters: d}
	}
	return nil
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

// markNoCloser notes that the rest of seg's line holds no closer, when
// the parser returns without having found one (the reader did not move).
func markNoCloser(pc parser.Context, close string, seg text.Segment) {
	m, _ := pc.Get(spanScanKey).(map[string]noCloserSpan)
	if m == nil {
		m = map[string]noCloserSpan{}
		pc.Set(spanScanKey, m)
	}
	m[close] = noCloserSpan{seg.Start, seg.Stop}
}

func isMathSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// mathRenderer writes math for the theme's script (see the comment above).
type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(passthrough.KindPassthroughInline, renderMathInline)
	reg.Register(passthrough.KindPassthroughBlock, renderMathBlock)
	reg.Register(KindMathBlock, renderMathBlock)
}

func renderMathInline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		m := n.(*passthrough.PassthroughInline)
		_, _ = w.WriteString(MathInlineStart)
		writeMath(w, mathTeX(m.Segment.Value(src), m.Delimiters), false)
		_, _ = w.WriteString("</span>")
	}
	return ast.WalkSkipChildren, nil
}

func renderMathBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		var d *passthrough.Delimiters
		if m, ok := n.(*passthrough.PassthroughBlock); ok {
			d = m.Delimiters
		}
		_, _ = w.WriteString(MathBlockStart)
		writeMath(w, mathTeX(n.Lines().Value(src), d), true)
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkSkipChildren, nil
}

// MathInlineStart and MathBlockStart are how inline and display math start
// in a page's HTML: the TeX follows, escaped, between \( and \) or \[ and
// \], for the theme's script to draw.
const (
	MathInlineStart = `<span class="math math-inline">`
	MathBlockStart  = `<div class="math math-display">`
)

// writeMath writes tex, escaped, between the delimiters the theme's script
// reads: \[ and \] for display math, \( and \) inline.
func writeMath(w util.BufWriter, tex []byte, display bool) {
	open, close := `\(`, `\)`
	if display {
		open, close = `\[`, `\]`
	}
	_, _ = w.WriteString(open)
	_, _ = w.WriteString(html.EscapeString(string(tex)))
	_, _ = w.WriteString(close)
}

// mathTeX returns the formula of a passthrough's text: without its
// delimiters and the spaces inside them.
func mathTeX(v []byte, d *passthrough.Delimiters) []byte {
	v = bytes.TrimSpace(v)
	if d != nil && len(v) >= len(d.Open)+len(d.Close) && bytes.HasPrefix(v, []byte(d.Open)) && bytes.HasSuffix(v, []byte(d.Close)) {
		v = v[len(d.Open) : len(v)-len(d.Close)]
	}
	return bytes.TrimSpace(v)
}

// mathLang is the language of a code block that is display math, as
// GitHub and GitLab write it.
const mathLang = "math"

// A formula on lines of its own, between $$ and $$ or \[ and \], is read as
// a block, as a fenced code block is, so that its lines are not Markdown's:
// a line of an aligned equation that starts with "+ " or "- " is not a
// list item, nor one that starts with "#" a heading. Like TeX's display
// math, it ends at a blank line: an opener without a closer before the
// next blank line is text. (Hugo's passthrough extension reads these
// delimiters inside paragraphs, after the blocks are read.)

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
