package a

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel/trace"
)

// startSpan forwards its name into a span name.
func startSpan(ctx context.Context, name string) (context.Context, trace.Span) { // want startSpan:`span name from params 1 \(direct\)`
	return tracer.Start(ctx, name)
}

// startDB prefixes its operation.
func startDB(ctx context.Context, op string) trace.Span { // want startDB:`span name from params 1$`
	_, span := startSpan(ctx, "db."+op)
	return span
}

type svc struct{ t trace.Tracer }

// start is a method helper.
func (s svc) start(ctx context.Context, what string) { // want start:`span name from params 2 \(direct\)`
	s.t.Start(ctx, what)
}

func useHelpers(ctx context.Context, r *http.Request, userID string, s svc) {
	startSpan(ctx, r.URL.Path)  // want `span name passed to startSpan, which names the span in Tracer.Start, is unbounded: built from r.URL.Path`
	startDB(ctx, "get "+userID) // want `span name passed to startDB, which names the span in Tracer.Start, is identifier-like: built from userID`
	startSpan(ctx, "")          // want `empty span name passed to startSpan`
	s.start(ctx, userID)        // want `passed to s.start, which names the span in Tracer.Start, is identifier-like`

	// Look-alikes: constant and opaque arguments; an empty operation gets
	// a prefix.
	startSpan(ctx, "checkout")
	startDB(ctx, "")
	startDB(ctx, r.Method)
}

// A helper whose parameter is named like an id stays silent inside: its
// callers pass constants.
func spanFor(ctx context.Context, key string) { // want spanFor:`span name from params 1$`
	tracer.Start(ctx, "cache "+key)
}

func callsSpanFor(ctx context.Context) {
	spanFor(ctx, "load-config")
}
