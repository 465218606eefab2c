package markdown

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/yuin/goldmark"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"
	"golang.org/x/net/html/atom"

	"github.com/playbookhq/playbook/generator/diag"
)

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	md     goldmark.Markdown
	unsafe bool
	// noWiki leaves [[…]] as text (WithoutWikilinks).
	noWiki bool
	// backslashMath reads \(…\) and \[…\] as math (WithBackslashMath).
	backslashMath bool
	// liquidComments takes Liquid's comments out (WithLiquidComments).
	liquidComments bool
	// bufs holds the buffers pages are prepared in (*[]byte), which
	// Parse copies the HTML out of, and those Render unpacks it into.
	bufs sync.Pool
	// packed keeps the pages' prepared HTML compressed (WithPackedHTML).
	packed bool
}

// Option configures a Converter.
type Option func(*Converter)

// WithUnsafe lets raw HTML in Markdown through. By default it is escaped and
// shown as text.
func WithUnsafe(unsafe bool) Option { return func(c *Converter) { c.unsafe = unsafe } }

// WithPackedHTML keeps each page's prepared HTML compressed, for
// converters whose pages are kept for long and rendered again and again,
// as a preview keeps every page of the site: Render unpacks it each time.
// At 10,000 pages the prepared HTML took 157 MB, which the garbage
// collector then had to make room for on top of the rest; unpacking a
// page costs a few microseconds.
func WithPackedHTML() Option { return func(c *Converter) { c.packed = true } }

// WithoutWikilinks reads [[…]] as the text it is, as Hugo, whose sites
// write TOML's [[menus.main]] in their pages, and CommonMark do, instead
// of as a wikilink.
func WithoutWikilinks() Option { return func(c *Converter) { c.noWiki = true } }

// Wikilinks reports whether c reads [[…]] as wikilinks.
func (c *Converter) Wikilinks() bool { return !c.noWiki }

// WithBackslashMath reads \(…\) in a line and \[…\] on lines of their own
// as math, as MkDocs' arithmatex and Hugo's passthrough extension do.
// Without it they are the escaped brackets CommonMark reads, as GitHub,
// GitLab and GitBook show them (GitBook writes every parenthesis of a
// page's text as \( and \)).
func WithBackslashMath() Option { return func(c *Converter) { c.backslashMath = true } }

// BackslashMath reports whether c reads \(…\) and \[…\] as math.
func (c *Converter) BackslashMath() bool { return c.backslashMath }

// WithLiquidComments takes Liquid's {% comment %}…{% endcomment %} out of
// a page, as Jekyll and Eleventy do, whose authors keep notes in them that
// the site must not publish. Without it they are text, as GitHub shows
// them, with the warning any Liquid tag gets.
func WithLiquidComments() Option { return func(c *Converter) { c.liquidComments = true } }

// LiquidComments reports whether c takes Liquid's comments out.
func (c *Converter) LiquidComments() bool { return c.liquidComments }

// New returns a Converter with GFM, footnotes, definition lists, heading
// attributes, callouts and chroma highlighting.
func New(opts ...Option) *Converter {
	c := &Converter{}
	for _, o := range opts {
		o(c)
	}
	c.md = newMarkdown(c.unsafe, false, true)
	return c
}

// newMarkdown returns the goldmark instance of a Converter. With plain,
// it uses goldmark's parsers as they come (extension.GFM and
// extension.Footnote; its block parsers with the one change that reads
// JSX links, see blockParsers), for tests that compare them with the hardened ones
// (see harden.go). With record, its renderer can prepare a page (see
// prepare.go); tests turn it off to render a tree as goldmark does.
func newMarkdown(unsafe, plain, record bool) goldmark.Markdown {
	opts := []goldmark.Option{goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(blockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	))}
	if !plain {
		// First, since the options below add to the parser.
		opts[0] = goldmark.WithParser(hardenedParser())
	}
	opts = append(opts,
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(),
			parser.WithInlineParsers(util.Prioritized(inlineTagParser{}, 99)),
			// Before goldmark's paragraph (1000), after its lists (300).
			// DocFX's directive lines before the admonitions, which would
			// read them as openings.
			parser.WithBlockParsers(util.Prioritized(docfxParser{}, 749), util.Prioritized(admonitionParser{}, 750), util.Prioritized(ialLineParser{}, 998), util.Prioritized(lazyBreakParser{}, 999)),
			// Before goldmark's fenced code (700).
			parser.WithBlockParsers(util.Prioritized(mystFenceParser{}, 690)),
			parser.WithParagraphTransformers(util.Prioritized(tocMarkerTransformer{}, 50), util.Prioritized(mystTargetTransformer{}, 51), util.Prioritized(embedTransformer{}, 52), util.Prioritized(mystOptionsTransformer{}, 53)),
			// Before goldmark's raw HTML (900).
			parser.WithBlockParsers(util.Prioritized(mdInHTMLParser{}, 740)),
			parser.WithASTTransformers(
				util.Prioritized(jsxLinkTransformer{}, 85),
				util.Prioritized(autolinkTransformer{}, 90),
				util.Prioritized(newEmojiTransformer(), 95),
				util.Prioritized(calloutTransformer{}, 100),
				util.Prioritized(contentTabTransformer{}, 105),
				util.Prioritized(mystFenceTransformer{}, 106),
				util.Prioritized(structureTransformer{}, 110),
				util.Prioritized(attributeTransformer{}, 120),
			),
		),
		goldmark.WithRendererOptions(
			// goldmark's renderer stays in safe mode so that it never writes
			// javascript: and similar URLs; raw HTML is handled below.
			ghtml.WithXHTML(),
			renderer.WithNodeRenderers(
				util.Prioritized(newCodeRenderer(), 100),
				util.Prioritized(calloutRenderer{}, 100),
				util.Prioritized(embedRenderer{}, 100),
				util.Prioritized(docfxRenderer{}, 100),
				util.Prioritized(&rawHTMLRenderer{unsafe: unsafe}, 100),
				util.Prioritized(taskRenderer{}, 100),
				util.Prioritized(taskRoleRenderer{}, 100),
				util.Prioritized(inlineTagRenderer{}, 100),
				util.Prioritized(structureRenderer{}, 100),
				util.Prioritized(mdInHTMLRenderer{}, 100),
				util.Prioritized(tableRenderer{}, 100),
				util.Prioritized(emojiRenderer(), 200),
			),
		),
	)
	if plain {
		opts = append(opts,
			// extension.GFM, with Linkify's parser wrapped as hardenedGFM
			// wraps it (see tagLinkify).
			goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, definitionLists{}),
			// Below goldmark's link parser (200), as wikilink.Extender
			// installs its own.
			goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(wikilinkParser{}, 199),
				util.Prioritized(tagLinkify{extension.NewLinkifyParser()}, 999))),
		)
	} else {
		opts = append(opts, goldmark.WithExtensions(hardenedGFM{}, definitionLists{}))
	}
	opts = append(opts, goldmark.WithRendererOptions(renderer.WithNodeRenderers(
		util.Prioritized(&wikilink.Renderer{Resolver: wikiResolver{}}, 199),
	)))
	opts = append(opts, goldmark.WithExtensions(mathExtension{}))
	if record {
		// The lowest priority value is registered last, so it wins.
		opts = append(opts, goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(newRecordingRenderer(), 0),
		)))
	}
	return goldmark.New(opts...)
}

// Input is one page body to parse.
type Input struct {
	// Path names the file in diagnostics and seeds task ids.
	Path string
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
	// Title is the page's title from front matter, or "".
	Title string
	// Description is the page's description from front matter, or "".
	Description string
	// Lines, when set, maps a 1-based line of Body to the file and line it
	// came from, for bodies with included text.
	Lines func(line int) (file string, fileLine int)
	// Pasted are the files, as Lines names them, whose text is pasted in
	// Body as written (MkDocs' pymdownx.snippets): their links are the
	// page's, relative to it, where an included file's are its own.
	Pasted []string
}

// LinkFile returns the file link l of the page is relative to: the file
// its text comes from, or the page's for text pasted as written (see
// Input.Pasted).
func (d *Doc) LinkFile(l Link) string {
	if slices.Contains(d.in.Pasted, l.Pos.File) {
		return d.in.Path
	}
	return l.Pos.File
}

// Doc is a parsed page: the facts read from it, and its HTML prepared for
// Render. It is read-only once Parse returns, so Render may be called on
// it any number of times, from several goroutines at once.
type Doc struct {
	// Title is the text of the first level-1 heading, or "".
	Title string
	// TitleHTML is the HTML of the page's title heading (see
	// Heading.IsTitle), if it has one: the page shows it as its heading,
	// in place of the title. Links in it are text.
	TitleHTML string
	// FrontTitle and Description are the text of Input's Title and
	// Description, their inline Markdown and tags read (see
	// Converter.Inline); FrontTitleHTML and DescriptionHTML their HTML.
	FrontTitle, FrontTitleHTML   string
	Description, DescriptionHTML string
	// Headings lists every heading in order.
	Headings []Heading
	// Labels are the page's MyST targets, "(label)=" lines, which the page
	// does not show.
	Labels []Label
	// Links lists every link and image destination in order.
	Links []Link
	// Tasks lists every task-list item in order.
	Tasks []Task
	// HTMLIDs lists the ids the page's raw HTML gives its elements (id on
	// any element, name on <a>), in order, when the converter lets raw
	// HTML through, and those of list items' {#id}: links may name them as
	// they name headings.
	HTMLIDs []string
	// TextHTMLIDs lists the ids raw HTML would give its elements when the
	// converter shows raw HTML as text instead, so that a link to one can
	// say why it misses.
	TextHTMLIDs []string
	// Footnotes lists the labels of the page's footnotes in the order they
	// are numbered: the note numbered n, whose id is fn:n and whose first
	// reference's is fnref:n, has the label Footnotes[n-1] ("1" for [^1]).
	Footnotes []string
	// HTMLURLs lists the src and href URLs of that raw HTML that name a
	// path of the site, which are written as they are: the model reports
	// those that miss on the site.
	HTMLURLs []HTMLURL
	// Text is the plain text of the page, for search and summaries.
	Text string
	// Diagrams says that the page has a Mermaid diagram (a ```mermaid
	// block), which its HTML holds as source for a script to draw.
	Diagrams bool
	// Math says that the page has TeX math (see math.go), which its HTML
	// holds as source for a script to draw.
	Math bool
	// Shortcodes says that the page shows a Hugo shortcode as text, which
	// Hugo would run, and which may make headings the page lacks here.
	Shortcodes bool
	// Diags are problems found in the Markdown itself, such as an
	// unclosed tab group.
	Diags diag.List

	// in is the input without its Body, which is not kept.
	in        Input
	lineStart []int32
	// lit is what showTemplates took out of the body, or nil.
	lit *literal

	// The page's HTML with the holes Render fills (see prepare.go), in
	// the order of the HTML; err is why it could not be prepared. packed
	// says that html is S2-compressed (WithPackedHTML).
	html       []byte
	packed     bool
	holes      []hole
	wikiImages []wikiImage
	// callouts and roles are the names of the page's callouts and task
	// role prefixes, in order.
	callouts []string
	roles    []string
	err      error
	// resolved keeps the links of the last render with KeepLinks.
	resolved atomic.Pointer[resolvedLinks]
}

// tree is a page's syntax tree and the nodes of it that depend on what
// Render is given. It lives while Parse prepares the page.
type tree struct {
	root      ast.Node
	src       []byte
	titleNode ast.Node
	linkNodes []linkNode
	roleNodes []*TaskRole
	// callouts and boxes are the page's callouts and task check boxes
	// (these in the order of Doc.Tasks).
	callouts []*Callout
	boxes    []*east.TaskCheckBox
	// taskOf maps a task's check box to its index in Doc.Tasks.
	taskOf map[*east.TaskCheckBox]int
	// directives are the page's DocFX directives, which collect replaces.
	directives []*DocFXDirective
	// targets is set when the parser made MyST targets (mystTargetsKey).
	targets bool
}

// Heading is one heading of a page.
type Heading struct {
	Level int
	Text  string
	// TextContent is the text as the page shows it, which GitHub and
	// Experience League make heading ids from: with the text of inline
	// tags, without the alternative text of images.
	TextContent string
	ID          string
	Pos         diag.Pos
	// IsTitle is set on the page's title heading: the level-1 heading
	// the page starts with, whether or not it repeats the title, or else
	// its first level-1 heading outside any other block when that is the
	// title (Input.Title's text, or without one the text of the page's
	// first level-1 heading, which is then the title). The page shows it as its
	// heading (Doc.TitleHTML): Render leaves it out, so its id is not on
	// the page.
	IsTitle bool `json:",omitempty"`
	// Nested is set on a heading inside another block: a quote, a list
	// item, a callout.
	Nested bool `json:",omitempty"`
	// Explicit is set on a heading whose id is given with {#id}.
	Explicit bool `json:",omitempty"`
	// Attrs is a kramdown attribute list at the end of the heading, as
	// written ("{: #setup}"), which the page does not show and GitHub
	// shows as text.
	Attrs string `json:",omitempty"`
}

// Link is one link or image destination as written.
type Link struct {
	Dest  string
	Image bool
	Pos   diag.Pos
	// NoText is set on a link written without text, as MyST writes one
	// to a target ("[](#label)"): the page shows the title of what it
	// leads to (see TextResolver), or its destination.
	NoText bool `json:",omitempty"`
}

// Task is one item of a GFM task list.
type Task struct {
	// ID is stable across edits of other items: it is derived from the
	// page, the heading above the list and the item's normalised text.
	ID string
	// Text is the item's text after any role prefix.
	Text string
	// HTML is Text as HTML with its inline code, emphasis and
	// strikethrough; links are shown as their text, since the item may be
	// shown on pages other than its own (see taskHTML).
	HTML string
	// Who is the role prefix ("Hiring manager" in "Hiring manager: book
	// the laptop"), or "".
	Who     string
	Checked bool
	// Heading is the id of the nearest heading above the item, or "".
	Heading string
	Pos     diag.Pos
	// nested is the id a nested item with a made id takes when an item
	// before it has its id: made from the item above it instead of the
	// heading, so that the same step under two items ("Order" under
	// "Laptop" and under "Phone") keeps an id of its own.
	nested string
}

type linkNode struct {
	node ast.Node
	dest string
	// file is the file the link is written in (see Input.Lines).
	file string
}

// Parse parses one page and prepares its HTML. It never fails: Markdown
// has no syntax errors.
func (c *Converter) Parse(in Input) *Doc {
	d, t := c.parseTree(in)
	if err := d.prepare(c, t); err != nil {
		d.err = fmt.Errorf("%s: the page's HTML could not be prepared: %w", in.Path, err)
	}
	d.in.Body = nil
	return d
}

// parseTree parses one page into its facts and its syntax tree.
func (c *Converter) parseTree(in Input) (*Doc, *tree) {
	if isMDX(in.Path) {
		in.Body = blankMDXComments(in.Body)
	}
	in.Body = hugoRefLinks(in.Body)
	var lit *literal
	if mayShowTemplates(in.Body, c.liquidComments) {
		in.Body, lit = showTemplates(in.Body, c.liquidComments)
	}
	d := &Doc{in: in, lineStart: lineStarts(in.Body), lit: lit}
	d.FrontTitle, d.FrontTitleHTML = c.Inline(in.Title)
	d.Description, d.DescriptionHTML = c.Inline(in.Description)
	t := &tree{src: in.Body}
	if line, what := tooDeep(in.Body); line > 0 {
		// goldmark's cost grows with the square of the nesting depth, so a
		// hostile page could stall the build; refuse it instead.
		t.root = ast.NewDocument()
		off := 0
		if line-1 < len(d.lineStart) {
			off = int(d.lineStart[line-1])
		}
		d.Diags.Add(d.Pos(off), "%s nested more than %d levels deep; flatten the structure", what, maxDepth)
		return d, t
	}
	ids := newHeadingIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	if c.noWiki {
		pc.Set(noWikiKey, true)
	}
	if c.backslashMath {
		pc.Set(backslashMathKey, true)
	}
	t.root = c.md.Parser().Parse(text.NewReader(in.Body), parser.WithContext(pc))
	t.directives, _ = pc.Get(docfxKey).([]*DocFXDirective)
	t.targets = pc.Get(mystTargetsKey) != nil
	d.collect(t, ids, c.unsafe)
	return d, t
}

// maxDepth bounds the nesting of blockquotes and lists a page may have.
const maxDepth = 100

// tooDeep returns the first line whose blockquote or list nesting exceeds
// maxDepth (judged by its quote markers and indentation), and what nests.
func tooDeep(body []byte) (int, string) {
	line := 1
	for len(body) > 0 {
		l := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			l, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		quotes, indent, markers := 0, 0, 0
	scan:
		for i := 0; i < len(l); i++ {
			switch c := l[i]; {
			case c == '>':
				quotes++
			case c == ' ':
				indent++
			case c == '\t':
				indent += 4
			case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
				markers++
			default:
				break scan
			}
		}
		if quotes > maxDepth {
			return line, "blockquotes"
		}
		if markers > maxDepth || indent > 2*maxDepth+4 {
			return line, "lists or indented blocks"
		}
		line++
	}
	return 0, ""
}

// Pos converts a byte offset in the body to a file position.
func (d *Doc) Pos(offset int) diag.Pos {
	if offset < 0 {
		return diag.Pos{File: d.in.Path, Line: d.in.BodyLine}
	}
	// lineStart is sorted; find the last start <= offset.
	lo, hi := 0, len(d.lineStart)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if int(d.lineStart[mid]) <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	line, col := lo+1, offset-int(d.lineStart[lo])+1
	col += d.lit.removedBetween(int(d.lineStart[lo]), offset)
	if d.in.Lines != nil {
		file, fl := d.in.Lines(line)
		return diag.Pos{File: file, Line: fl, Col: col}
	}
	return diag.Pos{File: d.in.Path, Line: d.in.BodyLine + line - 1, Col: col}
}

// lineStarts returns the offset of each line of b. A page is far below
// 2 GB, and the offsets are kept with its Doc.
func lineStarts(b []byte) []int32 {
	starts := make([]int32, 1, bytes.Count(b, []byte("\n"))+1)
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, int32(i+1))
		}
	}
	return starts
}

// esmImportsRE matches MDX (Docusaurus) import statements, one or more,
// over any number of lines: import X from "module", import {A, B} from
// 'module' (its names on lines of their own too), import "module", each
// with an optional ";" and a // comment after it.
var esmImportsRE = regexp.MustCompile(`^(?:\s*import\s+(?:[\w$]+(?:\s*,\s*)?)?(?:\*\s+as\s+[\w$]+|\{[^{}]*\})?\s*(?:from\s*)?(?:"[^"\n]+"|'[^'\n]+')\s*;?[ \t]*(?://[^\n]*)?)+\s*$`)

// esmExportRE matches the start of an MDX (Docusaurus) export statement,
// in the shapes JavaScript writes and prose does not: export const x = …,
// export function f(…, export class C {, export default function …,
// export default {…, export default Name;, export {a, b}; and export *
// from "…".
var esmExportRE = regexp.MustCompile(`^export\s+(?:` +
	`(?:const|let|var)\s+[\w$]+\s*[=:]` +
	`|(?:async\s+)?function\s*\*?\s*[\w$]+\s*\(` +
	`|class\s+[\w$]+\s*(?:extends\s+[\w$.]+\s*)?\{` +
	`|default\s+(?:(?:async\s+)?function\b|class\b|[({\[]|[\w$.]+\s*;?\s*(?:\n|$))` +
	`|\{[^{}\n]*\}\s*(?:from\s*(?:"[^"\n]+"|'[^'\n]+'))?\s*;?\s*(?:\n|$)` +
	`|\*\s*(?:as\s+[\w$]+\s*)?from\s*(?:"[^"\n]+"|'[^'\n]+'))`)

// exportLineRE matches a line that starts an export statement.
var exportLineRE = regexp.MustCompile(`(?m)^export\s`)

// esm says what text, a paragraph's source, is when it is MDX's
// JavaScript: "import" for import statements only, "export" when it holds
// an export statement, after imports or not; else "".
func esm(text []byte) string {
	switch {
	case bytes.HasPrefix(text, []byte("import")) && esmImportsRE.Match(text):
		return "import"
	case bytes.HasPrefix(text, []byte("export")) && esmExportRE.Match(text):
		return "export"
	case bytes.HasPrefix(text, []byte("import")):
		if at := exportLineRE.FindIndex(text); at != nil && esmImportsRE.Match(text[:at[0]]) && esmExportRE.Match(text[at[0]:]) {
			return "export"
		}
	}
	return ""
}

// dropImports leaves out the paragraphs of the page that are only MDX
// import and export statements, as Docusaurus pages start with, with a
// warning: playbook reads Markdown, and draws no component they bring in
// and runs no JavaScript. (An .mdx page's comments are gone before it is
// parsed: blankMDXComments.)
func (d *Doc) dropImports(t *tree) {
	for n := t.root.FirstChild(); n != nil; {
		next := n.NextSibling()
		if p, ok := n.(*ast.Paragraph); ok && p.Lines().Len() > 0 {
			lines := p.Lines()
			switch esm(t.src[lines.At(0).Start:lines.At(lines.Len()-1).Stop]) {
			case "import":
				d.Diags.AddKind("mdx", diag.Warning, d.Pos(lines.At(0).Start),
					"MDX import is not run: playbook reads Markdown, and draws no component it brings in; it is left out of the page")
				t.root.RemoveChild(t.root, p)
			case "export":
				d.Diags.AddKind("mdx", diag.Warning, d.Pos(lines.At(0).Start),
					"MDX export is not run: playbook reads Markdown, and runs no JavaScript; it is left out of the page")
				t.root.RemoveChild(t.root, p)
			}
		}
		n = next
	}
}

// collect reads the page's facts and text from its tree.
func (d *Doc) collect(t *tree, ids *headingIDs, unsafe bool) {
	ids.redo(t.root, t.src)
	d.dropImports(t)
	dropKramdownTOC(t)
	d.mystTargets(t)
	d.docfx(t)
	c := &collector{d: d, t: t, src: t.src, unsafe: unsafe, firstBlock: true}
	// The text is shorter than the source, less the markup: growing the
	// builder once saves a copy for each doubling.
	c.plain.Grow(len(t.src))
	_ = ast.Walk(t.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Parent() == t.root && n.Kind() != ast.KindDocument && !isComment(n, t.src) {
			defer func() { c.firstBlock = false }()
			if !c.prose && !c.rootH1 && holdsText(n, t.src) {
				defer func() { c.prose = true }()
			}
		}
		return c.visit(n), nil
	})
	d.uniqueTaskIDs(t.boxes)
	for i, l := range ids.lists {
		if i < len(d.Headings) {
			d.Headings[i].Attrs = l
		}
	}
	// Goldmark names the headings in document order, as the walk meets
	// them; should it not, no id counts as given.
	if len(ids.made) == len(d.Headings) {
		for i, made := range ids.made {
			d.Headings[i].Explicit = !made
		}
	}
	d.sameIDs()
	d.Text = strings.TrimSpace(c.plain.String())
	if shown := len(c.shownLines); shown > 0 {
		more := ""
		switch shown {
		case 1:
		case 2:
			more = " (here and on 1 more line)"
		default:
			more = fmt.Sprintf(" (here and on %d more lines)", shown-1)
		}
		if !c.shownHTML {
			// GitHub drops a tag it does not know, and a browser would
			// hide the words: unsafe = true is no help.
			d.Diags.AddKind("raw-html", diag.Warning, d.Pos(c.shownAt),
				"%s is shown as text%s, as no HTML element has that name: to show it so on GitHub too, write it in backticks or as &lt;…&gt;", c.shownTag, more)
			return
		}
		d.Diags.AddKind("raw-html", diag.Warning, d.Pos(c.shownAt),
			"raw HTML %s is shown as text%s: set unsafe = true in playbook.toml to let it through, when the handbook's authors are trusted", c.shownTag, more)
	}
}

// isElement reports whether name is an HTML element's, or a custom
// element's (with a "-"), rather than a placeholder written in angle
// brackets (<name>, <repository>). The names x/net/html knows are
// elements' and attributes', which errs towards HTML.
func isElement(name string) bool {
	return strings.Contains(name, "-") || atom.Lookup([]byte(strings.ToLower(name))) != 0
}

// sameIDs warns of a heading whose id an earlier heading of the page has:
// ids made from the text never repeat, but one given with {#id} can, and
// a link to it leads to the first.
func (d *Doc) sameIDs() {
	if !slices.ContainsFunc(d.Headings, func(h Heading) bool { return h.Explicit }) {
		return
	}
	first := make(map[string]int, len(d.Headings))
	for i, h := range d.Headings {
		j, seen := first[h.ID]
		if !seen {
			first[h.ID] = i
			continue
		}
		at := fmt.Sprintf("line %d", d.Headings[j].Pos.Line)
		if f := d.Headings[j].Pos.File; f != h.Pos.File {
			at += " of " + strings.TrimPrefix(f, "/") // one of them is in an included file
		}
		d.Diags.AddKind("duplicate-id", diag.Warning, h.Pos, "the heading's id %q is also the id of the heading at %s, where links to #%s lead: give one of them another id", h.ID, at, h.ID)
	}
}

// htmlTagRE matches the start of an HTML tag and captures its name.
var htmlTagRE = regexp.MustCompile(`</?([A-Za-z][A-Za-z0-9-]*)`)

// shownAsText counts the lines of raw HTML that the page shows as text:
// a piece at offset start, raw being its source without comments, whose
// lines that hold more than space count. A piece right after "{{" is a
// Hugo shortcode ({{<figure …>}}), reported as one when it opens.
func (c *collector) shownAsText(start int, raw []byte) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return
	}
	m := htmlTagRE.FindSubmatch(raw)
	if inShortcode(c.src, start) {
		if m != nil && !bytes.HasPrefix(raw, []byte("</")) && !c.d.lit.shown(start-2) {
			c.d.Diags.AddKind("hugo-shortcode", diag.Warning, c.d.Pos(start-2),
				"Hugo shortcode {{< %s …}} is not supported; it is shown as text", m[1])
		}
		return
	}
	pos := c.d.Pos(start)
	if c.shownLines == nil {
		c.shownAt, c.shownTag = start, "<…>"
		if m != nil {
			c.shownTag = "<" + strings.ToLower(string(m[1])) + ">"
		}
		c.shownLines = map[diag.Pos]bool{}
	}
	c.shownHTML = c.shownHTML || m == nil || isElement(string(m[1]))
	line := pos.Line
	for l := range bytes.SplitSeq(raw, []byte("\n")) {
		if len(bytes.TrimSpace(l)) > 0 {
			c.shownLines[diag.Pos{File: pos.File, Line: line}] = true
		}
		line++
	}
}

// collector holds what collect has read so far.
type collector struct {
	d      *Doc
	t      *tree
	src    []byte
	unsafe bool
	plain  strings.Builder
	// heading is the id of the last heading; firstBlock is set until the
	// first block of the page that is not a comment.
	heading    string
	firstBlock bool
	// rootH1 is set once a level-1 heading outside other blocks is read;
	// prose once a block outside others that holds text is (see holdsText).
	rootH1, prose bool
	// shownLines are the lines with raw HTML shown as text; shownAt is
	// the offset of the first piece, shownTag its tag; shownHTML is set
	// once a piece is an HTML element's tag (see isElement), not a
	// placeholder such as <name>.
	shownLines map[diag.Pos]bool
	shownAt    int
	shownTag   string
	shownHTML  bool
}

// visit reads node n, entering it, and says whether to read its children.
func (c *collector) visit(n ast.Node) ast.WalkStatus {
	switch n := n.(type) {
	case *ast.Heading:
		if erb := c.addHeading(n); !erb {
			c.d.checkUnknownTags(n, c.unsafe)
		}
		// The title heading is shown escaped above the page, as its
		// heading: its raw HTML declares nothing.
		title := c.d.Headings[len(c.d.Headings)-1].IsTitle
		// A heading's links are the page's links like any other: checked,
		// resolved and counted for the pages they link to.
		_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && m != n {
				c.addFacts(m)
			}
			if r, ok := m.(*ast.RawHTML); ok && entering && !title {
				// ## <a name="x"></a>Setup, as pages written for GitHub
				// mark a place; the heading's text is read above.
				c.inlineHTML(r, false)
			} else if ok && entering && !c.unsafe {
				// The title heading shows it as text, as the page does.
				c.shownAsText(r.Segments.At(0).Start, dropComments(r.Segments.Value(c.src)))
			}
			return ast.WalkContinue, nil
		})
		return ast.WalkSkipChildren
	case *ast.CodeSpan:
		c.d.checkMystRole(n, c.src)
		c.plain.WriteString(plainText(n, c.src))
		return ast.WalkSkipChildren
	case *ast.FencedCodeBlock:
		c.fence(n)
		return ast.WalkSkipChildren
	case *ast.RawHTML, *ast.HTMLBlock, *ast.CodeBlock:
		c.literalText(n)
		return ast.WalkSkipChildren
	case *MathInline, *MathBlock:
		// A formula is not the page's words: search leaves it out.
		c.d.Math = true
		return ast.WalkSkipChildren
	}
	c.addFacts(n)
	switch n := n.(type) {
	case *InlineTag:
		c.plain.WriteString(n.Value)
	case *ast.AutoLink:
		c.plain.Write(n.Label(c.src))
		c.d.checkXref(c.d.Pos(n.Pos()), string(n.URL(c.src)))
	case *TabPanel:
		if n.ID != "" {
			c.d.HTMLIDs = append(c.d.HTMLIDs, n.ID)
		}
	case *ast.ListItem:
		// An item's {#id} (itemID) is an id of the page, as raw HTML's are.
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				c.d.HTMLIDs = append(c.d.HTMLIDs, string(b))
			}
		}
	case *ast.Text:
		c.plain.Write(textValue(n, c.src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			c.plain.WriteByte(' ')
		}
	case *ast.String:
		c.plain.Write(n.Value)
	case *emojiast.Emoji:
		c.plain.WriteString(emojiText(n))
	}
	if n.Type() == ast.TypeBlock {
		c.plain.WriteByte('\n')
	}
	return ast.WalkContinue
}

// fence notes a fenced code block: its text is the page's, but for a
// diagram's source and a formula, which search and summaries leave out.
func (c *collector) fence(n *ast.FencedCodeBlock) {
	c.d.checkMystFence(n, c.src)
	switch fenceLang(n, c.src) {
	case diagramLang:
		c.d.Diagrams = true
		c.d.checkDiagram(n, c.src)
	case mathLang:
		c.d.Math = true
	default:
		c.literalText(n)
	}
}

// addFacts records the links, tasks and callouts of the page, and the
// problems of its blocks.
func (c *collector) addFacts(n ast.Node) {
	d := c.d
	switch n := n.(type) {
	case *east.Footnote:
		if n.Index > 0 {
			for len(d.Footnotes) < n.Index {
				d.Footnotes = append(d.Footnotes, "")
			}
			d.Footnotes[n.Index-1] = string(n.Ref)
		}
	case *ast.Link:
		if page, ok := bytes.CutPrefix(n.Destination, []byte("wiki:")); ok && len(page) > 0 {
			// MyST's link to a Wikipedia page ("wiki:Kanban").
			n.Destination = append([]byte("https://en.wikipedia.org/wiki/"), page...)
		}
		d.addLink(c.t, n, string(n.Destination), false)
		d.Links[len(d.Links)-1].NoText = n.FirstChild() == nil
	case *ast.Image:
		d.addLink(c.t, n, string(n.Destination), true)
	case *wikilink.Node:
		dest := "[[" + string(n.Target)
		if len(n.Fragment) > 0 {
			dest += "#" + string(n.Fragment)
		}
		d.addLink(c.t, n, dest+"]]", n.Embed)
	case *east.TaskCheckBox:
		d.addTask(c.t, n, c.heading)
		c.t.boxes = append(c.t.boxes, n)
	case *Callout:
		c.t.callouts = append(c.t.callouts, n)
		if n.Unclosed {
			d.Diags.AddKind("callout", diag.Warning, d.Pos(n.Pos()), "%s", n.unclosedMessage())
		}
	case *ast.Paragraph, *ast.TextBlock, *east.TableCell:
		d.checkUnknownTags(n, c.unsafe)
	case *Tabs:
		if n.Unclosed {
			d.Diags.Add(d.Pos(n.Pos()), "[!BEGINTABS] is never closed; add >[!ENDTABS] after the last tab")
		}
	case *ShadeBox:
		if n.Unclosed {
			d.Diags.Add(d.Pos(n.Pos()), "[!BEGINSHADEBOX] is never closed; add >[!ENDSHADEBOX] after its content")
		}
	}
}

// addHeading records a heading, and the page's title heading. erb says
// that it is the heading of erbTitleRE, which shows the page's title.
func (c *collector) addHeading(n *ast.Heading) (erb bool) {
	d, src := c.d, c.src
	id, _ := n.AttributeString("id")
	idStr := ""
	if b, ok := id.([]byte); ok {
		idStr = string(b)
	}
	t, shown := plainText(n, src), textContent(n, src)
	erb = n.Level == 1 && d.in.Title != "" && erbTitleRE.MatchString(strings.TrimSpace(t))
	if erb {
		t = strings.TrimSpace(d.FrontTitle)
		shown = t
	}
	d.Headings = append(d.Headings, Heading{Level: n.Level, Text: t, TextContent: shown, ID: idStr, Pos: d.Pos(n.Pos()), Nested: n.Parent() != c.t.root})
	c.heading = idStr
	// A title is the heading's words without the alternative text of its
	// images (a badge after a README's name), unless it has no others.
	ht := t
	if w := strings.TrimSpace(inlineText(n, src, textOpts{})); w != "" && w != t && !erb {
		ht = strings.Join(strings.FieldsFunc(w, func(r rune) bool { return r == ' ' }), " ")
	}
	// A level-1 heading titles the page when no text comes before it, as
	// MkDocs and Docusaurus read a title at the top of a page: a page that
	// starts with a paragraph and ends with "# References" is not titled
	// "References".
	if n.Level == 1 && d.Title == "" && n.Parent() == c.t.root && !c.prose {
		d.Title = ht
	}
	// The heading the page starts with is its heading, in place of the
	// title, even when it words it differently (as Experience League shows
	// a page). The first level-1 heading outside other blocks further down
	// is its heading when it is the title, the front matter's or the one
	// made from the first level-1 heading: shown twice otherwise, above
	// the text and in it.
	if n.Level == 1 && n.Parent() == c.t.root && !c.rootH1 {
		c.rootH1 = true
		title := d.Title
		if d.in.Title != "" {
			title = strings.TrimSpace(d.FrontTitle)
		}
		if c.firstBlock || ht == title {
			c.t.titleNode = n
			d.Headings[len(d.Headings)-1].IsTitle = true
			var b strings.Builder
			// As the title, the heading leaves out its images (a badge)
			// when it has words of its own.
			for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
				writeInline(&b, ch, src, inlineOpts{noImages: strings.TrimSpace(shown) != "", webLinks: true})
			}
			d.TitleHTML = strings.TrimSpace(b.String())
			if erb {
				d.TitleHTML = html.EscapeString(t)
			}
		}
	}
	c.plain.WriteString(t)
	c.plain.WriteByte('\n')
	return erb
}

// holdsText reports whether a block outside others holds text that a
// title heading below it would leave above the title: anything but HTML
// (a README's centred logo), a rule, a link reference definition, or a
// paragraph of images, badges and links to them alone, or of spaces.
func holdsText(n ast.Node, src []byte) bool {
	switch n.(type) {
	case *ast.HTMLBlock, *ast.ThematicBreak, *ast.LinkReferenceDefinition:
		return false
	case *ast.Paragraph:
		words := false
		_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
			switch m := m.(type) {
			case *ast.Image, *ast.RawHTML:
				return ast.WalkSkipChildren, nil
			case *ast.Text:
				// &nbsp; is space, as the text shows it.
				words = words || strings.TrimSpace(html.UnescapeString(string(m.Segment.Value(src)))) != ""
			case *ast.String:
				words = words || len(bytes.TrimSpace(m.Value)) > 0
			case *ast.CodeSpan, *ast.AutoLink:
				words = true
			}
			if words {
				return ast.WalkStop, nil
			}
			return ast.WalkContinue, nil
		})
		return words
	}
	return true
}

// erbTitleRE matches the heading GOV.UK Tech Docs pages start with,
// # <%= current_page.data.title %>, which shows the page's title from its
// front matter: on a page whose front matter has one, addHeading shows
// that title there too.
var erbTitleRE = regexp.MustCompile(`^<%=\s*current_page\.data\.title\s*%>$`)

// rawHTML reads the ids that raw HTML the page lets through declares,
// and its URLs of the site, which are not rewritten (see Doc.HTMLURLs).
// lines are the HTML's lines in the source, which raw, its comments
// dropped (dropCommentsKeepLines), holds one after the other: each URL is
// placed at the line of its tag.
func (c *collector) rawHTML(lines *text.Segments, raw []byte) {
	n := len(c.d.HTMLURLs)
	c.d.HTMLIDs, c.d.HTMLURLs = scanHTML(c.d.HTMLIDs, c.d.HTMLURLs, raw)
	for i := n; i < len(c.d.HTMLURLs); i++ {
		u := &c.d.HTMLURLs[i]
		off := -1
		if lines.Len() > 0 {
			off = lines.At(min(u.line, lines.Len()-1)).Start
		}
		u.Pos = c.d.Pos(off)
	}
}

// textHTML reads the ids of raw HTML the page shows as text.
func (c *collector) textHTML(raw []byte) {
	c.d.TextHTMLIDs, _ = scanHTML(c.d.TextHTMLIDs, nil, raw)
}

// inlineHTML reads the ids and URLs of inline raw HTML, and with text its
// text too: it is shown as text unless the site lets raw HTML through, and
// so searchable then. In an image's description it declares no id: the
// page shows the description's text alone, as the image's alt.
func (c *collector) inlineHTML(n *ast.RawHTML, text bool) {
	inImage := false
	for p := n.Parent(); p != nil && !inImage; p = p.Parent() {
		inImage = p.Kind() == ast.KindImage
	}
	if c.unsafe {
		if !inImage {
			c.rawHTML(n.Segments, dropCommentsKeepLines(n.Segments.Value(c.src)))
		}
		return
	}
	v := dropComments(n.Segments.Value(c.src))
	if !inImage {
		c.textHTML(v)
		c.shownAsText(n.Segments.At(0).Start, v)
	}
	if text {
		c.plain.Write(v)
	}
}

// literalText adds the text of raw HTML and code to the page's text.
func (c *collector) literalText(n ast.Node) {
	src := c.src
	switch n := n.(type) {
	case *ast.RawHTML:
		c.inlineHTML(n, true)
	case *ast.HTMLBlock:
		if c.unsafe {
			lines := n.Lines()
			if n.HasClosure() {
				all := text.NewSegments() // the node's Lines stay as they are
				all.AppendAll(lines.Sliced(0, lines.Len()))
				all.Append(n.ClosureLine)
				lines = all
			}
			c.rawHTML(lines, dropCommentsKeepLines(htmlBlockSource(n, src)))
			c.d.checkHTMLTemplateTags(n)
		} else {
			html := dropComments(htmlBlockSource(n, src))
			start := -1
			if n.Lines().Len() > 0 {
				start = n.Lines().At(0).Start
			}
			c.textHTML(html)
			c.shownAsText(start, html)
			c.plain.WriteByte('\n')
			c.plain.WriteString(InlineText(string(html)))
		}
	default:
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			c.plain.Write(seg.Value(src))
		}
	}
}

var unknownTagRE = regexp.MustCompile(`\[!([A-Za-z]+)[ \]]`)

// shortcodeRE matches the opening of a Hugo shortcode, {{< name or
// {{% name, which sites moving from Hugo bring along; closing ones
// ({{< /name >}}) are not matched.
var shortcodeRE = regexp.MustCompile(`\{\{([<%])\s*([A-Za-z][\w.-]*)`)

// liquidTagRE matches a Liquid tag, {% name, which Jekyll, Eleventy and
// GitBook sites bring along; closing tags ({% endif %}), the {% of a
// Hugo shortcode ({{% alert %}}) and an escaped \{% are matched too and
// left out by the caller.
var liquidTagRE = regexp.MustCompile(`\{%-?\s*([A-Za-z][\w-]*)`)

// liquidOutputRE matches the output tag of Liquid, Nunjucks and
// Handlebars, {{ item.title }} or {{ title | lower }}: a name or a path of
// names, and filters, in one pair of braces; and a site's own placeholder
// of a namespace and a name, {{generator:team_list}}. Hugo's shortcodes
// ({{< x >}}) and its template actions ({{ .Title }}) start otherwise.
var liquidOutputRE = regexp.MustCompile(`\{\{-?[ \t]*([A-Za-z_][\w]*(?:[.:][A-Za-z_][\w]*)*)[ \t]*(?:\|[^{}\n]*)?-?\}\}`)

// helperTagRE matches {{#name …}}: a directive of an mdBook preprocessor
// ({{#include}} and {{#rustdoc_include}} are expanded before the page is
// parsed; {{#playground}}, {{#title}} and a book's own are not run) or a
// Handlebars block helper ({{#each items}}).
var helperTagRE = regexp.MustCompile(`\{\{#([A-Za-z_][\w-]*)(?:[ \t][^{}\n]*)?\}\}`)

// erbTagRE matches an ERB tag, <%= name … %>, <% name … %> or <%# … %>,
// which Middleman and GOV.UK Tech Docs pages (.html.md.erb) bring along:
// closed in the same block before another "<%" opens, so that "5 <% of"
// is no tag.
var erbTagRE = regexp.MustCompile(`<%[=#-]?\s*([^\s%<]*)(?:[^%<]|%[^>]|<[^%])*%>`)

// checkUnknownTags warns about [!TAG …] inline tags the dialect does not
// have, which would otherwise show as literal text. Code spans are skipped.
func (d *Doc) checkUnknownTags(block ast.Node, unsafe bool) {
	// A tag's "!" is in the block's source lines, escaped or not, as is a
	// shortcode's "{{"; most paragraphs have neither.
	bang, braces, spaced := false, false, false
	lines := block.Lines()
	for i := 0; i < lines.Len() && !(bang && braces && spaced); i++ {
		seg := lines.At(i)
		v := seg.Value(d.in.Body)
		bang = bang || bytes.IndexByte(v, '!') >= 0
		braces = braces || mayHoldTemplateTag(v)
		spaced = spaced || mayHoldSpacedLink(v)
	}
	if !bang && !braces && !spaced {
		return
	}
	st := d.shownText(block, unsafe)
	text := st.text
	if braces {
		d.checkTemplateTags(st)
	}
	if spaced {
		d.checkSpacedLinks(st)
	}
	if !bang {
		return
	}
	for _, m := range unknownTagRE.FindAllStringSubmatchIndex(text, -1) {
		tag := strings.ToUpper(text[m[2]:m[3]])
		off := st.offset(m[0])
		if tag == "DNL" || tag == "UICONTROL" || tag == "BADGE" || escaped(d.in.Body, off) {
			continue // or escaped: \[!FOO]
		}
		if _, callout := calloutKinds[strings.ToLower(tag)]; callout {
			d.Diags.AddKind("callout", diag.Warning, d.Pos(off), "[!%s] starts a callout only on a blockquote's first line; it is shown as text (%s)", tag, calloutAdvice(block, tag))
			continue
		}
		d.Diags.AddKind("callout", diag.Warning, d.Pos(off), "unknown inline tag [!%s …]; it is shown as text", tag)
	}
}

// calloutAdvice says how a callout's marker, [!TAG], written in block
// but not first on a blockquote's first line, starts a callout: in a
// blockquote or a callout, in a new blockquote after an empty line;
// elsewhere, on a line of its own with "> " before it; not in a table.
func calloutAdvice(block ast.Node, tag string) string {
	if _, ok := block.(*east.TableCell); ok {
		return "a table cell cannot hold a callout"
	}
	for n := block.Parent(); n != nil; n = n.Parent() {
		switch n.(type) {
		case *ast.Blockquote, *Callout:
			return fmt.Sprintf("end the quote with an empty line, without \">\", and start a new one with \"> [!%s]\"", tag)
		}
	}
	return fmt.Sprintf("write it as \"> [!%s]\" on a line of its own, after an empty line, and \"> \" before each line of the callout", tag)
}

// shownText is the text a block shows as it is written, with where each
// of its pieces is in the source.
type shownText struct {
	text string
	// starts[k] is where the k-th piece starts in text, offsets[k] where
	// it starts in the source.
	starts, offsets []int
}

// offset returns where in the source the text at i is, or -1.
func (t shownText) offset(i int) int {
	k := sort.SearchInts(t.starts, i+1) - 1
	if k < 0 {
		return -1
	}
	return t.offsets[k] + i - t.starts[k]
}

// shownText gathers the text the block shows as it is written: in
// emphasis and link text too, not in code, raw HTML, autolinks or images'
// descriptions. Other inline nodes are a space, so that no tag is read
// across them. When unsafe lets raw HTML through, raw HTML right after
// "{{" is text too: it is a Hugo shortcode written without spaces
// ("{{<info>}}"), which shows as text (shownAsText reports it otherwise).
func (d *Doc) shownText(block ast.Node, unsafe bool) shownText {
	var b strings.Builder
	var t shownText
	var gather func(n ast.Node)
	gather = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				t.starts = append(t.starts, b.Len())
				t.offsets = append(t.offsets, c.Segment.Start)
				b.Write(c.Segment.Value(d.in.Body))
				if c.SoftLineBreak() || c.HardLineBreak() {
					// The line ends: a directive may open the next.
					b.WriteByte('\n')
				}
			case *ast.RawHTML:
				if unsafe && c.Segments.Len() > 0 && inShortcode(d.in.Body, c.Segments.At(0).Start) {
					seg := c.Segments.At(0)
					t.starts = append(t.starts, b.Len())
					t.offsets = append(t.offsets, seg.Start)
					b.Write(seg.Value(d.in.Body))
				} else {
					b.WriteByte(' ')
				}
			case *ast.CodeSpan, *ast.AutoLink, *ast.Image:
				b.WriteByte(' ')
			default:
				b.WriteByte(' ')
				gather(c)
				b.WriteByte(' ')
			}
		}
	}
	gather(block)
	t.text = b.String()
	return t
}

// checkHTMLTemplateTags warns about the template tags in an HTML block
// that the site lets through, which show as its words do: not in a
// comment, nor in <script>, <style> or <pre>.
func (d *Doc) checkHTMLTemplateTags(n *ast.HTMLBlock) {
	if n.HTMLBlockType == ast.HTMLBlockType1 || n.HTMLBlockType == ast.HTMLBlockType2 {
		return
	}
	var b strings.Builder
	var t shownText
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		v := seg.Value(d.in.Body)
		if mayHoldTemplateTag(v) {
			t.starts = append(t.starts, b.Len())
			t.offsets = append(t.offsets, seg.Start)
			b.Write(v)
			b.WriteByte('\n')
		}
	}
	if b.Len() > 0 {
		t.text = b.String()
		d.checkTemplateTags(t)
	}
}

// shownAsWritten reports whether the text at offset at of the page is
// shown as written, not read as syntax: escaped, or inside Liquid's {%
// raw %} or an escaped Hugo shortcode.
func (d *Doc) shownAsWritten(at int) bool { return escaped(d.in.Body, at) || d.lit.shown(at) }

// mayHoldSpacedLink reports whether a line of source may hold a link whose
// address has a space, which is no link: a "](" with a space before the
// next ")" on the line. Most lines with links have none.
func mayHoldSpacedLink(v []byte) bool {
	for {
		i := bytes.Index(v, []byte("]("))
		if i < 0 {
			return false
		}
		v = v[i+2:]
		end := bytes.IndexByte(v, ')')
		if end < 0 {
			end = len(v)
		}
		if bytes.ContainsAny(v[:end], " \t") {
			return true
		}
	}
}

// spacedLinkRE matches what would be a link but for the space in its
// address: [text](dest with spaces), shown as text.
var spacedLinkRE = regexp.MustCompile(`\[([^\[\]\n]*)\]\(([^()<>\s]+[ \t][^()\n]*)\)`)

// checkSpacedLinks warns about [text](an address with spaces) in the
// text: CommonMark, and so GitHub and GitLab, show it as it is written,
// where its writer meant a link (an anchor written as a heading's text,
// "#Configuring Branch Policies").
func (d *Doc) checkSpacedLinks(st shownText) {
	for _, m := range spacedLinkRE.FindAllStringSubmatchIndex(st.text, -1) {
		at := st.offset(m[0])
		if at < 0 || d.shownAsWritten(at) || strings.Contains(st.text[m[4]:m[5]], "{") {
			continue // escaped, or another tool's template tag, reported as that
		}
		d.Diags.AddKind("broken-link", diag.Warning, d.Pos(at),
			"[%s](%s) is shown as text, not a link: an address cannot hold spaces; write each as %%20, or put the address in <…>", st.text[m[2]:m[3]], st.text[m[4]:m[5]])
	}
}

// mayHoldTemplateTag reports whether a line of source holds the start of
// a tag checkTemplateTags looks for; most lines hold none.
func mayHoldTemplateTag(v []byte) bool {
	return bytes.Contains(v, []byte("{{")) || bytes.Contains(v, []byte("{%")) || bytes.Contains(v, []byte("<%")) || bytes.Contains(v, []byte(":::{"))
}

// checkTemplateTags warns about Hugo shortcodes, ERB tags and Liquid tags
// in the text, which playbook does not run, so that they show as text.
func (d *Doc) checkTemplateTags(st shownText) {
	text := st.text
	escaped := d.shownAsWritten
	for _, m := range shortcodeRE.FindAllStringSubmatchIndex(text, -1) {
		if at := st.offset(m[0]); !escaped(at) {
			d.Shortcodes = true
			d.Diags.AddKind("hugo-shortcode", diag.Warning, d.Pos(at),
				"Hugo shortcode {{%s %s …}} is not supported; it is shown as text", text[m[2]:m[3]], text[m[4]:m[5]])
		}
	}
	for _, m := range erbTagRE.FindAllStringSubmatchIndex(text, -1) {
		name, at := text[m[2]:m[3]], st.offset(m[0])
		if name != "" {
			name += " "
		}
		if !escaped(at) {
			d.Diags.AddKind("erb-tag", diag.Warning, d.Pos(at),
				"ERB tag %s%s…%%> (Middleman, GOV.UK Tech Docs) is not supported; it is shown as text", text[m[0]:m[2]], name)
		}
	}
	if strings.Contains(text, ":::{") {
		for _, m := range mystColonRE.FindAllStringSubmatchIndex(text, -1) {
			if name := text[m[2]:m[3]]; mystDirectives[strings.ToLower(name)] {
				d.Diags.AddKind("myst", diag.Warning, d.Pos(st.offset(m[0])),
					"MyST directive {%s} is not supported; it is shown as text", name)
			}
		}
	}
	for _, m := range liquidTagRE.FindAllStringSubmatchIndex(text, -1) {
		name, at := text[m[2]:m[3]], st.offset(m[0])
		if !escaped(at) && !strings.HasPrefix(name, "end") && (m[0] == 0 || text[m[0]-1] != '{') {
			d.Diags.AddKind("liquid-tag", diag.Warning, d.Pos(at),
				"Liquid tag {%% %s …%%} (Jekyll, Eleventy, GitBook) is not supported; it is shown as text", name)
		}
	}
	if !strings.Contains(text, "{{") {
		return
	}
	for _, m := range liquidOutputRE.FindAllStringSubmatchIndex(text, -1) {
		if at := st.offset(m[0]); !escaped(at) && (m[0] == 0 || text[m[0]-1] != '{') {
			d.Diags.AddKind("liquid-tag", diag.Warning, d.Pos(at),
				"template output {{ %s }} (Liquid, Nunjucks, Handlebars) is not run; it is shown as text", text[m[2]:m[3]])
		}
	}
	for _, m := range helperTagRE.FindAllStringSubmatchIndex(text, -1) {
		at, name := st.offset(m[0]), text[m[2]:m[3]]
		switch {
		case escaped(at) || m[0] > 0 && text[m[0]-1] == '{':
		case name == "include" || name == "rustdoc_include":
			d.Diags.AddKind("liquid-tag", diag.Warning, d.Pos(at),
				"{{#%s …}} inserts its file only on a line of its own, as mdBook reads it; here it is shown as text", name)
		default:
			d.Diags.AddKind("liquid-tag", diag.Warning, d.Pos(at),
				"{{#%s …}} (an mdBook preprocessor's or a Handlebars helper) is not run; it is shown as text", name)
		}
	}
}

func (d *Doc) addLink(t *tree, n ast.Node, dest string, image bool) {
	pos := d.Pos(n.Pos())
	dest = hugoRefPath(dest)
	d.checkXref(pos, dest)
	d.Links = append(d.Links, Link{Dest: dest, Image: image, Pos: pos})
	t.linkNodes = append(t.linkNodes, linkNode{node: n, dest: dest, file: pos.File})
}

// checkXref reports dest, a link's destination at pos, when it is a DocFX
// cross reference (xref:Uid).
func (d *Doc) checkXref(pos diag.Pos, dest string) {
	if len(dest) > 5 && strings.EqualFold(dest[:5], "xref:") {
		d.Diags.AddKind("broken-link", diag.Error, pos,
			"broken link %q: xref: is a cross reference (DocFX's by uid, MyST's to another project), which playbook does not resolve and the browser cannot follow: link the Markdown file of the page, or its full address", dest)
	}
}

// rolePrefixRE matches a leading "Role name:" of a task item: up to four
// words starting with a capital letter, then a colon and a space.
var rolePrefixRE = regexp.MustCompile(`^(\p{Lu}[\p{L}\p{N} /&.-]{0,40}?):\s+`)

var explicitTaskID = regexp.MustCompile(`\s*\{#([A-Za-z0-9_-]+)\}\s*$`)

// explicitTaskIDOf matches explicitTaskID in an item's text, t, which
// TrimSpace has trimmed.
func explicitTaskIDOf(t string) []string {
	if !strings.HasSuffix(t, "}") {
		return nil
	}
	return explicitTaskID.FindStringSubmatch(t)
}

func (d *Doc) addTask(tr *tree, box *east.TaskCheckBox, heading string) {
	block := box.Parent()
	src := tr.src
	t := strings.TrimSpace(plainText(block, src))
	id, nested := "", ""
	// Most items have no id: the regexp, which tries every position, runs
	// only on those ending in "}".
	if m := explicitTaskIDOf(t); m != nil {
		id = m[1]
		t = strings.TrimSpace(t[:len(t)-len(m[0])])
		stripTrailingID(block, src)
	} else {
		id = TaskID(d.in.Path, heading, t)
		if i, ok := tr.taskOf[parentBox(block)]; ok {
			// The item above, by the id it was made with under its own
			// item, which no item that repeats it has.
			up := d.Tasks[i]
			nested = TaskID(d.in.Path, cmp.Or(up.nested, up.ID), t)
		}
	}
	box.SetAttributeString("data-task", []byte(id))
	who := ""
	if next, ok := box.NextSibling().(*ast.Text); ok {
		seg := next.Segment
		v := seg.Value(src)
		lead := len(v) - len(bytes.TrimLeft(v, " \t"))
		if m := rolePrefixRE.FindSubmatchIndex(v[lead:]); m != nil && len(strings.Fields(string(v[lead+m[2]:lead+m[3]]))) <= 4 {
			who = string(v[lead+m[2] : lead+m[3]])
			next.Segment = seg.WithStart(seg.Start + lead + m[1])
			role := &TaskRole{Name: who}
			block.InsertAfter(block, box, role)
			tr.roleNodes = append(tr.roleNodes, role)
			t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), who+":"))
		}
	}
	pos := d.Pos(box.Pos())
	if box.Pos() < 0 {
		pos = d.Pos(block.Pos())
	}
	if tr.taskOf == nil {
		tr.taskOf = map[*east.TaskCheckBox]int{}
	}
	tr.taskOf[box] = len(d.Tasks)
	d.Tasks = append(d.Tasks, Task{ID: id, Text: t, HTML: taskHTML(box, src), Who: who, Checked: box.IsChecked, Heading: heading, Pos: pos, nested: nested})
}

// parentBox returns the check box of the checklist item whose list holds
// the item of block, or nil when the item is not nested in one.
func parentBox(block ast.Node) *east.TaskCheckBox {
	item := block.Parent()
	if item == nil || item.Parent() == nil {
		return nil
	}
	up, ok := item.Parent().Parent().(*ast.ListItem)
	if !ok || up.FirstChild() == nil {
		return nil
	}
	box, _ := up.FirstChild().FirstChild().(*east.TaskCheckBox)
	return box
}

// taskHTML returns the HTML of a task item's text, the inline nodes after
// its check box and role. It is written here rather than by goldmark's
// renderer because the item is shown on role and checklist pages too,
// where its page's relative links would point elsewhere: links become
// their text, everything is escaped, and only code, emphasis and
// strikethrough keep their markup.
func taskHTML(box ast.Node, src []byte) string {
	var b strings.Builder
	for n := box.NextSibling(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*TaskRole); !ok {
			writeInline(&b, n, src, inlineOpts{})
		}
	}
	return strings.TrimSpace(b.String())
}

// Inline reads s, a title or description from front matter, as one
// paragraph of inline Markdown, as a page's heading reads: words are its
// text (code, emphasis and links as their text, inline tags as their
// words), for <title>, navigation, lists and search; markup keeps code,
// emphasis, inline tags and links to web addresses (a relative link would
// lead elsewhere from the pages that list it), for the page's heading and
// lead. Text without Markdown's inline marks, or that Markdown reads as
// more than a paragraph ("1. Setup", "# Notes"), is its own text.
func (c *Converter) Inline(s string) (words, markup string) {
	if !strings.ContainsAny(s, "*_`[\\~<&") {
		return InlineText(s), InlineHTML(s)
	}
	src := []byte(s)
	root := c.md.Parser().Parse(text.NewReader(src))
	p, ok := root.FirstChild().(*ast.Paragraph)
	if !ok || p.NextSibling() != nil {
		// As the text of a paragraph would read: without comments,
		// its entities decoded.
		t := strings.TrimSpace(html.UnescapeString(string(dropComments(src))))
		return InlineText(t), InlineHTML(t)
	}
	var b strings.Builder
	for ch := p.FirstChild(); ch != nil; ch = ch.NextSibling() {
		writeInline(&b, ch, src, inlineOpts{webLinks: true})
	}
	// The words show raw HTML as the heading and the lead do, as text.
	return strings.TrimSpace(inlineText(p, src, textOpts{alt: true, rawHTML: true})), strings.TrimSpace(b.String())
}

// inlineOpts says what writeInline keeps besides text and markup.
type inlineOpts struct {
	// noImages leaves images out, alternative text and all.
	noImages bool
	// webLinks keeps links to web and e-mail addresses, which lead to the
	// same place from any page (a page's title heading keeps them, as
	// GitHub shows it).
	webLinks bool
}

// writeInline writes inline node n as escaped HTML that keeps only code,
// emphasis, strikethrough and inline tags: links become their text (but
// see inlineOpts.webLinks), images their alternative text, or nothing
// with noImages.
func writeInline(b *strings.Builder, n ast.Node, src []byte, o inlineOpts) {
	tag := ""
	switch n := n.(type) {
	case *ast.Image:
		if o.noImages {
			return
		}
	case *ast.Link:
		if o.webLinks && isWebURL(n.Destination) {
			var inner strings.Builder
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				writeInline(&inner, c, src, o)
			}
			if strings.TrimSpace(inner.String()) != "" { // not a badge left out
				b.WriteString(`<a href="` + string(util.EscapeHTML(util.URLEscape(n.Destination, true))) + `">` + inner.String() + "</a>")
			}
			return
		}
	case *ast.Text:
		b.WriteString(html.EscapeString(string(textValue(n, src))))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		b.WriteString(html.EscapeString(string(n.Value)))
		return
	case *emojiast.Emoji:
		b.WriteString(html.EscapeString(emojiText(n)))
		return
	case *ast.CodeSpan:
		b.WriteString("<code>" + html.EscapeString(plainText(n, src)) + "</code>")
		return
	case *ast.RawHTML:
		b.WriteString(html.EscapeString(string(dropComments(n.Segments.Value(src)))))
		return
	case *InlineTag:
		writeTag(b, n, src, o)
		return
	case *ast.AutoLink:
		label := html.EscapeString(string(n.Label(src)))
		if u := n.URL(src); o.webLinks && (n.AutoLinkType == ast.AutoLinkEmail || isWebURL(u)) {
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(u), []byte("mailto:")) {
				u = append([]byte("mailto:"), u...)
			}
			label = `<a href="` + string(util.EscapeHTML(util.URLEscape(u, false))) + `">` + label + "</a>"
		}
		b.WriteString(label)
		return
	case *wikilink.Node:
		if n.ChildCount() == 0 {
			b.WriteString(html.EscapeString(string(n.Target)))
			return
		}
	case *MathInline:
		writeMath(b, n.TeX.Value(src), false)
		return
	case *ast.Emphasis:
		tag = "em"
		if n.Level == 2 {
			tag = "strong"
		}
	case *east.Strikethrough:
		tag = "del"
	}
	if tag != "" {
		b.WriteString("<" + tag + ">")
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeInline(b, c, src, o)
	}
	if tag != "" {
		b.WriteString("</" + tag + ">")
	}
}

// writeTag writes an inline tag for writeInline: with the markup of its
// text, if it has some.
func writeTag(b *strings.Builder, n *InlineTag, src []byte, o inlineOpts) {
	if !n.markup {
		b.WriteString(tagHTML(n, src))
		return
	}
	open, closeTag := tagSpan(n.Tag)
	b.WriteString(open)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeInline(b, c, src, o)
	}
	b.WriteString(closeTag)
}

// isWebURL reports whether u is a web or e-mail address, in any case.
func isWebURL(u []byte) bool {
	l := bytes.ToLower(u)
	return bytes.HasPrefix(l, []byte("https://")) || bytes.HasPrefix(l, []byte("http://")) || bytes.HasPrefix(l, []byte("mailto:"))
}

// stripTrailingID removes a trailing {#id} from the last text of a block.
func stripTrailingID(block ast.Node, src []byte) {
	last, ok := block.LastChild().(*ast.Text)
	if !ok {
		return
	}
	seg := last.Segment
	v := seg.Value(src)
	if m := explicitTaskID.FindIndex(v); m != nil {
		last.Segment = last.Segment.WithStop(last.Segment.Start + m[0])
	}
}

// TaskID derives a task item's id from the page path, the id of the heading
// above it and its text with case, punctuation and spacing normalised.
func TaskID(page, heading, itemText string) string {
	norm := strings.Join(strings.FieldsFunc(strings.ToLower(itemText), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
	sum := sha256.Sum256([]byte(page + "\x00" + heading + "\x00" + norm))
	return "t" + hex.EncodeToString(sum[:5])
}

// plainText returns the text of n's inline content.
func plainText(n ast.Node, src []byte) string {
	return strings.TrimSpace(inlineText(n, src, textOpts{alt: true}))
}

// wikiResolver hands the wikilink renderer the destination Render stored
// on the node, so that resolution stays per render and per page.
type wikiResolver struct{}

func (wikiResolver) ResolveWikilink(n *wikilink.Node) ([]byte, error) {
	v, _ := n.AttributeString("data-href")
	b, _ := v.([]byte)
	return b, nil
}

// Resolver maps a link destination written on a page to the URL to emit.
// It returns ok=false when the destination names nothing it knows; the
// link is then written as found. Wikilinks arrive as "[[Target#frag]]".
type Resolver interface {
	Resolve(fromPath, dest string) (href string, ok bool)
}

// TextResolver is implemented by resolvers that also name what a link
// leads to, for a link written without text (Link.NoText): the text of
// the heading it names, or the title of its page. file is as for
// FileResolver.
type TextResolver interface {
	ResolveText(fromPath, file, dest string) (text string, ok bool)
}

// FileResolver is implemented by resolvers that resolve a link against the
// file it is written in, which is not the page for text an include
// directive brought in. file is the file of the link's position: the
// page's Path, or what Input.Lines names.
type FileResolver interface {
	ResolveIn(fromPath, file, dest string) (href string, ok bool)
}

// RoleResolver is implemented by resolvers that also link the role
// prefixes of task items to role pages.
type RoleResolver interface {
	ResolveRole(fromPath, name string) (href string, ok bool)
}

// RenderOptions tune one Render call.
type RenderOptions struct {
	// KeepTitle keeps a leading level-1 heading that repeats the title.
	KeepTitle bool
	// Strings gives the words the page shows in its language: the labels
	// of callouts ("callout-note" …) and of video cards ("video-watch").
	// A nil Strings, or one that returns "", leaves them in English.
	Strings func(key string) string
	// TaskIDs renames task items in the data-task attribute the page
	// writes (a translation's items take the ids of its original's, so
	// that a reader's ticks are one across languages).
	TaskIDs map[string]string
	// KeepLinks, when not 0, names what the resolver answers: Render
	// keeps the answers for the page's links and role prefixes on the Doc,
	// and uses them again when the Doc is rendered with the same
	// KeepLinks, without asking. Give the same number only while the
	// resolver answers the same, as a preview does for a site model it
	// keeps, where a template edit renders every page again over the same
	// model. A number, not the resolver itself, so that a Doc does not keep
	// an old site model alive.
	KeepLinks uint64
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// isExternal reports whether dest has a scheme or is protocol-relative.
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	// Most destinations are paths, which have no colon; the expression
	// is the slow part of rendering a page's many links.
	return strings.IndexByte(dest, ':') > 0 && schemeRE.MatchString(dest)
}

// IsExternal reports whether a link destination leaves the site.
func IsExternal(dest string) bool { return isExternal(dest) }

// isDangerous reports whether a URL would run code when followed. Browsers
// ignore ASCII whitespace and control characters inside the scheme, so they
// are removed before the check.
func isDangerous(dest string) bool {
	// Without a colon, written or as a character reference, there is no
	// scheme to check.
	if !strings.ContainsAny(dest, ":&") {
		return false
	}
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return unicode.ToLower(r)
	}, html.UnescapeString(dest))
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(clean, s) {
			return !isSafeDataImage(clean)
		}
	}
	return false
}

func isSafeDataImage(u string) bool {
	for _, p := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return false
}

// rawHTMLRenderer escapes raw HTML unless the site allows it, so that it
// shows as text instead of vanishing.
type rawHTMLRenderer struct {
	unsafe bool
}

func (r *rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, r.block)
	reg.Register(ast.KindRawHTML, r.inline)
}

func (r *rawHTMLRenderer) block(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	b := dropComments(htmlBlockSource(node.(*ast.HTMLBlock), src))
	if len(bytes.TrimSpace(b)) == 0 {
		return ast.WalkSkipChildren, nil
	}
	if r.unsafe {
		_, _ = w.Write(tagsInHTML(b))
	} else {
		// Shown as text: its inline tags as their words.
		b = []byte(InlineText(string(b)))
		_, _ = w.WriteString(`<pre class="raw-html">` + html.EscapeString(string(b)) + "</pre>\n")
	}
	return ast.WalkSkipChildren, nil
}

// htmlBlockSource returns the source of an HTML block, its closing line
// included.
func htmlBlockSource(n *ast.HTMLBlock, src []byte) []byte {
	var b []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	if n.HasClosure() {
		b = append(b, n.ClosureLine.Value(src)...)
	}
	return b
}

func (r *rawHTMLRenderer) inline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	v := dropComments(n.Segments.Value(src))
	if r.unsafe && (n.Segments.Len() == 0 || !inShortcode(src, n.Segments.At(0).Start)) {
		_, _ = w.Write(v)
	} else {
		_, _ = w.WriteString(html.EscapeString(string(v)))
	}
	return ast.WalkSkipChildren, nil
}

// inShortcode reports whether raw HTML that starts at offset start of src
// is the inside of a Hugo shortcode written without spaces ({{<youtube
// id>}}): right after "{{". It is text, reported as a shortcode, shown as
// the spaced form is, not let through as an element.
func inShortcode(src []byte, start int) bool {
	return start >= 2 && start <= len(src) && string(src[start-2:start]) == "{{"
}

// taskRenderer writes task-list check boxes that the theme's script can make
// persistent; without the script they are ordinary check boxes.
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*east.TaskCheckBox)
		_, _ = w.WriteString(`<input type="checkbox" class="task-box" data-task="`)
		if i, ok := boxIndex(w, n); !holeFor(w, holeTaskID, i, ok) {
			id, _ := n.AttributeString("data-task")
			idb, _ := id.([]byte)
			_, _ = w.WriteString(html.EscapeString(string(idb)))
		}
		_ = w.WriteByte('"')
		if n.IsChecked {
			_, _ = w.WriteString(` checked=""`)
		}
		_, _ = w.WriteString(`/> `)
		return ast.WalkContinue, nil
	})
}

// KindTaskRole is the node kind of a task item's role prefix.
var KindTaskRole = ast.NewNodeKind("TaskRole")

// TaskRole is the role prefix of a task item, shown as a label.
type TaskRole struct {
	ast.BaseInline
	Name string
	// Href links the label to the role's page. A page's HTML is
	// prepared without it, and Render links the label through a
	// RoleResolver.
	Href string
}

// Kind implements ast.Node.
func (n *TaskRole) Kind() ast.NodeKind { return KindTaskRole }

// Dump implements ast.Node.
func (n *TaskRole) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

type taskRoleRenderer struct{}

func (taskRoleRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTaskRole, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*TaskRole)
		if i, ok := roleIndex(w, n); !holeFor(w, holeRole, i, ok) {
			_, _ = w.WriteString(roleHTML(n.Name, n.Href))
		}
		return ast.WalkContinue, nil
	})
}

// roleHTML is the label of a task item's role prefix: a link to the
// role's page at href, or text when href is "".
func roleHTML(name, href string) string {
	name = html.EscapeString(name)
	if href != "" {
		return `<a class="task-role" href="` + html.EscapeString(href) + `">` + name + `</a> `
	}
	return `<span class="task-role">` + name + `</span> `
}
