// Package typeerr does not type-check.
package typeerr

import "context"

func broken(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- undefinedThing() }()
	var x int = "not an int"
	_ = x
}
