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
// what they show.
//
// Written here: no goldmark extension reads Hugo's or Liquid's syntax, and
// the marks must go before the page is parsed, as they do in Hugo and
// Jekyll, since a code block holds them too.

var (
	// escapedShortcodeRE matches an escaped shortcode's opening, {{</* or
	// {{%/*, with the comment's mark as group 1, and its closing, */>}} or
	// */%}}, with the mark as group 2.
	escapedShortcodeRE = regexp.MustCompile(`\{\{[<%][ \t]*(/\*)|(\*/)[ \t]*[>%]\}\}`)
	// rawTagRE matches Liquid's {% raw %} (group 1) and {% endraw %}
	// (group 2), with or without the "-" that trims space; on one line,
	// so that taking one out joins no lines.
	rawTagRE = regexp.MustCompile(`(\{%-?[ \t]*raw[ \t]*-?%\})|(\{%-?[ \t]*endraw[ \t]*-?%\})`)
)

// mayShowTemplates reports whether body may hold a pair of marks that
// showTemplates takes out; most pages hold neither, and are not searched.
func mayShowTemplates(body []byte) bool {
	return bytes.Contains(body, []byte("endraw")) || bytes.Contains(body, []byte("*/")) && bytes.Contains(body, []byte("{{"))
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
// {% raw %} tags, each taken out only with its partner after it: an
// escaped shortcode's opening with its closing, {% raw %} with the next
// {% endraw %}. Lines are never joined, so line numbers stay; the columns
// of a line after a mark are set right by the cuts. A body without marks
// is returned as it is, without a copy.
func showTemplates(body []byte) ([]byte, *literal) {
	var drop [][2]int // the runs to take out
	var show [][2]int // the runs shown as text, in body's offsets
	raws := pairs(rawTagRE, body, 2, 4)
	for _, m := range raws {
		drop = append(drop, [2]int{m[0], m[1]}, [2]int{m[2], m[3]})
		show = append(show, [2]int{m[1], m[2]})
	}
	for _, m := range pairs(escapedShortcodeRE, body, 2, 4) {
		if slices.ContainsFunc(raws, func(r [6]int) bool { return r[4] < m[5] && m[4] < r[5] }) {
			continue // in a {% raw %}, which shows it as written
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
