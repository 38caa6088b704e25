// Package goleak reports goroutines that can never finish: a goroutine that
// blocks forever on a channel its creator has stopped serving, that loops
// forever although a cancellation signal was in reach, or that waits on a
// mutex it holds itself or that a return forgot to unlock.
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
// with the go statement and the return as related positions. A goroutine
// that runs a named function (go producer(ch, n)) is reported at its go
// statement instead, with the send as a related position: the function is
// correct on its own and may live in another package; the creator is what
// abandons it. Every goroutine gets one finding however many channels it
// may block on (the same holds for abandoned-receive): a function
// literal's is at its first blocking operation, with the others as
// related positions, and one fix that unblocks them all. The suggested
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
// A goroutine that announces its own end is finished once the creator has
// heard it: when the one sending goroutine closes (or sends on) a second
// channel only where none of its sends can follow (defer close(done), a
// deferred closure that closes it, or close(done) right before it returns), and nothing else closes or sends on
// it, a receive from it (plain, a select case, or a function of the package
// that returns only after one) leaves nothing unreceived. Not reported:
//
//	done := make(chan struct{})
//	go func() {
//		defer close(done)
//		for v := range src {
//			out <- v
//		}
//	}()
//	for {
//		select {
//		case v := <-out:
//			use(v)
//		case <-done:
//			return                         // the sender has finished
//		}
//	}
//
// A goroutine that a constructor starts is checked at the constructor's
// caller: a watcher whose process loop sends results, created and stopped
// without anyone reading them, leaks.
//
//	w := newWatcher(0, events)             // starts go w.process(events)
//	w.Stop()                               // abandoned-send: w.result is never read
//
// A goroutine that sends on a channel before any other goroutine can hold
// it (the receiver is started only later) blocks at once; the same walk
// as for insufficient-buffer below finds it.
//
//	results := make(chan int)
//	results <- fetch()                     // abandoned-send: nobody can receive yet
//	go consume(results)
//
// A goroutine that sends on a channel in a select that also waits for a
// done channel (case <-ctx.Done(), case <-stop) says that its receiver may
// leave when that channel is closed; a plain send on the same channel
// elsewhere in the goroutine, typically on an error path, then blocks
// forever. Reported at the plain send, with the guarded select as a
// related position; the suggested fix puts the send in a select with the
// same done case. The channel must be made in sight of the go statement
// with a constant buffer: a plain send is reported when some path reaches
// it with at least as many sends before it as the buffer holds beyond the
// fewest sends before the guarded select (a header sent before any guarded
// send, or one plain send that fits the buffer, is fine). When every use
// of the channel is in sight, the receiver must also be able to leave (a
// select with other cases, a range loop with another exit); when the
// receiver is out of sight, the done case must end the goroutine's sends:
// a goroutine that reacts to the signal and then still delivers its
// result (select { case res <- r: return; case <-ctx.Done() }; kill();
// res <- err) expects its receiver to stay, and is not reported.
//
//	go func() {
//		defer close(out)
//		for _, l := range lines {
//			v, err := parse(l)
//			if err != nil {
//				out <- result{err: err}    // abandoned-send
//				return
//			}
//			select {
//			case out <- result{v: v}:
//			case <-ctx.Done():
//				return
//			}
//		}
//	}()
//	return out
//
// # insufficient-buffer
//
// Like abandoned-send, with a constant buffer smaller than the sends left
// unreceived on an early return. Two senders, make(chan error, 1) and a
// return on the first error is fine (one send fits); three is not. Sends
// in a loop that runs a constant number of times (for i := 0; i < K;
// i++, for range K, with no other exit and no loop inside) count K times,
// also inside a called function; a loop whose iterations do not all send
// is not counted.
//
// A send that can run at most once counts once, however many send
// statements or iterations lead to it: sends behind a local bool that is
// tested before them and set after them (a path that has sent skips every
// other send the flag guards, in a loop too), and sends in the function
// that the Do of a sync.Once runs, once for all the goroutines that share
// that Once. The flag must be a local variable of the goroutine that no
// closure captures, or the flag of a helper closure that the goroutine
// calls (report := func(err error) { if !sent { ch <- err; sent = true } }:
// its calls in that goroutine send once between them); one that is never
// set, is cleared again, or is declared anew at each iteration counts every
// send, and so does a Once made anew for each goroutine. A function literal that once.Do runs is
// followed like a call of it, for every rule: a close or send there
// releases the goroutine that waits, and a wait there is a wait.
//
//	answer := make(chan int, 1)            // one slot is enough
//	go func() {
//		sent := false
//		if primary() {
//			answer <- 1
//			sent = true
//		}
//		if !sent {
//			answer <- 2                    // not counted twice
//		}
//	}()
//
//	func emit(out chan int) {
//		for i := 0; i < 8; i++ {
//			out <- i
//		}
//	}
//	ch := make(chan int, 6)                // fix: make(chan int, 8)
//	go func() { defer close(ch); emit(ch) }() // insufficient-buffer
//	for v := range ch {
//		<-ctx.Done()
//		return v                           // 7 sends left for a buffer of 6
//	}
//
// A goroutine also blocks forever when it fills the buffer of a channel
// that no other goroutine holds yet and sends once more: goleak follows
// the goroutine's straight-line code from the make (through calls of
// functions of the package, and a constructor returning the channel in a
// fresh struct) while every use of the channel is in sight, and reports
// the send that finds the buffer full. The walk stops, silently, at any
// branch other than a nil check of the struct, at a select, a close, a
// goroutine that uses the channel, or anything the channel escapes to.
//
//	p := &pump{wake: make(chan struct{}, 1)}
//	p.wake <- struct{}{}
//	p.start()                              // sends on p.wake before it starts the reader
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
// A goroutine that a function of the package stops by calling the cancel
// function kept in a field of its struct and then waiting on a WaitGroup
// field of the same struct (the goroutine calls its Done), while the
// goroutine makes plain sends on a channel field in a loop, is reported at
// the send: the cancel does not reach a plain send, so once the reader
// stops with the buffer full (the usual reason to stop the goroutine) the
// goroutine blocks and the Wait never returns.
//
//	func (p *prefetcher) fill() {
//		defer p.wg.Done()
//		for p.src.Next() {
//			p.buf <- p.src.At()            // abandoned-send
//		}
//	}
//
//	func (p *prefetcher) Close() { p.cancel(); p.wg.Wait() }
//
// Good: select { case p.buf <- v: case <-p.ctx.Done(): return }. Silent
// when the stopping function receives from or closes the channel (it
// drains it), and when a goroutine of the package reads the channel.
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
// A goroutine that ranges over the channel never ends on such a path
// either; the return's related positions include the close it skips. The
// fix is offered only when each close of the function is followed by a
// return or ends its body: a close followed by a wait (close(ch);
// <-done) cannot move to a defer.
//
// The producer may be the one that skips the close: a goroutine that sends
// on a channel made by its creator and closes it at its end, but returns
// early on another path (an error) without closing it, while the creator
// or another goroutine it starts ranges over the channel. Reported at that
// return, naming the range and the skipped close; the suggested fix
// defers the close at the top of the producer when its close is the last
// statement of its body and it defers nothing else. The rule needs
// exactly one goroutine closing the channel, started outside loops, a
// plain range (no select, no other exit from the loop) on a path that
// also starts the producer, and every use of the channel in sight. Paths
// that end in a panic, os.Exit or log.Fatal do not return; a producer
// with a deferred close, or a consumer that also watches a done channel,
// is fine.
//
//	ch := make(chan int)
//	go func() {                            // fix: defer close(ch)
//		for _, it := range items {
//			v, err := parse(it)
//			if err != nil {
//				return                     // abandoned-receive: close(ch) skipped
//			}
//			ch <- v
//		}
//		close(ch)
//	}()
//	for v := range ch {                    // never ends after that return
//		sum += v
//	}
//
// The same holds for a goroutine that waits in a select over receives from
// the channels of one struct (jobs and quit) when the creator returns
// without closing the quit channel (Uber's MethodContractViolation: Start
// without Stop). Closing any other channel of that struct (Close closing
// done while Accept waits on conns or done) counts as releasing it.
//
// The same walk reports a receive from a channel that is still empty and
// that no other goroutine can send on or close: the goroutine waits for
// itself. A goroutine handed the channel that never uses it (neither
// sends, receives nor closes) does not count as a partner.
//
//	done := make(chan bool)
//	go w.loop(done)                        // loop never closes done
//	<-done                                 // abandoned-receive
//
// A context is a channel too: <-ctx.Done() receives from it and calling
// its cancel function closes it. When a same-package constructor keeps a
// context.WithCancel context and its cancel function in two fields of the
// fresh struct it returns, starts a goroutine on the struct that waits on
// ctx.Done(), and the context has no other parent than
// context.Background() or context.TODO() (at the constructor's call), the
// caller must call something that cancels it on every path.
//
//	tx := begin(context.Background())      // go tx.awaitDone(): <-tx.ctx.Done()
//	if err != nil {
//		return err                         // abandoned-receive: tx.cancel never called
//	}
//	tx.Rollback()                          // calls tx.cancel()
//
// The same holds for a method that keeps the cancel function in a field of
// its receiver and hands the context to the goroutine it starts (ctx,
// r.cancel = context.WithCancel(parent); go r.awaitDone(ctx)), called on a
// fresh struct (r := &T{}; r.init(context.Background())), and for a
// constructor that does the same with the fresh struct it returns. A
// goroutine that
// calls the cancel function itself only after its wait does not release
// itself.
//
// A receive from the C field of a timer made by time.AfterFunc blocks
// forever: AfterFunc calls its function when the timer fires and leaves C
// nil. Reported for a plain receive or a select with no other case, on the
// timer value itself (a local that no closure captures).
//
//	t := time.AfterFunc(d, refresh)
//	<-t.C                                  // abandoned-receive: C is nil
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
// A goroutine loops forever, with no path to a return (a range over a
// timer's or ticker's channel counts: the time package never closes it,
// Stop included; a deferred call of the standard library, defer t.Stop(),
// recovers nothing), while the function
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
// # double-lock
//
// A goroutine locks a sync.Mutex or sync.RWMutex that it already holds:
// mutexes are not reentrant, so it waits on itself forever. The second lock
// may be in the same function (a Lock on a path that has not unlocked, or
// on the next iteration of a loop whose continue skipped the unlock) or in
// a function it calls, at any depth and across packages (through a fact,
// LockFact, on the callee). Holding a read lock and read-locking again is
// reported too: it deadlocks as soon as a writer calls Lock in between, and
// sync.RWMutex forbids it. A read lock cannot be upgraded to a write lock.
//
//	func (a *account) withdraw(n int) {
//		a.mu.Lock()
//		defer a.mu.Unlock()
//		if n > a.balance {
//			a.record("overdraft")          // double-lock: record locks a.mu
//		}
//	}
//
// Good: a variant that expects the lock held (recordLocked), or unlock
// before the call.
//
// A function that returns with a mutex held hands its release to the
// object it returns (it := t.Scan() ... it.Close()): a call on that object
// that the analysis cannot follow may be the release, and the mutex is no
// longer taken as held after it, unless the call is of an interface method
// whose name the package's own methods carry and none of them unlocks a
// mutex of that kind (it.Next()).
//
// A function value that unlocks the mutex (mu.Unlock as a method value, a
// literal that calls it) handed out of the function, stored in a field or
// passed to a call, hands over its release too: whoever calls it unlocks,
// so a second Lock after that waits for the call, not for itself (a mutex
// used as a one-shot "ready" signal).
//
// A deferred Lock of a mutex that the function holds on every path at a
// return, with no deferred call that may release it, runs while it is
// held: the function never returns (Unlock was meant; the suggested fix
// defers Unlock, or RUnlock for a read lock held). A deferred Lock after
// an explicit Unlock (release for a slow step, take back for the caller),
// a read lock deferred while a read lock is held, and a deferred unlock
// registered after it (it runs first) are left alone.
//
//	l.mu.Lock()
//	defer l.mu.Lock()                      // double-lock: defer l.mu.Unlock()
//
// A mutex is the same when the code reaches it the same way: the same
// parameter, captured variable, local value or package-level variable, and
// the same fields and array or slice elements. An element index is the
// same when it is the same constant or the same value (s.shards[i].mu
// twice with i unchanged in between); an index computed anew on each
// iteration of a loop is a new mutex each time round, and two different
// constants are two mutexes (s.shards[0].mu and s.shards[1].mu). An index
// read twice from memory (s.mus[s.cur]) may or may not be the same: an
// unlock through one releases the other, and no double lock is reported
// between them. A mutex counts as held only when it is held on every
// path to the second lock, and a callee counts as locking only when it
// locks on every path through it, not under a condition (if lock {
// mu.Lock() }). A helper that returns with the mutex locked (func (a
// *account) lock() { a.mu.Lock() }) leaves it held for its caller.
//
// The L of a condition variable is the mutex it was made on. When every
// condition variable that the package stores in an unexported field is
// made by sync.NewCond on a mutex field of the same struct value
// (c.cond = sync.NewCond(&c.mu)), and nothing assigns its L, then
// c.cond.L.Lock() locks c.mu, and c.cond.L.Unlock() unlocks it; with
// c.mu.RLocker() they read-lock and read-unlock it. Locking c.mu again
// while holding it through L is a double lock (and a read lock taken
// through an RLocker is a read lock).
//
//	c.changed = sync.NewCond(c.mu.RLocker())
//	...
//	c.changed.L.Lock()
//	defer c.changed.L.Unlock()
//	for c.count() < n {                    // double-lock: count read-locks c.mu
//		c.changed.Wait()
//	}
//
// A condition variable made on the mutex of another value, a field that
// holds condition variables made on different mutexes, and an L assigned
// after sync.NewCond are left alone.
//
// A function that calls itself, directly or through other functions of
// the package, while it holds a mutex that it locks on every path, locks
// it again in the recursive call and waits on itself.
//
//	func (t *tree) grow(n int) {
//		t.mu.Lock()
//		defer t.mu.Unlock()
//		if n > 0 {
//			t.grow(n - 1)                  // double-lock: t.mu is held
//		}
//	}
//
// Good: a variant that expects the lock held (growLocked), or unlock
// before recursing. Recursion on another value (for _, c := range
// t.children { c.total() }) locks another mutex and is not reported.
//
// A function that calls itself with its own parameters, unchanged, while
// it holds a mutex that it locked through one of them (or a package-level
// one) starts over with the same values: it takes the same path to the
// same Lock and waits on itself there, even when it does not lock on every
// path (an early return for a nil argument, as in an error list's Add that
// calls Add instead of the inner list's).
//
// # missing-unlock
//
// A return leaves a mutex that the function locked still locked, and the
// function shows that it should not: another of its returns unlocks it and
// the function has no results (its caller cannot tell whether it holds
// the lock) or does not present itself as taking a lock; or this return
// hands back an error (the caller that gets the error does not unlock what
// the failed call took). Every later Lock of the mutex blocks forever. The
// suggested fix unlocks before the return.
//
//	p.mu.Lock()
//	if p.closed {
//		return errClosed                   // missing-unlock
//	}
//	p.mu.Unlock()
//
// Good: defer p.mu.Unlock() right after the lock.
//
// A function presents itself as taking a lock for its caller by its name
// (lock, acquire, hold, grab, enter, begin, take: lockOpen, acquireSlot)
// or by a doc comment that speaks of the lock (lock, held, hold); such a
// function may return holding the mutex on its success path. Lock helpers
// that return holding it on every path without an error are not reported
// either; their callers see them through their summary.
//
// # double-unlock
//
// A mutex is unlocked on a path that has already unlocked it and not
// locked it since: unlocking a sync.Mutex or sync.RWMutex that is not
// locked is a fatal error (sync: unlock of unlocked mutex) that recover
// cannot stop, so the whole program crashes. The second unlock is
// reported when it cannot be avoided once the first has run (every path
// from the first reaches it), or when it is a deferred Unlock registered
// on every path to a return reached with the mutex unlocked.
//
//	c.mu.Lock()
//	defer c.mu.Unlock()
//	if v, ok := c.items[k]; ok {
//		c.mu.Unlock()                      // double-unlock: the deferred Unlock runs too
//		return v
//	}
//
// Good: drop one of the two unlocks. Not reported: a lock in between (by
// the function, or a call that may lock it), an unlock in each of two
// branches, an unlock guarded by a flag that says whether it already ran,
// RUnlock twice after two RLocks, and a second unlock after the goroutine
// waited for another one (a channel operation, a select, a Wait), which
// may have locked the mutex and handed it over.
//
// # lock-order
//
// The package locks two kinds of mutex in both orders, each while holding
// the other: a goroutine that holds A and waits for B and one that holds B
// and waits for A wait for each other forever (an AB-BA deadlock). A kind
// of mutex is a field of a named struct type (wallet.mu) or a
// package-level variable; the second lock may be in a function the first
// one's holder calls, at any depth, when that function locks it on every
// path through it (or returns holding it). Reported at the later of the
// two places, with the other as a related position.
//
//	func (w *wallet) spend(n int) {
//		w.mu.Lock()
//		defer w.mu.Unlock()
//		w.ledger.mu.Lock()                 // wallet.mu, then ledger.mu
//		...
//	}
//
//	func (l *ledger) settle(ws []*wallet) {
//		l.mu.Lock()
//		defer l.mu.Unlock()
//		for _, w := range ws {
//			w.credit(1)                    // lock-order: ledger.mu, then wallet.mu
//		}
//	}
//
// Good: one order everywhere (always wallet.mu before ledger.mu), or
// release the first before taking the second.
//
// The mutex rules follow a call through a function value or an interface
// method when the package alone decides what it calls: every value that
// can reach it comes from one function (or one function literal), or from
// values of one concrete type. Values are followed back through fields
// that only the package can assign (unexported, or any field in package
// main, which nothing imports), such package-level variables and captured
// variables, to every store; through the parameters of a function that is
// only ever called directly (for a method: its type never converted to an
// interface, or every interface call of its name resolved and none
// possible from another package), to every argument; and through the
// results of the package's functions. A hook tested before it is called
// (if s.onFull != nil { s.onFull() }) is taken as installed: the function
// it calls is the only one the package ever installs there.
//
//	type spool struct {
//		mu     sync.Mutex
//		onFull func()                      // set once: func() { t.bump() }
//	}
//
//	func (s *spool) flush() {              // spool.mu, then tally.mu
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		if s.onFull != nil {
//			s.onFull()
//		}
//	}
//
//	func (t *tally) drain() {
//		t.mu.Lock()
//		defer t.mu.Unlock()
//		t.stage.flush()                    // lock-order: the field holds only *spool
//	}
//
// A hook assigned two different functions, an exported field of a package
// others import, an interface field holding values of two types, a map or
// slice element, or a value from another package leave the call unknown.
//
// Two mutexes of the same kind (a node and its parent) are not ordered by
// this rule, nor are two read locks (readers do not wait for each other),
// nor a callee that unlocks the held mutex before it takes the other, nor
// two orders that run under a common third mutex: held at both places, or
// by every caller of the function (a function that unlocks a mutex it did
// not lock runs with it held; a function literal that is only called
// where it is made runs under the mutexes held at those calls). Nor does locking a new object that the
// function allocated and has not yet handed to anyone (stored, passed,
// put in a map) teach an order: no other goroutine can hold it yet, as in
// a cache that locks a new entry under the cache's lock and then
// publishes it. Published first and locked after, the entry counts.
//
// # lock-held-wait
//
// A goroutine sends on or receives from a channel kept in an unexported
// field while it holds a mutex, and every goroutine that could complete the
// operation (the receivers of a send; the senders and closers of a
// receive) holds a mutex of that kind there or locks one on its way to it:
// none of them can get there, so the wait never ends.
//
//	func (b *batcher) stop() {
//		b.mu.Lock()
//		defer b.mu.Unlock()
//		close(b.in)
//		<-b.done                           // lock-held-wait: the goroutine that
//	}                                      // closes done calls b.add, which locks b.mu
//
// Good: release the mutex before waiting.
//
// The mutex may be held by the callers: a function whose every call holds
// a mutex runs under it. That counts when the package alone calls the
// function, directly (unexported, or in package main; not a function or
// method value, not a method whose name an interface call of the package
// uses, not started with go or defer), every call lies on a path the
// analysis follows, and neither the function nor a caller on the way
// unlocks the mutex, or calls a function value or interface method that
// could (a helper handed r.mu.Unlock to call before it sends).
//
//	func (r *registry) notify(name string) {
//		r.changed <- name                  // lock-held-wait: put holds r.mu
//	}
//
//	func (r *registry) put(name string, v int) {
//		r.mu.Lock()
//		defer r.mu.Unlock()
//		r.entries[name] = v
//		r.notify(name)
//	}
//
//	func (r *registry) refresh() {         // the only receiver
//		for {
//			name := <-r.changed
//			r.mu.Lock()                    // before it comes back
//			delete(r.entries, name)
//			r.mu.Unlock()
//		}
//	}
//
// A send on a channel with a constant buffer blocks once the buffer is
// full: senders that hold the mutex fill it while the receiver waits for
// that mutex. Reported when nothing can keep count of what the buffer
// holds: the send runs on every path from the lock (no branch on the way,
// in its function and in each call from the function that locks, which
// could test a flag saying a value is pending), and every receiver
// receives without the mutex and locks it again before it comes back for
// the next value. A receiver that holds the mutex at its receive, or that
// locks it only before its first receive, drains the buffer in step with
// the senders and is not counted.
//
//	func (l *limiter) take(key string) {
//		l.mu.Lock()
//		l.tokens[key]--
//		l.spent <- key                     // lock-held-wait: make(chan string, 8)
//		l.mu.Unlock()
//	}
//
//	func (l *limiter) sweep() {
//		for {
//			select {
//			case <-l.spent:
//			case <-l.ticks:
//				l.mu.Lock()                // the senders hold it, the buffer is full
//				...
//
// Not reported: a send skipped while a flag says a value is pending (if
// !l.pending { l.pending = true; l.kick <- struct{}{} }), in the sender or
// its caller.
//
// The sender may hold the mutex that the receiver needs: a function literal
// sends on an unbuffered channel, holding a mutex, and the function that
// made both the channel and the literal is the only receiver, locking the
// same mutex (itself, or through a callee that locks it on every path)
// after it made the literal and before each receive. If the literal takes
// the mutex first, wherever it runs, its send waits for a receive that
// comes only after a Lock that waits for the literal. The channel must be
// a variable of that function used only by its plain receives and by
// literals that only send on it; the literals may go anywhere.
//
//	var mu sync.Mutex
//	seen := make(chan struct{})
//	b.subscribe(func() {
//		mu.Lock()
//		defer mu.Unlock()
//		seen <- struct{}{}                 // lock-held-wait
//	})
//	go b.publish()
//	mu.Lock()
//	mu.Unlock()
//	<-seen
//
// Not reported: a literal that unlocks before it sends, a buffered
// channel, a receive before the Lock or a Lock on only some paths to it, a
// Lock before the literal is made, another mutex, two read locks, and a
// channel handed anywhere else.
//
// The same holds for a WaitGroup and for a channel the function made. A
// wg.Wait() made while holding a mutex never returns when a goroutine that
// the function started before it (with a go statement, or wg.Go), counted
// by that WaitGroup, must lock the mutex before its Done: on every path to
// each of its Done calls, or to its returns for a deferred Done, itself or
// through a callee that locks it on every path, in this package or
// another (through its LockFact). The goroutine must be handed the
// WaitGroup and the mutex (as arguments or captured values) and use the
// WaitGroup only to call Done. A plain receive from a channel that the
// function made and hands only to goroutines it starts, which only send
// on it or close it, never returns when every one of them must lock the
// mutex first.
//
//	var wg sync.WaitGroup
//	p.mu.Lock()
//	defer p.mu.Unlock()
//	for _, j := range jobs {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			p.record(j)                    // locks p.mu
//		}()
//	}
//	wg.Wait()                              // lock-held-wait
//
// Not reported: a goroutine that locks only after its Done or send, only
// on some paths, or with TryLock; a mutex of another value of the same
// type (q.mu while p.mu is held); two read locks; a WaitGroup or channel
// handed anywhere else.
//
// A receive that finds a value waiting does not wait. When a bool field
// of the struct says that the buffered channel beside it holds a value,
// and the package keeps it so, a receive that is the first thing done
// where that field is found true, with the mutex held, is not reported:
// every store of true to the field is next to a send on the channel
// through the same struct value, in one critical section of the mutex;
// every receive from the channel clears the field right after, in its
// critical section; every channel put in the field has a constant buffer
// of at least one; and nothing else sets the field but to false, takes its
// address or assigns the struct as a whole.
//
//	func (m *mailbox) put(v int) {
//		m.mu.Lock()
//		m.slot <- v                        // make(chan int, 1)
//		m.ready = true
//		m.mu.Unlock()
//	}
//
//	func (m *mailbox) take() (int, bool) {
//		m.mu.Lock()
//		defer m.mu.Unlock()
//		if m.ready {
//			v := <-m.slot                  // not reported: the value is there
//			m.ready = false
//			return v, true
//		}
//		return 0, false
//	}
//
// An unbuffered channel, a flag set without a send or outside the
// critical section, or a receive elsewhere that leaves the flag set keeps
// the report.
//
// A receive from a closed channel does not wait either. When the field is
// a latch that says the channel is closed, the guarded receive is not
// reported, whatever the buffer: the field is only ever set true, each
// time with the mutex held and next to a close of the channel through the
// same struct value (no call between), or on a path where the field was
// already found true; the field and the channel are otherwise set only
// while the struct is being built (the field to false).
//
//	func (w *want) cancel() {
//		w.mu.Lock()
//		if w.done {
//			<-w.result                     // not reported: closed
//		} else {
//			close(w.result)
//		}
//		w.done = true
//		w.mu.Unlock()
//	}
//
// A flag set true without the close, a close after the unlock, or a new
// channel put in the field keeps the report.
//
// A send that only a receiver past its locking can be waiting for does not
// wait on the mutex: the busy-flag handshake. A bool field of the struct
// (or a sync/atomic or go.uber.org/atomic Bool, by value or pointer)
// says the receiver is busy with the last value. When every send on the
// unbuffered channel comes where that flag of the same struct value was
// found false, after setting it true, with the mutex write-held from the
// test to the send and nothing between them that calls, waits or sends;
// when every receive is a plain receive in a function only ever started
// as a goroutine, which clears the flag only after a receive (a plain
// bool with the mutex held) and, from its start and from each clear up to
// its next receive, locks no mutex of that kind, makes no other channel
// operation and does not return; and when nothing else sets the flag,
// takes its address or assigns the struct as a whole: then the flag is
// false only while every receiver is on its way to the receive with
// nothing of that kind left to lock, so the send is not reported.
//
//	func (s *store) add(v int) {
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		if !s.busy.Load() && len(s.items) > 100 {
//			s.busy.Store(true)
//			s.queue <- len(s.items)        // not reported
//		}
//		s.items = append(s.items, v)
//	}
//
//	func (s *store) loop() {               // go s.loop()
//		for n := range s.queue {
//			s.flush(n)                     // locks s.mu
//			s.busy.Store(false)            // after the work that locks
//		}
//	}
//
// A flag cleared before the locking work or by another function, a send
// that does not set it, a test made without the mutex, or a receiver that
// locks before its first receive keeps the report.
//
// # Channels in unexported fields
//
// The channel of an unexported field of a struct type is within reach of
// the package alone, as long as its value goes nowhere but into channel
// operations (not stored elsewhere or copied with the struct; an
// unexported getter that returns it, called directly and never through an
// interface, hands it to its callers' operations, and so does a function
// of the package that gets it as an argument of a call or go statement,
// go probe(t, t.stop), through its parameter). When the package never
// receives from such a channel, made
// unbuffered, a plain send on it blocks forever (abandoned-send); when it
// never sends on it nor closes it, a plain receive blocks forever
// (abandoned-receive). These two and lock-held-wait see every operation of
// the package on the field, wherever it is.
//
// When the only receiver of such an unbuffered channel is the loop of one
// function, which returns when another case of its select is taken (a
// stop channel, ctx.Done()) without receiving from the channel again, a
// plain send on it blocks forever once the loop has left, and goleak
// reports it (abandoned-send) when the package shows that nothing orders
// the send before that: the send is made by a goroutine that only go
// statements start, on a struct it did not make, and nothing it does
// after the send (no send, select, close, defer, call of this package,
// sync or context, or of a function value) could let the loop know; or
// the loop's function closes a done channel and another function sends to
// the loop in a select that also waits on that done channel, saying that
// a sender may come after the loop has left.
//
//	func (m *meter) serve() {
//		defer close(m.done)
//		for {
//			select {
//			case reply := <-m.queries:
//				reply <- m.total
//			case <-m.halt:
//				return
//			}
//		}
//	}
//
//	func (m *meter) Read() int {
//		reply := make(chan int, 1)
//		m.queries <- reply                 // abandoned-send: serve may have returned
//		return <-reply
//	}
//
//	func (m *meter) Stop() {
//		select {
//		case m.halt <- struct{}{}:
//		case <-m.done:                     // Stop knows it
//		}
//	}
//
// Good: select { case m.queries <- reply: case <-m.done: return 0 }. Not
// reported: a buffered channel, receivers in more than one function, a
// loop that drains the channel on its way out, a sender that is also
// called directly, joined by a WaitGroup, or that closes or signals
// something after its send, and a plain send from an ordinary method when
// nothing in the package guards another send by the loop's done channel.
//
// # unsignalled-wait
//
// A goroutine calls Wait on a sync.Cond kept in an unexported field (as a
// value, or a pointer from sync.NewCond) that nothing in the package ever
// signals or broadcasts: Wait returns only after a Signal or Broadcast, so
// it waits forever. As for channels in unexported fields, the condition
// variable must go nowhere but into Wait, Signal, Broadcast and its L.
//
//	func (p *plugin) waitLoaded() {
//		p.ready.L.Lock()
//		for !p.loaded {
//			p.ready.Wait()                 // unsignalled-wait
//		}
//		p.ready.L.Unlock()
//	}
//
// Good: Broadcast where loaded becomes true.
//
// The same category covers a WaitGroup that the package counts up and
// never down: Wait on a WaitGroup kept in an unexported field (not
// embedded) or a local variable, when the package calls Add on it with a
// positive constant but never Done, Go or an Add whose count may be
// negative, blocks forever once an Add has run. The WaitGroup must go
// nowhere but into its own methods (a local one, in the closures that
// capture it too): a helper handed &wg may call Done. A Done that the
// source has but that only follows a call that never returns (a serving
// loop that ends only by panicking) never runs either; the message then
// names that Done.
//
//	func (u *uploader) enqueue(name string) {
//		u.inflight.Add(1)                  // no Done anywhere
//		u.queue = append(u.queue, name)
//	}
//
//	func (u *uploader) flush() {
//		u.inflight.Wait()                  // unsignalled-wait
//	}
//
// And a Wait inside a loop that can never end: the loop has a way out,
// and every way out is a branch on a value fixed before the loop (a
// constant, a parameter, a local set before the loop and never in it, or
// an expression of those), tested on every iteration before the Wait. A
// Signal or Broadcast wakes the goroutine only for it to test the same
// value and wait again.
//
//	open := t.open                         // a copy, read once
//	for !open {
//		t.changed.Wait()                   // unsignalled-wait
//	}
//
// Good: for !t.open { t.changed.Wait() }, which reads the field each time
// round. A loop without any way out (for { c.Wait(); serve() }) says that
// it runs forever and is not reported, nor is a loop with another way out
// that reads fresh state (if t.open { return } after the Wait).
//
// # premature-wait
//
// WaitGroup.Wait is called on every iteration of the loop that starts the
// goroutines which a WaitGroup.Add before the loop counted, by len of what
// it ranges over: the first Wait waits for all of them while only one has
// been started, so it blocks forever as soon as there are two.
//
//	wg.Add(len(plugins))
//	for _, p := range plugins {
//		go func(p *plugin) { defer wg.Done(); p.init() }(p)
//		wg.Wait()                          // premature-wait
//	}
//
// Good: wg.Wait() after the loop.
//
// The same category covers a goroutine that can return without its Done:
// a function literal that captures the WaitGroup only to call Done, not
// deferred, has a path to a return with no Done (paths that panic do not
// count), and its creator waits on the same WaitGroup. A goroutine that
// calls Done inside its own loop counts work items, one Done each
// (wg.Add(len(jobs))), not goroutines, and is not reported. The finding is at
// that return; the suggested fix defers Done at the top of the literal.
//
//	go func() {
//		if err := step(); err != nil {
//			return                         // premature-wait: Done skipped
//		}
//		wg.Done()
//	}()
//	wg.Wait()
//
// # workers-quit-early
//
// A producer feeds workers over a channel, the workers leave their range
// loop on an error (a return, or a break followed by a return), and the
// producer blocks on its next plain send: nobody receives any more. With
// errgroup the producer is one of the group's goroutines, so g.Wait never
// returns either. Reported at the producer's send, with the worker's
// early return as a related position.
//
//	g, gctx := errgroup.WithContext(ctx)
//	jobs := make(chan job)
//	g.Go(func() error {
//		defer close(jobs)
//		for _, j := range all {
//			jobs <- j                      // workers-quit-early
//		}
//		return nil
//	})
//	for range n {
//		g.Go(func() error {
//			for j := range jobs {
//				if err := do(gctx, j); err != nil {
//					return err             // the worker quits; jobs stays open
//				}
//			}
//			return nil
//		})
//	}
//	return g.Wait()
//
// Good: `select { case jobs <- j: case <-gctx.Done(): return gctx.Err() }`:
// the first error cancels the group's context. A select on the parent's
// ctx.Done() is reported too (a worker's error does not cancel the parent:
// the producer and g.Wait wait until the caller gives up), unless every
// worker quits only on a branch that tests a context.
//
// The same holds for workers started with go statements (or
// WaitGroup.Go) and a WaitGroup, with the producer another goroutine or
// the function itself, once it has started a worker. The rule applies
// when every goroutine that receives from the channel is such a worker
// (it does nothing else with the channel) and the producer or the
// function closes the channel. It is silent when a worker can only leave
// its loop when the channel is closed (it continues after an error or
// only records it), when a worker that quits receives again on its way
// out (for range jobs {} drains the channel), when the producer's send is
// in a select on anything else (a done channel, the group's context),
// when the buffer is not a constant or the buffer plus one job per worker
// (for a constant number of workers) holds every send, when the function
// queues every job before it starts the workers, when a worker leaves on
// a test of something fixed before it started (a parameter or captured
// flag: if once { break }, a planned lifetime the creator accounts for,
// not a failure), and when the channel goes anywhere else.
//
// # stop-sent-once
//
// A channel field that the package uses as a stop signal (every receive
// from it is followed by leaving: the function returns, or its loop ends,
// without waiting on the channel again) is waited on by several
// functions, one of them a goroutine the package starts, and the package
// signals it by sending one value. A send wakes one receiver; the others
// keep waiting for a value that never comes, and so does what they guard.
//
//	func (s *stream) Start() {
//		go func() {
//			for {
//				select {
//				case <-s.done:
//					return
//				case u := <-s.ch:
//					s.inner.Send(u)
//				}
//			}
//		}()
//	}
//
//	func (s *stream) Send(u *update) error {
//		select {
//		case <-s.done:              // never wakes once the loop took the value
//			return errStopped
//		case s.ch <- u:             // nobody receives: Send blocks forever
//			return nil
//		}
//	}
//
//	func (s *stream) Stop() { s.done <- struct{}{} } // stop-sent-once
//
// Fix: close(s.done) (suggested when the value sent has no effects),
// guarded by a sync.Once when Stop may run twice. Silent when the package
// sends on the channel more than once or in a loop (one value per
// receiver), when anything closes it, when some receive does not leave
// (a loop that goes on waiting), when the waiters are all in one function
// or all run in one goroutine (a helper that only the goroutine calls),
// when none runs as a goroutine, and when the channel goes anywhere else.
//
// # What goleak deliberately ignores
//
// It stays silent when the channel escapes (stored in a field, a global, a
// map or slice, converted to an interface, returned, sent on a channel,
// passed to a function value, an interface method or a function without a
// fact, or assigned again); when the goroutine is joined (it calls
// WaitGroup.Done; errgroup.Go is not a go statement, but for
// workers-quit-early); when a deferred
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
// main.main, or outside the loops of an unexported function that main or
// init calls, directly or through others, only outside loops (func run()
// error, which main calls once: what it leaves behind goes with the
// process), and, for uncancellable-loop, in init or in such a function;
// for loops that receive only at some of their iterations and can end;
// for range loops that also end on an error or a break; for receive loops that end because
// their condition fails (taken to receive every send); and for goroutines
// started and received in the same loop iteration over a channel made
// outside the loop. A receive from a channel made in its own operand,
// <-make(chan struct{}), names no channel anything could send on: it is
// the idiom for blocking forever, like select {}, and is not reported.
//
// For mutexes it ignores locks reached through an interface (sync.Locker,
// a Cond's L other than the one described under double-lock), a map, or more than one index that is not a constant; mutexes a function try-locks;
// callees that lock only on some of their paths; mutexes handed to a
// function value or interface method, which may unlock them; a goroutine
// the function starts that may unlock them; values made anew on each
// iteration of a loop (locking every element of a slice in turn); and
// functions with a deferred call it cannot see into, for missing-unlock.
//
// For contexts it stays silent when the parent context may be cancelled
// by someone else (a ctx parameter of the caller), for contexts with a
// deadline (WithTimeout, WithDeadline), when the goroutine also watches
// another channel or may cancel the context itself before it waits, when
// the struct holding the cancel function is not a fresh local one (a
// parameter, a field), and when it is handed anywhere the analysis cannot
// follow.
//
// Suppress a finding with //nolint:goleak or //nolint:goleak/<rule>.
//
// # Disabling rules
//
// The flag -goleak.disable=RULE[,RULE] drops every finding of the rules it
// names, in every driver: standalone (o11ylint -goleak.disable=RULE ./...),
// under go vet (go vet -vettool=$(which o11ylint) -goleak.disable=RULE ./...,
// which passes the flag on and caches on it), in golangci-lint (the
// setting disable: [RULE, ...]) and in Bazel nogo (the analyzer flag). An
// unknown rule name is an error listing the valid ones.
package goleak
