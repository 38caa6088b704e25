// Command lifetime holds process-lifetime goroutines, which goleak leaves alone.
package main

import (
	"context"
	"os"
	"time"
)

func main() {
	ctx := context.Background()
	ch := make(chan int)
	go func() { ch <- 1 }()
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
	if len(os.Args) > 1 {
		return
	}
	select {
	case <-ch:
	case <-ctx.Done():
	}
	if err := run(); err != nil {
		os.Exit(1)
	}
	runEach([]int{1, 2})
}

// run is main's only callee: a goroutine it abandons when it returns goes
// with the process.
func run() error {
	errc := make(chan error)
	go func() { errc <- serve() }()
	select {
	case err := <-errc:
		return err
	case <-time.After(time.Second):
		return nil
	}
}

func serve() error { return nil }

// runEach is called only from main too, but abandons a goroutine on every
// iteration of its loop: those pile up while the process runs.
func runEach(items []int) {
	for range items {
		ch := make(chan int)
		go func() { ch <- 1 }() // want `goroutine blocks forever on send to ch`
		select {
		case <-ch:
		case <-time.After(time.Millisecond):
		}
	}
}

// startPollers is called only from main: the context it is handed is
// main's, and its goroutines live as long as the process.
func startPollers(ctx context.Context) {
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
	_ = ctx
}

func init() { startPollers(context.Background()) }
