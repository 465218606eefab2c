package search

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"
)

// shardSpec is one shard of the body index: the terms whose longest
// shard-key prefix is key.
type shardSpec struct {
	key   string
	terms []int
}

// shard groups sorted terms into shards of at most about limit bytes. A
// shard's key is a term prefix; a term belongs to the shard with the
// longest key that is a prefix of it. A group of terms over the limit is
// split by one more character; parts too small to stand alone stay with
// the parent while it has room. A single term larger than the limit gets a
// shard of its own.
func shard(terms []string, enc []json.RawMessage, limit int) []shardSpec {
	var out []shardSpec
	size := func(lo, hi int) int {
		n := 0
		for _, e := range enc[lo:hi] {
			n += len(e) + 1
		}
		return n
	}
	var split func(prefix string, lo, hi int)
	split = func(prefix string, lo, hi int) {
		s := shardSpec{key: prefix}
		if size(lo, hi) <= limit {
			for i := lo; i < hi; i++ {
				s.terms = append(s.terms, i)
			}
			out = append(out, s)
			return
		}
		used := 0
		i := lo
		for ; i < hi && terms[i] == prefix; i++ {
			s.terms = append(s.terms, i)
			used += len(enc[i]) + 1
		}
		for i < hi {
			r, _ := utf8.DecodeRuneInString(terms[i][len(prefix):])
			child := prefix + string(r)
			j := i
			for j < hi && strings.HasPrefix(terms[j], child) {
				j++
			}
			if n := size(i, j); n < limit/4 && used+n <= limit {
				for k := i; k < j; k++ {
					s.terms = append(s.terms, k)
				}
				used += n
			} else {
				split(child, i, j)
			}
			i = j
		}
		if len(s.terms) > 0 {
			out = append(out, s)
		}
	}
	split("", 0, len(terms))
	slices.SortFunc(out, func(a, b shardSpec) int { return cmp.Compare(a.key, b.key) })
	return out
}
