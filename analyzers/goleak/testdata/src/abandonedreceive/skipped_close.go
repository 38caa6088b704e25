package abandonedreceive

import (
	"context"
	"errors"
	"log"
	"sync"
)

func sink(int)                   {}
func parseItem(int) (int, error) { return 0, nil }
func checkItem(int) error        { return nil }

// --- positives: a close skipped on an early return, while a range waits for it ---

func producerSkipsClose(items []int) int {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			v, err := parseItem(it)
			if err != nil {
				return // want `the range over ch at line \d+ never ends once this goroutine returns here without closing ch \(the close at line \d+ is skipped\): close ch on every path, defer close\(ch\)`
			}
			ch <- v
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func producerBesideConsumer(items []int) {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for v := range ch {
			sink(v)
		}
	}()
	go func() {
		for _, it := range items {
			v, err := parseItem(it)
			if err != nil {
				log.Printf("parse: %v", err)
				return // want `the goroutine started at line \d+ ranging over ch never ends once this goroutine returns here without closing ch`
			}
			ch <- v
		}
		close(ch)
	}()
	wg.Wait()
}

func produce(out chan<- int, items []int) {
	for _, it := range items {
		v, err := parseItem(it)
		if err != nil {
			return // want `the range over ch at line \d+ never ends once this goroutine returns here without closing out \(the close at line \d+ is skipped\)`
		}
		out <- v
	}
	close(out)
}

func namedProducer(items []int) int {
	ch := make(chan int)
	go produce(ch, items)
	n := 0
	for range ch {
		n++
	}
	return n
}

// The function itself closes at its end and returns early in between.
func creatorSkipsClose(items []int) error {
	ch := make(chan int)
	go func() {
		for v := range ch { // want `goroutine ranging over ch never ends once the function returns at line \d+ without sending on or closing it: close it on every path, defer close\(ch\)`
			sink(v)
		}
	}()
	for _, it := range items {
		if err := checkItem(it); err != nil {
			return err
		}
		ch <- it
	}
	close(ch)
	return nil
}

// After the close it waits for the consumer: a deferred close would come
// after that wait, so no fix is offered.
func creatorWaitsAfterClose(items []int) error {
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		for v := range ch { // want `goroutine ranging over ch never ends once the function returns at line \d+ without sending on or closing it`
			sink(v)
		}
		close(done)
	}()
	for _, it := range items {
		if err := checkItem(it); err != nil {
			return err
		}
		ch <- it
	}
	close(ch)
	<-done
	return nil
}

// --- negatives: must stay silent ---

func producerDefersClose(items []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, it := range items {
			v, err := parseItem(it)
			if err != nil {
				return
			}
			ch <- v
		}
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func producerClosesOnEveryPath(items []int) int {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			v, err := parseItem(it)
			if err != nil {
				close(ch)
				return
			}
			ch <- v
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func producerExits(items []int) int {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			v, err := parseItem(it)
			if err != nil {
				log.Fatalf("parse: %v", err)
				return
			}
			ch <- v
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func producerPanics(items []int) int {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			v, err := parseItem(it)
			if err != nil {
				panic(err)
			}
			ch <- v
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// The consumer also watches done, which the early path closes.
func consumerWatchesDone(items []int) {
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case v, ok := <-ch:
				if !ok {
					return
				}
				sink(v)
			case <-done:
				return
			}
		}
	}()
	go func() {
		for _, it := range items {
			v, err := parseItem(it)
			if err != nil {
				close(done)
				return
			}
			ch <- v
		}
		close(ch)
	}()
}

// The consumer leaves its loop on a value of its own: not only a close
// ends it (the producer's send is what it abandons).
func consumerStopsOnError(items []int) error {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			v, err := parseItem(it)
			if err != nil {
				return
			}
			ch <- v // want `goroutine blocks forever on send to ch once the function returns at line \d+ while it still sends`
		}
		close(ch)
	}()
	for v := range ch {
		if v < 0 {
			return errors.New("negative")
		}
	}
	return nil
}

// The early return comes before the consumer starts.
func creatorReturnsBeforeConsumer(items []int) error {
	if len(items) == 0 {
		return errors.New("no items")
	}
	ch := make(chan int)
	go func() {
		for v := range ch {
			sink(v)
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
	return nil
}

func creatorExitsOnError(items []int) {
	ch := make(chan int)
	go func() {
		for v := range ch {
			sink(v)
		}
	}()
	for _, it := range items {
		if err := checkItem(it); err != nil {
			log.Fatal(err)
		}
		ch <- it
	}
	close(ch)
}

// The consumer watches ctx, which the caller cancels.
func consumerWatchesCtx(ctx context.Context, items []int) error {
	ch := make(chan int)
	go func() {
		for {
			select {
			case v := <-ch:
				sink(v)
			case <-ctx.Done():
				return
			}
		}
	}()
	for _, it := range items {
		if err := checkItem(it); err != nil {
			return err
		}
		ch <- it
	}
	close(ch)
	return nil
}
