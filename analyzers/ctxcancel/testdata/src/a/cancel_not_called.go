package a

import (
	"context"
	"os"
	"os/signal"
	"time"

	"fixtures/wrap"
)

var errFail = os.ErrInvalid

// Positives.

func discarded(ctx context.Context) {
	ctx, _ = context.WithTimeout(ctx, time.Second) // want `the cancel function returned by context.WithTimeout is discarded`
	use(ctx)
}

func discardedAll(ctx context.Context) {
	context.WithCancel(ctx) // want `the context and cancel function returned by context.WithCancel are discarded`
}

func notOnErrorPath(ctx context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(ctx) // want `cancel from context.WithCancel is not called on the path to the return at line 28`
	if fail {
		return errFail
	}
	defer cancel()
	use(ctx)
	return nil
}

func neverCalled(ctx context.Context) {
	ctx, cancel := context.WithDeadline(ctx, time.Now()) // want `cancel from context.WithDeadline is not called on the path to the end of the function`
	use(ctx)
	_ = 1
	if false {
		cancel()
	}
}

func notifyContext(ctx context.Context) {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt) // want `stop from signal.NotifyContext is not called on the path to the end of the function`
	if ctx == nil {
		stop()
	}
}

func causeVariant(ctx context.Context) {
	_, _ = context.WithCancelCause(ctx) // want `the cancel function returned by context.WithCancelCause is discarded`
}

func overwritten(ctx context.Context) {
	c1, cancel := context.WithTimeout(ctx, time.Second) // want `cancel from context.WithTimeout is overwritten at line 58 before it is called`
	use(c1)
	c2, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	use(c2)
}

func fromWrapper(ctx context.Context) {
	ctx, cancel := wrap.WithShortTimeout(ctx) // want `cancel from wrap.WithShortTimeout is not called on the path`
	if ctx == nil {
		cancel()
	}
}

func fromWrapperDiscarded(ctx context.Context) {
	_, ctx = wrap.Twice(ctx) // want `the cancel function returned by wrap.Twice is discarded`
	use(ctx)
}

func fromLocalWrapper(ctx context.Context) {
	ctx, stop := localWrapper(ctx) // want `stop from a.localWrapper is not called on the path`
	if ctx == nil {
		stop()
	}
}

func localWrapper(ctx context.Context) (context.Context, context.CancelFunc) { // want localWrapper:"cancelPair"
	c, cancel := context.WithCancel(ctx)
	return c, cancel
}

// Negatives: every way of handing the cancel off.

func deferred(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	use(ctx)
}

func returned(ctx context.Context) (context.Context, context.CancelFunc) { // want returned:"cancelPair"
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	return ctx, cancel
}

type holder struct {
	cancel context.CancelFunc
	ctx    context.Context
	all    []context.CancelFunc
	byName map[string]context.CancelFunc
}

func (h *holder) storedInField(ctx context.Context) {
	h.ctx, h.cancel = context.WithCancel(ctx)
}

func (h *holder) storedLater(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	h.cancel = cancel
	use(ctx)
}

func (h *holder) appended(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	h.all = append(h.all, cancel)
	h.byName["x"] = cancel
	use(ctx)
}

var globalCancel context.CancelFunc

func storedInGlobal(ctx context.Context) {
	ctx, globalCancel = context.WithCancel(ctx)
	use(ctx)
}

func passedToCallee(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	register(cancel)
	use(ctx)
}

func afterFunc(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(time.Second, cancel)
	use(ctx)
}

func calledInGoroutine(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		defer cancel()
		use(ctx)
	}()
}

func calledOnEveryPath(ctx context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(ctx)
	if fail {
		cancel()
		return errFail
	}
	use(ctx)
	cancel()
	return nil
}

func wrapperWithErr(ctx context.Context) error {
	ctx, cancel, err := wrap.Checked(ctx, true)
	if err != nil {
		return err // cancel is nil here: not reported
	}
	defer cancel()
	use(ctx)
	return nil
}

func notAWrapper() {
	ctx, f := wrap.NoOp()
	use(ctx)
	_ = f
}

func namedNakedReturn(parent context.Context) (ctx context.Context, cancel context.CancelFunc) { // want namedNakedReturn:"cancelPair"
	ctx, cancel = context.WithCancel(parent)
	return
}

func exits(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	use(ctx)
	os.Exit(1)
	cancel()
}

func perIteration(ctx context.Context, n int) {
	for range n {
		c, cancel := context.WithTimeout(ctx, time.Second)
		use(c)
		cancel()
	}
}

func use(context.Context)         {}
func register(context.CancelFunc) {}

type job struct {
	ctx    context.Context
	cancel func()
}

func inCompositeLiteral(ctx context.Context) job {
	ctx, cancel := context.WithCancel(ctx)
	return job{ctx: ctx, cancel: cancel}
}

var rootCtx context.Context
var rootCancel context.CancelFunc

func init() {
	rootCtx, rootCancel = context.WithCancel(context.Background())
}

func deferredSliceOfCancels(ctx context.Context) {
	var defers []func()
	defer func() {
		for _, f := range defers {
			f()
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defers = append(defers, cancel)
	use(ctx)
}

func closureDeclaredFirst(ctx context.Context, d time.Duration) {
	var cancel context.CancelFunc
	defer func() {
		if cancel != nil {
			cancel()
		}
	}()
	if d > 0 {
		ctx, cancel = context.WithTimeout(ctx, d)
	}
	use(ctx)
}
