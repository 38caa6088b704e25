// Package generic uses type parameters with channels and contexts.
package generic

import "context"

func First[T any](ctx context.Context, f func() T) (T, bool) {
	ch := make(chan T, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v, true
	case <-ctx.Done():
		var zero T
		return zero, false
	}
}

type Pool[K comparable, V any] struct{ m map[K]chan V }

func (p *Pool[K, V]) Get(k K) <-chan V { return p.m[k] }
