package a

import (
	"context"
	"time"
)

func persist(ctx context.Context, what string) { _, _ = ctx, what }

// A loop that flushes on every tick and once more when its context is done,
// both times detached: the flush must finish whether or not the loop's
// context is canceled, a decision the shutdown branch makes visible.
func flushLoop(ctx context.Context, tick <-chan time.Time) {
	for {
		select {
		case <-tick:
			persist(context.Background(), "periodic")
		case <-ctx.Done():
			persist(context.Background(), "final")
			return
		}
	}
}

// Only the periodic call is detached: nothing says the work must outlive
// ctx.
func flushLoopNoFinal(ctx context.Context, tick <-chan time.Time) {
	for {
		select {
		case <-tick:
			persist(context.Background(), "periodic") // want `context.Background\(\) is passed to a.persist although ctx is in reach`
		case <-ctx.Done():
			return
		}
	}
}

// The detached call after the shutdown is of another function.
func flushLoopOtherFinal(ctx context.Context, tick <-chan time.Time) {
	for {
		select {
		case <-tick:
			persist(context.Background(), "periodic") // want `context.Background\(\) is passed to a.persist although ctx is in reach`
		case <-ctx.Done():
			query(context.Background(), "final")
			return
		}
	}
}
