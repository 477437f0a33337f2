package percore

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
)

// TestRun checks that every call is made once, that no more run at a time
// than there are cores, and that each error stays at its call's index.
func TestRun(t *testing.T) {
	var calls [100]atomic.Int32
	var running, most atomic.Int32
	errs := Run(len(calls), func(i int) error {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		defer running.Add(-1)
		calls[i].Add(1)
		if i%7 == 3 {
			return fmt.Errorf("job %d", i)
		}
		return nil
	})
	for i := range calls {
		if c := calls[i].Load(); c != 1 {
			t.Errorf("job %d called %d times", i, c)
		}
		if want := i%7 == 3; (errs[i] != nil) != want || want && errs[i].Error() != fmt.Sprintf("job %d", i) {
			t.Errorf("job %d: error %v", i, errs[i])
		}
	}
	if int(most.Load()) > runtime.GOMAXPROCS(0) {
		t.Errorf("%d jobs at a time on %d cores", most.Load(), runtime.GOMAXPROCS(0))
	}
	if errs := Run(0, func(int) error { return errors.New("never") }); len(errs) != 0 {
		t.Errorf("no job: %v", errs)
	}
}
