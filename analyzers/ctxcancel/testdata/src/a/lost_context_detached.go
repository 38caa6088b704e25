package a

import (
	"context"
	"time"
)

// lost-context in functions whose doc comment states that their work is
// detached from the caller on purpose.

// Negatives.

// flushAudit writes the audit record. It must not be canceled when the
// caller's context is: a record cut short is worse than a slow one.
func flushAudit(ctx context.Context, rec string) {
	c, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	query(c, rec)
}

// warmIndex rebuilds the index detached from the request context, so a
// client that hangs up does not leave it half built.
func warmIndex(ctx context.Context) {
	go query(context.Background(), "index")
}

// replicaPush copies uploads to the replica. The copies outlive the
// request that accepted the upload.
type replicaPush struct{ dst string }

func (p *replicaPush) push(ctx context.Context, name string) {
	query(context.TODO(), p.dst+name)
}

// compactAsync starts a compaction that runs independently of the
// caller's cancellation; each step gets its own deadline.
func compactAsync(ctx context.Context) {
	step := func(ctx context.Context, part string) {
		c, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		query(c, part)
	}
	go step(ctx, "a")
}

// settleBatch hands the batch to the ledger, which is not cancelled when
// the request that produced it ends.
func settleBatch(ctx context.Context, batch string) {
	query(context.Background(), batch)
}

// Positives.

func undocumentedRoot(ctx context.Context, k string) {
	query(context.Background(), k) // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

// lookupRow reads one row with the given context, which carries the
// caller's deadline and trace.
func lookupRow(ctx context.Context, k string) {
	query(context.TODO(), k) // want `context.TODO\(\) is passed to a.query although ctx is in reach`
}

// refreshToken must not outlive the request that asked for it.
func refreshToken(ctx context.Context) {
	query(context.Background(), "token") // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

// ledger records entries; it is never detached from the caller.
type ledger struct{}

func (l *ledger) record(ctx context.Context, e string) {
	query(context.Background(), e) // want `context.Background\(\) is passed to a.query although ctx is in reach`
}

// The release must run to its own deadline whatever happens to the
// caller, and carries the caller's trace id over by hand.
func releaseWithTrace(ctx context.Context, grant string) { // want releaseWithTrace:"ctxReader\\[0\\]"
	callCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if tc, ok := ctx.Value(relTraceKey{}).(string); ok {
		callCtx = context.WithValue(callCtx, relTraceKey{}, tc)
	}
	query(callCtx, grant)
}

// A value that does not come from ctx is no hand-made copy: ctx is
// simply lost.
func releaseTagged(ctx context.Context, grant string) {
	callCtx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background\(\) is the parent of context.WithTimeout although ctx is in reach`
	defer cancel()
	callCtx = context.WithValue(callCtx, relTraceKey{}, grant)
	query(callCtx, grant)
}

type relTraceKey struct{}

// The context in reach overwritten by a detached one: the calls after it
// get the detached context, which is no hand-made copy of the caller's.
func storeOverwritten(ctx context.Context, grant string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background\(\) is the parent of context.WithTimeout although ctx is in reach`
	defer cancel()
	query(ctx, grant)
	mergeBoth(ctx, ctx)
}

func mergeBoth(a, b context.Context) { query(a, ""); query(b, "") }

// The caller's trace id read before the overwrite and carried over by
// hand: detached on purpose.
func storeOverwrittenWithTrace(ctx context.Context, grant string) {
	tc, _ := ctx.Value(relTraceKey{}).(string)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ctx = context.WithValue(ctx, relTraceKey{}, tc)
	query(ctx, grant)
}
