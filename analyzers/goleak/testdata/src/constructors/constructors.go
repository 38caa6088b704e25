// Package constructors covers goroutines that a constructor starts on the
// struct it returns (w := &T{...}; go w.run(); return w), and functions
// with deferred calls (unlock, close) on the paths the analysis follows.
package constructors

import (
	"sync"
	"time"
)

// --- a watcher whose constructor starts its goroutine ---

type watcher struct {
	mu      sync.Mutex
	input   chan int
	result  chan int
	stopped bool
}

func newWatcher(size int, initial []int) *watcher {
	w := &watcher{input: make(chan int, size), result: make(chan int, size)}
	go w.process(initial)
	return w
}

func (w *watcher) process(initial []int) {
	for _, e := range initial {
		w.emit(e) // want `goroutine blocks forever on send to w.result once the function returns at line \d+ while it still sends`
	}
	defer close(w.result)
	defer w.Stop()
	for {
		if _, ok := <-w.input; !ok {
			return
		}
	}
}

func (w *watcher) emit(e int) { w.result <- e }

func (w *watcher) Stop() { // want Stop:`mutexes\(locks p0.mu\)`
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.stopped {
		w.stopped = true
		close(w.input)
	}
}

func (w *watcher) Next() int { return <-w.result }

// --- positives ---

func stopWithoutReading() {
	w := newWatcher(0, []int{1, 2})
	w.Stop()
}

func unbufferedTimeout() bool {
	done := make(chan bool)
	var mu sync.Mutex
	go func() {
		mu.Lock()
		defer mu.Unlock() // a deferred unlock does not hide the send
		done <- true      // want `goroutine blocks forever on send to done when the select at line \d+ takes case <-time.After`
	}()
	select {
	case <-time.After(time.Millisecond):
		return false
	case v := <-done:
		return v
	}
}

// --- negatives: must stay silent ---

// The caller reads every result until the channel is closed.
func stopAfterReading() int {
	w := newWatcher(0, []int{1, 2})
	defer w.Stop()
	return w.Next()
}

// The buffer, given by the caller, has room for what the goroutine sends
// before it waits on input... but the sends are in a loop: not countable,
// so the analysis stays silent rather than guess.
func bufferedByCaller() {
	w := newWatcher(8, []int{1, 2})
	w.Stop()
}

// The watcher escapes: someone else may read it.
var kept *watcher

func keepWatcher() {
	w := newWatcher(0, []int{1})
	kept = w
	w.Stop()
}

func returnWatcher() *watcher {
	return newWatcher(0, []int{1})
}

// A constructor that starts its goroutine only on some paths: the caller
// cannot know whether anyone sends.
type maybe struct{ out chan int }

func newMaybe(async bool) *maybe {
	m := &maybe{out: make(chan int)}
	if async {
		go m.run()
	}
	return m
}

func (m *maybe) run() { m.out <- 1 } // want `send on maybe.out blocks forever: nothing in this package receives from maybe.out`

func useMaybe() {
	m := newMaybe(false)
	_ = m
}

// A constructor whose goroutine hands the struct on: out of reach.
var registry = map[*leaky]bool{}

type leaky struct{ out chan int }

func newLeaky() *leaky {
	l := &leaky{out: make(chan int)}
	go l.run()
	return l
}

func (l *leaky) run() {
	registry[l] = true
	l.out <- 1 // want `send on leaky.out blocks forever: nothing in this package receives from leaky.out`
}

func useLeaky() {
	l := newLeaky()
	_ = l
}

// A deferred function that recovers: the paths of the function are not
// what the blocks say, stay silent.
func recovered() bool {
	done := make(chan bool)
	go func() {
		defer func() { _ = recover() }()
		done <- true
	}()
	select {
	case <-time.After(time.Millisecond):
		return false
	case v := <-done:
		return v
	}
}

// A deferred call of a function value: it may recover.
func deferredValue(cleanup func()) bool {
	done := make(chan bool)
	go func() {
		defer cleanup()
		done <- true
	}()
	select {
	case <-time.After(time.Millisecond):
		return false
	case v := <-done:
		return v
	}
}

// Buffered result channel with a deferred unlock: fine.
func bufferedTimeout() bool {
	done := make(chan bool, 1)
	var mu sync.Mutex
	go func() {
		mu.Lock()
		defer mu.Unlock()
		done <- true
	}()
	select {
	case <-time.After(time.Millisecond):
		return false
	case v := <-done:
		return v
	}
}

// The worker is stopped on every path: its select sees quit.
type worker struct {
	jobs chan int
	quit chan struct{}
}

func newWorker() *worker {
	w := &worker{jobs: make(chan int), quit: make(chan struct{})}
	go w.loop()
	return w
}

func (w *worker) loop() {
	for {
		select {
		case <-w.jobs:
		case <-w.quit:
			return
		}
	}
}

func (w *worker) stop() { close(w.quit) }

func useWorker(n int) {
	w := newWorker()
	defer w.stop()
	for i := 0; i < n; i++ {
		w.jobs <- i
	}
}

// A listener whose Accept waits on conns or done; Close closes done (under
// a lock, with a deferred unlock). Accept is released by Close, although
// nobody sends on conns.
type listener struct {
	mu    sync.Mutex
	conns chan int
	done  chan struct{}
}

func listen() *listener {
	return &listener{conns: make(chan int), done: make(chan struct{})}
}

func (l *listener) accept() (int, bool) {
	select {
	case c := <-l.conns:
		return c, true
	case <-l.done:
		return 0, false
	}
}

func (l *listener) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-l.done:
	default:
		close(l.done)
	}
}

func closeWhileAccepting() bool {
	l := listen()
	var ok bool
	finished := make(chan struct{})
	go func() {
		_, ok = l.accept()
		close(finished)
	}()
	l.close()
	<-finished
	return ok
}

// The same with a local struct value.
func closeWhileAcceptingLocal() {
	l := &listener{conns: make(chan int), done: make(chan struct{})}
	go func() {
		l.accept()
	}()
	l.close()
}

// A one-shot producer whose buffer size the caller picks.
type oneShot struct{ out chan int }

func newOneShot(size int) *oneShot {
	o := &oneShot{out: make(chan int, size)}
	go o.run()
	return o
}

func (o *oneShot) run() {
	o.out <- 1 // want `goroutine blocks forever on send to o.out once the function returns at line \d+ without receiving: make o.out buffered for every sender$`
}

func dropOneShot() {
	o := newOneShot(0)
	_ = o
}

// Negatives: the caller receives, or gives the one send room.
func readOneShot() int {
	o := newOneShot(0)
	return <-o.out
}

func roomyOneShot() {
	o := newOneShot(1)
	_ = o
}

// A pipeline stage that sends on out only in answer to what it receives on
// in: a caller that never sends on in gets nothing on out, nothing leaks.
type stage struct {
	in   chan int
	out  chan int
	quit chan struct{}
}

func newStage() *stage {
	s := &stage{in: make(chan int), out: make(chan int), quit: make(chan struct{})}
	go s.loop()
	return s
}

func (s *stage) loop() {
	for {
		select {
		case <-s.quit:
			return
		case v := <-s.in:
			s.out <- v // want `send on stage.out blocks forever: nothing in this package receives from stage.out`
		}
	}
}

func (s *stage) stop() { close(s.quit) }

func unusedStage() {
	s := newStage()
	s.stop()
}
