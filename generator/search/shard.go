package search

import (
	"encoding/json"
	"unicode/utf8"
)

// shardSpec is one shard of an index: a run of terms in sorted order,
// from the first whose key is key.
type shardSpec struct {
	key   string
	terms []int
}

// shard cuts the sorted terms into runs of at most about limit bytes, in
// order (a single term larger than the limit gets a shard of its own). A
// shard's key is the shortest prefix of its first term that sorts after
// the term before it, the first shard's "": a term, or where it would be,
// is in the last shard whose key does not sort after it, as search.js
// finds it, and the terms starting with a prefix are there and in the
// shards after it whose keys start with the prefix. Packing runs of terms
// rather than grouping them by prefix keeps the number of shards, and so
// the manifest every search loads first, proportional to the index's
// size whatever the alphabet: a Japanese index has thousands of first
// characters.
func shard(terms []string, enc []json.RawMessage, limit int) []shardSpec {
	out := []shardSpec{{}}
	size := 0
	for i := range terms {
		n := len(enc[i]) + 1
		if cur := &out[len(out)-1]; len(cur.terms) > 0 && size+n > limit {
			out = append(out, shardSpec{key: separator(terms[i-1], terms[i])})
			size = 0
		}
		cur := &out[len(out)-1]
		cur.terms = append(cur.terms, i)
		size += n
	}
	return out
}

// separator returns the shortest prefix of next, whole runes, that sorts
// after prev, which sorts before next.
func separator(prev, next string) string {
	for i := 0; i < len(next); {
		_, n := utf8.DecodeRuneInString(next[i:])
		i += n
		if next[:i] > prev {
			return next[:i]
		}
	}
	return next
}
