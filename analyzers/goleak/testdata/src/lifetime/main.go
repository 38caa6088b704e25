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
