package markdown

import (
	"bytes"
	"regexp"
	"strings"
)

// hugoRef is Hugo's relref or ref shortcode, {{< relref "guide/setup.md#ssh" >}},
// with the path quoted (the first group) or not (the second).
const hugoRef = `\{\{[<%]\s*(?:rel)?ref\s+(?:"([^"\n]*)"|([^\s"{}]+))\s*[%>]\}\}`

var (
	// hugoRefRE matches a link whose destination is hugoRef,
	// "]({{< relref "guide/setup.md#ssh" >}})", with a title after it or
	// not: the shortcode is group 1, the path group 2 or 3.
	hugoRefRE = regexp.MustCompile(`\]\(\s*(` + hugoRef + `)\s*(?:"[^"\n]*"|'[^'\n]*')?\s*\)`)
	// hugoRefDefRE matches a reference definition whose destination is
	// hugoRef, "[guide]: {{< relref "guide.md" >}}", with a title after it
	// or not; the groups are hugoRefRE's.
	hugoRefDefRE = regexp.MustCompile(`^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(` + hugoRef + `)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*$`)
	// hugoRefDestRE matches a destination that is hugoRef and nothing
	// else, with the path group 1 or 2: what goldmark reads of a reference
	// definition, [guide]: <{{% relref "guide.md" %}}>, or of a link with
	// its destination in <…>.
	hugoRefDestRE = regexp.MustCompile(`^\s*` + hugoRef + `\s*$`)
)

// hugoRefPath returns the path that a destination of Hugo's relref or ref
// shortcode names, or dest itself: links whose destination hugoRefLinks
// cannot rewrite before the page is parsed (a reference definition's, or
// one in <…>) are resolved as the path too.
func hugoRefPath(dest string) string {
	if !strings.Contains(dest, "ref") {
		return dest
	}
	if m := hugoRefDestRE.FindStringSubmatch(dest); m != nil {
		return m[1] + m[2]
	}
	return dest
}

// hugoRefLinks writes the destination of each link and reference
// definition that Hugo's relref or ref shortcode makes as the path it names, in place of the shortcode, so
// that goldmark reads a link (a shortcode is no destination, so the link
// was text) and playbook resolves and checks it as any other. The path is
// padded with spaces, which may follow a destination, to the shortcode's
// length: every offset in the page stays where it was, for positions.
// src is not changed; a page with a rewritten link gets a copy.
//
// It runs before the page is parsed, so it leaves alone whatever may be
// code (see codeLines): a fenced block, in a quote or a list item too, an
// indented block, a <pre> element and a code span. A link it misses
// there stays text, with a hugo-shortcode warning.
//
// Written here: no goldmark extension reads Hugo's shortcodes.
func hugoRefLinks(src []byte) []byte {
	inline := bytes.Contains(src, []byte("]({{"))
	defs := bytes.Contains(src, []byte("]:")) && bytes.Contains(src, []byte("ref"))
	if !inline && !defs {
		return src
	}
	out := src
	var code codeLines
	for start := 0; start < len(out); {
		end := lineEnd(out, start)
		line := out[start:end]
		if code.skip(line) {
			start = end + 1
			continue
		}
		var ms [][]int
		if inline && bytes.Contains(line, []byte("]({{")) {
			ms = hugoRefRE.FindAllSubmatchIndex(line, -1)
		}
		if defs && bytes.Contains(line, []byte("]:")) {
			ms = append(ms, hugoRefDefRE.FindAllSubmatchIndex(line, -1)...)
		}
		for _, m := range ms {
			if bytes.Count(line[:m[0]], []byte("`"))%2 == 1 {
				continue // in a code span
			}
			if &out[0] == &src[0] {
				out = bytes.Clone(src)
				line = out[start:end]
			}
			from, to := m[4], m[5]
			if from < 0 {
				from, to = m[6], m[7]
			}
			writeDest(line[m[2]:m[3]], line[from:to])
		}
		start = end + 1
	}
	return out
}

// codeLines follows, line by line, whether a line may be code, by its
// marks alone: a fence of ``` or ~~~ after any quote marks, list marker
// and indent; a line indented four spaces after a blank line or another
// such line; the lines of a <pre> element. It errs on the side of code.
type codeLines struct {
	fence []byte // the open fence's marker run, or nil
	// indentable is set where an indented line would be code: after a
	// blank line or indented code, and on the first line.
	indentable bool
	pre        bool // in a <pre> element
	started    bool
}

// skip reports whether line may be code, and takes it into account.
func (c *codeLines) skip(line []byte) bool {
	t := bytes.TrimLeft(line, " \t>")
	if len(t) > 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ' {
		t = bytes.TrimLeft(t[2:], " \t")
	}
	indentable := c.indentable || !c.started
	c.started = true
	if next, ok := fenceStep(c.fence, t); ok {
		c.fence, c.indentable = next, false
		return true
	}
	if c.fence != nil {
		return true
	}
	lower := bytes.ToLower(line)
	switch {
	case c.pre:
		c.pre = !bytes.Contains(lower, []byte("</pre"))
		return true
	case bytes.Contains(lower, []byte("<pre")):
		c.pre = !bytes.Contains(lower, []byte("</pre"))
		return true
	}
	indented := bytes.HasPrefix(line, []byte("    ")) || bytes.HasPrefix(line, []byte("\t"))
	if len(bytes.TrimSpace(line)) == 0 {
		c.indentable = true
		return false
	}
	c.indentable = indented && indentable
	return c.indentable
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
