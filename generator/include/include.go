// Package include expands the Experience League include and snippet
// directives in a page body before it is parsed as Markdown:
//
//	{{$include /help/_includes/file.md}}   the file's body, recursively
//	{{snippet-name}}                       the section with {#snippet-name}
//	                                       from the snippets file
//
// Each directive must stand alone on its line. Expansion keeps a line map,
// so that positions in the expanded text can be reported in the file and on
// the line they came from.
package include

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/sitefs"
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
	// bytes; 0 means DefaultMaxSize. No file is read past what is left.
	MaxSize int
}

// DefaultMaxSize is the default of Options.MaxSize: 10 MB.
const DefaultMaxSize = 10 << 20

var (
	includeRE = regexp.MustCompile(`^[ \t]*\{\{\$include[ \t]+([^}\s]+)[ \t]*\}\}[ \t]*$`)
	snippetRE = regexp.MustCompile(`^[ \t]*\{\{([a-z0-9][a-z0-9_-]*)\}\}[ \t]*$`)
)

// HasDirectives reports whether body needs Expand at all.
func HasDirectives(body []byte) bool { return bytes.Contains(body, []byte("{{")) }

// Expand returns body with its directives replaced. file is the page's path
// within Root and bodyLine the file line on which body starts. Directives
// that cannot be expanded are reported and left out.
func Expand(file string, body []byte, bodyLine int, opts Options) ([]byte, LineMap, diag.List) {
	e := &expander{opts: opts, limit: int64(opts.MaxSize), used: int64(len(body))}
	if e.limit <= 0 {
		e.limit = DefaultMaxSize
	}
	var out bytes.Buffer
	lm := LineMap{}
	e.expand(&out, &lm, file, body, bodyLine, []string{file})
	return out.Bytes(), lm, e.diags
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
	snippets map[string]snippet
	// snippetsErr says why the snippets file could not be read, when it
	// exists.
	snippetsErr error
	loaded      bool
}

type snippet struct {
	text []byte
	line int
}

// expand writes body, the text of file from line firstLine on, to out
// with its directives expanded, and records in lm where the lines come
// from. chain lists the files being expanded, file last.
func (e *expander) expand(out *bytes.Buffer, lm *LineMap, file string, body []byte, firstLine int, chain []string) {
	*lm = append(*lm, Span{Line: lineCount(out), File: file, FileLine: firstLine})
	inFence := false
	for i, l := range bytes.SplitAfter(body, []byte("\n")) {
		trimmed := bytes.TrimLeft(l, " \t")
		if bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")) {
			inFence = !inFence
		}
		if e.overflow {
			return
		}
		pos := diag.Pos{File: file, Line: firstLine + i, Col: 1 + len(l) - len(trimmed)}
		bare := bytes.TrimRight(l, "\r\n")
		if m := includeRE.FindSubmatch(bare); m != nil && !inFence {
			if e.include(out, lm, pos, string(m[1]), chain) {
				return
			}
			continue
		}
		if m := snippetRE.FindSubmatch(bare); m != nil && !inFence {
			if e.insertSnippet(out, lm, pos, string(m[1])) {
				return
			}
			continue
		}
		out.Write(l)
	}
}

// lineCount returns the number of the line being written to out.
func lineCount(out *bytes.Buffer) int { return bytes.Count(out.Bytes(), []byte("\n")) + 1 }

// resume records that the lines after a directive at pos come from the
// directive's file again.
func resume(out *bytes.Buffer, lm *LineMap, pos diag.Pos) {
	*lm = append(*lm, Span{Line: lineCount(out), File: pos.File, FileLine: pos.Line + 1})
}

// include expands the include directive at pos, which names arg, into
// out; chain lists the files being expanded, the including file last. A
// directive that cannot be expanded is reported and leaves an empty line.
// It reports whether expansion must stop.
func (e *expander) include(out *bytes.Buffer, lm *LineMap, pos diag.Pos, arg string, chain []string) (stop bool) {
	if len(chain) > maxDepth {
		e.overflow = true
		e.diags.Add(pos, "includes expand past the limit (%d nested, %d bytes); check for an include that repeats itself", len(chain), e.used)
		return true
	}
	target := e.resolve(pos.File, arg)
	if target == ".." || strings.HasPrefix(target, "../") {
		e.diags.Add(pos, "include %q leaves the site", arg)
		out.WriteByte('\n')
		return false
	}
	if slices.Contains(chain, target) {
		e.diags.Add(pos, "include cycle: %s", strings.Join(append(chain, target), " → "))
		out.WriteByte('\n') // keep the lines after it in place
		return false
	}
	data, err := sitefs.ReadFile(e.opts.Root, target, max(e.limit-e.used, 0))
	if err != nil {
		if e.readError(pos, arg, target, err) {
			return true
		}
		out.WriteByte('\n')
		return false
	}
	e.used += int64(len(data))
	data, skip := stripFrontMatter(data)
	sub := &bytes.Buffer{}
	var subMap LineMap
	e.expand(sub, &subMap, target, data, 1+skip, append(chain, target))
	// Splice the nested map, shifted to where it lands.
	base := lineCount(out)
	for _, s := range subMap {
		*lm = append(*lm, Span{Line: base + s.Line - 1, File: s.File, FileLine: s.FileLine})
	}
	out.Write(ensureNewline(sub.Bytes()))
	resume(out, lm, pos)
	return false
}

// insertSnippet writes the snippet that the directive at pos names into
// out. A missing snippet is reported and leaves an empty line. It reports
// whether expansion must stop.
func (e *expander) insertSnippet(out *bytes.Buffer, lm *LineMap, pos diag.Pos, name string) (stop bool) {
	sn, ok := e.snippet(name)
	if !ok && e.snippetsErr != nil {
		e.diags.Add(pos, "snippet %q: cannot read the snippets file %s: %v", name, e.opts.Snippets, unwrapPath(e.snippetsErr))
		out.WriteByte('\n')
		return false
	}
	if !ok {
		e.diags.Add(pos, "missing snippet %q: no section {#%s} in %s", name, name, e.opts.Snippets)
		out.WriteByte('\n')
		return false
	}
	if e.used += int64(len(sn.text)); e.used > e.limit {
		e.overflow = true
		e.diags.Add(pos, "snippet %q: includes expand past the limit: the page with its includes is over %s (maxPageSize in playbook.toml)", name, sitefs.Size(e.limit))
		return true
	}
	*lm = append(*lm, Span{Line: lineCount(out), File: e.opts.Snippets, FileLine: sn.line})
	out.Write(ensureNewline(sn.text))
	resume(out, lm, pos)
	return false
}

// readError reports a file an include directive names that cannot be
// read, and whether expansion must stop.
func (e *expander) readError(pos diag.Pos, arg, target string, err error) (stop bool) {
	var le *sitefs.LimitError
	switch {
	case errors.As(err, &le):
		if le.Size >= 0 {
			e.diags.Add(pos, "include %q: includes expand past the limit: %s is %s, and with the page and its other includes that is over %s (maxPageSize in playbook.toml)",
				arg, target, sitefs.Size(le.Size), sitefs.Size(e.limit))
		} else {
			e.diags.Add(pos, "include %q: includes expand past the limit: %s is larger than the %s left of %s (maxPageSize in playbook.toml)",
				arg, target, sitefs.Size(le.Limit), sitefs.Size(e.limit))
		}
		e.overflow = true
		return true
	case errors.Is(err, fs.ErrNotExist):
		e.diags.Add(pos, "missing include %q: no file %s", arg, target)
	case errors.Is(err, sitefs.ErrOutside), errors.Is(err, sitefs.ErrNotRegular):
		e.diags.Add(pos, "include %q: %s: %v", arg, target, unwrapPath(err))
	default:
		e.diags.Add(pos, "include %q: cannot read %s: %v", arg, target, unwrapPath(err))
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

func ensureNewline(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] != '\n' {
		return append(b, '\n')
	}
	return b
}

// resolve turns an include path into a path within Root: "/x/y.md" from the
// root, anything else relative to the including file.
func (e *expander) resolve(from, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(strings.TrimPrefix(p, "/"))
	}
	return path.Join(path.Dir(from), p)
}

// stripFrontMatter drops a leading --- block from an included file and
// returns how many lines it had.
func stripFrontMatter(b []byte) ([]byte, int) {
	if !bytes.HasPrefix(b, []byte("---\n")) && !bytes.HasPrefix(b, []byte("---\r\n")) {
		return b, 0
	}
	rest := b[3:]
	if i := bytes.Index(rest, []byte("\n---")); i >= 0 {
		end := 3 + i + 4
		if j := bytes.IndexByte(b[end:], '\n'); j >= 0 {
			end += j + 1
		} else {
			end = len(b)
		}
		return b[end:], bytes.Count(b[:end], []byte("\n"))
	}
	return b, 0
}

var snippetHeadingRE = regexp.MustCompile(`(?m)^(#{1,6})[ \t]+.*\{#([A-Za-z0-9_-]+)\}[ \t]*\r?$`)

// snippet returns the section of the snippets file that has the id: from
// the line after its heading to the next heading of the same or a higher
// level.
func (e *expander) snippet(id string) (snippet, bool) {
	if !e.loaded {
		e.loaded = true
		e.snippets = map[string]snippet{}
		data, err := sitefs.ReadFile(e.opts.Root, e.opts.Snippets, e.limit)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrInvalid) {
				e.snippetsErr = err
			}
			return snippet{}, false
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
			e.snippets[key] = snippet{text: bytes.TrimRight(data[start:end], "\n"), line: 1 + skip + bytes.Count(data[:start], []byte("\n"))}
		}
	}
	s, ok := e.snippets[id]
	return s, ok
}
