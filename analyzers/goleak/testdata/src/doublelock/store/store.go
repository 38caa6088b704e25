// Package store is a library whose lock summaries its callers in other
// packages see through facts.
package store

import "sync"

// A Cache guards its entries with mu.
type Cache struct {
	mu      sync.Mutex
	entries map[string]int
}

// Get locks c.mu on every path.
func (c *Cache) Get(k string) int { // want Get:`mutexes\(locks p0.mu\)`
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[k]
}

// Peek reads without locking: the caller holds c.mu.
func (c *Cache) Peek(k string) int {
	return c.entries[k]
}

// Hold locks c.mu and returns holding it; Release unlocks it.
func (c *Cache) Hold() { // want Hold:`mutexes\(locks p0.mu, holds p0.mu\)`
	c.mu.Lock()
}

// Release unlocks what Hold took.
func (c *Cache) Release() { // want Release:`mutexes\(unlocks p0.mu\)`
	c.mu.Unlock()
}

var registryMu sync.RWMutex

// Names read-locks the package's registry.
func Names() []string { // want Names:`mutexes\(locks fixtures/doublelock/store.registryMu\(r\)\)`
	registryMu.RLock()
	defer registryMu.RUnlock()
	return nil
}

// Register locks the registry for writing.
func Register(name string) { // want Register:`mutexes\(locks fixtures/doublelock/store.registryMu\)`
	registryMu.Lock()
	defer registryMu.Unlock()
	_ = Names
}
