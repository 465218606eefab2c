package model

import (
	"bytes"
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/playbookhq/playbook/generator/diag"
)

// Placeholders are the texts that "playbook new" writes for the author to
// replace. Review warns about each one still on a page (kind
// "placeholder"), outside code: a guide may show them as an example. The
// first FrontPlaceholders of them, short enough to be anyone's words ("fill
// in Your Name"), count only in front matter, where playbook new writes
// them.
var Placeholders = []string{
	"Your Name",
	"your.name@example.com",
	"@you",
	"One sentence on what the team does.",
	"What the team is for, in two or three sentences.",
	"The first thing the team owns.",
	"How and when other teams should come to you.",
	"One line on what the role is for.",
	"The first responsibility of the role.",
	"The teams and roles this role works with most.",
}

// FrontPlaceholders is how many of Placeholders count in front matter only.
const FrontPlaceholders = 3

// checkPlaceholders warns about the Placeholders left on the site's pages.
func (s *Site) checkPlaceholders() diag.List {
	var diags diag.List
	for _, p := range s.pages {
		if p.Input == nil || p.Input.Doc == nil {
			continue
		}
		src, body := p.Input.Doc.Src, p.Input.Doc.BodyOffset()
		code := codeRanges(src, body)
		for k, ph := range Placeholders {
			in := src
			if k < FrontPlaceholders {
				in = src[:body]
			}
			for off := 0; ; {
				i := bytes.Index(in[off:], []byte(ph))
				if i < 0 {
					break
				}
				at := off + i
				off = at + len(ph)
				if !wordBoundary(src, at, off) || inRanges(code, at) {
					continue
				}
				line, col := diag.LineCol(src, at)
				diags.AddKind("placeholder", diag.Warning, diag.Pos{File: p.Path, Line: line, Col: col},
					"placeholder %q, written by playbook new, is still here; replace it", ph)
			}
		}
	}
	return diags
}

// wordBoundary reports whether src[start:end] is not part of a longer word.
func wordBoundary(src []byte, start, end int) bool {
	if r, _ := utf8.DecodeLastRune(src[:start]); start > 0 && isWordRune(r) {
		return false
	}
	if r, _ := utf8.DecodeRune(src[end:]); end < len(src) && isWordRune(r) {
		return false
	}
	return true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '@'
}

// codeRanges returns the byte ranges of src, from body on, that are code:
// fenced code blocks, also in list items, and inline code spans. It reads
// lines, not the parsed page: indented code is not found.
func codeRanges(src []byte, body int) [][2]int {
	var out [][2]int
	fence := []byte(nil)
	for off := body; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off + 1
		}
		line := src[off:end]
		trimmed := bytes.TrimLeft(line, " \t")
		switch {
		case fence != nil:
			out = append(out, [2]int{off, end})
			if bytes.HasPrefix(trimmed, fence) && len(bytes.TrimSpace(bytes.TrimLeft(trimmed, string(fence[:1])))) == 0 {
				fence = nil
			}
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			// At any indentation: a fence in a list item is indented, and
			// at the top level such a line is in indented code anyway.
			n := len(trimmed) - len(bytes.TrimLeft(trimmed, string(trimmed[:1])))
			fence = bytes.Repeat(trimmed[:1], n)
			out = append(out, [2]int{off, end})
		default:
			// Code spans: a run of backticks to the next run as long.
			for i := 0; i < len(line); {
				if line[i] != '`' {
					i++
					continue
				}
				n := 1
				for i+n < len(line) && line[i+n] == '`' {
					n++
				}
				closer := bytes.Index(line[i+n:], bytes.Repeat([]byte("`"), n))
				if closer < 0 {
					i += n
					continue
				}
				out = append(out, [2]int{off + i, off + i + n + closer + n})
				i += n + closer + n
			}
		}
		off = end
	}
	return out
}

// inRanges reports whether at is in one of rs, which are in order and
// do not overlap.
func inRanges(rs [][2]int, at int) bool {
	i, _ := slices.BinarySearchFunc(rs, at, func(r [2]int, at int) int { return cmp.Compare(r[1], at+1) })
	return i < len(rs) && rs[i][0] <= at && at < rs[i][1]
}
