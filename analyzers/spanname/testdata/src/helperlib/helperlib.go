// Package helperlib has span helpers used from another package.
package helperlib

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

// Start names a span after op.
func Start(ctx context.Context, op string) (context.Context, trace.Span) { // want Start:`span name from params 1 \(direct\)`
	return otel.Tracer("helperlib").Start(ctx, op)
}

// Named adds a prefix through another helper.
func Named(ctx context.Context, component, op string) trace.Span { // want Named:`span name from params 1, 2`
	_, span := Start(ctx, component+"."+op)
	return span
}
