package source

// MaxNesting is how deep brackets may nest in front matter and in
// playbook.toml. The YAML and TOML parsers take time and memory that grow
// with the square of the depth (a 300 KB page of nested {a: …} ran out of
// memory), and no real front matter nests more than a few levels.
const MaxNesting = 100

// TooDeep returns the offset in data of the bracket ("[" or "{") that
// opens more than MaxNesting brackets that are not closed, or -1. It
// counts every bracket, those in strings and comments too: telling
// those apart takes the parser's own rules (a quote opens a string in
// some places and not in others), and a guard that got them wrong would
// let a deep structure through. Only text with a hundred brackets left
// open is refused. (No parser offers a depth limit; this is the guard in
// front of them.)
func TooDeep(data []byte) int {
	depth := 0
	for i, c := range data {
		switch c {
		case '[', '{':
			if depth++; depth > MaxNesting {
				return i
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return -1
}
