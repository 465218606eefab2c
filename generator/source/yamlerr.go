package source

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// yamlFault is a YAML front-matter mistake: where it is, counted from the
// block's first line, and what to do about it.
type yamlFault struct {
	line, col int
	msg       string
}

// maxRepairs bounds the re-parses explainYAML tries on one block, and
// repairBudget the bytes they parse in all: real front matter is a few
// hundred bytes, and the decoder takes about a second for 300 KB of broken
// YAML.
const (
	maxRepairs   = 16
	repairBudget = 256 << 10
)

// explainYAML finds the mistake behind a YAML error in a front-matter
// block and says how to fix it. The decoder reports where it gave up,
// which for an unclosed quote or bracket, or a line indented too far, can
// be many lines below the mistake (the quote runs on to the next quote in
// the block). So lines that look like one of those mistakes are repaired
// one at a time, in order, and the first whose repair makes the error go
// away, or move past the line, is the mistake. Otherwise the decoder's
// position stands, with a message that names the likely cause. firstLine
// is the file line of the block's first line, for messages that cite
// other lines.
func explainYAML(block []byte, err error, firstLine int) yamlFault {
	lines := strings.Split(strings.ReplaceAll(string(block), "\r\n", "\n"), "\n")
	f := decoderFault(block, err)
	if f.line >= 1 && f.line <= len(lines) {
		f.col = byteCol(lines[f.line-1], f.col)
	}
	// prev[i] and next[i] are the nearest lines above and below i that
	// are neither blank nor comments, or -1.
	prev, next := make([]int, len(lines)), make([]int, len(lines))
	for i, last := 0, -1; i < len(lines); i++ {
		prev[i] = last
		if significant(lines[i]) {
			last = i
		}
	}
	for i, last := len(lines)-1, -1; i >= 0; i-- {
		next[i] = last
		if significant(lines[i]) {
			last = i
		}
	}
	tries := 0
	for i := range lines {
		if tries >= maxRepairs || (tries+1)*len(block) > repairBudget {
			break
		}
		c, ok := suspect(lines, i, prev[i], next[i])
		if !ok {
			continue
		}
		tries++
		fixed := append(append(append([]string(nil), lines[:i]...), c.repair), lines[i+1:]...)
		var v any
		src := []byte(strings.Join(fixed, "\n"))
		err2 := yaml.Unmarshal(src, &v)
		if err2 == nil {
			return yamlFault{line: i + 1, col: c.col, msg: c.msg}
		}
		if l := decoderFault(src, err2).line; l > max(i+1, f.line) || c.sure && l > i+1 {
			return yamlFault{line: i + 1, col: c.col, msg: c.msg}
		}
	}
	if f.line >= 1 && f.line <= len(lines) {
		f.msg = reword(lines, f, firstLine)
	}
	return f
}

// byteCol returns the column in bytes of the col-th character of line:
// the decoder counts characters, a diagnostic bytes (see diag.LineCol).
func byteCol(line string, col int) int {
	if col < 1 {
		return col
	}
	for i := range line {
		if col--; col == 0 {
			return i + 1
		}
	}
	return len(line) + max(col, 1)
}

// decoderFault is the decoder's own position in src and message.
func decoderFault(src []byte, err error) yamlFault {
	f := yamlFault{line: 1, col: 1, msg: err.Error()}
	var yerr yaml.Error
	if errors.As(err, &yerr) {
		if tok := yerr.GetToken(); tok != nil && tok.Position != nil {
			f.line, f.col = tok.Position.Line, tok.Position.Column
		}
		f.msg = yerr.GetMessage()
	}
	return f
}

// candidate is a line that looks like a mistake, with the line repaired.
type candidate struct {
	col    int
	msg    string
	repair string
	// sure says that the line is wrong whatever follows, so a repair
	// that moves the error anywhere past it confirms it.
	sure bool
}

var (
	// keyValueRE splits "  key: value" and "  - key: value"; group 1 is
	// the indentation with any "- ", 2 the key, 3 the value.
	keyValueRE = regexp.MustCompile(`^(\s*(?:-\s+)*)([^\s#:'"\[\]{}-][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$`)
	// listItemRE splits "  - value".
	listItemRE = regexp.MustCompile(`^(\s*(?:-\s+)+)(.*)$`)
	keyStartRE = regexp.MustCompile(`^\s*(?:-\s+)?[^\s#:'"\[\]{}-][^:#]*:(\s|$)`)
)

// value returns the value written on a line and the column it starts in:
// after "key: " or "- ".
func value(line string) (string, int, bool) {
	if m := keyValueRE.FindStringSubmatchIndex(line); m != nil && m[6] >= 0 {
		return line[m[6]:m[7]], m[6] + 1, true
	}
	if m := listItemRE.FindStringSubmatchIndex(line); m != nil && m[4] < m[5] {
		return line[m[4]:m[5]], m[4] + 1, true
	}
	return "", 0, false
}

// suspect returns the repair of lines[i] when it looks like a mistake that
// the decoder reports further down: a quote or bracket not closed on its
// line, or a key indented under a key that already has a value.
func suspect(lines []string, i, prevLine, nextLine int) (candidate, bool) {
	line := strings.TrimRight(lines[i], " \t")
	next := ""
	if nextLine >= 0 {
		next = lines[nextLine]
	}
	// The next line starts a key or an item, as after a value that ends
	// on its line; or the block ends.
	nextIsKey := next == "" || keyStartRE.MatchString(next) || listItemRE.MatchString(next)
	v, col, ok := value(line)
	if ok && v != "" {
		switch q := v[0]; q {
		case '"', '\'':
			if !quoteClosed(v) && nextIsKey {
				name := "double quote (\")"
				hint := ""
				if q == '\'' {
					name = "single quote (')"
					hint = "; inside single quotes, write an apostrophe as ''"
				}
				return candidate{
					col:    col,
					msg:    fmt.Sprintf("the %s that opens this value is never closed; end the value with %c on this line%s", name, q, hint),
					repair: line + string(q),
				}, true
			}
		case '[', '{':
			if closers := unclosed(v); closers != "" && nextIsKey {
				return candidate{
					col:    col,
					msg:    fmt.Sprintf("the %c that opens this value is never closed; end it with %s on this line, or quote the whole value if it is text", q, closers),
					repair: line + closers,
				}, true
			}
		}
	}
	// A key indented deeper than the key above, which has a value of its
	// own: the decoder reads it as more of that value.
	if m := keyValueRE.FindStringSubmatch(line); m != nil && !strings.Contains(m[1], "-") && prevLine >= 0 {
		am := keyValueRE.FindStringSubmatch(strings.TrimRight(lines[prevLine], " \t"))
		if am != nil && am[3] != "" && !strings.ContainsAny(am[3][:1], "|>") && len(m[1]) > len(am[1]) {
			keyCol := len(am[1])
			return candidate{
				col:    1,
				msg:    fmt.Sprintf("%q is indented more than %q above it, which already has a value; start it in column %d, as the other keys of its level", strings.TrimSpace(m[2])+":", strings.TrimSpace(am[2])+":", keyCol+1),
				repair: strings.Repeat(" ", keyCol) + strings.TrimLeft(line, " \t"),
				sure:   true,
			}, true
		}
	}
	return candidate{}, false
}

// significant reports whether a line is neither blank nor a comment.
func significant(l string) bool {
	t := strings.TrimSpace(l)
	return t != "" && !strings.HasPrefix(t, "#")
}

// quoteClosed reports whether a value that starts with a quote ends it on
// the same line.
func quoteClosed(v string) bool {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return true
		}
	}
	return false
}

// unclosed returns the brackets that close what a flow value leaves open,
// innermost first, ignoring brackets in quotes.
func unclosed(v string) string {
	var stack []byte
	var quote byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			stack = append(stack, ']')
		case c == '{':
			stack = append(stack, '}')
		case (c == ']' || c == '}') && len(stack) > 0 && stack[len(stack)-1] == c:
			stack = stack[:len(stack)-1]
		case c == '#' && i > 0 && v[i-1] == ' ':
			i = len(v)
		}
	}
	out := make([]byte, len(stack))
	for i := range stack {
		out[i] = stack[len(stack)-1-i]
	}
	return string(out)
}

var dupRE = regexp.MustCompile(`mapping key "(.*)" already defined at \[(\d+):(\d+)\]`)

// reword says what the decoder's error at f most likely means, judged
// from the line it is on.
func reword(lines []string, f yamlFault, firstLine int) string {
	line := lines[f.line-1]
	trimmed := strings.TrimSpace(line)
	v, _, _ := value(line)
	switch msg := f.msg; {
	case strings.Contains(msg, "found character '\t'") || strings.Contains(msg, "found a tab character"):
		return "a tab indents this line; YAML indents with spaces only"
	case dupRE.MatchString(msg):
		m := dupRE.FindStringSubmatch(msg)
		first, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("key %q is already set on line %d; keep one of them", m[1], firstLine+first-1)
	case strings.Contains(msg, "could not find end character of double-quoted text"):
		return "the double quote (\") that opens this value is never closed; end the value with \" on this line"
	case strings.Contains(msg, "could not find end character of single-quoted text"):
		return "the single quote (') that opens this value is never closed; end the value with ' on this line; inside single quotes, write an apostrophe as ''"
	case strings.Contains(msg, "is a reserved character") && v != "":
		return fmt.Sprintf("a value cannot start with %c; quote it: %s", v[0], quoted(line, v))
	case strings.Contains(msg, "could not find alias") || strings.Contains(msg, "undefined anchor") || strings.Contains(msg, "directive") || strings.Contains(msg, "invalid header option"):
		if v != "" {
			return fmt.Sprintf("a value cannot start with %c; quote it: %s", v[0], quoted(line, v))
		}
	case strings.Contains(msg, "non-map value is specified") || strings.Contains(msg, "unexpected key name"):
		if m := regexp.MustCompile(`^\s*([\w-]+):(\S.*)$`).FindStringSubmatch(line); m != nil {
			return fmt.Sprintf("%q needs a space after the colon: %s: %s", trimmed, m[1], m[2])
		}
		if strings.HasPrefix(trimmed, "- ") || trimmed == "-" {
			return fmt.Sprintf("a list item (%q) where a key is expected; a list goes under a key with nothing after its colon, each item indented on its own line", trimmed)
		}
		if !strings.Contains(trimmed, ":") {
			return fmt.Sprintf("%q is not a \"key: value\" line; add a colon after the key", trimmed)
		}
	case strings.Contains(msg, "value is not allowed in this context"):
		if v != "" && (v[0] == '[' || v[0] == '{') {
			return fmt.Sprintf("a value that starts with %c is read as a list or a table; quote the whole value if it is text: %s", v[0], quoted(line, v))
		}
		if v != "" && (v[0] == '"' || v[0] == '\'') && quoteClosed(v) {
			return fmt.Sprintf("text after the closing quote; quote the whole value: %s", quoted(line, v))
		}
		if m := keyValueRE.FindStringSubmatch(line); m != nil && strings.Contains(m[3], ": ") {
			return fmt.Sprintf("the value has \": \" in it; quote it: %s", quoted(line, m[3]))
		}
		if above, ok := keyAbove(lines, f.line-1); ok {
			what := "this line"
			if m := keyValueRE.FindStringSubmatch(line); m != nil && !strings.Contains(m[1], "-") {
				what = strconv.Quote(strings.TrimSpace(m[2]) + ":")
			} else if strings.HasPrefix(trimmed, "-") {
				what = fmt.Sprintf("the list item %q", trimmed)
			}
			return fmt.Sprintf("%s is indented %s, which lines it up with nothing above; indent it as %s (%s), or as the key it belongs under", what, spaces(indent(line)), above.name, spaces(above.indent))
		}
	case strings.Contains(msg, "mapping value is not allowed in this context"):
		if m := keyValueRE.FindStringSubmatch(line); m != nil && strings.Contains(m[3], ": ") {
			return fmt.Sprintf("the value has \": \" in it; quote it: %s", quoted(line, m[3]))
		}
	}
	return f.msg
}

// quoted shows the line with its value v in double quotes.
func quoted(line, v string) string {
	i := strings.LastIndex(line, v)
	key := strings.TrimSpace(line[:i])
	return strings.TrimSpace(key + " " + strconv.Quote(v))
}

type keyLine struct {
	name   string
	indent int
}

// keyAbove returns the nearest key or list item above line i that is no
// deeper than it, to line it up with.
func keyAbove(lines []string, i int) (keyLine, bool) {
	if strings.HasPrefix(strings.TrimSpace(lines[i]), "-") {
		// A list item lines up with the items of its list.
		for j := i - 1; j >= 0; j-- {
			if t := strings.TrimSpace(lines[j]); strings.HasPrefix(t, "- ") || t == "-" {
				return keyLine{fmt.Sprintf("the item %q", t), indent(lines[j])}, true
			}
		}
	}
	for j := i - 1; j >= 0; j-- {
		l := lines[j]
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if m := keyValueRE.FindStringSubmatch(l); m != nil {
			col := len(m[1])
			if col <= indent(lines[i]) || j == i-1 {
				return keyLine{strconv.Quote(strings.TrimSpace(m[2]) + ":"), col}, true
			}
		} else if strings.HasPrefix(t, "-") {
			return keyLine{fmt.Sprintf("the item %q", t), indent(l)}, true
		}
	}
	return keyLine{}, false
}

func indent(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return strconv.Itoa(n) + " spaces"
}
