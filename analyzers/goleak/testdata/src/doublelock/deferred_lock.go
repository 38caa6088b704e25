package doublelock

import "sync"

// A deferred Lock where Unlock was meant: it runs at the return, while the
// function still holds the mutex.

type ledger struct {
	mu      sync.Mutex
	rw      sync.RWMutex
	entries []string
}

func (l *ledger) add(e string) {
	l.mu.Lock()
	defer l.mu.Lock() // want `the deferred l.mu.Lock\(\) runs when the function returns, while it still holds l.mu \(locked at line \d+\): sync mutexes are not reentrant, so the function never returns and l.mu stays locked for every other goroutine; defer l.mu.Unlock\(\) instead`
	l.entries = append(l.entries, e)
}

func (l *ledger) snapshot() []string {
	l.rw.Lock()
	defer l.rw.RLock() // want `the deferred l.rw.RLock\(\) runs when the function returns, while it still holds l.rw \(locked at line \d+\).*defer l.rw.Unlock\(\) instead`
	return append([]string(nil), l.entries...)
}

// --- negatives a naive rule would flag ---

// The caller holds the mutex: release it for a slow step and take it back
// before returning, as the caller expects.
func (l *ledger) slowLocked(work func()) {
	l.mu.Unlock()
	defer l.mu.Lock()
	work()
}

// Released explicitly before the return: the deferred Lock takes it back
// for the caller.
func (l *ledger) flushLocked(work func()) {
	l.mu.Lock()
	l.entries = nil
	l.mu.Unlock()
	defer l.mu.Lock()
	work()
}

// Two read locks: blocks only when a writer waits in between, which the
// recursive read lock rule judges.
func (l *ledger) count() int {
	l.rw.RLock()
	defer l.rw.RLock()
	return len(l.entries)
}

// A deferred unlock registered after the deferred Lock runs first.
func (l *ledger) relock() {
	l.mu.Lock()
	defer l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = nil
}
