package search

import (
	"strings"
	"unicode"

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
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	s = norm.NFD.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.M, r) {
			return -1
		}
		return r
	}, s)
	return letters.Replace(strings.ToLower(s))
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// Tokenize splits text into words: runs of letters, digits and marks. A
// hyphenated word also yields its parts joined ("e-commerce" gives "e",
// "commerce" and "ecommerce"). It matches tokenize in search.js.
func Tokenize(text string) []string {
	var out []string
	for _, chunk := range strings.FieldsFunc(text, func(r rune) bool { return !isWord(r) && !isHyphen(r) }) {
		parts := strings.FieldsFunc(chunk, isHyphen)
		out = append(out, parts...)
		if len(parts) > 1 {
			out = append(out, strings.Join(parts, ""))
		}
	}
	return out
}

// maxTerm is the length in bytes above which a word is not indexed: long
// runs are hashes, tokens and encoded data, not words anyone types.
const maxTerm = 60

// Terms returns the folded words of text.
func Terms(text string) []string {
	toks := Tokenize(text)
	out := toks[:0]
	for _, t := range toks {
		if f := Fold(t); f != "" && len(f) <= maxTerm {
			out = append(out, f)
		}
	}
	return out
}

// simpleSlug is the heading id search.js derives from a heading's text
// when the index leaves the id out: the folded text with every run of
// other characters than a-z and 0-9 replaced by one hyphen.
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
