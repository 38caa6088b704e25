// Package cgo uses cgo.
package cgo

/*
static int answer(void) { return 42; }
*/
import "C"

import "context"

func Answer(ctx context.Context) int {
	done := make(chan int)
	go func() { done <- int(C.answer()) }()
	select {
	case v := <-done:
		return v
	case <-ctx.Done():
		return 0
	}
}
