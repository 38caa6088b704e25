package stopsentonce

import "errors"

var errStopped = errors.New("stopped")

type update struct{ n int }

// stream serializes sends through one goroutine.
type stream struct {
	done chan struct{}
	ch   chan *update
	out  func(*update)
}

func newStream(out func(*update)) *stream {
	return &stream{done: make(chan struct{}), ch: make(chan *update), out: out}
}

func (s *stream) Start() {
	go func() {
		for {
			select {
			case <-s.done:
				return
			case u := <-s.ch:
				s.out(u)
			}
		}
	}()
}

func (s *stream) Send(u *update) error {
	select {
	case <-s.done:
		return errStopped
	case s.ch <- u:
		return nil
	}
}

func (s *stream) Stop() {
	s.done <- struct{}{} // want `send on stream.done wakes only one of its waiters, but 2 functions wait on it as a stop signal \(Start's function literal \(a goroutine\) at line 24, Send at line 35\): once one has taken the value the others wait forever, and so does what they guard; close stream.done instead`
}

// Two pollers started by the package leave on the first value of quit.
type pollers struct {
	quit chan bool
	tick chan int
}

func (p *pollers) run(n int) {
	go p.pollA()
	go p.pollB()
}

func (p *pollers) pollA() {
	for {
		select {
		case <-p.quit:
			return
		case <-p.tick:
		}
	}
}

func (p *pollers) pollB() {
	for {
		select {
		case <-p.quit:
			return
		case <-p.tick:
		}
	}
}

func newPollers() *pollers { return &pollers{quit: make(chan bool), tick: make(chan int)} }

func (p *pollers) stop() {
	p.quit <- true // want `send on pollers.quit wakes only one of its waiters, but 2 functions wait on it as a stop signal`
}

// Negative: one value per waiter.
type pair struct {
	quit chan struct{}
	work chan int
}

func newPair() *pair { return &pair{quit: make(chan struct{}), work: make(chan int)} }

func (p *pair) start() {
	go p.loopA()
	go p.loopB()
}

func (p *pair) loopA() {
	for {
		select {
		case <-p.quit:
			return
		case <-p.work:
		}
	}
}

func (p *pair) loopB() {
	for {
		select {
		case <-p.quit:
			return
		case <-p.work:
		}
	}
}

func (p *pair) stop() {
	for range 2 {
		p.quit <- struct{}{}
	}
}

// Negative: a single waiter, the goroutine: one value is enough.
type single struct {
	quit chan struct{}
	jobs chan int
}

func newSingle() *single { return &single{quit: make(chan struct{}), jobs: make(chan int)} }

func (s *single) start() {
	go func() {
		for {
			select {
			case <-s.quit:
				return
			case j := <-s.jobs:
				_ = j
			}
		}
	}()
}

func (s *single) stop() { s.quit <- struct{}{} }

// Negative: a waiter that goes on waiting after it receives (a pause
// signal, not a stop): the value is meant for whoever is waiting.
type pauser struct {
	pause chan struct{}
	jobs  chan int
}

func newPauser() *pauser { return &pauser{pause: make(chan struct{}), jobs: make(chan int)} }

func (p *pauser) start() {
	go func() {
		for {
			select {
			case <-p.pause:
				continue
			case <-p.jobs:
			}
		}
	}()
}

func (p *pauser) submit(j int) error {
	select {
	case <-p.pause:
		return errStopped
	case p.jobs <- j:
		return nil
	}
}

func (p *pauser) hold() { p.pause <- struct{}{} }

// Negative: the channel is also closed.
type closer struct {
	done chan struct{}
	ch   chan int
}

func newCloser() *closer { return &closer{done: make(chan struct{}), ch: make(chan int)} }

func (c *closer) start() {
	go func() {
		select {
		case <-c.done:
		case <-c.ch:
		}
	}()
}

func (c *closer) wait() { <-c.done }

func (c *closer) stop()  { c.done <- struct{}{} }
func (c *closer) close() { close(c.done) }

// Negative: the second waiter is a helper that only the goroutine calls:
// the two never wait at once, and one value stops the loop either way.
type napper struct {
	stop chan struct{}
	work chan int
}

func newNapper() *napper { return &napper{stop: make(chan struct{}), work: make(chan int)} }

func (n *napper) start() {
	go n.loop()
}

func (n *napper) loop() {
	for {
		select {
		case <-n.stop:
			return
		case <-n.work:
			if n.rest() {
				return
			}
		}
	}
}

func (n *napper) rest() bool {
	select {
	case <-n.stop:
		return true
	default:
		return false
	}
}

func (n *napper) halt() { n.stop <- struct{}{} }
