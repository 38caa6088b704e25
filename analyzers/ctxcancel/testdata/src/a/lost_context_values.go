package a

import (
	"context"
	"log/slog"

	"go.opentelemetry.io/otel/trace"
)

// A callee that only reads values from its context (a logger, the current
// span) loses log and trace correlation, not cancellation: the message says so.

func logsWithRoot(ctx context.Context, log *slog.Logger) {
	log.InfoContext(context.Background(), "started") // want `context.Background\(\) is passed to Logger.InfoContext although ctx is in reach, and the callee only reads values from its context, so its logs and spans lose the caller's trace and request values \(cancellation is not affected\): pass ctx`
}

// loggerFrom only reads a value from its context: known through a fact.
func loggerFrom(ctx context.Context) *slog.Logger { // want loggerFrom:`ctxReader\[0\]`
	if l, ok := ctx.Value(key{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

func annotate(ctx context.Context, msg string) { // want annotate:`ctxReader\[0\]`
	loggerFrom(ctx).InfoContext(ctx, msg)
}

func helperWithRoot(ctx context.Context) {
	annotate(context.TODO(), "x") // want `context.TODO\(\) is passed to a.annotate although ctx is in reach, and the callee only reads values`
}

// A callee that also waits on its context keeps the cancellation message.
func waitsOrLogs(ctx context.Context) {
	loggerFrom(ctx).InfoContext(ctx, "wait")
	<-ctx.Done()
}

func blockingWithRoot(ctx context.Context) {
	waitsOrLogs(context.Background()) // want `context.Background\(\) is passed to a.waitsOrLogs although ctx is in reach, so its cancellation, deadline and values are lost`
}

func spanWithRoot(ctx context.Context, tr trace.Tracer) {
	c, span := tr.Start(context.Background(), "op") // want `context.Background\(\) is passed to Tracer.Start although ctx is in reach, and the callee only reads values`
	defer span.End()
	query(c, "")
}

// Negatives.

// The derived context is discarded: nothing runs under the root context,
// only the span's parent changes.
func spanContextDiscarded(ctx context.Context, tr trace.Tracer) {
	_, span := tr.Start(context.Background(), "background-flush")
	defer span.End()
	query(ctx, "")
}

// mergeValues keeps dst's lifetime and src's values.
func mergeValues(dst, src context.Context) context.Context { return dst }

// A fresh timeout whose values come back from ctx through a helper given
// both: detached on purpose.
func resetTimeout(ctx context.Context) (context.Context, context.CancelFunc) { // want resetTimeout:"cancelPair"
	fresh, cancel := context.WithCancel(context.Background())
	return mergeValues(fresh, ctx), cancel
}

// A new trace linked to the caller's: the root is the point, the link
// keeps the relation.
func linkedNewTrace(ctx context.Context, tr trace.Tracer) { // want linkedNewTrace:`ctxReader\[0\]`
	c, span := tr.Start(context.Background(), "async-refresh", trace.WithLinks(trace.LinkFromContext(ctx)))
	defer span.End()
	query(c, "")
}

// The link is added to the caller's span afterwards.
func linkedBackNewTrace(parent context.Context, tr trace.Tracer) { // want linkedBackNewTrace:`ctxReader\[0\]`
	c, span := tr.Start(context.Background(), "invalidate")
	defer span.End()
	trace.SpanFromContext(parent).AddLink(trace.LinkFromContext(c))
	query(c, "")
}
