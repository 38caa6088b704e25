package app

import (
	"context"
	"time"

	"example.com/e2e/helper"
)

// discarded drops the cancel of a helper in another package: only the fact
// on helper.WithDeadline says it must be called.
func discarded(ctx context.Context) error {
	ctx, _ = helper.WithDeadline(ctx, time.Second)
	return helper.Call(ctx, func(context.Context) error { return nil })
}

// called is the look-alike that is fine.
func called(ctx context.Context) error {
	ctx, cancel := helper.WithDeadline(ctx, time.Second)
	defer cancel()
	return helper.Call(ctx, func(context.Context) error { return nil })
}

// lost replaces the incoming ctx by a fresh root.
func lost(ctx context.Context, work func(context.Context) error) error {
	return helper.Call(ctx, work)
}
