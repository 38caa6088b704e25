package a

import (
	"context"
	"net/http"
	"os"
)

func flushAll(ctx context.Context) error { return ctx.Err() }

// shutdownProcess flushes, then ends the process from a goroutine so that
// the caller can still answer.
func shutdownProcess(ctx context.Context) {
	_ = flushAll(ctx)
	go func() {
		defer os.Exit(0)
		_ = flushAll(ctx)
	}()
}

// terminate ends the process through another function of the package.
func terminate(ctx context.Context) {
	_ = flushAll(ctx)
	exitNow()
}

func exitNow() { os.Exit(3) }

// Negative: the process is going away; its shutdown must finish even if
// the client that asked for it hangs up.
func handleQuit(w http.ResponseWriter, r *http.Request) {
	shutdownProcess(context.Background())
}

// Negative: the same, through a helper that exits.
func handleKill(w http.ResponseWriter, r *http.Request) {
	terminate(context.TODO())
}

// loadOrDie exits only when loading fails: on success it returns, and its
// work is the request's.
func loadOrDie(ctx context.Context) {
	if err := flushAll(ctx); err != nil {
		os.Exit(1)
	}
}

// Positive: a conditional exit does not make the callee a shutdown.
func handleLoad(w http.ResponseWriter, r *http.Request) {
	loadOrDie(context.Background()) // want `context.Background\(\) is passed to a.loadOrDie although r.Context\(\) is in reach`
}
