// Package wrap holds helpers that return a context and its cancel
// function; their callers must call the cancel (cancelPair facts).
package wrap

import (
	"context"
	"errors"
	"time"
)

// WithShortTimeout returns a context that times out after a second.
func WithShortTimeout(parent context.Context) (context.Context, context.CancelFunc) { // want WithShortTimeout:"cancelPair\\(ctx=0, cancel=1\\)"
	return context.WithTimeout(parent, time.Second)
}

// Named returns through named results.
func Named(parent context.Context) (ctx context.Context, stop func()) { // want Named:"cancelPair\\(ctx=0, cancel=1\\)"
	ctx, stop = context.WithCancel(parent)
	return
}

// Twice wraps a wrapper.
func Twice(parent context.Context) (func(), context.Context) { // want Twice:"cancelPair\\(ctx=1, cancel=0\\)"
	ctx, cancel := WithShortTimeout(parent)
	return cancel, ctx
}

// Checked also returns an error; its cancel is nil on failure.
func Checked(parent context.Context, ok bool) (context.Context, context.CancelFunc, error) { // want Checked:"cancelPair\\(ctx=0, cancel=1, err\\)"
	if !ok {
		return nil, nil, errors.New("no")
	}
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel, nil
}

// NoOp returns a function that is not a cancel: no fact.
func NoOp() (context.Context, func()) {
	return context.Background(), func() {}
}
