package markdown

import (
	"bytes"

	emoji "github.com/yuin/goldmark-emoji"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark-emoji/definition"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"
)

// emojiTransformer turns GitHub's and GitLab's emoji shortcodes (":tada:")
// into goldmark-emoji's nodes, which emojiRenderer writes as the
// characters themselves. It runs once the links are made, as GitHub puts
// in emoji after its parser has linked URLs: a shortcode in a URL
// ("http://host/v1/:id:/items") stays part of it. (goldmark-emoji's own
// parser runs while the text is parsed, before bare URLs are linked.)
type emojiTransformer struct{ defs definition.Emojis }

func newEmojiTransformer() emojiTransformer { return emojiTransformer{defs: definition.Github()} }

// emojiRenderer writes an emoji node as its characters.
func emojiRenderer() renderer.NodeRenderer {
	return emoji.NewHTMLRenderer(emoji.WithRenderingMethod(emoji.Unicode).(emoji.RendererOption))
}

func (t emojiTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if bytes.IndexByte(src, ':') < 0 {
		return
	}
	var parents []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindAutoLink, ast.KindCodeSpan, ast.KindRawHTML, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, wikilink.Kind, KindInlineTag:
			return ast.WalkSkipChildren, nil
		}
		if n.FirstChild() != nil {
			parents = append(parents, n)
		}
		return ast.WalkContinue, nil
	})
	// A shortcode may span the text nodes goldmark splits
	// "heavy_check_mark" into at its underscores.
	for _, p := range parents {
		eachTextRun(p, func(first, last *ast.Text) { t.run(p, first, last, src) })
	}
}

// run replaces the text nodes first to last with text and emoji when
// their text holds a shortcode. Each ":" is looked at once.
func (t emojiTransformer) run(p ast.Node, first, last *ast.Text, src []byte) {
	start, stop := first.Segment.Start, last.Segment.Stop
	var out []ast.Node
	changed := false
	cur := start
	for i := start; i < stop; {
		k := bytes.IndexByte(src[i:stop], ':')
		if k < 0 {
			break
		}
		i += k
		j := i + 1
		for j < stop && isShortcodeByte(src[j]) {
			j++
		}
		if j == i+1 || j == stop || src[j] != ':' || escaped(src, i) {
			i = j
			continue
		}
		name := src[i+1 : j]
		e, ok := t.defs.Get(util.BytesToReadOnlyString(name))
		icon := !ok && materialIcon(name)
		if !ok && !icon {
			i = j // the closing ":" may open the next one
			continue
		}
		if i > cur {
			out = append(out, ast.NewTextSegment(text.NewSegment(cur, i)))
		}
		cur, changed = j+1, true
		if !icon {
			out = append(out, emojiast.NewEmoji(name, e))
		} else {
			// The attribute list that styles the icon goes with it:
			// ":material-clock-fast:{ .lg .middle }", and so does the
			// space after it at the start of the text or after a space.
			cur = iconAttrsEnd(src, cur, stop)
			if cur < stop && src[cur] == ' ' && (i == start || src[i-1] == ' ') {
				cur++
			}
		}
		i = cur
	}
	if changed {
		replaceRun(p, first, last, out, cur)
	}
}

// materialIcon reports whether a shortcode names an icon of MkDocs
// Material's icon sets (":octicons-arrow-right-24:", ":material-account:"),
// which a handbook moved from it keeps: the icons are tens of thousands of
// pictures playbook does not ship, and their names are no text, so they
// are left out.
func materialIcon(name []byte) bool {
	for _, set := range []string{"material-", "octicons-", "fontawesome-", "simple-"} {
		if rest, ok := bytes.CutPrefix(name, []byte(set)); ok && len(rest) > 0 {
			return true
		}
	}
	return false
}

// iconAttrsEnd returns where the attribute list that starts at i ends,
// "{ .lg .middle }" on one line before stop (read as the attribute lists
// of blocks are, parseAttrList), or i when none starts there.
func iconAttrsEnd(src []byte, i, stop int) int {
	if i >= stop || src[i] != '{' {
		return i
	}
	k := bytes.IndexAny(src[i:stop], "}\n")
	if k < 0 || src[i+k] != '}' {
		return i
	}
	if _, ok := parseAttrList(string(src[i+1 : i+k])); !ok {
		return i
	}
	return i + k + 1
}

// isShortcodeByte reports whether c may be part of an emoji's short name,
// as goldmark-emoji reads one.
func isShortcodeByte(c byte) bool {
	return isASCIILetter(c) || isDigit(c) || c == '_' || c == '-' || c == '+'
}
