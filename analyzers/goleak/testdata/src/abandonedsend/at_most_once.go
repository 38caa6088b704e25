package abandonedsend

import (
	"context"
	"sync"
)

// A goroutine whose send in a loop runs at most once leaves one value
// behind, so one slot of buffer is the fix; a send that repeats has no
// buffer size that fixes it.

// The first positive value is sent, the rest are skipped.
func firstPositive(ctx context.Context, xs []int) int {
	found := make(chan int) // the fix: one slot
	go func() {
		sent := false
		for _, x := range xs {
			if !sent && x > 0 {
				found <- x // want `goroutine blocks forever on send to found when the select at line \d+ takes case <-ctx.Done\(\) once the function returns at line \d+ without receiving: make found buffered for every sender, make\(chan int, 1\)`
				sent = true
			}
		}
	}()
	select {
	case v := <-found:
		return v
	case <-ctx.Done():
		return 0
	}
}

// The same, with a sync.Once inside the loop.
func firstPositiveOnce(ctx context.Context, xs []int) int {
	found := make(chan int)
	var once sync.Once
	go func() {
		for _, x := range xs {
			if x > 0 {
				once.Do(func() { found <- x }) // want `goroutine blocks forever on send to found when the select at line \d+ takes case <-ctx.Done\(\) once the function returns at line \d+ without receiving: make found buffered for every sender, make\(chan int, 1\)`
			}
		}
	}()
	select {
	case v := <-found:
		return v
	case <-ctx.Done():
		return 0
	}
}

// The flag is declared anew at each iteration: every positive value is
// sent.
func everyPositive(ctx context.Context, xs []int) int {
	found := make(chan int)
	go func() {
		for _, x := range xs {
			sent := false
			if !sent && x > 0 {
				found <- x // want `goroutine blocks forever on send to found once the function returns at line \d+ while it still sends`
				sent = true
			}
		}
	}()
	select {
	case v := <-found:
		return v
	case <-ctx.Done():
		return 0
	}
}
