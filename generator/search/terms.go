package search

import (
	"encoding/binary"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letters maps the letters that have no decomposition to what a reader
// types instead. search.js has the same table.
var letters = strings.NewReplacer("ß", "ss", "æ", "ae", "ø", "o", "œ", "oe", "đ", "d", "ł", "l", "þ", "th", "ς", "σ", "ı", "i")

// Fold returns the searchable form of a term: decomposed (NFD), without
// combining marks, lower-cased, with ß, æ, ø and a few other letters
// spelled out. It matches fold in the theme's search.js:
//
//	t.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase() + the table
func Fold(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			simple = false
			break
		}
	}
	if simple {
		return strings.ToLower(s) // no allocation when already lower-case
	}
	return string(appendFoldRunes(make([]byte, 0, len(s)), s, nil))
}

// foldSlow is Fold for any text.
func foldSlow(s string) string {
	s = norm.NFD.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.M, r) {
			return -1
		}
		return r
	}, s)
	return letters.Replace(strings.ToLower(s))
}

// latinEnd ends the Latin blocks folded through a table.
const latinEnd = 0x250

// latin holds the folded form of every rune below latinEnd. Decomposition
// works rune by rune and every mark is dropped, so folding a text of these
// runes is folding each rune.
var latin = func() [latinEnd]string {
	var t [latinEnd]string
	for r := range rune(latinEnd) {
		t[r] = foldSlow(string(r))
	}
	return t
}()

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// maxTerm is the length in bytes above which a word is not indexed: long
// runs are hashes, tokens and encoded data, not words anyone types.
const maxTerm = 60

// Terms returns the folded words of text, in order, as the index has them
// and as search.js splits a query: runs of letters, digits and marks, a
// hyphenated word also giving its parts joined ("e-commerce" gives "e",
// "commerce" and "ecommerce"), each folded with Fold; words longer than
// 60 bytes are left out.
func Terms(text string) []string {
	var out []string
	scanWords(text, func(tok string) {
		if f := Fold(tok); f != "" && len(f) <= maxTerm {
			out = append(out, f)
		}
	})
	return out
}

// counter counts the folded words of a worker's sections. It numbers
// every distinct word it meets for as long as it lives, so that a word
// costs a lookup and a string only the first time; tf holds the counts of
// the section being counted, by number, and seen the numbers it counted.
type counter struct {
	buf   []byte
	ids   map[string]uint32
	vocab []string
	tf    []uint32
	seen  []uint32
	words int
	emit  func(string) // c.add, bound once
	// runes holds the folded form of each rune beyond the Latin blocks
	// met so far (see appendFoldRunes).
	runes map[rune]string
	// short numbers the words of up to 7 bytes met so far, as written:
	// the length, then the bytes (see add).
	short map[uint64]uint32
}

func newCounter() *counter {
	c := &counter{ids: map[string]uint32{}, runes: map[rune]string{}, short: map[uint64]uint32{}}
	c.emit = c.add
	return c
}

// count counts the words of text in the current section, as scanWords
// splits it; a word of ASCII letters and digits between characters that
// are not hyphens, most words, takes a shorter path.
func (c *counter) count(text string) {
	for i := 0; i < len(text); {
		switch byteClass[text[i]] {
		case classOther:
			i++
			continue
		case classWord:
			j := i + 1
			for j < len(text) && byteClass[text[j]] == classWord {
				j++
			}
			if j == len(text) || byteClass[text[j]] == classOther {
				c.add(text[i:j])
				i = j
				continue
			}
		}
		if cls, size := classAt(text, i); cls == classOther {
			i += size
			continue
		}
		i = scanChunk(text, i, c.emit)
	}
}

// noTerm marks a short word that folds to nothing (see short).
const noTerm = ^uint32(0)

// add counts one word. A word of up to 7 bytes, as written, is looked up
// by number in short: most words of a page, and each pair of Chinese or
// Japanese characters, are that short, and a number is cheaper to hash
// and compare than a string, and skips folding.
func (c *counter) add(tok string) {
	var key uint64
	if len(tok) < 8 {
		key = uint64(len(tok))
		for i := 0; i < len(tok); i++ {
			key = key<<8 | uint64(tok[i])
		}
		if id, ok := c.short[key]; ok {
			c.count1(id)
			return
		}
	}
	id := noTerm
	if c.buf = c.appendFold(c.buf[:0], tok); len(c.buf) > 0 && len(c.buf) <= maxTerm {
		id = c.id(c.buf)
	}
	if len(tok) < 8 {
		c.short[key] = id
	}
	c.count1(id)
}

// id returns the number of a folded word, numbering it if it is new.
func (c *counter) id(term []byte) uint32 {
	id, ok := c.ids[string(term)]
	if !ok {
		id = uint32(len(c.vocab))
		t := string(term)
		c.ids[t] = id
		c.vocab = append(c.vocab, t)
		c.tf = append(c.tf, 0)
	}
	return id
}

// count1 counts one occurrence of word id in the current section.
func (c *counter) count1(id uint32) {
	if id == noTerm {
		return
	}
	c.words++
	if c.tf[id] == 0 {
		c.seen = append(c.seen, id)
	}
	c.tf[id]++
}

// termCount is a word of a section, by number, and how often it occurs.
type termCount struct{ term, tf uint32 }

// termList is a section's words with their counts, packed: for each, in
// the order they were first met, the difference from the previous word's
// number (zigzag, as a varint) and the count (a varint). A page of
// Japanese text has thousands of distinct words, and as pairs of uint32
// they were a quarter of what a preview of GitLab's handbook held; packed
// they take a third of that.
type termList []byte

// all returns the words and their counts, in order.
func (l termList) all() iter.Seq[termCount] {
	return func(yield func(termCount) bool) {
		prev := int64(0)
		for i := 0; i < len(l); {
			d, n := binary.Varint(l[i:])
			i += n
			tf, m := binary.Uvarint(l[i:])
			i += m
			prev += d
			if !yield(termCount{uint32(prev), uint32(tf)}) {
				return
			}
		}
	}
}

// add appends word id, which occurs tf times, to l; prev is the number
// of the word before it in l, or 0.
func (l termList) add(prev, id, tf uint32) termList {
	l = binary.AppendVarint(l, int64(id)-int64(prev))
	return binary.AppendUvarint(l, uint64(tf))
}

// flush appends the current section's words to out, returns it with the
// section's number of words, and starts the next section.
func (c *counter) flush(out termList) (termList, int) {
	prev := uint32(0)
	for _, id := range c.seen {
		out = out.add(prev, id, c.tf[id])
		prev = id
		c.tf[id] = 0
	}
	words := c.words
	c.seen, c.words = c.seen[:0], 0
	return out, words
}

// appendFold appends Fold(s) to b.
func (c *counter) appendFold(b []byte, s string) []byte {
	start := len(b)
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= utf8.RuneSelf {
			return appendFoldRunes(b[:start], s, c.runes)
		}
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		b = append(b, ch)
	}
	return b
}

// appendFoldRunes is appendFold for text beyond ASCII. Folding works
// rune by rune (see latin), so runes, when not nil, keeps the folded form
// of each rune beyond the Latin blocks as it is first met: a counter
// reading Japanese or Greek folds each character once, not each word
// through the normalizer. Without it, such a word is folded whole.
func appendFoldRunes(b []byte, s string, runes map[rune]string) []byte {
	start := len(b)
	for _, r := range s {
		if r < latinEnd {
			b = append(b, latin[r]...)
			continue
		}
		if runes == nil {
			return append(b[:start], foldSlow(s)...)
		}
		f, ok := runes[r]
		if !ok {
			f = foldSlow(string(r))
			runes[r] = f
		}
		b = append(b, f...)
	}
	return b
}

// Byte classes for scanWords: ASCII bytes that are no part of a word,
// word characters, hyphens, and bytes that start a rune beyond ASCII.
const (
	classOther = iota
	classWord
	classHyphen
	classRune
)

// byteClass is the class of each byte.
var byteClass = func() [256]uint8 {
	var t [256]uint8
	for b := range 256 {
		switch {
		case b >= utf8.RuneSelf:
			t[b] = classRune
		case isWordByte(rune(b)):
			t[b] = classWord
		case isHyphen(rune(b)):
			t[b] = classHyphen
		}
	}
	return t
}()

// classAt returns the class of the character at text[i] and its size.
func classAt(text string, i int) (uint8, int) {
	if c := byteClass[text[i]]; c != classRune {
		return c, 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	switch {
	case isHyphen(r):
		return classHyphen, size
	case isWord(r):
		return classWord, size
	}
	return classOther, size
}

// scanWords calls emit for each word of text, as Terms splits it.
func scanWords(text string, emit func(string)) {
	for i := 0; i < len(text); {
		c, size := classAt(text, i)
		if c == classOther {
			i += size
			continue
		}
		i = scanChunk(text, i, emit)
	}
}

// scanChunk emits the words of the run of word characters and hyphens at
// text[i:] and returns its end.
func scanChunk(text string, i int, emit func(string)) int {
	start, parts, hyphens := i, 0, false
	partStart := -1
	for i < len(text) {
		c, size := classAt(text, i)
		if c == classOther {
			break
		}
		if c == classHyphen {
			if partStart >= 0 {
				emitWord(text[partStart:i], emit)
				parts++
				partStart = -1
			}
			hyphens = true
			i += size
			continue
		}
		if partStart < 0 {
			partStart = i
		}
		i += size
		for i < len(text) && byteClass[text[i]] == classWord {
			i++ // the rest of an ASCII word at once
		}
	}
	if partStart >= 0 {
		emitWord(text[partStart:i], emit)
		parts++
	}
	if hyphens && parts > 1 {
		var b strings.Builder
		for _, r := range text[start:i] {
			if !isHyphen(r) {
				b.WriteRune(r)
			}
		}
		emitWord(b.String(), emit)
	}
	return i
}

// emitWord emits a word, or, when it has Chinese or Japanese characters
// in it, its parts: Chinese and Japanese are written without spaces, so a
// run of their characters is a whole clause, not a word anyone types. As
// Lucene's CJK analyzer does, such a run gives each pair of neighbouring
// characters, and a query, split the same way, finds the text holding all
// its pairs. The run's last character also stands alone, so that every
// character of the text begins a term, and a query of one character,
// which search.js looks up as a prefix, finds it anywhere. A character
// keeps the marks after it (a variation selector, a voicing mark written
// apart), which Fold then drops. The letters around a run are words of
// their own: "GitLabのハンドブック" gives "GitLab", "のハ", "ハン", …,
// "ック" and "ク".
func emitWord(w string, emit func(string)) {
	if !mayHaveCJK(w) {
		emit(w)
		return
	}
	from := 0               // where the letters before a run start
	prev, cur, n := 0, 0, 0 // where the run's last two characters start, and its length
	end := func(at int) {
		if n > 1 {
			emit(w[prev:at])
		}
		emit(w[cur:at])
		from, n = at, 0
	}
	for i, r := range w {
		switch {
		case isCJK(r):
			if n == 0 && i > from {
				emit(w[from:i])
			}
			if n > 1 {
				emit(w[prev:i])
			}
			prev, cur = cur, i
			n++
		case n > 0 && unicode.Is(unicode.M, r):
			// A mark stays with the character before it.
		case n > 0:
			end(i)
		}
	}
	switch {
	case n > 0:
		end(len(w))
	case from < len(w):
		emit(w[from:])
	}
}

// mayHaveCJK reports whether s may hold a character isCJK takes: all of
// them are beyond U+2E80, whose UTF-8 form starts with 0xE2 or more.
func mayHaveCJK(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE2 {
			return true
		}
	}
	return false
}

// isCJK reports whether r is a Chinese or Japanese character: Han, kana,
// or the kana's long-vowel mark. search.js has the same test.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー')
}

// collapser appends text with every run of white space made one space,
// without space at the start or the end, until it holds more than limit
// bytes: strings.Join(strings.Fields(s), " ") of the texts written, in
// one pass over no more text than it keeps.
type collapser struct {
	buf   []byte
	limit int
	space bool
}

// write appends s, a text that starts and ends at white space or at the
// ends of the whole, and reports whether there is room for more.
func (c *collapser) write(s string) bool {
	for i := 0; i < len(s); {
		if len(c.buf) > c.limit {
			return false
		}
		switch spaceClass[s[i]] {
		case spaceASCII:
			c.space = len(c.buf) > 0
			i++
			continue
		case spaceRune:
			if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				c.space = len(c.buf) > 0
				i += size
				continue
			}
		}
		if c.space {
			c.buf = append(c.buf, ' ')
			c.space = false
		}
		// Copy the run of ASCII characters that are not space at once.
		j := i + 1
		for j < len(s) && spaceClass[s[j]] == spaceNot {
			j++
		}
		c.buf = append(c.buf, s[i:j]...)
		i = j
	}
	c.space = len(c.buf) > 0
	return len(c.buf) <= c.limit
}

// Byte classes for collapser: ASCII bytes that are not space, ASCII white
// space (as unicode.IsSpace has it), and bytes that start a rune beyond
// ASCII.
const (
	spaceNot = iota
	spaceASCII
	spaceRune
)

// spaceClass is the class of each byte.
var spaceClass = func() [256]uint8 {
	var t [256]uint8
	for b := range 256 {
		switch {
		case b >= utf8.RuneSelf:
			t[b] = spaceRune
		case unicode.IsSpace(rune(b)):
			t[b] = spaceASCII
		}
	}
	return t
}()

// isWordByte is isWord with a fast path for ASCII.
func isWordByte(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return isWord(r)
}

// simpleSlug is not a rule for heading ids (those come from the markdown
// package): it is how the page chunks compress headings, mirrored by
// search.js. A heading whose id equals simpleSlug of its text is stored
// as the text alone, and search.js derives the id from it the same way:
// the folded text with every run of characters other than a-z and 0-9
// replaced by one hyphen, without hyphens at the ends.
func simpleSlug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(text) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}
