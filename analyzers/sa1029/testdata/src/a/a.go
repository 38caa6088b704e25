package a

import (
	"context"
	ctxpkg "context"
)

type key struct{}

type keyInt int

type strAlias = string

type structAlias = struct{}

type iface interface{ M() }

var exported = new(int)

func keys(ctx context.Context, s string, n int, k any, f func(), m map[string]int, sl []int, ch chan int, ia iface) {
	_ = context.WithValue(ctx, "user", 1)        // want `should not use built-in type string as key for value; define your own type to avoid collisions`
	_ = context.WithValue(ctx, 1, 1)             // want `should not use built-in type int as key for value`
	_ = context.WithValue(ctx, 1.5, 1)           // want `should not use built-in type float64 as key for value`
	_ = context.WithValue(ctx, 'r', 1)           // want `should not use built-in type rune as key for value`
	_ = context.WithValue(ctx, true, 1)          // want `should not use built-in type bool as key for value`
	_ = context.WithValue(ctx, s, 1)             // want `should not use built-in type string as key for value`
	_ = context.WithValue(ctx, n, 1)             // want `should not use built-in type int as key for value`
	_ = ctxpkg.WithValue(ctx, "renamed", 1)      // want `should not use built-in type string as key`
	_ = context.WithValue(ctx, uint8(1), 1)      // want `should not use built-in type uint8 as key`
	_ = context.WithValue(ctx, strAlias("a"), 1) // want `should not use built-in type string \(via alias strAlias\) as key for value; define your own type to avoid collisions`
	_ = context.WithValue(ctx, struct{}{}, 1)    // want `should not use empty anonymous struct as key for value; define your own type to avoid collisions`
	_ = context.WithValue(ctx, f, 1)             // want `keys used with context.WithValue must be comparable, but type func\(\) is not comparable`
	_ = context.WithValue(ctx, m, 1)             // want `keys used with context.WithValue must be comparable, but type map\[string\]int is not comparable`
	_ = context.WithValue(ctx, sl, 1)            // want `keys used with context.WithValue must be comparable, but type \[\]int is not comparable`

	// Allowed: types of the package, pointers, interfaces, nil, channels,
	// non-empty anonymous structs, an alias of an empty struct (staticcheck
	// looks at the alias, not at the struct).
	_ = context.WithValue(ctx, key{}, 1)
	_ = context.WithValue(ctx, keyInt(1), 1)
	_ = context.WithValue(ctx, exported, 1)
	_ = context.WithValue(ctx, &s, 1)
	_ = context.WithValue(ctx, k, 1)
	_ = context.WithValue(ctx, ia, 1)
	_ = context.WithValue(ctx, nil, 1)
	_ = context.WithValue(ctx, ch, 1)
	_ = context.WithValue(ctx, struct{ a int }{1}, 1)
	_ = context.WithValue(ctx, structAlias{}, 1)

	// Not context.WithValue: same name, other function.
	_ = WithValue(ctx, "user", 1)
}

func WithValue(ctx context.Context, k, v any) context.Context { return ctx }

func generic[K comparable, A any](ctx context.Context, k K, a A) {
	_ = context.WithValue(ctx, k, 1)
	// Left alone by staticcheck: a key of a type parameter's type.
	_ = context.WithValue(ctx, a, 1)
}
