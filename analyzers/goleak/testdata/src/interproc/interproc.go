// Package interproc uses the facts of package workers.
package interproc

import (
	"context"
	"errors"

	"fixtures/workers"
)

// --- positives ---

func replyAbandoned(ctx context.Context) error {
	ch := make(chan error)
	go workers.Reply(ch) // want `goroutine blocks forever on send to ch when the select at line \d+ takes case <-ctx.Done\(\)`
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func doubleSend() {
	ch := make(chan any)
	go func() {
		workers.SendTwice(ch, errors.New("x")) // want `goroutine blocks forever on send to ch once the function returns at line \d+ without receiving`
	}()
	<-ch
}

func waitAbandoned(ok bool) error {
	done := make(chan struct{})
	go workers.Wait(done) // want `goroutine blocks forever on receive from done`
	if !ok {
		return errors.New("not ok")
	}
	close(done)
	return nil
}

func drainNeverClosed(items []int) {
	ch := make(chan int)
	go workers.Drain(ch) // want `goroutine ranges over ch, which is never closed`
	for _, it := range items {
		ch <- it
	}
}

func tickIgnoresCtx(ctx context.Context) {
	go workers.Tick(ctx) // want `goroutine started at line \d+ loops forever and never observes ctx`
}

// --- negatives: must stay silent ---

func producedAndClosed() int {
	ch := make(chan int)
	go workers.Produce(ch, 3)
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func drainedAndClosedBySyncCall() {
	ch := make(chan int)
	go workers.Drain(ch)
	workers.Produce(ch, 3)
}

func tryWatchesCtx(ctx context.Context) {
	ch := make(chan int)
	go workers.Try(ctx, ch)
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

func noFact(ok bool) {
	ch := make(chan int)
	go workers.Keep(ch)
	if !ok {
		return
	}
	<-ch
}
