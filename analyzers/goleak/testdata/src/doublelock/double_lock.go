// Package doublelock holds the cases of the double-lock rule: a goroutine
// locks a mutex it already holds, directly or through a call.
package doublelock

import (
	"sync"

	"fixtures/doublelock/store"
)

// --- positives ---

type account struct {
	mu      sync.Mutex
	balance int
	log     []string
}

func (a *account) record(s string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.log = append(a.log, s)
}

// The callee locks the mutex the caller still holds.
func (a *account) withdraw(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if n > a.balance {
		a.record("overdraft") // want `a.record locks a.mu at double_lock.go:\d+ while this goroutine still holds it \(locked at line \d+\): sync mutexes are not reentrant`
		return
	}
	a.balance -= n
}

// A second Lock on one path.
func (a *account) close(force bool) {
	a.mu.Lock()
	if force {
		a.mu.Lock() // want `a.mu is locked again while this goroutine still holds it \(locked at line \d+\)`
	}
	a.mu.Unlock()
}

type registry struct {
	sync.RWMutex // embedded: r.RLock() locks it
	names        map[string]bool
}

func (r *registry) has(n string) bool {
	r.RLock()
	defer r.RUnlock()
	return r.names[n]
}

// Recursive read locking deadlocks once a writer waits in between.
func (r *registry) hasAll(ns []string) bool {
	r.RLock()
	defer r.RUnlock()
	for _, n := range ns {
		if !r.has(n) { // want `r.has read-locks r at double_lock.go:\d+ while this goroutine still holds it \(locked at line \d+\): a writer that calls Lock in between blocks both forever`
			return false
		}
	}
	return true
}

// A read lock cannot be upgraded.
func (r *registry) addMissing(n string) {
	r.RLock()
	if !r.names[n] {
		r.Lock() // want `r is locked for writing while this goroutine still holds it \(locked at line \d+\): a read lock cannot be upgraded`
		r.names[n] = true
		r.Unlock()
	}
	r.RUnlock()
}

// The path that skips the unlock comes round to the Lock again.
func (a *account) drain(items []int) {
	for _, it := range items {
		a.mu.Lock() // want `a.mu is locked again while this goroutine still holds it \(locked at line \d+ on the previous iteration of the loop`
		if it < 0 {
			continue
		}
		a.balance += it
		a.mu.Unlock()
	}
}

// A helper that returns holding the lock, then a call that locks it.
func (a *account) lockAll()   { a.mu.Lock() }
func (a *account) unlockAll() { a.mu.Unlock() }

func (a *account) audit() {
	a.lockAll()
	a.record("audit") // want `a.record locks a.mu at double_lock.go:\d+ while this goroutine still holds it \(left locked by a.lockAll at line \d+\)`
	a.unlockAll()
}

var configMu sync.Mutex
var config = map[string]string{}

func setting(k string) string {
	configMu.Lock()
	defer configMu.Unlock()
	return config[k]
}

// A package-level mutex locked again through a function.
func reload() {
	configMu.Lock()
	defer configMu.Unlock()
	if setting("mode") == "" { // want `setting locks configMu at double_lock.go:\d+ while this goroutine still holds it`
		config["mode"] = "default"
	}
}

// A function literal called in place locks the captured mutex.
func (a *account) report() {
	a.mu.Lock()
	defer a.mu.Unlock()
	show := func() {
		a.mu.Lock()
		defer a.mu.Unlock()
	}
	show() // want `show locks a.mu at double_lock.go:\d+ while this goroutine still holds it`
}

// Through another package's summary.
func refresh(c *store.Cache) {
	c.Hold()
	_ = c.Get("k") // want `c.Get locks c.mu at store.go:\d+ while this goroutine still holds it \(left locked by c.Hold at line \d+\)`
	c.Release()
}

func registerAll(names []string) {
	store.Register("a")
	for range store.Names() {
	}
}

// --- negatives a naive rule would flag ---

// Unlocks before the call that locks.
func (a *account) withdrawLogged(n int) {
	a.mu.Lock()
	over := n > a.balance
	a.mu.Unlock()
	if over {
		a.record("overdraft")
	}
}

// The callee expects the lock held and does not take it.
func (a *account) recordLocked(s string) { a.log = append(a.log, s) }

func (a *account) deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
	a.recordLocked("deposit")
}

// The callee locks only when told to; a naive summary says it locks.
func (a *account) total(lock bool) int {
	if lock {
		a.mu.Lock()
		defer a.mu.Unlock()
	}
	return a.balance
}

func (a *account) totalTwice() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.total(false) * 2
}

// Another account of the same type: another mutex.
func (a *account) transfer(to *account, n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance -= n
	to.record("credit")
}

// Each element has its own mutex: locking them all in a loop is fine.
func lockEach(accts []*account) {
	for _, x := range accts {
		x.mu.Lock()
	}
	for _, x := range accts {
		x.mu.Unlock()
	}
}

// Lock and unlock on every iteration.
func (a *account) sum(items []int) {
	for _, it := range items {
		a.mu.Lock()
		a.balance += it
		a.mu.Unlock()
	}
}

// Locked and unlocked under the same flag.
func (a *account) maybeLocked(shared bool) {
	if shared {
		a.mu.Lock()
	}
	a.balance++
	if shared {
		a.mu.Unlock()
	}
	a.mu.Lock()
	a.mu.Unlock()
}

// Another goroutine unlocks it: the second Lock waits for it, no deadlock.
func (a *account) handOff() {
	a.mu.Lock()
	go func() {
		defer a.mu.Unlock()
		a.balance = 0
	}()
	a.mu.Lock()
	a.mu.Unlock()
}

// TryLock may or may not take the lock.
func (a *account) tryTwice() {
	if a.mu.TryLock() {
		a.mu.Lock()
		a.mu.Unlock()
	}
}

// The callee lets go of the caller's lock while it waits.
func (a *account) waitLocked() {
	a.mu.Unlock()
	a.mu.Lock()
}

func (a *account) poll() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.waitLocked()
}

// A callback may unlock what it is handed.
func (a *account) visit(fn func(*account)) {
	a.mu.Lock()
	fn(a)
	a.mu.Lock()
	a.mu.Unlock()
}

// The callee locks only on its slow path: not every call deadlocks.
func (a *account) cached(k string) int {
	if a.balance > 0 {
		return a.balance
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return 0
}

func (a *account) snapshot() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

// Hand-over-hand locking down a list.
type node struct {
	mu   sync.Mutex
	next *node
}

func walk(head *node) {
	head.mu.Lock()
	for n := head; n != nil; {
		next := n.next
		if next != nil {
			next.mu.Lock()
		}
		n.mu.Unlock()
		n = next
	}
}

// Reading another package's unlocked accessor while holding the lock.
func peek(c *store.Cache) int {
	c.Hold()
	defer c.Release()
	return c.Peek("k")
}

// A local RWMutex that nothing ever locks for writing: read locks taken in
// a row can never wait for a writer.
func readersOnly(n int) {
	var mu sync.RWMutex
	count := func() {
		for i := 0; i < n; i++ {
			mu.RLock()
		}
		for i := 0; i < n; i++ {
			mu.RUnlock()
		}
	}
	count()
}

// A local variable that points to a shared registry: others may write-lock
// the registry it points to.
func readTwice() {
	r := &registry{names: map[string]bool{}}
	forget := func() { r = nil }
	r.RLock()
	_ = r.has("a") // want `r.has read-locks r at double_lock.go:\d+ while this goroutine still holds it`
	r.RUnlock()
	forget()
}

// A read transaction holds the store's lock until it ends; it ends
// through the transaction's own pointer to the store.
type kvStore struct {
	mu   sync.RWMutex
	data map[string]string
}

type txn struct{ s *kvStore }

func (s *kvStore) begin() *txn {
	s.mu.RLock()
	return &txn{s: s}
}

func (t *txn) end() { t.s.mu.RUnlock() }

func (s *kvStore) get(k string) string {
	t := s.begin()
	defer t.end()
	return t.s.data[k]
}

func (s *kvStore) getBoth(a, b string) string {
	t := s.begin()
	v := t.s.data[a]
	t.end()
	return v + s.get(b)
}

func (s *kvStore) getTwo(a, b string) string { return s.get(a) + s.get(b) }

// --- recursion ---

type tree struct {
	mu       sync.Mutex
	children []*tree
	parent   *tree
	size     int
}

// The method calls itself on the same tree while it holds the lock it
// took on entry.
func (t *tree) grow(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.size++
	if n > 0 {
		t.grow(n - 1) // want `t.grow locks t.mu at double_lock.go:\d+ while this goroutine still holds it \(locked at line \d+\): sync mutexes are not reentrant`
	}
}

// Mutual recursion within the package.
func (t *tree) shrink(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.size--
	if n > 0 {
		t.again(n) // want `t.again locks t.mu at double_lock.go:\d+ while this goroutine still holds it \(locked at line \d+\)`
	}
}

func (t *tree) again(n int) {
	t.shrink(n - 1) // no report here: again does not hold t.mu
}

// Negative: the recursive path releases the lock first.
func (t *tree) settle(n int) {
	t.mu.Lock()
	t.size = n
	t.mu.Unlock()
	if n > 0 {
		t.settle(n - 1)
	}
}

// Negative: the recursion is on other trees, each with its own mutex.
func (t *tree) total() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := t.size
	for _, c := range t.children {
		n += c.total()
	}
	return n
}

// Negative: upwards, on the parent's mutex.
func (t *tree) depth() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.parent == nil {
		return 0
	}
	return 1 + t.parent.depth()
}

// --- elements of arrays and slices ---

type shard struct {
	mu    sync.Mutex
	items map[string]int
}

type sharded struct {
	shards [8]shard
	list   []shard
	mus    []sync.Mutex
	cur    int
}

func (s *sharded) touch(i int) {
	s.shards[i].mu.Lock()
	defer s.shards[i].mu.Unlock()
}

// The same element, by the same index, twice.
func (s *sharded) put(i int, k string) {
	s.shards[i].mu.Lock()
	if s.shards[i].items == nil {
		s.shards[i].mu.Lock() // want `s.shards\[i\].mu is locked again while this goroutine still holds it \(locked at line \d+\)`
	}
	s.shards[i].items[k] = 1
	s.shards[i].mu.Unlock()
}

// A constant index, through a slice.
func (s *sharded) first() {
	s.list[0].mu.Lock()
	defer s.list[0].mu.Unlock()
	s.list[0].mu.Lock() // want `s.list\[0\].mu is locked again`
}

// A loop-invariant index, inside the loop.
func (s *sharded) fill(i int, ks []string) {
	for _, k := range ks {
		s.mus[i].Lock() // want `s.mus\[i\] is locked again while this goroutine still holds it \(locked at line \d+ on the previous iteration`
		if k == "" {
			continue
		}
		s.mus[i].Unlock()
	}
}

// Negative: different constant indexes are different mutexes.
func (s *sharded) pair() {
	s.shards[0].mu.Lock()
	s.shards[1].mu.Lock()
	s.shards[1].mu.Unlock()
	s.shards[0].mu.Unlock()
}

// Negative: the index changes with each iteration.
func (s *sharded) all() {
	for i := range s.shards {
		s.shards[i].mu.Lock()
	}
	for i := range s.shards {
		s.shards[i].mu.Unlock()
	}
}

// Negative: two reads of a field may be two indexes.
func (s *sharded) current() {
	s.mus[s.cur].Lock()
	s.cur++
	s.mus[s.cur].Lock()
	s.mus[s.cur].Unlock()
	s.mus[s.cur-1].Unlock()
}

// Negative: a callee's index the caller cannot name.
func (s *sharded) touchOther(i, j int) {
	s.shards[i].mu.Lock()
	defer s.shards[i].mu.Unlock()
	s.touch(j)
}
