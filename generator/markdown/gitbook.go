package markdown

import (
	"bytes"
	"html"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GitBook's embed block, alone on its line, and the closing tag of its
// captioned form:
//
//	{% embed url="https://example.com/talk" %}
//	A caption.
//	{% endembed %}
var (
	embedRE    = regexp.MustCompile(`^\{%-?[ \t]*embed[ \t]+url[ \t]*=[ \t]*"([^"\s<>]+)"[^%]*-?%\}$`)
	endEmbedRE = regexp.MustCompile(`^\{%-?[ \t]*endembed[ \t]*-?%\}$`)
	// embedCaptionRE finds the caption an embed's tag may give itself.
	embedCaptionRE = regexp.MustCompile(`caption[ \t]*=[ \t]*"([^"]*)"`)
)

// embedTransformer makes a paragraph that starts with a GitBook embed of
// a web address an Embed, before a paragraph of the caption below it; a closing
// {% endembed %} line goes. GitBook draws a card of the page an embed
// names, fetched from it: a site that makes no external requests shows
// the link. An embed of another address, or inside a line, stays text (a
// Liquid tag, warned as one). A paragraph transformer, so that an embed
// in code is code. No goldmark extension reads GitBook's tags.
type embedTransformer struct{}

func (embedTransformer) Transform(p *ast.Paragraph, reader text.Reader, _ parser.Context) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	src := reader.Source()
	first := lines.At(0)
	line := first.Value(src)
	v := bytes.TrimSpace(line)
	if !bytes.HasPrefix(v, []byte("{%")) {
		return // most paragraphs
	}
	parent := p.Parent()
	if lines.Len() == 1 && endEmbedRE.Match(v) {
		parent.RemoveChild(parent, p) // the end of an embed whose caption is a paragraph
		return
	}
	m := embedRE.FindSubmatchIndex(v)
	if m == nil || !isWebURL(v[m[2]:m[3]]) || bytes.HasPrefix(bytes.ToLower(v[m[2]:m[3]]), []byte("mailto:")) {
		return
	}
	// The address as one link, not read as text.
	link := &Embed{URL: html.UnescapeString(string(v[m[2]:m[3]]))} // "&amp;" is "&", as in a link
	if c := embedCaptionRE.FindSubmatch(v[m[3]:]); c != nil {
		link.Caption = html.UnescapeString(string(c[1]))
	}
	link.SetBlankPreviousLines(p.HasBlankPreviousLines()) // a list stays loose
	parent.InsertBefore(parent, p, link)
	rest := text.NewSegments()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i == lines.Len()-1 && endEmbedRE.Match(bytes.TrimSpace(seg.Value(src))) {
			break
		}
		rest.Append(seg)
	}
	if rest.Len() == 0 {
		parent.RemoveChild(parent, p)
		return
	}
	p.SetLines(rest)
}

// KindEmbed is the kind of an Embed.
var KindEmbed = ast.NewNodeKind("Embed")

// Embed is a GitBook embed of a web address, shown as a paragraph of a
// link to it.
type Embed struct {
	ast.BaseBlock
	URL string
	// Caption is what caption="…" in the tag says, shown below the link.
	Caption string
}

// Kind implements ast.Node.
func (n *Embed) Kind() ast.NodeKind { return KindEmbed }

// IsRaw implements ast.Node: the parser reads no text in it.
func (n *Embed) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *Embed) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"URL": n.URL}, nil)
}

// embedRenderer writes Embed nodes.
type embedRenderer struct{}

func (embedRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEmbed, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			e := n.(*Embed)
			_, _ = w.WriteString(`<p class="embed"><a href="` + html.EscapeString(safeURL(e.URL)) + `">` + html.EscapeString(e.URL) + "</a></p>\n")
			if e.Caption != "" {
				_, _ = w.WriteString("<p>" + html.EscapeString(e.Caption) + "</p>\n")
			}
		}
		return ast.WalkSkipChildren, nil
	})
}
