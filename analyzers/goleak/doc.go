// Package goleak reports goroutines that can never finish: a goroutine that
// blocks forever on a channel its creator has stopped serving, or that loops
// forever although a cancellation signal was in reach.
//
// # Analyzer goleak
//
// goleak: report goroutines that can never finish
//
// The analysis runs on SSA, one function (the creator) at a time. For every
// channel the creator makes with make(chan T, N), kept in a local variable
// or in a field of a local struct value (w := worker{quit: make(...)}), it
// collects what the creator and the goroutines it starts do with the
// channel: sends, receives, range loops, selects, close, calls. A call of a
// same-package function or method that starts the goroutine (w.Start())
// counts as starting it. A channel that a same-package constructor makes
// and returns in a field of a fresh struct (return &T{c: make(chan int)}),
// and puts nowhere else, counts as made at the constructor's call; a
// goroutine that such a constructor starts on the struct on every path
// (w := &T{...}; go w.run(); return w) counts as started at that call, and
// a buffer size that is a constructor parameter (make(chan T, size)) is the
// caller's argument when that is a constant. It follows the creator's
// control flow to every return and counts the goroutine operations still
// waiting for a partner there. A goroutine started as `go f(ch)` with a
// named function f, and a call f(ch) on the creator's side, are understood
// through f's body in the same package or through a fact on f (ChanFact)
// for other packages; without one the analysis stays silent.
//
// # abandoned-send
//
// A goroutine sends on a channel made by its creator, and some return path
// of the creator leaves the send without a receiver: a select that takes
// ctx.Done, a timer or a quit channel, an early return, an early return
// inside a receive loop, one receive for N senders. Reported at the send,
// with the go statement and the return as related positions. The suggested
// fix gives the channel a buffer for every sender when that number is a
// constant or len(x) of the slice the go statements range over.
//
//	ch := make(chan int)                   // fix: make(chan int, 1)
//	go func() { ch <- fetch() }()          // abandoned-send
//	select {
//	case v := <-ch:
//		return v, nil
//	case <-ctx.Done():
//		return 0, ctx.Err()                // returns without receiving
//	}
//
// Good: make(chan int, 1), or a send inside a select that also watches
// ctx.Done().
//
// A goroutine that a constructor starts is checked at the constructor's
// caller: a watcher whose process loop sends results, created and stopped
// without anyone reading them, leaks.
//
//	w := newWatcher(0, events)             // starts go w.process(events)
//	w.Stop()                               // abandoned-send: w.result is never read
//
// # insufficient-buffer
//
// Like abandoned-send, with a constant buffer smaller than the sends left
// unreceived on an early return. Two senders, make(chan error, 1) and a
// return on the first error is fine (one send fits); three is not.
//
//	errc := make(chan error, 1)            // fix: make(chan error, 2)
//	go func() { errc <- a() }()
//	go func() { errc <- b() }()
//	go func() { errc <- c() }()            // insufficient-buffer
//	for i := 0; i < 3; i++ {
//		if err := <-errc; err != nil {
//			return err
//		}
//	}
//
// # abandoned-receive
//
// A goroutine waits on a channel that some return path of its creator
// leaves without a send or a close, typically the error path before
// close(done). The suggested fix is `defer close(done)` right after make
// (not offered when the goroutine receives in a loop without looking at
// ok: closing the channel would make it spin).
//
//	done := make(chan struct{})
//	go func() { <-done; cleanup() }()      // abandoned-receive
//	if err != nil {
//		return err                         // done is never closed here
//	}
//	close(done)
//
// The same holds for a goroutine that waits in a select over receives from
// the channels of one struct (jobs and quit) when the creator returns
// without closing the quit channel (Uber's MethodContractViolation: Start
// without Stop). Closing any other channel of that struct (Close closing
// done while Accept waits on conns or done) counts as releasing it.
//
// # never-closed-range
//
// A goroutine ranges over a channel that its creator never closes: the
// loop never ends. Fix: close the channel after the last send (defer
// close(ch)).
//
//	ch := make(chan int)
//	go func() { for v := range ch { use(v) } }() // never-closed-range
//	for _, v := range items {
//		ch <- v
//	}
//
// # uncancellable-loop
//
// A goroutine loops forever, with no path to a return, while the function
// that starts it has a cancellation signal in reach (a context.Context
// parameter or captured context, r.Context() of an HTTP request, a
// receivable chan struct{} parameter) and the goroutine is not given it,
// or, for `go f(ctx)` with f in another package, f ignores it.
//
//	func Start(ctx context.Context) {
//		go func() {
//			for {                          // uncancellable-loop
//				poll()
//				time.Sleep(time.Second)
//			}
//		}()
//	}
//
// Good: `select { case <-ctx.Done(): return; case <-ticker.C: poll() }`.
//
// # What goleak deliberately ignores
//
// It stays silent when the channel escapes (stored in a field, a global, a
// map or slice, converted to an interface, returned, sent on a channel,
// passed to a function value, an interface method or a function without a
// fact, or assigned again); when the goroutine is joined (it calls
// WaitGroup.Done; errgroup.Go is not a go statement); when a deferred
// call uses the channel; for sends and receives inside a select that has
// other cases or a default; when the goroutines both send and receive on
// the channel, or another goroutine receives in a select or closes it;
// when the senders cannot be counted against a non-zero buffer or the
// buffer is not a constant; when the goroutine runs only under a condition
// that the function tests again (if async { go ... } ... if async { <-ch });
// for functions with a deferred call that may recover a panic (a
// function value, an interface method, or a function calling recover;
// deferred unlocks and closes are fine); for constructors that start their
// goroutine only on some paths or hand the struct to anything else;
// for paths that end in os.Exit, log.Fatal, t.Fatal, t.Error (a failed
// test) or any call of testify's require package; for goroutines started in
// main.main, and, for uncancellable-loop, in init; for range loops that
// also end on an error or a break; for receive loops that end because
// their condition fails (taken to receive every send); and for goroutines
// started and received in the same loop iteration over a channel made
// outside the loop.
//
// Suppress a finding with //nolint:goleak or //nolint:goleak/<rule>.
package goleak
