// Package prematurewait holds the cases of the premature-wait rule: a
// WaitGroup waited on inside the loop that starts the goroutines it
// counted before the loop.
package prematurewait

import "sync"

type job struct{ n int }

// --- positives ---

func runAll(jobs []*job) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for _, j := range jobs {
		go func(j *job) {
			defer wg.Done()
			j.n++
		}(j)
		wg.Wait() // want `wg.Wait\(\) inside the loop waits for every goroutine that wg.Add at line \d+ counted, but the loop has started only one when it first waits`
	}
}

// --- negatives a naive rule would flag ---

// Wait after the loop.
func runAllThenWait(jobs []*job) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for _, j := range jobs {
		go func(j *job) {
			defer wg.Done()
			j.n++
		}(j)
	}
	wg.Wait()
}

// One at a time: Add(1) in the loop.
func runOneByOne(jobs []*job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func(j *job) {
			defer wg.Done()
			j.n++
		}(j)
		wg.Wait()
	}
}

// Waits only once the last one is started.
func runWaitAtEnd(jobs []*job) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for i, j := range jobs {
		go func(j *job) {
			defer wg.Done()
			j.n++
		}(j)
		if i == len(jobs)-1 {
			wg.Wait()
		}
	}
}
