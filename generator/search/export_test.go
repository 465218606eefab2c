package search

// FoldSlow exposes the general folding path to tests.
var FoldSlow = foldSlow

// CounterFold returns a function that folds text as a word counter
// does, rune by rune with the memory of runes of one counter.
func CounterFold() func(string) string {
	c := newCounter()
	return func(s string) string { return string(c.appendFold(nil, s)) }
}

// CountTerms runs the index builder's word counter on text.
func CountTerms(text string) (map[string]int, int) {
	c := newCounter()
	c.count(text)
	counts, words := c.flush(nil)
	m := map[string]int{}
	for t := range counts.all() {
		m[c.vocab[t.term]] = int(t.tf)
	}
	return m, words
}

// CollapseSpace runs the fragments' collapser on text, without a limit:
// it should give strings.Join(strings.Fields(text), " ").
func CollapseSpace(text string) string {
	c := collapser{limit: len(text)}
	c.write(text)
	return string(c.buf)
}
