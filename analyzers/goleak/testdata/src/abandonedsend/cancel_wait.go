package abandonedsend

import (
	"context"
	"sync"
)

type rowSource interface {
	Next() bool
	At() int
}

// --- positive: Close cancels and waits, the filler's send ignores the
// cancellation ---

type prefetcher struct {
	src    rowSource
	buf    chan int
	cur    int
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newPrefetcher(src rowSource, size int) *prefetcher {
	ctx, cancel := context.WithCancel(context.Background())
	p := &prefetcher{src: src, buf: make(chan int, size), ctx: ctx, cancel: cancel}
	p.wg.Add(1)
	go p.fill()
	return p
}

func (p *prefetcher) fill() {
	defer p.wg.Done()
	defer close(p.buf)
	for p.src.Next() {
		p.buf <- p.src.At() // want `send on prefetcher.buf blocks forever once its reader stops with the buffer full: Close cancels \(prefetcher.cancel, line \d+\) and then waits for fill \(prefetcher.wg.Wait, line \d+\), but a plain send does not observe the cancellation, so Close waits forever too`
	}
}

func (p *prefetcher) Next() bool {
	v, ok := <-p.buf
	p.cur = v
	return ok
}

func (p *prefetcher) Close() {
	p.cancel()
	p.wg.Wait()
}

// --- negatives ---

// The send selects on the context that Close cancels.
type selectingPrefetcher struct {
	src    rowSource
	buf    chan int
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newSelectingPrefetcher(src rowSource) *selectingPrefetcher {
	ctx, cancel := context.WithCancel(context.Background())
	p := &selectingPrefetcher{src: src, buf: make(chan int, 8), ctx: ctx, cancel: cancel}
	p.wg.Add(1)
	go p.fill()
	return p
}

func (p *selectingPrefetcher) fill() {
	defer p.wg.Done()
	defer close(p.buf)
	for p.src.Next() {
		select {
		case <-p.ctx.Done():
			return
		case p.buf <- p.src.At():
		}
	}
}

func (p *selectingPrefetcher) Next() (int, bool) {
	v, ok := <-p.buf
	return v, ok
}

func (p *selectingPrefetcher) Close() {
	p.cancel()
	p.wg.Wait()
}

// Close drains the channel before it waits.
type drainingPrefetcher struct {
	src    rowSource
	buf    chan int
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newDrainingPrefetcher(src rowSource) *drainingPrefetcher {
	_, cancel := context.WithCancel(context.Background())
	p := &drainingPrefetcher{src: src, buf: make(chan int, 8), cancel: cancel}
	p.wg.Add(1)
	go p.fill()
	return p
}

func (p *drainingPrefetcher) fill() {
	defer p.wg.Done()
	defer close(p.buf)
	for p.src.Next() {
		p.buf <- p.src.At()
	}
}

func (p *drainingPrefetcher) Next() (int, bool) {
	v, ok := <-p.buf
	return v, ok
}

func (p *drainingPrefetcher) Close() {
	p.cancel()
	for range p.buf {
	}
	p.wg.Wait()
}

// A goroutine of the package reads the channel until it is closed.
type pipeline struct {
	src    rowSource
	buf    chan int
	sum    int
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newPipeline(src rowSource) *pipeline {
	_, cancel := context.WithCancel(context.Background())
	p := &pipeline{src: src, buf: make(chan int), cancel: cancel}
	p.wg.Add(2)
	go p.fill()
	go p.consume()
	return p
}

func (p *pipeline) fill() {
	defer p.wg.Done()
	defer close(p.buf)
	for p.src.Next() {
		p.buf <- p.src.At()
	}
}

func (p *pipeline) consume() {
	defer p.wg.Done()
	for v := range p.buf {
		p.sum += v
	}
}

func (p *pipeline) Close() {
	p.cancel()
	p.wg.Wait()
}

// The same in a generic type: the go statement starts an instance of the
// method.
type genericPrefetcher[T any] struct {
	next   func() (T, bool)
	buf    chan T
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newGenericPrefetcher[T any](next func() (T, bool), size int) *genericPrefetcher[T] {
	_, cancel := context.WithCancel(context.Background())
	p := &genericPrefetcher[T]{next: next, buf: make(chan T, size), cancel: cancel}
	p.wg.Add(1)
	go p.fill()
	return p
}

func (p *genericPrefetcher[T]) fill() {
	defer p.wg.Done()
	defer close(p.buf)
	for {
		v, ok := p.next()
		if !ok {
			return
		}
		p.buf <- v // want `send on genericPrefetcher.buf blocks forever once its reader stops with the buffer full`
	}
}

func (p *genericPrefetcher[T]) Next() (T, bool) {
	v, ok := <-p.buf
	return v, ok
}

func (p *genericPrefetcher[T]) Close() {
	p.cancel()
	p.wg.Wait()
}
