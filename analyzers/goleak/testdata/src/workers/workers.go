// Package workers holds helpers that goroutines run, summarised by facts.
package workers

import (
	"context"
	"time"
)

// Reply sends one result.
func Reply(ch chan<- error) { // want Reply:`chans\(0:send1\)`
	ch <- nil
}

// SendTwice sends twice when err is set: the second send is a bug.
func SendTwice(ch chan<- any, err error) { // want SendTwice:`chans\(0:send1..2\)`
	if err != nil {
		ch <- nil
	}
	ch <- struct{}{}
}

// Fetch sends one result and does not look at ctx while it sends.
func Fetch(ctx context.Context, out chan<- int) { // want Fetch:`chans\(1:send0..1\)`
	if ctx.Err() != nil {
		return
	}
	out <- 1
}

// Wait waits for done.
func Wait(done <-chan struct{}) { // want Wait:`chans\(0:recv1\)`
	<-done
}

// Drain receives until ch is closed.
func Drain(ch <-chan int) { // want Drain:`chans\(0:range\)`
	for range ch {
	}
}

// Produce sends n values and closes ch.
func Produce(ch chan<- int, n int) { // want Produce:`chans\(0:send0..n,close1\)`
	for i := range n {
		ch <- i
	}
	close(ch)
}

// Try sends unless ctx is done first.
func Try(ctx context.Context, ch chan<- int) { // want Try:`chans\(1:select\)`
	select {
	case ch <- 1:
	case <-ctx.Done():
	}
}

var kept chan int

// Keep lets ch escape: no fact for it.
func Keep(ch chan int) {
	kept = ch
}

// Tick loops forever and ignores ctx.
func Tick(ctx context.Context) { // want Tick:`chans\(0:ctx-unused\) forever`
	for {
		time.Sleep(time.Second)
	}
}
