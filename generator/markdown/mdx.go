package markdown

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// isMDX reports whether the page at p is an MDX file (.mdx), as
// Docusaurus and Next.js write pages.
func isMDX(p string) bool { return strings.EqualFold(path.Ext(p), ".mdx") }

// blankMDXComments returns src with each MDX comment, {/* … */}, written
// over with spaces, its line ends kept, so that positions stay where they
// were: MDX leaves the comments out, and read as Markdown their "*" would
// be emphasis. A comment in a fenced code block or a code span on one
// line is code, and stays. It returns src itself when it has none. No
// library reads MDX comments for goldmark, so this is written here.
func blankMDXComments(src []byte) []byte {
	if !bytes.Contains(src, []byte("{/*")) {
		return src
	}
	out := bytes.Clone(src)
	var fence []byte // the open fence's marker run, or nil
	midLine := false // start is where a comment over lines ended
	for start := 0; start < len(out); {
		end := lineEnd(out, start)
		line := out[start:end]
		if next, ok := fenceStep(fence, line); ok && !midLine {
			fence = next
			start = end + 1
			continue
		}
		if fence != nil {
			start = end + 1
			continue
		}
		start, midLine = blankLineComments(out, start, end)
	}
	return out
}

// lineEnd returns where the line that starts at start ends: at its "\n",
// or at the end of b.
func lineEnd(b []byte, start int) int {
	if i := bytes.IndexByte(b[start:], '\n'); i >= 0 {
		return start + i
	}
	return len(b)
}

// fenceStep returns the fence open after line, given the one open before
// it (fence, the marker run, or nil), and whether line opens or closes
// one. A fence is closed by a run of its character at least as long with
// nothing after it: "```go" inside "```" is code.
func fenceStep(fence, line []byte) ([]byte, bool) {
	run := fenceRun(line)
	switch {
	case run == nil:
		return fence, false
	case fence == nil:
		return run, true
	case run[0] == fence[0] && len(run) >= len(fence) && len(bytes.TrimSpace(bytes.TrimLeft(line, " ")[len(run):])) == 0:
		return nil, true
	}
	return fence, false
}

// fenceRun returns the run of ``` or ~~~ (three or more) that line opens
// or closes a fenced code block with, after at most three spaces, or nil.
func fenceRun(line []byte) []byte {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return nil
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return t[:n]
}

// blankLineComments blanks the comments that start on the line
// out[start:end], outside its code spans, and returns where to go on: the
// next line, or, with midLine set, the end of a comment that runs over
// lines.
func blankLineComments(out []byte, start, end int) (next int, midLine bool) {
	for i := start; i < end; i++ {
		switch {
		case out[i] == '`':
			n := 1
			for i+n < end && out[i+n] == '`' {
				n++
			}
			// The code span ends at the next run of as many backticks.
			run := bytes.Repeat([]byte{'`'}, n)
			j := i + n
			for {
				k := bytes.Index(out[j:end], run)
				if k < 0 {
					j = -1
					break
				}
				j += k
				if j+n == end || out[j+n] != '`' {
					break
				}
				for j < end && out[j] == '`' {
					j++
				}
			}
			if j < 0 {
				i += n - 1
				continue
			}
			i = j + n - 1
		case bytes.HasPrefix(out[i:], []byte("{/*")):
			k := bytes.Index(out[i+3:], []byte("*/}"))
			if k < 0 {
				return end + 1, false // not closed: text
			}
			stop := i + 3 + k + 3
			for j := i; j < stop; j++ {
				if out[j] != '\n' {
					out[j] = ' '
				}
			}
			if stop > end {
				return stop, true // over lines: on after its end
			}
			i = stop - 1
		}
	}
	return end + 1, false
}

// jsxLinkRE matches the opening tag of the link component of Docusaurus,
// Gatsby and Next.js, <Link to="/guide/"> or <Link href="/guide/">; the
// address is group 1 or 2 (in double or single quotes).
var jsxLinkRE = regexp.MustCompile(`^<Link\s(?:[^>]*\s)?(?:to|href)=(?:"([^"]*)"|'([^']*)')[^>]*>$`)

// jsxLinkTransformer makes each <Link to="…">text</Link> of a paragraph
// a Markdown link to the address, as the site it was written for renders
// it: an <a href>, whose address playbook resolves and checks, and which
// counts for the page it leads to. A <Link> is paired with the next
// </Link> among its siblings, unless another <Link> opens first; one
// inside a link stays as it is, as does one without its </Link>. No
// goldmark extension reads JSX, so this is written here.
type jsxLinkTransformer struct{}

func (jsxLinkTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("<Link")) {
		return
	}
	// The tags in document order: each parent's children come in order.
	var tags []*ast.RawHTML
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Link, *ast.Image:
			return ast.WalkSkipChildren, nil // no link in a link
		case *ast.RawHTML:
			if t := n.Segments.Value(src); entering && (bytes.HasPrefix(t, []byte("<Link")) || string(bytes.TrimSpace(t)) == "</Link>") {
				tags = append(tags, n)
			}
		}
		return ast.WalkContinue, nil
	})
	type pair struct {
		open, end *ast.RawHTML
		dest      []byte
	}
	var pairs []pair
	var open *ast.RawHTML // the last opening tag not closed yet
	var dest []byte
	for _, n := range tags {
		t := n.Segments.Value(src)
		if t[1] != '/' {
			open, dest = nil, nil
			if m := jsxLinkRE.FindSubmatch(t); m != nil {
				open, dest = n, slices.Concat(m[1], m[2])
			}
			continue
		}
		if open != nil && open.Parent() == n.Parent() {
			pairs = append(pairs, pair{open, n, dest})
		}
		open = nil
	}
	for _, p := range pairs {
		link := ast.NewLink()
		link.Destination = p.dest
		if p.open.Segments.Len() > 0 {
			link.SetPos(p.open.Segments.At(0).Start) // where a broken link is
		}
		parent := p.open.Parent()
		for c := p.open.NextSibling(); c != p.end; {
			next := c.NextSibling()
			link.AppendChild(link, c) // takes c from parent
			c = next
		}
		parent.ReplaceChild(parent, p.open, link)
		parent.RemoveChild(parent, p.end)
	}
}
