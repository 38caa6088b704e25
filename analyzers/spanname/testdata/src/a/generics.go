package a

import (
	"context"
	"fmt"

	"go/types"

	"go.opentelemetry.io/otel/trace"
)

// Generic helpers must not panic, and are checked like others.
func startFor[T any](ctx context.Context, t trace.Tracer, name string, v T) { // want startFor:`span name from params 2 \(direct\)`
	t.Start(ctx, name)
}

// Its parameter is named like an id, but its callers decide.
func genericIDs[K comparable](ctx context.Context, t trace.Tracer, key K) { // want genericIDs:`span name from params 2$`
	t.Start(ctx, fmt.Sprint(key))
}

func useGeneric(ctx context.Context, t trace.Tracer, userID string) {
	startFor(ctx, t, "user "+userID, 1) // want `passed to startFor, which names the span in Tracer.Start, is identifier-like`
	startFor(ctx, t, "fixed", types.Typ[0])
	genericIDs(ctx, t, 3)
	genericIDs(ctx, t, userID) // want `passed to genericIDs, which names the span in Tracer.Start, is identifier-like: built from userID`
}
