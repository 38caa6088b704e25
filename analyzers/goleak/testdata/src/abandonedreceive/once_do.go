package abandonedreceive

import (
	"context"
	"sync"
)

// Operations in a function that a sync.Once runs: Do runs it on the
// first call, so a close or send there releases the goroutine that waits.

func release() {}

// --- negatives: must stay silent ---

func closedThroughOnce() {
	stopped := make(chan struct{})
	var stopOnce sync.Once
	go func() {
		<-stopped
		release()
	}()
	stopOnce.Do(func() { close(stopped) })
}

func sentThroughOnce() {
	handoff := make(chan int)
	var giveOnce sync.Once
	go func() {
		<-handoff
		release()
	}()
	giveOnce.Do(func() { handoff <- 1 })
}

// --- positives ---

// The goroutine waits under a Once; the early return never sends.
func waitsUnderOnce(ctx context.Context) {
	handoff := make(chan int)
	var takeOnce sync.Once
	go func() { takeOnce.Do(func() { <-handoff }) }() // want `goroutine blocks forever on receive from handoff once the function returns at line \d+ without sending on or closing it`
	if ctx.Err() != nil {
		return
	}
	handoff <- 1
}
