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
//
// The text of a [!DNL …] or [!UICONTROL …] tag is inline Markdown, held
// as the tag's children (see tagspan.go), and Value is "". A badge, a
// tag used as link text ("[[!DNL x]](url)") and a tag without the "]"
// that pairs with its "[" have no children: Value is their text.
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
	// inner is set on a tag whose text is its children, and content is
	// where that text is in the source. markup is set when the text is
	// more than plain text: the tag is then written with its children,
	// else from its source as a tag without children is.
	inner   bool
	markup  bool
	content text.Segment
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
// It is called at every "[" of a page, and at every "]", which may close
// a tag whose text it left to the other inline parsers (see tagspan.go).
// A tag's value and a linked tag's
// destination run to the next "]" or ")" of the line, so a line of n
// unclosed tags ("[!DNL x[!DNL x…") would be scanned to its end n times:
// the scans go through a scanMemo, and the patterns run on the line only
// up to where a match would end.
type inlineTagParser struct{}

func (inlineTagParser) Trigger() []byte { return []byte{'[', ']'} }

func (inlineTagParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) > 0 && line[0] == ']' {
		return closeTagSpan(parent, block, pc)
	}
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
		return linkedTag(line, seg, close, block, memo)
	}
	nested := tagClose(pc, block.Source(), line, seg, 0)
	if nested >= 0 {
		if open := openTagSpan(line[:nested+1], seg, nested, block, pc); open != nil {
			return open
		}
	}
	m := inlineTagRE.FindSubmatchIndex(line[:close+1])
	if nested > close {
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

// linkedTag reads a tag used as link text at the start of line,
// [[!DNL x]](dest "title"), whose inner "]" is at index close, and returns
// the link; nil when there is none.
func linkedTag(line []byte, seg text.Segment, close int, block text.Reader, memo *scanMemos) ast.Node {
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
	reg.Register(KindInlineTag, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*InlineTag)
		if n.markup {
			open, closeTag := tagSpan(n.Tag)
			if entering {
				_, _ = w.WriteString(open)
			} else {
				_, _ = w.WriteString(closeTag)
			}
			return ast.WalkContinue, nil
		}
		if entering {
			_, _ = w.WriteString(tagHTML(n, src))
		}
		return ast.WalkSkipChildren, nil
	})
}

// attributeTransformer applies or removes attribute lists, as Experience
// League, kramdown (Jekyll) and Python-Markdown's attr_list (MkDocs) write
// them: {#id} at the end of a list item gives the item an id;
// {width="600"} after an image sets its width and height; {:target="_blank"}
// after a link sets its target and rel; {: #id} after a heading gives it
// that id ({#id} goldmark reads itself); a {…} line after a table is
// dropped. Other attributes are dropped with their list: inline styles are
// not emitted, so the page stays valid under a strict CSP, and a theme's
// classes mean nothing here.
type attributeTransformer struct{}

var trailingAttrRE = regexp.MustCompile(`\s*\{([^{}\n]*)\}\s*$`)

func (attributeTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	justTheDocs(doc, src)
	var items []*ast.ListItem
	var images []*ast.Image
	var links []*ast.Link
	var headings []*ast.Heading
	var paras []*ast.Paragraph
	var tables []*east.Table
	var spans []ast.Node // raw HTML, emphasis and code, for kramdown's span lists
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.ListItem:
			items = append(items, n)
		case *ast.Image:
			images = append(images, n)
		case *ast.Link:
			links = append(links, n)
		case *ast.Paragraph:
			paras = append(paras, n)
		case *east.Table:
			tables = append(tables, n)
		case *ast.RawHTML, *ast.Emphasis, *ast.CodeSpan:
			spans = append(spans, n)
		case *ast.Heading:
			headings = append(headings, n)
			// One over lines has its id made again (headingIDs.redo).
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
		attrs := takeAttrList(img, src, nil)
		for _, k := range []string{"width", "height"} {
			if val := attrs[k]; val != "" && strings.Trim(val, "0123456789") == "" {
				img.SetAttributeString(k, []byte(val))
			}
		}
	}
	for _, l := range links {
		attrs := takeAttrList(l, src, htmlAttrs)
		if t := attrs["target"]; t != "" && strings.Trim(t, "_abcdefghijklmnopqrstuvwxyz") == "" {
			l.SetAttributeString("target", []byte(t))
		}
		if rel := attrs["rel"]; rel != "" {
			l.SetAttributeString("rel", []byte(rel))
		}
	}
	dropSpanAttrs(spans, src)
	for i, h := range headings {
		headingAttrs(h, i, src, pc)
	}
	for _, p := range paras {
		dropAttrLine(p, src)
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

// dropSpanAttrs drops kramdown's span attribute lists right after the
// elements spans: <span>New</span>{: .label }. Their classes mean nothing
// here.
func dropSpanAttrs(spans []ast.Node, src []byte) {
	for _, n := range spans {
		if t, ok := n.NextSibling().(*ast.Text); ok && bytes.HasPrefix(src[t.Segment.Start:], []byte("{:")) {
			takeAttrList(n, src, nil)
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

// takeAttrList removes an attribute list that follows n on its line (in
// the text nodes after it, which autolinking may have split at spaces) and
// returns its attributes; nil when none follows, or when the braces hold
// something other than attributes or attributes keep (when set) refuses,
// which then stay as text.
func takeAttrList(n ast.Node, src []byte, keep func(map[string]string) bool) map[string]string {
	first, ok := n.NextSibling().(*ast.Text)
	if !ok {
		return nil
	}
	start := first.Segment.Start
	if start >= len(src) || src[start] != '{' {
		return nil // most links and images: no list, and no scan of the line
	}
	line := src[start:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	m := attrListRE.FindSubmatchIndex(line)
	if m == nil {
		return nil
	}
	attrs, ok := parseAttrList(string(line[m[2]:m[3]]))
	if !ok || keep != nil && !keep(attrs) {
		return nil
	}
	// The list must be the text of the nodes it spans, one after the
	// other in the source; the last may go on past it.
	end := start + m[1]
	var spanned []*ast.Text
	for c, at := ast.Node(first), start; at < end; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || t.Segment.Start != at {
			return nil
		}
		spanned, at = append(spanned, t), t.Segment.Stop
	}
	for _, t := range spanned {
		if t.Segment.Stop <= end && !t.SoftLineBreak() && !t.HardLineBreak() {
			t.Parent().RemoveChild(t.Parent(), t)
		} else {
			t.Segment = t.Segment.WithStart(min(end, t.Segment.Stop))
		}
	}
	return attrs
}

// attrTokenRE is one attribute of a list: #id, .class or key=value, the
// value quoted or bare.
var attrTokenRE = regexp.MustCompile(`^\s*(?:#([^\s#.{}]+)|\.([^\s#.{}]+)|([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+)))`)

// parseAttrList reads the inside of an attribute list, after kramdown's
// optional ":": #id, .class and key=value, keys lower-cased. It reports
// false when anything else is there, or nothing.
func parseAttrList(s string) (map[string]string, bool) {
	s = strings.TrimPrefix(s, ":")
	out := map[string]string{}
	var classes []string
	for strings.TrimSpace(s) != "" {
		m := attrTokenRE.FindStringSubmatchIndex(s)
		if m == nil {
			return nil, false
		}
		part := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		switch {
		case m[2] >= 0:
			out["id"] = part(1)
		case m[4] >= 0:
			classes = append(classes, part(2))
		default:
			out[strings.ToLower(part(3))] = part(4) + part(5) + part(6)
		}
		s = s[m[1]:]
	}
	if len(classes) > 0 {
		out["class"] = strings.Join(classes, " ")
	}
	return out, len(out) > 0
}

// blockAttrKeys are the keys a line of its own may hold to be read as a
// block's attribute list: HTML's own, which a line of text such as
// {limit=10} is not.
var blockAttrKeys = map[string]bool{"id": true, "class": true, "style": true, "width": true, "height": true, "align": true,
	"title": true, "lang": true, "dir": true, "target": true, "rel": true, "alt": true, "role": true}

// htmlAttrs reports whether every key of attrs is one of blockAttrKeys or
// a data- or aria- attribute.
func htmlAttrs(attrs map[string]string) bool {
	for k := range attrs {
		if !blockAttrKeys[k] && !strings.HasPrefix(k, "data-") && !strings.HasPrefix(k, "aria-") {
			return false
		}
	}
	return true
}

// headingAttrs applies a kramdown attribute list, {: #id} or {:#id}, at the
// end of the i-th heading of a page: the heading takes its id, or, when it
// names none, gets its id again from its text without the list, and the
// list leaves the text.
func headingAttrs(h *ast.Heading, i int, src []byte, pc parser.Context) {
	lines := h.Lines()
	if lines.Len() == 0 {
		return
	}
	seg := lines.At(lines.Len() - 1)
	v := seg.Value(src)
	m := trailingAttrRE.FindSubmatchIndex(v)
	if m == nil || !strings.HasPrefix(string(v[m[2]:m[3]]), ":") || escaped(v, m[2]-1) {
		return
	}
	attrs, ok := parseAttrList(string(v[m[2]:m[3]]))
	ids, isOurs := pc.IDs().(*headingIDs)
	if !ok || !isOurs {
		return
	}
	// The list is the text of the heading's last nodes, which the
	// inline parsers may have split (at "#", at spaces).
	start, end := seg.Start+m[0], seg.Start+len(bytes.TrimRight(v, " \t\r\n"))
	var spanned []*ast.Text
	for c, at := h.LastChild(), seg.Stop; at > start; c = c.PreviousSibling() {
		t, ok := c.(*ast.Text)
		// The last node may stop before the line's trailing spaces.
		if !ok || t.Segment.Stop > at || t.Segment.Stop < min(at, end) {
			return
		}
		spanned, at = append(spanned, t), t.Segment.Start
	}
	for _, t := range spanned {
		if t.Segment.Start >= start {
			h.RemoveChild(h, t)
		} else {
			t.Segment = t.Segment.WithStop(start)
		}
	}
	ids.retext(i, attrs["id"], strings.TrimSpace(string(v[m[0]:])), h)
}

// dropAttrLine removes a line that holds only an attribute list at the
// end of a paragraph, and a paragraph that is only that line: Hugo's block
// attributes and kramdown's block IAL, written under an image, a
// paragraph or a heading ({.h3}, {style="max-width: 50%"}). The block
// keeps no attribute from it (no inline styles, no theme classes).
func dropAttrLine(p *ast.Paragraph, src []byte) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	seg := lines.At(lines.Len() - 1)
	v := bytes.TrimSpace(seg.Value(src))
	if len(v) < 2 || v[0] != '{' || v[len(v)-1] != '}' || bytes.ContainsAny(v[1:len(v)-1], "{}") {
		return
	}
	if attrs, ok := parseAttrList(string(v[1 : len(v)-1])); !ok || !htmlAttrs(attrs) {
		return
	}
	if lines.Len() == 1 && p.Parent() != nil && p.Parent().Kind() != ast.KindDocument && p.Parent().ChildCount() == 1 {
		return // alone in a quote or a list item, which would be left empty
	}
	// The line's nodes are text alone, the first at its start; the node
	// before them ends the line above.
	lineStart := seg.Start + len(seg.Value(src)) - len(bytes.TrimLeft(seg.Value(src), " \t"))
	var on []ast.Node
	c := p.LastChild()
	for ; c != nil; c = c.PreviousSibling() {
		t, isText := c.(*ast.Text)
		if !isText || t.Segment.Start < seg.Start {
			break
		}
		on = append(on, c)
	}
	if len(on) == 0 || on[len(on)-1].(*ast.Text).Segment.Start != lineStart {
		return
	}
	if t, isText := c.(*ast.Text); isText {
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
	}
	for _, c := range on {
		p.RemoveChild(p, c)
	}
	if p.ChildCount() == 0 {
		p.Parent().RemoveChild(p.Parent(), p)
	}
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
	// ID is the id of an MkDocs content tab, as pymdownx.tabbed names
	// its tabs ("__tabbed_1_2", the page's first group's second tab), or
	// "" for Experience League's tabs.
	ID string
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
	none := func(ast.Node) string { return "" }
	reg.Register(KindTabs, box("div", "tabs", none, none))
	reg.Register(KindTabPanel, box("section", "tab-panel", func(n ast.Node) string { return n.(*TabPanel).Title }, func(n ast.Node) string { return n.(*TabPanel).ID }))
	reg.Register(KindShadeBox, box("aside", "shadebox", func(n ast.Node) string { return n.(*ShadeBox).Title }, none))
}

// box renders a structure node as an element of class class, with its id
// (if any), and its title (if any) in a paragraph of class
// "<class>-title" ("tab-title" for panels).
func box(tag, class string, title, id func(ast.Node) string) renderer.NodeRendererFunc {
	titleClass := strings.TrimSuffix(class, "-panel") + "-title"
	return func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</" + tag + ">\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<" + tag + " class=\"" + class + "\"")
		if v := id(n); v != "" {
			_, _ = w.WriteString(" id=\"" + html.EscapeString(v) + "\"")
		}
		_, _ = w.WriteString(">\n")
		if t := title(n); t != "" {
			_, _ = w.WriteString("<p class=\"" + titleClass + "\">" + html.EscapeString(t) + "</p>\n")
		}
		return ast.WalkContinue, nil
	}
}
