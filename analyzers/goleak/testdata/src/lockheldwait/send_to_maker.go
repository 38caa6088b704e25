package lockheldwait

import "sync"

// A function literal sends, holding a mutex, on an unbuffered channel
// that only the function that made it receives from, after locking the
// same mutex: if the literal takes the mutex first, neither goes on.

type bus struct {
	subs []func()
}

func (b *bus) subscribe(f func()) { b.subs = append(b.subs, f) }

func (b *bus) publish() {
	for _, f := range b.subs {
		f()
	}
}

// --- positives ---

func awaitFirstEvent(b *bus) {
	var mu sync.Mutex
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{} // want `send on seen may block forever while mu is held \(locked at line 27\): the only receive from seen \(line 34\) comes after the function that made this literal locks mu \(line 32\), which waits for this send to end; release mu before sending`
	})
	go b.publish()
	mu.Lock()
	mu.Unlock()
	<-seen
}

// The mutex of a struct the literal captures; the maker locks it through
// a method that locks it on every path.
type tally struct {
	mu sync.Mutex
	n  int
}

func (t *tally) read() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

func countThenWait(b *bus, t *tally) int {
	got := make(chan int)
	b.subscribe(func() {
		t.mu.Lock()
		t.n++
		got <- t.n // want `send on got may block forever while t.mu is held \(locked at line 53\): the only receive from got \(line 60\) comes after the function that made this literal locks t.mu through t.read \(line 59\)`
		t.mu.Unlock()
	})
	go b.publish()
	_ = t.read()
	return <-got
}

// --- negatives a naive rule would flag ---

// The literal unlocks before it sends.
func awaitUnlocked(b *bus) {
	var mu sync.Mutex
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.Lock()
		mu.Unlock()
		seen <- struct{}{}
	})
	go b.publish()
	mu.Lock()
	mu.Unlock()
	<-seen
}

// The maker receives before it locks.
func awaitThenLock(b *bus) {
	var mu sync.Mutex
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{}
	})
	go b.publish()
	<-seen
	mu.Lock()
	mu.Unlock()
}

// A buffer takes the value without a receiver.
func awaitBuffered(b *bus) {
	var mu sync.Mutex
	seen := make(chan struct{}, 1)
	b.subscribe(func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{}
	})
	go b.publish()
	mu.Lock()
	mu.Unlock()
	<-seen
}

// The maker locks only on one path to its receive.
func awaitMaybeLocked(b *bus, sync1 bool) {
	var mu sync.Mutex
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{}
	})
	go b.publish()
	if sync1 {
		mu.Lock()
		mu.Unlock()
	}
	<-seen
}

// The maker locks another mutex than the one the literal holds.
func awaitOtherMutex(b *bus) {
	var mu, other sync.Mutex
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{}
	})
	go b.publish()
	other.Lock()
	other.Unlock()
	<-seen
}

// The maker locked before it made the literal, not since.
func awaitLockedEarlier(b *bus) {
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock()
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{}
	})
	go b.publish()
	<-seen
}

// Another goroutine receives too: the channel is handed on.
func awaitShared(b *bus, relay func(chan struct{})) {
	var mu sync.Mutex
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{}
	})
	relay(seen)
	mu.Lock()
	mu.Unlock()
	<-seen
}

// Both hold the mutex only for reading: readers do not wait for each
// other.
func awaitReaders(b *bus) {
	var mu sync.RWMutex
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.RLock()
		defer mu.RUnlock()
		seen <- struct{}{}
	})
	go b.publish()
	mu.RLock()
	mu.RUnlock()
	<-seen
}

// The literal is started only after the maker's Lock and Unlock: it
// cannot hold the mutex then.
func awaitStartedLater() {
	var mu sync.Mutex
	seen := make(chan struct{})
	signal := func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{}
	}
	mu.Lock()
	mu.Unlock()
	go signal()
	<-seen
}

// Another literal receives too: the maker is not the only receiver.
func awaitTwoReceivers(b *bus) {
	var mu sync.Mutex
	seen := make(chan struct{})
	b.subscribe(func() {
		mu.Lock()
		defer mu.Unlock()
		seen <- struct{}{}
	})
	go func() { <-seen }()
	go b.publish()
	mu.Lock()
	mu.Unlock()
	<-seen
}
