package a

import (
	"context"
	"time"
)

func deferInLoop(ctx context.Context, items []string) {
	for _, it := range items {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) in a loop runs only when the function returns, so every iteration's context from context.WithTimeout \(line 10\)`
		work(c, it)
	}
}

func deferInForLoop(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		c, cancel := context.WithCancel(ctx)
		if i > 2 {
			defer cancel() // want `defer cancel\(\) in a loop`
		} else {
			cancel()
		}
		work(c, "")
	}
}

func deferInChannelLoop(ctx context.Context, jobs <-chan string) {
	for j := range jobs {
		c, cancel := context.WithCancel(ctx)
		defer cancel() // want `defer cancel\(\) in a loop`
		work(c, j)
	}
}

// The inner loop runs twice, but once per item of the outer one.
func deferInNestedLoop(ctx context.Context, items []string) {
	for _, it := range items {
		for try := 0; try < 2; try++ {
			c, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel() // want `defer cancel\(\) in a loop`
			work(c, it)
		}
	}
}

// A timer made in each iteration fires once per iteration: not one-shot.
func deferInTickingCase(ctx context.Context, events <-chan string) {
	for {
		select {
		case <-time.After(time.Second):
			c, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel() // want `defer cancel\(\) in a loop`
			work(c, "tick")
		case ev := <-events:
			work(ctx, ev)
		}
	}
}

// A table that grows at run time is data, not a literal.
func deferInGrownTable(ctx context.Context, extra []string) {
	names := []string{"a", "b"}
	names = append(names, extra...)
	for _, n := range names {
		c, cancel := context.WithCancel(ctx)
		defer cancel() // want `defer cancel\(\) in a loop`
		work(c, n)
	}
}

// Negatives.

// A constant trip count: two contexts at most live until the return.
func deferInConstantLoop(ctx context.Context) {
	for attempt := 0; attempt < 2; attempt++ {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		work(c, "")
	}
	for range 3 {
		c, cancel := context.WithCancel(ctx)
		defer cancel()
		work(c, "")
	}
}

// A count held in a local variable that is set once from a constant.
func deferInCountedLoop(ctx context.Context) {
	rounds := 5
	for i := range rounds {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		work(c, string(rune('a'+i)))
	}
	for i := 0; i < rounds; i++ {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		work(c, "")
	}
}

// A count that changes is not fixed by the program text.
func deferInChangedCount(ctx context.Context, more bool) {
	rounds := 5
	if more {
		rounds = 1 << 20
	}
	for range rounds {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) in a loop`
		work(c, "")
	}
}

// A literal table of cases, as tests write them, and an array.
func deferInLiteralTable(ctx context.Context) {
	cases := []struct{ name string }{{"a"}, {"b"}, {"c"}}
	for _, tc := range cases {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		work(c, tc.name)
	}
	for _, name := range []string{"x", "y"} {
		c, cancel := context.WithCancel(ctx)
		defer cancel()
		work(c, name)
	}
	var slots [4]string
	for _, s := range slots {
		c, cancel := context.WithCancel(ctx)
		defer cancel()
		work(c, s)
	}
}

// A table chosen between literals is still a literal table: the loop runs
// at most twice.
func deferInChosenTable(ctx context.Context, tcpOnly bool) {
	var networks []string
	if tcpOnly {
		networks = []string{"tcp"}
	} else {
		networks = []string{"udp", "tcp"}
	}
	for _, n := range networks {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		work(c, n)
	}
}

// A table that may also be grown is not.
func deferInTableGrownLater(ctx context.Context, extra []string) {
	networks := []string{"tcp"}
	if len(extra) > 0 {
		networks = append(networks, extra...)
	}
	for _, n := range networks {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) in a loop`
		work(c, n)
	}
}

// A package-level table of cases that nothing changes is a literal table.
var fallbackCases = []struct{ server string }{{"a"}, {"b"}}

func deferInPackageTable(ctx context.Context) {
	for _, tc := range fallbackCases {
		c, cancel := context.WithCancel(ctx)
		defer cancel()
		work(c, tc.server)
	}
}

// One that the package grows is not.
var extraServers = []string{"a"}

func init() { extraServers = append(extraServers, "b") }

func deferInGrownPackageTable(ctx context.Context) {
	for _, s := range extraServers {
		c, cancel := context.WithCancel(ctx)
		defer cancel() // want `defer cancel\(\) in a loop`
		work(c, s)
	}
}

// The timeout case of a one-shot timer runs at most once.
func deferInOneShotCase(ctx context.Context, events <-chan string) {
	deadline := time.NewTimer(time.Minute)
	giveUp := time.After(time.Hour)
	for {
		select {
		case <-deadline.C:
			c, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
			defer cancel()
			work(c, "flush")
		case <-giveUp:
			c, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
			defer cancel()
			work(c, "final")
		case ev := <-events:
			work(ctx, ev)
		}
	}
}

// The body releases each context at its normal end; the defer only covers
// the early return.
func deferForEarlyExit(ctx context.Context, items []string) error {
	for _, it := range items {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := try(c, it); err != nil {
			return err
		}
		cancel()
	}
	return nil
}

func try(context.Context, string) error { return nil }

func deferInLiteral(ctx context.Context, items []string) {
	for _, it := range items {
		func() {
			c, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			work(c, it)
		}()
	}
}

func cancelAtEndOfIteration(ctx context.Context, items []string) {
	for _, it := range items {
		c, cancel := context.WithTimeout(ctx, time.Second)
		work(c, it)
		cancel()
	}
}

func deferThenReturn(ctx context.Context, items []string) error {
	for _, it := range items {
		if it != "" {
			c, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			work(c, it)
			return nil
		}
	}
	return nil
}

func deferThenBreak(ctx context.Context) {
	for {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		work(c, "")
		break
	}
}

func deferOutsideLoop(ctx context.Context, items []string) {
	c, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	for _, it := range items {
		work(c, it)
	}
}

func work(context.Context, string) {}

// A timer that is re-armed only when Stop reports it had not fired yet
// still fires once in all: its case runs at most once.
func deferInHurriedTimer(ctx context.Context, results <-chan error) {
	fallback := time.NewTimer(time.Second)
	defer fallback.Stop()
	for {
		select {
		case <-fallback.C:
			c, cancel := context.WithCancel(ctx)
			defer cancel()
			work(c, "fallback")
		case err := <-results:
			if err != nil && fallback.Stop() {
				fallback.Reset(0)
			}
			if fallback.Stop() {
				fallback.Reset(0)
			}
		}
	}
}

// Re-armed after it fired, the timer fires again and again.
func deferInRearmedTimer(ctx context.Context, results <-chan error) {
	tick := time.NewTimer(time.Second)
	for {
		select {
		case <-tick.C:
			c, cancel := context.WithCancel(ctx)
			defer cancel() // want `defer cancel\(\) in a loop runs only when the function returns`
			work(c, "tick")
			tick.Reset(time.Second)
		case <-results:
		}
	}
}
