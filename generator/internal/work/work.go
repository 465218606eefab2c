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
	EachOn(ctx, n, runtime.GOMAXPROCS(0), fn)
}

// EachOn is Each with the given number of goroutines, more than the cores
// for work that mostly waits (reading files).
func EachOn(ctx context.Context, n, workers int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, workers) {
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
