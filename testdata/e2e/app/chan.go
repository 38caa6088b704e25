package app

import "example.com/e2e/helper"

// sendAll starts a drainer in another package and never closes the channel:
// only the fact on helper.Drain says the goroutine waits for a close.
func sendAll(items []int) {
	ch := make(chan int)
	go helper.Drain(ch)
	for _, v := range items {
		ch <- v
	}
}

// sendAllClosed is the look-alike that is fine.
func sendAllClosed(items []int) {
	ch := make(chan int)
	go helper.Drain(ch)
	for _, v := range items {
		ch <- v
	}
	close(ch)
}
