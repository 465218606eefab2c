package theme

import (
	"strings"
)

// html/template escapes every value a template prints with a call through
// reflection, several for a link (see pagelists.go for why that matters).
// The lists the view renders in Go escape their values with the functions
// below instead. html/template exports no escaper of its own contexts, so
// these are written to give the bytes it gives, and FuzzEscapersMatch
// checks that they do.

// htmlReplacements is what html/template writes for the bytes it escapes in
// text and in quoted attribute values (its htmlReplacementTable). All are
// ASCII, so escaping byte by byte matches its rune by rune loop.
var htmlReplacements = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// writeText writes s as html/template writes a string in text or in a
// quoted attribute value.
func writeText(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; int(c) < len(htmlReplacements) && htmlReplacements[c] != "" {
			b.WriteString(s[written:i])
			b.WriteString(htmlReplacements[c])
			written = i + 1
		}
	}
	b.WriteString(s[written:])
}

// writeURL writes s as html/template writes a string that is a whole
// href value: refused ("#ZgotmplZ") when it names a scheme other than
// http, https or mailto, else with the bytes a URL may not hold
// percent-encoded (norm) or, for a part of one such as a fragment (!norm),
// with every byte but letters, digits and -._~ percent-encoded; then
// escaped as attribute text.
func writeURL(b *strings.Builder, s string, norm bool) {
	if norm && !safeURL(s) {
		b.WriteString("#ZgotmplZ")
		return
	}
	const hex = "0123456789abcdef"
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue // and escaped as text with the rest
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		writeText(b, s[written:i])
		b.Write([]byte{'%', hex[c>>4], hex[c&15]})
		written = i + 1
	}
	writeText(b, s[written:])
}

// safeURL reports whether html/template lets s be a link: it names no
// scheme, or http, https or mailto.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
