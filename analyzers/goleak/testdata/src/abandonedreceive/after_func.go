package abandonedreceive

import "time"

// time.AfterFunc calls its function when the timer fires and leaves the
// timer's C nil: a receive from it blocks forever.

// --- positives ---

func waitAfterFunc(d time.Duration, f func()) {
	t := time.AfterFunc(d, f)
	<-t.C // want `receive from the C field of the timer made by time.AfterFunc at line 11 blocks forever`
}

func selectAfterFunc(d time.Duration, f func()) {
	t := time.AfterFunc(d, f)
	select {
	case <-t.C: // want `receive from the C field of the timer made by time.AfterFunc at line 16 blocks forever`
	}
}

// --- negatives a naive rule would flag ---

// A timer from NewTimer has a channel.
func waitTimer(d time.Duration) {
	t := time.NewTimer(d)
	<-t.C
}

// The function signals a channel it owns: that is what to wait on.
func waitSignal(d time.Duration) {
	done := make(chan struct{})
	t := time.AfterFunc(d, func() { close(done) })
	defer t.Stop()
	<-done
}

// Among other cases the dead one never fires, but the select does not
// block on it alone.
func pollAfterFunc(d time.Duration, f func(), stop <-chan struct{}) {
	t := time.AfterFunc(d, f)
	select {
	case <-t.C:
	case <-stop:
	}
}
