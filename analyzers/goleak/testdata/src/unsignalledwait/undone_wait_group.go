package unsignalledwait

import "sync"

// A WaitGroup that the package counts up and never counts down: once an
// Add has run, Wait never returns.

// --- positives ---

// The uploads are counted when queued; nothing marks one finished.
type uploader struct {
	mu       sync.Mutex
	inflight sync.WaitGroup
	queue    []string
}

func (u *uploader) enqueue(name string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.inflight.Add(1)
	u.queue = append(u.queue, name)
}

func (u *uploader) flush() {
	u.inflight.Wait() // want `u.inflight.Wait\(\) blocks forever once u.inflight.Add has run \(line 20, in enqueue\): nothing in this package calls Done on u.inflight \(uploader.inflight, an unexported field\), nor Add with a negative count`
}

// A local WaitGroup whose goroutines forget to report.
func warmAll(keys []string, warm func(string)) {
	var started sync.WaitGroup
	for _, k := range keys {
		started.Add(1)
		go func() {
			warm(k)
		}()
	}
	started.Wait() // want `started.Wait\(\) blocks forever once started.Add has run \(line 32, in warmAll\): nothing in this package calls Done on started, nor Add`
}

// --- negatives a naive rule would flag ---

// Done in another method: nothing in enqueueJob's body counts down, the
// package does.
type crawler struct {
	pending sync.WaitGroup
}

func (c *crawler) enqueueJob(url string) {
	c.pending.Add(1)
	go c.visit(url)
}

func (c *crawler) visit(url string) {
	defer c.pending.Done()
	_ = url
}

func (c *crawler) wait() { c.pending.Wait() }

// Counted down by Add(-1).
type gauge struct {
	open sync.WaitGroup
}

func (g *gauge) acquire() { g.open.Add(1) }
func (g *gauge) release() { g.open.Add(-1) }
func (g *gauge) drain()   { g.open.Wait() }

// Counted down by a variable amount, which may be negative.
type ledger struct {
	outstanding sync.WaitGroup
}

func (l *ledger) reserve()         { l.outstanding.Add(1) }
func (l *ledger) settle(delta int) { l.outstanding.Add(delta) }
func (l *ledger) close()           { l.outstanding.Wait() }

// Handed to a helper, which may call Done.
func fanOut(jobs []func()) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go runJob(&wg, j)
	}
	wg.Wait()
}

func runJob(wg *sync.WaitGroup, j func()) {
	defer wg.Done()
	j()
}

// Done inside the closure that captures the WaitGroup.
func fanOutInline(jobs []func()) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j()
		}()
	}
	wg.Wait()
}

// Embedded: Done is a method of the struct that other packages may call.
type Batch struct {
	sync.WaitGroup
}

func (b *Batch) Start() { b.Add(1) }
func (b *Batch) Join()  { b.Wait() }

// Exported field: other packages may call Done on it.
type Tracker struct {
	Active sync.WaitGroup
}

func (t *Tracker) Begin()  { t.Active.Add(1) }
func (t *Tracker) Settle() { t.Active.Wait() }

// serveForever only ends by panicking: the Done after it never runs.
func serveForever(c chan int, id int) {
	for {
		c <- id
		if id < 0 {
			panic("bad id")
		}
	}
}

func serveUntilDone(c chan int, id int) {
	c <- id
}

func waitForServers(n int) {
	var wg sync.WaitGroup
	c := make(chan int)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(id int) {
			serveForever(c, id)
			wg.Done()
		}(i)
		<-c
	}
	wg.Wait() // want `wg.Wait\(\) blocks forever once wg.Add has run \(line 140, in waitForServers\): wg.Done\(\) at line 143 never runs, every path to it passes a call that does not return`
}

// Negative: the same shape with a worker that returns.
func waitForWorkers(n int) {
	var wg sync.WaitGroup
	c := make(chan int)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(id int) {
			serveUntilDone(c, id)
			wg.Done()
		}(i)
		<-c
	}
	wg.Wait()
}
