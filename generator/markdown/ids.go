package markdown

import (
	"bytes"
	"cmp"
	"strconv"
	"strings"

	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"

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
	// made says, per heading in the order goldmark named them, whether
	// Generate made its id (else Put recorded one given with {#id});
	// bracket is set when a generated id's source held a "[" or a "<",
	// which may start a link (jsxLinkTransformer's "<Link") or raw HTML,
	// whose tags and comments the id leaves out.
	made    []bool
	bracket bool
	// setext is set when a heading runs over lines (setext), whose id
	// goldmark made from its last line alone (attributeTransformer).
	setext bool
	// lists holds, by heading, the attribute list its text lost after its
	// id was made, as written: such a heading gets its id again from the
	// text shown, or has the one the list gave it.
	lists map[int]string
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
	// value is the heading's source: its inline tags count by their text,
	// its entities by the characters they stand for ("&amp;" is "&").
	if bytes.IndexByte(value, '&') >= 0 {
		value = util.ResolveNumericReferences(util.ResolveEntityNames(value))
	}
	// and its escapes by the characters they escape ("MON\_ENV" is
	// MON_ENV, as GitHub reads it).
	if bytes.IndexByte(value, '\\') >= 0 {
		value = util.UnescapePunctuations(value)
	}
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
	s.made = append(s.made, true)
	s.bracket = s.bracket || bytes.ContainsAny(value, "[<")
	s.next[base] = i + 1
	return []byte(id)
}

// retext records that the i-th heading of the page, h, lost an attribute
// list from its text: it has id when the list gave one, else it is named
// again from its text by redo.
func (s *headingIDs) retext(i int, id, list string, h *ast.Heading) {
	if i >= len(s.made) {
		return
	}
	if s.lists == nil {
		s.lists = map[int]string{}
	}
	s.lists[i] = list
	if id != "" {
		h.SetAttributeString("id", []byte(id))
		s.made[i] = false
	}
}

// redo makes the page's heading ids again once its headings' inline
// content is parsed, when a heading's generated id was made from a source
// holding links, images or raw HTML, or from the last of its lines: goldmark
// generates ids before it parses links, from the heading's source, so
// "## [Roles](roles.md)" got "roles-roles-md", and from a setext
// heading's last line alone, and "## Date <!-- md:x -->" got
// "date-md-x". Each such heading now gets its id from the text the page
// shows, as on GitHub ("roles", "date"); the others are made as
// before, in the same order, so a page without such headings keeps its
// ids.
func (s *headingIDs) redo(root ast.Node, src []byte) {
	if !s.bracket && !s.setext && len(s.lists) == 0 {
		return
	}
	var hs []*ast.Heading
	var shown []bool // per heading: its id is made from the text shown
	need := false
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		_, retold := s.lists[len(hs)]
		l := hasLinksOrHTML(h) || h.Lines().Len() > 1 || retold
		need = need || retold || l && len(hs) < len(s.made) && s.made[len(hs)]
		hs, shown = append(hs, h), append(shown, l)
		return ast.WalkSkipChildren, nil
	})
	// Goldmark names the headings in document order; should it not, the
	// ids stay as they are.
	if !need || len(hs) != len(s.made) {
		return
	}
	fresh := newHeadingIDs()
	for i, h := range hs {
		if !s.made[i] {
			v, _ := h.AttributeString("id")
			b, _ := v.([]byte)
			fresh.Put(b)
			continue
		}
		var value []byte
		if shown[i] {
			value = []byte(textContent(h, src))
		} else if lines := h.Lines(); lines.Len() > 0 {
			last := lines.At(lines.Len() - 1)
			value = last.Value(src) // as goldmark does
		}
		h.SetAttributeString("id", fresh.Generate(value, ast.KindHeading))
	}
	fresh.lists = s.lists
	*s = *fresh
}

// hasLinksOrHTML reports whether a heading holds a link, an image, a
// wikilink or raw HTML.
func hasLinksOrHTML(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c.(type) {
		case *ast.Link, *ast.Image, *wikilink.Node, *ast.RawHTML:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// Put records an id given explicitly with {#id}.
func (s *headingIDs) Put(value []byte) {
	s.used[string(value)] = true
	s.made = append(s.made, false)
}

// textContent returns a heading's text as GitHub and Experience League
// make heading ids from it: as the page shows it, without the alternative
// text of images, and with emoji as their shortcodes (GitHub gives
// "## :rocket: Go" the id "rocket-go").
func textContent(n ast.Node, src []byte) string {
	return inlineText(n, src, textOpts{shortcodes: true})
}

// textOpts says what inlineText makes of images, emoji and raw HTML.
type textOpts struct {
	// alt keeps the alternative text of images; shortcodes writes emoji
	// as their shortcodes (":tada:") rather than the characters the page
	// shows; rawHTML keeps raw HTML as the text it is, without comments,
	// as a title shows it.
	alt, shortcodes, rawHTML bool
}

// inlineText returns the text of n's inline content: the text of its
// code, links (autolinks' addresses too), emphasis and inline tags, with
// escapes and entities decoded, and as o says, its images, emoji and raw
// HTML (else none).
func inlineText(n ast.Node, src []byte, o textOpts) string {
	alt, shortcodes := o.alt, o.shortcodes
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Image:
			if !alt {
				return ast.WalkSkipChildren, nil
			}
		case *ast.RawHTML:
			if o.rawHTML {
				b.Write(dropComments(c.Segments.Value(src)))
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			writeCode(&b, c, src)
			return ast.WalkSkipChildren, nil
		case *MathInline:
			b.Write(bytes.TrimSpace(c.TeX.Value(src)))
		case *InlineTag:
			b.WriteString(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.Text:
			b.Write(textValue(c, src))
			if c.SoftLineBreak() && alt {
				b.WriteByte(' ')
			} else if c.SoftLineBreak() {
				b.WriteByte('\n') // in the heading's text: GitHub's id drops it
			}
		case *ast.String:
			b.Write(c.Value)
		case *emojiast.Emoji:
			if shortcodes {
				b.WriteString(":" + string(c.ShortName) + ":")
			} else {
				b.WriteString(emojiText(c))
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// emojiText returns the characters an emoji shortcode shows, or the
// shortcode itself for one that has none.
func emojiText(e *emojiast.Emoji) string {
	if e.Value.IsUnicode() {
		return string(e.Value.Unicode)
	}
	return ":" + string(e.ShortName) + ":"
}

// textValue returns the text a text node shows: its source with backslash
// escapes and entities decoded ("1\\. Fish &amp; Chips" shows "1. Fish &
// Chips").
func textValue(t *ast.Text, src []byte) []byte {
	v := t.Segment.Value(src)
	if bytes.IndexByte(v, '\\') >= 0 {
		v = util.UnescapePunctuations(v)
	}
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveNumericReferences(util.ResolveEntityNames(v))
	}
	return v
}

// writeCode writes the text of a code span as written: code decodes
// neither escapes nor entities.
func writeCode(b *strings.Builder, c *ast.CodeSpan, src []byte) {
	for t := c.FirstChild(); t != nil; t = t.NextSibling() {
		if t, ok := t.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		}
	}
}
