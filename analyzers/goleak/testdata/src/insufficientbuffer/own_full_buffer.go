package insufficientbuffer

import (
	"os"
	"os/signal"
)

// A pump has a one-slot wakeup channel; run serves it, but only once the
// worker goroutine is started.
type pump struct {
	wake chan struct{}
}

// start pokes the channel before it starts the goroutine that drains it.
func (p *pump) start() {
	p.wake <- struct{}{} // want `send on p.wake blocks forever: its buffer of 1 is already full and no other goroutine can receive from it yet: receive before sending again, or send in a select with a default case`
	go p.run()
}

func (p *pump) run() {
	<-p.wake
}

// startEarly starts the goroutine first.
func (p *pump) startEarly() {
	go p.run()
	p.wake <- struct{}{}
}

// --- positives ---

func pokedTwice() {
	p := &pump{wake: make(chan struct{}, 1)}
	p.wake <- struct{}{}
	p.start()
}

func filledInPlace() {
	acks := make(chan int, 2)
	acks <- 1
	acks <- 2
	acks <- 3 // want `send on acks blocks forever: its buffer of 2 is already full and no other goroutine can receive from it yet`
}

// --- negatives: must stay silent ---

func pokedOnce() {
	p := &pump{wake: make(chan struct{}, 1)}
	p.start()
}

func drainedBetween() {
	p := &pump{wake: make(chan struct{}, 1)}
	p.wake <- struct{}{}
	<-p.wake
	p.start()
}

func goroutineFirst() {
	p := &pump{wake: make(chan struct{}, 1)}
	p.wake <- struct{}{}
	p.startEarly()
}

func bufferFits() int {
	acks := make(chan int, 2)
	acks <- 1
	acks <- 2
	return len(acks)
}

func handedToSignalFirst() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	sigs <- os.Interrupt
	sigs <- os.Interrupt // another goroutine (the signal package's) holds sigs
}

func maybeDrained(drain bool) {
	acks := make(chan int, 1)
	acks <- 1
	if drain {
		<-acks
	}
	acks <- 2 // not followed: the walk stops at a branch
}

func nonBlockingSend() {
	acks := make(chan int, 1)
	acks <- 1
	select {
	case acks <- 2:
	default:
	}
}

// register hands the struct to a registry before its channel is made.
var registry []*pump

func registeredBeforeMake() {
	p := &pump{}
	registry = append(registry, p)
	p.wake = make(chan struct{}, 1)
	p.wake <- struct{}{}
	p.wake <- struct{}{}
}

// The goroutine captures the variable before the channel is made: it may
// read the channel from it at any time.
func capturedBeforeMake() {
	var acks chan int
	go func() {
		for acks == nil {
		}
		for range acks {
		}
	}()
	acks = make(chan int, 1)
	acks <- 1
	acks <- 2
}
