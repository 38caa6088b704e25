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
