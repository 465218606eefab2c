package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// contentTabTransformer gathers MkDocs content tabs (=== "Title", read by
// admonitionParser as callouts of the form formTab) into the Tabs and
// TabPanel nodes of Experience League's tabs, so that both render alike:
// tabs that follow one another are one group, and a tab written ===!
// starts a new one, as in pymdownx.tabbed.
type contentTabTransformer struct{}

// tabsKey is set in a page's parser context once a content tab opens, so
// that pages without one are not walked again.
var tabsKey = parser.NewContextKey()

func (contentTabTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	if pc.Get(tabsKey) == nil {
		return
	}
	var tabs []*Callout
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*Callout); ok && entering && c.fence.form == formTab {
			tabs = append(tabs, c)
		}
		return ast.WalkContinue, nil
	})
	var group *Tabs
	groups, n := 0, 0
	for _, c := range tabs {
		parent := c.Parent()
		prev, _ := c.PreviousSibling().(*Tabs)
		if prev == nil || prev != group || c.fence.newGroup {
			group = &Tabs{}
			group.SetPos(c.Pos())
			parent.InsertBefore(parent, c, group)
			groups, n = groups+1, 0
		}
		n++
		// pymdownx.tabbed's ids, which links to a tab use.
		panel := &TabPanel{ID: fmt.Sprintf("__tabbed_%d_%d", groups, n)}
		if t, ok := c.FirstChild().(*CalloutTitle); ok {
			t.tab = true // its title, rendered as Experience League's
		}
		moveChildren(panel, c)
		group.AppendChild(group, panel)
		parent.RemoveChild(parent, c)
	}
}
