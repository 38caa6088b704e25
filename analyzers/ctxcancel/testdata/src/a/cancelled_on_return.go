package a

import (
	"context"
	"sync"
	"time"
)

func returnsDeadContext(ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return ctx // want `ctx is returned but cancel is deferred \(line 11\), so the caller receives a context that is already cancelled`
}

type key struct{}

func returnsDerivedDeadContext(parent context.Context) (context.Context, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	return context.WithValue(ctx, key{}, 1), nil // want `ctx is returned but cancel is deferred`
}

type session struct {
	ctx context.Context
	id  string
}

func newSession(ctx context.Context) *session {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	return &session{ctx: ctx, id: "s"} // want `ctx is returned but cancel is deferred`
}

func fireAndForget(ctx context.Context, msg string) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	go send(ctx, msg) // want `the goroutine works with ctx but the function returns without waiting for it and cancel is deferred \(line 36\)`
}

func fireAndForgetLiteral(ctx context.Context, msg string) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	go func() { // want `the goroutine works with ctx`
		send(ctx, msg)
	}()
}

func inDeferredFunc() {
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		go send(ctx, "bye") // want `the goroutine works with ctx`
	}()
}

// Negatives.

func returnsCancelToo(ctx context.Context) (context.Context, context.CancelFunc) { // want returnsCancelToo:"cancelPair"
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	return ctx, cancel
}

func returnsDetached(ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return context.WithoutCancel(ctx)
}

func watcher(ctx context.Context, done func()) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		<-ctx.Done() // stops when the function returns: intended
		done()
	}()
	return nil
}

func joinedWaitGroup(ctx context.Context, msgs []string) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for _, m := range msgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(ctx, m)
		}()
	}
	wg.Wait()
}

func joinedChannel(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- sendErr(ctx, "x") }()
	return <-errc
}

func keepsWorking(ctx context.Context, conn string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go send(ctx, conn) // the writer stops when the reader below ends
	readLoop(ctx, conn)
}

func send(context.Context, string)          {}
func sendErr(context.Context, string) error { return nil }
func readLoop(context.Context, string)      {}

type runner struct{}

// run's keepalive goroutine is meant to stop when run returns: the function
// blocks in serve first.
func (s *runner) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.keepalive(ctx)
	return s.serve()
}

func (s *runner) keepalive(context.Context) {}
func (s *runner) serve() error              { return nil }

func conditionalDefer(ctx context.Context, short bool) context.Context {
	if short {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		use(c)
	}
	return ctx
}

func deferInOtherBranch(parent context.Context, wait bool) context.Context {
	ctx, cancel := context.WithCancel(parent)
	if wait {
		defer cancel()
		return parent
	}
	register(cancel)
	return ctx // the cancel is deferred only on the other branch
}

// A deferred literal that cancels only when the function fails: on
// success the context goes on living in the goroutine it was given to.
func startOrFail(dial func() error) (err error) { // want startOrFail:`syncCaller\[0\]`
	ctx, cancel := context.WithCancel(context.Background())
	defer func() {
		if err != nil {
			cancel()
		}
	}()
	if err = dial(); err != nil {
		return err
	}
	go readLoop(ctx, "conn")
	return nil
}

// A deferred literal that cancels on every path still kills it.
func startAndLog(logf func(string)) { // want startAndLog:`syncCaller\[0\]`
	ctx, cancel := context.WithCancel(context.Background())
	defer func() {
		logf("done")
		cancel()
	}()
	go readLoop(ctx, "conn") // want `the goroutine works with ctx but the function returns without waiting for it and cancel is deferred`
}

// The released goroutine only reads a trace id from ctx for its own
// request, which runs under a context of its own: ctx's cancellation
// changes nothing there.
func releaseAbandoned(ctx context.Context, grants <-chan string) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	go func() {
		for g := range grants {
			releaseTraced(ctx, g)
		}
	}()
	go releaseTraced(ctx, "last")
}

func releaseTraced(ctx context.Context, grant string) { // want releaseTraced:"ctxReader\\[0\\]"
	tc, _ := ctx.Value(key{}).(string)
	_ = grant + tc
}
