// Package percore runs independent jobs on every core: the worker loop of
// ingest (sources), the generator (reports, cache keys, shards, synthetic
// sources) and the functions' data (report pack); package search keeps a
// copy of its own (eachOnCores). It holds no state and must import nothing
// of the project, so that every stage may use it.
package percore

import (
	"runtime"
	"sync"
)

// Run calls f(0), …, f(n-1), at most one call per core at a time, and
// returns their errors indexed like the calls (nil where f succeeded).
func Run(n int, f func(i int) error) []error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				errs[i] = f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errs
}
