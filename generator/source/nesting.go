package source

// MaxNesting is how deep brackets may nest in front matter and in
// playbook.toml. The YAML and TOML parsers take time and memory that grow
// with the square of the depth (a 300 KB page of nested {a: …} ran out of
// memory), and no real front matter nests more than a few levels.
const MaxNesting = 100

// TooDeep returns the offset in data of the bracket ("[" or "{") that
// nests deeper than MaxNesting, or -1. Brackets inside quoted strings and
// comments are not counted, as the YAML and TOML parsers would not count
// them either; a block of text may still hold brackets, which makes the
// count too high, never too low. (No parser offers a depth limit; this
// is the guard in front of them.)
func TooDeep(data []byte) int {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '[', '{':
			if depth++; depth > MaxNesting {
				return i
			}
		case ']', '}':
			depth = max(depth-1, 0)
		case '"', '\'':
			i = skipQuoted(data, i)
		case '#':
			if i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n' {
				for i < len(data) && data[i] != '\n' {
					i++
				}
			}
		}
	}
	return -1
}

// skipQuoted returns the offset of the quote that closes the string opened
// at data[i], or the end of the line when none does ("it's" in plain
// text). A backslash escapes in a double-quoted string only.
func skipQuoted(data []byte, i int) int {
	q := data[i]
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j
		case '\n':
			return j
		}
	}
	return len(data)
}
