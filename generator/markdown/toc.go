package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// hideMarker starts the text of a TOC item that Experience League leaves
// out of its navigation.
const hideMarker = "{hide-from-toc}"

// TOCEntry is an item of a navigation file (an Experience League TOC.md):
// a link to a page, or a group title, with nested entries.
type TOCEntry struct {
	Title    string
	Dest     string
	Children []TOCEntry
	// Line and Col are where the entry's text starts in the body, 1-based.
	Line, Col int
	// Part marks a group that a heading makes (GitBook's "## Company",
	// mdBook's "# Part"), rather than a list item without a link.
	Part bool
	// Hidden marks an item written with Experience League's
	// {hide-from-toc}: its page is the TOC's, and the navigation does not
	// show it.
	Hidden bool
}

// TOCFile is what ParseTOC reads from a navigation file.
type TOCFile struct {
	Entries []TOCEntry
	// DeepLine and Deep say where and what nests deeper than a page may
	// (see tooDeep); the file then has no entries.
	DeepLine int
	Deep     string
	// ProseLine is the line of the first block that a navigation file
	// does not hold, or 0: a paragraph of text, a code block, a table, a
	// quote. A block with no text of its own (an empty code block) is
	// placed on the first line that holds more than space after the text
	// before it. mdBook refuses a SUMMARY.md with one; playbook reads such a
	// file as a page (Experience League's summary.md about a "Summary"
	// tab).
	ProseLine int
}

// ParseTOC reads the nested lists of a navigation file's body: an
// Experience League TOC.md, or the SUMMARY.md of GitBook or mdBook. Each
// list item's first link gives its title and destination; an item without
// a link is a group. A heading that opens the file is its title, and
// left out; a later one (GitBook's "## Company", mdBook's "# Part") is a
// group of the lists up to the next (or up to a --- rule), and each link
// of a paragraph of links alone (mdBook's chapters before and after the
// parts, one a line) an entry. {#id} attributes on items are ignored.
func (c *Converter) ParseTOC(body []byte) TOCFile {
	var f TOCFile
	if line, what := tooDeep(body); line > 0 {
		f.DeepLine, f.Deep = line, fmt.Sprintf("%s nested more than %d levels deep; flatten the structure", what, maxDepth)
		return f
	}
	root := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext(parser.WithIDs(newHeadingIDs()))))
	t := tocParse{src: body, lines: lineStarts(body)}
	group := -1 // the index of the heading's group in entries, or -1
	add := func(es ...TOCEntry) {
		if group >= 0 {
			f.Entries[group].Children = append(f.Entries[group].Children, es...)
		} else {
			f.Entries = append(f.Entries, es...)
		}
	}
	prose := func(n ast.Node) {
		if f.ProseLine == 0 {
			f.ProseLine, _ = t.at(n)
		}
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.List:
			add(t.list(n)...)
		case *ast.Heading:
			if n == root.FirstChild() {
				continue
			}
			e := TOCEntry{Title: trailingAttrRE.ReplaceAllString(plainText(n, body), ""), Part: true}
			if group = -1; e.Title == "" {
				continue // "#" alone ends a group, and shows nothing
			}
			e.Line, e.Col = t.at(n)
			f.Entries = append(f.Entries, e)
			group = len(f.Entries) - 1
		case *ast.Paragraph:
			links, ok := t.linksAlone(n, nil)
			if !ok {
				prose(n)
				continue
			}
			t.addLinks(links, n, add)
		case *ast.ThematicBreak:
			group = -1 // mdBook's chapters after the parts
		case *ast.LinkReferenceDefinition:
			// "[s]: setup.md", for entries written "[Setup][s]".
		case *ast.HTMLBlock:
			if n.HTMLBlockType != ast.HTMLBlockType2 { // not a comment
				prose(n)
			}
		default:
			prose(n)
		}
	}
	return f
}

// linksAlone appends to links the links of n, a paragraph or an emphasis
// in one, and reports whether n holds nothing else but spaces and line
// breaks.
func (t tocParse) linksAlone(n ast.Node, links []*ast.Link) ([]*ast.Link, bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Link:
			links = append(links, c)
		case *ast.Emphasis:
			var ok bool
			if links, ok = t.linksAlone(c, links); !ok {
				return nil, false
			}
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(t.src))) > 0 {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return links, len(links) > 0
}

// linkEntry returns the entry of the first link in n, or a zero entry.
func (t tocParse) linkEntry(n ast.Node) TOCEntry {
	var e TOCEntry
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if link, ok := c.(*ast.Link); ok && entering {
			e, _ = t.entry(link, n)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return e
}

// entry returns the entry of link, written in block n: placed at the link's
// "[", whose offset it returns, or at n when the link has no text to place
// it by (open is -1).
func (t tocParse) entry(link *ast.Link, n ast.Node) (e TOCEntry, open int) {
	e = TOCEntry{Dest: string(link.Destination), Title: plainText(link, t.src)}
	e.Line, e.Col = t.at(n)
	open = t.bracket(link)
	if open >= 0 {
		e.Line, e.Col = t.atOffset(open)
	}
	return e, open
}

// addLinks adds the entries of links, the links alone in paragraph n. A
// link with nothing for bracket to find it by ("[](x.md)", "[![](i.png)](x.md)")
// is placed at the first "[" after the link before it, past spaces and
// emphasis marks: the space between two links is a text node, which
// starts where the link before it ends. Each is looked for after the "["
// of the one before.
func (t tocParse) addLinks(links []*ast.Link, n ast.Node, add func(...TOCEntry)) {
	lines := n.Lines()
	from, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	for _, link := range links {
		e, open := t.entry(link, n)
		if open < 0 {
			open = t.skip(from, stop, " \t\r\n*_~")
			if open >= stop || t.src[open] != '[' {
				open = -1
				if i := bytes.Index(t.src[min(from, stop):stop], []byte("[](")); i >= 0 {
					open = from + i
				}
			}
			if open >= 0 {
				e.Line, e.Col = t.atOffset(open)
			}
		}
		if next, ok := link.NextSibling().(*ast.Text); ok {
			from = next.Segment.Start
		} else if end := t.textEnd(link); end >= 0 {
			from = end
		}
		if open >= 0 {
			// A link with no text of its own ("[<b></b>](x.md)") moves
			// from on by nothing above.
			from = max(from, open+1)
		}
		add(e)
	}
}

// textEnd returns the offset after the last text in link, or -1 when it
// has none.
func (t tocParse) textEnd(link *ast.Link) int {
	end := -1
	_ = ast.Walk(link, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := c.(*ast.Text); ok && entering {
			end = c.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	return end
}

// bracket returns the offset of the "[" that opens link, or -1. goldmark
// keeps no position for a link, but does for the text in it: the "[" is
// the first of the run of "[", "!", emphasis and code marks before the
// link's first text ("[**Bold**]", "[![logo]", "[`code`]").
func (t tocParse) bracket(link *ast.Link) int {
	start := -1
	_ = ast.Walk(link, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *ast.Text:
			start = c.Segment.Start
		case *ast.RawHTML:
			if c.Segments.Len() > 0 {
				start = c.Segments.At(0).Start
			}
		}
		if start >= 0 {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	open := -1
	for i := start - 1; i >= 0 && strings.IndexByte("[!*_~`", t.src[i]) >= 0; i-- {
		if t.src[i] == '[' {
			open = i
		}
	}
	return open
}

// tocParse is a navigation file's body as ParseTOC reads it.
type tocParse struct {
	src   []byte
	lines []int32 // where each line starts
}

// at returns the line and column at which block n's text starts.
func (t tocParse) at(n ast.Node) (line, col int) {
	b := n
	for b != nil && b.Lines().Len() == 0 {
		b = b.FirstChild() // a quote or list: its first block's
	}
	if b != nil {
		return t.atOffset(b.Lines().At(0).Start)
	}
	// A block with no text ("#", "***", an empty fence) starts on the
	// first line that holds more than space after the block before it.
	off := 0
	for p := n; p != nil && off == 0; p = p.Parent() {
		off = lastStop(p.PreviousSibling())
	}
	off = t.skip(off, len(t.src), " \t\r\n")
	return t.atOffset(min(off, max(len(t.src)-1, 0)))
}

// skip returns the offset of the first byte from off, before stop, that is
// not in set, or stop.
func (t tocParse) skip(off, stop int, set string) int {
	for off < stop && strings.IndexByte(set, t.src[off]) >= 0 {
		off++
	}
	return off
}

// lastStop returns the offset after the last line of text in block n or
// the blocks before it, or 0.
func lastStop(n ast.Node) int {
	for ; n != nil; n = n.PreviousSibling() {
		c := n.LastChild()
		if l := n.Lines(); l.Len() > 0 && (c == nil || c.Type() != ast.TypeBlock) {
			return l.At(l.Len() - 1).Stop
		}
		if c != nil && c.Type() == ast.TypeBlock {
			if stop := lastStop(c); stop > 0 {
				return stop
			}
		}
	}
	return 0
}

// atOffset returns the line and column of a byte offset in the body.
func (t tocParse) atOffset(off int) (line, col int) {
	i, found := slices.BinarySearch(t.lines, int32(off))
	if !found {
		i--
	}
	return i + 1, off - int(t.lines[i]) + 1
}

func (t tocParse) list(l *ast.List) []TOCEntry {
	src := t.src
	var out []TOCEntry
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		var e TOCEntry
		for b := item.FirstChild(); b != nil; b = b.NextSibling() {
			switch b := b.(type) {
			case *ast.List:
				e.Children = append(e.Children, t.list(b)...)
			default:
				if e.Title != "" || e.Dest != "" {
					continue
				}
				text := strings.TrimSpace(plainText(b, src))
				text, e.Hidden = strings.CutPrefix(text, hideMarker)
				if l := t.linkEntry(b); l.Dest != "" {
					e.Dest, e.Title, e.Line, e.Col = l.Dest, l.Title, l.Line, l.Col
				} else if e.Title = strings.TrimSpace(trailingAttrRE.ReplaceAllString(text, "")); e.Title != "" {
					e.Line, e.Col = t.at(b)
				}
			}
		}
		switch {
		case e.Title == "" && e.Dest == "" && len(e.Children) == 0:
			continue // "-" or "- ***" alone: nothing to show
		case e.Line == 0: // an item holding a list alone
			e.Line, e.Col = e.Children[0].Line, e.Children[0].Col
		}
		out = append(out, e)
	}
	return out
}
