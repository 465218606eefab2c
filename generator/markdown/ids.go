package markdown

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/playbookhq/playbook/generator/slugs"
)

// Slugify returns the id for a heading's text (see slugs.ID): Latin,
// Greek and Cyrillic letters transliterated to ASCII (å→a, ä→a, ö→o,
// é→e …), letters of other scripts kept (役割と責任), lower-cased, with
// every run of other characters replaced by one hyphen. Text with nothing
// left becomes "section".
func Slugify(text string) string {
	return cmp.Or(slugs.ID(text), "section")
}

// headingIDs gives each heading of one page a unique id. It satisfies
// goldmark's parser.IDs; goldmark's own generator drops non-ASCII letters.
type headingIDs struct {
	used map[string]bool
	// next is, per base id, the first suffix not yet known to be taken:
	// ids are only ever added, so the suffixes tried for a base before
	// stay taken, and the next heading with that base starts after them.
	// Without it a page of n equal headings probes n²/2 ids.
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate returns a fresh id for value, suffixed -1, -2 … when taken.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	// value is the heading's source: its inline tags count by their text.
	base := Slugify(InlineText(string(value)))
	i := s.next[base]
	id := base
	if i > 0 {
		id = base + "-" + strconv.Itoa(i)
	}
	for s.used[id] {
		i++
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	s.next[base] = i + 1
	return []byte(id)
}

// Put records an id given explicitly with {#id}.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }

// textContent returns a heading's text as the page shows it, which is what
// GitHub and Experience League make heading ids from: the text of its
// code, links, emphasis and inline tags, with escapes and entities
// decoded, and without the alternative text of images or raw HTML.
func textContent(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *InlineTag:
			b.WriteString(c.Value)
		case *ast.Text:
			v := util.UnescapePunctuations(c.Segment.Value(src))
			v = util.ResolveNumericReferences(util.ResolveEntityNames(v))
			b.Write(v)
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
