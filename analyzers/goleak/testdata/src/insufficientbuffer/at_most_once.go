package insufficientbuffer

import (
	"context"
	"sync"
)

// Sends that run at most once: a flag tested before the send and set
// after it, or a sync.Once. They count once against the buffer, however
// many send statements or loop iterations lead to them.

func primary() bool
func retry() bool

// --- negatives: must stay silent ---

// One of the two sends runs: the fallback is skipped once the first has
// delivered.
func primaryOrFallback(ctx context.Context) int {
	answer := make(chan int, 1)
	go func() {
		delivered := false
		if primary() {
			answer <- 1
			delivered = true
		}
		if !delivered {
			answer <- 2
			delivered = true
		}
	}()
	select {
	case v := <-answer:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Three goroutines share one Once: only the first to get there sends.
func firstOfThree(ctx context.Context) int {
	winner := make(chan int, 1)
	var pick sync.Once
	for i := 0; i < 3; i++ {
		go func() {
			pick.Do(func() { winner <- i })
		}()
	}
	select {
	case v := <-winner:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Two goroutines, one Once, one buffered slot.
func eitherReplica(ctx context.Context) int {
	reply := make(chan int, 1)
	var first sync.Once
	go func() { first.Do(func() { reply <- 1 }) }()
	go func() { first.Do(func() { reply <- 2 }) }()
	select {
	case v := <-reply:
		return v
	case <-ctx.Done():
		return 0
	}
}

// --- positives ---

// The flag is tested but never set: both sends can run.
func flagNeverSet(ctx context.Context) int {
	answer := make(chan int, 1)
	go func() {
		delivered := false
		if primary() {
			answer <- 1
		}
		if !delivered {
			answer <- 2 // want `2 sends to answer do not fit its buffer of 1 when the select at line \d+ takes case <-ctx.Done\(\) once the function returns at line \d+: make answer buffered for every sender, make\(chan int, 2\)`
		}
	}()
	select {
	case v := <-answer:
		return v
	case <-ctx.Done():
		return 0
	}
}

// A retry clears the flag between the two sends.
func flagClearedOnRetry(ctx context.Context) int {
	answer := make(chan int, 1)
	go func() {
		delivered := false
		if primary() {
			answer <- 1
			delivered = true
		}
		if retry() {
			delivered = false
		}
		if !delivered {
			answer <- 2 // want `2 sends to answer do not fit its buffer of 1 when the select at line \d+ takes case <-ctx.Done\(\) once the function returns at line \d+: make answer buffered for every sender, make\(chan int, 2\)`
		}
	}()
	select {
	case v := <-answer:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Each goroutine has its own Once: three sends.
func oncePerWorker(ctx context.Context) int {
	winner := make(chan int, 1)
	for i := 0; i < 3; i++ {
		var pick sync.Once
		go func() {
			pick.Do(func() { winner <- i }) // want `2 sends to winner do not fit its buffer of 1 once the function returns at line \d+: make winner buffered for every sender, make\(chan int, 3\)`
		}()
	}
	v := <-winner
	return v
}

// The Once covers the final notice only; each worker's result is sent
// outside it.
func resultsAndNotice(ctx context.Context) int {
	out := make(chan int, 2)
	var notice sync.Once
	for i := 0; i < 3; i++ {
		go func() {
			out <- i
			notice.Do(func() { out <- -1 }) // want `3 sends to out do not fit its buffer of 2 once the function returns at line \d+: make out buffered for every sender, make\(chan int, 4\)`
		}()
	}
	v := <-out
	return v
}

// A helper closure that reports the first error only: its flag, captured
// and set right after the send, lets one of the three calls send.
func firstErrorOnly(a, b, c func() error) error {
	errc := make(chan error, 1)
	go func() {
		reported := false
		report := func(err error) {
			if !reported {
				errc <- err
				reported = true
			}
		}
		if err := a(); err != nil {
			report(err)
		}
		if err := b(); err != nil {
			report(err)
		}
		if err := c(); err != nil {
			report(err)
		}
		report(nil)
	}()
	return <-errc
}

// Without the flag each call sends: four sends, a buffer of one.
func everyError(ctx context.Context, a, b func() error) error {
	errc := make(chan error, 1)
	go func() {
		report := func(err error) {
			errc <- err
		}
		report(a()) // want `2 sends to errc do not fit its buffer of 1`
		report(b())
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
