package a

import (
	"context"
	"errors"
)

// A staged shutdown with a cause: the execution context is cancelled, with
// a reason, once the worker's context is done and the work in flight has
// ended.
func RunExecution(worker context.Context, busy func() bool) {
	exec, cancel := context.WithCancelCause(context.Background())
	go func() {
		select {
		case <-worker.Done():
			for busy() {
				query(exec, "wait")
			}
			cancel(errors.New("worker stopped"))
		case <-exec.Done():
		}
	}()
	query(exec, "serve")
}
