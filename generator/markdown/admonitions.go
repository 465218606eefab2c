package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The admonitions of the tools handbooks move from are read as callouts,
// so that a handbook moved to playbook keeps its notes and warnings instead
// of showing their markers as text:
//
//	:::note Title          Docusaurus (also :::note[Title]); more colons
//	Text.                  nest, and a line of at least as many colons
//	:::                    closes
//
//	!!! warning "Title"    MkDocs Material and Python-Markdown; the text
//	    Text.              is indented four spaces; ??? and ???+ (the
//	                       collapsible forms) show open
//
//	{% hint style="info" %}   GitBook
//	Text.
//	{% endhint %}
//
//	{{< hint warning >}}   Hugo's shortcodes for callouts: hint (the Book
//	Text.                  theme), alert (Docsy; its color is the kind,
//	{{< /hint >}}          its title the title) and notice (the Learn
//	                       theme); with < or %
//
//	<Alert level="info">   MDX's callout components: Sentry's Alert,
//	  Text.                Docusaurus' Admonition, Nextra's Callout and
//	</Alert>               Mintlify's Note, Tip, Warning, Info, Check;
//	                       the text may be indented (MDX has no indented
//	                       code), and is read without the indent of its
//	                       first line
//
//	=== "Linux"            MkDocs Material's content tabs: the text is
//	    Text.              indented as in an admonition, and tabs one after
//	=== "macOS"            another are one group (===! starts another);
//	    Text.              they become the Tabs of Experience League's
//	                       [!BEGINTABS] (tabs.go)
//
// No goldmark extension reads these forms and renders the callouts playbook
// already has (GitHub's "> [!NOTE]" and Experience League's ">[!NOTE]"), so
// this block parser is written here.

// The opening lines, without the indentation before them. Titles are
// submatch 1; a Docusaurus title may hold brackets ("[See [docs](x.md)]"),
// and what Docusaurus reads as attributes ("{#id .class}") is left out.
var (
	colonOpen  = regexp.MustCompile(`^(:{3,})[ \t]*([A-Za-z][A-Za-z0-9_-]*)(?:\[(.*)\]|[ \t]+([^{\s][^{]*?))?[ \t]*(?:\{[^{}]*\})?[ \t]*$`)
	mkdocsOpen = regexp.MustCompile(`^(?:!!!|\?\?\?\+?)[ \t]*([A-Za-z][A-Za-z0-9_-]*)((?:[ \t]+[A-Za-z][A-Za-z0-9_-]*)*)(?:[ \t]+"(.*)")?[ \t]*$`)
	tabOpen    = regexp.MustCompile(`^===([!+]{0,2})[ \t]+"(.*)"[ \t]*$`)
	// hintOpen takes a hint's attributes in any order: style, and
	// GitBook's icon, which the callout's own icon stands in for.
	hintOpen  = regexp.MustCompile(`^\{%-?[ \t]*hint((?:[ \t]+[A-Za-z][A-Za-z0-9_-]*[ \t]*=[ \t]*(?:"[^"%]*"|'[^'%]*'|[^\s"'%]+))+)[ \t]*-?%\}[ \t]*$`)
	hintStyle = regexp.MustCompile(`(?:^|[ \t])style[ \t]*=[ \t]*["']?([A-Za-z]+)["']?(?:[ \t]|$)`)
	hintClose = regexp.MustCompile(`^\{%-?[ \t]*endhint[ \t]*-?%\}[ \t]*$`)
	// hugoOpen and hugoClose match Hugo's callout shortcodes: the name,
	// and the parameters (a kind, or key="value" pairs).
	hugoOpen  = regexp.MustCompile(`^\{\{[<%][ \t]*(hint|alert|notice)\b([^<>%{}]*?)[ \t]*[>%]\}\}[ \t]*$`)
	hugoClose = regexp.MustCompile(`^\{\{[<%][ \t]*/(hint|alert|notice)[ \t]*[>%]\}\}[ \t]*$`)
	jsxOpen   = regexp.MustCompile(`^<(Alert|Admonition|Callout|Note|Tip|Warning|Info|Check)((?:[ \t]+[A-Za-z][\w-]*(?:=(?:"[^"]*"|'[^']*'))?)*)[ \t]*>[ \t]*$`)
	jsxAttr   = regexp.MustCompile(`([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)')`)
	hugoParam = regexp.MustCompile(`(?:^|[ \t])(?:([A-Za-z]+)[ \t]*=[ \t]*)?(?:"([^"]*)"|'([^']*)'|([^\s"'=]+))`)
)

// admonitionForm is which of the forms above an open callout was written in.
type admonitionForm int

const (
	formColons admonitionForm = iota
	formIndented
	formHint
	formHugo
	formJSX
	formTab       // an indented MkDocs content tab
	formBackticks // MyST's ```{note}, read by mystFenceParser
)

// admonitionState is what the parser keeps of an open callout: its form;
// for colons, how many opened it; for a tab, whether it starts a group of
// its own (===!).
type admonitionState struct {
	form     admonitionForm
	colons   int
	newGroup bool
	// myst is set on MyST's form of colons (":::{note}"), whose text may
	// start with options (":class: dropdown"), which are not shown.
	myst bool
	// mark is the character of a MyST fence: '`' or '~'.
	mark byte
	// shortcode is the name of a Hugo shortcode's callout ("hint") or of
	// an MDX component ("Alert"), which its closing line names.
	shortcode string
	// dedent is how much of each line's indent an MDX component's text
	// loses: its first line's, up to 4; -1 before that line.
	dedent int
}

// indented reports whether the callout's text is indented below its
// opening line (MkDocs), rather than closed by a line of its own.
func (s admonitionState) indented() bool { return s.form == formIndented || s.form == formTab }

// maxOpenAdmonitions is how many fenced admonitions may be open at once;
// a further opening line is text. goldmark asks every open block about
// each line, so a page of n unclosed ":::note" lines would cost n²/2.
const maxOpenAdmonitions = 32

// admonitionKey holds the fenced callouts (colons or hints) open around
// the current line, innermost last: a closing line closes the innermost
// only, as in Docusaurus, though goldmark asks the outer ones first.
var admonitionKey = parser.NewContextKey()

// admonitionParser is a goldmark block parser for the three forms.
type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{':', '!', '?', '{', '=', '<'} }

func (admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if pos, _ := util.IndentWidth(line, reader.LineOffset()); pos > 3 {
		return nil, parser.NoChildren
	}
	indent := len(line) - len(bytes.TrimLeft(line, " \t"))
	trimmed := bytes.TrimRight(line[indent:], "\r\n")
	if len(trimmed) == 0 {
		return nil, parser.NoChildren
	}
	c, title := openLine(trimmed, pc) // title: its bounds in trimmed
	if c == nil {
		return nil, parser.NoChildren
	}
	if !c.fence.indented() && len(openAdmonitions(pc)) >= maxOpenAdmonitions {
		return nil, parser.NoChildren
	}
	if !c.fence.indented() {
		c.Unclosed = true
		pc.Set(admonitionKey, append(openAdmonitions(pc), c))
	}
	if title != nil {
		t := text.NewSegment(seg.Start+indent+title[0], seg.Start+indent+title[1])
		t = t.TrimLeftSpace(reader.Source())
		if t = t.TrimRightSpace(reader.Source()); !t.IsEmpty() {
			ct := &CalloutTitle{}
			ct.Lines().Append(t)
			c.AppendChild(c, ct)
		}
	}
	advanceLine(reader, line)
	return c, parser.HasChildren
}

// openLine returns the callout that an opening line (trimmed, from its
// first mark) opens, in any of the forms above, and where its title is in
// the line; nil for another line.
func openLine(trimmed []byte, pc parser.Context) (*Callout, []int) {
	switch trimmed[0] {
	case ':':
		return openColons(trimmed)
	case '!', '?':
		m := mkdocsOpen.FindSubmatchIndex(trimmed)
		if m == nil {
			return nil, nil
		}
		c := newFencedCallout(string(trimmed[m[2]:m[3]]))
		c.fence = admonitionState{form: formIndented}
		if m[6] < 0 {
			return c, nil
		}
		c.NoTitle = m[6] == m[7] // !!! note "": no title bar
		return c, m[6:8]
	case '=':
		m := tabOpen.FindSubmatchIndex(trimmed)
		if m == nil {
			return nil, nil
		}
		// The title is inline Markdown, as in pymdownx.tabbed.
		c := &Callout{Name: "tab", fenced: true}
		c.fence = admonitionState{form: formTab, newGroup: bytes.ContainsRune(trimmed[m[2]:m[3]], '!')}
		pc.Set(tabsKey, true)
		return c, m[4:6]
	case '`', '~':
		return openBackticks(trimmed)
	case '<':
		return openJSX(trimmed)
	case '{':
		if bytes.HasPrefix(trimmed, []byte("{{")) {
			return openHugo(trimmed)
		}
		m := hintOpen.FindSubmatch(trimmed)
		if m == nil {
			return nil, nil
		}
		style := hintStyle.FindSubmatch(m[1])
		if style == nil {
			return nil, nil
		}
		c := newFencedCallout(string(style[1]))
		c.fence = admonitionState{form: formHint}
		return c, nil
	}
	return nil, nil
}

// openColons returns the callout that a line of colons opens (trimmed,
// from its first colon), in the form of Docusaurus or MyST, and where
// its title is in the line; nil for another line.
func openColons(trimmed []byte) (*Callout, []int) {
	probe, myst := mystDirective(trimmed)
	m := colonOpen.FindSubmatchIndex(probe)
	if m == nil {
		return nil, nil
	}
	c := newFencedCallout(string(probe[m[4]:m[5]]))
	c.fence = admonitionState{form: formColons, colons: m[3] - m[2], myst: myst}
	switch {
	case m[6] >= 0:
		return c, m[6:8]
	case m[8] >= 0:
		return c, m[8:10]
	}
	return c, nil
}

// openHugo returns the callout that a Hugo shortcode opens (trimmed),
// "{{< hint warning >}}", "{{% alert title="Note" color="warning" %}}" or
// "{{% notice tip %}}", and where its title is in the line; nil for
// another line. A kind the callouts lack (Docsy's colors primary,
// secondary, light and dark) is "info".
func openHugo(trimmed []byte) (*Callout, []int) {
	m := hugoOpen.FindSubmatchIndex(trimmed)
	if m == nil {
		return nil, nil
	}
	params := trimmed[m[4]:m[5]]
	var kind string
	var title []int
	for _, p := range hugoParam.FindAllSubmatchIndex(params, -1) {
		v := 4 // p[v], p[v+1]: the value in params, quoted or not
		for v < len(p) && p[v] < 0 {
			v += 2
		}
		if v >= len(p) {
			continue
		}
		var key string
		if p[2] >= 0 {
			key = string(params[p[2]:p[3]])
		}
		switch {
		case key == "" && kind == "" || key == "type" || key == "color" || key == "style":
			kind = string(params[p[v]:p[v+1]])
		case key == "title":
			title = []int{m[4] + p[v], m[4] + p[v+1]}
		}
	}
	switch strings.ToLower(kind) {
	case "", "primary", "secondary", "light", "dark":
		kind = "info"
	}
	c := newFencedCallout(kind)
	c.fence = admonitionState{form: formHugo, shortcode: string(trimmed[m[2]:m[3]])}
	return c, title
}

// openJSX returns the callout that an MDX component opens (trimmed),
// "<Alert level="warning" title="Important">" or "<Note>", and where its
// title is in the line; nil for another line. The kind is the level,
// type or variant, else the component's name ("info" for Alert,
// Admonition and Callout, "success" for Check).
func openJSX(trimmed []byte) (*Callout, []int) {
	if len(trimmed) < 2 || trimmed[1] < 'A' || trimmed[1] > 'W' {
		return nil, nil // most lines of HTML: <div>, </p>
	}
	m := jsxOpen.FindSubmatchIndex(trimmed)
	if m == nil {
		return nil, nil
	}
	name := string(trimmed[m[2]:m[3]])
	kind := strings.ToLower(name)
	switch name {
	case "Alert", "Admonition", "Callout":
		kind = "info"
	case "Check":
		kind = "success"
	}
	var title []int
	attrs := trimmed[m[4]:m[5]]
	for _, a := range jsxAttr.FindAllSubmatchIndex(attrs, -1) {
		v := []int{m[4] + a[4], m[4] + a[5]}
		if a[4] < 0 {
			v = []int{m[4] + a[6], m[4] + a[7]}
		}
		switch string(attrs[a[2]:a[3]]) {
		case "level", "type", "variant":
			kind = string(trimmed[v[0]:v[1]])
		case "title":
			title = v
		}
	}
	c := newFencedCallout(kind)
	c.fence = admonitionState{form: formJSX, shortcode: name, dedent: -1}
	return c, title
}

// openBackticks returns the callout that MyST's ```{note} Title opens
// (trimmed, from its first backtick) and where its title is in the line;
// nil for another line, a fence of code included.
func openBackticks(trimmed []byte) (*Callout, []int) {
	m := mystFenceRE.FindSubmatchIndex(trimmed)
	if m == nil || !mystAdmonitions[strings.ToLower(string(trimmed[m[4]:m[5]]))] {
		return nil, nil
	}
	c := newFencedCallout(string(trimmed[m[4]:m[5]]))
	c.fence = admonitionState{form: formBackticks, colons: m[3] - m[2], myst: true, mark: trimmed[0]}
	return c, m[6:8]
}

func (admonitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	c := node.(*Callout)
	line, seg := reader.PeekLine()
	if c.fence.indented() {
		if util.IsBlank(line) {
			return parser.Continue | parser.HasChildren
		}
		pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
		if pos < 0 {
			return parser.Close // and no lazy continuation: lazyBreakParser
		}
		reader.AdvanceAndSetPadding(pos, padding)
		return parser.Continue | parser.HasChildren
	}
	if c.fence.form == formJSX && !util.IsBlank(line) {
		w, _ := util.IndentWidth(line, reader.LineOffset())
		if c.fence.dedent < 0 {
			c.fence.dedent = min(w, 4)
		}
		if n := min(w, c.fence.dedent); n > 0 {
			pos, padding := util.IndentPosition(line, reader.LineOffset(), n)
			reader.AdvanceAndSetPadding(pos, padding)
			line, seg = reader.PeekLine()
		}
	}
	stack := openAdmonitions(pc)
	if len(stack) == 0 || stack[len(stack)-1] != c || inOpenCodeFence(c, reader.Source(), seg.Start) {
		return parser.Continue | parser.HasChildren
	}
	if pos, _ := util.IndentWidth(line, reader.LineOffset()); pos > 3 {
		return parser.Continue | parser.HasChildren // indented code
	}
	trimmed := bytes.TrimSpace(line)
	closes := false
	switch c.fence.form {
	case formColons:
		n := countColons(trimmed)
		closes = n >= c.fence.colons && n == len(trimmed)
	case formBackticks:
		n := len(trimmed) - len(bytes.TrimLeft(trimmed, string(c.fence.mark)))
		closes = n >= c.fence.colons && n == len(trimmed)
	case formHint:
		closes = hintClose.Match(trimmed)
	case formHugo:
		m := hugoClose.FindSubmatch(trimmed)
		closes = m != nil && string(m[1]) == c.fence.shortcode
	case formJSX:
		closes = string(trimmed) == "</"+c.fence.shortcode+">"
	}
	if closes {
		c.Unclosed = false
		advanceLine(reader, line)
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// advanceLine moves the reader past line, an opening or closing line,
// but not past its newline, which ends the block; the last line of a
// file may have none.
func advanceLine(reader text.Reader, line []byte) {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	reader.Advance(n)
}

func (admonitionParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	c := node.(*Callout)
	if c.Unclosed {
		if line, _ := reader.PeekLine(); line != nil {
			c.endsWithParent = true // a list item or quote around it ended
		}
	}
	stack := openAdmonitions(pc)
	if i := len(stack) - 1; i >= 0 && stack[i] == node {
		pc.Set(admonitionKey, stack[:i])
	}
}

// unclosedMessage says where an admonition without its closing line ends
// and which line would close it.
func (c *Callout) unclosedMessage() string {
	closing := strings.Repeat(":", c.fence.colons)
	switch c.fence.form {
	case formHint:
		closing = "{% endhint %}"
	case formHugo:
		closing = "{{< /" + c.fence.shortcode + " >}}"
	case formJSX:
		closing = "</" + c.fence.shortcode + ">"
	case formBackticks:
		closing = strings.Repeat(string(c.fence.mark), c.fence.colons)
	}
	where := "the page"
	if c.endsWithParent {
		switch c.Parent().(type) {
		case *ast.ListItem:
			where = "its list item"
		case *ast.Blockquote:
			where = "its quote"
		case *Callout:
			where = "the admonition around it"
		default:
			where = "the block around it"
		}
	}
	return fmt.Sprintf("admonition %q runs to the end of %s: add a line %q after its text", c.Name, where, closing)
}

func (admonitionParser) CanInterruptParagraph() bool { return true }

func (admonitionParser) CanAcceptIndentedLine() bool { return false }

// openAdmonitions returns the fenced callouts open around the current
// line, innermost last.
func openAdmonitions(pc parser.Context) []*Callout {
	s, _ := pc.Get(admonitionKey).([]*Callout)
	return s
}

// inOpenCodeFence reports whether the last block in n, at any depth, is a
// fenced code block still open at offset at, the start of the current
// line: a ":::" in a code sample closes nothing. The block is open when
// its last line (or its opening line) ends where the current line starts.
func inOpenCodeFence(n ast.Node, src []byte, at int) bool {
	last := n.LastChild()
	for last != nil && last.LastChild() != nil && last.Type() == ast.TypeBlock {
		if _, ok := last.(*ast.FencedCodeBlock); ok {
			break
		}
		last = last.LastChild()
	}
	fc, ok := last.(*ast.FencedCodeBlock)
	if !ok {
		return false
	}
	end := fc.Pos()
	if l := fc.Lines(); l.Len() > 0 {
		end = l.At(l.Len() - 1).Stop
	} else if i := bytes.IndexByte(src[min(end, len(src)):], '\n'); end >= 0 && i >= 0 {
		end += i + 1
	}
	return end >= 0 && end <= at && len(bytes.TrimSpace(src[end:at])) == 0
}

func newFencedCallout(kind string) *Callout {
	c := newCallout(strings.ToLower(kind))
	c.fenced = true
	if c.Name == "caution" {
		c.style = "warning" // as Docusaurus and MkDocs show it
	}
	return c
}

// mystFenceRE matches the opening line of a MyST directive in backticks,
// "```{note} Title": the run, the name, and the title.
var mystFenceRE = regexp.MustCompile("^(`{3,}|~{3,})\\{([A-Za-z][\\w-]*)\\}[ \t]*(.*)$")

// mystFenceParser reads MyST's callouts in backticks (```{note}), which
// goldmark's fenced code would read as code: it comes before that parser
// and, for the callouts' names alone, opens an admonition instead.
type mystFenceParser struct{ admonitionParser }

func (mystFenceParser) Trigger() []byte { return []byte{'`', '~'} }

// mystNameRE matches the braced name of a MyST directive, "{note}".
var mystNameRE = regexp.MustCompile(`^\{([A-Za-z][\w-]*)\}`)

// mystAdmonitions are the MyST directives read as callouts.
var mystAdmonitions = map[string]bool{
	"note": true, "tip": true, "hint": true, "important": true, "warning": true, "caution": true,
	"attention": true, "danger": true, "error": true, "seealso": true, "admonition": true, "dropdown": true,
}

// mystDirective returns the opening line of colons as colonOpen reads
// it: MyST's ":::{note} Title" with the braces around a callout's name
// written over with spaces, so that places in it stay, and myst set; any
// other line as it is.
func mystDirective(line []byte) (probe []byte, myst bool) {
	i := countColons(line)
	rest := bytes.TrimLeft(line[i:], " \t")
	m := mystNameRE.FindSubmatchIndex(rest)
	if m == nil || !mystAdmonitions[strings.ToLower(string(rest[m[2]:m[3]]))] {
		return line, false
	}
	probe = bytes.Clone(line)
	at := len(line) - len(rest)
	probe[at], probe[at+m[1]-1] = ' ', ' '
	return probe, true
}

func countColons(b []byte) int {
	n := 0
	for n < len(b) && b[n] == ':' {
		n++
	}
	return n
}
