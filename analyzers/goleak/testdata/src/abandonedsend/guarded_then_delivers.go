package abandonedsend

import "context"

// The watcher selects on ctx.Done to react to cancellation (it interrupts
// the watchedJob), then still delivers its result: it expects the receiver, kept
// out of sight in a field, to stay. Its select says nothing about the
// receiver leaving, and its later plain sends are not reported.
type watchedJob struct {
	ctx    context.Context
	result chan error
}

func (j *watchedJob) start(interrupt func() error) {
	resultc := make(chan error)
	j.result = resultc
	go j.watch(resultc, interrupt)
}

func (j *watchedJob) watch(resultc chan<- error, interrupt func() error) {
	select {
	case resultc <- nil:
		return
	case <-j.ctx.Done():
	}
	resultc <- interrupt()
}

// A producer whose done case returns: after the signal nobody is expected
// to receive, so its plain send on an error path blocks forever.
func (j *watchedJob) produce(items []int, fail func(int) error) <-chan error {
	out := make(chan error)
	go func() {
		for _, it := range items {
			if err := fail(it); err != nil {
				out <- err // want `send on out blocks forever once its receiver has left`
				return
			}
			select {
			case out <- nil:
			case <-j.ctx.Done():
				return
			}
		}
	}()
	return out
}
