package diag

import (
	"math/rand/v2"
	"testing"
)

// levenshtein is the textbook full table, to check distance against.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		k    int
		want int
	}{
		{"", "", 2, 0},
		{"", "ab", 2, 2},
		{"", "abc", 2, 3},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 3},
		{"Kundtjänst", "kundtjanst", 2, 1},
		{"wieght", "weight", 3, 2},
	} {
		if got := Distance(tc.a, tc.b, tc.k); got != tc.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.k, got, tc.want)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	word := func() []rune {
		b := make([]rune, r.IntN(12))
		for i := range b {
			b[i] = rune('a' + r.IntN(4))
		}
		return b
	}
	for range 20000 {
		a, b, k := word(), word(), r.IntN(5)
		want := min(levenshtein(a, b), k+1)
		if got := distance(a, b, k); got != want {
			t.Fatalf("distance(%q, %q, %d) = %d, want %d", string(a), string(b), k, got, want)
		}
	}
}
