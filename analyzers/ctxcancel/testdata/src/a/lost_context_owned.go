package a

import (
	"context"
	"errors"
)

// An object that owns a lifetime of its own: the root-derived context and
// its cancel are both kept in it, and its stop method ends its work. The
// setup call's ctx ends when setup returns; deriving from it would stop
// the object's work then.

type cache struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
}

func (c *cache) Stop() { c.cancel(errors.New("stopped")) }

// --- negatives a naive rule would flag ---

func SetupCache(ctx context.Context) *cache {
	load(ctx)
	cctx, cancel := context.WithCancelCause(context.Background())
	return &cache{ctx: cctx, cancel: cancel}
}

func (c *cache) Restart(ctx context.Context) {
	load(ctx)
	cctx, cancel := context.WithCancelCause(context.Background())
	c.ctx = cctx
	c.cancel = cancel
}

// --- positives ---

// Only the context is kept, and the function cancels it itself: the
// object's lifetime is this call's, and the caller's cancellation is lost.
func RunOnce(ctx context.Context) *cache {
	cctx, cancel := context.WithCancelCause(context.Background()) // want `context.Background\(\) is the parent of context.WithCancelCause although ctx is in reach`
	c := &cache{ctx: cctx}
	load(c.ctx)
	cancel(nil)
	return c
}

func load(ctx context.Context) {}

// A parameter named with a leading underscore is declared unused, as
// unused-parameter linters read it: the function does not mean to use
// the caller's ctx.
func Validate(_ctx context.Context, names []string) {
	for range names {
		load(context.Background())
	}
}

// Inside if ctx == nil there is no context to pass: the root stands in.
func WithTrace(ctx context.Context, id string) context.Context {
	if ctx == nil {
		load(context.Background())
		return nil
	}
	return context.WithValue(ctx, traceKey{}, id)
}
