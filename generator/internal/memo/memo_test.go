package memo

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestGet checks that each key's value is made once, however many
// goroutines ask for it at once, and that keys do not share values.
func TestGet(t *testing.T) {
	var m Map[int, int]
	var made [4]atomic.Int32
	var wg sync.WaitGroup
	for g := range 40 {
		wg.Go(func() {
			k := g % 4
			if v := m.Get(k, func() int { made[k].Add(1); return k * 10 }); v != k*10 {
				t.Errorf("key %d: %d", k, v)
			}
		})
	}
	wg.Wait()
	for k := range made {
		if n := made[k].Load(); n != 1 {
			t.Errorf("key %d made %d times", k, n)
		}
	}
}
