package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TOCEntry is an item of a navigation file (an Experience League TOC.md):
// a link to a page, or a group title, with nested entries.
type TOCEntry struct {
	Title    string
	Dest     string
	Children []TOCEntry
}

// ParseTOC reads the nested lists of a TOC.md body. Each list item's first
// link gives its title and destination; an item without a link is a group.
// {#id} attributes on items are ignored.
func (c *Converter) ParseTOC(body []byte) []TOCEntry {
	root := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext(parser.WithIDs(newHeadingIDs()))))
	var entries []TOCEntry
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if l, ok := n.(*ast.List); ok {
			entries = append(entries, tocList(l, body)...)
		}
	}
	return entries
}

func tocList(l *ast.List, src []byte) []TOCEntry {
	var out []TOCEntry
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		var e TOCEntry
		for b := item.FirstChild(); b != nil; b = b.NextSibling() {
			switch b := b.(type) {
			case *ast.List:
				e.Children = append(e.Children, tocList(b, src)...)
			default:
				if e.Title != "" {
					continue
				}
				_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
					if link, ok := n.(*ast.Link); ok && entering && e.Dest == "" {
						e.Dest = string(link.Destination)
						e.Title = plainText(link, src)
						return ast.WalkStop, nil
					}
					return ast.WalkContinue, nil
				})
				if e.Title == "" {
					e.Title = trailingAttrRE.ReplaceAllString(plainText(b, src), "")
				}
			}
		}
		out = append(out, e)
	}
	return out
}
