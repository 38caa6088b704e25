package lockheldwait

import "sync"

type store struct {
	mu   sync.Mutex
	data map[string]int
}

func (s *store) refresh() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data = map[string]int{}
}

// --- positives ---

// The goroutine that closes done refreshes under the held mutex first.
func (s *store) reload() {
	done := make(chan struct{})
	go func() {
		s.refresh()
		close(done)
	}()
	s.mu.Lock()
	defer s.mu.Unlock()
	<-done // want `receive from done blocks forever while s.mu is held \(locked at line \d+\): every goroutine that sends on or closes done must lock it first \(the one started at line \d+ calls s.refresh at line \d+, which locks s.mu at wait_recv.go:\d+\), and cannot get it while this goroutine waits; release s.mu before waiting`
}

// A named function that sends its result under the lock.
func compute(s *store, out chan int) {
	s.mu.Lock()
	n := len(s.data)
	s.mu.Unlock()
	out <- n
}

func (s *store) count() int {
	out := make(chan int)
	s.mu.Lock()
	go compute(s, out)
	n := <-out // want `receive from out blocks forever while s.mu is held \(locked at line \d+\): every goroutine that sends on or closes out must lock it first \(the one started at line \d+ locks s.mu at line \d+\)`
	s.mu.Unlock()
	return n
}

// --- negatives ---

// The goroutine closes before it locks.
func (s *store) signalFirst() {
	done := make(chan struct{})
	go func() {
		close(done)
		s.refresh()
	}()
	s.mu.Lock()
	<-done
	s.mu.Unlock()
}

// One of the senders does not need the mutex.
func (s *store) either() int {
	out := make(chan int, 2)
	go compute(s, out)
	go func() { out <- 0 }()
	s.mu.Lock()
	n := <-out
	s.mu.Unlock()
	return n
}

// The channel goes somewhere else too.
func (s *store) handed(sink func(chan struct{})) {
	done := make(chan struct{})
	sink(done)
	go func() {
		s.refresh()
		close(done)
	}()
	s.mu.Lock()
	<-done
	s.mu.Unlock()
}

// Another store's mutex.
func (s *store) other(t *store) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.refresh()
	}()
	s.mu.Lock()
	<-done
	s.mu.Unlock()
}
