package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Just the Docs, the Jekyll theme of many handbooks, makes a callout of
// the block under a kramdown attribute list of one class that its site
// names a callout, and titles it with the first paragraph of a quote
// under "{: .note-title }":
//
//	{: .note }              {: .warning-title }
//	A paragraph.            > Before you start
//	                        >
//	                        > A paragraph.
//
// The classes are the site's own (its _config.yml); these are the ones
// the theme's documentation names. No goldmark extension reads them.
var (
	jtdIALRE    = regexp.MustCompile(`^\{:[ \t]*\.([A-Za-z][\w-]*)[ \t]*\}$`)
	jtdCallouts = map[string]bool{"note": true, "tip": true, "important": true, "warning": true, "caution": true, "danger": true, "highlight": true, "new": true}
)

// jtdCallout returns the callout name an attribute list line gives, and
// whether the block gets a title (a "-title" class); "" for another line.
func jtdCallout(line []byte) (name string, titled bool) {
	m := jtdIALRE.FindSubmatch(bytes.TrimSpace(line))
	if m == nil {
		return "", false
	}
	name = strings.ToLower(string(m[1]))
	name, titled = strings.CutSuffix(name, "-title")
	if !jtdCallouts[name] {
		return "", false
	}
	return name, titled
}

// justTheDocs makes Just the Docs' callouts of the blocks outside others
// under such attribute lists: the line on a paragraph's first line makes
// the rest of it a callout; a paragraph of the line alone makes the block
// under it one, a quote under a "-title" class giving its first paragraph
// as the title. attributeTransformer runs it before it drops other
// attribute lines. A page without "{:" is not walked.
func justTheDocs(root ast.Node, src []byte) {
	if !bytes.Contains(src, []byte("{:")) {
		return
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		p, ok := n.(*ast.Paragraph)
		if !ok || p.Lines().Len() == 0 {
			continue
		}
		lines := p.Lines()
		first := lines.At(0)
		name, titled := jtdCallout(first.Value(src))
		switch {
		case name == "" && lines.Len() > 1 && kramdownIAL(first.Value(src)):
			// Other classes of the paragraph, which mean nothing here.
			dropFirstLine(p)
		case name == "":
		case lines.Len() > 1 && !titled:
			// The line, then the text: the rest of the paragraph.
			dropFirstLine(p)
			n = wrapCallout(root, p, name, nil)
		case lines.Len() == 1 && p.NextSibling() != nil:
			b := p.NextSibling()
			root.RemoveChild(root, p)
			var title *ast.Paragraph
			if q, ok := b.(*ast.Blockquote); ok && titled {
				title, _ = q.FirstChild().(*ast.Paragraph)
			}
			n = wrapCallout(root, b, name, title)
		}
	}
}

// wrapCallout puts block b, outside other blocks, in a callout named name
// (a quote's blocks, without the quote), titled with the text of
// paragraph title, taken out of b, if any; it returns the callout.
func wrapCallout(root, b ast.Node, name string, title *ast.Paragraph) *Callout {
	c := newCallout(name)
	c.SetPos(b.Pos())
	root.InsertBefore(root, b, c)
	if title != nil {
		ct := &CalloutTitle{}
		moveChildren(ct, title)
		title.Parent().RemoveChild(title.Parent(), title)
		c.AppendChild(c, ct)
	}
	if q, ok := b.(*ast.Blockquote); ok {
		moveChildren(c, q)
		root.RemoveChild(root, q)
		return c
	}
	c.AppendChild(c, b)
	return c
}

// kramdownIAL reports whether line is a kramdown attribute list alone,
// "{: .fs-6 #intro }".
func kramdownIAL(line []byte) bool {
	v := bytes.TrimSpace(line)
	if len(v) < 3 || !bytes.HasPrefix(v, []byte("{:")) || v[len(v)-1] != '}' || bytes.ContainsAny(v[1:len(v)-1], "{}") {
		return false
	}
	_, ok := parseAttrList(string(v[1 : len(v)-1]))
	return ok
}

// dropFirstLine takes the first line of a paragraph of more, and its
// text, out of it.
func dropFirstLine(p *ast.Paragraph) {
	dropInlinesBefore(p, p.Lines().At(1).Start)
	dropLines(p, 1)
}
