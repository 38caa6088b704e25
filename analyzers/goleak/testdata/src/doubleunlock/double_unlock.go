// Package doubleunlock holds the cases of the double-unlock rule: a
// mutex unlocked again on a path that already unlocked it.
package doubleunlock

import "sync"

type cache struct {
	mu    sync.Mutex
	rw    sync.RWMutex
	items map[string]int
	ready chan struct{}
}

func (c *cache) load(string) int { return 0 }

// --- positives ---

// The error path unlocks, and so does the common exit.
func (c *cache) put(k string, v int) {
	c.mu.Lock()
	if v < 0 {
		c.mu.Unlock()
	}
	c.items[k] = v
	c.mu.Unlock() // want `c.mu is unlocked again \(already unlocked at line \d+, not locked since\): unlocking a mutex that is not locked is a fatal error \(sync: unlock of unlocked mutex\) that recover cannot stop`
}

// A deferred unlock and an explicit one before the return.
func (c *cache) get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	if !ok {
		c.mu.Unlock() // want `c.mu is unlocked here, and the deferred c.mu.Unlock\(\) at line \d+ unlocks it again when the function returns`
		return c.load(k)
	}
	return v
}

// A read lock released twice.
func (c *cache) size() int {
	c.rw.RLock()
	n := len(c.items)
	c.rw.RUnlock()
	c.load("x")
	c.rw.RUnlock() // want `c.rw is unlocked again`
	return n
}

var global sync.Mutex

// A package-level mutex, with a call of another package in between.
func flush(items []string) {
	global.Lock()
	items = append(items, "x")
	global.Unlock()
	println(len(items))
	global.Unlock() // want `global is unlocked again`
}

// --- negatives ---

// A lock in between.
func (c *cache) swap(k string, v int) {
	c.mu.Lock()
	old := c.items[k]
	c.mu.Unlock()
	v += old
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
}

// One unlock in each branch.
func (c *cache) maybe(k string, v int) int {
	c.mu.Lock()
	if v < 0 {
		c.mu.Unlock()
		return c.load(k)
	} else {
		c.items[k] = v
		c.mu.Unlock()
	}
	return v
}

// The deferred unlock finds the mutex locked again.
func (c *cache) refresh(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; !ok {
		c.mu.Unlock()
		v := c.load(k)
		c.mu.Lock()
		c.items[k] = v
	}
	return c.items[k]
}

// Two read locks, two read unlocks (the second read lock is a double
// lock, but the unlocks are not double).
func (c *cache) twice() int {
	c.rw.RLock()
	c.rw.RLock() // want `c.rw is read-locked again`
	n := len(c.items)
	c.rw.RUnlock()
	c.rw.RUnlock()
	return n
}

// A helper locks the mutex again between the unlocks.
func (c *cache) lock() { c.mu.Lock() }

func (c *cache) relock() {
	c.mu.Lock()
	c.mu.Unlock()
	c.lock()
	c.mu.Unlock()
}

// Another goroutine may lock it and hand it over while this one waits.
func (c *cache) handOver() {
	c.mu.Unlock()
	<-c.ready
	c.mu.Unlock()
}

// Different mutexes of the same type.
func transfer(a, b *cache) {
	a.mu.Lock()
	b.mu.Lock()
	a.mu.Unlock()
	b.mu.Unlock()
}

// A deferred unlock registered only on some paths.
func (c *cache) sometimes(k string, hold bool) {
	c.mu.Lock()
	if hold {
		defer c.mu.Unlock()
	}
	c.items[k] = 1
	if !hold {
		c.mu.Unlock()
	}
}

// A flag says whether the first unlock ran.
func (c *cache) flagged(k string) {
	c.mu.Lock()
	unlocked := false
	if k == "" {
		c.mu.Unlock()
		unlocked = true
	}
	c.load(k)
	if !unlocked {
		c.mu.Unlock()
	}
}

// Two successful read try-locks are two holds: two read unlocks are right.
func (c *cache) tryTwice() int {
	if !c.rw.TryRLock() {
		return 0
	}
	if !c.rw.TryRLock() {
		c.rw.RUnlock()
		return 0
	}
	n := len(c.items)
	c.rw.RUnlock()
	c.rw.RUnlock()
	return n
}
