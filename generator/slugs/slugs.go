// Package slugs holds playbook's slug rules: it makes the heading ids of
// pages (and the forms of them that links may name) with ID, and URL path
// segments and file names with Segment. It is the only package that knows
// github.com/gosimple/slug.
//
// Both functions return "" for text with no letters or digits; each caller
// picks its own fallback ("page" for a URL segment, "section" for a heading
// id, an error for a new file's name), so that the rules live here and the
// policy stays with the caller.
package slugs

import (
	"strings"
	"unicode"

	"github.com/gosimple/slug"
)

// ID returns the id playbook makes of a heading's text. Letters of the
// scripts that have a usual Latin spelling (Latin, Greek, Cyrillic,
// Armenian, Georgian) are transliterated to ASCII (å→a, ß→ss, ж→zh), and
// "&" becomes "and"; letters of other scripts (Chinese, Japanese, Korean,
// Thai, Arabic, Hebrew, Devanagari …) are kept as they are, as GitHub keeps
// them, so that the id reads as the heading: "役割と責任" stays "役割と責任"
// rather than a Chinese reading of its characters. The result is lower
// case, with every run of other characters but "_" turned into one hyphen
// and none at the ends; text with no letters or digits gives "".
func ID(text string) string {
	var b strings.Builder
	sep := false
	emit := func(piece string) {
		if piece == "" {
			return
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(piece)
		sep = false
	}
	for _, r := range splitRuns(text) {
		if r.kept {
			emit(strings.ToLower(r.text))
			continue
		}
		s := makeSlug(r.text)
		if s == "" {
			sep = true
			continue
		}
		if isSep(firstRune(r.text)) {
			sep = true
		}
		emit(s)
		if isSep(lastRune(r.text)) {
			sep = true
		}
	}
	return b.String()
}

// Segment returns the URL path segment (or file name) playbook makes of
// text: letters of every script transliterated to ASCII ("Lagerställe" →
// "lagerstalle", "团队" → "tuan-dui"), "&" spelt "and", lower case, with
// every run of other characters but "_" turned into one hyphen and none at
// the ends.
// Text with no letters or digits gives "". Unlike ID, it keeps no non-ASCII
// letters, so the result is safe in any URL and on any file system.
func Segment(text string) string {
	return makeSlug(text)
}

// makeSlug is slug.Make, which transliterates and then applies regular
// expressions: more than the rest of building a page's heading ids costs.
// Text of ASCII letters, digits, spaces and hyphens, most headings and
// names, has a slug that needs neither, made here (FuzzSimple checks it
// is slug.Make's).
func makeSlug(text string) string {
	if s, ok := simple(text); ok {
		return s
	}
	return slug.Make(text)
}

// simple returns the slug of text when text holds only ASCII letters,
// digits, spaces and hyphens: lower case, with each run of spaces and
// hyphens between words made one hyphen.
func simple(text string) (string, bool) {
	var b strings.Builder
	b.Grow(len(text))
	gap := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == ' ' || c == '-':
			gap = b.Len() > 0
			continue
		default:
			return "", false
		}
		if gap {
			b.WriteByte('-')
			gap = false
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

type run struct {
	text string
	kept bool
}

// splitRuns cuts text into runs of kept letters (see keep) and runs of
// everything else. A mark joins the run of the letter before it.
func splitRuns(text string) []run {
	var out []run
	start, cur := 0, false
	for i, r := range text {
		k := keep(r)
		if unicode.IsMark(r) && i > 0 {
			k = cur
		}
		if i > 0 && k != cur {
			out = append(out, run{text[start:i], cur})
			start = i
		}
		cur = k
	}
	if start < len(text) {
		out = append(out, run{text[start:], cur})
	}
	return out
}

// transliterated are the scripts whose letters are spelt in ASCII.
var transliterated = []*unicode.RangeTable{unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Armenian, unicode.Georgian}

// keep reports whether r is a letter, mark or digit of a script without
// a usual Latin spelling, which ids keep as it is.
func keep(r rune) bool {
	if r < 0x80 || !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)) {
		return false
	}
	return !unicode.In(r, transliterated...)
}

func isSep(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return ' '
}

func lastRune(s string) rune {
	r := ' '
	for _, c := range s {
		r = c
	}
	return r
}
