package markdown

import (
	"bytes"
	"testing"
)

// FuzzBlankMDXComments checks that blanking an .mdx page's comments keeps
// its length and its line ends, and changes only bytes to spaces.
func FuzzBlankMDXComments(f *testing.F) {
	for _, s := range []string{"a {/* b */} c\n", "{/* a\n\nb */}\n", "```\n{/* x */}\n```\n", "`{/*` {/* x */} `*/}`", "{/* open\n", "~~~~\n{/* */}\n~~~\n~~~~\n{/**/}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out := blankMDXComments(src)
		if len(out) != len(src) {
			t.Fatalf("length %d, want %d", len(out), len(src))
		}
		for i := range src {
			if out[i] != src[i] && (out[i] != ' ' || src[i] == '\n') {
				t.Fatalf("byte %d: %q became %q", i, src[i], out[i])
			}
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatal("line ends changed")
		}
	})
}
