package unsignalledwait

import "sync"

// A Wait loop whose condition cannot change inside the loop: each Signal
// or Broadcast wakes the goroutine only for it to wait again.

type turnstile struct {
	mu      sync.Mutex
	changed *sync.Cond
	open    bool
	visits  int
}

func newTurnstile() *turnstile {
	t := &turnstile{}
	t.changed = sync.NewCond(&t.mu)
	return t
}

func (t *turnstile) unlock() {
	t.mu.Lock()
	t.open = true
	t.mu.Unlock()
	t.changed.Broadcast()
}

// --- positives ---

// The field is copied once, before the loop: the copy never changes.
func (t *turnstile) passCopy() {
	t.mu.Lock()
	defer t.mu.Unlock()
	open := t.open
	for !open {
		t.changed.Wait() // want `the loop around t.changed.Wait\(\) never ends: its condition !open is fixed before the loop and nothing in it can change it`
	}
	t.visits++
}

// A parameter stands for the state it was given at the call.
func (t *turnstile) passWhen(ready bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for !ready {
		t.changed.Wait() // want `the loop around t.changed.Wait\(\) never ends: its condition !ready is fixed`
	}
}

// A local set to true and never again.
func (t *turnstile) park() {
	t.mu.Lock()
	defer t.mu.Unlock()
	parked := true
	for parked {
		t.changed.Wait() // want `the loop around t.changed.Wait\(\) never ends: its condition parked is fixed`
	}
}

// --- negatives a naive rule would flag ---

// The condition reads the field each time round.
func (t *turnstile) pass() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for !t.open {
		t.changed.Wait()
	}
	t.visits++
}

// The local is refreshed inside the loop.
func (t *turnstile) passRefreshed() {
	t.mu.Lock()
	defer t.mu.Unlock()
	open := t.open
	for !open {
		t.changed.Wait()
		open = t.open
	}
}

// A fixed outer condition, but a way out that reads the field after the
// Wait.
func (t *turnstile) passOrGiveUp(patient bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for patient {
		t.changed.Wait()
		if t.open {
			return
		}
	}
}

// No way out at all: a loop that says it serves forever.
func (t *turnstile) serve() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for {
		t.changed.Wait()
		t.visits++
	}
}

// A fixed flag tested once: when it is set the loop is never entered.
func (t *turnstile) passUnlessClosed(closed bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for !closed && !t.open {
		t.changed.Wait()
	}
}
