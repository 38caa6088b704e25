package a

import (
	"context"
	"time"
)

type traceKey struct{}

func growingValue(ctx context.Context, events <-chan string) {
	for ev := range events {
		ctx = context.WithValue(ctx, traceKey{}, ev) // want `ctx is derived from itself with context.WithValue on every iteration`
		work(ctx, ev)
	}
}

func growingTimeout(ctx context.Context) {
	var cancel context.CancelFunc
	for i := 0; i < 3; i++ {
		ctx, cancel = context.WithTimeout(ctx, time.Second) // want `ctx is derived from itself with context.WithTimeout`
		work(ctx, "")
		cancel()
	}
}

// Negatives.

func newVarPerIteration(ctx context.Context, events []string) {
	for _, ev := range events {
		c := context.WithValue(ctx, traceKey{}, ev)
		work(c, ev)
	}
}

func invariantParent(base context.Context, events []string) {
	var ctx context.Context
	for _, ev := range events {
		ctx = context.WithValue(base, traceKey{}, ev)
		work(ctx, ev)
	}
}

type fieldKey string

func onePerKey(ctx context.Context, fields map[string]string) context.Context {
	for k, v := range fields {
		ctx = context.WithValue(ctx, fieldKey(k), v) // one value per key: intended
	}
	return ctx
}

func resetEachIteration(base context.Context, events []string) {
	for _, ev := range events {
		ctx := base
		ctx = context.WithValue(ctx, traceKey{}, ev)
		work(ctx, ev)
	}
}
