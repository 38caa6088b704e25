// Package lockheldwait holds the cases of the rules on channels kept in
// unexported fields: a wait on one while holding a mutex that every
// partner locks first (lock-held-wait), and operations on one that no
// partner in the package can ever complete.
package lockheldwait

import "sync"

// --- positives ---

type feeder struct {
	mu      sync.Mutex
	wake    chan struct{}
	pending int
}

func newFeeder() *feeder { return &feeder{wake: make(chan struct{})} }

// The only sender takes mu first, so it never gets to send.
func (f *feeder) waitForWork() {
	f.mu.Lock()
	if f.pending == 0 {
		<-f.wake // want `receive from feeder.wake blocks forever while f.mu is held \(locked at line \d+\): every goroutine that sends on or closes feeder.wake locks feeder.mu on its way there or before it comes back \(line \d+\); release f.mu before waiting`
	}
	f.mu.Unlock()
}

func (f *feeder) push() {
	f.mu.Lock()
	f.pending++
	select {
	case f.wake <- struct{}{}:
	default:
	}
	f.mu.Unlock()
}

type batcher struct {
	mu    sync.Mutex
	in    chan int
	done  chan struct{}
	total int
}

func newBatcher() *batcher {
	b := &batcher{in: make(chan int, 1), done: make(chan struct{})}
	go func() {
		defer close(b.done)
		for v := range b.in {
			b.add(v)
		}
	}()
	return b
}

func (b *batcher) add(v int) {
	b.mu.Lock()
	b.total += v
	b.mu.Unlock()
}

// The goroutine that closes done locks mu on its way there.
func (b *batcher) stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.in)
	<-b.done // want `receive from batcher.done blocks forever while b.mu is held .*locks batcher.mu on its way there`
}

func (b *batcher) send(v int) { b.in <- v }

// Nothing in the package ever receives from out.
type emitter struct {
	out chan string
}

func newEmitter() *emitter { return &emitter{out: make(chan string)} }

func (e *emitter) emit(s string) {
	e.out <- s // want `send on emitter.out blocks forever: nothing in this package receives from emitter.out`
}

// Nothing in the package ever sends on or closes ready.
type gate struct {
	ready chan struct{}
}

func newGate() *gate { return &gate{ready: make(chan struct{})} }

func (g *gate) wait() {
	<-g.ready // want `receive from gate.ready blocks forever: nothing in this package sends on or closes gate.ready`
}

// --- negatives a naive rule would flag ---

// The sender does not need mu.
type signal struct {
	mu    sync.Mutex
	fired chan struct{}
	n     int
}

func newSignal() *signal { return &signal{fired: make(chan struct{})} }

func (s *signal) await() {
	s.mu.Lock()
	defer s.mu.Unlock()
	<-s.fired
	s.n++
}

func (s *signal) fire() { close(s.fired) }

// Read locks on both sides do not wait for each other.
type view struct {
	mu      sync.RWMutex
	updates chan int
	last    int
}

func (v *view) next() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return <-v.updates
}

func (v *view) publish(n int) {
	v.mu.RLock()
	select {
	case v.updates <- n:
	default:
	}
	v.mu.RUnlock()
}

// The channel is handed out: receivers elsewhere are unknown.
type source struct {
	events chan int
}

func newSource() *source { return &source{events: make(chan int)} }

func (s *source) Events() <-chan int { return s.events }

func (s *source) emit(n int) { s.events <- n }

// Only non-blocking sends.
type ticker struct {
	tick chan struct{}
}

func newTicker() *ticker { return &ticker{tick: make(chan struct{})} }

func (t *ticker) poke() {
	select {
	case t.tick <- struct{}{}:
	default:
	}
}

// A buffered channel that nothing reads fills up, but the first sends
// return: the count is unknown here.
type sink struct {
	logs chan string
}

func newSink() *sink { return &sink{logs: make(chan string, 16)} }

func (s *sink) log(m string) { s.logs <- m }

// Exported field: other packages may receive.
type Pipe struct {
	C chan int
}

func NewPipe() *Pipe { return &Pipe{C: make(chan int)} }

func (p *Pipe) Put(n int) { p.C <- n }

// The receiver locks mu after each receive, before it comes back for the
// next: a second sender holding mu waits for it forever.
type recorder struct {
	mu      sync.Mutex
	updates chan int
	seen    []int
}

func newRecorder() *recorder {
	r := &recorder{updates: make(chan int)}
	go func() {
		for {
			r.consume()
		}
	}()
	return r
}

func (r *recorder) consume() {
	v := <-r.updates
	r.mu.Lock()
	r.seen = append(r.seen, v)
	r.mu.Unlock()
}

func (r *recorder) update(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.updates <- v // want `send on recorder.updates blocks forever while r.mu is held .*every goroutine that receives from recorder.updates locks recorder.mu on its way there or before it comes back`
}

// A receiver that takes one value and then locks: nothing comes back.
type once struct {
	mu     sync.Mutex
	result chan int
	value  int
}

func newOnce() *once { return &once{result: make(chan int)} }

func (o *once) take() {
	v := <-o.result
	o.mu.Lock()
	o.value = v
	o.mu.Unlock()
}

func (o *once) give(v int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.result <- v
}

// The channel is made in a variable, which the sender keeps using.
type applyJob struct {
	notify chan struct{}
}

func startJob(jobs chan<- applyJob) {
	notify := make(chan struct{}, 1)
	jobs <- applyJob{notify: notify}
	notify <- struct{}{}
}

func (j *applyJob) wait() { <-j.notify }

// Read through a getter: nothing sends on or closes the field either.
type inbox struct{ c chan int }

func newInbox() *inbox { return &inbox{c: make(chan int)} }

func (b *inbox) get() <-chan int { return b.c }

func (b *inbox) read() int {
	return <-b.get() // want `receive from inbox.c blocks forever: nothing in this package sends on or closes inbox.c`
}

// An exported getter: other packages may send on or close it.
type Outbox struct{ c chan int }

func NewOutbox() *Outbox { return &Outbox{c: make(chan int)} }

func (o *Outbox) C() chan int { return o.c }

func (o *Outbox) wait() int { return <-o.c }

// A getter that an interface may call: its callers are not all in sight.
type finisher interface{ finished() chan struct{} }

type task struct{ fin chan struct{} }

func newTask() *task { return &task{fin: make(chan struct{})} }

func (t *task) finished() chan struct{} { return t.fin }

func (t *task) wait() { <-t.fin }

func finishAll(fs []finisher) {
	for _, f := range fs {
		close(f.finished())
	}
}
