package abandonedsend

import "context"

// Forwarders started in a loop each send in a loop of their own: once the
// function returns on ctx.Done, they block, and no buffer size is enough.
func forwardAll(ctx context.Context, inputs []chan int) int {
	agg := make(chan int)
	for _, in := range inputs {
		go func(c chan int) {
			for v := range c {
				agg <- v // want `goroutines started in a loop block forever on send to agg when the select at line \d+ takes case <-ctx.Done\(\) once the function returns at line \d+ without receiving from all of them: each goroutine sends in a loop, so no buffer is enough: let it select on a done channel that the function closes \(or on ctx.Done\(\)\) as it sends to agg`
			}
		}(in)
	}
	sum := 0
	for {
		select {
		case <-ctx.Done():
			return sum
		case v := <-agg:
			sum += v
		}
	}
}
