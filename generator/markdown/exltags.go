package markdown

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// This file reads the ExL inline tags with their nesting
// ("[!UICONTROL Enable [!DNL JavaScript] Bundling]"), and renders them in
// text that is not a page body: titles, descriptions and navigation
// labels, as text (InlineText) or as HTML (InlineHTML).

// tagOpenRE matches the opening of an inline tag: "[!DNL ", "[!UICONTROL "
// or "[!BADGE ", in any case.
var tagOpenRE = regexp.MustCompile(`^\[!(?i:(DNL|UICONTROL|BADGE))[ \t]+`)

// brackets are the "[" of part of a source and the "]" that closes each,
// counting nested pairs; "\[" and "\]" do not count. open is sorted.
type brackets struct {
	open, close []int
}

// findBrackets pairs the brackets of s from index from on, in one pass.
// An unclosed "[" gets the close -1.
func findBrackets(s []byte, from int) brackets {
	var b brackets
	var stack []int
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			stack = append(stack, len(b.open))
			b.open = append(b.open, i)
			b.close = append(b.close, -1)
		case ']':
			if n := len(stack); n > 0 {
				b.close[stack[n-1]] = i
				stack = stack[:n-1]
			}
		case '\n':
			// Tags do not span lines: what is open stays unclosed.
			stack = stack[:0]
		}
	}
	return b
}

// closeOf returns the index of the "]" that closes the "[" at i, or -1.
func (b *brackets) closeOf(i int) int {
	k := sort.SearchInts(b.open, i)
	if k < len(b.open) && b.open[k] == i {
		return b.close[k]
	}
	return -1
}

// bracketMemoKey holds a page's *bracketMemo in the parser context.
var bracketMemoKey = parser.NewContextKey()

// bracketMemo holds the bracket pairs of the line being parsed, from the
// first "[" the tag parser was called at to the line's end, in absolute
// offsets of the source: each line is scanned once, however many tags it
// has.
type bracketMemo struct {
	src        []byte
	from, stop int
	pairs      brackets
}

// tagClose returns the index in line of the "]" that closes the "[" at
// index at, counting nested tags, or -1. line and seg are what
// text.Reader.PeekLine returned and src the reader's source.
func tagClose(pc parser.Context, src, line []byte, seg text.Segment, at int) int {
	if seg.Padding != 0 || len(src) == 0 || seg.Stop > len(src) {
		// A padded line is not the source's bytes; pair it directly.
		b := findBrackets(line, 0)
		return b.closeOf(at)
	}
	m, _ := pc.Get(bracketMemoKey).(*bracketMemo)
	if m == nil {
		m = &bracketMemo{}
		pc.Set(bracketMemoKey, m)
	}
	abs := seg.Start + at
	if len(m.src) == 0 || &m.src[0] != &src[0] || m.stop != seg.Stop || abs < m.from {
		m.src, m.from, m.stop = src, seg.Start, seg.Stop
		m.pairs = findBrackets(src[:seg.Stop], seg.Start)
	}
	c := m.pairs.closeOf(abs)
	if c < 0 {
		return -1
	}
	return c - seg.Start
}

// InlineText returns s with the inline tags of the Experience League
// dialect replaced by their text: "Overview of the [!DNL Upgrade Tool]"
// is "Overview of the Upgrade Tool", and a tag used as link text,
// "[[!DNL RabbitMQ]](url)", is "RabbitMQ". Nested tags are read; other
// Markdown is left as it is. It is for text that shows no markup: page
// titles and descriptions, navigation labels, the search index.
func InlineText(s string) string {
	if !strings.Contains(s, "[!") {
		return s
	}
	return renderTags(s, false, false)
}

// InlineHTML returns s escaped as HTML, with its inline tags as the page
// body shows them (<span class="dnl" translate="no">…</span> and so on).
func InlineHTML(s string) string {
	if !strings.Contains(s, "[!") {
		return html.EscapeString(s)
	}
	return renderTags(s, true, true)
}

// tagsInHTML returns raw HTML with its inline tags as spans, for an HTML
// block of a site that lets raw HTML through: ExL tables hold tags in
// their cells.
func tagsInHTML(b []byte) []byte {
	if !bytes.Contains(b, []byte("[!")) {
		return b
	}
	return []byte(renderTags(string(b), true, false))
}

// renderTags writes s with its tags as text or as HTML, in time linear in
// its length; escape escapes the rest of s for HTML.
func renderTags(s string, asHTML, escape bool) string {
	t := &tagRenderer{s: s, asHTML: asHTML, escape: escape, pairs: findBrackets([]byte(s), 0), ends: map[int]string{}, skip: map[int]int{}}
	for i := 0; i < len(s); i++ {
		if end, ok := t.skip[i]; ok {
			t.text(i)
			i, t.last = end-1, end
			continue
		}
		if w, ok := t.ends[i]; ok {
			t.text(i)
			t.b.WriteString(w)
			t.last = i + 1
			continue
		}
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] != '[' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '[' {
			t.linkedTag(i)
			continue
		}
		i = t.tag(i)
	}
	t.text(len(s))
	return t.b.String()
}

// tagRenderer is the state of renderTags.
type tagRenderer struct {
	s              string
	asHTML, escape bool
	pairs          brackets
	// ends maps the index of each tag's "]" to what is written there.
	ends map[int]string
	// skip maps the start of text to leave out to its end.
	skip map[int]int
	b    strings.Builder
	// last is the start of the text not yet written.
	last int
}

// text writes the text from last up to i.
func (t *tagRenderer) text(i int) {
	if t.escape {
		t.b.WriteString(html.EscapeString(t.s[t.last:i]))
	} else {
		t.b.WriteString(t.s[t.last:i])
	}
}

// linkedTag leaves out the link's brackets and destination of a tag used
// as link text, "[[!DNL x]](dest)", whose outer "[" is at i.
func (t *tagRenderer) linkedTag(i int) {
	s := t.s
	if in := t.pairs.closeOf(i + 1); in > 0 && tagOpenRE.MatchString(s[i+1:]) && t.pairs.closeOf(i) == in+1 &&
		in+2 < len(s) && s[in+2] == '(' {
		if p := strings.IndexByte(s[in+2:], ')'); p > 0 {
			t.text(i)
			t.last = i + 1
			t.skip[in+1] = in + 2 + p + 1
		}
	}
}

// tag writes the opening of a tag that starts at i, notes what closes it,
// and returns the index of the last byte of the opening; it returns i
// when no tag starts there.
func (t *tagRenderer) tag(i int) int {
	s := t.s
	m := tagOpenRE.FindStringSubmatchIndex(s[i:])
	if m == nil {
		return i
	}
	c := t.pairs.closeOf(i)
	if c < 0 {
		return i
	}
	t.text(i)
	tag := strings.ToLower(s[i+m[2] : i+m[3]])
	open, closeTag := "", ""
	after := c + 1
	if tag == "badge" {
		if a := attrListRE.FindStringSubmatchIndex(s[after:]); a != nil {
			if t.asHTML {
				attrs := parseAttrs(s[after+a[2] : after+a[3]])
				open = badgeOpen(attrs["type"], attrs["tooltip"])
			}
			t.skip[after] = after + a[1]
		}
	}
	if t.asHTML {
		switch tag {
		case "dnl", "uicontrol":
			open, closeTag = tagSpan(tag)
		case "badge":
			if open == "" {
				open = badgeOpen("", "")
			}
			closeTag = "</span>"
		}
	}
	t.b.WriteString(open)
	t.ends[c] = closeTag
	i = i + m[1] - 1
	t.last = i + 1
	return i
}

// badgeOpen is the opening tag of a badge of a type with a tooltip.
func badgeOpen(typ, tooltip string) string {
	typ = strings.ToLower(typ)
	if typ == "" {
		typ = "neutral"
	}
	out := `<span class="exl-badge exl-badge-` + html.EscapeString(Slugify(typ)) + `"`
	if tooltip != "" {
		out += ` title="` + html.EscapeString(tooltip) + `"`
	}
	return out + ">"
}

// nestedTag matches a tag whose value holds nested tags, line being the
// tag up to its closing "]": the submatches are those of inlineTagRE.
func nestedTag(line []byte) []int {
	m := tagOpenRE.FindSubmatchIndex(line)
	if m == nil || line[len(line)-1] != ']' {
		return nil
	}
	return []int{0, len(line), m[2], m[3], m[1], len(line) - 1}
}

// tagHTML is the HTML of an inline tag node without markup: one without
// children, or one whose children are plain text (see InlineTag), written
// from its source src.
func tagHTML(n *InlineTag, src []byte) string {
	t := html.EscapeString(n.Value)
	switch {
	case n.inner:
		t = InlineHTML(strings.TrimSpace(string(n.content.Value(src))))
	case n.Raw != "":
		t = InlineHTML(n.Raw)
	}
	if n.Tag == "badge" {
		return badgeOpen(n.BadgeType, n.Tooltip) + t + `</span>`
	}
	open, closeTag := tagSpan(n.Tag)
	return open + t + closeTag
}

// tagSpan returns the HTML that opens and closes a [!DNL …] or
// [!UICONTROL …] tag, or "" for other tags.
func tagSpan(tag string) (open, closeTag string) {
	switch tag {
	case "dnl":
		return `<span class="dnl" translate="no">`, "</span>"
	case "uicontrol":
		return `<span class="uicontrol">`, "</span>"
	}
	return "", ""
}

// dropComments returns b without its HTML comments ("<!-- … -->"): they
// are notes to the page's authors, left out in both the safe and the
// unsafe mode. A comment that is never closed runs to the end.
func dropComments(b []byte) []byte { return stripComments(b, false) }

// dropCommentsKeepLines is dropComments that keeps the line ends of the
// comments, so that what follows one stays on its line.
func dropCommentsKeepLines(b []byte) []byte { return stripComments(b, true) }

func stripComments(b []byte, keepLines bool) []byte {
	i := bytes.Index(b, []byte("<!--"))
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i >= 0 {
		out = append(out, b[:i]...)
		rest := b[i+4:]
		end := len(rest)
		switch {
		case bytes.HasPrefix(rest, []byte(">")):
			end = 1
		case bytes.HasPrefix(rest, []byte("->")):
			end = 2
		default:
			if e := bytes.Index(rest, []byte("-->")); e >= 0 {
				end = e + 3
			}
		}
		if keepLines {
			out = append(out, bytes.Repeat([]byte("\n"), bytes.Count(rest[:end], []byte("\n")))...)
		}
		b = rest[end:]
		i = bytes.Index(b, []byte("<!--"))
	}
	return append(out, b...)
}

// isComment reports whether n is an HTML block of comments only, which
// the page leaves out.
func isComment(n ast.Node, src []byte) bool {
	h, ok := n.(*ast.HTMLBlock)
	return ok && len(bytes.TrimSpace(dropComments(htmlBlockSource(h, src)))) == 0
}
