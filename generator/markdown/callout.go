package markdown

import (
	"bytes"
	"cmp"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Callouts are written by hand rather than with an alert extension: the
// product must read both GitHub's form ("> [!NOTE]" then text) and the Adobe
// Experience League form (">[!NOTE]", ">", ">text"), and render an unknown
// kind as a labelled callout instead of a plain quote.

// KindCallout is the node kind of a callout block.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a blockquote that starts with a [!KIND] marker.
type Callout struct {
	ast.BaseBlock
	// Name is the lower-case marker, for example "note".
	Name string
	// Label is the heading shown above the callout, in English. Render
	// writes it in the page's language (see RenderOptions.Strings).
	Label string
	// Arg is what follows the kind inside the marker: the title in
	// [!TAB Title] or [!BEGINSHADEBOX "Title"].
	Arg string
	// URL is the address of a [!VIDEO](url) card.
	URL string
	// NoTitle leaves the title bar out. An admonition's own title (see
	// admonitionParser) is its first child, a CalloutTitle.
	NoTitle bool
	// fenced is set on an admonition (see admonitionParser), which is
	// never one of Experience League's structure markers, and style on
	// one whose kind looks other than GitHub's ("caution" is a warning
	// in Docusaurus and MkDocs).
	fenced bool
	style  string
	// Unclosed is set on a ":::" or "{% hint %}" admonition without its
	// closing line: the page, or with endsWithParent the list item or
	// quote around it, ends inside it.
	Unclosed       bool
	endsWithParent bool
	// fence is how an admonition in one of those forms ends.
	fence admonitionState
	// watch is the text of a video card's link, in English like Label.
	watch string
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// exl reports whether the callout is Experience League's marker name.
func (n *Callout) exl(name string) bool { return !n.fenced && n.Name == name }

// KindCalloutTitle is the node kind of an admonition's own title.
var KindCalloutTitle = ast.NewNodeKind("CalloutTitle")

// CalloutTitle is the title an admonition gives itself, as inline
// Markdown: ":::tip[**Bold** words]", or a content tab its own
// (=== "`mkdocs.yml`"), which tab marks.
type CalloutTitle struct {
	ast.BaseBlock
	tab bool
}

// Kind implements ast.Node.
func (n *CalloutTitle) Kind() ast.NodeKind { return KindCalloutTitle }

// Dump implements ast.Node.
func (n *CalloutTitle) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Dump implements ast.Node.
func (n *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// calloutKinds gives each known kind its label and the style it shares.
// The five GitHub kinds have their own style; the Experience League kinds
// borrow the closest one. Other kinds render with their own name as the
// label and the generic style.
var calloutKinds = map[string]struct{ label, style string }{
	"note":           {"Note", "note"},
	"tip":            {"Tip", "tip"},
	"important":      {"Important", "important"},
	"warning":        {"Warning", "warning"},
	"caution":        {"Caution", "caution"},
	"administration": {"Administration", "note"},
	"admin":          {"Administration", "note"},
	"availability":   {"Availability", "important"},
	"prerequisites":  {"Prerequisites", "note"},
	"error":          {"Error", "caution"},
	"info":           {"Info", "note"},
	"success":        {"Success", "tip"},
	"morelikethis":   {"Related articles", "related"},
	// Docusaurus and MkDocs kinds (see admonitionParser).
	"danger":    {"Danger", "caution"},
	"hint":      {"Hint", "tip"},
	"question":  {"Question", "note"},
	"example":   {"Example", "note"},
	"abstract":  {"Abstract", "note"},
	"attention": {"Attention", "warning"},
	"bug":       {"Bug", "caution"},
	"failure":   {"Failure", "caution"},
	// MkDocs' other names for the kinds above.
	"summary": {"Summary", "note"},
	"tldr":    {"TL;DR", "note"},
	"todo":    {"Todo", "note"},
	"help":    {"Help", "note"},
	"faq":     {"FAQ", "note"},
	"check":   {"Check", "tip"},
	"done":    {"Done", "tip"},
	"fail":    {"Fail", "caution"},
	"missing": {"Missing", "caution"},
	"quote":   {"Quote", "generic"},
	"cite":    {"Cite", "generic"},
}

// calloutLabel is the English label of a kind of callout: its own, or for
// a kind without one, its name.
// newCallout returns a callout of kind (lower case), with the label and
// video link text the page shows without its language's strings.
func newCallout(kind string) *Callout {
	return &Callout{Name: kind, Label: calloutLabel(kind), watch: "Watch the video"}
}

func calloutLabel(kind string) string {
	if k, ok := calloutKinds[kind]; ok {
		return k.label
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}

var calloutMarker = regexp.MustCompile(`^\s*\[!([A-Za-z][A-Za-z0-9_-]*)(?:[ \t]+([^\]\n]*))?\][ \t]*`)

// calloutTransformer replaces blockquotes that open with a marker by Callout
// nodes.
type calloutTransformer struct{}

func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if bq, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, bq)
		}
		return ast.WalkContinue, nil
	})
	for _, bq := range quotes {
		convertCallout(bq, src)
	}
}

// convertCallout replaces bq by a Callout when its first line is a
// [!KIND] marker, and removes it when the marker is [!CONTEXTUALHELP].
func convertCallout(bq *ast.Blockquote, src []byte) {
	para, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	line := first.Value(src)
	m := calloutMarker.FindSubmatchIndex(line)
	if m == nil {
		return
	}
	kind := strings.ToLower(string(line[m[2]:m[3]]))
	if kind == "contextualhelp" {
		// Experience League's in-product help (id, title and abstract
		// lines for the product's own help panels) is not shown on the
		// page, so it is left out of the page and of its text.
		bq.Parent().RemoveChild(bq.Parent(), bq)
		return
	}
	c := newCallout(kind)
	if m[4] >= 0 {
		c.Arg = strings.Trim(strings.TrimSpace(string(line[m[4]:m[5]])), `"'`)
	}
	c.SetPos(bq.Pos())
	rest := bytes.TrimSpace(line[m[1]:])
	markerEnd := first.Start + m[1]
	if kind == "video" {
		// >[!VIDEO](url): goldmark has read "[!VIDEO](url)" as a link.
		if link, ok := para.FirstChild().(*ast.Link); ok {
			c.URL = string(link.Destination)
			bq.Parent().ReplaceChild(bq.Parent(), bq, c)
			return
		}
	}
	if para.Lines().Len() == 1 && len(rest) == 0 {
		bq.RemoveChild(bq, para)
	} else {
		dropInlinesBefore(para, markerEnd)
		lines := para.Lines()
		if len(rest) == 0 {
			trimmed := text.NewSegments()
			for i := 1; i < lines.Len(); i++ {
				trimmed.Append(lines.At(i))
			}
			para.SetLines(trimmed)
		} else {
			lines.Set(0, text.NewSegment(markerEnd, first.Stop))
		}
	}
	for child := bq.FirstChild(); child != nil; {
		next := child.NextSibling()
		c.AppendChild(c, child)
		child = next
	}
	bq.Parent().ReplaceChild(bq.Parent(), bq, c)
}

// dropInlinesBefore removes the inline nodes of para that lie before offset
// and trims a text node that straddles it.
func dropInlinesBefore(para ast.Node, offset int) {
	for n := para.FirstChild(); n != nil; {
		next := n.NextSibling()
		t, ok := n.(*ast.Text)
		switch {
		case ok && t.Segment.Stop <= offset:
			para.RemoveChild(para, n)
		case ok && t.Segment.Start < offset:
			t.Segment = t.Segment.WithStart(offset)
			if t.SoftLineBreak() && t.Segment.Len() == 0 {
				para.RemoveChild(para, n)
			}
			return
		case ok:
			if t.Segment.Len() == 0 {
				para.RemoveChild(para, n)
				n = next
				continue
			}
			return
		default:
			// A link or other inline node at the marker position: stop, the
			// marker was plain text before it.
			if n.Pos() >= 0 && n.Pos() < offset {
				para.RemoveChild(para, n)
				n = next
				continue
			}
			return
		}
		n = next
	}
}

// calloutRenderer writes Callout nodes.
type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		c := n.(*Callout)
		i, ok := calloutIndex(w, c)
		if c.exl("video") {
			if entering {
				_, _ = w.WriteString(`<p class="video-card"><a href="` + html.EscapeString(safeURL(c.URL)) + `">`)
				if !holeFor(w, holeVideoWord, i, ok) {
					_, _ = w.WriteString(html.EscapeString(c.watch))
				}
				_, _ = w.WriteString(`</a> <span class="video-url">` + html.EscapeString(c.URL) + "</span></p>\n")
			}
			return ast.WalkSkipChildren, nil
		}
		if entering {
			style := "generic"
			if k, ok := calloutKinds[c.Name]; ok {
				style = k.style
			}
			style = cmp.Or(c.style, style)
			_, _ = w.WriteString(`<div class="callout callout-` + style + `" data-callout="` + html.EscapeString(c.Name) + `" role="note">` + "\n")
			// An admonition's own title is its first child, a CalloutTitle.
			if _, titled := c.FirstChild().(*CalloutTitle); !c.NoTitle && !titled {
				_, _ = w.WriteString(`<p class="callout-title">`)
				if !holeFor(w, holeCalloutLabel, i, ok) {
					_, _ = w.WriteString(html.EscapeString(c.Label))
				}
				_, _ = w.WriteString("</p>\n")
			}
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindCalloutTitle, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.(*CalloutTitle).tab {
			_, _ = w.WriteString(`<p class="tab-title">`)
		} else if entering {
			_, _ = w.WriteString(`<p class="callout-title">`)
		} else {
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkContinue, nil
	})
}

func safeURL(u string) string {
	if isDangerous(u) {
		return ""
	}
	return u
}
