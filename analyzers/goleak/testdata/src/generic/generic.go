// Package generic checks that generic code is analysed without panics.
package generic

// Fan runs f on every item and returns the first error.
func Fan[T any](items []T, f func(T) error) error {
	errc := make(chan error)
	for _, it := range items {
		go func() { errc <- f(it) }() // want `goroutines started in a loop block forever on send to errc`
	}
	for range items {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Pipe forwards values from a channel of any element type.
func Pipe[T any](in <-chan T, out chan<- T) { // want Pipe:`chans\(0:range 1:send0..n\)`
	for v := range in {
		out <- v
	}
}

// UsePipe hands a fresh channel to Pipe and reads one value.
func UsePipe(in <-chan int) int {
	out := make(chan int, 1)
	go Pipe(in, out)
	return <-out
}

// EmitN sends a constant number of zero values of any type.
func EmitN[T any](out chan T) { // want EmitN:`chans\(0:send3\)`
	var zero T
	for range 3 {
		out <- zero
	}
}

// FirstOf takes one of three values and returns on the context: two of
// them do not fit the buffer of one.
func FirstOf[T any](done <-chan struct{}) T { // want FirstOf:`chans\(0:recv1\)`
	out := make(chan T, 1)
	go EmitN(out) // want `2 sends to out do not fit its buffer of 1 once the function returns`
	v := <-out
	<-done
	return v
}

// Stuck sends twice on its own one-slot channel of any type.
func Stuck[T any](v T) {
	box := make(chan T, 1)
	box <- v
	box <- v // want `send on box blocks forever: its buffer of 1 is already full`
}
