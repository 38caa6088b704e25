package uncancellableloop

import (
	"context"
	"time"
)

// The time package never closes a timer's or ticker's channel (Stop does
// not close it): a range over one ends only by a return or break inside.

func flush() {}

// --- positives ---

func StartFlusher(ctx context.Context, d time.Duration) {
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for range t.C { // want `goroutine started at line \d+ loops forever and never observes ctx`
			flush()
		}
	}()
}

func StartTick(ctx context.Context, d time.Duration) {
	go func() {
		for range time.Tick(d) { // want `goroutine started at line \d+ loops forever and never observes ctx`
			flush()
		}
	}()
}

// --- negatives a naive rule would flag ---

// The loop returns when ctx is done.
func StartWatching(ctx context.Context, d time.Duration) {
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for range t.C {
			if ctx.Err() != nil {
				return
			}
			flush()
		}
	}()
}

// A channel the program closes ends the range.
func StartDraining(ctx context.Context, work chan int) {
	go func() {
		for range work {
			flush()
		}
	}()
}
