package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Inline parsers are called at each of their trigger bytes, and several
// of playbook's look ahead on the line for what would close the construct
// ("]", "]]", ")"). On a line of n openers and no closer each such look
// runs to the end of the line, n times over. The scans below remember
// where the last one ended, so the looks of one line together cost time
// linear in its length.

// scanMemoKey holds a page's *scanMemos in the parser context.
var scanMemoKey = parser.NewContextKey()

// scanMemos are the last scans of one page, one per thing looked for.
type scanMemos struct {
	tagValue  scanMemo // "]" or "\n": the end of an ExL tag's value
	tagDest   scanMemo // ")" or white space: the end of a linked tag's destination
	wikiClose scanMemo // "]]": the end of a wikilink
	wikiPipe  scanMemo // "|": a wikilink's label
	wikiBrack scanMemo // "[" or "]" inside a wikilink
}

// memosOf returns the scan memos of the page pc parses.
func memosOf(pc parser.Context) *scanMemos {
	m, _ := pc.Get(scanMemoKey).(*scanMemos)
	if m == nil {
		m = &scanMemos{}
		pc.Set(scanMemoKey, m)
	}
	return m
}

// anyOf returns a search for the first of the bytes in stops.
func anyOf(stops string) func([]byte) int {
	return func(b []byte) int { return bytes.IndexAny(b, stops) }
}

// scanMemo remembers one search of the source: from the offset from, the
// first match lies at to (the line's end, stop, when there is none). A
// search of the same source up to the same stop from any offset in
// [from, to] finds the same match, since none starts before it.
type scanMemo struct {
	src            []byte
	stop, from, to int
}

// index returns the index in line of the first match of find at or after
// index from, or -1. line and seg are what text.Reader.PeekLine returned,
// and src is the reader's source.
func (m *scanMemo) index(src, line []byte, seg text.Segment, from int, find func([]byte) int) int {
	if seg.Padding != 0 || from >= len(line) || len(src) == 0 {
		// A padded line is not the source's bytes; search it directly.
		if i := find(line[min(from, len(line)):]); i >= 0 {
			return from + i
		}
		return -1
	}
	abs := seg.Start + from
	if len(m.src) == 0 || &m.src[0] != &src[0] || m.stop != seg.Stop || abs < m.from || abs > m.to {
		m.src, m.stop, m.from, m.to = src, seg.Stop, abs, seg.Stop
		if i := find(line[from:]); i >= 0 {
			m.to = abs + i
		}
	}
	if m.to >= seg.Stop {
		return -1
	}
	return m.to - seg.Start
}
