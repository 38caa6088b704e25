package prematurewait

import (
	"errors"
	"sync"
)

// A goroutine that can return without calling Done on the WaitGroup its
// creator waits for.

func stepItem(i int) error {
	if i < 0 {
		return errors.New("negative")
	}
	return nil
}

// --- positives ---

func runSkipping(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if err := stepItem(it); err != nil {
				return // want `the goroutine started at line 24 returns here without calling wg.Done\(\), so wg.Wait\(\) at line 31 blocks forever: defer wg.Done\(\) at the top of the goroutine`
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// --- negatives a naive rule would flag ---

// Done before each return.
func runDoneEach(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if err := stepItem(it); err != nil {
				wg.Done()
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Deferred: runs on every path.
func runDoneDeferred(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := stepItem(it); err != nil {
				return
			}
		}()
	}
	wg.Wait()
}

// A failure that panics ends the process: no return skips Done.
func runDoneOrPanic(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if err := stepItem(it); err != nil {
				panic(err)
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Nobody waits here: the goroutine's return does not block anyone in
// sight.
func startDoneOnly(wg *sync.WaitGroup, it int) {
	go func() {
		if err := stepItem(it); err != nil {
			return
		}
		wg.Done()
	}()
}

// The WaitGroup counts jobs, one Done per job received: a worker that
// returns once the jobs channel is closed owes no Done.
func runPerJob(jobs []int, workers int) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	queue := make(chan int)
	defer close(queue)
	for range workers {
		go func() {
			for j := range queue {
				if err := stepItem(j); err != nil {
					wg.Done()
					continue
				}
				wg.Done()
			}
		}()
	}
	for _, j := range jobs {
		queue <- j
	}
	wg.Wait()
}
