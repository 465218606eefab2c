package markdown

import (
	"bytes"
	"testing"
)

// FuzzGitbookEmbeds checks that rewriting GitBook's embeds keeps every
// byte's place and every line end, and changes only the tags' lines.
func FuzzGitbookEmbeds(f *testing.F) {
	for _, s := range []string{"{% embed url=\"https://a.example/b\" %}\n", "  {% embed url=\"https://a.example\" %}\r\ncap\n{% endembed %}", "```\n{% embed url=\"https://x.example\" %}\n```\n", "{% embed url=\"rel\" %}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out := gitbookEmbeds(src)
		if len(out) != len(src) {
			t.Fatalf("length %d, want %d", len(out), len(src))
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatal("line ends changed")
		}
		outLines := bytes.Split(out, []byte("\n"))
		for i, l := range bytes.Split(src, []byte("\n")) {
			if o := outLines[i]; !bytes.Equal(o, l) && !bytes.Contains(l, []byte("embed")) {
				t.Fatalf("line %d changed: %q became %q", i+1, l, o)
			}
		}
	})
}
