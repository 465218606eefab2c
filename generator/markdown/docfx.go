package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/playbookhq/playbook/generator/diag"
)

// DocFX, which builds Microsoft Docs, writes some of its extensions as
// lines of their own that open and close with ":::":
//
//	:::image type="content" source="media/portal.png" alt-text="Portal":::
//	:::code language="powershell" source="setup.ps1":::
//	:::row:::  :::column span="2":::  :::column-end:::  :::row-end:::
//
// and its zones and monikers as ":::" lines without the closing colons
// (::: zone pivot="windows" … ::: zone-end). Read as the opening of a
// Docusaurus admonition (see admonitionParser), such a line would put the
// rest of the page in a callout that never closes. An image becomes the
// image it shows, as ![alt-text](source) would, its link resolved and
// checked as an image's; a complex image's long description, which
// follows it, stays a paragraph, and its closing ":::image-end:::" line is
// left out. Other directives are left out with a warning: playbook does
// not run DocFX directives.

// KindDocFXDirective is the node kind of a DocFX directive.
var KindDocFXDirective = ast.NewNodeKind("DocFXDirective")

// DocFXDirective is one DocFX directive line. Parse replaces each (see
// Doc.docfx): Doc trees hold none.
type DocFXDirective struct {
	ast.BaseBlock
	// Name is the directive's name, lower-case: "image", "code", "zone-end".
	Name string
	// attrs is where its attributes are in the source.
	attrs text.Segment
}

// Kind implements ast.Node.
func (n *DocFXDirective) Kind() ast.NodeKind { return KindDocFXDirective }

// Dump implements ast.Node.
func (n *DocFXDirective) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

var (
	// docfxLine is a directive that opens and closes with ":::" on its line.
	docfxLine = regexp.MustCompile(`^:::[ \t]*([A-Za-z][A-Za-z0-9_-]*)(?:[ \t]+(.*?))?[ \t]*:::$`)
	// docfxZone is a zone or moniker line, which has no closing colons.
	docfxZone = regexp.MustCompile(`^:::[ \t]*((?i:zone|moniker)(?:-end)?)(?:[ \t]+(.*?))?$`)
	// docfxAttr is one attribute of a directive, its value quoted.
	docfxAttr = regexp.MustCompile(`([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*"([^"]*)"`)
)

// docfxKey holds the directives of the page being parsed, in order.
var docfxKey = parser.NewContextKey()

// docfxParser is a goldmark block parser for DocFX directive lines. It
// comes before admonitionParser, which would read them as openings.
type docfxParser struct{}

func (docfxParser) Trigger() []byte { return []byte{':'} }

func (docfxParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if pos, _ := util.IndentWidth(line, reader.LineOffset()); pos > 3 {
		return nil, parser.NoChildren
	}
	indent := len(line) - len(bytes.TrimLeft(line, " \t"))
	trimmed := bytes.TrimRight(line[indent:], " \t\r\n")
	m := docfxLine.FindSubmatchIndex(trimmed)
	if m == nil {
		m = docfxZone.FindSubmatchIndex(trimmed)
	}
	if m == nil {
		return nil, parser.NoChildren
	}
	n := &DocFXDirective{Name: strings.ToLower(string(trimmed[m[2]:m[3]]))}
	if m[4] >= 0 {
		// A padded line starts with spaces that are not in the source.
		at := seg.Start - seg.Padding + indent
		n.attrs = text.NewSegment(at+m[4], at+m[5])
	}
	found, _ := pc.Get(docfxKey).([]*DocFXDirective)
	pc.Set(docfxKey, append(found, n))
	advanceLine(reader, line)
	return n, parser.NoChildren
}

func (docfxParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }

func (docfxParser) Close(ast.Node, text.Reader, parser.Context) {}

func (docfxParser) CanInterruptParagraph() bool { return true }

func (docfxParser) CanAcceptIndentedLine() bool { return false }

// docfxRenderer writes nothing for a DocFX directive or a MyST target,
// which Parse replaces or takes out: should one be left in a tree, the
// renderer, which has no function for a kind it was not given, would
// panic.
type docfxRenderer struct{}

func (docfxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	nothing := func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	}
	reg.Register(KindDocFXDirective, nothing)
	reg.Register(KindMystTarget, nothing)
}

// docfx replaces the page's DocFX directives: an image with a source by
// a paragraph that holds the image, an ":::image-end:::" by nothing, and
// any other by nothing, with a warning.
func (d *Doc) docfx(t *tree) {
	for _, n := range t.directives {
		parent := n.Parent()
		if !inTree(n, t.root) {
			continue // in a block left out, such as in-product help
		}
		switch img := n.image(t.src); {
		case n.Name == "image-end":
			parent.RemoveChild(parent, n)
		case img != nil:
			p := ast.NewParagraph()
			p.SetPos(n.Pos())
			p.AppendChild(p, img)
			parent.ReplaceChild(parent, n, p)
		case n.Name == "image":
			d.Diags.AddKind("docfx", diag.Warning, d.Pos(n.Pos()),
				`DocFX directive :::image has no source="…"; it is left out of the page`)
			parent.RemoveChild(parent, n)
		default:
			d.Diags.AddKind("docfx", diag.Warning, d.Pos(n.Pos()),
				"DocFX directive :::%s is not run: playbook does not run DocFX directives, so it is left out of the page", n.Name)
			parent.RemoveChild(parent, n)
		}
	}
}

// image returns the image an ":::image" directive shows, as
// ![alt-text](source) would, or nil for another directive or an image
// without a source.
func (n *DocFXDirective) image(src []byte) *ast.Image {
	if n.Name != "image" {
		return nil
	}
	v := n.attrs.Value(src)
	var source []byte
	var alt text.Segment
	for _, m := range docfxAttr.FindAllSubmatchIndex(v, -1) {
		switch strings.ToLower(string(v[m[2]:m[3]])) {
		case "source":
			source = v[m[4]:m[5]]
		case "alt-text":
			alt = text.NewSegment(n.attrs.Start+m[4], n.attrs.Start+m[5])
		}
	}
	if len(bytes.TrimSpace(source)) == 0 {
		return nil
	}
	link := ast.NewLink()
	link.Destination = bytes.TrimSpace(source)
	img := ast.NewImage(link)
	img.SetPos(n.Pos())
	if !alt.IsEmpty() {
		img.AppendChild(img, ast.NewTextSegment(alt))
	}
	return img
}

// inTree reports whether n is in the tree under root.
func inTree(n, root ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if n == root {
			return true
		}
	}
	return false
}
