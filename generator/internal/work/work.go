// Package work runs a loop's iterations on every core.
package work

import (
	"context"
	"runtime"
	"sync"
)

// Each calls fn for 0..n-1 on all cores and returns when every call has
// returned. Once ctx is done it starts no further call.
func Each(ctx context.Context, n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}
