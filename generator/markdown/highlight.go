package markdown

import (
	"bytes"
	"cmp"
	"html"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/playbookhq/playbook/generator/diag"
)

// codeRenderer highlights code blocks with chroma, writing CSS classes
// rather than inline styles so one stylesheet serves light and dark mode.
type codeRenderer struct {
	// lexers caches chroma's lexer lookup by language name: a name chroma
	// does not know makes it match every lexer's file patterns, which cost
	// more than highlighting the block.
	lexers sync.Map // string → chroma.Lexer (nil for none)
}

func newCodeRenderer() *codeRenderer { return &codeRenderer{} }

func (r *codeRenderer) lexer(lang string) chroma.Lexer {
	if l, ok := r.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexers.Get(lang)
	if lx != nil {
		lx = chroma.Coalesce(lx)
	}
	r.lexers.Store(lang, lx)
	return lx
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
	reg.Register(ast.KindCodeBlock, r.render)
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	lang, code := fenceLang(n, src), string(n.Lines().Value(src))
	if lang == "rust" {
		code = hideRustLines(code)
	}
	if lang == diagramLang {
		// The theme's script draws it (see Doc.Diagrams); where scripts
		// do not run, its source shows as text.
		_, _ = w.WriteString(DiagramStart)
		_, _ = w.WriteString(html.EscapeString(code))
		_, _ = w.WriteString("</pre>\n")
		return ast.WalkSkipChildren, nil
	}
	if lang == mathLang {
		writeMath(w, []byte(code), true)
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<div class="code-block">`)
	if head := cmp.Or(fenceTitle(n, src), lang); head != "" {
		_, _ = w.WriteString(`<span class="code-lang">` + html.EscapeString(head) + `</span>`)
	}
	// The block scrolls sideways when a line is long: a keyboard reaches
	// it and a screen reader names it (WCAG 2.1.1).
	_, _ = w.WriteString(`<pre class="chroma" tabindex="0" role="region" aria-label="`)
	if !holeFor(w, holeCodeLabel, 0, true) {
		_, _ = w.WriteString(html.EscapeString(regionLabel(n, attrCodeLabel, "Code")))
	}
	if lang != "" {
		_, _ = w.WriteString(` (` + html.EscapeString(lang) + `)`)
	}
	_, _ = w.WriteString(`"><code`)
	if lang != "" {
		_, _ = w.WriteString(` class="language-` + html.EscapeString(lang) + `"`)
	}
	_, _ = w.WriteString(`>`)
	r.highlight(w, lang, code)
	_, _ = w.WriteString("</code></pre></div>\n")
	return ast.WalkSkipChildren, nil
}

// diagramLang is the language of a code block that is a diagram: Mermaid,
// which GitHub and GitLab draw from the same fence. Writing the block out
// takes a few lines, so it is done here, where the other fences are, rather
// than with an extension that would take the node from this renderer.
const diagramLang = "mermaid"

// DiagramStart is how a diagram starts in a page's HTML: its source
// follows, escaped, for the theme's script to draw. The preview knows a
// page with a diagram by it.
const DiagramStart = `<pre class="mermaid">`

// maxDiagram is the most characters Mermaid draws in one diagram (its
// maxTextSize); it shows a longer one as an error box.
const maxDiagram = 50000

// diagramComment matches a Mermaid comment or directive line.
var diagramComment = regexp.MustCompile(`^\s*%%`)

// checkDiagram warns about a Mermaid diagram that cannot be drawn: one
// with nothing to draw, and one longer than Mermaid takes.
func (d *Doc) checkDiagram(n *ast.FencedCodeBlock, src []byte) {
	pos, text := d.Pos(n.Info.Segment.Start), string(n.Lines().Value(src))
	empty := true
	for l := range strings.Lines(text) {
		if strings.TrimSpace(l) != "" && !diagramComment.MatchString(l) {
			empty = false
			break
		}
	}
	switch n := utf8.RuneCountInString(text); {
	case empty:
		d.Diags.AddKind("diagram", diag.Warning, pos, "the Mermaid diagram is empty: it shows as an empty box")
	case n > maxDiagram:
		d.Diags.AddKind("diagram", diag.Warning, pos, "the Mermaid diagram has %d characters, and Mermaid draws at most %d: split it, or it shows as an error box", n, maxDiagram)
	}
}

// fenceLang returns the language a code block names, lower-cased, or "".
func fenceLang(n ast.Node, src []byte) string {
	f, ok := n.(*ast.FencedCodeBlock)
	if !ok || f.Info == nil {
		return ""
	}
	// The info string may hold only a space goldmark keeps (a vertical
	// tab), which Fields drops.
	words := strings.Fields(string(f.Info.Segment.Value(src)))
	if len(words) == 0 {
		return ""
	}
	// MyST's code directives name the language after them: "{code} yaml".
	switch strings.ToLower(words[0]) {
	case "{code}", "{code-block}", "{sourcecode}", "{code-cell}":
		if len(words) > 1 {
			return strings.ToLower(words[1])
		}
	}
	first := words[0]
	if first == "{" && len(words) > 1 { // PyMdown's "{ .python title="x" }"
		first = words[1]
	}
	// mdBook's and R Markdown's attributes follow a comma: "rust,ignore",
	// "{r, echo=FALSE}".
	lang, _, _ := strings.Cut(first, ",")
	if strings.Contains(lang, "=") {
		return "" // attributes alone, as MkDocs writes 'title="setup.py"'
	}
	return strings.Trim(strings.ToLower(lang), "{}.")
}

// fenceTitleRE matches the title attribute of a code block's info string,
// as MkDocs Material and Docusaurus write it: title="setup.py",
// title='setup.py' or title=setup.py.
var fenceTitleRE = regexp.MustCompile(`(?:^|[\s{,])title=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))`)

// fenceTitle returns the title a code block's info string gives it, as
// MkDocs Material and Docusaurus show above the code (a file's name), or
// "".
func fenceTitle(n ast.Node, src []byte) string {
	f, ok := n.(*ast.FencedCodeBlock)
	if !ok || f.Info == nil {
		return ""
	}
	m := fenceTitleRE.FindSubmatch(f.Info.Segment.Value(src))
	if m == nil {
		return ""
	}
	return strings.TrimSpace(string(bytes.Join(m[1:], nil)))
}

// hideRustLines leaves out the lines of Rust code that rustdoc and mdBook
// hide, "# " and a lone "#" (after any indent), which make an example
// compile without showing its setup, and writes "##" as "#". Rust has no
// other line that starts so: an attribute is "#[" or "#!".
func hideRustLines(code string) string {
	if !strings.Contains(code, "#") {
		return code
	}
	var b strings.Builder
	for line := range strings.Lines(code) {
		rest := strings.TrimLeft(line, " \t")
		switch {
		case strings.TrimRight(rest, "\r\n") == "#" || strings.HasPrefix(rest, "# "):
			continue
		case strings.HasPrefix(rest, "##"):
			line = line[:len(line)-len(rest)] + rest[1:]
		}
		b.WriteString(line)
	}
	return b.String()
}

// highlight writes code as spans with chroma's CSS class names. chroma's
// own HTML formatter rebuilds its style tables on every call, which made it
// the most expensive step of a build; the class names alone need only
// chroma.StandardTypes.
func (r *codeRenderer) highlight(w util.BufWriter, lang, code string) {
	var lexer chroma.Lexer
	if lang != "" {
		lexer = r.lexer(lang)
	}
	if lexer == nil {
		_, _ = w.WriteString(html.EscapeString(code))
		return
	}
	toks, err := stableTokens(lexer, code)
	if err != nil {
		_, _ = w.WriteString(html.EscapeString(code))
		return
	}
	for _, tok := range toks {
		class := tokenClass(tok.Type)
		if tok.Type == chroma.Error {
			// What the lexer could not read (a bare URL in an HTTP
			// block): chroma's styles paint it on red, as a mistake in
			// the code, which it rarely is. It shows as plain text.
			class = ""
		}
		if class != "" {
			_, _ = w.WriteString(`<span class="`)
			_, _ = w.WriteString(class)
			_, _ = w.WriteString(`">`)
		}
		_, _ = w.WriteString(html.EscapeString(tok.Value))
		if class != "" {
			_, _ = w.WriteString(`</span>`)
		}
	}
}

// suspectAfter is how long lexing a block may take before its tokens are
// suspected of a timed-out match (see stableTokens).
const suspectAfter = 50 * time.Millisecond

// stableTokens returns the tokens of code, the same on every build. chroma
// gives each regular expression match 250 ms of wall-clock time (a bound on
// patterns that backtrack for hours), and a match that runs out counts as
// no match: on a loaded machine, a thread paused in the middle of a match
// turns a space into an error token, and two builds of the same page
// differ. A pass that held an error token or took long enough for that is
// checked by lexing the block again, until two passes agree (at most three
// passes, for a block that runs out of time on every one).
func stableTokens(lexer chroma.Lexer, code string) ([]chroma.Token, error) {
	var prev []chroma.Token
	for range 3 {
		start := time.Now()
		toks, err := chroma.Tokenise(lexer, nil, code)
		switch {
		case err != nil:
			return nil, err
		case prev != nil && slices.Equal(prev, toks),
			prev == nil && time.Since(start) < suspectAfter && !slices.ContainsFunc(toks, isError):
			return toks, nil
		}
		prev = toks
	}
	return prev, nil
}

func isError(t chroma.Token) bool { return t.Type == chroma.Error }

// tokenClass returns the short class chroma's stylesheets use for a token
// type, falling back to its category and sub-category.
func tokenClass(t chroma.TokenType) string {
	for _, tt := range []chroma.TokenType{t, t.SubCategory(), t.Category()} {
		if c, ok := chroma.StandardTypes[tt]; ok {
			return c
		}
	}
	return ""
}

// HighlightCSS returns the stylesheet for highlighted code: the light chroma
// style for print and light screens, the dark one for dark screens. Each
// sits in its own media query, because a style only writes the classes it
// colours and the light colours must not show through the dark style.
// Unknown style names fall back to chroma's default.
func HighlightCSS(light, dark string) []byte {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var b bytes.Buffer
	b.WriteString("/* Code highlighting generated from the chroma styles \"" + light + "\" and \"" + dark + "\". */\n")
	b.WriteString("@media print, not all and (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(light))
	b.WriteString("}\n")
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(dark))
	b.WriteString("}\n")
	return b.Bytes()
}
