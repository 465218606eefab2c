package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tocMarkerTransformer leaves out a paragraph that is only a marker where
// GitLab, Azure DevOps wikis or Python-Markdown put a table of contents:
// "[[_TOC_]]", "[TOC]" or "[[TOC]]". playbook shows a page's table of
// contents beside its text, and the marker read as a wikilink would be a
// broken link.
type tocMarkerTransformer struct{}

func (tocMarkerTransformer) Transform(p *ast.Paragraph, reader text.Reader, _ parser.Context) {
	lines := p.Lines()
	if lines.Len() != 1 {
		return
	}
	seg := lines.At(0)
	v := bytes.TrimSpace(seg.Value(reader.Source()))
	if len(v) < 5 || v[0] != '[' {
		return // most paragraphs
	}
	for _, m := range [...]string{"[[_TOC_]]", "[TOC]", "[[TOC]]"} {
		if bytes.EqualFold(v, []byte(m)) {
			p.Parent().RemoveChild(p.Parent(), p)
			return
		}
	}
}

// kramdownTOCRE matches the text of the one item of kramdown's table of
// contents marker, "* TOC" over "{:toc}" (or "{::toc}"), in any case.
var kramdownTOCRE = regexp.MustCompile(`(?i)^[^\n]*\n?[ \t]*\{::?[ \t]*toc[ \t]*\}$`)

// dropKramdownTOC leaves out kramdown's table of contents marker, a list
// of one item whose text is a line over "{:toc}", as Jekyll sites write
// it: kramdown puts the page's table of contents there, and playbook
// shows it beside the text, where the marker would be a list of junk.
func dropKramdownTOC(t *tree) {
	if !bytes.Contains(t.src, []byte("toc}")) {
		return
	}
	for n := t.root.FirstChild(); n != nil; {
		next := n.NextSibling()
		if l, ok := n.(*ast.List); ok && l.ChildCount() == 1 && l.FirstChild().ChildCount() == 1 {
			if p := l.FirstChild().FirstChild(); p.Kind() == ast.KindParagraph || p.Kind() == ast.KindTextBlock {
				lines := p.Lines()
				if lines.Len() > 0 {
					first, last := lines.At(0), lines.At(lines.Len()-1)
					if kramdownTOCRE.Match(bytes.TrimSpace(t.src[first.Start:last.Stop])) {
						// The heading above it, kept out of the table of
						// contents (.no_toc), heads nothing now; a
						// page's title stays.
						if h, ok := l.PreviousSibling().(*ast.Heading); ok && h.Level > 1 && noTOC(h, t.src) {
							t.root.RemoveChild(t.root, h)
						}
						t.root.RemoveChild(t.root, l)
					}
				}
			}
		}
		n = next
	}
}

// noTOC reports whether kramdown's attribute list on heading h, at its
// end or on the line below, gives it the class no_toc.
func noTOC(h *ast.Heading, src []byte) bool {
	lines := h.Lines()
	if lines.Len() == 0 {
		return false
	}
	end := lines.At(lines.Len() - 1).Stop
	for k := 0; k < 2 && end < len(src); k++ {
		if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(src)
		}
	}
	return bytes.Contains(src[lines.At(0).Start:end], []byte(".no_toc"))
}
