package doublelock

import "sync"

// The L of a condition variable made on a mutex of the same struct value
// is that mutex: locking through one and then the other is a double lock.

// --- positives ---

type catalog struct {
	mu      sync.RWMutex
	changed *sync.Cond
	items   map[string]int
}

func newCatalog() *catalog {
	c := &catalog{items: map[string]int{}}
	c.changed = sync.NewCond(c.mu.RLocker())
	return c
}

func (c *catalog) count() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.items)
}

func (c *catalog) add(k string) {
	c.mu.Lock()
	c.items[k]++
	c.mu.Unlock()
	c.changed.Broadcast()
}

func (c *catalog) awaitItems(n int) {
	c.changed.L.Lock()
	defer c.changed.L.Unlock()
	for c.count() < n { // want `c.count read-locks c.mu at cond_locker.go:\d+ while this goroutine still holds it \(locked at line 36\): a writer that calls Lock in between blocks both forever`
		c.changed.Wait()
	}
}

type inbox struct {
	mu      sync.Mutex
	arrived *sync.Cond
	msgs    []string
}

func newInbox() *inbox {
	b := &inbox{}
	b.arrived = sync.NewCond(&b.mu)
	return b
}

func (b *inbox) put(m string) {
	b.mu.Lock()
	b.msgs = append(b.msgs, m)
	b.mu.Unlock()
	b.arrived.Signal()
}

func (b *inbox) take() string {
	b.arrived.L.Lock()
	for len(b.msgs) == 0 {
		b.arrived.Wait()
	}
	b.mu.Lock() // want `b.mu is locked again while this goroutine still holds it \(locked at line 63\)`
	m := b.msgs[0]
	b.msgs = b.msgs[1:]
	b.mu.Unlock()
	return m
}

// --- negatives: must stay silent ---

// Unlocking through L releases the mutex.
type gauge struct {
	mu    sync.Mutex
	moved *sync.Cond
	v     int
}

func newGauge() *gauge {
	g := &gauge{}
	g.moved = sync.NewCond(&g.mu)
	return g
}

func (g *gauge) set(v int) {
	g.moved.L.Lock()
	g.v = v
	g.moved.L.Unlock()
	g.mu.Lock()
	g.moved.Broadcast()
	g.mu.Unlock()
}

// A condition variable made on the mutex of another value.
type follower struct {
	mu     sync.Mutex
	leader *gauge
	woken  *sync.Cond
}

func newFollower(l *gauge) *follower {
	f := &follower{leader: l}
	f.woken = sync.NewCond(&l.mu)
	return f
}

func (f *follower) step() {
	f.woken.L.Lock()
	defer f.woken.L.Unlock()
	f.mu.Lock()
	f.mu.Unlock()
}

// A field that holds condition variables made on two different mutexes.
type dual struct {
	a, b  sync.Mutex
	ready *sync.Cond
}

func newDual(useB bool) *dual {
	d := &dual{}
	if useB {
		d.ready = sync.NewCond(&d.b)
	} else {
		d.ready = sync.NewCond(&d.a)
	}
	return d
}

func (d *dual) poke() {
	d.ready.L.Lock()
	defer d.ready.L.Unlock()
	d.a.Lock()
	d.a.Unlock()
}

// A condition variable whose L is replaced after it is made.
type swapped struct {
	mu, other sync.Mutex
	sig       *sync.Cond
}

func newSwapped() *swapped {
	s := &swapped{}
	s.sig = sync.NewCond(&s.mu)
	s.sig.L = &s.other
	return s
}

func (s *swapped) touch() {
	s.sig.L.Lock()
	defer s.sig.L.Unlock()
	s.mu.Lock()
	s.mu.Unlock()
}
