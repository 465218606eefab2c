package render

import (
	"bytes"
	"testing"
)

// FuzzJekyllHTML checks that the HTML after front matter is the end of
// the file, after a whole line "---" that is not the first, on the line
// said, and that a file without front matter is published whole.
func FuzzJekyllHTML(f *testing.F) {
	f.Add([]byte("---\nlayout: default\n---\n<h1>Not found</h1>\n"))
	f.Add([]byte("---\r\nlayout: x\r\n---\r\n<p>x</p>"))
	f.Add([]byte("---\nunclosed: yes\n<p>x</p>"))
	f.Add([]byte("<p>---</p>\n---\n"))
	f.Add([]byte("\xef\xbb\xbf--- \nlayout: x\n...\t\n<p>x</p>"))
	f.Add([]byte("---js\n{ to: `x` }\n---\n<p>x</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		body, line := jekyllHTML(data)
		if line == 0 {
			if !bytes.Equal(body, data) {
				t.Fatal("a file without front matter changed")
			}
			return
		}
		head := bytes.TrimPrefix(data[:len(data)-len(body)], []byte("\xef\xbb\xbf"))
		lines := bytes.Count(head, []byte("\n"))
		if !bytes.HasSuffix(head, []byte("\n")) {
			lines++ // the closing line ends the file
		}
		if !bytes.HasSuffix(data, body) || !bytes.HasPrefix(head, []byte("---")) || line < 2 || lines != line {
			t.Fatalf("front matter %q ending on line %d, body %q", head, line, body)
		}
		last := bytes.TrimRight(bytes.TrimSuffix(head, []byte("\n")), " \t\r")
		if !bytes.HasSuffix(last, []byte("\n---")) && !bytes.HasSuffix(last, []byte("\n...")) {
			t.Fatalf("front matter %q does not end with a line ---", head)
		}
	})
}
