package search

// FoldSlow exposes the general folding path to tests.
var FoldSlow = foldSlow

// CountTerms runs the index builder's word counter on text.
func CountTerms(text string) (map[string]int, int) {
	c := &counter{index: map[string]int{}}
	c.count(text)
	m := map[string]int{}
	for i, t := range c.terms {
		m[t] = c.tfs[i]
	}
	return m, c.words
}

// CollapseSpace exposes collapseSpace to tests.
var CollapseSpace = collapseSpace
