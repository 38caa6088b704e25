// Package uncancellableloop holds the fixtures of rule uncancellable-loop.
package uncancellableloop

import (
	"context"
	"net/http"
	"time"
)

func poll() int  { return 0 }
func work() bool { return true }

// --- positives ---

func startPoller(ctx context.Context, out chan<- int) {
	go func() {
		for { // want `goroutine started at line \d+ loops forever and never observes ctx: return from the loop when it is done \(case <-ctx.Done\(\): return\)`
			out <- poll()
			time.Sleep(time.Second)
		}
	}()
}

func handler(w http.ResponseWriter, r *http.Request) {
	_ = r.Context()
	go func() {
		for { // want `never observes the request context`
			_ = work()
		}
	}()
}

func withDoneChannel(done <-chan struct{}) {
	go func() {
		for { // want `never observes done`
			_ = work()
		}
	}()
}

func spin() {
	for { // want `goroutine started at line \d+ loops forever and never observes ctx`
		_ = work()
	}
}

func startNamed(ctx context.Context) {
	go spin()
}

// --- negatives: must stay silent ---

func observesCtx(ctx context.Context) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			default:
				_ = work()
			}
		}
	}()
}

func loopExitsOnError(ctx context.Context) {
	go func() {
		for {
			if !work() {
				return
			}
		}
	}()
}

func noSignalInReach() {
	go func() {
		for {
			_ = work()
		}
	}()
}

func handsCtxOver(ctx context.Context) {
	go func(ctx context.Context) {
		for {
			_ = ctx.Err()
		}
	}(ctx)
}

func init() {
	go func() {
		for {
			time.Sleep(time.Minute)
		}
	}()
}
