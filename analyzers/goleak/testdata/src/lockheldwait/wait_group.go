package lockheldwait

import (
	"sync"

	"fixtures/lockheldwait/other"
)

type pool struct {
	mu      sync.Mutex
	rw      sync.RWMutex
	results []int
	g       other.Guarded
}

func (p *pool) record(v int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.results = append(p.results, v)
}

func (p *pool) tryRecord(v int) {
	if p.mu.TryLock() {
		p.results = append(p.results, v)
		p.mu.Unlock()
	}
}

// --- positives ---

// The workers record under the mutex the waiter holds.
func (p *pool) run(jobs []int) {
	var wg sync.WaitGroup
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.record(j)
		}()
	}
	wg.Wait() // want `wg.Wait\(\) blocks forever while p.mu is held \(locked at line \d+\): the goroutine started at line \d+ calls p.record at line \d+, which locks p.mu at wait_group.go:\d+ before it calls wg.Done\(\), and cannot get it while this goroutine waits; release p.mu before waiting`
}

// A direct lock before a plain Done, in a named function.
func worker(p *pool, wg *sync.WaitGroup) {
	p.mu.Lock()
	p.results = append(p.results, 1)
	p.mu.Unlock()
	wg.Done()
}

func (p *pool) runNamed() {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(p, &wg)
	p.mu.Lock()
	wg.Wait() // want `wg.Wait\(\) blocks forever while p.mu is held \(locked at line \d+\): the goroutine started at line \d+ locks p.mu at line \d+ before it calls wg.Done\(\)`
	p.mu.Unlock()
}

// WaitGroup.Go, and a mutex locked in another package.
func (p *pool) runGo() {
	var wg sync.WaitGroup
	p.g.Mu.Lock()
	wg.Go(func() { other.Inc(&p.g) })
	wg.Wait() // want `wg.Wait\(\) blocks forever while p.g.Mu is held \(locked at line \d+\): the goroutine started at line \d+ calls other.Inc at line \d+, which locks p.g.Mu at other.go:\d+`
	p.g.Mu.Unlock()
}

// --- negatives ---

// The goroutine locks the mutex only after its Done.
func (p *pool) after() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		p.record(1)
	}()
	p.mu.Lock()
	wg.Wait()
	p.mu.Unlock()
}

// The goroutine only tries the lock.
func (p *pool) tries() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		p.tryRecord(1)
	}()
	p.mu.Lock()
	wg.Wait()
	p.mu.Unlock()
}

// The waiter unlocks before it waits.
func (p *pool) released(jobs []int) {
	var wg sync.WaitGroup
	p.mu.Lock()
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.record(j)
		}()
	}
	p.mu.Unlock()
	wg.Wait()
}

// The goroutine locks another pool's mutex.
func (p *pool) elsewhere(q *pool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		q.record(1)
	}()
	p.mu.Lock()
	wg.Wait()
	p.mu.Unlock()
}

// The goroutine locks only on some paths.
func (p *pool) sometimes(v int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if v > 0 {
			p.record(v)
		}
	}()
	p.mu.Lock()
	wg.Wait()
	p.mu.Unlock()
}

// Two readers do not wait for each other.
func (p *pool) readers() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		p.rw.RLock()
		_ = len(p.results)
		p.rw.RUnlock()
	}()
	p.rw.RLock()
	wg.Wait()
	p.rw.RUnlock()
}
