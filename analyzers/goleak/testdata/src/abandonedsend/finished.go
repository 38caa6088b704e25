package abandonedsend

// A goroutine that announces its own end on a second channel: once the
// creator has received that announcement, the goroutine has made all its
// sends, and leaving the receive loop leaves nothing behind.

func announce(done chan<- struct{}, out chan int, next func() int) {
	for {
		v := next()
		if v < 0 {
			close(done)
			return
		}
		out <- v
	}
}

// drainUntil returns only once done has delivered.
func drainUntil(done <-chan struct{}, in chan int, tick <-chan int) {
	for {
		select {
		case <-done:
			return
		case <-tick:
		case v := <-in:
			_ = v
		}
	}
}

func finishedThroughCallee(next func() int, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go announce(done, in, next)
	drainUntil(done, in, tick)
}

func finishedInSelect(next func() int, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go announce(done, in, next)
	for {
		select {
		case <-done:
			return
		case <-tick:
		case v := <-in:
			_ = v
		}
	}
}

func finishedDeferredClose(next func() int, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go func() {
		defer close(done)
		for {
			v := next()
			if v < 0 {
				return
			}
			in <- v
		}
	}()
	for {
		select {
		case <-done:
			return
		case <-tick:
		case v := <-in:
			_ = v
		}
	}
}

func finishedPlainReceive(next func() int, quit <-chan struct{}) {
	done := make(chan struct{})
	in := make(chan int)
	go func() {
		defer close(done)
		for {
			v := next()
			if v < 0 {
				return
			}
			in <- v
		}
	}()
	for {
		select {
		case <-quit:
			<-done // waits for the goroutine, which may still be sending
			return
		case v := <-in:
			_ = v
		}
	}
}

// The goroutine keeps sending after it closes done: the announcement is
// not its end.
func announcesTooEarly(next func() int, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go func() {
		first := true
		for {
			v := next()
			if first {
				close(done)
				first = false
			}
			in <- v // want `goroutine blocks forever on send to in when the select at line 118 takes case <-done once the function returns at line 120 while it still sends`
		}
	}()
	for {
		select {
		case <-done:
			return
		case <-tick:
		case v := <-in:
			_ = v
		}
	}
}

// The creator may close done itself: a receive from it says nothing about
// the goroutine.
func closedByBoth(next func() int, stop bool) {
	done := make(chan struct{})
	in := make(chan int)
	go announce(done, in, next) // want `goroutine blocks forever on send to in when the select at line 138 takes case <-done once the function returns at line 140 while it still sends`
	if stop {
		close(done)
	}
	for {
		select {
		case <-done:
			return
		case v := <-in:
			_ = v
		}
	}
}

// A callee that can also return without the announcement.
func drainSome(done <-chan struct{}, in chan int, tick <-chan int) {
	for {
		select {
		case <-done:
			return
		case <-tick:
			return
		case v := <-in:
			_ = v
		}
	}
}

func calleeLeavesEarly(next func() int, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go announce(done, in, next) // want `goroutine blocks forever on send to in once the function returns at line 166 while it still sends`
	drainSome(done, in, tick)
}

// Another goroutine also waits on done, and only waits.
func observe(done <-chan struct{}, work <-chan int) {
	for {
		select {
		case <-done:
			return
		case <-work:
		}
	}
}

func finishedWithWatcher(next func() int, work <-chan int, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go announce(done, in, next)
	go observe(done, work)
	drainUntil(done, in, tick)
}

// The other goroutine may close done itself.
func closeOnStop(done chan struct{}, stop <-chan struct{}) {
	<-stop
	close(done)
}

func closedByWatcher(next func() int, stop <-chan struct{}, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go announce(done, in, next) // want `goroutine blocks forever on send to in once the function returns at line 199 while it still sends`
	go closeOnStop(done, stop)
	drainUntil(done, in, tick)
}

// The close in a deferred closure runs as the goroutine returns, too.
func finishedDeferredClosure(next func() int, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go func() {
		defer func() {
			close(done)
		}()
		for {
			v := next()
			if v < 0 {
				return
			}
			in <- v
		}
	}()
	for {
		select {
		case <-done:
			return
		case <-tick:
		case v := <-in:
			_ = v
		}
	}
}

// A closure that closes done but is called, not deferred, in the middle.
func closedMidway(next func() int, tick <-chan int) {
	done := make(chan struct{})
	in := make(chan int)
	go func() {
		finish := func() { close(done) }
		finish()
		for {
			in <- next() // want `goroutine blocks forever on send to in when the select at line 240 takes case <-done`
		}
	}()
	for {
		select {
		case <-done:
			return
		case <-tick:
		case v := <-in:
			_ = v
		}
	}
}
