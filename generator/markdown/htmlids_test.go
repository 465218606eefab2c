package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestAppendHTMLIDs checks which ids raw HTML declares: id on any element
// and name on <a>, in any case and quoting, and nothing from comments,
// end tags, other attributes' values or text.
func TestHTMLIDs(t *testing.T) {
	for _, tc := range []struct{ html, want string }{
		{`<span id="a"></span>`, "a"},
		{`<A NAME=b HREF="#x">`, "b"},
		{`<div ID='c'><p id="d">x</p></div>`, "c d"},
		{`<img name="e" src="x.png"> <br id=f />`, "f"},
		{`<!-- <a id="g"> --><a title='id="h"'>`, ""},
		{`</a id="i"> id="j" <a id="">`, ""},
		{`<script>var s = '<a id="k">';</script>`, ""},
		{`no tags at all`, ""},
	} {
		if got := ids(tc.html); got != tc.want {
			t.Errorf("%s: ids %q, want %q", tc.html, got, tc.want)
		}
	}
}

// TestRawHTMLURLs checks the URLs of the site's own paths that raw HTML a
// site lets through gives the model, relative or from the root, and the
// full web addresses of its links (marked absolute), and the places on
// the page its links name (#top), each at where its HTML is in the file it
// is written in: no other schemes, protocol-relative URLs, or raw HTML
// shown as text.
func TestRawHTMLURLs(t *testing.T) {
	body := "# T\n\n<img src=\"images/a.png\"> and <a href=\"other.md#x\">o</a>\n\n" +
		"<p><a href=\"/abs/\">a</a> <a href=\"#top\">t</a> <a href=\"https://x.example/\">x</a> <a href=\"mailto:a@b\">m</a> <img src=\"data:image/png;base64,AA\"> <img src=\"//cdn.example/x.png\"></p>\n"
	for _, unsafe := range []bool{true, false} {
		d := New(WithUnsafe(unsafe)).Parse(Input{Path: "careers/ladder.md", Body: []byte(body), BodyLine: 1})
		var got []string
		for _, u := range d.HTMLURLs {
			got = append(got, fmt.Sprintf("%s %s=%s", u.Pos, u.Attr, u.URL))
			if u.Absolute {
				got[len(got)-1] += " (absolute)"
			}
		}
		want := "careers/ladder.md:3:1 src=images/a.png; careers/ladder.md:3:30 href=other.md#x; careers/ladder.md:5:1 href=/abs/; careers/ladder.md:5:1 href=#top; careers/ladder.md:5:1 href=https://x.example/ (absolute)"
		if !unsafe {
			want = ""
		}
		if strings.Join(got, "; ") != want {
			t.Errorf("unsafe %v: %q, want %q", unsafe, strings.Join(got, "; "), want)
		}
	}
	// A URL in a block of lines is placed on its tag's line, after a
	// comment over lines too; in a list item and in inline HTML as well.
	body = "# T\n\n<div>\n<!-- a\nnote -->\n<p>\n  <img\n   src=\"b.png\"></p>\n</div>\n\n- <table>\n  <tr><td><a href=\"c.md\">c</a></td></tr>\n  </table>\n\nText <span\ntitle=\"x\"><a href=\"d.md\">d</a></span>\n\n<object data=\"e.svg\"></object> <video poster=\"f.png\"></video> <div data=\"g.png\"></div>\n"
	d := New(WithUnsafe(true)).Parse(Input{Path: "p.md", Body: []byte(body), BodyLine: 1})
	var got []string
	for _, u := range d.HTMLURLs {
		got = append(got, fmt.Sprintf("%s %s", u.Pos, u.URL))
	}
	if want := "p.md:7:1 b.png; p.md:12:3 c.md; p.md:16:11 d.md; p.md:18:1 e.svg; p.md:18:32 f.png"; strings.Join(got, "; ") != want {
		t.Errorf("lines: %q, want %q", strings.Join(got, "; "), want)
	}
	// Text an included file brings is placed in that file.
	lines := func(line int) (string, int) {
		if line >= 3 {
			return "_inc/frag.md", line - 2
		}
		return "docs/README.md", line + 1
	}
	d = New(WithUnsafe(true)).Parse(Input{Path: "docs/README.md", Body: []byte("# T\n\n<img src=\"pic.png\">\n"), BodyLine: 2, Lines: lines})
	if len(d.HTMLURLs) != 1 || d.HTMLURLs[0].Pos.String() != "_inc/frag.md:1:1" {
		t.Errorf("included: %+v", d.HTMLURLs)
	}
}

func ids(html string) string {
	ids, _ := scanHTML(nil, nil, []byte(html))
	return strings.Join(ids, " ")
}
