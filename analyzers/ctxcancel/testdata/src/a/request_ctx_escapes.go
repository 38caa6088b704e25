package a

import (
	"context"
	"net/http"
	"sync"
	"time"
)

func handler(w http.ResponseWriter, r *http.Request) {
	go audit(r.Context(), r.URL.Path) // want `the goroutine works with the request context of r, which is cancelled when the handler returns`
	w.WriteHeader(http.StatusAccepted)
}

func handlerDerived(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithValue(r.Context(), key{}, "v")
	go func() { // want `the goroutine works with the request context of r`
		audit(ctx, "x")
	}()
	w.WriteHeader(http.StatusAccepted)
}

type server struct{}

func (s *server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	ctx := req.Context()
	go audit(ctx, "x") // want `request context of req`
}

// Negatives.

func handlerDetached(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithoutCancel(r.Context())
	go audit(ctx, "x")
	go func() {
		c, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
		defer cancel()
		audit(c, "y")
	}()
}

func handlerJoined(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		audit(r.Context(), "x")
	}()
	wg.Wait()
}

func handlerWatcher(w http.ResponseWriter, r *http.Request) {
	go func() {
		<-r.Context().Done()
		cleanup()
	}()
}

func handlerStreams(w http.ResponseWriter, r *http.Request) {
	go audit(r.Context(), "writer")
	readLoop(r.Context(), "reader") // the handler keeps working under the request ctx
}

func audit(context.Context, string) {}
func cleanup()                      {}

func handlerThenBlocks(w http.ResponseWriter, r *http.Request) {
	go audit(r.Context(), "progress")
	longWork() // the handler is still running while the goroutine works
	w.WriteHeader(http.StatusOK)
}

func longWork() {}
