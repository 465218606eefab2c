package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
)

// Template syntax shown as text. Hugo and Liquid run before Markdown, on
// the whole file, code included, and each has a way of showing its own
// syntax on a page: Hugo's escaped shortcode, {{</* youtube x */>}}, shows
// as {{< youtube x >}}, and Liquid's {% raw %}…{% endraw %} (Jekyll,
// Eleventy) shows what it holds as written, without the two tags. Pages
// that document a template language use them around every example, in
// text and in code blocks. playbook runs neither language, so it takes out
// the marks alone, as the two would, and warns about no template tag in
// what they show. On a Jekyll or Eleventy site Liquid's {% comment %}…{%
// endcomment %} shows nothing: authors keep notes in it that the site must
// not publish, so it goes whole, but for its line breaks and, on each of
// its lines after the first, the spaces and ">" that start the line, which
// keep a quote or list it is in going (so one over several lines ends the
// paragraph it is in, where Liquid would join the lines around it).
//
// Written here: no goldmark extension reads Hugo's or Liquid's syntax, and
// the marks must go before the page is parsed, as they do in Hugo and
// Jekyll, since a code block holds them too.

var (
	// escapedShortcodeRE matches an escaped shortcode's opening, {{</* or
	// {{%/*, with the comment's mark as group 1, and its closing, */>}} or
	// */%}}, with the mark as group 2.
	escapedShortcodeRE = regexp.MustCompile(`\{\{[<%][ \t]*(/\*)|(\*/)[ \t]*[>%]\}\}`)
	// liquidBlockRE matches Liquid's {% raw %}, {% endraw %}, {% comment %}
	// (with any words after "comment", which Liquid passes over) and {%
	// endcomment %}, the name as group 1, with or without the "-" that
	// trims space; on one line, so that taking one out joins no lines.
	liquidBlockRE = regexp.MustCompile(`\{%-?[ \t]*(raw|endraw|comment|endcomment)(?:[ \t]*-?%\}|[ \t][^%\n]*-?%\})`)
)

// mayShowTemplates reports whether body may hold a pair of marks that
// showTemplates takes out; most pages hold neither, and are not searched.
func mayShowTemplates(body []byte, comments bool) bool {
	return bytes.Contains(body, []byte("endraw")) || comments && bytes.Contains(body, []byte("endcomment")) ||
		bytes.Contains(body, []byte("*/")) && bytes.Contains(body, []byte("{{"))
}

// cut is a run of bytes taken out of a page's body before it is parsed:
// at is where it was, as an offset in the body without it, n its length.
type cut struct{ at, n int32 }

// span is a run of the parsed body, [from, to), that shows template
// syntax as text.
type span struct{ from, to int32 }

// literal is what showTemplates took out of a body: the cuts, sorted,
// with sums[i] the bytes of cuts[:i]; and the spans it shows as text.
type literal struct {
	cuts  []cut
	sums  []int32
	spans []span
}

// showTemplates returns body without the marks of escaped shortcodes and
// {% raw %} tags, and, with comments, without Liquid's comments (see
// above), each mark taken out only with its partner after it: an escaped
// shortcode's opening with its closing, {% raw %} with the next {% endraw
// %}, {% comment %} with the next {% endcomment %}. Lines are never joined,
// so line numbers stay; the columns of a line after a mark are set right
// by the cuts. A body without marks is returned as it is, without a copy.
func showTemplates(body []byte, comments bool) ([]byte, *literal) {
	var drop [][2]int // the runs to take out
	var show [][2]int // the runs shown as text, in body's offsets
	raws, notes := liquidBlocks(body, comments)
	for _, m := range raws {
		drop = append(drop, [2]int{m[0], m[1]}, [2]int{m[2], m[3]})
		show = append(show, [2]int{m[1], m[2]})
	}
	for _, m := range notes {
		drop = append(drop, commentCuts(body, m[4], m[5])...)
	}
	blocks := append(raws, notes...)
	slices.SortFunc(blocks, func(a, b [6]int) int { return a[4] - b[4] })
	for _, m := range pairs(escapedShortcodeRE, body, 2, 4) {
		// The blocks are apart and sorted: the one that may hold m is the
		// last that starts before it ends.
		if i := sort.Search(len(blocks), func(i int) bool { return blocks[i][4] >= m[5] }); i > 0 && m[4] < blocks[i-1][5] {
			continue // in a {% raw %}, which shows it as written, or a comment
		}
		drop = append(drop, [2]int{m[0], m[1]}, [2]int{m[2], m[3]})
		show = append(show, [2]int{m[4], m[5]})
	}
	if len(drop) == 0 {
		return body, nil
	}
	slices.SortFunc(drop, func(a, b [2]int) int { return a[0] - b[0] })
	out := make([]byte, 0, len(body))
	lit := &literal{}
	removed, last := 0, 0
	for _, r := range drop {
		out = append(out, body[last:r[0]]...)
		lit.sums = append(lit.sums, int32(removed))
		lit.cuts = append(lit.cuts, cut{int32(len(out)), int32(r[1] - r[0])})
		removed += r[1] - r[0]
		last = r[1]
	}
	out = append(out, body[last:]...)
	lit.sums = append(lit.sums, int32(removed))
	for _, s := range show {
		lit.spans = append(lit.spans, span{lit.after(s[0]), lit.after(s[1])})
	}
	slices.SortFunc(lit.spans, func(a, b span) int { return int(a.from - b.from) })
	return out, lit
}

// commentCuts returns the runs to take out of body for the comment at
// [from, to): all of it but its line breaks and the spaces and ">" that
// start each of its lines after the first.
func commentCuts(body []byte, from, to int) [][2]int {
	var cuts [][2]int
	for {
		i := bytes.IndexByte(body[from:to], '\n')
		end := to
		if i >= 0 {
			end = from + i
		}
		if end > from {
			cuts = append(cuts, [2]int{from, end})
		}
		if i < 0 {
			return cuts
		}
		from = end + 1
		for from < to && (body[from] == ' ' || body[from] == '\t' || body[from] == '>') {
			from++
		}
	}
}

// liquidBlocks returns the {% raw %} blocks of b, and with comments its {%
// comment %} blocks, as pairs does: each opening tag with the next closing
// tag of its kind after it, passing over the tags between, which Liquid
// reads as the block's text.
func liquidBlocks(b []byte, comments bool) (raws, notes [][6]int) {
	ms := liquidBlockRE.FindAllSubmatchIndex(b, -1)
	name := func(i int) string { return string(b[ms[i][2]:ms[i][3]]) }
	// next[i] is the first {% endraw %} and the first {% endcomment %}
	// after match i, or -1: one pass from the end, so that openings
	// without a closing cost no more.
	next := make([][2]int, len(ms))
	after := [2]int{-1, -1}
	for i := len(ms) - 1; i >= 0; i-- {
		next[i] = after
		switch name(i) {
		case "endraw":
			after[0] = i
		case "endcomment":
			after[1] = i
		}
	}
	for i := 0; i < len(ms); i++ {
		var j int
		switch name(i) {
		case "raw":
			j = next[i][0]
		case "comment":
			if !comments {
				continue
			}
			j = next[i][1]
		default:
			continue
		}
		if j < 0 {
			continue
		}
		m := [6]int{ms[i][0], ms[i][1], ms[j][0], ms[j][1], ms[i][0], ms[j][1]}
		if name(i) == "raw" {
			raws = append(raws, m)
		} else {
			notes = append(notes, m)
		}
		i = j
	}
	return raws, notes
}

// pairs pairs each match of re in b whose group open is set with the next
// match after it whose group close is set, passing over the matches
// between; an opening without a closing after it is left alone. For each
// pair it returns the [start, end) offsets of the two groups and of the
// whole of both matches: {start1, end1, start2, end2, from, to}. open and
// close index the submatch offsets.
func pairs(re *regexp.Regexp, b []byte, open, close int) [][6]int {
	var out [][6]int
	ms := re.FindAllSubmatchIndex(b, -1)
	// next[i] is the first closing after match i, or -1: one pass from
	// the end, so that openings without a closing cost no more.
	next := make([]int, len(ms))
	after := -1
	for i := len(ms) - 1; i >= 0; i-- {
		next[i] = after
		if ms[i][close] >= 0 {
			after = i
		}
	}
	for i := 0; i < len(ms); i++ {
		if j := next[i]; ms[i][open] >= 0 && j >= 0 {
			out = append(out, [6]int{ms[i][open], ms[i][open+1], ms[j][close], ms[j][close+1], ms[i][0], ms[j][1]})
			i = j
		}
	}
	return out
}

// after returns the offset in the new body of offset off of the old one,
// which is not inside a cut.
func (l *literal) after(off int) int32 {
	// The cuts before off are those whose old start, at plus the bytes
	// cut before, is below it.
	i := sort.Search(len(l.cuts), func(i int) bool { return int(l.cuts[i].at+l.sums[i]) >= off })
	return int32(off) - l.sums[i]
}

// removedBetween returns the bytes cut in [from, to] of the new body.
func (l *literal) removedBetween(from, to int) int {
	if l == nil {
		return 0
	}
	lo := sort.Search(len(l.cuts), func(i int) bool { return int(l.cuts[i].at) >= from })
	hi := sort.Search(len(l.cuts), func(i int) bool { return int(l.cuts[i].at) > to })
	return int(l.sums[hi] - l.sums[lo])
}

// shown reports whether offset off of the new body is in a run that
// shows template syntax as text.
func (l *literal) shown(off int) bool {
	if l == nil {
		return false
	}
	i := sort.Search(len(l.spans), func(i int) bool { return int(l.spans[i].to) > off })
	return i < len(l.spans) && int(l.spans[i].from) <= off
}
