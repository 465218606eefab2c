package diag_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
)

func TestIndexSuggest(t *testing.T) {
	paths := []string{
		"_index.md",
		"teams/sre.md",
		"teams/toml.md",
		"teams/support/_index.md",
		"teams/support/escalation.md",
		"guides/onboarding.md",
		"guides/on-call.md",
		"handbook/engineering/release-process.md",
		"handbook/engineering/code-review.md",
		"Kundtjänst.md",
	}
	ix := diag.NewIndex(paths)
	for _, tc := range []struct{ word, want string }{
		{"teams/sre.md", "teams/sre.md"},
		{"teams/sr.md", "teams/sre.md"},
		{"teams/ops.md", "teams/sre.md"}, // three edits from both; the first wins
		{"teams/suport/escalation.md", "teams/support/escalation.md"},
		{"guides/onbaording.md", "guides/onboarding.md"},
		{"guides/oncall.md", "guides/on-call.md"},
		{"handbook/engineering/release-proces.md", "handbook/engineering/release-process.md"},
		{"handbook/engineering/code_reviews.md", "handbook/engineering/code-review.md"},
		{"TEAMS/SRE.MD", "teams/sre.md"},
		{"kundtjanst.md", "Kundtjänst.md"},
		{"guides/offboarding-checklist.md", ""},
		{"zzz", ""},
		{"", ""},
	} {
		if got := ix.Suggest(tc.word); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
		if got := diag.Suggest(tc.word, paths); got != tc.want {
			t.Errorf("diag.Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// TestIndexMatchesSuggest checks that the index finds what comparing with
// every word finds, on words that differ by a few random edits.
func TestIndexMatchesSuggest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdeé/-._"
	word := func(n int) string {
		b := make([]rune, n)
		for i := range b {
			b[i] = []rune(letters)[r.IntN(len([]rune(letters)))]
		}
		return string(b)
	}
	edit := func(s string, n int) string {
		b := []rune(s)
		for range n {
			i := r.IntN(len(b) + 1)
			switch r.IntN(3) {
			case 0:
				b = append(b[:i], append([]rune{[]rune(letters)[r.IntN(3)]}, b[i:]...)...)
			case 1:
				if i < len(b) {
					b = append(b[:i], b[i+1:]...)
				}
			default:
				if i < len(b) {
					b[i] = 'x'
				}
			}
		}
		return string(b)
	}
	var words []string
	for range 400 {
		words = append(words, word(1+r.IntN(20)))
	}
	ix := diag.NewIndex(words)
	for i := range 2000 {
		q := edit(words[r.IntN(len(words))], r.IntN(5))
		if i%5 == 0 {
			q = word(r.IntN(12))
		}
		if got, want := ix.Suggest(q), diag.Suggest(q, words); got != want {
			t.Fatalf("Index.Suggest(%q) = %q, Suggest = %q", q, got, want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		word  string
		cands []string
		want  string
	}{
		{"titel", []string{"title", "tags"}, ` (did you mean "title"?)`},
		{"title", []string{"title"}, ""},
		{"xyz", []string{"title"}, ""},
		// Ties go to the first in sorted order, whatever the order given.
		{"cat", []string{"cut", "bat"}, ` (did you mean "bat"?)`},
		{"cat", []string{"bat", "cut"}, ` (did you mean "bat"?)`},
	} {
		if got := diag.DidYouMean(tc.word, tc.cands); got != tc.want {
			t.Errorf("DidYouMean(%q, %q) = %q, want %q", tc.word, tc.cands, got, tc.want)
		}
		if got := diag.NewIndex(tc.cands).DidYouMean(tc.word); got != tc.want {
			t.Errorf("Index.DidYouMean(%q) over %q = %q, want %q", tc.word, tc.cands, got, tc.want)
		}
	}
}

func BenchmarkIndexSuggest(b *testing.B) {
	var paths []string
	for i := range 5000 {
		paths = append(paths, fmt.Sprintf("handbook/section-%d/topic-%d/page-%d.md", i%40, i%300, i))
	}
	ix := diag.NewIndex(paths)
	b.ResetTimer()
	for i := range b.N {
		ix.Suggest(fmt.Sprintf("handbook/section-%d/topic-%d/pgae-%d.md", i%40, i%300, i%5000))
	}
}
