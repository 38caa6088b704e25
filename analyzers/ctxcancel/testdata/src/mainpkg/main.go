// Package main: returning from main ends the process, so its contexts need
// no cancel.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	<-ctx.Done()
	_ = stop
	ctx2, _ := context.WithCancel(context.Background()) // want `discarded`
	<-ctx2.Done()
}
