package lockheldwait

import "sync"

// A flag that says the channel is closed: set true only in a critical
// section that closes the channel too, or that found it already true. A
// receive under the mutex, guarded by the flag, finds the channel closed.

type reply struct{ v int }

// --- negatives a naive rule would flag ---

type pending struct {
	mu     sync.Mutex
	result chan reply
	done   bool
}

func newPending() *pending { return &pending{result: make(chan reply, 1)} }

// deliver hands over one value and closes: done says both happened.
func (p *pending) deliver(v int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return false
	}
	p.done = true
	p.result <- reply{v}
	close(p.result)
	return true
}

// abandon takes back a value already delivered, or closes the channel so
// that no delivery happens.
func (p *pending) abandon() int {
	p.mu.Lock()
	v := 0
	if p.done {
		if r, ok := <-p.result; ok {
			v = r.v
		}
	} else {
		close(p.result)
	}
	p.done = true
	p.mu.Unlock()
	return v
}

// --- positives ---

// expire sets the flag without closing: a receive guarded by it may find
// the channel open and empty, and the sender needs the mutex.
type expiring struct {
	mu     sync.Mutex
	result chan reply
	done   bool
}

func newExpiring() *expiring { return &expiring{result: make(chan reply, 1)} }

func (e *expiring) deliver(v int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.done {
		return
	}
	e.done = true
	e.result <- reply{v}
	close(e.result)
}

func (e *expiring) expire() {
	e.mu.Lock()
	e.done = true
	e.mu.Unlock()
}

func (e *expiring) abandon() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.done {
		r := <-e.result // want `receive from expiring.result blocks forever while e.mu is held`
		return r.v
	}
	close(e.result)
	e.done = true
	return 0
}

// The close comes after the mutex is released: between the unlock and the
// close, the flag is true and the channel open.
type lateClose struct {
	mu     sync.Mutex
	result chan reply
	done   bool
}

func newLateClose() *lateClose { return &lateClose{result: make(chan reply, 1)} }

func (l *lateClose) finish() {
	l.mu.Lock()
	l.done = true
	l.mu.Unlock()
	l.mu.Lock()
	close(l.result)
	l.mu.Unlock()
}

func (l *lateClose) wait() reply {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return <-l.result // want `receive from lateClose.result blocks forever while l.mu is held`
	}
	return reply{}
}

// reopen puts a fresh channel in the field after the close: the flag no
// longer says the channel in the field is closed.
type reopening struct {
	mu     sync.Mutex
	result chan reply
	done   bool
}

func newReopening() *reopening { return &reopening{result: make(chan reply, 1)} }

func (r *reopening) finish() {
	r.mu.Lock()
	close(r.result)
	r.done = true
	r.mu.Unlock()
}

func (r *reopening) reopen() {
	r.mu.Lock()
	r.result = make(chan reply, 1)
	r.mu.Unlock()
}

func (r *reopening) put(v int) {
	r.mu.Lock()
	r.result <- reply{v}
	r.mu.Unlock()
}

func (r *reopening) wait() reply {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done {
		return <-r.result // want `receive from reopening.result blocks forever while r.mu is held`
	}
	return reply{}
}

// Built with the flag already true and the channel open.
type prefilled struct {
	mu     sync.Mutex
	result chan reply
	done   bool
}

func newPrefilled() *prefilled { return &prefilled{result: make(chan reply, 1), done: true} }

func (p *prefilled) finish(v int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.result <- reply{v}
	close(p.result)
	p.done = true
}

func (p *prefilled) wait() reply {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return <-p.result // want `receive from prefilled.result blocks forever while p.mu is held`
	}
	return reply{}
}
