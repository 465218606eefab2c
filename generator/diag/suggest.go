package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Suggest returns the candidate closest to word when it is close enough to
// be a likely typo, or "" when none is. Ties go to the first candidate in
// sorted order, so the result does not depend on the candidates' order.
// It compares word with every candidate: for a set as large as a site's
// pages, build an Index once instead.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", 0
	k := limit(word)
	w := []rune(strings.ToLower(word))
	for _, c := range candidates {
		d := distance(w, []rune(strings.ToLower(c)), k)
		if d <= k && (best == "" || d < bestDist || d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean returns ` (did you mean "x"?)` for the closest candidate, or "".
func DidYouMean(word string, candidates []string) string {
	return didYouMean(word, Suggest(word, candidates))
}

func didYouMean(word, s string) string {
	if s != "" && s != word {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// Distance returns the Levenshtein distance between a and b, counted in
// characters and ignoring case, when it is at most k, and k+1 otherwise.
func Distance(a, b string, k int) int {
	return distance([]rune(strings.ToLower(a)), []rune(strings.ToLower(b)), k)
}

// limit is the most edits that still make a likely typo of word: fewer
// than its letters, so that "xy" does not suggest "!", which shares none.
func limit(word string) int {
	n := utf8.RuneCountInString(word)
	return min(max(2, min(3, n/3)), max(n-1, 0))
}

// distance returns the Levenshtein distance between a and b when it is at
// most k, and k+1 otherwise. It fills only the cells of the table within k
// of its diagonal, and stops as soon as a row of them is all above k, so
// telling a far word from a near one costs little.
func distance(a, b []rune, k int) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > k {
		return k + 1
	}
	inf := k + 1
	row := make([]int, len(a)+1)
	for i := range row {
		row[i] = min(i, inf)
	}
	for j := 1; j <= len(b); j++ {
		lo, hi := max(1, j-k), min(len(a), j+k)
		// diagonal is row[lo-1] of the previous row; the cell left of the
		// band is out of reach (or the table's first column).
		diagonal := row[lo-1]
		if lo == 1 {
			row[0] = min(j, inf)
		} else {
			row[lo-1] = inf
		}
		low := row[lo-1]
		for i := lo; i <= hi; i++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			up := row[i]
			if i == j+k {
				up = inf // above the band
			}
			next := min(up+1, row[i-1]+1, diagonal+cost, inf)
			diagonal, row[i] = row[i], next
			low = min(low, next)
		}
		if low > k {
			return inf
		}
	}
	return min(row[len(a)], inf)
}

// Index finds, among a fixed set of words, the one closest to a word, as
// Suggest does, without comparing the word with every one of them: it is
// made for sets as large as a site's page paths (thousands), queried once
// for every broken link a report shows.
//
// The words are indexed by their trigrams, padded with two NUL characters
// on each side, so a word of n characters has n+2 of them. One edit changes
// at most three of a word's trigrams, so a word within k edits of the
// query shares all but at most 3k of the query's trigrams, and any 3k+1 of
// them include one it has. Suggest reads the lists of the query's 3k+1
// rarest trigrams and measures the edit distance to those words only,
// which finds exactly what comparing with every word finds. Paths share
// long runs ("docs/teams/…"), but their rare trigrams (a file's own name)
// have lists of a few words. A BK-tree would be exact too, but with a
// radius of three over strings with long common prefixes a query visits a
// large part of the tree.
//
// Queries too short to have 3k+1 trigrams are compared with every word of
// a near length, which are few. An Index is safe for concurrent use.
type Index struct {
	words []string // sorted, without duplicates
	lower [][]rune // words[i] in lower case
	// ids numbers the trigrams; lists[id] holds the words that have one,
	// in order, and has[i] the ids of the trigrams of words[i], sorted.
	ids   map[string]int32
	lists [][]int32
	has   [][]int32
	// byLen lists the words of each length in runes, for short queries.
	byLen [][]int32
}

// NewIndex indexes words; their order and duplicates do not matter.
func NewIndex(words []string) *Index {
	words = slices.Compact(slices.Sorted(slices.Values(words)))
	ix := &Index{words: words, lower: make([][]rune, len(words)), has: make([][]int32, len(words)), ids: map[string]int32{}}
	for i, w := range words {
		r := []rune(strings.ToLower(w))
		ix.lower[i] = r
		for len(ix.byLen) <= len(r) {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[len(r)] = append(ix.byLen[len(r)], int32(i))
		var has []int32
		for _, g := range trigrams(r) {
			id, ok := ix.ids[g]
			if !ok {
				id = int32(len(ix.lists))
				ix.ids[g] = id
				ix.lists = append(ix.lists, nil)
			}
			if l := ix.lists[id]; len(l) == 0 || l[len(l)-1] != int32(i) {
				ix.lists[id] = append(l, int32(i))
			}
			has = append(has, id)
		}
		slices.Sort(has)
		ix.has[i] = slices.Compact(has)
	}
	return ix
}

// Len returns the number of distinct words in the index.
func (ix *Index) Len() int { return len(ix.words) }

// Suggest returns the word closest to word when it is close enough to be
// a likely typo, or "": the same word as Suggest(word, words) would.
func (ix *Index) Suggest(word string) string {
	q := []rune(strings.ToLower(word))
	k := limit(word)
	grams := trigrams(q)
	var cands []int32
	if len(grams) > 3*k {
		// The query's trigram ids, sorted, with -1 for those no word has.
		qids := make([]int32, len(grams))
		lists := make([][]int32, len(grams))
		for i, g := range grams {
			qids[i] = -1
			if id, ok := ix.ids[g]; ok {
				qids[i], lists[i] = id, ix.lists[id]
			}
		}
		slices.Sort(qids)
		slices.SortFunc(lists, func(a, b []int32) int { return cmp.Compare(len(a), len(b)) })
		for _, l := range lists[:3*k+1] {
			cands = append(cands, l...)
		}
		slices.Sort(cands)
		cands = slices.Compact(cands)
		// A word within k edits has all but 3k of the query's trigrams:
		// counting them is cheaper than measuring the distance.
		need := len(grams) - 3*k
		cands = slices.DeleteFunc(cands, func(c int32) bool { return shared(qids, ix.has[c]) < need })
	} else {
		for n := max(0, len(q)-k); n <= len(q)+k && n < len(ix.byLen); n++ {
			cands = append(cands, ix.byLen[n]...)
		}
		slices.Sort(cands)
	}
	best, bestDist := int32(-1), 0
	for _, c := range cands {
		// Candidates come in the words' sorted order, so the first of
		// equally close words wins, as in Suggest.
		if d := distance(q, ix.lower[c], k); d <= k && (best < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	if best < 0 {
		return ""
	}
	return ix.words[best]
}

// shared counts the elements of q, sorted and with repeats, that are in
// the sorted set w.
func shared(q, w []int32) int {
	n, j := 0, 0
	for _, id := range q {
		for j < len(w) && w[j] < id {
			j++
		}
		if j < len(w) && w[j] == id {
			n++
		}
	}
	return n
}

// DidYouMean returns ` (did you mean "x"?)` for the closest word, or "".
func (ix *Index) DidYouMean(word string) string {
	return didYouMean(word, ix.Suggest(word))
}

// trigrams returns the trigrams of r padded with two NULs on each side,
// one for each position: len(r)+2 of them.
func trigrams(r []rune) []string {
	p := make([]rune, 0, len(r)+4)
	p = append(p, 0, 0)
	p = append(p, r...)
	p = append(p, 0, 0)
	out := make([]string, len(p)-2)
	for i := range out {
		out[i] = string(p[i : i+3])
	}
	return out
}
