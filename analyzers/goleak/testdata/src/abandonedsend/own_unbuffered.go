package abandonedsend

// --- positives ---

func sendBeforeReceiverStarts() int {
	results := make(chan int)
	results <- fetch() // want `send on results blocks forever: it is unbuffered and no other goroutine can receive from it yet: start the receiver before sending, or give it a buffer`
	go func() { <-results }()
	return 0
}

// --- negatives: must stay silent ---

func receiverStartedFirst() {
	results := make(chan int)
	go func() { <-results }()
	results <- fetch()
}

func handedToCallerOwnedGoroutine(start func(chan int)) {
	results := make(chan int)
	start(results)
	results <- fetch()
}
