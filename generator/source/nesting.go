package source

import (
	"fmt"

	"github.com/playbookhq/playbook/generator/diag"
)

// MaxNesting is how deep front matter and playbook.toml may nest. The YAML
// and TOML parsers take time and memory that grow with the square of the
// depth (a 300 KB page of nested {a: …} ran out of memory, 20 KB of a
// TOML key a.a.….a took 1.4 GB), and no real front matter nests more than
// a few levels.
const MaxNesting = 100

// MaxFrontMatter is the largest front matter decoded, in bytes. The
// parsers hold about 400 bytes a value (a flow list of a million numbers
// took 819 MB), and front matter is a page's few facts, not its data.
const MaxFrontMatter = 1 << 20

// TooDeep returns the offset in data of the mark that nests it deeper
// than MaxNesting, or -1: a bracket ("[" or "{") that leaves more than
// MaxNesting open, or, on one line, one mark too many of those that open
// a level without brackets: in YAML "- ", "? " and ": " (x: - - - v,
// x: a: a: v), in TOML (toml) the dots of a key (a.a.a = 1, [a.a.a]).
// It counts the marks in strings and comments too: telling them apart
// takes the parser's own rules (a quote opens a string in some places and
// not in others), and a guard that got them wrong would let a deep
// structure through. Only text with a hundred marks left open, or on one
// line, is refused. (No parser offers a depth limit; this is the guard
// in front of them.)
func TooDeep(data []byte, toml bool) int {
	depth, marks, key := 0, 0, true
	for i, c := range data {
		switch c {
		case '\n':
			marks, key = 0, true
			continue
		case '[', '{':
			if depth++; depth > MaxNesting {
				return i
			}
			continue
		case ']', '}':
			depth = max(depth-1, 0)
			continue
		case '=':
			key = false
			continue
		}
		if toml {
			if c == '.' && key {
				marks++
			}
		} else if (c == '-' || c == '?' || c == ':') && (i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\t' || data[i+1] == '\n') {
			marks++
		}
		if marks > MaxNesting {
			return i
		}
	}
	return -1
}

// NestingError returns the error for data, the text of file from its line
// firstLine on, when it nests deeper than MaxNesting (see TooDeep), or
// nil. what names the text in the message ("front matter "), or is "".
func NestingError(file string, firstLine int, data []byte, isTOML bool, what string) *diag.Diagnostic {
	at := TooDeep(data, isTOML)
	if at < 0 {
		return nil
	}
	line, col := diag.LineCol(data, at)
	return &diag.Diagnostic{Pos: diag.Pos{File: file, Line: firstLine + line - 1, Col: col}, Severity: diag.Error,
		Msg: fmt.Sprintf("%snests more than %d levels deep; playbook reads none of it", what, MaxNesting)}
}
