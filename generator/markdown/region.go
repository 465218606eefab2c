package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Code blocks and tables scroll sideways inside a region of their own when
// they are wider than the page: the region takes the keyboard focus, so
// that it can be scrolled without a mouse, and has a name. Render writes
// the names in the page's language into the holes the renderers leave;
// writing elsewhere (the reference rendering of the tests), the renderers
// take them from these attributes of the document node.
var (
	attrCodeLabel  = []byte("data-pb-code-label")
	attrTableLabel = []byte("data-pb-table-label")
)

// regionLabel returns the label a region inside n's document has, or def.
func regionLabel(n ast.Node, attr []byte, def string) string {
	for ; n != nil; n = n.Parent() {
		if n.Kind() != ast.KindDocument {
			continue
		}
		if v, ok := n.Attribute(attr); ok {
			if b, ok := v.([]byte); ok && len(b) > 0 {
				return string(b)
			}
		}
		break
	}
	return def
}

// tableRenderer writes goldmark's table inside a focusable, labelled
// region that scrolls it; the rows and cells are goldmark's.
type tableRenderer struct{}

func (tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-wrap" tabindex="0" role="region" aria-label="`)
			if !holeFor(w, holeTableLabel, 0, true) {
				_, _ = w.Write(util.EscapeHTML([]byte(regionLabel(n, attrTableLabel, "Table"))))
			}
			_, _ = w.WriteString(`"><table`)
			if n.Attributes() != nil {
				ghtml.RenderAttributes(w, n, extension.TableAttributeFilter)
			}
			_, _ = w.WriteString(">\n")
		} else {
			_, _ = w.WriteString("</table></div>\n")
		}
		return ast.WalkContinue, nil
	})
}
