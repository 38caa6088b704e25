package a

import (
	"context"
	"sync"
)

// retry calls op until it succeeds, inside its own call.
func retry(op func() error, attempts int) error { // want retry:`syncCaller\[0\]`
	var err error
	for range attempts {
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}

// retryLogged passes op on to retry: it is called the same way.
func retryLogged(op func() error, log func(string)) error { // want retryLogged:`syncCaller\[0 1\]`
	log("retrying")
	return retry(op, 3)
}

// later keeps fn for after it returns.
var pending []func() error

func later(fn func() error) { pending = append(pending, fn) }

// The literal runs inside retry's call, while ctx is live.
func scan(ctx context.Context, id string) error {
	return retry(func() error {
		query(context.Background(), id) // want `context.Background\(\) is passed to a.query although ctx is in reach`
		return nil
	}, 5)
}

func scanLogged(ctx context.Context, id string) error {
	return retryLogged(func() error {
		query(context.TODO(), id) // want `context.TODO\(\) is passed to a.query although ctx is in reach`
		return nil
	}, func(string) {})
}

// Negatives.

// The literal is kept for later: it may run after ctx is done.
func scanLater(ctx context.Context, id string) {
	later(func() error {
		query(context.Background(), id)
		return nil
	})
}

// A run shared by every caller through sync.Once is detached from any
// one caller on purpose.
var loadOnce sync.Once

func loadShared(ctx context.Context) {
	loadOnce.Do(func() {
		query(context.Background(), "config")
	})
}

// The literal is started as a goroutine by its callee.
func async(op func() error) { go op() }

func scanAsync(ctx context.Context, id string) {
	async(func() error {
		query(context.Background(), id)
		return nil
	})
}

// retryPlain adapts op to retryCtx through a local literal that only
// retryCtx calls: op still runs only inside retryPlain's call.
func retryPlain(op func() error) error { // want retryPlain:`syncCaller\[0\]`
	wrapped := func(context.Context) error { return op() }
	return retryCtx(context.Background(), wrapped)
}

func retryCtx(ctx context.Context, op func(context.Context) error) error { // want retryCtx:`syncCaller\[1\]`
	for ctx.Err() == nil {
		if err := op(ctx); err == nil {
			return nil
		}
	}
	return ctx.Err()
}

func startWithRetry(ctx context.Context, id string) error {
	return retryPlain(func() error {
		query(context.Background(), id) // want `context.Background\(\) is passed to a.query although ctx is in reach`
		return nil
	})
}

// Negative: the adapting literal is kept in a field for later.
type laterRunner struct{ op func() error }

func keepForLater(op func() error) *laterRunner {
	wrapped := func() error { return op() }
	return &laterRunner{op: wrapped}
}

func startLater(ctx context.Context, id string) *laterRunner {
	return keepForLater(func() error {
		query(context.Background(), id)
		return nil
	})
}
