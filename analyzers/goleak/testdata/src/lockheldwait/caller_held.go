package lockheldwait

import "sync"

// A helper that sends on a field channel runs under the mutexes its
// callers hold; and a send on a buffered channel blocks once the buffer
// is full, which a receiver that needs the mutex between its receives lets
// happen.

// --- positives ---

// The helper's only caller holds reg.mu; the refresher locks it in the
// other case of its loop.
type registry struct {
	mu      sync.Mutex
	entries map[string]int
	changed chan string
}

func newRegistry() *registry {
	r := &registry{entries: map[string]int{}, changed: make(chan string)}
	go r.refresh()
	return r
}

func (r *registry) notify(name string) {
	r.changed <- name // want `send on registry.changed blocks forever while r.mu is held \(locked at line 31, by every caller of notify\): every goroutine that receives from registry.changed locks registry.mu on its way there or before it comes back`
}

func (r *registry) put(name string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries[name] = v
	r.notify(name)
}

func (r *registry) refresh() {
	for {
		name := <-r.changed
		r.mu.Lock()
		delete(r.entries, name)
		r.mu.Unlock()
	}
}

// Buffered: the senders fill the buffer while the sweeper waits for the
// mutex that the next sender holds.
type limiter struct {
	mu     sync.Mutex
	tokens map[string]int
	spent  chan string
	ticks  chan struct{}
}

func newLimiter() *limiter {
	l := &limiter{tokens: map[string]int{}, spent: make(chan string, 8), ticks: make(chan struct{})}
	go l.sweep()
	return l
}

func (l *limiter) take(key string) {
	l.mu.Lock()
	l.tokens[key]--
	l.spent <- key // want `send on limiter.spent blocks forever once its buffer of 8 is full while l.mu is held \(locked at line 62\)`
	l.mu.Unlock()
}

func (l *limiter) tick() {
	select {
	case l.ticks <- struct{}{}:
	default:
	}
}

func (l *limiter) sweep() {
	for {
		select {
		case <-l.spent:
		case <-l.ticks:
			l.mu.Lock()
			for k := range l.tokens {
				l.tokens[k]++
			}
			l.mu.Unlock()
		}
	}
}

// The field channel reaches its receiver as an argument: the prober polls
// it between probes, each of which locks the target.
type target struct {
	mu     sync.Mutex
	health *probeState
}

type probeState struct {
	stop chan struct{}
}

func newTarget() *target {
	t := &target{health: &probeState{stop: make(chan struct{})}}
	go probe(t, t.health.stop)
	return t
}

func probe(t *target, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			t.check()
		}
	}
}

func (t *target) check() {
	t.mu.Lock()
	defer t.mu.Unlock()
}

func (p *probeState) halt() {
	p.stop <- struct{}{} // want `send on probeState.stop blocks forever while t.mu is held \(locked at line 127, by every caller of halt\): every goroutine that receives from probeState.stop locks target.mu on its way there or before it comes back`
}

func (t *target) retire() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.health.halt()
}

// --- negatives a naive rule would flag ---

// A caller that does not hold the mutex: not every call is under it.
type journal struct {
	mu      sync.Mutex
	lines   []string
	written chan string
}

func newJournal() *journal {
	j := &journal{written: make(chan string)}
	go j.archive()
	return j
}

func (j *journal) emit(s string) { j.written <- s }

func (j *journal) add(s string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.lines = append(j.lines, s)
	j.emit(s)
}

func (j *journal) addQuiet(s string) {
	j.emit(s)
}

func (j *journal) archive() {
	for {
		<-j.written
		j.mu.Lock()
		j.lines = j.lines[:0]
		j.mu.Unlock()
	}
}

// The helper unlocks the caller's mutex before it sends.
type outbox struct {
	mu   sync.Mutex
	msgs []string
	out  chan string
}

func newOutbox() *outbox {
	o := &outbox{out: make(chan string)}
	go o.pump()
	return o
}

func (o *outbox) sendLocked(s string) {
	o.mu.Unlock()
	o.out <- s
	o.mu.Lock()
}

func (o *outbox) post(s string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, s)
	o.sendLocked(s)
}

func (o *outbox) pump() {
	for {
		<-o.out
		o.mu.Lock()
		o.msgs = o.msgs[1:]
		o.mu.Unlock()
	}
}

// Buffered, with a flag that keeps at most one value in the buffer: the
// send is skipped while one is pending.
type wakeup struct {
	mu      sync.Mutex
	pending bool
	kick    chan struct{}
	work    int
}

func newWakeup() *wakeup {
	w := &wakeup{kick: make(chan struct{}, 1)}
	go w.loop()
	return w
}

func (w *wakeup) poke() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.work++
	if !w.pending {
		w.pending = true
		w.kick <- struct{}{}
	}
}

func (w *wakeup) loop() {
	for {
		<-w.kick
		w.mu.Lock()
		w.pending = false
		w.work = 0
		w.mu.Unlock()
	}
}

// Buffered, the flag tested by the caller: the helper sends on every
// path, its call does not.
type nudger struct {
	mu      sync.Mutex
	pending bool
	kick    chan struct{}
}

func newNudger() *nudger {
	n := &nudger{kick: make(chan struct{}, 1)}
	go n.loop()
	return n
}

func (n *nudger) signal() { n.kick <- struct{}{} }

func (n *nudger) nudge() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.pending {
		n.pending = true
		n.signal()
	}
}

func (n *nudger) loop() {
	for {
		<-n.kick
		n.mu.Lock()
		n.pending = false
		n.mu.Unlock()
	}
}

// Buffered, and the receiver needs the mutex only once, before its first
// receive: it drains in step with the senders afterwards.
type feed struct {
	mu    sync.Mutex
	ready bool
	items chan int
}

func newFeed() *feed {
	f := &feed{items: make(chan int, 4)}
	go f.consume()
	return f
}

func (f *feed) push(v int) {
	f.mu.Lock()
	f.items <- v
	f.mu.Unlock()
}

func (f *feed) consume() {
	f.mu.Lock()
	f.ready = true
	f.mu.Unlock()
	for v := range f.items {
		_ = v
	}
}

// The prober hands the channel to a hook the analysis cannot see, which
// may receive from it without the mutex.
type watchdog struct {
	mu    sync.Mutex
	state *dogState
}

type dogState struct {
	stop chan struct{}
}

func newWatchdog(hook func(chan struct{})) *watchdog {
	w := &watchdog{state: &dogState{stop: make(chan struct{})}}
	go sniff(w, w.state.stop, hook)
	return w
}

func sniff(w *watchdog, stop chan struct{}, hook func(chan struct{})) {
	hook(stop)
	for {
		select {
		case <-stop:
			return
		default:
			w.poll()
		}
	}
}

func (w *watchdog) poll() {
	w.mu.Lock()
	defer w.mu.Unlock()
}

func (d *dogState) halt() { d.stop <- struct{}{} }

func (w *watchdog) retire() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.state.halt()
}

// The helper calls a function it is handed before it sends: its caller
// hands it the unlock.
type relay struct {
	mu  sync.Mutex
	n   int
	out chan int
}

func newRelay() *relay {
	r := &relay{out: make(chan int)}
	go r.drain()
	return r
}

func (r *relay) forward(v int, before func()) {
	before()
	r.out <- v
}

func (r *relay) push(v int) {
	r.mu.Lock()
	r.n++
	r.forward(v, r.mu.Unlock)
}

func (r *relay) drain() {
	for {
		<-r.out
		r.mu.Lock()
		r.n--
		r.mu.Unlock()
	}
}
