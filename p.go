package p4

import (
	"context"
	"sync"
)

type source interface {
	Next() bool
	At() int
}

type buffered struct {
	src    source
	buff   chan int
	at     int
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newBuffered(src source, size int) *buffered {
	ctx, cancel := context.WithCancel(context.Background())
	b := &buffered{src: src, buff: make(chan int, size), ctx: ctx, cancel: cancel}
	b.wg.Add(1)
	go b.fill()
	return b
}

func (b *buffered) fill() {
	defer b.wg.Done()
	defer close(b.buff)
	for b.src.Next() {
		b.buff <- b.src.At()
	}
}

func (b *buffered) Next() bool {
	v, ok := <-b.buff
	b.at = v
	return ok
}

func (b *buffered) Close() {
	b.cancel()
	b.wg.Wait()
}
