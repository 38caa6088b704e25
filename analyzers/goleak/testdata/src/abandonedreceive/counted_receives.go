package abandonedreceive

func consume(v int) {}

// takeThree receives exactly three values. It is correct on its own: the
// finding is at the go statement of the creator that abandons it.
func takeThree(in chan int) {
	for range 3 {
		consume(<-in)
	}
}

// --- positives ---

func twoOfThreeSent(a, b int) {
	vals := make(chan int)
	go takeThree(vals) // want `goroutine blocks forever on receive from vals once the function returns at line \d+ without sending on or closing it`
	vals <- a
	vals <- b
}

// --- negatives: must stay silent ---

// A counted receive loop ends after its last receive: sending three
// values serves it, no close needed.
func threeSent() {
	vals := make(chan int)
	go takeThree(vals)
	for i := range 3 {
		vals <- i
	}
}

func threeSentOneByOne(a, b, c int) {
	vals := make(chan int)
	go takeThree(vals)
	vals <- a
	vals <- b
	vals <- c
}
