package abandonedsend

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// A producer feeds workers over a channel; the workers return on an error.
// Once every worker has returned, nobody receives any more and a plain
// send blocks the producer forever.

type job struct{ id int }

func handle(ctx context.Context, j job) error { return nil }
func check(j job) error                       { return nil }

// --- positives ---

// The errgroup shape: the producer is one of the group's goroutines, so
// g.Wait never returns either.
func errgroupProducer(ctx context.Context, all []job, n int) error {
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			jobs <- j // want `producer blocks forever on send to jobs once every worker has returned early, as at line \d+, and g.Wait\(\) never returns: send in a select that also takes case <-gctx.Done\(\)`
		}
		return nil
	})
	for i := 0; i < n; i++ {
		g.Go(func() error {
			for j := range jobs {
				if err := handle(gctx, j); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// The select watches the parent context, which a worker's error does not
// cancel: the producer waits until the caller gives up.
func errgroupSelectsParent(ctx context.Context, all []job) error {
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			select {
			case jobs <- j: // want `producer blocks on send to jobs until ctx is cancelled once every worker has returned early, as at line \d+, and g.Wait\(\) with it: a worker's error cancels gctx, not ctx; take case <-gctx.Done\(\) instead`
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	for range 4 {
		g.Go(func() error {
			for j := range jobs {
				if err := handle(gctx, j); err != nil {
					return err
				}
			}
			return gctx.Err()
		})
	}
	return g.Wait()
}

// Plain goroutines and a WaitGroup; the function itself is the producer
// and the workers break out of their loop on an error.
func waitGroupCreatorSends(all []job) []error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	jobs := make(chan job)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := check(j); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					break
				}
			}
		}()
	}
	for _, j := range all {
		jobs <- j // want `the function blocks forever on send to jobs once every worker has returned early, as at line \d+: send in a select that also takes a done channel that a worker closes when it quits, or keep the workers receiving until jobs is closed`
	}
	close(jobs)
	wg.Wait()
	return errs
}

// A producer goroutine in the WaitGroup, and workers that return after
// recording the error.
func waitGroupProducer(all []job) error {
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	jobs := make(chan job)
	wg.Add(3)
	go func() {
		defer wg.Done()
		for _, j := range all {
			jobs <- j // want `producer blocks forever on send to jobs once every worker has returned early, as at line \d+, and wg.Wait\(\) never returns`
		}
		close(jobs)
	}()
	for range 2 {
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := check(j); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// A buffer smaller than the items does not help.
func bufferTooSmall(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan int, 2)
	g.Go(func() error {
		defer close(jobs)
		for i := 0; i < 5; i++ {
			jobs <- i // want `producer blocks forever on send to jobs once every worker has returned early, as at line \d+, and g.Wait\(\) never returns: send in a select that also takes case <-gctx.Done\(\)`
		}
		return nil
	})
	g.Go(func() error {
		for j := range jobs {
			if err := handle(gctx, job{j}); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// The worker's loop is in a function that the group's goroutines call;
// the producer, outside the group, leaks while g.Wait returns.
func namedWorkers(ctx context.Context, all []job) error {
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	go feed(jobs, all)
	for range 4 {
		g.Go(func() error { return consume(gctx, jobs) })
	}
	return g.Wait()
}

func feed(jobs chan<- job, all []job) {
	for _, j := range all {
		jobs <- j // want `producer blocks forever on send to jobs once every worker has returned early, as at line \d+: send in a select that also takes case <-gctx.Done\(\)`
	}
	close(jobs)
}

func consume(ctx context.Context, jobs <-chan job) error {
	for j := range jobs {
		if err := handle(ctx, j); err != nil {
			return err
		}
	}
	return nil
}

// --- negatives ---

// Workers that go on with the next job after an error never stop receiving.
func workersContinue(ctx context.Context, all []job) error {
	g, _ := errgroup.WithContext(ctx)
	var mu sync.Mutex
	var errs []error
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			jobs <- j
		}
		return nil
	})
	for range 4 {
		g.Go(func() error {
			for j := range jobs {
				if err := handle(ctx, j); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					continue
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// The send watches the group's context, which the first error cancels.
func selectsGroupCtx(ctx context.Context, all []job) error {
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			select {
			case jobs <- j:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	for range 4 {
		g.Go(func() error {
			for j := range jobs {
				if err := handle(gctx, j); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// The buffer holds every item: the producer never waits for a worker.
func bufferHoldsAll(ctx context.Context) error {
	g, _ := errgroup.WithContext(ctx)
	jobs := make(chan int, 3)
	g.Go(func() error {
		defer close(jobs)
		for i := 0; i < 3; i++ {
			jobs <- i
		}
		return nil
	})
	g.Go(func() error {
		for j := range jobs {
			if err := handle(ctx, job{j}); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// Every item is queued before the workers start (batch holds at most 8).
func queuedBeforeWorkers(batch []job) error {
	var wg sync.WaitGroup
	jobs := make(chan job, 8)
	for _, j := range batch {
		jobs <- j
	}
	close(jobs)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := check(j); err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return nil
}

// A worker that fails keeps draining the channel, so the producer finishes.
func workersDrain(ctx context.Context, all []job) error {
	g, _ := errgroup.WithContext(ctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			jobs <- j
		}
		return nil
	})
	for range 4 {
		g.Go(func() error {
			var err error
			for j := range jobs {
				if err = handle(ctx, j); err != nil {
					break
				}
			}
			for range jobs {
			}
			return err
		})
	}
	return g.Wait()
}

// The workers quit only when ctx is done, and the producer watches ctx too.
func workersQuitOnCtx(ctx context.Context, all []job) error {
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			select {
			case jobs <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	for range 4 {
		g.Go(func() error {
			for j := range jobs {
				if err := ctx.Err(); err != nil {
					return err
				}
				_ = handle(gctx, j)
			}
			return nil
		})
	}
	return g.Wait()
}

// The channel is handed to code we cannot see, which may receive too.
func jobsEscape(ctx context.Context, all []job, watch func(<-chan job)) error {
	g, _ := errgroup.WithContext(ctx)
	jobs := make(chan job)
	watch(jobs)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			jobs <- j
		}
		return nil
	})
	g.Go(func() error {
		for j := range jobs {
			if err := handle(ctx, j); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// One worker stops on an error, the other receives to the end.
func oneWorkerStays(ctx context.Context, all []job) error {
	g, _ := errgroup.WithContext(ctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			jobs <- j
		}
		return nil
	})
	g.Go(func() error {
		for j := range jobs {
			if err := handle(ctx, j); err != nil {
				return err
			}
		}
		return nil
	})
	g.Go(func() error {
		for j := range jobs {
			_ = handle(ctx, j)
		}
		return nil
	})
	return g.Wait()
}

// Three jobs for four workers: every send finds a worker that has not quit.
func fewerJobsThanWorkers(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for i := range 3 {
			jobs <- job{i}
		}
		return nil
	})
	for range 4 {
		g.Go(func() error {
			for j := range jobs {
				if err := handle(gctx, j); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// The producer watches a context of the function's own, which a failing
// worker cancels.
func workersCancelParent(ctx context.Context, all []job) error {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(cctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			select {
			case jobs <- j:
			case <-cctx.Done():
				return cctx.Err()
			}
		}
		return nil
	})
	for range 4 {
		g.Go(func() error {
			for j := range jobs {
				if err := handle(gctx, j); err != nil {
					cancel()
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// Each worker stops at the zero job that the producer sends it.
func stopJobs(ctx context.Context, all []job, n int) error {
	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	g.Go(func() error {
		defer close(jobs)
		for _, j := range all {
			jobs <- j
		}
		for range n {
			jobs <- job{}
		}
		return nil
	})
	for range n {
		g.Go(func() error {
			for j := range jobs {
				if j == (job{}) {
					return nil
				}
				_ = handle(gctx, j)
			}
			return nil
		})
	}
	return g.Wait()
}

// Workers told by their creator to take one job and leave (a flag fixed
// before they start) leave on a plan the creator accounts for, not on a
// failure.
func oneShotWorkers(ctx context.Context, all []job) {
	jobs := make(chan job)
	defer close(jobs)
	work := func(q <-chan job, once bool) {
		for j := range q {
			_ = handle(ctx, j)
			if once {
				break
			}
		}
	}
	for i := range all {
		go work(jobs, i%2 == 0)
	}
	for _, j := range all {
		jobs <- j
	}
}
