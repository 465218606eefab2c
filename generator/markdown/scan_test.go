package markdown

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/wikilink"
)

// regexTagParser is inlineTagParser as it was before its scans were
// memoised: the patterns applied to the whole rest of the line. A
// [!DNL …] or [!UICONTROL …] tag whose "[" pairs with a "]" is opened
// (see tagspan.go): its opening is returned as a delimiter.
type regexTagParser struct{}

func (regexTagParser) Trigger() []byte { return []byte{'[', ']'} }

func (regexTagParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if line[0] == ']' {
		return nil // the parent is nil: no tag is ever open
	}
	pairs := findBrackets(line, 0)
	if m := tagOpenRE.FindSubmatchIndex(line); m != nil && strings.ToLower(string(line[m[2]:m[3]])) != "badge" && pairs.closeOf(0) >= 0 {
		d := parser.NewDelimiter(false, false, m[1], '[', tagDelimiter{})
		d.Segment = text.NewSegment(seg.Start, seg.Start+m[1])
		block.Advance(m[1])
		return d
	}
	if m := linkedTagRE.FindSubmatchIndex(line); m != nil {
		link := ast.NewLink()
		link.Destination = line[m[6]:m[7]]
		if m[8] >= 0 {
			link.Title = line[m[8]:m[9]]
		}
		link.AppendChild(link, &InlineTag{Tag: strings.ToLower(string(line[m[2]:m[3]])), Value: strings.TrimSpace(string(line[m[4]:m[5]]))})
		block.Advance(m[1])
		return link
	}
	m := inlineTagRE.FindSubmatchIndex(line)
	if b := findBrackets(line, 0); m != nil && b.closeOf(0) >= m[1] {
		m = nestedTag(line[:b.closeOf(0)+1]) // nested tags
	}
	if m == nil {
		return nil
	}
	tag := &InlineTag{Tag: strings.ToLower(string(line[m[2]:m[3]])), Value: strings.TrimSpace(string(line[m[4]:m[5]]))}
	if strings.Contains(tag.Value, "[!") {
		tag.Raw, tag.Value = tag.Value, strings.TrimSpace(InlineText(tag.Value))
	}
	end := m[1]
	if tag.Tag == "badge" {
		if a := attrListRE.FindSubmatchIndex(line[end:]); a != nil {
			attrs := parseAttrs(string(line[end+a[2] : end+a[3]]))
			tag.BadgeType, tag.Tooltip = attrs["type"], attrs["tooltip"]
			end += a[1]
		}
	}
	block.Advance(end)
	_ = seg
	return tag
}

// describe prints what a parser returned, for comparison.
func describe(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case nil:
		return "nil"
	case *ast.Link:
		t := n.FirstChild().(*InlineTag)
		return "link " + string(n.Destination) + "|" + string(n.Title) + "|" + t.Tag + "|" + t.Value
	case *InlineTag:
		return "tag " + n.Tag + "|" + n.Value + "|" + n.BadgeType + "|" + n.Tooltip
	case *parser.Delimiter:
		return "open " + string(n.Segment.Value(src))
	case *wikilink.Node:
		label := n.FirstChild().(*ast.Text).Segment
		return "wiki " + string(n.Target) + "|" + string(n.Fragment) + "|" + string(label.Value(src)) + "|" + map[bool]string{true: "embed"}[n.Embed]
	}
	return "?"
}

// compareInlineParsers feeds random lines made of pieces to two inline
// parsers at each of their trigger bytes, as goldmark does, each with a
// context of its own kept for the whole page, and fails when they return
// different nodes or consume different lengths.
func compareInlineParsers(t *testing.T, pieces []string, got, want parser.InlineParser) {
	t.Helper()
	triggers := string(got.Trigger())
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 5000 {
		var b strings.Builder
		lines := 1 + rng.IntN(3)
		for l := range lines {
			for range rng.IntN(30) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			if l < lines-1 || rng.IntN(2) == 0 {
				b.WriteByte('\n')
			}
		}
		src := []byte(b.String())
		segs := text.NewSegments()
		for start := 0; start < len(src); {
			end := len(src)
			if i := strings.IndexByte(string(src[start:]), '\n'); i >= 0 {
				end = start + i + 1
			}
			segs.Append(text.NewSegment(start, end))
			start = end
		}
		r1, r2 := text.NewBlockReader(src, segs), text.NewBlockReader(src, segs)
		pc1, pc2 := parser.NewContext(), parser.NewContext()
		for {
			line, seg := r1.PeekLine()
			if line == nil {
				break
			}
			if !strings.ContainsRune(triggers, rune(line[0])) {
				r1.Advance(1)
				r2.Advance(1)
				continue
			}
			n1, n2 := got.Parse(nil, r1, pc1), want.Parse(nil, r2, pc2)
			_, s1 := r1.PeekLine()
			_, s2 := r2.PeekLine()
			if d1, d2 := describe(n1, src), describe(n2, src); d1 != d2 || s1 != s2 {
				t.Fatalf("round %d, %q at %d: got %s (now at %d), want %s (now at %d)", round, src, seg.Start, d1, s1.Start, d2, s2.Start)
			}
			if n1 == nil {
				r1.Advance(1)
				r2.Advance(1)
			}
		}
	}
}

func TestInlineTagParserMatchesPatterns(t *testing.T) {
	compareInlineParsers(t, []string{"[", "[!", "[[!", "[[!DNL ", "[!DNL ", "[!badge\t", "[!UIControl ", "[!FOO ", " ", "\t", "x", "]", "](", "]](", "]](x", "]](/a)", ")", "(", `"`, ` "t")`, "{type=info}", "{", "}", "\f", "y z"},
		inlineTagParser{}, regexTagParser{})
}

func TestWikilinkParserMatchesLibrary(t *testing.T) {
	compareInlineParsers(t, []string{"[", "[[", "![[", "!", "]", "]]", "|", "#", "a", "b c", " ", "Page", "[[Page", "|label", "#frag", "(", "](x)"},
		wikilinkParser{}, &libraryWikilinks{})
}

// libraryWikilinks is go.abhg.dev/goldmark/wikilink's parser with the rules
// playbook adds: a target with a bracket names no page, so that
// [[!DNL New Relic] guide](url) is left to the link parser, and neither
// does one followed by a link's destination, so that [[1]](#sources) is
// too.
type libraryWikilinks struct{ wikilink.Parser }

func (p *libraryWikilinks) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	open := 0
	switch {
	case bytes.HasPrefix(line, []byte("[[")):
		open = 2
	case bytes.HasPrefix(line, []byte("![[")):
		open = 3
	}
	if stop := bytes.Index(line, []byte("]]")); open > 0 && stop >= open && (bytes.ContainsAny(line[open:stop], "[]") || bytes.HasPrefix(line[stop+2:], []byte("(")) && inlineLinkAt(line[stop+2:])) {
		return nil
	}
	return p.Parser.Parse(parent, block, pc)
}

// TestInlineLinkAtMatchesGoldmark checks inlineLinkAt against goldmark
// itself (CommonMark, without wikilinks): after "[[a]]", a line that
// starts with "(" makes a link exactly when inlineLinkAt says so, for
// every string of up to five characters that matter to link
// destinations and titles, closed or not.
func TestInlineLinkAtMatchesGoldmark(t *testing.T) {
	md := goldmark.New()
	const chars = `()<>"' \x`
	var buf bytes.Buffer
	var walk func(b []byte)
	walk = func(b []byte) {
		line := append([]byte("("), b...)
		buf.Reset()
		if err := md.Convert(append([]byte("[[a]]"), line...), &buf); err != nil {
			t.Fatal(err)
		}
		if got, want := inlineLinkAt(append(line, '\n')), bytes.Contains(buf.Bytes(), []byte("<a href")); got != want {
			t.Fatalf("inlineLinkAt(%q) = %v, goldmark makes a link: %v (%s)", line, got, want, buf.Bytes())
		}
		if len(b) == 5 {
			return
		}
		for i := range len(chars) {
			walk(append(b, chars[i]))
		}
	}
	walk(nil)
}
