// Package diag holds source positions and the diagnostics a build collects.
//
// It follows go/scanner's ErrorList: problems are gathered into a List,
// sorted by position, and turned into one error only at the end, so a user
// sees every problem of a build at once, each as "path:line:col: message".
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Pos is a position in a source file. Line and Col are 1-based; a zero Line
// means the position names the file only, a zero Col the line only. Lines
// end at "\n" (a "\r" alone is read as one: see LineEnds).
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as "file:line:col", leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a diagnostic fails the build.
type Severity int

// The severities, from most to least severe.
const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Kind names the check that produced the diagnostic (for example
	// "broken-link"), so a site can change its severity; it may be empty.
	Kind string
	Msg  string
	// Hint, when set, finds text to add to Msg, such as ` (did you mean
	// "x"?)`. Finding it may mean searching the whole site, so it waits
	// until the diagnostic is known to be shown: see List.ResolveHints.
	Hint *Hint
}

// Hint finds a suggestion for a diagnostic when it is asked for.
type Hint struct {
	// Find returns the text to add to the message, or "".
	Find func() string

	once sync.Once
	text string
	// joined holds a message with the text added, joined once: after
	// every edit a preview shows the hints of a site model it kept.
	joinOnce     sync.Once
	base, joined string
}

// Text returns what Find returns, finding it once: a preview that keeps a
// site model across rebuilds shows the model's diagnostics after each, and
// searching the site for each hint again made a rebuild of a handbook
// with thousands of broken links take hundreds of milliseconds.
func (h *Hint) Text() string {
	h.once.Do(func() {
		if h.Find != nil {
			h.text = h.Find()
		}
	})
	return h.text
}

// join returns msg with the hint's text added.
func (h *Hint) join(msg string) string {
	h.joinOnce.Do(func() { h.base, h.joined = msg, msg+h.Text() })
	if msg != h.base {
		return msg + h.Text()
	}
	return h.joined
}

// String formats the diagnostic as "file:line:col: message", with
// "warning: " before the message of a warning.
func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Msg
	}
	return d.Pos.String() + ": " + d.Msg
}

// List is a list of diagnostics. The zero value is an empty list ready to use.
type List []Diagnostic

// SameText reports whether l and m print the same (String), without
// printing them: a preview compares a handbook's megabytes of warnings
// after every rebuild.
func (l List) SameText(m List) bool {
	return slices.EqualFunc(l, m, func(a, b Diagnostic) bool {
		return a.Pos == b.Pos && (a.Severity == Warning) == (b.Severity == Warning) && a.Msg == b.Msg
	})
}

// Add appends an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warn appends a warning at pos.
func (l *List) Warn(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// CheckKinds returns the kinds of diagnostic, sorted: the names a site's
// [checks] table sets the severity of. TestCheckKinds keeps it in step
// with the kinds the generator reports.
func CheckKinds() []string {
	return []string{
		"broken-link", "callout", "codeowners", "diagram", "docfx", "duplicate-alias", "duplicate-id", "duplicate-key", "duplicate-task-id", "encoding", "erb-tag", "front-matter", "gitbook", "hugo-shortcode",
		"liquid-tag", "mdx", "missing-anchor", "myst", "no-onboarding", "no-owner", "orphan-page", "placeholder",
		"portability", "raw-html", "raw-html-link", "removed-url", "review-due", "symlink", "techdocs", "template",
		"translation-checklist", "translation-key", "unknown-key", "unknown-language",
		"unknown-role", "unknown-team",
	}
}

// SymlinkSkipped appends the warning, of kind symlink, of a symbolic link
// that a walk of the site leaves out.
func (l *List) SymlinkSkipped(pos Pos) {
	l.AddKind("symlink", Warning, pos, "symbolic link skipped: links may point outside the site")
}

// AddKind appends a diagnostic of the named kind and severity at pos.
func (l *List) AddKind(kind string, sev Severity, pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Kind: kind, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by file, line, column, then message, and removes
// exact duplicates (whatever their hints).
func (l *List) Sort() {
	slices.SortFunc(*l, compare)
	*l = slices.CompactFunc(*l, func(a, b Diagnostic) bool {
		return a.Pos == b.Pos && a.Severity == b.Severity && a.Kind == b.Kind && a.Msg == b.Msg
	})
}

// compare orders diagnostics by position, severity and message. It
// returns at the first difference (cmp.Or would compare every field
// first): a preview of a handbook with thousands of warnings sorts them
// on each rebuild.
func compare(a, b Diagnostic) int {
	if a.Pos.File != b.Pos.File {
		return strings.Compare(a.Pos.File, b.Pos.File)
	}
	if a.Pos.Line != b.Pos.Line {
		return cmp.Compare(a.Pos.Line, b.Pos.Line)
	}
	if a.Pos.Col != b.Pos.Col {
		return cmp.Compare(a.Pos.Col, b.Pos.Col)
	}
	if a.Severity != b.Severity {
		return cmp.Compare(a.Severity, b.Severity)
	}
	return strings.Compare(a.Msg, b.Msg)
}

// Errors returns the diagnostics of severity Error.
func (l List) Errors() List { return l.only(Error) }

// Warnings returns the diagnostics of severity Warning.
func (l List) Warnings() List { return l.only(Warning) }

func (l List) only(sev Severity) List {
	n := 0
	for _, d := range l {
		if d.Severity == sev {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make(List, 0, n)
	for _, d := range l {
		if d.Severity == sev {
			out = append(out, d)
		}
	}
	return out
}

// Err returns an error holding the list's errors, or nil when it has none.
// Warnings alone never make an error.
func (l List) Err() error {
	errs := l.Errors() // nil, without allocating, when there are none
	if errs == nil {
		return nil
	}
	errs.Sort()
	return &ListError{List: errs}
}

// String returns one diagnostic a line.
func (l List) String() string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// ListError is the error returned by List.Err: a list of errors, with the
// warnings found beside them when whoever made it kept those.
type ListError struct {
	List List
	// Warnings are the warnings of the same run, sorted; they are not
	// part of Error's text.
	Warnings List
}

// All returns the errors and the warnings in one sorted list.
func (e *ListError) All() List {
	all := append(slices.Clip(e.List), e.Warnings...)
	all.Sort()
	return all
}

// Error returns the diagnostics, one a line, without a trailing newline.
func (e *ListError) Error() string {
	return strings.TrimSuffix(e.List.String(), "\n")
}

// LineCol converts a byte offset in src to a 1-based line and column.
// The column counts bytes, as go/scanner does. Offsets outside src are
// clamped to it.
func LineCol(src []byte, offset int) (line, col int) {
	offset = max(0, min(offset, len(src)))
	line = 1 + countNewlines(src[:offset])
	start := 0
	if i := lastNewline(src[:offset]); i >= 0 {
		start = i + 1
	}
	return line, offset - start + 1
}

// LineEnds returns b with each "\r" that no "\n" follows made a "\n":
// CommonMark and YAML end a line there, as the old Mac files some
// handbooks keep do, and positions then count the lines an editor shows.
// It returns b itself when there is no such "\r", a copy otherwise; the
// length, and so every byte offset, stays the same.
func LineEnds(b []byte) []byte {
	var out []byte
	for i := bytes.IndexByte(b, '\r'); i >= 0; {
		if i+1 == len(b) || b[i+1] != '\n' {
			if out == nil {
				out = bytes.Clone(b)
			}
			out[i] = '\n'
		}
		j := bytes.IndexByte(b[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if out == nil {
		return b
	}
	return out
}

func countNewlines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

func lastNewline(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '\n' {
			return i
		}
	}
	return -1
}
