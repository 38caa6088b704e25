package abandonedreceive

// A gate is closed by its owner to release waiters.
type gate struct {
	open chan struct{}
}

func newGate() *gate { return &gate{open: make(chan struct{})} }

// wait returns the channel to wait on; a nil gate never opens.
func (g *gate) wait() <-chan struct{} {
	if g == nil {
		return nil
	}
	return g.open
}

func (g *gate) release() { close(g.open) }

// --- positives ---

func waitOnOwnGate() {
	g := newGate()
	<-g.wait() // want `receive from g.open blocks forever: it is empty and no other goroutine can send on or close it yet: start the sender before receiving`
	g.release()
}

func receiveBeforeSend() int {
	replies := make(chan int, 1)
	v := <-replies // want `receive from replies blocks forever: it is empty and no other goroutine can send on or close it yet`
	replies <- v
	return v
}

// --- negatives: must stay silent ---

func releasedFirst() {
	g := newGate()
	g.release()
	<-g.wait()
}

func releasedByGoroutine() {
	g := newGate()
	go g.release()
	<-g.wait()
}

func sentFirst() int {
	replies := make(chan int, 1)
	replies <- 1
	return <-replies
}

func gateHandedOut(keep func(*gate)) {
	g := newGate()
	keep(g)
	<-g.wait()
}

// A watcher is handed a done channel it forgets to close.
type watcher struct{ events chan int }

func (w *watcher) loop(done chan bool) {
	for range w.events {
	}
}

func (w *watcher) loopAndSignal(done chan bool) {
	for range w.events {
	}
	close(done)
}

func (w *watcher) loopAndForward(done chan bool) {
	relay(done)
}

func relay(done chan bool) { go func() { done <- true }() }

func waitForForgetfulWatcher(w *watcher) {
	done := make(chan bool)
	go w.loop(done)
	<-done // want `receive from done blocks forever: it is empty and no goroutine sends on or closes it \(the goroutine started at line \d+ is handed it but never uses it\): send on or close done in that goroutine`
}

func waitForSignallingWatcher(w *watcher) {
	done := make(chan bool)
	go w.loopAndSignal(done)
	<-done
}

func waitForForwardingWatcher(w *watcher) {
	done := make(chan bool)
	go w.loopAndForward(done)
	<-done
}

// A receive from a channel that is never named is the idiom for blocking
// forever, like select {}: nothing was ever meant to send on it.
var exitFunc = func(int) {}

func freezeInsteadOfExit() {
	exitFunc = func(int) {
		<-make(chan struct{})
	}
}

// A named channel that is only ever received from is still a missing
// partner.
func receiveFromNamedOnly() {
	done := make(chan struct{})
	<-done // want `receive from done blocks forever: it is empty and no other goroutine can send on or close it yet`
}
