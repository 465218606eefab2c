package model

import (
	"cmp"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
)

// TestClosestRanksAsFullComparison checks that closest, which measures a
// candidate's folder only as far as the best one so far, picks what
// measuring every candidate in full picks, on random handbooks full of
// pages and files of the same names.
func TestClosestRanksAsFullComparison(t *testing.T) {
	segs := []string{"a", "ab", "b", "ba", "abc", "team", "teams", "Team"}
	names := []string{"faq.md", "faq.html", "guide.md", "_index.md", "x.png", "X.PNG", "x.jpg", "run.sh"}
	folder := func(r *rand.Rand) string {
		var d []string
		for range r.IntN(4) {
			d = append(d, segs[r.IntN(len(segs))])
		}
		if len(d) == 0 {
			return ""
		}
		return strings.Join(d, "/") + "/"
	}
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 1))
		s := &Site{byPath: map[string]*Page{}, files: map[string]string{}}
		for range 1 + r.IntN(40) {
			p := folder(r) + names[r.IntN(len(names))]
			if class(p) == "page" {
				s.byPath[p] = nil
			} else {
				s.files[p] = ""
			}
		}
		h := s.suggestions()
		for range 20 {
			p := folder(r) + names[r.IntN(len(names))]
			if _, ok := s.byPath[p]; ok {
				continue
			}
			if got, want := h.closest(p), closestByFullComparison(h, p); got != want {
				t.Fatalf("seed %d: closest(%q) = %q, measuring every candidate gives %q", seed, p, got, want)
			}
		}
	}
}

// closestByFullComparison is closest as it was before it bounded the
// distances it measures: every candidate's folder measured in full.
func closestByFullComparison(h *suggestions, p string) string {
	found, byName := h.lookInFolder(p)
	if found != "" || len(byName) == 0 {
		return found
	}
	c := class(p)
	dir, base := path.Split(p)
	far := func(c string) int {
		d, _ := path.Split(c)
		return len(d) + len(dir)
	}
	other := func(q string) int {
		if c == "file" && !strings.EqualFold(path.Base(q), base) {
			return 1
		}
		return 0
	}
	return slices.MinFunc(byName, func(a, b string) int {
		da, _ := path.Split(a)
		db, _ := path.Split(b)
		return cmp.Or(
			cmp.Compare(other(a), other(b)),
			cmp.Compare(diag.Distance(da, dir, far(a)), diag.Distance(db, dir, far(b))),
			cmp.Compare(a, b),
		)
	})
}
