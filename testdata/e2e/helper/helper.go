// Package helper holds functions whose behaviour reaches callers in other
// packages only through analysis facts.
package helper

import "context"

// Call runs f with ctx.
func Call(ctx context.Context, f func(context.Context) error) error { return f(ctx) }
