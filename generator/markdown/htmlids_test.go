package markdown

import (
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

// TestRawHTMLLinks checks the warnings about relative URLs in raw HTML a
// site lets through: every one on a page whose URL is a folder below its
// file, links to .md files on a folder's index page, none for URLs from
// the root, anchors, other schemes, or raw HTML shown as text.
func TestRawHTMLLinks(t *testing.T) {
	body := "# T\n\n<img src=\"images/a.png\"> and <a href=\"other.md#x\">o</a>\n\n" +
		"<p><a href=\"/abs/\">a</a> <a href=\"#top\">t</a> <a href=\"https://x.example/\">x</a> <a href=\"mailto:a@b\">m</a> <img src=\"data:image/png;base64,AA\"></p>\n"
	for _, tc := range []struct {
		path   string
		unsafe bool
		want   []string // the messages, each after "PATH:LINE:COL: warning: "
	}{
		{"careers/ladder.md", true, []string{
			`3:1: warning: src="images/a.png" in raw HTML is not rewritten, and on the site it is relative to the page's URL`,
			`3:30: warning: href="other.md#x" in raw HTML is not rewritten, and on the site it is relative to the page's URL`,
		}},
		{"careers/_index.md", true, []string{`3:30: warning: href="other.md#x" in raw HTML is not rewritten to the page's URL`}},
		{"careers/README.sv.md", true, []string{`3:30: warning: href="other.md#x" in raw HTML is not rewritten to the page's URL`}},
		{"careers/ladder.md", false, nil},
	} {
		d := New(WithUnsafe(tc.unsafe)).Parse(Input{Path: tc.path, Body: []byte(body), BodyLine: 1})
		got := strings.Split(strings.TrimSpace(d.Diags.String()), "\n")
		if len(tc.want) == 0 && got[0] == "" {
			continue
		}
		ok := len(got) == len(tc.want)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.HasPrefix(got[i], tc.path+":"+tc.want[i])
		}
		if !ok {
			t.Errorf("%s, unsafe %v:\n%s", tc.path, tc.unsafe, d.Diags.String())
		}
	}
}

func ids(html string) string {
	ids, _ := scanHTML(nil, nil, []byte(html))
	return strings.Join(ids, " ")
}

// TestRawHTMLLinksIncluded checks that a relative URL in raw HTML an
// included file brings is reported on any page, naming the page, since
// it is relative to that page's URL.
func TestRawHTMLLinksIncluded(t *testing.T) {
	lines := func(line int) (string, int) {
		if line >= 3 {
			return "_inc/frag.md", line - 2
		}
		return "docs/README.md", line + 1
	}
	body := "# T\n\n<img src=\"pic.png\">\n"
	d := New(WithUnsafe(true)).Parse(Input{Path: "docs/README.md", Body: []byte(body), BodyLine: 2, Lines: lines})
	want := `_inc/frag.md:1:1: warning: src="pic.png" in raw HTML is not rewritten, and on the site it is relative to the URL of docs/README.md, which includes this file`
	if got := d.Diags.String(); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 {
		t.Errorf("got %s\nwant %s…", got, want)
	}
}
