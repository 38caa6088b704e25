package a

import "context"

// A derivation after which every path leaves the loop runs at most once
// per run of the loop: the chain does not grow.

type routeKey struct{}

type route struct {
	name    string
	matches bool
	last    bool
}

// --- negatives a naive rule would flag ---

// The derivation sits in a branch; the statement list around it returns.
func dispatchFirst(ctx context.Context, routes []route) {
	for _, rt := range routes {
		if rt.matches {
			if rt.name != "" {
				ctx = context.WithValue(ctx, routeKey{}, rt.name)
			}
			work(ctx, rt.name)
			return
		}
	}
}

// Both branches of the if after it leave the loop.
func dispatchEither(ctx context.Context, routes []route) {
	for _, rt := range routes {
		if !rt.matches {
			continue
		}
		ctx = context.WithValue(ctx, routeKey{}, rt.name)
		if rt.last {
			work(ctx, "last")
			return
		} else {
			break
		}
	}
	work(ctx, "")
}

// --- positives ---

// Only some paths leave: the others come back for the next route.
func dispatchSome(ctx context.Context, routes []route) {
	for _, rt := range routes {
		if rt.matches {
			ctx = context.WithValue(ctx, routeKey{}, rt.name) // want `ctx is derived from itself with context.WithValue on every iteration`
			if rt.last {
				return
			}
		}
	}
}

// A continue before the return starts the next iteration.
func dispatchSkip(ctx context.Context, routes []route) {
	for _, rt := range routes {
		ctx = context.WithValue(ctx, routeKey{}, rt.name) // want `ctx is derived from itself with context.WithValue on every iteration`
		if !rt.matches {
			continue
		}
		work(ctx, rt.name)
		return
	}
}

// A break inside a switch leaves the switch, not the loop.
func dispatchSwitch(ctx context.Context, routes []route) {
	for _, rt := range routes {
		switch {
		case rt.matches:
			ctx = context.WithValue(ctx, routeKey{}, rt.name) // want `ctx is derived from itself with context.WithValue on every iteration`
			break
		}
	}
	work(ctx, "")
}
