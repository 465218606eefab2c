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

// mathDelims configures the passthrough extension.
var mathDelims = passthrough.Config{
	InlineDelimiters: []passthrough.Delimiters{{Open: `\(`, Close: `\)`}},
	BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}, {Open: `\[`, Close: `\]`}},
}

// mathExtension adds the math parsers and renderers to a goldmark instance.
type mathExtension struct{}

func (mathExtension) Extend(m goldmark.Markdown) {
	passthrough.New(mathDelims).Extend(m)
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(mathDollarParser{}, 202)))
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

func (mathDollarParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] == '$' || isMathSpace(line[1]) {
		return nil
	}
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '\n':
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
	return nil
}

func isMathSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// mathRenderer writes math for the theme's script (see the comment above).
type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(passthrough.KindPassthroughInline, renderMathInline)
	reg.Register(passthrough.KindPassthroughBlock, renderMathBlock)
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
		m := n.(*passthrough.PassthroughBlock)
		_, _ = w.WriteString(MathBlockStart)
		writeMath(w, mathTeX(n.Lines().Value(src), m.Delimiters), true)
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
