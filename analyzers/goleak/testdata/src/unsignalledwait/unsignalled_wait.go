// Package unsignalledwait holds the cases of the unsignalled-wait rule: a
// Wait on a condition variable that nothing ever signals.
package unsignalledwait

import "sync"

// --- positives ---

type plugin struct {
	ready  *sync.Cond
	loaded bool
}

func newPlugin() *plugin { return &plugin{ready: sync.NewCond(&sync.Mutex{})} }

func (p *plugin) waitLoaded() {
	p.ready.L.Lock()
	for !p.loaded {
		p.ready.Wait() // want `Wait on plugin.ready blocks forever: nothing in this package calls Signal or Broadcast on plugin.ready`
	}
	p.ready.L.Unlock()
}

type queue struct {
	mu    sync.Mutex
	cond  sync.Cond // a value, its L set by the constructor
	items []int
}

func newQueue() *queue {
	q := &queue{}
	q.cond.L = &q.mu
	return q
}

func (q *queue) pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // want `Wait on queue.cond blocks forever`
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

// --- negatives a naive rule would flag ---

type mailbox struct {
	mu      sync.Mutex
	arrived *sync.Cond
	letters int
}

func newMailbox() *mailbox {
	m := &mailbox{}
	m.arrived = sync.NewCond(&m.mu)
	return m
}

func (m *mailbox) wait() {
	m.mu.Lock()
	for m.letters == 0 {
		m.arrived.Wait()
	}
	m.mu.Unlock()
}

func (m *mailbox) deliver() {
	m.mu.Lock()
	m.letters++
	m.mu.Unlock()
	m.arrived.Signal()
}

// The condition variable is handed out: others may signal it.
type board struct {
	changed *sync.Cond
}

func newBoard() *board { return &board{changed: sync.NewCond(&sync.Mutex{})} }

func (b *board) Cond() *sync.Cond { return b.changed }

func (b *board) await() {
	b.changed.L.Lock()
	b.changed.Wait()
	b.changed.L.Unlock()
}
