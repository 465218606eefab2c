package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// linkifyCases are bare URLs and addresses in the places Linkify looks,
// and text where it finds nothing.
var linkifyCases = []string{
	"See https://example.com/a and www.example.org, or write to anna@example.com.",
	"*http://example.com* _www.example.com_ ~ftp://example.com/x~ (https://example.com/(a))",
	"anna@example.com at the head of a line\nand bo@example.se at the head of the next",
	"an @ alone, a@b without a dot, name@example.com- with a dash, x@y.z.",
	"\tpadded www.example.com\n\n    code www.example.com\n\n> quoted anna@example.com",
	"| a | b |\n| - | - |\n| www.example.com | c@example.com |",
	"no link here, only words and spaces * _ ~ ( that set Linkify off",
	"HTTP://EXAMPLE.COM and WWW.EXAMPLE.COM are not linked; mailto:anna@example.com is",
	"[a link www.example.com](https://example.com) and ![an image anna@example.com](a.png)",
	"a_b_c@example.com and a*b@example.com and (x@example.com)",
	strings.Repeat("word ", 200) + "end@example.com",
}

// linkifyPair returns goldmark with its own Linkify and goldmark with
// Linkify wrapped as the converters wrap it (tagLinkify).
func linkifyPair() (plain, wrapped goldmark.Markdown) {
	plain = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Linkify))
	wrapped = goldmark.New(goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(tagLinkify{extension.NewLinkifyParser()}, 999))))
	return plain, wrapped
}

// sameLinks converts src with both and fails when the HTML differs.
func sameLinks(t *testing.T, plain, wrapped goldmark.Markdown, src string) {
	t.Helper()
	var want, got bytes.Buffer
	if err := plain.Convert([]byte(src), &want); err != nil {
		t.Fatal(err)
	}
	if err := wrapped.Convert([]byte(src), &got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("%q:\ngot  %s\nwant %s", src, got.String(), want.String())
	}
}

// TestMayLinkKeepsLinks checks that answering early (mayLink) leaves out
// no link that goldmark's Linkify makes.
func TestMayLinkKeepsLinks(t *testing.T) {
	plain, wrapped := linkifyPair()
	links := 0
	for _, src := range linkifyCases {
		sameLinks(t, plain, wrapped, src)
		var b bytes.Buffer
		_ = wrapped.Convert([]byte(src), &b)
		links += strings.Count(b.String(), "<a href=")
	}
	if links < 15 {
		t.Errorf("the cases make %d links; they are meant to make many", links)
	}
}

func FuzzMayLink(f *testing.F) {
	for _, src := range linkifyCases {
		f.Add(src)
	}
	plain, wrapped := linkifyPair()
	f.Fuzz(func(t *testing.T, src string) {
		sameLinks(t, plain, wrapped, src)
	})
}
