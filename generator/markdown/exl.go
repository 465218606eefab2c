package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file reads the Adobe Experience League (ExL) dialect: the inline
// tags [!DNL …], [!UICONTROL …] and [!BADGE …]{…}, {…} attribute lists after
// images, tables and list items, and the tab and shade-box structures made
// of callout markers. No Go library reads this dialect; it is part of what
// the product is for.

// KindInlineTag is the node kind of an ExL inline tag.
var KindInlineTag = ast.NewNodeKind("InlineTag")

// InlineTag is [!DNL text], [!UICONTROL text] or [!BADGE text]{type=… tooltip=…}.
type InlineTag struct {
	ast.BaseInline
	// Tag is the lower-case tag name: "dnl", "uicontrol" or "badge".
	Tag   string
	Value string
	// Raw is the value as written, when it holds nested tags
	// ("Enable [!DNL JavaScript] Bundling"); Value is then its text.
	Raw string
	// BadgeType and Tooltip are a badge's attributes.
	BadgeType string
	Tooltip   string
}

// Kind implements ast.Node.
func (n *InlineTag) Kind() ast.NodeKind { return KindInlineTag }

// Dump implements ast.Node.
func (n *InlineTag) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Tag": n.Tag, "Value": n.Value}, nil)
}

var (
	inlineTagRE = regexp.MustCompile(`^\[!(?i:(DNL|UICONTROL|BADGE))[ \t]+([^\]\n]*)\]`)
	// linkedTagRE is a tag used as link text: [[!DNL RabbitMQ]](url "title").
	linkedTagRE = regexp.MustCompile(`^\[\[!(?i:(DNL|UICONTROL))[ \t]+([^\]\n]*)\]\]\(([^)\s]*)(?:[ \t]+"([^"\n]*)")?\)`)
	attrListRE  = regexp.MustCompile(`^\{([^{}\n]*)\}`)
	attrRE      = regexp.MustCompile(`([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))`)
)

// inlineTagParser parses ExL inline tags. It runs before goldmark's link
// and wikilink parsers, which would otherwise read the brackets.
//
// It is called at every "[" of a page. A tag's value and a linked tag's
// destination run to the next "]" or ")" of the line, so a line of n
// unclosed tags ("[!DNL x[!DNL x…") would be scanned to its end n times:
// the scans go through a scanMemo, and the patterns run on the line only
// up to where a match would end.
type inlineTagParser struct{}

func (inlineTagParser) Trigger() []byte { return []byte{'['} }

func (inlineTagParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || (line[1] != '!' && (line[1] != '[' || line[2] != '!')) {
		return nil
	}
	memo := memosOf(pc)
	// Both patterns end their value at the first "]" of the line, and
	// nothing before it holds a "]" or a line break.
	close := memo.tagValue.index(block.Source(), line, seg, 0, anyOf("]\n"))
	if close < 0 || line[close] != ']' {
		return nil
	}
	if line[1] == '[' {
		// [[!DNL x]](dest "title"): the destination ends at the first ")"
		// or white space after "]](".
		if close+2 >= len(line) || line[close+1] != ']' || line[close+2] != '(' {
			return nil
		}
		end := memo.tagDest.index(block.Source(), line, seg, close+3, anyOf(")\t\n\f\r "))
		if end < 0 {
			return nil
		}
		if line[end] != ')' {
			// A title: white space, then "…" up to a quote, then ")".
			i := end
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
			if i == end || i >= len(line) || line[i] != '"' {
				return nil
			}
			q := bytes.IndexAny(line[i+1:], "\"\n")
			if q < 0 || line[i+1+q] != '"' {
				return nil
			}
			end = i + 1 + q + 1
		}
		m := linkedTagRE.FindSubmatchIndex(line[:min(end+1, len(line))])
		if m == nil {
			return nil
		}
		link := ast.NewLink()
		link.Destination = line[m[6]:m[7]]
		if m[8] >= 0 {
			link.Title = line[m[8]:m[9]]
		}
		link.SetPos(seg.Start)
		tag := &InlineTag{Tag: strings.ToLower(string(line[m[2]:m[3]])), Value: strings.TrimSpace(string(line[m[4]:m[5]]))}
		tag.SetPos(seg.Start + 1)
		link.AppendChild(link, tag)
		block.Advance(m[1])
		return link
	}
	m := inlineTagRE.FindSubmatchIndex(line[:close+1])
	if nested := tagClose(pc, block.Source(), line, seg, 0); nested > close {
		// Nested tags: the value runs to the "]" that closes this one.
		m = nestedTag(line[:nested+1])
	}
	if m == nil {
		return nil
	}
	tag := &InlineTag{Tag: strings.ToLower(string(line[m[2]:m[3]])), Value: strings.TrimSpace(string(line[m[4]:m[5]]))}
	if strings.Contains(tag.Value, "[!") {
		tag.Raw, tag.Value = tag.Value, strings.TrimSpace(InlineText(tag.Value))
	}
	tag.SetPos(seg.Start)
	end := m[1]
	if tag.Tag == "badge" {
		if a := attrListRE.FindSubmatchIndex(line[end:]); a != nil {
			attrs := parseAttrs(string(line[end+a[2] : end+a[3]]))
			tag.BadgeType, tag.Tooltip = attrs["type"], attrs["tooltip"]
			end += a[1]
		}
	}
	block.Advance(end)
	return tag
}

// parseAttrs reads key=value pairs of an attribute list, and #id as "id".
func parseAttrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRE.FindAllStringSubmatch(s, -1) {
		out[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	for _, f := range strings.Fields(s) {
		if id, ok := strings.CutPrefix(f, "#"); ok && id != "" {
			out["id"] = id
		}
	}
	return out
}

type inlineTagRenderer struct{}

func (inlineTagRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInlineTag, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(tagHTML(node.(*InlineTag)))
		return ast.WalkSkipChildren, nil
	})
}

// attributeTransformer applies or removes ExL attribute lists: {#id} at the
// end of a list item gives the item an id; {width="600"} after an image sets
// its width and height; a {…} line after a table is dropped (inline styles
// are not emitted, so the page stays valid under a strict CSP).
type attributeTransformer struct{}

var trailingAttrRE = regexp.MustCompile(`\s*\{([^{}\n]*)\}\s*$`)

func (attributeTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var items []*ast.ListItem
	var images []*ast.Image
	var tables []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.ListItem:
			items = append(items, n)
		case *ast.Image:
			images = append(images, n)
		case *east.Table:
			tables = append(tables, n)
		case *ast.Heading:
			// Not an attribute, but this walk meets every heading: one
			// over lines has its id made again (headingIDs.redo).
			if ids, ok := pc.IDs().(*headingIDs); ok && n.Lines().Len() > 1 {
				ids.setext = true
			}
		}
		return ast.WalkContinue, nil
	})
	for _, li := range items {
		itemID(li, src)
	}
	for _, img := range images {
		next, ok := img.NextSibling().(*ast.Text)
		if !ok {
			continue
		}
		seg := next.Segment
		v := seg.Value(src)
		m := attrListRE.FindSubmatchIndex(v)
		if m == nil {
			continue
		}
		attrs := parseAttrs(string(v[m[2]:m[3]]))
		for _, k := range []string{"width", "height"} {
			if val := attrs[k]; val != "" && strings.Trim(val, "0123456789") == "" {
				img.SetAttributeString(k, []byte(val))
			}
		}
		next.Segment = seg.WithStart(seg.Start + m[1])
	}
	for _, t := range tables {
		// A {…} line right after the table's rows is read as a last row.
		if row, ok := t.LastChild().(*east.TableRow); ok && row != t.FirstChild() {
			if cell := row.FirstChild(); cell != nil && strings.HasPrefix(strings.TrimSpace(plainText(cell, src)), "{") && attrOnly(plainText(row, src)) {
				t.RemoveChild(t, row)
			}
		}
		if p, ok := t.NextSibling().(*ast.Paragraph); ok && attrOnly(plainText(p, src)) {
			p.Parent().RemoveChild(p.Parent(), p)
		}
	}
}

// itemID gives a list item the id of a {#id} at the end of its text, and
// takes the attribute out of the text.
func itemID(li *ast.ListItem, src []byte) {
	block := li.FirstChild()
	if block == nil {
		return
	}
	last, ok := block.LastChild().(*ast.Text)
	if !ok {
		return
	}
	seg := last.Segment
	v := seg.Value(src)
	m := trailingAttrRE.FindSubmatchIndex(v)
	if m == nil {
		return
	}
	attrs := parseAttrs(string(v[m[2]:m[3]]))
	if attrs["id"] == "" {
		return
	}
	// A task item's {#id} is its checklist id, handled when it is collected.
	if _, isTask := block.FirstChild().(*east.TaskCheckBox); isTask {
		return
	}
	li.SetAttributeString("id", []byte(attrs["id"]))
	last.Segment = seg.WithStop(seg.Start + m[0])
}

func attrOnly(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && !strings.Contains(s[1:len(s)-1], "{")
}

// KindTabs, KindTabPanel and KindShadeBox are the node kinds of the ExL
// structures built from [!BEGINTABS] … [!ENDTABS] and [!BEGINSHADEBOX] …
// [!ENDSHADEBOX] markers.
var (
	KindTabs     = ast.NewNodeKind("Tabs")
	KindTabPanel = ast.NewNodeKind("TabPanel")
	KindShadeBox = ast.NewNodeKind("ShadeBox")
)

// Tabs holds TabPanel children. Unclosed is set when [!ENDTABS] is missing.
type Tabs struct {
	ast.BaseBlock
	Unclosed bool
}

// Kind implements ast.Node.
func (n *Tabs) Kind() ast.NodeKind { return KindTabs }

// Dump implements ast.Node.
func (n *Tabs) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// TabPanel is one tab.
type TabPanel struct {
	ast.BaseBlock
	Title string
}

// Kind implements ast.Node.
func (n *TabPanel) Kind() ast.NodeKind { return KindTabPanel }

// Dump implements ast.Node.
func (n *TabPanel) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Title": n.Title}, nil)
}

// ShadeBox is a titled box. Unclosed is set when [!ENDSHADEBOX] is missing.
type ShadeBox struct {
	ast.BaseBlock
	Title    string
	Unclosed bool
}

// Kind implements ast.Node.
func (n *ShadeBox) Kind() ast.NodeKind { return KindShadeBox }

// Dump implements ast.Node.
func (n *ShadeBox) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Title": n.Title}, nil)
}

// structureTransformer gathers the blocks between begin and end markers
// into Tabs and ShadeBox nodes. Markers are callouts of the kinds in
// structureKinds, already made by the callout transformer.
type structureTransformer struct{}

func (structureTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var parents []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Type() != ast.TypeInline {
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if co, ok := c.(*Callout); ok && (co.exl("begintabs") || co.exl("beginshadebox")) {
					parents = append(parents, n)
					break
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, p := range parents {
		gather(p)
	}
}

// gather rewrites the children of parent.
func gather(parent ast.Node) {
	for c := parent.FirstChild(); c != nil; {
		co, ok := c.(*Callout)
		if !ok || (!co.exl("begintabs") && !co.exl("beginshadebox")) {
			c = c.NextSibling()
			continue
		}
		var box ast.Node
		var panel ast.Node
		endName := "endtabs"
		if co.exl("begintabs") {
			box = &Tabs{Unclosed: true}
		} else {
			box = &ShadeBox{Title: co.Arg, Unclosed: true}
			panel = box
			endName = "endshadebox"
		}
		box.SetPos(co.Pos())
		parent.InsertBefore(parent, co, box)
		moveChildren(panel, co)
		next := co.NextSibling()
		parent.RemoveChild(parent, co)
		for n := next; n != nil; {
			following := n.NextSibling()
			if m, ok := n.(*Callout); ok && m.exl(endName) {
				parent.RemoveChild(parent, n)
				switch b := box.(type) {
				case *Tabs:
					b.Unclosed = false
				case *ShadeBox:
					b.Unclosed = false
				}
				next = following
				break
			}
			if m, ok := n.(*Callout); ok && m.exl("tab") {
				if _, isTabs := box.(*Tabs); isTabs {
					tp := &TabPanel{Title: m.Arg}
					box.AppendChild(box, tp)
					panel = tp
					moveChildren(panel, m)
					parent.RemoveChild(parent, n)
					n, next = following, following
					continue
				}
			}
			parent.RemoveChild(parent, n)
			if panel == nil {
				panel = &TabPanel{}
				box.AppendChild(box, panel)
			}
			panel.AppendChild(panel, n)
			n, next = following, following
		}
		c = next
	}
}

// moveChildren moves the content of a marker callout into dst.
func moveChildren(dst, from ast.Node) {
	if dst == nil {
		return
	}
	for ch := from.FirstChild(); ch != nil; {
		next := ch.NextSibling()
		dst.AppendChild(dst, ch)
		ch = next
	}
}

type structureRenderer struct{}

func (structureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTabs, box("div", "tabs", func(ast.Node) string { return "" }))
	reg.Register(KindTabPanel, box("section", "tab-panel", func(n ast.Node) string { return n.(*TabPanel).Title }))
	reg.Register(KindShadeBox, box("aside", "shadebox", func(n ast.Node) string { return n.(*ShadeBox).Title }))
}

// box renders a structure node as an element of class class, with its
// title (if any) in a paragraph of class "<class>-title" ("tab-title" for
// panels).
func box(tag, class string, title func(ast.Node) string) renderer.NodeRendererFunc {
	titleClass := strings.TrimSuffix(class, "-panel") + "-title"
	return func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</" + tag + ">\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<" + tag + " class=\"" + class + "\">\n")
		if t := title(n); t != "" {
			_, _ = w.WriteString("<p class=\"" + titleClass + "\">" + html.EscapeString(t) + "</p>\n")
		}
		return ast.WalkContinue, nil
	}
}
