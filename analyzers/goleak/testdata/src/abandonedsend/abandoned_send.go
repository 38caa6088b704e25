// Package abandonedsend holds the fixtures of rule abandoned-send.
package abandonedsend

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch() int        { return 1 }
func work() error       { return nil }
func get(u string) bool { return u != "" }

// --- positives ---

func selectCtx(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- fetch() // want `goroutine blocks forever on send to ch when the select at line \d+ takes case <-ctx.Done\(\) once the function returns at line \d+ without receiving: make ch buffered for every sender, make\(chan int, 1\)`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func selectTimer() int {
	ch := make(chan int)
	go func() { ch <- fetch() }() // want `send to ch when the select at line \d+ takes case <-time.After\(time.Second\)`
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return -1
	}
}

func earlyReturn(ok bool) error {
	done := make(chan error)
	go func() { done <- work() }() // want `goroutine blocks forever on send to done once the function returns at line \d+ without receiving: make done buffered for every sender, make\(chan error, 1\)`
	if !ok {
		return errors.New("not ok")
	}
	return <-done
}

func firstOfN(urls []string) bool {
	ch := make(chan bool)
	for _, u := range urls {
		go func() { ch <- get(u) }() // want `goroutines started in a loop block forever on send to ch once the function returns at line \d+ without receiving from all of them: .*make\(chan bool, len\(urls\)\)`
	}
	return <-ch
}

func earlyReturnInReceiveLoop(items []string) error {
	errc := make(chan error)
	for range items {
		go func() { errc <- work() }() // want `goroutines started in a loop block forever on send to errc .*make\(chan error, len\(items\)\)`
	}
	for range items {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func producerAbandoned(ctx context.Context, items []int) int {
	out := make(chan int)
	go func() {
		for _, it := range items {
			out <- it // want `goroutine blocks forever on send to out once the function returns at line \d+ while it still sends: keep receiving until out is closed`
		}
		close(out)
	}()
	sum := 0
	for v := range out {
		if v < 0 {
			return sum
		}
		sum += v
	}
	return sum
}

// --- negatives: must stay silent ---

func bufferedEnough(ctx context.Context) int {
	ch := make(chan int, 1)
	go func() { ch <- fetch() }()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func receivedOnEveryPath(ok bool) error {
	done := make(chan error)
	go func() { done <- work() }()
	err := <-done
	if !ok {
		return errors.New("not ok")
	}
	return err
}

func sendInSelectWithCtx(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- fetch():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func nonBlockingSend(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- fetch():
		default:
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func closeInsteadOfSend(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		_ = work()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

type holder struct{ ch chan int }

func escapesToField(h *holder, ok bool) {
	ch := make(chan int)
	h.ch = ch
	go func() { ch <- fetch() }()
	if !ok {
		return
	}
	<-ch
}

var sink chan int

func escapesToGlobal(ok bool) {
	ch := make(chan int)
	sink = ch
	go func() { ch <- fetch() }()
	if !ok {
		return
	}
	<-ch
}

func escapesToUnknownCallee(register func(chan int), ok bool) {
	ch := make(chan int)
	register(ch)
	go func() { ch <- fetch() }()
	if !ok {
		return
	}
	<-ch
}

func escapesThroughInterface(ok bool) any {
	ch := make(chan int)
	go func() { ch <- fetch() }()
	if !ok {
		return ch
	}
	return <-ch
}

func returned() <-chan int {
	ch := make(chan int)
	go func() { ch <- fetch() }()
	return ch
}

func sentOnAnotherChannel(reqs chan chan int, ok bool) {
	ch := make(chan int)
	go func() { ch <- fetch() }()
	reqs <- ch
	if !ok {
		return
	}
	<-ch
}

func joinedByWaitGroup(ok bool) error {
	var wg sync.WaitGroup
	res := make(chan error)
	wg.Add(1)
	go func() {
		defer wg.Done()
		res <- work()
	}()
	if !ok {
		return nil
	}
	err := <-res
	wg.Wait()
	return err
}

func joinedByErrgroup(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	ch := make(chan int)
	g.Go(func() error {
		select {
		case ch <- fetch():
		case <-ctx.Done():
		}
		return nil
	})
	<-ch
	return g.Wait()
}

func countedReceiveLoop(n int) int {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() { ch <- fetch() }()
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	return sum
}

func producerDrained(items []int) int {
	out := make(chan int)
	go func() {
		for _, it := range items {
			out <- it
		}
		close(out)
	}()
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

func startedAndReceivedPerIteration(items []string) int {
	ch := make(chan bool)
	n := 0
	for _, u := range items {
		go func() { ch <- get(u) }()
		if <-ch {
			n++
		}
	}
	return n
}

func processExitsOnTimeout() int {
	ch := make(chan int)
	go func() { ch <- fetch() }()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		log.Fatal("timed out")
	}
	return 0
}

func drainedByDefer(ok bool) error {
	ch := make(chan error)
	go func() { ch <- work() }()
	defer func() { <-ch }()
	if !ok {
		return errors.New("not ok")
	}
	return nil
}

func resultOrError(ctx context.Context) (int, error) {
	resc := make(chan int)
	errc := make(chan error)
	go func() {
		if err := work(); err != nil {
			errc <- err
			return
		}
		resc <- fetch()
	}()
	select {
	case v := <-resc:
		return v, nil
	case err := <-errc:
		return 0, err
	}
}

func freshChannelPerIteration(stop chan bool) {
	for {
		done := make(chan bool)
		go func() { done <- get("x") }()
		select {
		case <-stop:
			stop <- true
			<-done
			return
		case <-done:
		}
	}
}

func reassigned(ok bool) {
	ch := make(chan int)
	go func() { ch <- fetch() }()
	if !ok {
		ch = nil
		return
	}
	<-ch
}

func rangeOverCountTwice(n int) int {
	ch := make(chan int)
	for range n {
		go func() { ch <- fetch() }()
	}
	sum := 0
	for range n {
		sum += <-ch
	}
	return sum
}

func sameConditionTwice(async bool) int {
	ch := make(chan int)
	if async {
		go func() { ch <- fetch() }()
	}
	n := 1
	if async {
		n = <-ch
	}
	return n
}

func sameComparisonTwice(mode int) int {
	ch := make(chan int)
	if mode == 2 {
		go func() { ch <- fetch() }()
	}
	n := 1
	if mode == 2 {
		n = <-ch
	}
	return n
}

func suppressed(ok bool) error {
	done := make(chan error)
	go func() { done <- work() }() //nolint:goleak/abandoned-send // the caller exits the process right after
	if !ok {
		return errors.New("not ok")
	}
	return <-done
}

func channelPerOuterIteration(cases []int) int {
	failures := 0
	for _, n := range cases {
		errc := make(chan error)
		for i := 0; i < n; i++ {
			go func() { errc <- work() }()
		}
		for i := 0; i < n; i++ {
			if err := <-errc; err != nil {
				failures++
			}
		}
	}
	return failures
}

func monitor(stop chan bool) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Millisecond):
		}
	}
}

func partnerGoroutineSelects() {
	stop := make(chan bool)
	go monitor(stop)
	go func() { stop <- true }()
}

type watch struct {
	ctx    context.Context
	errs   chan error
	result chan bool
}

func newWatch(ctx context.Context) *watch {
	return &watch{ctx: ctx, errs: make(chan error), result: make(chan bool)}
}

func (w *watch) run() {
	select {
	case err := <-w.errs:
		w.result <- err == nil
	case <-w.ctx.Done():
	}
}

func (w *watch) stop() { w.errs <- errors.New("stopped") }

func resultNeverRead(ctx context.Context) {
	w := newWatch(ctx)
	go w.run() // want `goroutine blocks forever on send to w.result once the function returns at line \d+ without receiving`
	go w.stop()
}

func resultRead(ctx context.Context) bool {
	w := newWatch(ctx)
	go w.run()
	go w.stop()
	return <-w.result
}

func watchHandedOut(ctx context.Context) *watch {
	w := newWatch(ctx)
	go w.run()
	go w.stop()
	return w
}

var watches []*watch

func newRegisteredWatch(ctx context.Context) *watch {
	w := &watch{ctx: ctx, errs: make(chan error), result: make(chan bool)}
	watches = append(watches, w)
	return w
}

func registeredWatch(ctx context.Context) {
	w := newRegisteredWatch(ctx)
	go w.run()
	go w.stop()
}

// sendBoth reports a result and then its error, each on its own channel.
func sendBoth(vals chan int, errs chan error) {
	vals <- 1
	errs <- nil
}

// The creator gives up on both channels: one finding, at its go statement,
// for the goroutine it abandons, not one per channel.
func abandonsNamedWorker(ctx context.Context) int {
	vals, errs := make(chan int), make(chan error)
	go sendBoth(vals, errs) // want `goroutine blocks forever on send to (vals|errs)`
	select {
	case v := <-vals:
		<-errs
		return v
	case <-ctx.Done():
		return 0
	}
}
