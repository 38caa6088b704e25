// Package abandonedreceive holds the fixtures of rule abandoned-receive.
package abandonedreceive

import (
	"context"
	"errors"
)

func cleanup()    {}
func setup() bool { return true }

// --- positives ---

func errorPathBeforeClose() error {
	done := make(chan struct{})
	go func() {
		<-done // want `goroutine blocks forever on receive from done once the function returns at line \d+ without sending on or closing it: close it on every path, defer close\(done\)`
		cleanup()
	}()
	if !setup() {
		return errors.New("setup failed")
	}
	close(done)
	return nil
}

func selectAbandonsReceiver(ctx context.Context, v int) {
	in := make(chan int)
	go func() {
		n := <-in // want `goroutine blocks forever on receive from in when the select at line \d+ takes case <-ctx.Done\(\) once the function returns`
		_ = n
	}()
	select {
	case in <- v:
	case <-ctx.Done():
	}
}

// --- negatives: must stay silent ---

func deferredClose() error {
	done := make(chan struct{})
	defer close(done)
	go func() {
		<-done
		cleanup()
	}()
	if !setup() {
		return errors.New("setup failed")
	}
	return nil
}

func closedOnEveryPath() error {
	done := make(chan struct{})
	go func() {
		<-done
		cleanup()
	}()
	if !setup() {
		close(done)
		return errors.New("setup failed")
	}
	close(done)
	return nil
}

func sentOnEveryPath(v int) {
	in := make(chan int)
	go func() { _ = <-in }()
	in <- v
}

func receiverAlsoWatchesCtx(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-ctx.Done():
		}
		cleanup()
	}()
	if !setup() {
		return errors.New("setup failed")
	}
	close(done)
	return nil
}

type stopper struct{ stop chan struct{} }

func storedInField(s *stopper) error {
	done := make(chan struct{})
	s.stop = done
	go func() {
		<-done
		cleanup()
	}()
	if !setup() {
		return errors.New("setup failed")
	}
	close(done)
	return nil
}

func consumerLoopsForever(items []int) {
	in := make(chan int)
	go func() {
		for {
			v := <-in // want `goroutine blocks forever on receive from in once the function returns at line \d+: closing it would not stop the loop`
			_ = v
		}
	}()
	for _, it := range items {
		in <- it
	}
}

type worker struct {
	jobs chan int
	quit chan struct{}
}

func (w worker) start() {
	go func() {
		for {
			select {
			case j := <-w.jobs:
				_ = j
			case <-w.quit: // want `goroutine blocks forever on receive from w.quit once the function returns at line \d+ without sending on or closing it: close w.quit on every path`
				return
			}
		}
	}()
}

func (w worker) stop()        { close(w.quit) }
func (w worker) submit(j int) { w.jobs <- j }

func workerNeverStopped(jobs []int) {
	w := worker{jobs: make(chan int), quit: make(chan struct{})}
	w.start()
	for _, j := range jobs {
		w.submit(j)
	}
}

func workerStopped(jobs []int) {
	w := worker{jobs: make(chan int), quit: make(chan struct{})}
	w.start()
	defer w.stop()
	for _, j := range jobs {
		w.submit(j)
	}
}

func workerStoppedAtEnd(jobs []int) {
	w := worker{jobs: make(chan int), quit: make(chan struct{})}
	w.start()
	for _, j := range jobs {
		w.submit(j)
	}
	w.stop()
}

func workerHandedOut(jobs []int) *worker {
	w := worker{jobs: make(chan int), quit: make(chan struct{})}
	w.start()
	return &w
}

func workerKept(keep func(worker)) {
	w := worker{jobs: make(chan int), quit: make(chan struct{})}
	w.start()
	keep(w)
}

func countedSendLoop(n int) {
	release := make(chan bool)
	for i := 0; i < n; i++ {
		go func() { <-release }()
	}
	for i := 0; i < n; i++ {
		release <- true
	}
}

func otherCaseNobodyServes() {
	c := make(chan bool)
	never := make(chan bool)
	go func() { <-c }()
	select {
	case c <- true:
	case never <- true:
	}
}

// Closed before the goroutine starts: its receive returns at once.
type collector struct{ n int }

func (c *collector) collect(ready chan bool) {
	<-ready
	c.n++
}

func closedFirst(c *collector) {
	ready := make(chan bool)
	close(ready)
	go c.collect(ready)
}

// A bounded loop that waits at two of its iterations, served twice by the
// function's own bounded loop: nothing waits once both loops are done.
func halfway(write func(int) error) {
	half := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			if write(i) != nil {
				return
			}
			if i%10 == 5 {
				<-half
			}
		}
	}()
	for i := 0; i < 20; i++ {
		if i%10 == 5 {
			half <- 1
		}
	}
	<-done
}
