package app

import (
	"context"

	"go.opentelemetry.io/otel/trace"

	"example.com/e2e/helper"
)

// loadUser names a span after a user id through a helper of another package.
func loadUser(ctx context.Context, tr trace.Tracer, userID string) {
	_, span := helper.StartOp(ctx, tr, "load user "+userID)
	defer span.End()
}

// loadUsers is the look-alike that is fine: a constant operation name.
func loadUsers(ctx context.Context, tr trace.Tracer) {
	_, span := helper.StartOp(ctx, tr, "load users")
	defer span.End()
}
