package helper

import (
	"context"

	"go.opentelemetry.io/otel/trace"
)

// StartOp starts a span named after op. spanname learns through a fact that
// op becomes part of a span name, and checks callers' arguments.
func StartOp(ctx context.Context, tr trace.Tracer, op string) (context.Context, trace.Span) {
	return tr.Start(ctx, "db."+op)
}

// Outcome classifies a status code into one of three words; origin learns
// through a fact that its result is bounded.
func Outcome(code int) string {
	switch {
	case code >= 500:
		return "error"
	case code >= 400:
		return "rejected"
	}
	return "ok"
}
