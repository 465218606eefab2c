package markdown

import (
	"bytes"

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
