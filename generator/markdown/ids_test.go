package markdown

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestHeadingIDsMatchProbing checks that the ids stay those of probing
// base, base-1, base-2 … from the start for every heading, on sequences
// mixing equal headings, headings whose text looks like a suffixed id
// and explicit ids.
func TestHeadingIDsMatchProbing(t *testing.T) {
	texts := []string{"Same", "Same 1", "Same 2", "Same-1", "same 1 1", "Other", "Other 3", "", "!!"}
	explicit := []string{"same", "same-2", "same-3", "other-1", "section", "section-1"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		got := newHeadingIDs()
		used := map[string]bool{}
		for step := range 60 {
			if rng.IntN(5) == 0 {
				id := explicit[rng.IntN(len(explicit))]
				got.Put([]byte(id))
				used[id] = true
				continue
			}
			text := texts[rng.IntN(len(texts))]
			base := Slugify(text)
			want := base
			for i := 1; used[want]; i++ {
				want = base + "-" + strconv.Itoa(i)
			}
			used[want] = true
			if id := string(got.Generate([]byte(text), 0)); id != want {
				t.Fatalf("round %d step %d: %q got id %q, want %q", round, step, text, id, want)
			}
		}
	}
}
