// Package interproc uses the facts of package workers.
package interproc

import (
	"context"
	"errors"
	"time"

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

func replyTimedOut() error {
	ch := make(chan error)
	go workers.Reply(ch) // want `goroutine blocks forever on send to ch when the select at line \d+ takes case <-time.After\(time.Second\) once the function returns at line \d+ without receiving: make ch buffered for every sender, make\(chan error, 1\)`
	select {
	case err := <-ch:
		return err
	case <-time.After(time.Second):
		return errors.New("timed out")
	}
}

func replyAfterEarlyError(prepare func() error) error {
	ch := make(chan error)
	go workers.Reply(ch) // want `goroutine blocks forever on send to ch once the function returns at line \d+ without receiving`
	if err := prepare(); err != nil {
		return err
	}
	return <-ch
}

func fetchCancelled(ctx context.Context) (int, error) {
	out := make(chan int)
	go workers.Fetch(ctx, out) // want `goroutine blocks forever on send to out when the select at line \d+ takes case <-ctx.Done\(\)`
	select {
	case v := <-out:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// --- negatives: must stay silent ---

func replyBuffered() error {
	ch := make(chan error, 1)
	go workers.Reply(ch)
	select {
	case err := <-ch:
		return err
	case <-time.After(time.Second):
		return errors.New("timed out")
	}
}

func replyReceivedFirst(prepare func() error) error {
	ch := make(chan error)
	go workers.Reply(ch)
	err := <-ch
	if perr := prepare(); perr != nil {
		return perr
	}
	return err
}

func replyStartedAfterEarlyError(prepare func() error) error {
	if err := prepare(); err != nil {
		return err
	}
	ch := make(chan error)
	go workers.Reply(ch)
	return <-ch
}

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
