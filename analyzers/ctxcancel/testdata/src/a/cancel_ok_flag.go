package a

import (
	"context"
	"time"
)

// A wrapper that reports failure with an ok flag returns no cancel then:
// returning early on !ok leaves nothing to cancel.
func withLimit(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc, bool) { // want withLimit:"cancelPair"
	if d < 0 {
		return nil, nil, false
	}
	c, cancel := context.WithTimeout(ctx, d)
	return c, cancel, true
}

func serveLimited(ctx context.Context, d time.Duration) {
	c, cancel, ok := withLimit(ctx, d)
	if !ok {
		return
	}
	defer cancel()
	query(c, "limited")
}

// The cancel is still dropped here.
func serveDropped(ctx context.Context, d time.Duration) {
	c, _, ok := withLimit(ctx, d) // want `the cancel function returned by a.withLimit is discarded`
	if ok {
		query(c, "limited")
	}
}
