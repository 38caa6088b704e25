package a

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/sync/errgroup"
)

type store struct{ ctx context.Context }

func (s *store) get(ctx context.Context, k string) {
	query(context.Background(), k) // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

func (s *store) getWithTimeout(ctx context.Context, k string) {
	c, cancel := context.WithTimeout(context.TODO(), time.Second) // want `context.TODO\(\) is the parent of context.WithTimeout although ctx is in reach`
	defer cancel()
	query(c, k)
}

func (s *store) startWorker(ctx context.Context) {
	go query(context.Background(), "w") // want `context.Background\(\) is given to the goroutine a.query`
}

func lostInHandler(w http.ResponseWriter, r *http.Request) {
	query(context.Background(), r.URL.Path) // want `although r.Context\(\) is in reach`
}

// A request copied with a root context is cut loose from the caller on
// purpose (a shared cache fill must not stop when one client goes away):
// the fix keeps that and restores the values, WithoutCancel. context.TODO
// is a decision not taken yet: the fix passes the context in reach.
func (s *store) fillCache(w http.ResponseWriter, r *http.Request) {
	inner := r.Clone(context.Background()) // want `context.Background\(\) is passed to Request.Clone although r.Context\(\) is in reach, so its deadline and values are lost: to outlive the caller and keep its values pass context.WithoutCancel\(r.Context\(\)\) \(or r.Context\(\) to stay cancellable\)`
	_ = inner
}

func forward(ctx context.Context, r *http.Request) *http.Request {
	return r.WithContext(context.TODO()) // want `context.TODO\(\) is passed to Request.WithContext although ctx is in reach, so its cancellation, deadline and values are lost: pass ctx`
}

func twoContexts(ctx, other context.Context) {
	query(context.Background(), "") // want `contexts are in reach \(ctx, other\)`
}

// Negatives.

func noCtxInReach(k string) {
	query(context.Background(), k)
}

func shutdownInDefer(ctx context.Context, srv *http.Server) {
	defer func() {
		c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(c)
	}()
	defer srv.Shutdown(context.Background())
	query(ctx, "")
}

func afterCancellation(ctx context.Context, srv *http.Server) {
	<-ctx.Done()
	c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(c)
}

func detached(ctx context.Context) {
	go query(context.WithoutCancel(ctx), "x")
}

func documented(ctx context.Context) {
	// The flush must finish even if the caller gives up.
	query(context.Background(), "flush")
}

// The comment explains the paragraph it heads: a log line may sit between
// it and the call.
func documentedParagraph(ctx context.Context, log func(string)) { // want documentedParagraph:`syncCaller\[1\]`
	// The flush must finish even if the caller gives up.
	log("flushing")
	query(context.Background(), "flush")
}

// A comment that says what the lines do, not how long they may run, is no
// decision about their context.
func describedOnly(ctx context.Context, log func(string)) { // want describedOnly:`syncCaller\[1\]`
	// Write the flush record to the store.
	log("flushing")
	query(context.Background(), "flush") // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

// A comment above an earlier paragraph explains that one, not the call.
func undocumentedParagraph(ctx context.Context, log func(string)) { // want undocumentedParagraph:`syncCaller\[1\]`
	// Say what happens.
	log("flushing")

	query(context.Background(), "flush") // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

func (s *store) ownLifetime(ctx context.Context) *store {
	s.ctx, _ = context.WithCancel(context.Background()) // want `discarded`
	return &store{ctx: context.Background()}
}

func capturedOnly(ctx context.Context) func() {
	return func() { query(context.Background(), "later") }
}

func blankCtx(_ context.Context) {
	query(context.Background(), "")
}

func copiesValues(ctx context.Context) { // want copiesValues:`ctxReader\[0\]`
	detached := context.WithValue(context.Background(), key{}, ctx.Value(key{}))
	query(detached, "")
}

func (s *store) returnsLost(ctx context.Context) error {
	return queryErr(context.Background()) // want `context.Background\(\) is passed to a.queryErr although ctx is in reach`
}

func withErrgroup(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { query(gctx, ""); return nil })
	return g.Wait()
}

func query(context.Context, string)  {}
func queryErr(context.Context) error { return nil }

func suppressed(ctx context.Context) {
	query(context.Background(), "x") //nolint:ctxcancel/lost-context // fire and forget by design
}

func otherRuleSuppressed(ctx context.Context) {
	query(context.TODO(), "x") //nolint:ctxcancel/growing-chain // want `context.TODO\(\) is passed to a.query`
}

// Every caller of rebuild gives it a root context: its ctx is one, and
// passing it on instead changes nothing.
func rebuild(ctx context.Context, k string) {
	query(context.Background(), k)
}

func startRebuilds() {
	rebuild(context.Background(), "a")
	go rebuild(context.TODO(), "b")
}

// One caller passes a real context: rebuildSome loses it.
func rebuildSome(ctx context.Context, k string) {
	query(context.Background(), k) // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

func callsRebuildSome(ctx context.Context) {
	rebuildSome(context.Background(), "a") // want `context.Background\(\) is passed to a.rebuildSome although ctx is in reach`
	rebuildSome(ctx, "b")
}

// The root reaches refreshAll through its caller's ctx parameter, which
// every caller of that caller fills with a root context: refreshAll's ctx is
// a root context too.
func refreshAll(ctx context.Context, k string) {
	query(context.Background(), k)
}

func refreshBatch(ctx context.Context, keys []string) {
	for _, k := range keys {
		go refreshAll(ctx, k)
	}
}

func startRefresh() {
	refreshBatch(context.TODO(), nil)
}

// The chain starts at an exported function, which any caller may give a
// live context: refreshOne loses it.
func refreshOne(ctx context.Context, k string) {
	query(context.Background(), k) // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

func RefreshEntry(ctx context.Context, k string) {
	refreshOne(ctx, k)
}

// The caller's ctx is replaced before it is passed on: what refreshLate
// gets is not known to be a root.
func refreshLate(ctx context.Context, k string) {
	query(context.Background(), k) // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

func refreshReplaced(ctx context.Context, k string) {
	ctx = context.WithValue(ctx, key{}, k)
	refreshLate(ctx, k)
}

func startReplaced() {
	refreshReplaced(context.Background(), "a")
}

// Used as a value, rebuildLater may be called with anything.
func rebuildLater(ctx context.Context, k string) {
	query(context.Background(), k) // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

func schedulesRebuild() func(context.Context, string) {
	rebuildLater(context.Background(), "a")
	return rebuildLater
}

// A staged shutdown: the work runs under its own context so that in-flight
// requests finish, and the function cancels it by hand once ctx is done.
func (s *store) serveStaged(ctx context.Context) {
	work, cancel := context.WithCancel(context.Background())
	go func() {
		<-ctx.Done()
		query(work, "drain")
		cancel()
	}()
	query(work, "serve")
}

func (s *store) serveAfterFunc(ctx context.Context) {
	work, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	query(work, "serve")
}

// The cancel runs, but not in reaction to ctx: the link is missing.
func (s *store) serveUnlinked(ctx context.Context) {
	work, cancel := context.WithCancel(context.Background()) // want `context.Background\(\) is the parent of context.WithCancel although ctx is in reach`
	defer cancel()
	query(work, "serve")
}

func taggedUnlinked(ctx context.Context, id string) {
	query(context.WithValue(context.Background(), key{}, id), "tagged") // want `context.Background\(\) is the parent of context.WithValue although ctx is in reach`
}

// A literal started where it is written with a root context: its ctx
// parameter holds that root, and passing it on instead changes nothing.
func acceptLoop(accept func(context.Context) error) {
	go func(ctx context.Context) {
		for accept(context.Background()) == nil {
			query(ctx, "accepted")
		}
	}(context.Background())
}

// The literal is started with the caller's ctx: the root inside loses it.
func acceptLoopLive(ctx context.Context, accept func(context.Context) error) {
	go func(ctx context.Context) {
		for accept(context.Background()) == nil { // want `context.Background\(\) is passed to the call although ctx is in reach`
			query(ctx, "accepted")
		}
	}(ctx)
}

// The literal's parameter is replaced before use: not known to be a root.
func acceptLoopReplaced(accept func(context.Context) error) {
	go func(ctx context.Context) {
		ctx = context.WithValue(ctx, key{}, "conn")
		for accept(context.Background()) == nil { // want `context.Background\(\) is passed to the call although ctx is in reach`
			query(ctx, "accepted")
		}
	}(context.Background())
}
