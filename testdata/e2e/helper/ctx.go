package helper

import (
	"context"
	"time"
)

// WithDeadline derives a ctx that ends after d; the caller must call the
// returned cancel. ctxcancel learns this through a fact on the function.
func WithDeadline(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}
