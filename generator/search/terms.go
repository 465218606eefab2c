package search

import (
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
	// Latin letters fold one by one through a table; anything else takes
	// the general path.
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= latinEnd {
			return foldSlow(s)
		}
		b.WriteString(latin[r])
	}
	return b.String()
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

// counter counts the folded words of texts without a string per word:
// the index builder calls it for every section.
type counter struct {
	buf   []byte
	index map[string]int
	terms []string
	tfs   []int
	words int
}

// count counts the words of text. It allocates only for words not seen
// before and for words with letters beyond ASCII.
func (c *counter) count(text string) {
	scanWords(text, func(tok string) {
		c.buf = c.buf[:0]
		ascii := true
		for i := 0; i < len(tok); i++ {
			b := tok[i]
			if b >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			c.buf = append(c.buf, b)
		}
		if !ascii {
			c.buf = append(c.buf[:0], Fold(tok)...)
		}
		if len(c.buf) == 0 || len(c.buf) > maxTerm {
			return
		}
		c.words++
		if i, ok := c.index[string(c.buf)]; ok {
			c.tfs[i]++
			return
		}
		t := string(c.buf)
		c.index[t] = len(c.terms)
		c.terms = append(c.terms, t)
		c.tfs = append(c.tfs, 1)
	})
}

// reset empties the counter for the next text.
func (c *counter) reset() {
	clear(c.index)
	c.terms, c.tfs, c.words = c.terms[:0], c.tfs[:0], 0
}

// scanWords calls emit for each word of text, as Terms splits it.
func scanWords(text string, emit func(string)) {
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordByte(r) && !isHyphen(r) {
			i += size
			continue
		}
		// A chunk: a run of word characters and hyphens.
		start, parts, hyphens := i, 0, false
		partStart := -1
		for i < len(text) {
			r, size = rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if isHyphen(r) {
				if partStart >= 0 {
					emit(text[partStart:i])
					parts++
					partStart = -1
				}
				hyphens = true
			} else if isWordByte(r) {
				if partStart < 0 {
					partStart = i
				}
			} else {
				break
			}
			i += size
		}
		if partStart >= 0 {
			emit(text[partStart:i])
			parts++
		}
		if hyphens && parts > 1 {
			var b strings.Builder
			for _, r := range text[start:i] {
				if !isHyphen(r) {
					b.WriteRune(r)
				}
			}
			emit(b.String())
		}
	}
}

// collapseSpace replaces every run of white space with one space and trims
// the ends: strings.Join(strings.Fields(s), " ") in one pass.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

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
