package doublelock

import "sync"

type errList struct {
	mu   sync.Mutex
	errs []error
}

// Positive: Add calls itself with its own argument while it holds l.mu.
// The early return for nil does not save it: the call gets the same
// non-nil err, takes the same path and locks l.mu again.
func (l *errList) Add(err error) {
	if err == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.Add(err) // want `l.Add locks l.mu at same_call.go:17 while this goroutine still holds it \(locked at line 17\): sync mutexes are not reentrant`
}

// Negative: the recursive call gets a smaller argument, and it unlocks
// before it: nothing is held.
func (l *errList) addN(err error, n int) {
	if n == 0 {
		return
	}
	l.mu.Lock()
	l.errs = append(l.errs, err)
	l.mu.Unlock()
	l.addN(err, n-1)
}

// Negative: the call starts over on another list.
func (l *errList) merge(err error, into *errList) {
	if err == nil || into == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	into.merge(err, nil)
}
