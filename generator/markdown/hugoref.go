package markdown

import (
	"bytes"
	"regexp"
)

// hugoRefRE matches a link whose destination is Hugo's relref or ref
// shortcode, "]({{< relref "guide/setup.md#ssh" >}})", with the path
// quoted or not; the path is group 1 or 2.
var hugoRefRE = regexp.MustCompile(`\]\(\s*\{\{[<%]\s*(?:rel)?ref\s+(?:"([^"\n]*)"|([^\s"{}]+))\s*[%>]\}\}\s*\)`)

// hugoRefLinks writes the destination of each link that Hugo's relref or
// ref shortcode makes as the path it names, in place of the shortcode, so
// that goldmark reads a link (a shortcode is no destination, so the link
// was text) and playbook resolves and checks it as any other. The path is
// padded with spaces, which may follow a destination, to the shortcode's
// length: every offset in the page stays where it was, for positions.
// Fenced code is left as written. src is not changed; a page with a
// rewritten link gets a copy.
//
// Written here: no goldmark extension reads Hugo's shortcodes.
func hugoRefLinks(src []byte) []byte {
	if !bytes.Contains(src, []byte("ref ")) || !bytes.Contains(src, []byte("]({{")) {
		return src
	}
	out := src
	var fence []byte // the open fence's marker run, or nil
	for start := 0; start < len(out); {
		end := bytes.IndexByte(out[start:], '\n')
		if end < 0 {
			end = len(out)
		} else {
			end += start
		}
		line := out[start:end]
		if run := fenceRun(line); run != nil && (fence == nil || run[0] == fence[0] && len(run) >= len(fence)) {
			if fence == nil {
				fence = run
			} else {
				fence = nil
			}
		} else if fence == nil && bytes.Contains(line, []byte("]({{")) {
			for _, m := range hugoRefRE.FindAllSubmatchIndex(line, -1) {
				if &out[0] == &src[0] {
					out = bytes.Clone(src)
					line = out[start:end]
				}
				from, to := m[2], m[3]
				if from < 0 {
					from, to = m[4], m[5]
				}
				dest := line[from:to]
				writeDest(line[m[0]+2:m[1]-1], dest)
			}
		}
		start = end + 1
	}
	return out
}

// writeDest writes dest over span, in angle brackets when it holds a
// space, and spaces after it; dest lies within span, which is longer.
func writeDest(span, dest []byte) {
	d := append([]byte(nil), dest...)
	if bytes.ContainsAny(d, " \t") {
		d = append(append([]byte{'<'}, d...), '>')
	}
	n := copy(span, d)
	for i := n; i < len(span); i++ {
		span[i] = ' '
	}
}
