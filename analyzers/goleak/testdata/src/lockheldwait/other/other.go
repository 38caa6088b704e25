// Package other locks a mutex it is handed, for callers in another package.
package other

import "sync"

// Guarded is a counter behind a mutex.
type Guarded struct {
	Mu sync.Mutex
	N  int
}

// Inc locks g.Mu on every path.
func Inc(g *Guarded) { // want Inc:`mutexes\(locks p0.Mu\)`
	g.Mu.Lock()
	defer g.Mu.Unlock()
	g.N++
}
