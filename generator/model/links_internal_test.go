package model

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestUnescapeDest checks what of a link destination CommonMark resolves
// before reading it as a URL, and what it leaves as written.
func TestUnescapeDest(t *testing.T) {
	for in, want := range map[string]string{
		"file\\_name.md":     "file_name.md",
		"caf&eacute;.md":     "café.md",
		"caf&#233;.md":       "café.md",
		"caf&#xE9;.md":       "café.md",
		"#a-\\(b\\)":         "#a-(b)",
		"x\\&amp;y.md":       "x&amp;y.md",
		"x&amp;y.md":         "x&y.md",
		"a&b\\_c&amp;d.md":   "a&b_c&d.md",
		"file&notes;.md":     "file&notes;.md",
		"x&#233y;.md":        "x&#233y;.md",
		"&#12345678;":        "&#12345678;",
		"?x=&ampx;":          "?x=&ampx;",
		"a\\b.md":            "a\\b.md",
		"&semi;":             ";",
		"plain/path.md#frag": "plain/path.md#frag",
	} {
		if got := unescapeDest(in); got != want {
			t.Errorf("unescapeDest(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzUnescapeDest checks that reading any destination never panics and
// keeps text that is valid UTF-8 valid.
func FuzzUnescapeDest(f *testing.F) {
	for _, s := range []string{"file\\_name.md", "caf&eacute;.md", "&#12345678;", "a&b\\_c&amp;d", "&notes;", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, d string) {
		if u := unescapeDest(d); utf8.ValidString(d) && !utf8.ValidString(u) {
			t.Errorf("unescapeDest(%q) = %q, not UTF-8", d, u)
		}
	})
}

// TestBrokenLinkMsg checks that a broken link's message is cut to a
// line's length, at a character, and explains {{…}}.
func TestBrokenLinkMsg(t *testing.T) {
	long := strings.Repeat("é", 3000) + ".md"
	if msg := brokenLinkMsg(long, errors.New("no page or file "+long)); len(msg) > maxLinkMsg+len("…") || !utf8.ValidString(msg) || !strings.HasSuffix(msg, "…") {
		t.Errorf("message of %d bytes: %.80q…", len(msg), msg)
	}
	if msg := brokenLinkMsg("{{site.base_url}}/agreements/", errors.New("no page")); !strings.Contains(msg, "does not expand") {
		t.Errorf("no word on {{…}}: %s", msg)
	}
}
