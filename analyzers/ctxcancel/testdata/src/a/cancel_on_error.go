package a

import (
	"context"
	"errors"
	"time"
)

// A cancel that only a deferred function calls, and only when the named
// error result is set: a successful return leaves it uncalled.

func step(ctx context.Context) error { return nil }

// --- positives ---

func dialOnce(ctx context.Context) (err error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want `cancel from context.WithTimeout is called only by the deferred function at line 18 when err is not nil, so the return at line 26 leaves it uncalled`
	defer func() {
		if err != nil {
			cancel()
		}
	}()
	if err = step(ctx); err != nil {
		return err
	}
	return nil
}

// --- negatives a naive rule would flag ---

// On success the context lives on in a goroutine: the cancel is handed
// over with it, and the deferred call only cleans up a failure.
func startReader(ctx context.Context, out chan<- int) (err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		if err != nil {
			cancel()
		}
	}()
	if err = step(ctx); err != nil {
		return err
	}
	go func() {
		defer cancel()
		<-ctx.Done()
	}()
	return nil
}

// Returned to the caller on success.
type conn struct{ ctx context.Context }

func openConn(ctx context.Context) (c *conn, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		if err != nil {
			cancel()
		}
	}()
	if err = step(ctx); err != nil {
		return nil, err
	}
	return &conn{ctx: ctx}, nil
}

// The deferred function cancels on every path.
func dialAlways(ctx context.Context) (err error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer func() {
		if err != nil {
			err = errors.Join(err, errors.New("dial"))
		}
		cancel()
	}()
	return step(ctx)
}

// No return gives nil: every return passes on step's error, which the
// analysis cannot judge.
func dialPassOn(ctx context.Context) (err error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer func() {
		if err != nil {
			cancel()
		}
	}()
	err = step(ctx)
	return err
}
