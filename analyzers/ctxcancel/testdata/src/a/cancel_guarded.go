package a

import (
	"context"
	"time"
)

// cancel-not-called on a cancel variable that a flag guards: the flag is
// true from the WithCancel until the cancel runs, so the reassignment
// under "not running" never drops an uncalled cancel.

type toggle int

const (
	toggleOn toggle = iota
	toggleOff
)

// Negatives.

// pumpWithLocalFlag restarts a job on request; live says whether cancel
// holds one that has not been cancelled.
func pumpWithLocalFlag(ctx context.Context, reqs <-chan toggle) {
	var cancel context.CancelFunc
	live := false
	for r := range reqs {
		switch r {
		case toggleOn:
			if !live {
				var jobCtx context.Context
				jobCtx, cancel = context.WithCancel(ctx)
				live = true
				go use(jobCtx)
			}
		case toggleOff:
			if live {
				cancel()
				live = false
			}
		}
	}
	if live {
		cancel()
	}
}

// retryWithFlag cancels through a nil check on the way out, so only the
// reassignment under !armed is at stake; armed is false only after cancel.
func retryWithFlag(ctx context.Context, kicks <-chan struct{}, done <-chan struct{}) {
	var cancel context.CancelFunc
	armed := false
	for {
		select {
		case <-kicks:
			if armed {
				cancel()
				armed = false
				continue
			}
			var attemptCtx context.Context
			attemptCtx, cancel = context.WithTimeout(ctx, time.Second)
			armed = true
			go use(attemptCtx)
		case <-done:
			if cancel != nil {
				cancel()
			}
			return
		}
	}
}

type pump struct {
	reqs   chan toggle
	active bool // set only by loop, and true by markActive
}

// loop keeps the flag in a field of its receiver; nothing else in the
// package sets it false.
func (p *pump) loop(ctx context.Context) {
	var stop context.CancelFunc
	for r := range p.reqs {
		if r == toggleOn && !p.active {
			var jobCtx context.Context
			jobCtx, stop = context.WithTimeout(ctx, time.Minute)
			p.active = true
			go use(jobCtx)
			continue
		}
		if r == toggleOff && p.active {
			stop()
			p.active = false
		}
	}
	if p.active {
		stop()
	}
}

// markActive only ever sets the flag true, which keeps it meaning what
// loop relies on.
func (p *pump) markActive() { p.active = true }

// nilCheckedBefore calls the previous cancel, when there is one, right
// before the reassignment.
func nilCheckedBefore(ctx context.Context, rounds <-chan int) {
	var cancel context.CancelFunc
	for range rounds {
		if cancel != nil {
			cancel()
		}
		var roundCtx context.Context
		roundCtx, cancel = context.WithCancel(ctx)
		use(roundCtx)
	}
	if cancel != nil {
		cancel()
	}
}

type jobSession struct {
	ctx     context.Context
	cancel  context.CancelFunc
	started bool
}

// start and stop keep the cancel function in a field, under a field flag
// that stop clears after cancelling: a cancel stored in a field is handed
// off and never reported.
func (s *jobSession) start(parent context.Context) {
	if !s.started {
		s.ctx, s.cancel = context.WithCancel(parent)
		s.started = true
	}
}

func (s *jobSession) stop() {
	if s.started {
		s.cancel()
		s.started = false
	}
}

// Positives.

// pumpUnguarded reassigns cancel on every toggleOn, also while the last
// job is still running.
func pumpUnguarded(ctx context.Context, reqs <-chan toggle) {
	var cancel context.CancelFunc
	live := false
	for r := range reqs {
		switch r {
		case toggleOn:
			var jobCtx context.Context
			jobCtx, cancel = context.WithCancel(ctx) // want `cancel from context.WithCancel is overwritten at line 155 before it is called`
			live = true
			go use(jobCtx)
		case toggleOff:
			if live {
				cancel()
				live = false
			}
		}
	}
	if live {
		cancel()
	}
}

// pumpClearedWithoutCancel clears the flag on a reset without calling
// cancel, so the next toggleOn overwrites a live cancel.
func pumpClearedWithoutCancel(ctx context.Context, reqs <-chan toggle, reset <-chan struct{}) {
	var cancel context.CancelFunc
	live := false
	for {
		select {
		case r := <-reqs:
			if r == toggleOn && !live {
				var jobCtx context.Context
				jobCtx, cancel = context.WithCancel(ctx) // want `cancel from context.WithCancel is overwritten at line 180 before it is called`
				live = true
				go use(jobCtx)
			} else if r == toggleOff && live {
				cancel()
				live = false
			}
		case <-reset:
			live = false
		case <-ctx.Done():
			if cancel != nil {
				cancel()
			}
			return
		}
	}
}

type leakyPump struct {
	reqs   chan toggle
	active bool
}

// loop relies on the field flag, but reset, another method, clears it
// without cancelling the job that loop started.
func (p *leakyPump) loop(ctx context.Context) {
	var stop context.CancelFunc
	for r := range p.reqs {
		if r == toggleOn && !p.active {
			var jobCtx context.Context
			jobCtx, stop = context.WithCancel(ctx) // want `stop from context.WithCancel is overwritten at line 210 before it is called`
			p.active = true
			go use(jobCtx)
			continue
		}
		if r == toggleOff && p.active {
			stop()
			p.active = false
		}
	}
	if stop != nil {
		stop()
	}
}

func (p *leakyPump) reset() { p.active = false }

// flagSetButReturnUnguarded follows the flag correctly in the loop but
// returns without cancelling the last job.
func flagSetButReturnUnguarded(ctx context.Context, reqs <-chan toggle) {
	var cancel context.CancelFunc
	live := false
	for r := range reqs {
		if r == toggleOn && !live {
			var jobCtx context.Context
			jobCtx, cancel = context.WithCancel(ctx) // want `cancel from context.WithCancel is not called on the path to the end of the function`
			live = true
			go use(jobCtx)
		}
		if r == toggleOff && live {
			cancel()
			live = false
		}
	}
}

// The job's context itself is the flag: it is set with the cancel and
// set back to nil right after the cancel runs, and a new job starts only
// while it is nil.
func pumpWithNilFlag(ctx context.Context, cmds <-chan string, jobs chan<- context.Context) {
	var jobCtx context.Context
	var cancel context.CancelFunc
	for {
		switch <-cmds {
		case "start":
			if jobCtx != nil {
				continue
			}
			jobCtx, cancel = context.WithCancel(ctx)
			jobs <- jobCtx
		case "stop":
			if jobCtx == nil {
				continue
			}
			cancel()
			jobCtx = nil
		case "exit":
			if cancel != nil {
				cancel()
			}
			return
		}
	}
}

// Positive: "stop" forgets the context without cancelling it, so the
// next "start" overwrites a cancel that never ran.
func pumpWithNilFlagLeak(ctx context.Context, cmds <-chan string, jobs chan<- context.Context) {
	var jobCtx context.Context
	var cancel context.CancelFunc
	for {
		switch <-cmds {
		case "start":
			if jobCtx != nil {
				continue
			}
			jobCtx, cancel = context.WithCancel(ctx) // want `cancel from context.WithCancel is overwritten at line \d+ before it is called`
			jobs <- jobCtx
		case "stop":
			jobCtx = nil
		case "exit":
			if cancel != nil {
				cancel()
			}
			return
		}
	}
}
