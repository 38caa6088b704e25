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
	<-s.ctx.Done() // want `goroutine waits forever on ctx.Done\(\) once the function returns at line \d+ without calling cancel: the context has no other parent than context.Background\(\); cancel it on every path` `goroutine waits forever on s.ctx.Done\(\) once the function returns at line \d+ without calling s.cancel`
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
