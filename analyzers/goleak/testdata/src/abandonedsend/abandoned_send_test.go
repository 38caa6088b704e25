package abandonedsend

import (
	"testing"
	"time"
)

// A timeout that fails the test is not a return path worth reporting.
func TestTimeoutFailsTheTest(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- fetch() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Fatal("timed out")
	}
}

func TestErrorMarksFailure(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- fetch() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Error("timed out")
		return
	}
}
