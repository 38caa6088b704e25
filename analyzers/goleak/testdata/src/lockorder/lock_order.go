// Package lockorder holds the cases of the lock-order rule: two kinds of
// mutex taken in both orders, each while the other is held.
package lockorder

import "sync"

// --- positives ---

type ledger struct {
	mu      sync.Mutex
	entries []int
}

type wallet struct {
	mu      sync.Mutex
	balance int
	ledger  *ledger
}

// wallet then ledger.
func (w *wallet) spend(n int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.balance -= n
	w.ledger.mu.Lock()
	w.ledger.entries = append(w.ledger.entries, -n)
	w.ledger.mu.Unlock()
}

// ledger then wallet, through a call.
func (l *ledger) settle(ws []*wallet) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, w := range ws {
		w.credit(1) // want `w.credit locks wallet.mu here while ledger.mu is held \(locked at line \d+\), but at line \d+ ledger.mu is locked while wallet.mu is held \(locked at line \d+\): two goroutines taking them in opposite orders wait for each other forever; always lock wallet.mu before ledger.mu`
	}
}

func (w *wallet) credit(n int) {
	w.mu.Lock()
	w.balance += n
	w.mu.Unlock()
}

var registryMu sync.Mutex

type session struct {
	sync.Mutex // embedded
	user       string
}

// registryMu then session.
func register(s *session) {
	registryMu.Lock()
	defer registryMu.Unlock()
	s.Lock()
	s.user = "x"
	s.Unlock()
}

// session then registryMu.
func (s *session) close() {
	s.Lock()
	defer s.Unlock()
	registryMu.Lock() // want `registryMu is locked here while session is held .*always lock registryMu before session`
	registryMu.Unlock()
}

// --- negatives a naive rule would flag ---

// Two instances of one type: a parent and its child are one kind of mutex.
type node struct {
	mu     sync.Mutex
	parent *node
	n      int
}

func (c *node) bump() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.parent != nil {
		c.parent.mu.Lock()
		c.parent.n++
		c.parent.mu.Unlock()
	}
}

// Only read locks both ways: readers do not wait for each other.
type index struct {
	mu   sync.RWMutex
	keys []string
}

type catalog struct {
	mu    sync.RWMutex
	index *index
	names []string
}

func (c *catalog) lookup() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.index.mu.RLock()
	defer c.index.mu.RUnlock()
	return len(c.index.keys)
}

func (x *index) describe(c *catalog) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.names)
}

// The same order everywhere.
type queue struct {
	mu    sync.Mutex
	items []int
}

type worker struct {
	mu sync.Mutex
	q  *queue
}

func (w *worker) take() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.q.mu.Lock()
	w.q.items = w.q.items[1:]
	w.q.mu.Unlock()
}

func (w *worker) give(v int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.q.mu.Lock()
	w.q.items = append(w.q.items, v)
	w.q.mu.Unlock()
}

// Opposite order, but one after the other, never nested.
func (w *worker) report() int {
	w.q.mu.Lock()
	n := len(w.q.items)
	w.q.mu.Unlock()
	w.mu.Lock()
	defer w.mu.Unlock()
	return n
}

// The callee lets go of the queue before it takes the worker.
func (q *queue) handBack(w *worker) {
	q.mu.Lock()
	q.items = nil
	q.unlockThenTouch(w)
}

func (q *queue) unlockThenTouch(w *worker) {
	q.mu.Unlock()
	w.mu.Lock()
	w.mu.Unlock()
}

// The callee would lock the first kind again, which this goroutine holds
// already: that is no order between the two kinds.
type shelf struct {
	mu    sync.Mutex
	bin   *bin
	count int
}

type bin struct {
	mu    sync.Mutex
	items int
}

func (s *shelf) restock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bin.mu.Lock()
	defer s.bin.mu.Unlock()
	s.recount(false)
}

func (s *shelf) recount(lock bool) {
	if lock {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	s.count = s.bin.items
}

// Both orders, but always under one outer mutex: they never run at once.
type journal struct {
	gate  sync.Mutex
	mu    sync.Mutex
	index *catalogIndex
}

type catalogIndex struct {
	mu   sync.Mutex
	keys int
}

func (j *journal) flush() {
	j.gate.Lock()
	defer j.gate.Unlock()
	j.flushLocked()
}

// flushLocked runs only under j.gate (its every caller holds it).
func (j *journal) flushLocked() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.index.mu.Lock()
	j.index.keys = 0
	j.index.mu.Unlock()
}

func (j *journal) rebuild() {
	j.gate.Lock()
	defer j.gate.Unlock()
	j.index.mu.Lock()
	defer j.index.mu.Unlock()
	j.mu.Lock()
	j.mu.Unlock()
}

// A method that unlocks what its caller locked runs with it held: its
// helpers run under it too, like the other order's holder.
type batch struct {
	sync.Mutex
	pending int
	store   *backing
}

type backing struct {
	mu     sync.Mutex
	reader *reader
}

type reader struct{ mu sync.Mutex }

func (t *batch) unlock() {
	if t.pending > 0 {
		t.commit()
	}
	t.Mutex.Unlock()
}

func (t *batch) commit() {
	t.store.reader.mu.Lock()
	t.store.mu.Lock()
	t.store.mu.Unlock()
	t.store.reader.mu.Unlock()
}

func (b *backing) compact(t *batch) {
	t.Lock()
	defer t.unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.reader.mu.Lock()
	b.reader.mu.Unlock()
}

// A pool that builds its entries under their own lock: the new entry is
// locked while the pool is held, before anything else can reach it, so no
// other goroutine can hold it then and that order teaches nothing. The
// error path, which locks the pool while holding the entry, cannot meet it.
type entry struct {
	sync.RWMutex
	val any
	err error
}

type pool struct {
	sync.Mutex
	items map[string]*entry
}

func (p *pool) loadOrBuild(key string, build func() (any, error)) (any, error) {
	p.Lock()
	if e, ok := p.items[key]; ok {
		p.Unlock()
		e.RLock()
		defer e.RUnlock()
		return e.val, e.err
	}
	e := &entry{}
	e.Lock()
	p.items[key] = e
	p.Unlock()
	defer e.Unlock()
	e.val, e.err = build()
	if e.err != nil {
		p.Lock()
		delete(p.items, key)
		p.Unlock()
	}
	return e.val, e.err
}

// Published first and locked after: another goroutine may already have
// taken the new entry from the map and hold it while it waits for the cache.
type cache struct {
	sync.Mutex
	items map[string]*entry
}

func (c *cache) loadOrBuild(key string, build func() (any, error)) (any, error) {
	c.Lock()
	if e, ok := c.items[key]; ok {
		c.Unlock()
		e.RLock()
		defer e.RUnlock()
		return e.val, e.err
	}
	e := &entry{}
	c.items[key] = e
	e.Lock()
	c.Unlock()
	defer e.Unlock()
	e.val, e.err = build()
	if e.err != nil {
		c.Lock() // want `cache is locked here while entry is held`
		delete(c.items, key)
		c.Unlock()
	}
	return e.val, e.err
}

// A sweep takes a stripe then an item, and in a helper literal an item
// then another stripe; both orders run under the sweep mutex, held where
// the literal is called, so they never run at once.
type item struct {
	sync.Mutex
	stripe int
}

type stripe struct {
	sync.Mutex
	items map[int]*item
}

type stripes struct {
	sweepMu sync.Mutex
	locks   [4]stripe
}

func (s *stripes) sweep() {
	s.sweepMu.Lock()
	defer s.sweepMu.Unlock()
	drop := func(i int, it *item) {
		it.Lock()
		if it.stripe != i {
			s.locks[it.stripe].Lock()
			s.locks[it.stripe].Unlock()
		}
		it.Unlock()
	}
	for i := range s.locks {
		s.locks[i].Lock()
		for _, it := range s.locks[i].items {
			drop(i, it)
		}
		s.locks[i].Unlock()
	}
}
