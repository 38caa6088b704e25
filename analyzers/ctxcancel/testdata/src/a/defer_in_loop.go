package a

import (
	"context"
	"time"
)

func deferInLoop(ctx context.Context, items []string) {
	for _, it := range items {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) in a loop runs only when the function returns, so every iteration's context from context.WithTimeout \(line 10\)`
		work(c, it)
	}
}

func deferInForLoop(ctx context.Context) {
	for i := 0; i < 10; i++ {
		c, cancel := context.WithCancel(ctx)
		if i > 2 {
			defer cancel() // want `defer cancel\(\) in a loop`
		} else {
			cancel()
		}
		work(c, "")
	}
}

// Negatives.

func deferInLiteral(ctx context.Context, items []string) {
	for _, it := range items {
		func() {
			c, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			work(c, it)
		}()
	}
}

func cancelAtEndOfIteration(ctx context.Context, items []string) {
	for _, it := range items {
		c, cancel := context.WithTimeout(ctx, time.Second)
		work(c, it)
		cancel()
	}
}

func deferThenReturn(ctx context.Context, items []string) error {
	for _, it := range items {
		if it != "" {
			c, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			work(c, it)
			return nil
		}
	}
	return nil
}

func deferThenBreak(ctx context.Context) {
	for {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		work(c, "")
		break
	}
}

func deferOutsideLoop(ctx context.Context, items []string) {
	c, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	for _, it := range items {
		work(c, it)
	}
}

func work(context.Context, string) {}
