// Package missingunlock holds the cases of the missing-unlock rule: a
// return that leaves a mutex the function locked still locked.
package missingunlock

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

var errClosed = errors.New("closed")

type pool struct {
	mu     sync.Mutex
	rw     sync.RWMutex
	closed bool
	items  []int
}

// --- positives ---

// The early return skips the unlock that the other return does.
func (p *pool) put(x int) {
	p.mu.Lock()
	if p.closed {
		return // want `this return leaves p.mu locked \(locked at line \d+\), unlike the function's other returns: every later Lock of p.mu blocks forever; call p.mu.Unlock\(\) before returning`
	}
	p.items = append(p.items, x)
	p.mu.Unlock()
}

// An error return while the read lock is held.
func (p *pool) first() (int, error) {
	p.rw.RLock()
	if len(p.items) == 0 {
		return 0, errClosed // want `this return leaves p.rw read-locked \(locked at line \d+\), while returning an error, and a caller that gets an error does not unlock it`
	}
	x := p.items[0]
	p.rw.RUnlock()
	return x, nil
}

// The error is tested against nil on the way to the return.
func (p *pool) load(read func() error) error {
	p.mu.Lock()
	if err := read(); err != nil {
		return err // want `this return leaves p.mu locked .*while returning an error`
	}
	p.mu.Unlock()
	return nil
}

// A function literal run by a timer.
func (p *pool) expireLater(stop func(func())) {
	stop(func() {
		p.mu.Lock()
		if p.closed {
			return // want `this return leaves p.mu locked`
		}
		p.items = nil
		p.mu.Unlock()
	})
}

// The empty case returns success too early.
func (p *pool) flush() error {
	p.mu.Lock()
	if len(p.items) == 0 {
		return nil // want `this return leaves p.mu locked \(locked at line \d+\), unlike the function's other returns`
	}
	p.items = nil
	p.mu.Unlock()
	return errClosed
}

// --- negatives a naive rule would flag ---

// Deferred unlock.
func (p *pool) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return 0
	}
	return len(p.items)
}

// A lock helper: it returns holding the lock on every path.
func (p *pool) lock() { p.mu.Lock() }

// Like TryLock: it reports whether it returns holding the lock.
func (p *pool) acquireOpen() bool {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return false
	}
	return true
}

// The error path unlocks; the success path returns holding the lock for
// the caller, as documented by its name.
func (p *pool) lockOpen() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return fmt.Errorf("pool: %w", errClosed)
	}
	return nil
}

// A deferred function literal unlocks when a flag says so.
func (p *pool) drain() {
	locked := true
	p.mu.Lock()
	defer func() {
		if locked {
			p.mu.Unlock()
		}
	}()
	if p.closed {
		return
	}
	p.items = nil
	p.mu.Unlock()
	locked = false
}

// Another goroutine unlocks it.
func (p *pool) handOver() {
	p.mu.Lock()
	if p.closed {
		go func() {
			defer p.mu.Unlock()
			p.items = nil
		}()
		return
	}
	p.mu.Unlock()
}

// The returned error is nil on that path.
func (p *pool) lockChecked() error {
	var err error
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return errClosed
	}
	return err
}

// A try-lock that did not take the lock.
func (p *pool) tryPut(x int) {
	if !p.mu.TryLock() {
		return
	}
	p.items = append(p.items, x)
	p.mu.Unlock()
}

// The same pointer converted twice from unsafe.Pointer is one mutex.
func swapOut(slot *unsafe.Pointer) {
	old := atomic.SwapPointer(slot, nil)
	if old == nil {
		return
	}
	(*pool)(old).mu.Lock()
	(*pool)(old).mu.Unlock()
}

// The caller holds p.mu on entry: the function lets go of it for a while
// and takes it again for the caller on every return.
func (p *pool) refillLocked(load func() error) error {
	p.mu.Unlock()
	err := load()
	p.mu.Lock()
	if err != nil {
		return err
	}
	p.items = append(p.items, 1)
	return nil
}

// A branch that never runs.
func (p *pool) touch() {
	p.mu.Lock()
	if false {
		return
	}
	p.mu.Unlock()
}

// --- elements of arrays and slices ---

type bucket struct {
	mu   sync.Mutex
	keys []string
}

type table struct {
	buckets []bucket
	locks   [4]sync.Mutex
	cur     int
}

// The same element, locked and unlocked by the same index.
func (t *table) add(i int, k string) {
	t.buckets[i].mu.Lock()
	if k == "" {
		return // want `this return leaves t.buckets\[i\].mu locked \(locked at line \d+\), unlike the function's other returns`
	}
	t.buckets[i].keys = append(t.buckets[i].keys, k)
	t.buckets[i].mu.Unlock()
}

// Negative: unlocked through another read of the index, which may be the
// same element.
func (t *table) bump(k string) {
	i := t.cur
	t.locks[i].Lock()
	if k == "" {
		t.locks[t.cur].Unlock()
		return
	}
	t.locks[i].Unlock()
}

// Negative: a deferred unlock through another read of the index.
func (t *table) deferred(k string) error {
	i := t.cur
	t.locks[i].Lock()
	defer t.locks[t.cur].Unlock()
	if k == "" {
		return errClosed
	}
	return nil
}
