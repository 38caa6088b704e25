package abandonedreceive

import (
	"context"
	"errors"
	"time"
)

// A session watches its context in a goroutine; Close cancels it.
type session struct {
	ctx    context.Context
	cancel context.CancelFunc
	id     int
}

func openSession(parent context.Context) *session {
	ctx, cancel := context.WithCancel(parent)
	s := &session{ctx: ctx, cancel: cancel}
	go s.watch()
	return s
}

func (s *session) watch() {
	<-s.ctx.Done() // want `goroutine waits forever on ctx.Done\(\) of the struct that openSession returns once the function returns at line \d+ without calling its cancel: the context has no other parent than context.Background\(\); cancel it on every path` `goroutine waits forever on s.ctx.Done\(\) once the function returns at line \d+ without calling s.cancel`
	cleanup()
}

func (s *session) Close()    { s.shutdown() }
func (s *session) shutdown() { s.cancel() }

// Stop cancels only when there is something to cancel.
func (s *session) Stop() {
	if s.cancel != nil {
		s.cancel()
	}
}

var errSession = errors.New("session")

// --- positives ---

func sessionDiscarded() {
	openSession(context.Background())
}

func sessionNotClosedOnError(fail bool) error {
	s := openSession(context.TODO())
	if fail {
		return errSession
	}
	s.Close()
	return nil
}

// --- negatives: must stay silent ---

func sessionClosed() {
	s := openSession(context.Background())
	defer s.Close()
	s.id++
}

func sessionClosedOnEveryPath(fail bool) error {
	s := openSession(context.Background())
	if fail {
		s.Close()
		return errSession
	}
	s.Close()
	return nil
}

func sessionStoppedWithNilCheck() {
	s := openSession(context.Background())
	s.Stop()
}

// The parent is the caller's context: it ends when the caller's does.
func sessionUnderCallerCtx(ctx context.Context) {
	openSession(ctx)
}

func sessionReturned() *session {
	return openSession(context.Background())
}

var sessions []*session

func sessionKept() {
	s := openSession(context.Background())
	sessions = append(sessions, s)
}

// A deadline ends the context without cancel.
type timedSession struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func openTimed(parent context.Context) *timedSession {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	s := &timedSession{ctx: ctx, cancel: cancel}
	go s.watch()
	return s
}

func (s *timedSession) watch() { <-s.ctx.Done() }

func timedDiscarded() {
	openTimed(context.Background())
}

// The watcher also listens to a stop channel of its own.
type stoppable struct {
	ctx    context.Context
	cancel context.CancelFunc
	stop   chan struct{}
}

func openStoppable() *stoppable {
	ctx, cancel := context.WithCancel(context.Background())
	s := &stoppable{ctx: ctx, cancel: cancel, stop: make(chan struct{})}
	go s.watch()
	return s
}

func (s *stoppable) watch() {
	select {
	case <-s.ctx.Done():
	case <-s.stop:
	}
}

func stoppableDiscarded() {
	openStoppable()
}

// The watcher cancels the context itself after its own timer.
type selfCancelling struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func openSelfCancelling() *selfCancelling {
	ctx, cancel := context.WithCancel(context.Background())
	s := &selfCancelling{ctx: ctx, cancel: cancel}
	go s.expire()
	go s.watch()
	return s
}

func (s *selfCancelling) expire() {
	time.Sleep(time.Second)
	s.cancel()
}

func (s *selfCancelling) watch() { <-s.ctx.Done() }

func selfCancellingDiscarded() {
	openSelfCancelling()
}

// A cursor keeps only the cancel function; its watcher gets the context.
type cursor struct {
	cancel context.CancelFunc
	rows   int
}

func (c *cursor) watch(parent context.Context) {
	var ctx context.Context
	ctx, c.cancel = context.WithCancel(parent)
	go c.awaitDone(ctx)
}

// awaitDone cancels only after its wait: that cannot release it.
func (c *cursor) awaitDone(ctx context.Context) {
	<-ctx.Done() // want `goroutine waits forever on ctx.Done\(\) of the context that c.watch makes once the function returns at line \d+ without calling c.cancel`
	c.finish()
}

func (c *cursor) finish() { c.cancel() }

// watchEager's goroutine may cancel before it waits.
func (c *cursor) watchEager(parent context.Context) {
	var ctx context.Context
	ctx, c.cancel = context.WithCancel(parent)
	go c.cancelThenWait(ctx)
}

func (c *cursor) cancelThenWait(ctx context.Context) {
	if c.rows == 0 {
		c.finish()
	}
	<-ctx.Done()
}

// --- positives ---

func cursorNeverFinished() {
	c := &cursor{}
	c.watch(context.Background())
	c.rows++
}

// --- negatives: must stay silent ---

func cursorFinished() {
	c := &cursor{}
	c.watch(context.Background())
	c.finish()
}

func cursorUnderCallerCtx(ctx context.Context) {
	c := &cursor{}
	c.watch(ctx)
}

func cursorReturned() *cursor {
	c := &cursor{}
	c.watch(context.Background())
	return c
}

func cursorOfCaller(c *cursor) {
	c.watch(context.Background())
}

func cursorSelfCancelling() {
	c := &cursor{}
	c.watchEager(context.Background())
}

// A tail is made by a constructor that keeps the cancel function and
// hands the context to the goroutine.
type tail struct {
	cancel context.CancelFunc
	lines  int
}

func newTail() *tail {
	ctx, cancel := context.WithCancel(context.Background())
	t := &tail{cancel: cancel}
	go t.follow(ctx)
	return t
}

func (t *tail) follow(ctx context.Context) {
	<-ctx.Done() // want `goroutine waits forever on ctx.Done\(\) of the context that newTail makes once the function returns at line \d+ without calling t.cancel` `goroutine waits forever on ctx.Done\(\) of the context that newTail makes once the function returns at line \d+ without calling the result.cancel`
}

func (t *tail) Stop() { t.cancel() }

// --- positives ---

func tailNotStoppedOnError(fail bool) error {
	t := newTail()
	if fail {
		return errSession
	}
	t.Stop()
	return nil
}

func tailForgotten() {
	newTail()
}

// --- negatives: must stay silent ---

func tailStopped() {
	t := newTail()
	defer t.Stop()
	t.lines++
}

func tailReturned() *tail {
	return newTail()
}
