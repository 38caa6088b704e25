package lockheldwait

import (
	"sync"
	"sync/atomic"
)

// A send under a mutex, guarded by a flag that says the receiver is busy:
// the sender sends only where it found the flag false, and sets it true
// first, with the mutex held from the test to the send; the receiver's
// loop clears it only after the work that locks the mutex, and locks
// nothing between the clear and its next receive. Whenever a sender can
// send, the receiver is past its locking and on its way to the receive.

// --- negatives a naive rule would flag ---

type batchStore struct {
	mu    sync.Mutex
	items []int
	busy  atomic.Bool
	queue chan int
}

func newBatchStore() *batchStore {
	s := &batchStore{queue: make(chan int)}
	go s.loop()
	return s
}

func (s *batchStore) add(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.busy.Load() && len(s.items) > 100 {
		s.busy.Store(true)
		s.queue <- len(s.items)
	}
	s.items = append(s.items, v)
}

func (s *batchStore) flush(n int) {
	s.mu.Lock()
	s.items = s.items[n:]
	s.mu.Unlock()
}

func (s *batchStore) loop() {
	for n := range s.queue {
		s.flush(n)
		s.busy.Store(false)
	}
}

// The flag is a plain bool, read and written under the mutex; the
// receiver is a function literal, and the flag a pointer to an atomic
// elsewhere (below).
type plainStore struct {
	mu    sync.Mutex
	items []int
	busy  bool
	queue chan int
}

func newPlainStore() *plainStore {
	s := &plainStore{queue: make(chan int)}
	go func() {
		for n := range s.queue {
			s.mu.Lock()
			s.items = s.items[n:]
			s.busy = false
			s.mu.Unlock()
		}
	}()
	return s
}

func (s *plainStore) add(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.busy && len(s.items) > 100 {
		s.busy = true
		s.queue <- len(s.items)
	}
	s.items = append(s.items, v)
}

type ptrFlagStore struct {
	mu    sync.Mutex
	items []int
	busy  *atomic.Bool
	queue chan int
}

func newPtrFlagStore() *ptrFlagStore {
	s := &ptrFlagStore{queue: make(chan int), busy: new(atomic.Bool)}
	go s.loop()
	return s
}

func (s *ptrFlagStore) add(v int) {
	s.mu.Lock()
	if s.busy.Load() {
		s.items = append(s.items, v)
		s.mu.Unlock()
		return
	}
	s.busy.Store(true)
	s.queue <- v
	s.mu.Unlock()
}

func (s *ptrFlagStore) loop() {
	for n := range s.queue {
		s.mu.Lock()
		s.items = append(s.items, n)
		s.mu.Unlock()
		s.busy.Store(false)
	}
}

// --- positives ---

// The flag is cleared before the work that locks: a sender can find it
// false and send while the receiver waits for the mutex.
type earlyClear struct {
	mu    sync.Mutex
	items []int
	busy  atomic.Bool
	queue chan int
}

func newEarlyClear() *earlyClear {
	s := &earlyClear{queue: make(chan int)}
	go s.loop()
	return s
}

func (s *earlyClear) add(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.busy.Load() && len(s.items) > 100 {
		s.busy.Store(true)
		s.queue <- len(s.items) // want `send on earlyClear.queue blocks forever while s.mu is held`
	}
	s.items = append(s.items, v)
}

func (s *earlyClear) loop() {
	for n := range s.queue {
		s.busy.Store(false)
		s.mu.Lock()
		s.items = s.items[n:]
		s.mu.Unlock()
	}
}

// A third function clears the flag whatever the receiver is doing.
type resetClear struct {
	mu    sync.Mutex
	items []int
	busy  atomic.Bool
	queue chan int
}

func newResetClear() *resetClear {
	s := &resetClear{queue: make(chan int)}
	go s.loop()
	return s
}

func (s *resetClear) add(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.busy.Load() && len(s.items) > 100 {
		s.busy.Store(true)
		s.queue <- len(s.items) // want `send on resetClear.queue blocks forever while s.mu is held`
	}
	s.items = append(s.items, v)
}

func (s *resetClear) reset() {
	s.busy.Store(false)
}

func (s *resetClear) loop() {
	for n := range s.queue {
		s.mu.Lock()
		s.items = s.items[n:]
		s.mu.Unlock()
		s.busy.Store(false)
	}
}

// The send does not set the flag: a second send can come while the
// receiver works under the mutex.
type unsetFlag struct {
	mu    sync.Mutex
	items []int
	busy  atomic.Bool
	queue chan int
}

func newUnsetFlag() *unsetFlag {
	s := &unsetFlag{queue: make(chan int)}
	go s.loop()
	return s
}

func (s *unsetFlag) add(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.busy.Load() && len(s.items) > 100 {
		s.queue <- len(s.items) // want `send on unsetFlag.queue blocks forever while s.mu is held`
	}
	s.items = append(s.items, v)
}

func (s *unsetFlag) loop() {
	for n := range s.queue {
		s.busy.Store(true)
		s.mu.Lock()
		s.items = s.items[n:]
		s.mu.Unlock()
		s.busy.Store(false)
	}
}

// The receiver locks the mutex before its first receive: the flag is
// false then, and a sender holding the mutex waits for it forever.
type lockFirst struct {
	mu    sync.Mutex
	items []int
	busy  atomic.Bool
	queue chan int
}

func newLockFirst() *lockFirst {
	s := &lockFirst{queue: make(chan int)}
	go s.loop()
	return s
}

func (s *lockFirst) add(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.busy.Load() {
		s.busy.Store(true)
		s.queue <- v // want `send on lockFirst.queue blocks forever while s.mu is held`
	}
	s.items = append(s.items, v)
}

func (s *lockFirst) loop() {
	s.mu.Lock()
	s.items = nil
	s.mu.Unlock()
	for n := range s.queue {
		s.mu.Lock()
		s.items = append(s.items, n)
		s.mu.Unlock()
		s.busy.Store(false)
	}
}

// The flag is tested before the mutex is taken: two senders can both find
// it false, and the second sends while the receiver works under the mutex.
type unlockedTest struct {
	mu    sync.Mutex
	items []int
	busy  atomic.Bool
	queue chan int
}

func newUnlockedTest() *unlockedTest {
	s := &unlockedTest{queue: make(chan int)}
	go s.loop()
	return s
}

func (s *unlockedTest) add(v int) {
	if s.busy.Load() {
		return
	}
	s.mu.Lock()
	s.busy.Store(true)
	s.queue <- v // want `send on unlockedTest.queue blocks forever while s.mu is held`
	s.mu.Unlock()
}

func (s *unlockedTest) loop() {
	for n := range s.queue {
		s.mu.Lock()
		s.items = append(s.items, n)
		s.mu.Unlock()
		s.busy.Store(false)
	}
}

// A plain bool cleared without the mutex races with the sender's test:
// the rule does not reason about what a racing read sees, and reports as
// before.
type unguardedClear struct {
	mu    sync.Mutex
	items []int
	busy  bool
	queue chan int
}

func newUnguardedClear() *unguardedClear {
	s := &unguardedClear{queue: make(chan int)}
	go s.loop()
	return s
}

func (s *unguardedClear) add(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.busy {
		s.busy = true
		s.queue <- v // want `send on unguardedClear.queue blocks forever while s.mu is held`
	}
}

func (s *unguardedClear) loop() {
	for n := range s.queue {
		s.mu.Lock()
		s.items = append(s.items, n)
		s.mu.Unlock()
		s.busy = false
	}
}
