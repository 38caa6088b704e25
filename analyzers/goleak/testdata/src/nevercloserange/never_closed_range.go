// Package nevercloserange holds the fixtures of rule never-closed-range.
package nevercloserange

import "errors"

func use(int) error { return nil }

// --- positives ---

func workersNeverStopped(items []int) {
	ch := make(chan int)
	for i := 0; i < 3; i++ {
		go func() {
			for it := range ch { // want `goroutine ranges over ch, which is never closed: the loop never ends once the function returns at line \d+; close ch after the last send \(defer close\(ch\)\)`
				_ = use(it)
			}
		}()
	}
	for _, it := range items {
		ch <- it
	}
}

// --- negatives: must stay silent ---

func closedAfterSending(items []int) {
	ch := make(chan int)
	go func() {
		for it := range ch {
			_ = use(it)
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
}

func closedByDefer(items []int) {
	ch := make(chan int)
	defer close(ch)
	go func() {
		for it := range ch {
			_ = use(it)
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

func loopExitsOnError(items []int) {
	ch := make(chan int)
	go func() {
		for it := range ch {
			if err := use(it); err != nil {
				return
			}
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

func escapesByReturn() chan<- int {
	ch := make(chan int)
	go func() {
		for it := range ch {
			_ = use(it)
		}
	}()
	return ch
}

var errStop = errors.New("stop")

func creatorNeverReturns() error {
	ch := make(chan int)
	go func() {
		for it := range ch {
			_ = use(it)
		}
	}()
	for i := 0; ; i++ {
		ch <- i
	}
}

func closedByAnotherGoroutine(items []int) {
	ch := make(chan int)
	closing := make(chan struct{}, 1)
	go func() {
		for it := range ch {
			_ = use(it)
		}
	}()
	go func() {
		<-closing
		close(ch)
	}()
	for _, it := range items {
		ch <- it
	}
	closing <- struct{}{}
}
