package insufficientbuffer

import "context"

const batch = 4

// emitBatch sends exactly batch+2 values: the loop bound is a constant.
func emitBatch(out chan int) {
	for i := 0; i < batch+2; i++ {
		out <- i
	}
}

// emitRange sends three values through a range over a constant.
func emitRange(out chan int) {
	for i := range 3 {
		out <- i
	}
}

// --- positives ---

func firstOfBatch(ctx context.Context) int {
	results := make(chan int, batch)
	go func() {
		defer close(results)
		emitBatch(results) // want `5 sends to results do not fit its buffer of 4 once the function returns at line \d+: make results buffered for every sender, make\(chan int, 6\)`
	}()
	for v := range results {
		<-ctx.Done()
		return v
	}
	return 0
}

func firstOfRange(ctx context.Context) int {
	results := make(chan int, 1)
	go emitRange(results) // want `2 sends to results do not fit its buffer of 1 once the function returns at line \d+: make results buffered for every sender, make\(chan int, 3\)`
	v := <-results
	if v < 0 {
		return v
	}
	<-results
	<-results
	return v
}

// --- negatives: must stay silent ---

// The buffer holds every send the loop can make.
func batchFits(ctx context.Context) int {
	results := make(chan int, batch+2)
	go emitBatch(results)
	for v := range results {
		<-ctx.Done()
		return v
	}
	return 0
}

// emitUntil stops at the first negative value: its loop has a second exit,
// so its sends cannot be counted.
func emitUntil(out chan int, vals [8]int) {
	for i := 0; i < 8; i++ {
		if vals[i] < 0 {
			break
		}
		out <- vals[i]
	}
}

func breakLoopNotCounted(ctx context.Context, vals [8]int) int {
	results := make(chan int, 2)
	go emitUntil(results, vals)
	v := <-results
	<-ctx.Done()
	return v
}

// emitN sends n values: n is not a constant.
func emitN(out chan int, n int) {
	for i := 0; i < n; i++ {
		out <- i
	}
}

func variableBound(ctx context.Context) int {
	results := make(chan int, 2)
	go emitN(results, 8)
	v := <-results
	<-ctx.Done()
	return v
}

// emitSkipping changes its index inside the body: the trip count is not the bound.
func emitSkipping(out chan int) {
	for i := 0; i < 8; i++ {
		out <- i
		i++
	}
}

func indexChangedInBody(ctx context.Context) int {
	results := make(chan int, 2)
	go emitSkipping(results)
	v := <-results
	<-ctx.Done()
	return v
}

// emitGrid sends from nested loops: not counted.
func emitGrid(out chan int) {
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			out <- i * j
		}
	}
}

func nestedLoops(ctx context.Context) int {
	results := make(chan int, 2)
	go emitGrid(results)
	v := <-results
	<-ctx.Done()
	return v
}

// Every send is received: a counted receive loop on the creator's side.
func allReceived() int {
	results := make(chan int, 1)
	go emitRange(results)
	sum := 0
	for range 3 {
		sum += <-results
	}
	return sum
}

// The goroutine sends in a counted loop, but only on some iterations: it
// still sends at most three times, which the buffer holds.
func emitOdd(out chan int) {
	for i := 0; i < 6; i++ {
		if i%2 == 1 {
			out <- i
		}
	}
}

func someIterationsFit(ctx context.Context) int {
	results := make(chan int, 3)
	go emitOdd(results)
	<-ctx.Done()
	return 0
}
