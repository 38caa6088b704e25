package helper

// Drain receives every value sent on ch until ch is closed. goleak learns
// through a fact that it ranges over its parameter.
func Drain(ch <-chan int) {
	for v := range ch {
		_ = v
	}
}
