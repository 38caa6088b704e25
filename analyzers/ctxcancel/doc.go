// Package ctxcancel defines an Analyzer that reports lost contexts and
// misused cancel functions.
//
// # Analyzer ctxcancel
//
// ctxcancel: report lost contexts and misused cancel functions
//
// It is a superset of go vet's lostcancel (every lostcancel finding is a
// cancel-not-called finding here) and is tuned to be quieter than
// contextcheck and fatcontext. Findings can be silenced per rule with
// //nolint:ctxcancel/<rule> or //lint:ignore ctxcancel <reason>.
// Nil contexts and WithValue key types are left to staticcheck SA1012 and
// SA1029, which the suite runs.
//
// # cancel-not-called
//
// The cancel function of context.WithCancel, WithTimeout, WithDeadline,
// their *Cause forms, signal.NotifyContext, or of a function that returns
// such a pair (a wrapper; known across packages through a fact) is
// discarded, overwritten before it is called, or not called on some path
// to a return. The context, and the timer of a timeout, then live until the
// parent is done.
//
//	ctx, cancel := context.WithTimeout(ctx, d) // reported: not called on the error path
//	if err != nil {
//		return err
//	}
//	defer cancel()
//
// Fix: defer cancel() right after the call.
//
//	ctx, cancel := context.WithTimeout(ctx, d)
//	defer cancel()
//
// As in lostcancel, any reference to the cancel variable hands it off and
// counts as a use: a call or defer, passing it to a callee or to
// time.AfterFunc, storing it in a field, global, map or slice, returning
// it, or mentioning it in a function literal (a goroutine that calls it).
// Paths in main.main are not checked (returning ends the process). A
// wrapper that also returns an error or an ok bool is only checked for a
// discarded cancel, because its cancel is usually nil on the failure path
// (ctx, cancel, ok := withRequestTimeout(r); if !ok { return }).
//
// A function literal that only sits in a local variable runs when the
// variable is used, so there the use of the variable is the use of the
// cancel: a call or defer of it, handing it to a callee (context.AfterFunc,
// t.Cleanup, any function), storing, returning or capturing it in another
// literal. A path that never uses the variable leaves the cancel uncalled
// (_ = cleanup does not count):
//
//	ctx, cancel := context.WithTimeout(ctx, d) // reported: cleanup never runs on success
//	cleanup := func() { cancel() }
//	if err := step(ctx); err != nil {
//		cleanup()
//		return err
//	}
//	return nil
//
// Fix: defer cancel() (or defer cleanup()) right after the declaration.
// A literal declared before the call that creates the cancel (a deferred
// cleanup that sees the later value) still hands it off, as does one that
// assigns the cancel.
//
// A cancel kept in a field of a struct value declared in the function is
// handed off only when that value leaves the function. It leaves when it
// is returned, passed or stored as a whole, when its address is taken, in
// a method value, in a call of a method that may reach the cancel field
// (any method but one of this package whose receiver only reads or
// writes other fields), or when a function literal refers to it other
// than through such fields; then nothing is reported.
//
//	w := worker{}
//	w.ctx, w.cancel = context.WithCancel(ctx) // reported
//	w.run() // run only reads w.ctx
//	return
//
// Fix: defer w.cancel() right after the assignment. A pointer (w :=
// &worker{}) and a struct that leaves the function before the assignment
// are not followed.
//
// A function literal that assigns a context and cancel of the function
// around it replaces them each time it runs. When a call statement of the
// variable that holds it can be followed, on some path, by another such
// call (or an assignment of the cancel) with no reference to the cancel in
// between, each run drops the cancel of the run before:
//
//	var cancel context.CancelFunc
//	refresh := func() {
//		ctx, cancel = context.WithCancel(parent) // reported
//	}
//	for range tick {
//		refresh()
//		use(ctx)
//	}
//
// Fix: call the previous cancel before creating a new context, if cancel
// != nil { cancel() } at the top of the literal. Not reported: a literal
// that refers to the cancel in any other way (calls it, stores it), one
// whose assignment is conditional or follows a return, runs that are not
// call statements (sync.Once.Do(refresh), go refresh(), a handler that
// calls it once per request), a literal variable that is assigned again,
// and a cancel whose address is taken or that a literal other than this
// one or a deferred one mentions.
//
// Paths follow boolean flags: a path on which a flag is known true (set
// after the WithCancel) does not take the branch of if !flag, and one on
// which it is known false does not take the branch of if flag. A state
// flag that is true from the WithCancel until cancel() runs therefore
// guards a reassignment, and a return, on its own:
//
//	if !running {
//		jobCtx, cancel = context.WithCancel(ctx) // not reported
//		running = true
//		go work(jobCtx)
//	}
//	...
//	if running {
//		cancel()
//		running = false
//	}
//
// The flag is a local bool whose address is not taken and that no function
// literal assigns, or a bool field of a variable the function does not
// reassign, which nothing else in the package sets to anything but true
// (another method that clears it without the cancel makes the guard
// worthless, and the overwrite is reported). A local variable tested
// against nil is such a flag too, true while it holds a value: the
// context itself, set by the WithCancel and set to nil right after
// cancel(), with a new one made only under if ctx == nil (or after if
// ctx != nil { continue }). A check of the cancel itself,
// if cancel != nil { cancel() } before the reassignment, is a use as
// before. A cancel stored in a field (s.ctx, s.cancel =
// context.WithCancel(...)) is handed off and not followed at all, except
// in a local struct value (above).
//
// One reference is not a use on every path: a cancel that only a deferred
// function literal calls, each call under a test that the function's named
// error result is not nil, is not called by a return that gives nil.
//
//	ctx, cancel := context.WithTimeout(ctx, d) // reported
//	defer func() {
//		if err != nil {
//			cancel()
//		}
//	}()
//	...
//	return nil
//
// When a context of the chain escapes (returned, stored, given to a
// goroutine or another function literal), the success hands it on with its
// work, and nothing is reported.
//
// # defer-in-loop
//
// defer cancel() in the body of a loop that creates the context: deferred
// calls run only when the function returns, so every iteration's context
// and timer stay alive until then.
//
//	for _, item := range items {
//		ctx, cancel := context.WithTimeout(ctx, d)
//		defer cancel() // reported
//		process(ctx, item)
//	}
//
// Fix: call cancel() at the end of each iteration, or move the body into
// a function (a function literal called per iteration is not reported).
// Not reported either when the statements after the defer leave the loop
// (return, break, panic): the defer then runs once.
//
// The cost grows with the number of iterations, so only loops whose count
// depends on the data are reported: a range over a channel, a parameter or
// a collection built at run time, for {} and for cond, a bound that is not
// a constant. Not reported, in tests as elsewhere: loops that run a
// constant number of times (for i := 0; i < 2; i++, for range 3, a count
// held in a local variable set once from a constant, a range
// over an array or over a literal table of cases that is never changed,
// also one chosen among literals: if tcp { nets = []string{"tcp"} } else
// { nets = []string{"udp", "tcp"} }, or an unexported package-level table
// declared with a literal that the package never assigns),
// a defer in a select case that runs at most once (the channel of a
// one-shot timer made before the loop, time.After or an unreset
// time.NewTimer), and a body that calls cancel() itself after the defer
// (each iteration that ends normally releases its context; the defer only
// covers the early exits).
//
// # cancelled-on-return
//
// A function derives ctx, defers its cancel, and then returns ctx (or a
// context derived from it), or starts a goroutine that works with it and
// returns without waiting. The caller or the goroutine receives a context
// that is cancelled the moment the function returns. This includes a ctx
// and deferred cancel created inside a deferred function literal.
//
//	ctx, cancel := context.WithTimeout(ctx, d)
//	defer cancel()
//	go send(ctx, msg) // reported: cancelled as soon as we return
//
// Fix: return the cancel to the caller instead of deferring it; wait for
// the goroutine; or give it context.WithoutCancel(ctx) with its own
// timeout. Not reported: goroutines that only watch ctx (ctx.Done,
// ctx.Err: they are meant to stop with it); goroutines that only read
// values from ctx (ctx.Value, or callees that only do, such as a trace id
// copied onto a context of their own): its cancellation changes nothing
// there; goroutines after which the
// function may still be running: a channel receive or send, a select, a
// loop, a deferred Wait, or any call that may block (every call except
// builtins, conversions, fmt, errors, strconv, strings, bytes, log, slog,
// encoding/json, time, sync/atomic and the reply side of net/http); a go
// statement inside a for loop; and context.WithoutCancel(ctx).
//
// The same holds for a value that stays tied to ctx after the call that
// made it, returned while the cancel is deferred: an *http.Response of a
// request made with ctx (reading its Body fails with context canceled),
// *sql.Rows of QueryContext (closed early), an *sql.Tx of BeginTx (rolled
// back), an *exec.Cmd of CommandContext (killed), or the request itself.
//
//	ctx, cancel := context.WithTimeout(ctx, d)
//	defer cancel()
//	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
//	resp, err := client.Do(req)
//	...
//	return resp, nil // reported: the caller's read of resp.Body fails
//
// Fix: read (and close) the body before returning, or return the cancel
// for the caller to call when done with the value. Not reported when the
// function is done with the value on that path (it reads the response's
// Body, iterates or closes the rows, commits or rolls back the
// transaction, runs or waits for the command) or hands it to a call, and
// for values made with a context that outlives the function (net.Conn
// from DialContext is not tied to its context once connected).
//
// # request-ctx-escapes
//
// An HTTP handler (func(http.ResponseWriter, *http.Request), including
// ServeHTTP) starts a goroutine that works with r.Context() or a context
// derived from it, and returns without waiting for it. net/http cancels
// the request context when the handler returns.
//
//	go audit(r.Context(), event) // reported
//	w.WriteHeader(http.StatusAccepted)
//
// Fix: go audit(context.WithoutCancel(r.Context()), event), with its own
// timeout; suggested for `go f(args)` when the file imports context. The
// same exemptions as cancelled-on-return apply: a handler that keeps
// working (a call that may block, a loop, a receive) after starting the
// goroutine is not reported.
//
// # lost-context
//
// A function that has a context in reach (a named context.Context
// parameter, not blank and not declared unused by a leading underscore as
// in _ctx, or r.Context() in an HTTP handler and in the RoundTrip method
// of an http.RoundTripper, which serves the request under its context)
// passes context.Background()
// or context.TODO() to a callee, uses it as the parent of a derivation, or
// starts a goroutine with it. The callee ignores the caller's
// cancellation, deadline and trace values.
//
//	func (s *Store) Get(ctx context.Context, k string) (V, error) {
//		return s.db.Query(context.Background(), k) // reported
//	}
//
// A function literal that runs inside its maker's call has the maker's
// ctx in reach too: one called where it is written, or given to a function
// that only calls it while it runs (a retry helper; known across packages
// through a syncCaller fact: every use of the parameter is a call of it,
// a nil test, or passing it on to such a function).
//
//	return retry(func() error {
//		return s.db.Ping(context.Background()) // reported: ctx is in reach
//	}, 5)
//
// A literal that is kept for later, started as a goroutine, or given to a
// run shared among callers (sync.Once, singleflight) is not: it may run
// after ctx is done, or for callers other than this one.
//
// Fix (suggested when exactly one context is in reach): pass ctx, or
// context.WithoutCancel(ctx) for work that must outlive it. A request
// copied with context.Background() (r.Clone, r.WithContext) is cut loose
// on purpose, so the fix suggested there is context.WithoutCancel(ctx): it
// keeps the detachment and restores the values. Deliberately
// not reported: functions with no context in reach (main, init, tests,
// helpers without a ctx parameter), function literals that only capture a
// ctx (callbacks stored or run for later may outlive it), code in a defer
// statement (a graceful shutdown with a fresh timeout must outlive the
// cancelled ctx), code after the function observed ctx's cancellation
// (ctx.Done, ctx.Err, context.Cause), calls of a function that the function
// also calls with a root context after that observation (a periodic flush
// beside the final flush on shutdown: the same work, meant to outlive ctx),
// a root context stored in a field or
// composite literal or a derivation returned (an object with its own
// lifetime: s.ctx, s.cancel = context.WithCancel(context.Background()),
// or local variables whose context and cancel both end up in the object's
// fields),
// a root context assigned to a variable, code that runs only when the ctx
// in reach is nil (if ctx == nil { ... }: there is nothing to pass), calls
// that also take the ctx in
// reach (values copied on purpose), a root-derived context later given to a
// call together with the ctx in reach (mergeValues(fresh, ctx): the values
// carried over by hand), context.WithoutCancel, a root call
// with a comment about the context's lifetime on its line or above the
// paragraph of lines it belongs to (a documented decision; a log line may
// sit between; the comment speaks of the context, its cancellation or
// deadline, the caller or request, a shutdown or work that must finish:
// "connect to the backend" says what the lines do, not how long they may
// run, and does not count), and a
// call that derives a context and returns no error whose context result is
// discarded (_, span := tracer.Start(context.Background(), ...): nothing
// runs under the root context; only the span's parent changes); a
// root-derived context whose cancel the function ties back to the ctx in
// reach by hand (context.AfterFunc(ctx, cancel), or cancel() after
// <-ctx.Done(): a staged shutdown that lets in-flight work finish); a
// root-derived context that the function then gives, with
// context.WithValue, a value read from the ctx in reach (it detaches from
// the caller's cancellation on purpose and carries over by hand what it
// wants, a trace id for a call that must run to its own deadline); and a
// ctx parameter of an unexported function that every caller, and nothing
// else, gives context.Background() or context.TODO(), directly or through
// an unchanged ctx parameter of its own that is a root the same way
// (passing it on changes nothing), and the same for the ctx parameter of a
// function literal called or started where it is written with such a
// root (go func(ctx context.Context) { ... }(context.Background())); a
// root context given to a callee that only reads values (a tracer's
// Start) in a function that links spans across traces
// (trace.LinkFromContext in trace.WithLinks or AddLink,
// opentracing.FollowsFrom): a new trace, linked to the caller's on
// purpose; and a root context given to a function of the package that
// ends the process (os.Exit, not under a condition or in a loop, in its
// body, in a goroutine or deferred literal it starts, or in a function it
// calls that way): the shutdown must finish whatever becomes of the
// request that asked for it. A function that exits only on an error is
// not one.
//
// Nor is a function reported whose doc comment, or the doc comment of its
// method's receiver type, states that its work is detached from the
// caller on purpose: that it must not be canceled when the caller's
// context is, is detached from the request (or the caller's) context,
// outlives the request or the caller, or runs independently of the
// caller's context or cancellation. The wordings are a small table
// (detachPhrases), matched without regard to case, line breaks or the
// spelling cancelled; a negated one ("must not outlive the request") and a
// comment that only mentions the context do not count.
//
//	// flushAudit writes the record. It must not be canceled when the
//	// caller's context is.
//	func flushAudit(ctx context.Context, rec string) {
//		c, cancel := context.WithTimeout(context.Background(), time.Second) // not reported
//
// Where the detachment is intended, context.WithoutCancel(ctx) states it in
// the code and keeps the caller's values; the messages about lost
// cancellation offer it.
//
// The message states what is really lost. When the callee only reads
// values from its context (a logger or the current span: slog's *Context
// methods, Tracer.Start, trace.SpanFromContext, OpenTelemetry instruments'
// Add and Record, and any function, in this package or another, whose
// context parameter is only read with Value or handed to such callees),
// the loss is log and trace correlation, not cancellation, and the message
// says so.
//
// # growing-chain
//
// Inside a loop, a context variable declared outside the loop is replaced
// by a derivation of itself: ctx = context.WithValue(ctx, k, v) or ctx,
// cancel = context.WithTimeout(ctx, d). Each iteration wraps the previous
// one, so the chain, and every Value lookup and cancellation through it,
// grows without bound.
//
//	for ev := range events {
//		ctx = context.WithValue(ctx, traceKey{}, ev.ID) // reported
//		handle(ctx, ev)
//	}
//
// Fix: derive a new variable per iteration from the loop-invariant parent,
// c := context.WithValue(ctx, traceKey{}, ev.ID). Not reported: a new
// variable per iteration, a loop-invariant parent, a loop that resets the
// variable, a WithValue whose key changes per iteration (one value per
// key is the intended result), and an assignment after which every path
// leaves the loop (a return, panic or break of the loop follows it, in its
// block or a block around it, with no continue before): it runs at most
// once per run of the loop, as when a dispatch loop derives the context for
// the handler it picks and returns.
//
// # ctx-after-wait
//
// The context of errgroup.WithContext is cancelled when the group's Wait
// returns. A call given that context (or one derived from it) on a path
// after Wait gets a context that is already done, and its work fails or
// stops at once.
//
//	g, gctx := errgroup.WithContext(ctx)
//	for _, s := range shards {
//		g.Go(func() error { return fetch(gctx, s) })
//	}
//	if err := g.Wait(); err != nil {
//		return err
//	}
//	return merge(gctx, shards) // reported: gctx is cancelled by Wait
//
// Fix: pass the group's parent (ctx) to work that follows Wait. Not
// reported: calls that only read the context's values (a logger, a span),
// uses inside function literals, and paths on which the group or its
// context is assigned anew (a group per loop iteration).
//
// # Disabling rules
//
// The flag -ctxcancel.disable=RULE[,RULE] drops every finding of the rules it
// names, in every driver: standalone (o11ylint -ctxcancel.disable=RULE ./...),
// under go vet (go vet -vettool=$(which o11ylint) -ctxcancel.disable=RULE ./...,
// which passes the flag on and caches on it), in golangci-lint (the
// setting disable: [RULE, ...]) and in Bazel nogo (the analyzer flag). An
// unknown rule name is an error listing the valid ones.
package ctxcancel
