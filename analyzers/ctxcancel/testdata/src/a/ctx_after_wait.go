package a

import (
	"context"
	"log/slog"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetchShard(ctx context.Context, s string) error { return ctx.Err() }

func mergeShards(ctx context.Context, shards []string) error { return ctx.Err() }

func mergeAfterWait(ctx context.Context, shards []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, s := range shards {
		g.Go(func() error { return fetchShard(gctx, s) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return mergeShards(gctx, shards) // want `gctx is given to mergeShards after g.Wait\(\) \(line 20\), which cancels gctx: mergeShards gets a context that is already done and its work fails or stops at once; pass ctx instead`
}

// A context derived from the group's after Wait is as dead.
func deriveAfterWait(ctx context.Context, shards []string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetchShard(gctx, shards[0]) })
	_ = g.Wait()
	tctx, cancel := context.WithTimeout(gctx, time.Second)
	defer cancel()
	return mergeShards(tctx, shards) // want `gctx is given to mergeShards after g.Wait\(\)`
}

// Negative: the parent is used after Wait.
func mergeWithParent(ctx context.Context, shards []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, s := range shards {
		g.Go(func() error { return fetchShard(gctx, s) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return mergeShards(ctx, shards)
}

// Negative: only values are read from the group's context after Wait.
func logAfterWait(ctx context.Context, shards []string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetchShard(gctx, shards[0]) })
	err := g.Wait()
	slog.InfoContext(gctx, "shards fetched", "n", len(shards))
	return err
}

// Negative: a new group per round; the use follows the Wait of the
// previous round only through the reassignment.
func rounds(ctx context.Context, batches [][]string) error {
	for _, b := range batches {
		g, gctx := errgroup.WithContext(ctx)
		for _, s := range b {
			g.Go(func() error { return fetchShard(gctx, s) })
		}
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}

// Negative: the use comes before Wait.
func mergeBeforeWait(ctx context.Context, shards []string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetchShard(gctx, shards[0]) })
	if err := mergeShards(gctx, shards[1:]); err != nil {
		_ = g.Wait()
		return err
	}
	return g.Wait()
}
