package markdown

import (
	"strings"
	"testing"
)

// TestAppendHTMLIDs checks which ids raw HTML declares: id on any element
// and name on <a>, in any case and quoting, and nothing from comments,
// end tags, other attributes' values or text.
func TestAppendHTMLIDs(t *testing.T) {
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
		if got := strings.Join(appendHTMLIDs(nil, []byte(tc.html)), " "); got != tc.want {
			t.Errorf("%s: ids %q, want %q", tc.html, got, tc.want)
		}
	}
}
