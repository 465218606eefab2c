// Package include expands the Experience League include and snippet
// directives, and mdBook's include, in a page body before it is parsed as
// Markdown:
//
//	{{$include /help/_includes/file.md}}   the file's body, recursively
//	{{snippet-name}}                       the section with {#snippet-name}
//	                                       from the snippets file
//	{{#include ../listings/main.rs:2:10}}  mdBook: the file, or its lines
//	                                       (:2, :2:, ::10, :2:10), or the
//	                                       lines between ANCHOR: name and
//	                                       ANCHOR_END: name (:name), also
//	                                       inside a code fence
//	--8<-- "docs/src/main.c:2:10"          MkDocs' pymdownx.snippets: the
//	                                       file from the site's folder, or
//	                                       its lines, indented as the line
//	                                       is, also inside a code fence
//
// Each directive must stand alone on its line. Expansion keeps a line map,
// so that positions in the expanded text can be reported in the file and on
// the line they came from.
package include

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/internal/memo"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
)

// Span says that the expanded lines from Line on come from File, starting at
// FileLine.
type Span struct {
	Line     int
	File     string
	FileLine int
}

// LineMap maps lines of an expanded body back to their files. It is sorted
// by Line.
type LineMap []Span

// Pos maps a 1-based line of the expanded body to a file position.
func (m LineMap) Pos(line int) (string, int) {
	lo, hi := 0, len(m)-1
	if hi < 0 {
		return "", line
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m[mid].Line <= line {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	s := m[lo]
	return s.File, s.FileLine + line - s.Line
}

// Options configure Expand.
type Options struct {
	// Root is the site root: "/x" paths resolve from it. Files are read
	// from it with sitefs.ReadFile, so only regular files are read; give a
	// sitefs.FS to keep symbolic links from leading out of the site.
	Root fs.FS
	// ContentDir is the content folder within Root, e.g. "content" or "help".
	ContentDir string
	// Snippets is the path of the snippets file within Root.
	Snippets string
	// MaxSize bounds the page body and everything it includes together, in
	// bytes; 0 means DefaultMaxSize. No file is read past MaxSize.
	MaxSize int
	// Files, when set, shares the files read and the snippets file parsed
	// among the pages expanded with the same Options: a build gives every
	// page the same one, so that a file a hundred pages include is read
	// once, and the pages see one version of it.
	Files *Files
}

// Files holds the files that expansions read, for Options.Files. It is
// safe for concurrent use. Make a new one for each build, so that files
// changed since are read again.
type Files struct {
	reads    memo.Map[string, fileRead]
	snippets memo.Map[string, snippetSet] // by the snippets file's name
}

type fileRead struct {
	data []byte
	err  error
	sum  [32]byte // of what the read gave, for Digest
}

// snippetSet is a snippets file split into its sections, or why it could
// not be read.
type snippetSet struct {
	byID map[string]snippet
	err  error
}

// NewFiles returns an empty Files.
func NewFiles() *Files { return &Files{} }

// read reads name with sitefs.ReadFile, at most limit bytes, once.
func (f *Files) read(root fs.FS, name string, limit int64) fileRead {
	return f.reads.Get(name, func() fileRead {
		r := fileRead{}
		r.data, r.err = sitefs.ReadFile(root, name, limit)
		r.data = diag.LineEnds(r.data)
		h := sha256.New()
		fmt.Fprintf(h, "%d %v\x00", len(r.data), r.err)
		h.Write(r.data)
		r.sum = [32]byte(h.Sum(nil))
		return r
	})
}

// snippetsOf reads and splits the snippets file name once.
func (f *Files) snippetsOf(root fs.FS, name string, limit int64) snippetSet {
	return f.snippets.Get(name, func() snippetSet {
		r := f.read(root, name, limit)
		byID, err := splitSnippets(r.data, r.err)
		return snippetSet{byID, err}
	})
}

// DefaultMaxSize is the default of Options.MaxSize: 10 MB.
const DefaultMaxSize = 10 << 20

var (
	includeRE = regexp.MustCompile(`^[ \t]*\{\{\$include[ \t]+([^}\s]+)[ \t]*\}\}[ \t]*$`)
	snippetRE = regexp.MustCompile(`^[ \t]*\{\{([a-z0-9][a-z0-9_-]*)\}\}[ \t]*$`)
	// mdBook's {{#include}}, and {{#rustdoc_include}}, which includes
	// the same lines (mdBook's hiding of the others is for Rust's tests).
	mdbookRE = regexp.MustCompile(`^[ \t]*\{\{#(?:include|rustdoc_include)[ \t]+([^}\s]+)[ \t]*\}\}[ \t]*$`)
	// pymdownx.snippets' line: --8<-- "path", the path from the folder
	// mkdocs.yml is in (its base_path by default).
	// A snippet line escaped with ";", which shows as the line without it.
	mkdocsEscapedRE = regexp.MustCompile(`^[ \t]*;-+8<-+`)
	mkdocsSnippetRE = regexp.MustCompile(`^[ \t]*-+8<-+[ \t]+(?:"([^"\s][^"]*)"|'([^'\s][^']*)')[ \t]*$`)
	// A Docusaurus (MDX) import of a Markdown file as a component, which
	// a line of that component alone (<Courses />) shows: its name, then
	// its path.
	mdxImportRE = regexp.MustCompile(`^import[ \t]+([A-Za-z_$][\w$]*)[ \t]+from[ \t]+['"]([^'"\s]+\.mdx?)['"][ \t]*;?[ \t]*$`)
	jsUnescape  = strings.NewReplacer(`\_`, "_", `\-`, "-", `\.`, ".", `\/`, "/", `\\`, `\`)
	mdxUseRE    = regexp.MustCompile(`^[ \t]{0,3}<([A-Za-z_$][\w$]*)[ \t]*/>[ \t]*$`)
)

// kind is the kind of a directive line.
type kind int

const (
	notDirective kind = iota
	elInclude
	snippetLine
	mdbookInclude
	mdxImport     // import Name from './_partial.md'
	mkdocsSnippet // --8<-- "path"
	mkdocsEscaped // ;--8<-- "path", shown without the ";"
)

// HasDirectives reports whether body needs Expand at all: whether a line
// of it is a directive, inside a code fence or not. Pages of sites built
// with other generators are full of "{{" (Hugo's shortcodes, Liquid), and
// a page without a directive need not be expanded again when a file it
// might include changes.
func HasDirectives(body []byte) bool {
	for line := range bytes.Lines(body) {
		if k, _ := directive(bytes.TrimRight(line, "\r\n")); k != notDirective {
			return true
		}
	}
	return false
}

// directive returns the kind of directive that line (without its line
// end) is, and its argument.
func directive(line []byte) (kind, string) {
	if bytes.HasPrefix(line, []byte("import")) && mdxImportRE.Match(line) {
		return mdxImport, string(line)
	}
	if bytes.Contains(line, []byte("8<")) {
		if m := mkdocsSnippetRE.FindSubmatch(line); m != nil {
			return mkdocsSnippet, string(m[1]) + string(m[2])
		}
		if mkdocsEscapedRE.Match(line) {
			return mkdocsEscaped, ""
		}
	}
	if !bytes.Contains(line, []byte("{{")) {
		return notDirective, ""
	}
	for _, d := range []struct {
		re *regexp.Regexp
		k  kind
	}{{includeRE, elInclude}, {mdbookRE, mdbookInclude}, {snippetRE, snippetLine}} {
		if m := d.re.FindSubmatch(line); m != nil {
			return d.k, string(m[1])
		}
	}
	return notDirective, ""
}

func (opts Options) limit() int64 {
	if opts.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return int64(opts.MaxSize)
}

// Expansion is a page body with its directives expanded.
type Expansion struct {
	Body  []byte
	Lines LineMap
	// Diags report the directives that could not be expanded.
	Diags diag.List
	// Reads lists the files within Root that the expansion read or tried
	// to read, sorted: while they read the same, the page body expands the
	// same (see Options.Digest).
	Reads []string
	// Pasted lists, sorted, the files pymdownx.snippets lines pasted in:
	// MkDocs pastes them before it reads the Markdown, so that their links
	// are the page's, where an included file's are its own.
	Pasted []string
}

// Expand returns body with its directives replaced. file is the page's path
// within Root and bodyLine the file line on which body starts. Directives
// that cannot be expanded are reported and left out.
func Expand(file string, body []byte, bodyLine int, opts Options) Expansion {
	if opts.Files == nil {
		opts.Files = NewFiles()
	}
	e := &expander{opts: opts, limit: opts.limit(), used: int64(len(body))}
	var out lines
	out.buf.Grow(len(body) + len(body)/2) // the directives' text is mostly short
	lm := LineMap{}
	e.expand(&out, &lm, file, body, bodyLine, []string{file})
	slices.Sort(e.reads)
	slices.Sort(e.pasted)
	return Expansion{Body: out.buf.Bytes(), Lines: lm, Diags: e.diags, Reads: slices.Compact(e.reads), Pasted: slices.Compact(e.pasted)}
}

// Digest sums up what the files named by reads hold now, as an expansion
// with opts reads them (missing, unreadable or too large included): two
// expansions of a page body whose Reads have the same digest are the same.
// Each file is read once per opts.Files.
func (opts Options) Digest(reads []string) [32]byte {
	if opts.Files == nil {
		opts.Files = NewFiles()
	}
	h := sha256.New()
	for _, name := range reads {
		sum := opts.Files.read(opts.Root, name, opts.limit()).sum
		fmt.Fprintf(h, "%d %s", len(name), name)
		h.Write(sum[:])
	}
	return [32]byte(h.Sum(nil))
}

type expander struct {
	opts  Options
	limit int64
	diags diag.List
	// used counts the bytes of the page body and of everything included so
	// far, across nested includes, so that the page with its includes
	// stays within the limit and a fan-out of includes cannot grow without
	// bound.
	used     int64
	overflow bool
	// reads lists the files read or looked for; snippetsRead says that
	// the snippets file is among them.
	reads        []string
	snippetsRead bool
	// pasted lists the files pymdownx.snippets lines named (Expansion.Pasted).
	pasted []string
}

// readFile reads an included file, once per Files: an error when it is
// larger than what is left of the limit.
func (e *expander) readFile(name string) ([]byte, error) {
	left := max(e.limit-e.used, 0)
	r := e.opts.Files.read(e.opts.Root, name, e.limit)
	data, err := r.data, r.err
	var le *sitefs.LimitError
	switch {
	case errors.As(err, &le):
		return nil, &fs.PathError{Op: "read", Path: name, Err: &sitefs.LimitError{Size: le.Size, Limit: left}}
	case err == nil && int64(len(data)) > left:
		return nil, &fs.PathError{Op: "read", Path: name, Err: &sitefs.LimitError{Size: int64(len(data)), Limit: left}}
	}
	return data, err
}

type snippet struct {
	text []byte
	line int
}

// lines is the expanded body being written, with a count of its line
// ends, so that recording where each directive's text lands does not
// count the lines written so far again (which made a page of many
// directives quadratic).
type lines struct {
	buf bytes.Buffer
	nl  int
}

func (w *lines) write(b []byte) {
	w.buf.Write(b)
	w.nl += bytes.Count(b, []byte("\n"))
}

// endLine ends the line being written, if one is.
func (w *lines) endLine() {
	if b := w.buf.Bytes(); len(b) > 0 && b[len(b)-1] != '\n' {
		w.newline()
	}
}

func (w *lines) newline() {
	w.buf.WriteByte('\n')
	w.nl++
}

// line returns the number of the line being written.
func (w *lines) line() int { return w.nl + 1 }

// expand writes body, the text of file from line firstLine on, to out
// with its directives expanded, and records in lm where the lines come
// from. chain lists the files being expanded, file last.
func (e *expander) expand(out *lines, lm *LineMap, file string, body []byte, firstLine int, chain []string) {
	*lm = append(*lm, Span{Line: out.line(), File: file, FileLine: firstLine})
	inFence := false
	var partials map[string]string // the Markdown files imported as components, by name
	for i, l := range bytes.SplitAfter(body, []byte("\n")) {
		trimmed := bytes.TrimLeft(l, " \t")
		if bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")) {
			inFence = !inFence
		}
		if e.overflow {
			return
		}
		line := bytes.TrimRight(l, "\r\n")
		k, arg := directive(line)
		if m := mdxUseRE.FindSubmatch(line); m != nil && !inFence && partials[string(m[1])] != "" {
			k, arg = elInclude, partials[string(m[1])]
		}
		if k == notDirective || inFence && k != mdbookInclude && k != mkdocsSnippet && k != mkdocsEscaped {
			out.write(l)
			continue
		}
		pos := diag.Pos{File: file, Line: firstLine + i, Col: 1 + len(l) - len(trimmed)}
		var stop bool
		switch k {
		case mdxImport:
			// Docusaurus shows the file where its component stands; the
			// import line itself shows nothing.
			m := mdxImportRE.FindStringSubmatch(arg)
			if partials == nil {
				partials = map[string]string{}
			}
			// The path is a JavaScript string: "\_" is "_", as written
			// to keep Markdown tools from reading it as emphasis.
			target := jsUnescape.Replace(m[2])
			if rest, ok := strings.CutPrefix(target, "@site/"); ok {
				target = "/" + rest // Docusaurus' name for the site's folder
			}
			partials[m[1]] = target
			out.newline()
			continue
		case snippetLine:
			stop = e.insertSnippet(out, lm, pos, arg, chain)
		case mkdocsEscaped:
			i := bytes.IndexByte(l, ';')
			out.write(append(l[:i:i], l[i+1:]...))
			continue
		case mkdocsSnippet:
			stop = e.includeMkDocs(out, lm, pos, arg, l[:len(l)-len(trimmed)], chain)
		default:
			stop = e.include(out, lm, pos, e.directiveRef(file, arg, k == mdbookInclude), chain)
		}
		if stop || e.tooMany() {
			return
		}
	}
}

// maxDiags bounds the problems one expansion reports: a page of a
// hundred thousand lines that each include a file of a cycle would
// otherwise hold a hundred thousand copies of the chain.
const maxDiags = 1000

// tooMany reports whether the expansion has reported as many problems as
// it may, and stops it with one more that says so.
func (e *expander) tooMany() bool {
	if e.overflow {
		return true
	}
	if len(e.diags) < maxDiags {
		return false
	}
	e.overflow = true
	e.diags.Add(e.diags[len(e.diags)-1].Pos, "over %d problems with includes; fix these first", maxDiags)
	return true
}

// resume records that the lines after a directive at pos come from the
// directive's file again.
func resume(out *lines, lm *LineMap, pos diag.Pos) {
	*lm = append(*lm, Span{Line: out.line(), File: pos.File, FileLine: pos.Line + 1})
}

// ref is what an include directive names.
type ref struct {
	// word names the directive in messages ("include", "snippet"), and
	// arg is its argument as written.
	word, arg string
	// target is the file, a path within Root; sel picks its lines, as
	// mdBook's include does, when mdbook is set.
	target, sel string
	mdbook      bool
	// indent, when not nil, is written before each line of a file
	// inserted as it is; a Markdown file is then not expanded in turn.
	indent []byte
}

// directiveRef returns what the include directive arg, of file, names:
// Experience League's include, or mdBook's with mdbook set.
func (e *expander) directiveRef(file, arg string, mdbook bool) ref {
	name, sel := arg, ""
	if mdbook {
		name, sel, _ = strings.Cut(arg, ":")
	}
	return ref{word: "include", arg: arg, target: e.resolve(file, name), sel: sel, mdbook: mdbook}
}

// include writes the file r names into out, with its own directives
// expanded when it is Markdown, and records where its lines come from in
// lm; chain lists the files being expanded. A missing file, a cycle or a
// path out of the site is reported and leaves an empty line. It reports
// whether expansion must stop (the size or depth limit).
func (e *expander) include(out *lines, lm *LineMap, pos diag.Pos, r ref, chain []string) (stop bool) {
	if len(chain) > maxDepth {
		e.overflow = true
		e.diags.Add(pos, "includes expand past the limit (%d nested, %d bytes); check for an include that repeats itself", len(chain), e.used)
		return true
	}
	target := r.target
	if outside(target) {
		e.diags.Add(pos, "%s %q leaves the site", r.word, r.arg)
		out.newline()
		return false
	}
	if slices.Contains(chain, target) {
		e.diags.Add(pos, "%s cycle: %s", r.word, strings.Join(append(chain, target), " → "))
		out.newline() // keep the lines after it in place
		return false
	}
	if sitefs.EditorFile(path.Base(target)) {
		// The preview does not watch such files, so it would not show
		// their changes; a build leaves them out of the site too.
		e.diags.Add(pos, "%s %q: %s is named as an editor's backup or temporary file, which playbook does not read; rename it", r.word, r.arg, target)
		out.newline()
		return false
	}
	e.reads = append(e.reads, target)
	data, err := e.readFile(target)
	if err != nil {
		if e.readError(pos, r, err) {
			return true
		}
		out.newline()
		return false
	}
	e.used += int64(len(data))
	if !r.mdbook {
		data, skip := stripFrontMatter(data)
		data, skip = dropTitle(data, skip)
		e.expand(out, lm, target, data, 1+skip, append(chain, target))
	} else if stop := e.writeLines(out, lm, pos, r, data, chain); stop {
		return true
	}
	out.endLine()
	resume(out, lm, pos)
	return false
}

// writeLines writes the lines of data, the file r names, that its
// selector picks (see mdbookLines): Markdown expanded in turn, other files
// as they are, indented by r.indent. Indenting every line adds to the
// page, so it counts against the limit as the file does. It reports
// whether expansion must stop.
func (e *expander) writeLines(out *lines, lm *LineMap, pos diag.Pos, r ref, data []byte, chain []string) (stop bool) {
	parts, ok := mdbookLines(data, r.sel)
	if !ok {
		e.diags.Add(pos, "%s %q: %s has no anchor %q (a line with ANCHOR: %s)", r.word, r.arg, r.target, r.sel, r.sel)
	}
	for _, p := range parts {
		switch {
		case strings.HasSuffix(r.target, ".md") && r.indent == nil:
			e.expand(out, lm, r.target, p.text, p.line, append(chain, r.target))
		case len(r.indent) > 0:
			if e.used += int64(len(r.indent) * bytes.Count(p.text, []byte("\n"))); e.used > e.limit {
				e.overflow = true
				e.diags.Add(pos, "%s %q: indented as its line is, %s is over what is left of %s (maxPageSize in playbook.toml)", r.word, r.arg, r.target, sitefs.Size(e.limit))
				return true
			}
			*lm = append(*lm, Span{Line: out.line(), File: r.target, FileLine: p.line})
			for l := range bytes.Lines(p.text) {
				if len(bytes.TrimRight(l, "\r\n")) > 0 {
					out.write(r.indent) // a blank line stays blank
				}
				out.write(l)
			}
		default:
			// Code, as it is: no directive in it is expanded.
			*lm = append(*lm, Span{Line: out.line(), File: r.target, FileLine: p.line})
			out.write(p.text)
		}
		out.endLine()
	}
	return false
}

// snippetRangeRE matches a snippet's argument that ends with a line range,
// ":2", ":2:10", ":2:" or "::10", which pymdownx.snippets splits off;
// any other colon is the path's.
var snippetRangeRE = regexp.MustCompile(`^(.+?)(:\d*(?::\d*)?)$`)

// includeMkDocs writes the file (or its lines, "path:2:10") that a
// pymdownx.snippets line at pos names, from the site's folder (then, as
// a base_path of the content folder would, from the content folder),
// each line indented as the snippet line is, so that a snippet in a list
// item or an indented code block stays in it. A Markdown file at the
// start of its line has its own directives expanded; other files are
// written as they are. It reports whether expansion must stop.
func (e *expander) includeMkDocs(out *lines, lm *LineMap, pos diag.Pos, arg string, indent []byte, chain []string) (stop bool) {
	name, sel := arg, ""
	if m := snippetRangeRE.FindStringSubmatch(arg); m != nil {
		name, sel = m[1], m[2][1:]
		if _, _, ok := lineRange(sel); !ok {
			e.diags.Add(pos, "snippet %q: %q is no range of lines (2, 2:10, 2: or :10)", arg, sel)
			out.newline()
			return false
		}
	}
	if strings.Contains(name, "://") {
		e.diags.Add(pos, "snippet %q: playbook reads files of the site, not addresses on the web", arg)
		out.newline()
		return false
	}
	target, found := e.snippetFile(name)
	if !found && !outside(target) {
		head, _, section := strings.Cut(path.Base(name), ":")
		if _, ok := e.snippetFile(path.Join(path.Dir(name), head)); section && ok {
			e.diags.Add(pos, "snippet %q: only whole files and line ranges (file:2:10) are read; a section is not", arg)
		} else {
			e.diags.Add(pos, "missing snippet %q: no file %s, nor %s", arg, path.Clean(name), path.Join(e.opts.ContentDir, name))
		}
		out.newline()
		return false
	}
	if len(indent) == 0 && strings.HasSuffix(target, ".md") {
		indent = nil // expanded in turn
	} else if indent == nil {
		indent = []byte{} // written as it is
	}
	e.pasted = append(e.pasted, target)
	return e.include(out, lm, pos, ref{word: "snippet", arg: arg, target: target, sel: sel, mdbook: true, indent: indent}, chain)
}

// outside reports whether target, a resolved path, leaves the site.
func outside(target string) bool { return target == ".." || strings.HasPrefix(target, "../") }

// snippetFile returns where the snippet path name is: in the site's
// folder, else in the content folder, and whether it is there; each place
// looked at is noted as read, so that the page is expanded again when a
// file appears there.
func (e *expander) snippetFile(name string) (string, bool) {
	target := e.resolve("", "/"+name)
	if outside(target) {
		return target, false
	}
	for _, p := range []string{target, path.Join(e.opts.ContentDir, name)} {
		// Read through Files, as include reads it next: once.
		if err := e.opts.Files.read(e.opts.Root, p, e.limit).err; !errors.Is(err, fs.ErrNotExist) {
			return p, true
		}
		e.reads = append(e.reads, p)
		if e.opts.ContentDir == "" {
			break
		}
	}
	return target, false
}

// part is some lines of an included file, from its line line on.
type part struct {
	text []byte
	line int
}

// mdbookLines returns the lines of data that an mdBook include's selector
// picks: all of them (""), line a (":a"), lines a to b (":a:b", either
// left out for the first or the last), or the lines between the lines
// that hold "ANCHOR: name" and "ANCHOR_END: name" (":name"), without the
// lines of other anchors' marks. It reports false for an anchor that is
// not there.
func mdbookLines(data []byte, sel string) ([]part, bool) {
	if sel == "" {
		return []part{{data, 1}}, true
	}
	from, to, byLine := lineRange(sel)
	var parts []part
	in, found := false, false
	off, n, last := 0, 0, 0
	for l := range bytes.Lines(data) {
		start := off
		off += len(l)
		n++
		var take bool
		switch {
		case byLine:
			take = n >= from && (to == 0 || n <= to)
		case anchorMark(l, "ANCHOR_END:") == sel:
			in = false
		case anchorMark(l, "ANCHOR:") == sel:
			in, found = true, true
		default:
			take = in && anchorMark(l, "ANCHOR:") == "" && anchorMark(l, "ANCHOR_END:") == ""
		}
		if !take {
			continue
		}
		if k := len(parts) - 1; k >= 0 && last == n-1 {
			// Right after the last line taken: the same part.
			parts[k].text = parts[k].text[:len(parts[k].text)+len(l)]
		} else {
			parts = append(parts, part{data[start:off], n})
		}
		last = n
	}
	return parts, byLine || found
}

// lineRange reads a selector of line numbers: "a" (that line alone),
// "a:", ":b" and "a:b"; to is 0 for the last line. ok is false when sel
// is not one (an anchor's name).
func lineRange(sel string) (from, to int, ok bool) {
	a, b, two := strings.Cut(sel, ":")
	num := func(s string, def int) (int, bool) {
		if s == "" {
			return def, true
		}
		n, err := strconv.Atoi(s)
		return n, err == nil && n > 0
	}
	from, okA := num(a, 1)
	if !two {
		return from, from, okA && a != ""
	}
	to, okB := num(b, 0)
	return from, to, okA && okB
}

// anchorMark returns the name after mark ("ANCHOR:" or "ANCHOR_END:") on
// line l, or "".
func anchorMark(l []byte, mark string) string {
	i := bytes.Index(l, []byte(mark))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(l[i+len(mark):], " \t")
	end := bytes.IndexFunc(rest, func(r rune) bool {
		return !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	})
	if end < 0 {
		end = len(rest)
	}
	return string(rest[:end])
}

// insertSnippet writes the snippet that the directive at pos names into
// out, with its own directives expanded (an include in a snippet, as
// Experience League expands it); chain is as for include, with a snippet
// named as its file and "#" and its id. A missing snippet is reported and
// leaves an empty line. It reports whether expansion must stop.
func (e *expander) insertSnippet(out *lines, lm *LineMap, pos diag.Pos, name string, chain []string) (stop bool) {
	if len(chain) > maxDepth {
		e.overflow = true
		e.diags.Add(pos, "includes expand past the limit (%d nested, %d bytes); check for an include that repeats itself", len(chain), e.used)
		return true
	}
	key := e.opts.Snippets + "#" + name
	if slices.Contains(chain, key) {
		e.diags.Add(pos, "include cycle: %s", strings.Join(append(chain, key), " → "))
		out.newline()
		return false
	}
	sn, ok, err := e.snippet(name)
	if !ok && err != nil {
		e.diags.Add(pos, "snippet %q: cannot read the snippets file %s: %v", name, e.opts.Snippets, unwrapPath(err))
		out.newline()
		return false
	}
	if !ok {
		e.diags.Add(pos, "missing snippet %q: no section {#%s} in %s", name, name, e.opts.Snippets)
		out.newline()
		return false
	}
	if e.used += int64(len(sn.text)); e.used > e.limit {
		e.overflow = true
		e.diags.Add(pos, "snippet %q: includes expand past the limit: the page with its includes is over %s (maxPageSize in playbook.toml)", name, sitefs.Size(e.limit))
		return true
	}
	e.expand(out, lm, e.opts.Snippets, sn.text, sn.line, append(chain, key))
	out.endLine()
	resume(out, lm, pos)
	return e.overflow
}

// readError reports a file an include directive names that cannot be
// read, and whether expansion must stop.
func (e *expander) readError(pos diag.Pos, r ref, err error) (stop bool) {
	var le *sitefs.LimitError
	word, arg, target := r.word, r.arg, r.target
	switch {
	case errors.As(err, &le):
		if le.Size >= 0 {
			e.diags.Add(pos, "%s %q: includes expand past the limit: %s is %s, and with the page and its other includes that is over %s (maxPageSize in playbook.toml)",
				word, arg, target, sitefs.Size(le.Size), sitefs.Size(e.limit))
		} else {
			e.diags.Add(pos, "%s %q: includes expand past the limit: %s is larger than the %s left of %s (maxPageSize in playbook.toml)",
				word, arg, target, sitefs.Size(le.Limit), sitefs.Size(e.limit))
		}
		e.overflow = true
		return true
	case errors.Is(err, fs.ErrNotExist):
		e.diags.Add(pos, "missing %s %q: no file %s", word, arg, target)
	case errors.Is(err, sitefs.ErrOutside), errors.Is(err, sitefs.ErrNotRegular):
		e.diags.Add(pos, "%s %q: %s: %v", word, arg, target, unwrapPath(err))
	default:
		e.diags.Add(pos, "%s %q: cannot read %s: %v", word, arg, target, unwrapPath(err))
	}
	return false
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// maxDepth bounds how deeply includes nest.
const maxDepth = 32

// resolve turns an include path into a path within Root: "/x/y.md" from the
// root, anything else relative to the including file.
func (e *expander) resolve(from, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(strings.TrimPrefix(p, "/"))
	}
	return path.Join(path.Dir(from), p)
}

// stripFrontMatter drops a leading --- block from an included file (or
// one of Eleventy's, ---json or ---js, see source.OpensDashFront) and
// returns how many lines it had.
func stripFrontMatter(b []byte) ([]byte, int) {
	first, _, ok := bytes.Cut(b, []byte("\n"))
	if !ok || !source.OpensDashFront(string(bytes.TrimSuffix(first, []byte("\r")))) {
		return b, 0
	}
	rest := b[len(first):]
	if i := bytes.Index(rest, []byte("\n---")); i >= 0 {
		end := len(first) + i + 4
		if j := bytes.IndexByte(b[end:], '\n'); j >= 0 {
			end += j + 1
		} else {
			end = len(b)
		}
		return b[end:], bytes.Count(b[:end], []byte("\n"))
	}
	return b, 0
}

// dropTitle drops the level-1 heading an included file starts with (after
// blank lines), which Experience League's include files carry as a label
// for their authors and its pages leave out: in the including page it
// would be a second page title among its sections. skip counts the lines
// dropped before b, and the count is returned with those dropped here.
func dropTitle(b []byte, skip int) ([]byte, int) {
	rest := b
	for {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		switch t := bytes.TrimRight(line, " \t\r"); {
		case len(t) == 0 && len(after) < len(rest):
			rest = after
			continue
		case bytes.HasPrefix(t, []byte("# ")) || bytes.Equal(t, []byte("#")):
			return after, skip + bytes.Count(b[:len(b)-len(after)], []byte("\n"))
		}
		return b, skip
	}
}

var snippetHeadingRE = regexp.MustCompile(`(?m)^(#{1,6})[ \t]+.*\{#([A-Za-z0-9_-]+)\}[ \t]*\r?$`)

// snippet returns the section of the snippets file that has the id: from
// the line after its heading to the next heading of the same or a higher
// level.
func (e *expander) snippet(id string) (snippet, bool, error) {
	if !e.snippetsRead {
		e.snippetsRead = true
		e.reads = append(e.reads, e.opts.Snippets)
	}
	set := e.opts.Files.snippetsOf(e.opts.Root, e.opts.Snippets, e.limit)
	s, ok := set.byID[id]
	return s, ok, set.err
}

// splitSnippets splits the snippets file, read as data or not with err,
// into its sections. A missing file has no snippets and is no error.
func splitSnippets(data []byte, err error) (map[string]snippet, error) {
	snippets := map[string]snippet{}
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrInvalid) {
			return snippets, err
		}
		return snippets, nil
	}
	data, skip := stripFrontMatter(data)
	ms := snippetHeadingRE.FindAllSubmatchIndex(data, -1)
	for i, m := range ms {
		level := m[3] - m[2]
		start := m[1]
		for start < len(data) && (data[start] == '\n' || data[start] == '\r') {
			start++
		}
		end := len(data)
		for _, n := range ms[i+1:] {
			if n[3]-n[2] <= level {
				end = n[0]
				break
			}
		}
		key := string(data[m[4]:m[5]])
		snippets[key] = snippet{text: bytes.TrimRight(data[start:end], "\n"), line: 1 + skip + bytes.Count(data[:start], []byte("\n"))}
	}
	return snippets, nil
}
