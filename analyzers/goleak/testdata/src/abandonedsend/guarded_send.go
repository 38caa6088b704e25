package abandonedsend

import (
	"context"
	"errors"
)

type result struct {
	v   int
	err error
}

func parse(s string) (int, error) {
	if s == "" {
		return 0, errors.New("empty")
	}
	return len(s), nil
}

// --- positives: a plain send beside a send that waits for ctx.Done() ---

func parseAll(ctx context.Context, lines []string) <-chan result {
	out := make(chan result)
	go func() {
		defer close(out)
		for _, l := range lines {
			v, err := parse(l)
			if err != nil {
				out <- result{err: err} // want `send on out blocks forever once its receiver has left: the select at line \d+ sends on out only until ctx.Done\(\) is closed \(the receiver may leave then\), this send waits regardless; send in a select with the same case <-ctx.Done\(\)`
				return
			}
			select {
			case out <- result{v: v}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func firstResult(ctx context.Context, line string) (int, error) {
	out := make(chan result)
	go func() {
		v, err := parse(line)
		if err != nil {
			out <- result{err: err} // want `send on out blocks forever once its receiver has left: the select at line \d+`
			return
		}
		select {
		case out <- result{v: v}:
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-out:
		return r.v, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func summaryAfterStream(ctx context.Context, lines []string, stop <-chan struct{}) <-chan result {
	out := make(chan result, 1)
	go func() {
		defer close(out)
		total := 0
		for _, l := range lines {
			v, _ := parse(l)
			total += v
			select {
			case out <- result{v: v}:
			case <-stop:
				return
			}
		}
		out <- result{v: total} // want `send on out blocks forever once its receiver has left: the select at line \d+ sends on out only until stop is closed`
	}()
	return out
}

func streamLines(ctx context.Context, out chan<- result, lines []string) {
	for _, l := range lines {
		v, err := parse(l)
		if err != nil {
			out <- result{err: err} // want `send on out blocks forever once its receiver has left`
			return
		}
		select {
		case out <- result{v: v}:
		case <-ctx.Done():
			return
		}
	}
}

func startStream(ctx context.Context, lines []string) <-chan result {
	out := make(chan result)
	go streamLines(ctx, out, lines)
	return out
}

// --- negatives: must stay silent ---

func bothGuarded(ctx context.Context, lines []string) <-chan result {
	out := make(chan result)
	go func() {
		defer close(out)
		for _, l := range lines {
			v, err := parse(l)
			if err != nil {
				select {
				case out <- result{err: err}:
				case <-ctx.Done():
				}
				return
			}
			select {
			case out <- result{v: v}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// One slot: the plain send and the guarded one are alternatives, and
// either fits the buffer.
func bufferHoldsThePlainSend(ctx context.Context, line string) <-chan result {
	out := make(chan result, 1)
	go func() {
		v, err := parse(line)
		if err != nil {
			out <- result{err: err}
			return
		}
		select {
		case out <- result{v: v}:
		case <-ctx.Done():
		}
	}()
	return out
}

// The header goes first on every path, before any guarded send: the
// receiver takes it before it can leave.
func headerFirst(ctx context.Context, lines []string) <-chan result {
	out := make(chan result)
	go func() {
		defer close(out)
		out <- result{v: len(lines)}
		for _, l := range lines {
			v, _ := parse(l)
			select {
			case out <- result{v: v}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func plainSendOnOtherChannel(ctx context.Context, lines []string) (<-chan int, <-chan error) {
	out := make(chan int)
	errc := make(chan error, 1)
	go func() {
		defer close(out)
		for _, l := range lines {
			v, err := parse(l)
			if err != nil {
				errc <- err
				return
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, errc
}

// The function's own receive loop ends only when out is closed: it never
// leaves the goroutine behind.
func receiverDrains(ctx context.Context, lines []string) int {
	out := make(chan result)
	go func() {
		defer close(out)
		for _, l := range lines {
			v, err := parse(l)
			if err != nil {
				out <- result{err: err}
				return
			}
			select {
			case out <- result{v: v}:
			case <-ctx.Done():
				return
			}
		}
	}()
	n := 0
	for r := range out {
		n += r.v
	}
	return n
}

// A select on another input is not a sign that the receiver may leave.
func otherCaseIsInput(in <-chan int, lines []string) <-chan result {
	out := make(chan result)
	go func() {
		defer close(out)
		for _, l := range lines {
			v, err := parse(l)
			if err != nil {
				out <- result{err: err}
				return
			}
			select {
			case out <- result{v: v}:
			case n := <-in:
				_ = n
			}
		}
	}()
	return out
}
