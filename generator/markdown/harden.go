package markdown

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark's parser does some work in time that grows with the square of
// what a page repeats, so that one hostile page of 100 KB could hold a
// build for minutes:
//
//   - at each "](" the link parser reads the destination to the end of the
//     line when it is not closed ("[a](" repeated), and it reads a title
//     left open again for every link that shares it;
//   - text.blockReader.Value, which the link and footnote parsers call for
//     every label, walks the paragraph's lines back from the last one;
//   - the paragraph transformer that takes out link reference definitions
//     moves all the remaining lines after each one;
//   - emphasis delimiters that can never match stay on the delimiter list,
//     and every closer walks back over all of them ("*a_ " repeated);
//   - each footnote reference looks for its definition by walking all of
//     them, and the definitions are then put in order by insertion into a
//     list that is already in order, its worst case.
//
// goldmark has no options for these. The parser below is goldmark's
// default one with those parts replaced or wrapped, each doing what
// goldmark does in time linear in the page; TestHardenedMatchesGoldmark
// compares the two on generated pages. (Nesting depth, the other
// quadratic case, is refused before parsing; see tooDeep.)

// hardenedParser returns goldmark's default parser with the link and
// emphasis parsers and the link reference definition transformer replaced.
func hardenedParser() parser.Parser {
	var inline []util.PrioritizedValue
	for _, v := range parser.DefaultInlineParsers() {
		switch v.Value {
		case parser.NewLinkParser():
			v.Value = &linkParser{inner: parser.NewLinkParser()}
		case parser.NewEmphasisParser():
			v.Value = &delimiterParser{proc: emphasisProcessor{}, triggers: []byte{'*', '_'}}
		}
		inline = append(inline, v)
	}
	var para []util.PrioritizedValue
	for _, v := range parser.DefaultParagraphTransformers() {
		if v.Value == parser.LinkReferenceParagraphTransformer {
			v.Value = linkReferenceTransformer{}
		}
		para = append(para, v)
	}
	return parser.NewParser(
		parser.WithBlockParsers(blockParsers()...),
		parser.WithInlineParsers(inline...),
		parser.WithParagraphTransformers(para...),
	)
}

// hardenedGFM is extension.GFM and extension.Footnote with their
// strikethrough and footnote parsers replaced as above, and playbook's
// wikilink parser.
type hardenedGFM struct{}

func (hardenedGFM) Extend(m goldmark.Markdown) {
	// extension.Linkify, with its parser wrapped (see tagLinkify).
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(tagLinkify{extension.NewLinkifyParser()}, 999)))
	// extension.TaskList, with its parser wrapped (see taskBoxParser).
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(taskBoxParser{extension.NewTaskCheckBoxParser()}, 0)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500)))
	// extension.Table, with its paragraph transformer wrapped (see
	// tableTransformer).
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableTransformer{extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(), 500)))
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(footnoteBlockParser{extension.NewFootnoteBlockParser()}, 999)),
		parser.WithInlineParsers(
			util.Prioritized(&delimiterParser{proc: strikethroughProcessor{}, triggers: []byte{'~'}, strike: true}, 500),
			util.Prioritized(footnoteParser{}, 101),
			// Below goldmark's link parser (200), as wikilink.Extender
			// installs its own.
			util.Prioritized(wikilinkParser{}, 199),
		),
		parser.WithASTTransformers(util.Prioritized(footnoteTransformer{}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
	))
}

// tableTransformer leaves as text a paragraph that would become a table of
// far more cells than it has characters. GFM pads every row to the
// header's width, so a header of n columns over n rows of "|x" makes n²
// cells from 2n characters a row: a 50 KB page would make a page of
// hundreds of megabytes. Rows times the widest line's cells, at most 8
// cells a character, bounds the table by its text; real tables are far
// below it.
type tableTransformer struct{ inner parser.ParagraphTransformer }

func (t tableTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	src := reader.Source()
	size, widest := 0, 0
	for i := range lines.Len() {
		seg := lines.At(i)
		size += seg.Len()
		cells := 1
		for _, c := range seg.Value(src) {
			if c == '|' {
				cells++
			}
		}
		widest = max(widest, cells)
	}
	if lines.Len()*widest > 8*size+4096 {
		return
	}
	t.inner.Transform(node, reader, pc)
}

// hardenKey holds a page's *hardenState in the parser context.
var hardenKey = parser.NewContextKey()

// hardenState is what the parsers below remember while one page is
// parsed.
type hardenState struct {
	// block is the block whose inline content is being parsed; the
	// fields after it describe it and are reset when it changes.
	block  ast.Node
	delims *delimiterScan
	dest   destinationScan
	angle  scanMemo
	tails  map[int]bool
	// footnotes are the page's footnote definitions: the list goldmark
	// puts them in, and the first definition of each label; footnoteLinks
	// are the references to them.
	footnotes     *east.FootnoteList
	footnoteFirst map[string]ast.Node
	footnoteLinks []*east.FootnoteLink
}

func hardenStateOf(pc parser.Context, block ast.Node) *hardenState {
	s, _ := pc.Get(hardenKey).(*hardenState)
	if s == nil {
		s = &hardenState{}
		pc.Set(hardenKey, s)
	}
	if block != nil && s.block != block {
		s.block, s.delims, s.dest, s.angle, s.tails = block, nil, destinationScan{}, scanMemo{}, nil
	}
	return s
}

// valueReader is a text.Reader over a block's lines whose Value finds the
// line a segment starts on by binary search rather than by walking back
// from the last line, as text.blockReader.Value does; otherwise it returns
// the same bytes. With failAt set, its PeekLine at that offset returns a
// line that goldmark's link destination parser rejects at once (see
// linkParser).
type valueReader struct {
	text.Reader
	lines  *text.Segments
	failAt int
}

// failLine is a line on which goldmark reads no link destination.
var failLine = []byte{' '}

func newValueReader(block text.Reader, lines *text.Segments) *valueReader {
	return &valueReader{Reader: block, lines: lines, failAt: -1}
}

func (r *valueReader) PeekLine() ([]byte, text.Segment) {
	line, seg := r.Reader.PeekLine()
	if r.failAt >= 0 && line != nil && seg.Start == r.failAt {
		r.failAt = -1
		return failLine, seg
	}
	return line, seg
}

func (r *valueReader) Value(seg text.Segment) []byte {
	n := r.lines.Len()
	// The last line starting at or before seg.Start, as blockReader.Value
	// finds it.
	line := sort.Search(n, func(i int) bool { return r.lines.At(i).Start > seg.Start }) - 1
	if line < 0 {
		return r.Reader.Value(seg)
	}
	src := r.Source()
	ret := make([]byte, 0, seg.Stop-seg.Start+1)
	i := seg.Start
	for ; line < n; line++ {
		s := r.lines.At(line)
		if i < 0 {
			i = s.Start
		}
		ret = s.ConcatPadding(ret)
		if end := min(seg.Stop, s.Stop); i < end {
			ret = append(ret, src[i:end]...)
		}
		i = -1
		if s.Stop > seg.Stop {
			break
		}
	}
	return ret
}

// linkParser is goldmark's link parser, given a valueReader, and told
// ahead when an inline link's destination and title will not parse so
// that it does not read them: then the outcome is the same (the brackets
// are text, or a reference link) without reading the rest of the line.
type linkParser struct {
	inner parser.InlineParser
}

func (p *linkParser) Trigger() []byte { return p.inner.Trigger() }

func (p *linkParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	p.inner.(parser.CloseBlocker).CloseBlock(parent, block, pc)
}

func (p *linkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) == 0 || line[0] != ']' {
		return p.inner.Parse(parent, block, pc)
	}
	r := newValueReader(block, parent.Lines())
	if len(line) > 1 && line[1] == '(' {
		if at, fails := p.fails(parent, block, pc); fails {
			r.failAt = at
		}
	}
	return p.inner.Parse(parent, r, pc)
}

// fails reports whether goldmark's parseLink, at the "](" under block,
// would fail, and then the offset where it reads the destination. It
// follows parseLink, parseLinkDestination and parseLinkTitle; a
// destination's end comes from a scan of its line made once
// (destinationScan), and what follows a destination is read once per
// place it ends (tails). When it cannot tell, it says the link does not
// fail, and goldmark reads it.
func (p *linkParser) fails(parent ast.Node, block text.Reader, pc parser.Context) (int, bool) {
	st := hardenStateOf(pc, parent)
	l, pos := block.Position()
	defer block.SetPosition(l, pos)
	block.Advance(1) // ']'
	block.Advance(1) // '('
	block.SkipSpaces()
	if block.Peek() == ')' {
		return 0, false
	}
	line, seg := block.PeekLine()
	if line == nil || seg.Padding != 0 {
		return 0, false
	}
	src := block.Source()
	var n int
	if line[0] == '<' {
		i := st.angle.index(src, line, seg, 1, angleClose)
		if i < 0 {
			return seg.Start, true
		}
		n = i + 1
	} else {
		n = st.dest.length(line, seg)
		if n == 0 {
			return seg.Start, true
		}
	}
	// Advance(n) to the end of a line moves byte by byte, so n-1 first.
	block.Advance(n - 1)
	block.Advance(1)
	_, after := block.Position()
	ok, seen := st.tails[after.Start]
	if !seen {
		ok = linkTail(block)
		if st.tails == nil {
			st.tails = map[int]bool{}
		}
		st.tails[after.Start] = ok
	}
	if ok {
		return 0, false
	}
	return seg.Start, true
}

// linkTail reports whether what follows a link destination, a title and
// the closing ")", parses as goldmark's parseLink reads it.
func linkTail(block text.Reader) bool {
	block.SkipSpaces()
	if block.Peek() == ')' {
		return true
	}
	block.SkipSpaces()
	opener := block.Peek()
	if opener != '"' && opener != '\'' && opener != '(' {
		return false
	}
	closer := opener
	if opener == '(' {
		closer = ')'
	}
	block.Advance(1)
	if _, found := block.FindClosure(opener, closer, text.FindClosureOptions{Newline: true, Advance: true}); !found {
		return false
	}
	block.SkipSpaces()
	return block.Peek() == ')'
}

// angleClose returns the index of the ">" that closes a <destination>
// whose text starts b, skipping backslash escapes, or -1.
func angleClose(b []byte) int {
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\\' && i < len(b)-1 && util.IsPunct(b[i+1]):
			i++
		case b[i] == '>':
			return i
		}
	}
	return -1
}

// destinationScan answers where goldmark's parseLinkDestination stops on
// a destination not in <…>: at the first white space, or at the first ")"
// that closes more parentheses than the destination opened. For the run
// of a line up to its first white space it records, for every start, the
// end such a scan reaches, so that the destinations of a line of "[a]("
// cost one pass over it instead of one each.
type destinationScan struct {
	stop     int     // the line's end
	from, to int     // the run: [from, to)
	end      []int32 // for each start in the run, the scan's end, relative to from
}

// length returns how many bytes of line, the rest of the line from a
// destination's start, parseLinkDestination takes.
func (d *destinationScan) length(line []byte, seg text.Segment) int {
	p := seg.Start
	if d.stop != seg.Stop || p < d.from || p >= d.to || d.end[p-d.from] < 0 {
		d.build(line, seg)
		if p >= d.to {
			return 0 // white space at once
		}
	}
	return int(d.end[p-d.from]) - (p - d.from)
}

// build records the run of line from its start. A backslash before
// punctuation escapes it; starts are where goldmark's scan can be (not
// the escaped byte), and since a destination starts after "(" or white
// space, the escapes pair the same way from any start.
func (d *destinationScan) build(line []byte, seg text.Segment) {
	run := len(line)
	for i, c := range line {
		if util.IsSpace(c) {
			run = i
			break
		}
	}
	d.stop, d.from, d.to = seg.Stop, seg.Start, seg.Start+run
	depth := make([]int32, run) // parentheses open before each start
	d.end = make([]int32, run)
	var open, lo, hi int32
	for i := 0; i < run; i++ {
		d.end[i] = 0
		depth[i] = open
		c := line[i]
		if c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
			i++
			d.end[i] = -1 // not a start
			continue
		}
		switch c {
		case '(':
			open++
			hi = max(hi, open)
		case ')':
			open--
			lo = min(lo, open)
		}
	}
	// From the right: the nearest ")" met at each depth. A scan from a
	// start at depth k ends at the first ")" at depth k, where its count
	// of open parentheses goes below zero, or at the end of the run.
	next := make([]int32, hi-lo+2)
	for i := range next {
		next[i] = int32(run)
	}
	for i := run - 1; i >= 0; i-- {
		if d.end[i] < 0 {
			continue
		}
		k := depth[i] - lo
		if line[i] == ')' {
			next[k] = int32(i)
		}
		d.end[i] = next[k]
	}
}

// emphasisProcessor and strikethroughProcessor are goldmark's delimiter
// processors for emphasis and GFM strikethrough.
type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

type strikethroughProcessor struct{}

func (strikethroughProcessor) IsDelimiter(b byte) bool { return b == '~' }

func (strikethroughProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikethroughProcessor) OnMatch(int) ast.Node { return east.NewStrikethrough() }

// delimiterParser reads emphasis or strikethrough delimiters as goldmark's
// parsers do, but puts on the delimiter list only those that have a
// possible partner in their block: a delimiter of the same character that
// can close after it, or open before it, with lengths the rule of 3
// allows. One without is never matched, so goldmark would turn it into
// text at the end; it is text from the start, and does not make every
// later closer walk over it.
type delimiterParser struct {
	proc     parser.DelimiterProcessor
	triggers []byte
	strike   bool
}

func (p *delimiterParser) Trigger() []byte { return p.triggers }

func (p *delimiterParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 1, p.proc)
	if d == nil || (p.strike && (d.OriginalLength > 2 || before == '~')) {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	st := hardenStateOf(pc, parent)
	if st.delims == nil {
		st.delims = scanDelimiters(parent, block.Source())
	}
	if !st.delims.matchable(d) {
		return ast.NewTextSegment(d.Segment)
	}
	pc.PushDelimiter(d)
	return d
}

// delimiterScan holds, for a block, every place a delimiter could start
// (every "*", "_" and "~", including those inside code or escaped, which
// only makes it keep more), grouped by what it can match.
type delimiterScan struct {
	// firstOpener[char][canClose][length%3] is the first offset of a
	// delimiter that can open, or maxInt.
	firstOpener [3][2][3]int
	// lastCloser[char][canOpen][length%3] is the last offset of a
	// delimiter that can close, or -1.
	lastCloser [3][2][3]int
}

func delimiterIndex(c byte) int {
	switch c {
	case '*':
		return 0
	case '_':
		return 1
	}
	return 2
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func scanDelimiters(block ast.Node, src []byte) *delimiterScan {
	s := &delimiterScan{}
	for c := range s.firstOpener {
		for o := range s.firstOpener[c] {
			for m := range s.firstOpener[c][o] {
				s.firstOpener[c][o][m] = int(^uint(0) >> 1)
				s.lastCloser[c][o][m] = -1
			}
		}
	}
	add := func(c byte, at, length int, d *parser.Delimiter) {
		k := delimiterIndex(c)
		if d.CanOpen {
			p := &s.firstOpener[k][b2i(d.CanClose)][length%3]
			*p = min(*p, at)
		}
		if d.CanClose {
			p := &s.lastCloser[k][b2i(d.CanOpen)][length%3]
			*p = max(*p, at)
		}
	}
	lines := block.Lines()
	for li := range lines.Len() {
		seg := lines.At(li)
		for a := seg.Start; a < seg.Stop; {
			c := src[a]
			if c != '*' && c != '_' && c != '~' {
				a++
				continue
			}
			b := a
			for b < seg.Stop && src[b] == c {
				b++
			}
			var proc parser.DelimiterProcessor = emphasisProcessor{}
			if c == '~' {
				proc = strikethroughProcessor{}
			}
			// The whole run, after what precedes it.
			before := precedingRune(src, lines, li, a)
			if d := parser.ScanDelimiter(src[a:seg.Stop], before, 1, proc); d != nil && (c != '~' || (before != '~' && b-a <= 2)) {
				add(c, a, b-a, d)
			}
			// The rest of the run from each later byte, after c, which is
			// how goldmark reads a run whose first byte is escaped.
			if c != '~' && b-a > 1 {
				if d := parser.ScanDelimiter(src[b-1:seg.Stop], rune(c), 1, proc); d != nil {
					for x := a + 1; x < b; x++ {
						add(c, x, b-x, d)
					}
				}
			}
			a = b
		}
	}
	return s
}

// precedingRune is text.blockReader.PrecendingCharacter at offset at of
// line li.
func precedingRune(src []byte, lines *text.Segments, li, at int) rune {
	if li == 0 && at <= lines.At(0).Start {
		return '\n'
	}
	i := at - 1
	for ; i >= 0; i-- {
		if utf8.RuneStart(src[i]) {
			break
		}
	}
	if i < 0 {
		return '\n'
	}
	r, _ := utf8.DecodeRune(src[i:])
	return r
}

// matchable reports whether d could be matched: as an opener with a
// closer after it, or as a closer with an opener before it, of the same
// character and not ruled out by goldmark's rule of 3
// (parser.Delimiter.CalcComsumption).
func (s *delimiterScan) matchable(d *parser.Delimiter) bool {
	k := delimiterIndex(d.Char)
	at, n := d.Segment.Start, d.OriginalLength
	allowed := func(openerCanClose, closerCanOpen bool, openerLen, closerLen int) bool {
		return !((openerCanClose || closerCanOpen) && (openerLen+closerLen)%3 == 0 && closerLen%3 != 0)
	}
	for flag := range 2 {
		for m := range 3 {
			if d.CanOpen && s.lastCloser[k][flag][m] >= at+n && allowed(d.CanClose, flag == 1, n, m) {
				return true
			}
			if d.CanClose && s.firstOpener[k][flag][m] < at && allowed(flag == 1, d.CanOpen, m, n) {
				return true
			}
		}
	}
	return false
}

// footnoteBlockParser is goldmark's footnote definition parser that also
// records each definition as it is closed: the list goldmark adds it to,
// and the first definition of each label.
type footnoteBlockParser struct {
	parser.BlockParser
}

func (p footnoteBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	st := hardenStateOf(pc, nil)
	list, ok := node.Parent().(*east.FootnoteList)
	fn, isFootnote := node.(*east.Footnote)
	if !ok || !isFootnote {
		return
	}
	st.footnotes = list
	if st.footnoteFirst == nil {
		st.footnoteFirst = map[string]ast.Node{}
	}
	if _, seen := st.footnoteFirst[string(fn.Ref)]; !seen {
		st.footnoteFirst[string(fn.Ref)] = node
	}
}

// labelClose returns the index of the "]" that ends the footnote label
// b starts, or -1 when a "[" comes first or none does; a backslash escapes
// the punctuation after it. It is goldmark's
// util.FindClosure(b, '[', ']', false, false), which goldmark's footnote
// parser calls and which is deprecated for other uses.
func labelClose(b []byte) int {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\' && i < len(b)-1 && util.IsPunct(b[i+1]):
			i++
		case c == ']':
			return i
		case c == '[':
			return -1
		}
	}
	return -1
}

// footnoteParser reads footnote references as goldmark's footnote parser
// does (extension.NewFootnoteParser; goldmark, extension/footnote.go, MIT
// licence, Copyright (c) 2019 Yusuke Inuzuka), but finds the label's
// definition in a map instead of walking the list of definitions.
type footnoteParser struct{}

func (footnoteParser) Trigger() []byte { return []byte{'!', '['} }

func (footnoteParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	if pos >= len(line) {
		return nil
	}
	open := pos
	closure := labelClose(line[pos:min(len(line), pos+999)])
	if closure < 0 {
		return nil
	}
	closes := pos + closure
	value := newValueReader(block, parent.Lines()).Value(text.NewSegment(segment.Start+open, segment.Start+closes))
	block.Advance(closes + 1)

	st := hardenStateOf(pc, nil)
	if st.footnotes == nil {
		return nil
	}
	def, ok := st.footnoteFirst[string(value)].(*east.Footnote)
	if !ok {
		return nil
	}
	if def.Index < 0 {
		st.footnotes.Count++
		def.Index = st.footnotes.Count
	}
	fnlink := east.NewFootnoteLink(def.Index)
	st.footnoteLinks = append(st.footnoteLinks, fnlink)
	if line[0] == '!' {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return fnlink
}

// footnoteTransformer numbers the references and back links of footnotes
// and moves the definitions to the end of the page, as goldmark's footnote
// transformer does (extension.NewFootnoteASTTransformer, same origin), but
// sorts the definitions with sort.Slice rather than by insertion into a
// list already in order, which is that sort's worst case.
type footnoteTransformer struct{}

func (footnoteTransformer) Transform(node *ast.Document, _ text.Reader, pc parser.Context) {
	st := hardenStateOf(pc, nil)
	list, fnlist := st.footnotes, st.footnoteLinks
	st.footnotes, st.footnoteLinks, st.footnoteFirst = nil, nil, nil
	if list == nil {
		return
	}
	counter := map[int]int{}
	if fnlist != nil {
		for _, fnlink := range fnlist {
			if fnlink.Index >= 0 {
				counter[fnlink.Index]++
			}
		}
		refCounter := map[int]int{}
		for _, fnlink := range fnlist {
			fnlink.RefCount = counter[fnlink.Index]
			if _, ok := refCounter[fnlink.Index]; !ok {
				refCounter[fnlink.Index] = 0
			}
			fnlink.RefIndex = refCounter[fnlink.Index]
			refCounter[fnlink.Index]++
		}
	}
	var defs []*east.Footnote
	for footnote := list.FirstChild(); footnote != nil; {
		var container ast.Node = footnote
		next := footnote.NextSibling()
		if fc := container.LastChild(); fc != nil && ast.IsParagraph(fc) {
			container = fc
		}
		fn := footnote.(*east.Footnote)
		index := fn.Index
		if index < 0 {
			list.RemoveChild(list, footnote)
		} else {
			defs = append(defs, fn)
			refCount := counter[index]
			backLink := east.NewFootnoteBacklink(index)
			backLink.RefCount = refCount
			backLink.RefIndex = 0
			container.AppendChild(container, backLink)
			if refCount > 1 {
				for i := 1; i < refCount; i++ {
					backLink := east.NewFootnoteBacklink(index)
					backLink.RefCount = refCount
					backLink.RefIndex = i
					container.AppendChild(container, backLink)
				}
			}
		}
		footnote = next
	}
	// The numbers are distinct, so this is the order goldmark's sort gives.
	sort.Slice(defs, func(i, j int) bool { return defs[i].Index < defs[j].Index })
	for _, fn := range defs {
		list.RemoveChild(list, fn)
		list.AppendChild(list, fn)
	}
	if list.Count <= 0 {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	node.AppendChild(node, list)
}

// taskBoxParser reads a task's box only when whitespace (space, tab, line
// feed, carriage return, vertical tab or form feed, as cmark-gfm counts it)
// or the end of the text follows it, as GFM and GitHub do: goldmark's parser alone would take
// "- [x](other.md)" for a ticked task and lose the link.
type taskBoxParser struct{ parser.InlineParser }

func (p taskBoxParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if line, _ := block.PeekLine(); len(line) > 3 && !strings.ContainsRune(" \t\n\r\v\f", rune(line[3])) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// definitionLists is extension.DefinitionList with its list parser
// wrapped (see definitionListParser).
type definitionLists struct{}

func (definitionLists) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(definitionListParser{extension.NewDefinitionListParser()}, 101),
		util.Prioritized(extension.NewDefinitionDescriptionParser(), 102),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewDefinitionListHTMLRenderer(), 500),
	))
}

// definitionListParser does not take a table for a definition's term: a
// row that starts with ":" (": x | y |") under a table's lines, which are
// a paragraph until the table is made, began a definition list that broke
// the table in two. GitHub, which has no definition lists, shows the row
// in the table.
type definitionListParser struct{ parser.BlockParser }

// tableParaKey holds the *tablePara of the paragraph last looked at.
var tableParaKey = parser.NewContextKey()

// tablePara remembers how many lines of a paragraph were looked at for a
// table's delimiter row, so that each ":" line under it looks only at the
// lines added since (a table of n such rows would cost n²).
type tablePara struct {
	para    *ast.Paragraph
	checked int
	table   bool
}

func (p definitionListParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if para, ok := parent.LastChild().(*ast.Paragraph); ok {
		tp, _ := pc.Get(tableParaKey).(*tablePara)
		if tp == nil || tp.para != para {
			tp = &tablePara{para: para, checked: 1}
			pc.Set(tableParaKey, tp)
		}
		lines := para.Lines()
		for ; !tp.table && tp.checked < lines.Len(); tp.checked++ {
			row := lines.At(tp.checked)
			tp.table = isDelimiterRow(row.Value(reader.Source()))
		}
		if tp.table {
			return nil, parser.NoChildren
		}
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// isDelimiterRow reports whether line is a table's delimiter row, as
// "| --- | :-: |".
func isDelimiterRow(line []byte) bool {
	line = bytes.TrimSpace(line)
	return bytes.IndexByte(line, '-') >= 0 && len(bytes.Trim(line, "|:- \t")) == 0
}
