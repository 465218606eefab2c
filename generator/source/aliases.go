package source

import (
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// expandedSize returns how large the YAML in data is with its aliases
// expanded, or limit+1 once it is larger than limit: one for each value
// and key, and the length of each scalar. An alias (*a) stands for what
// its anchor (&a) holds wherever it is used, so a few lines of aliases of
// aliases can stand for billions of values, or a long string for
// gigabytes, which decoding (an alias as a map key) or anything that walks
// the values then spends; the size is summed over the parsed text without
// expanding anything, each anchor's once. It returns 0 when data does not
// parse, which decoding reports.
func expandedSize(data []byte, limit int) int {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return 0
	}
	add := func(a, b int) int { return min(a+b, limit+1) }
	anchors := map[string]int{}
	var size func(n ast.Node) int
	size = func(n ast.Node) int {
		switch n := n.(type) {
		case nil:
			return 0
		case *ast.DocumentNode:
			return size(n.Body)
		case *ast.AnchorNode:
			s := size(n.Value)
			anchors[n.Name.String()] = s
			return s
		case *ast.AliasNode:
			return add(1, anchors[n.Value.String()])
		case *ast.TagNode:
			return size(n.Value)
		case *ast.MappingKeyNode:
			return size(n.Value)
		case *ast.MappingValueNode:
			return add(size(n.Key), size(n.Value))
		case *ast.MappingNode:
			s := 1
			for _, v := range n.Values {
				s = add(s, size(v))
			}
			return s
		case *ast.SequenceNode:
			s := 1
			for _, v := range n.Values {
				s = add(s, size(v))
			}
			return s
		}
		s := 1
		if t := n.GetToken(); t != nil {
			s += len(t.Value)
		}
		return s
	}
	total := 0
	for _, d := range f.Docs {
		total = add(total, size(d))
	}
	return total
}
