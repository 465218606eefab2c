package slugs

import (
	"testing"

	"github.com/gosimple/slug"
)

// FuzzSimple checks that the slugs made without slug.Make are slug.Make's.
func FuzzSimple(f *testing.F) {
	for _, s := range []string{"Order 3", "first-week", " a  b ", "--A--", "", "IT", "a - b", "Q4 2025 Plan"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, ok := simple(text)
		if !ok {
			return
		}
		if want := slug.Make(text); got != want {
			t.Errorf("simple(%q) = %q, slug.Make gives %q", text, got, want)
		}
	})
}

// TestSimpleEveryShortText compares simple with slug.Make on every text of
// up to six characters from a letter of each case, a digit, a space and a
// hyphen.
func TestSimpleEveryShortText(t *testing.T) {
	const alphabet = "aZ0 -"
	texts := []string{""}
	for n := 1; n <= 6; n++ {
		var next []string
		for _, s := range texts {
			if len(s) == n-1 {
				for _, c := range alphabet {
					next = append(next, s+string(c))
				}
			}
		}
		texts = append(texts, next...)
	}
	for _, text := range texts {
		got, ok := simple(text)
		if want := slug.Make(text); !ok || got != want {
			t.Fatalf("simple(%q) = %q, %v; slug.Make gives %q", text, got, ok, want)
		}
	}
}
