// Package generic checks that generic code is analysed without panics.
package generic

import (
	"context"
	"time"
)

// WithTimeoutOf is a generic wrapper that returns a cancel pair.
func WithTimeoutOf[T any](ctx context.Context, _ T) (context.Context, context.CancelFunc) { // want WithTimeoutOf:"cancelPair"
	return context.WithTimeout(ctx, time.Second)
}

func useGeneric(ctx context.Context) {
	ctx, cancel := WithTimeoutOf(ctx, 1) // want `cancel from generic.WithTimeoutOf is not called on the path`
	if ctx == nil {
		cancel()
	}
}

type box[T any] struct{ v T }

func (b *box[T]) run(ctx context.Context, f func(context.Context, T)) { // want run:`syncCaller\[1\]`
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	f(c, b.v)
}
