package search

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTermList checks that a packed list of words gives back the numbers
// and counts it was given, in order, whatever their size and order.
func TestTermList(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		var want []termCount
		for i := range n {
			id := uint32(rng.IntN(1 << 20))
			if i%7 == 3 {
				id = math.MaxUint32 - uint32(i)
			}
			want = append(want, termCount{id, uint32(1 + rng.IntN(1<<rng.IntN(32)))})
		}
		var list termList
		prev := uint32(0)
		for _, w := range want {
			list, prev = list.add(prev, w.term, w.tf), w.term
		}
		if got := slices.Collect(list.all()); !slices.Equal(got, want) {
			t.Fatalf("%d words: got %v, want %v", n, got, want)
		}
	}
}
