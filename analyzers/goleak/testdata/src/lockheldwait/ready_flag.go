package lockheldwait

import "sync"

// A receive under a mutex, guarded by a flag that says a value waits in
// the buffer: the sender sets it in the critical section of its send, the
// receiver clears it in the critical section of its receive.

// --- negatives a naive rule would flag ---

type mailbox struct {
	mu    sync.Mutex
	slot  chan int
	ready bool
}

func newMailbox() *mailbox { return &mailbox{slot: make(chan int, 1)} }

func (m *mailbox) put(v int) {
	m.mu.Lock()
	if !m.ready {
		m.slot <- v
		m.ready = true
	}
	m.mu.Unlock()
}

func (m *mailbox) take() (int, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ready {
		v := <-m.slot
		m.ready = false
		return v, true
	}
	return 0, false
}

// The flag set first, then the send, in one critical section; the
// receiver records the value before it clears the flag.
type latest struct {
	mu      sync.Mutex
	values  chan string
	waiting bool
	last    string
}

func newLatest() *latest { return &latest{values: make(chan string, 4)} }

func (l *latest) offer(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.waiting = true
	l.values <- s
}

func (l *latest) poll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.waiting {
		return
	}
	l.last = <-l.values
	l.waiting = false
}

// --- positives ---

// Unbuffered: the send completes only when a receive takes the value, so
// the flag can be true with nothing left to take.
type handoff struct {
	mu    sync.Mutex
	slot  chan int
	ready bool
}

func newHandoff() *handoff { return &handoff{slot: make(chan int)} }

func (h *handoff) put(v int) {
	h.mu.Lock()
	h.slot <- v // want `send on handoff.slot blocks forever while h.mu is held`
	h.ready = true
	h.mu.Unlock()
}

func (h *handoff) take() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ready {
		v := <-h.slot // want `receive from handoff.slot blocks forever while h.mu is held`
		h.ready = false
		return v
	}
	return 0
}

// arm sets the flag without sending: the guard proves nothing.
type armedBox struct {
	mu    sync.Mutex
	slot  chan int
	ready bool
}

func newArmedBox() *armedBox { return &armedBox{slot: make(chan int, 1)} }

func (a *armedBox) put(v int) {
	a.mu.Lock()
	a.slot <- v
	a.ready = true
	a.mu.Unlock()
}

func (a *armedBox) arm() {
	a.mu.Lock()
	a.ready = true
	a.mu.Unlock()
}

func (a *armedBox) take() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ready {
		v := <-a.slot // want `receive from armedBox.slot blocks forever while a.mu is held`
		a.ready = false
		return v
	}
	return 0
}

// drain takes a value without clearing the flag: the next guarded receive
// may find the buffer empty.
type leakyBox struct {
	mu    sync.Mutex
	slot  chan int
	ready bool
}

func newLeakyBox() *leakyBox { return &leakyBox{slot: make(chan int, 1)} }

func (l *leakyBox) put(v int) {
	l.mu.Lock()
	l.slot <- v
	l.ready = true
	l.mu.Unlock()
}

func (l *leakyBox) drain() {
	l.mu.Lock()
	<-l.slot // want `receive from leakyBox.slot blocks forever while l.mu is held`
	l.mu.Unlock()
}

func (l *leakyBox) take() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ready {
		v := <-l.slot // want `receive from leakyBox.slot blocks forever while l.mu is held`
		l.ready = false
		return v
	}
	return 0
}

// The flag is set after the mutex is released: between the unlock and the
// set, a receive can take the value, and the flag then says it is there.
type lateFlag struct {
	mu    sync.Mutex
	slot  chan int
	ready bool
}

func newLateFlag() *lateFlag { return &lateFlag{slot: make(chan int, 1)} }

func (f *lateFlag) put(v int) {
	f.mu.Lock()
	f.slot <- v
	f.mu.Unlock()
	f.ready = true
}

func (f *lateFlag) take() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ready {
		v := <-f.slot // want `receive from lateFlag.slot blocks forever while f.mu is held`
		f.ready = false
		return v
	}
	return 0
}
