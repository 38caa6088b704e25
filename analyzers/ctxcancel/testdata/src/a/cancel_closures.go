package a

import (
	"context"
	"sync"
	"testing"
	"time"
)

// cancel-not-called through a function literal held in a variable: the
// literal calls cancel only when it runs.

// Positives.

func closureNeverRun(ctx context.Context, d time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, d) // want `cancel from context.WithTimeout is not called on the path to the end of the function \(line 20\): the function literal release \(line 17\) that refers to it is not called, deferred or handed off on that path`
	release := func() { cancel() }
	_ = release
	use(ctx)
}

func closureOnlyOnFailure(ctx context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(ctx) // want `cancel from context.WithCancel is not called on the path to the return at line 30: the function literal release \(line 24\)`
	release := func() { cancel() }
	if fail {
		release()
		return errFail
	}
	use(ctx)
	return nil
}

// Negatives: the literal runs, or is handed on, on every path.

func closureDeferred(ctx context.Context, d time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, d)
	release := func() { cancel() }
	defer release()
	use(ctx)
}

func closureOnEveryPath(ctx context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(ctx)
	release := func() { cancel() }
	if fail {
		release()
		return errFail
	}
	use(ctx)
	release()
	return nil
}

func closurePassed(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	release := func() { cancel() }
	register(release)
	use(ctx)
}

func (h *holder) closureStored(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	release := func() { cancel() }
	h.cancel = release
	use(ctx)
}

func closureReturned(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	release := func() { cancel() }
	return ctx, release
}

func closureAfterFunc(parent context.Context) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	release := func() { cancel() }
	context.AfterFunc(parent, release)
	use(ctx)
}

func closureTestCleanup(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	release := func() { cancel() }
	t.Cleanup(release)
	use(ctx)
}

func closureInLoop(ctx context.Context, items <-chan bool) {
	ctx, cancel := context.WithCancel(ctx)
	release := func() { cancel() }
	for last := range items {
		if last {
			release()
			return
		}
		use(ctx)
	}
	release()
}

func closureInDeferredLiteral(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	release := func() { cancel() }
	defer func() { release() }()
	use(ctx)
}

func closureReassigned(ctx context.Context, verbose bool) {
	ctx, cancel := context.WithCancel(ctx)
	release := func() { cancel() }
	if verbose {
		release = func() { println("released"); cancel() }
	}
	defer release()
	use(ctx)
}

func closureDeclaredBefore(ctx context.Context, d time.Duration) {
	var cancel context.CancelFunc
	release := func() {
		if cancel != nil {
			cancel()
		}
	}
	defer release()
	ctx, cancel = context.WithTimeout(ctx, d)
	use(ctx)
}

// cancel-not-called for a cancel kept in a field of a local struct value
// that never leaves the function.

type worker struct {
	ctx    context.Context
	cancel context.CancelFunc
	name   string
}

// run only reads ctx and name: it cannot reach cancel.
func (w *worker) run() { use(w.ctx); println(w.name) }

// stop calls cancel.
func (w *worker) stop() { w.cancel() }

// enroll lets the worker leave through its receiver.
func (w *worker) enroll() { workers = append(workers, w) }

var (
	workers      []*worker
	workerByName = map[string]worker{}
	lastWorker   worker
)

// Positives.

func localWorker(ctx context.Context) {
	w := worker{name: "local"}
	w.ctx, w.cancel = context.WithCancel(ctx) // want `w.cancel from context.WithCancel is not called on the path to the end of the function \(line 160\), and w does not leave the function to be cancelled elsewhere`
	w.run()
}

func localWorkerRestarted(ctx context.Context) {
	var w worker
	w.ctx, w.cancel = context.WithTimeout(ctx, time.Second) // want `w.cancel from context.WithTimeout is overwritten at line 166 before it is called`
	w.run()
	w.ctx, w.cancel = context.WithTimeout(ctx, time.Minute)
	defer w.cancel()
	w.run()
}

// Negatives: the cancel is called, or the worker leaves.

func localWorkerDeferred(ctx context.Context) {
	w := worker{}
	w.ctx, w.cancel = context.WithCancel(ctx)
	defer w.cancel()
	w.run()
}

func localWorkerStopped(ctx context.Context) {
	w := worker{}
	w.ctx, w.cancel = context.WithCancel(ctx)
	w.run()
	w.stop()
}

func localWorkerReturned(ctx context.Context) worker {
	w := worker{}
	w.ctx, w.cancel = context.WithCancel(ctx)
	return w
}

func localWorkerStored(ctx context.Context, name string) {
	var w worker
	w.ctx, w.cancel = context.WithCancel(ctx)
	workerByName[name] = w
	lastWorker = w
}

func localWorkerAddressPassed(ctx context.Context) {
	var w worker
	w.ctx, w.cancel = context.WithCancel(ctx)
	track(&w)
}

func localWorkerEnrolled(ctx context.Context) {
	var w worker
	w.ctx, w.cancel = context.WithCancel(ctx)
	w.enroll()
}

func localWorkerMethodValue(ctx context.Context) {
	var w worker
	w.ctx, w.cancel = context.WithCancel(ctx)
	register(w.stop)
	w.run()
}

func localWorkerInGoroutine(ctx context.Context) {
	var w worker
	w.ctx, w.cancel = context.WithCancel(ctx)
	go func() {
		defer w.cancel()
		w.run()
	}()
}

func localWorkerPointer(ctx context.Context) {
	w := &worker{}
	w.ctx, w.cancel = context.WithCancel(ctx)
	w.run()
}

func track(*worker) {}

// cancel-not-called for a function literal that replaces a captured
// context and cancel each time it runs.

// Positives.

func refreshInLoop(parent context.Context, tick <-chan time.Time) {
	var ctx context.Context
	var cancel context.CancelFunc
	refresh := func() {
		ctx, cancel = context.WithCancel(parent) // want `cancel from context.WithCancel is overwritten when refresh runs again \(line 248\) before it is called, so each earlier context \(and its timer\) leaks until the parent is done: call cancel\(\) before creating a new context`
	}
	for range tick {
		refresh()
		use(ctx)
	}
	if cancel != nil {
		cancel()
	}
}

func refreshFromTicker(parent context.Context, t *time.Ticker, done <-chan struct{}) {
	var ctx context.Context
	var cancel context.CancelFunc
	defer func() {
		if cancel != nil {
			cancel()
		}
	}()
	reset := func() {
		ctx, cancel = context.WithTimeout(parent, time.Minute) // want `cancel from context.WithTimeout is overwritten when reset runs again`
		use(ctx)
	}
	go func() {
		for range t.C {
			reset()
		}
	}()
	<-done
}

// Negatives.

func refreshCancelsPrevious(parent context.Context, tick <-chan time.Time) {
	var ctx context.Context
	var cancel context.CancelFunc
	refresh := func() {
		if cancel != nil {
			cancel()
		}
		ctx, cancel = context.WithCancel(parent)
	}
	for range tick {
		refresh()
		use(ctx)
	}
}

func refreshCallerCancels(parent context.Context, tick <-chan time.Time) {
	var ctx context.Context
	var cancel context.CancelFunc
	refresh := func() { ctx, cancel = context.WithCancel(parent) }
	for range tick {
		refresh()
		use(ctx)
		cancel()
	}
}

func refreshRunsOnce(parent context.Context) {
	var ctx context.Context
	var cancel context.CancelFunc
	refresh := func() { ctx, cancel = context.WithCancel(parent) }
	refresh()
	defer cancel()
	use(ctx)
}

func refreshThroughOnce(parent context.Context, tick <-chan time.Time) {
	var once sync.Once
	var ctx context.Context
	var cancel context.CancelFunc
	refresh := func() { ctx, cancel = context.WithCancel(parent) }
	for range tick {
		once.Do(refresh)
		use(ctx)
	}
	if cancel != nil {
		cancel()
	}
}

func refreshKeepsEvery(parent context.Context, tick <-chan time.Time) {
	var ctx context.Context
	var cancel context.CancelFunc
	var all []context.CancelFunc
	refresh := func() {
		ctx, cancel = context.WithCancel(parent)
		all = append(all, cancel)
	}
	for range tick {
		refresh()
		use(ctx)
	}
	for _, f := range all {
		f()
	}
}

func refreshLazily(parent context.Context, tick <-chan time.Time) {
	var ctx context.Context
	var cancel context.CancelFunc
	ensure := func() {
		if ctx == nil {
			ctx, cancel = context.WithCancel(parent)
		}
	}
	for range tick {
		ensure()
		use(ctx)
	}
	if cancel != nil {
		cancel()
	}
}

func refreshUntilFirst(parent context.Context, tick <-chan bool) {
	var ctx context.Context
	var cancel context.CancelFunc
	refresh := func() { ctx, cancel = context.WithCancel(parent) }
	for ready := range tick {
		if ready {
			refresh()
			break
		}
	}
	if cancel != nil {
		defer cancel()
	}
	use(ctx)
}

func refreshHandsOn(parent context.Context, tick <-chan time.Time) {
	var ctx context.Context
	var cancel context.CancelFunc
	refresh := func() { ctx, cancel = context.WithCancel(parent) }
	for range tick {
		refresh()
		register(cancel)
		use(ctx)
	}
}
