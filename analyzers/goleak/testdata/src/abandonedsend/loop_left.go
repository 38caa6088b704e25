package abandonedsend

import (
	"context"
	"sync"
)

// A send to a loop that has left: the only receiver of an unbuffered
// channel field is the loop of one method, which returns on another case
// of its select.

// --- positives ---

// meter serves queries until it is stopped; stop says, by waiting on
// done too, that the loop may be gone when a sender arrives.
type meter struct {
	queries chan chan int
	halt    chan struct{}
	done    chan struct{}
}

func newMeter() *meter {
	m := &meter{queries: make(chan chan int), halt: make(chan struct{}), done: make(chan struct{})}
	go m.serve()
	return m
}

func (m *meter) serve() {
	defer close(m.done)
	total := 0
	for {
		select {
		case reply := <-m.queries:
			reply <- total
		case <-m.halt:
			return
		}
	}
}

func (m *meter) Read() int {
	reply := make(chan int, 1)
	m.queries <- reply // want `send on meter.queries blocks forever once serve has returned at line 36 \(case <-m.halt\): its loop is the only receiver of meter.queries, and the send at line 49 already waits on meter.done, which serve closes, for that case; select on it here too`
	return <-reply
}

func (m *meter) Stop() {
	select {
	case m.halt <- struct{}{}:
	case <-m.done:
	}
}

// poller starts a goroutine per refresh that hands its result to the loop,
// which leaves when its context is cancelled.
type poller struct {
	results chan int
}

func (p *poller) loop(ctx context.Context) {
	for {
		select {
		case v := <-p.results:
			tally(v)
		case <-ctx.Done():
			return
		}
	}
}

func (p *poller) refresh(n int) {
	go p.fetchOne(n)
}

func (p *poller) fetchOne(n int) {
	p.results <- n * 2 // want `goroutine blocks forever on send to poller.results once loop has returned at line 66 \(case <-ctx.Done\(\)\): its loop is the only receiver of poller.results, and nothing this goroutine does after the send can let it know; send in a select that also waits for loop to leave \(a done channel it closes\)`
}

func (p *poller) refreshInline(n int) {
	go func() {
		p.results <- n // want `goroutine blocks forever on send to poller.results once loop has returned`
	}()
}

func runPoller(ctx context.Context) *poller {
	p := &poller{results: make(chan int)}
	go p.loop(ctx)
	return p
}

// --- negatives: must stay silent ---

// A goroutine that tells the loop it is finished after its sends: the
// loop's exit comes after them.
type batch struct {
	items    chan int
	finished chan struct{}
}

func (b *batch) collect() {
	for {
		select {
		case v := <-b.items:
			tally(v)
		case <-b.finished:
			return
		}
	}
}

func (b *batch) feed(vs []int) {
	go func() {
		for _, v := range vs {
			b.items <- v
		}
		close(b.finished)
	}()
}

func newBatch() *batch {
	b := &batch{items: make(chan int), finished: make(chan struct{})}
	go b.collect()
	return b
}

// A goroutine that makes the struct, starts its loop and sends to it:
// only what the loop does with that value can stop it.
type relay struct {
	in   chan int
	quit chan struct{}
}

func (r *relay) pump() {
	for {
		select {
		case v := <-r.in:
			if v < 0 {
				r.stop()
			}
		case <-r.quit:
			return
		}
	}
}

func (r *relay) stop() { close(r.quit) }

func startRelay() {
	go func() {
		r := &relay{in: make(chan int), quit: make(chan struct{})}
		go r.pump()
		r.in <- -1
	}()
}

// A joined sender: whoever stops the loop can wait for it first.
type joined struct {
	out  chan int
	stop chan struct{}
	wg   sync.WaitGroup
}

func (j *joined) drain() {
	for {
		select {
		case v := <-j.out:
			tally(v)
		case <-j.stop:
			return
		}
	}
}

func (j *joined) spawn(v int) {
	j.wg.Add(1)
	go j.put(v)
}

func (j *joined) put(v int) {
	defer j.wg.Done()
	j.out <- v
}

func (j *joined) close() {
	j.wg.Wait()
	close(j.stop)
}

func newJoined() *joined {
	j := &joined{out: make(chan int), stop: make(chan struct{})}
	go j.drain()
	return j
}

// A loop that drains the channel on its way out.
type draining struct {
	work chan int
}

func (d *draining) run(ctx context.Context) {
	for {
		select {
		case v := <-d.work:
			tally(v)
		case <-ctx.Done():
			for {
				select {
				case <-d.work:
				default:
					return
				}
			}
		}
	}
}

func (d *draining) submit(v int) { go d.give(v) }

func (d *draining) give(v int) { d.work <- v }

func newDraining(ctx context.Context) *draining {
	d := &draining{work: make(chan int)}
	go d.run(ctx)
	return d
}

// A synchronous caller with no sign that the loop may be gone: the loop
// is stopped only after its users are done, which the package cannot see.
type ledger struct {
	entries chan int
	end     chan struct{}
}

func (l *ledger) keep() {
	for {
		select {
		case v := <-l.entries:
			tally(v)
		case <-l.end:
			return
		}
	}
}

func (l *ledger) Add(v int) { l.entries <- v }

func (l *ledger) Close() { close(l.end) }

func newLedger() *ledger {
	l := &ledger{entries: make(chan int), end: make(chan struct{})}
	go l.keep()
	return l
}

// A guarded send that waits on a channel the loop does not close: it
// says nothing about the loop leaving.
type gate struct {
	asks   chan int
	leave  chan struct{}
	closed chan struct{}
}

func (g *gate) serve() {
	for {
		select {
		case v := <-g.asks:
			tally(v)
		case <-g.leave:
			return
		}
	}
}

func (g *gate) Ask(v int) { g.asks <- v }

func (g *gate) Leave() {
	select {
	case g.leave <- struct{}{}:
	case <-g.closed:
	}
}

func (g *gate) Shut() { close(g.closed) }

func newGate() *gate {
	g := &gate{asks: make(chan int), leave: make(chan struct{}), closed: make(chan struct{})}
	go g.serve()
	return g
}

// A buffered channel, and a send that is also called directly.
type mailbox struct {
	notes chan int
	bye   chan struct{}
}

func (m *mailbox) read() {
	for {
		select {
		case v := <-m.notes:
			tally(v)
		case <-m.bye:
			return
		}
	}
}

func (m *mailbox) post(v int) { m.notes <- v }

func (m *mailbox) postAsync(v int) { go m.post(v) }

func (m *mailbox) postNow(v int) { m.post(v) }

func newMailbox() *mailbox {
	m := &mailbox{notes: make(chan int), bye: make(chan struct{})}
	go m.read()
	return m
}

type buffered struct {
	slots chan int
	bye   chan struct{}
}

func (b *buffered) read() {
	for {
		select {
		case v := <-b.slots:
			tally(v)
		case <-b.bye:
			return
		}
	}
}

func (b *buffered) postAsync(v int) { go b.post(v) }

func (b *buffered) post(v int) { b.slots <- v }

func newBuffered() *buffered {
	b := &buffered{slots: make(chan int, 4), bye: make(chan struct{})}
	go b.read()
	return b
}

func tally(int) {}
