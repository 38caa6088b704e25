package doublelock

import "sync"

// A server that calls OnReady once it listens.
type readyServer struct {
	OnReady func()
	addr    string
}

func (s *readyServer) serve() {
	if s.OnReady != nil {
		s.OnReady()
	}
}

// Negative: the mutex is a one-shot signal. Its Unlock is handed to the
// server as a method value, and the second Lock waits for the server's call
// of it, not for this goroutine.
func startAndWait(s *readyServer) {
	var ready sync.Mutex
	ready.Lock()
	s.OnReady = ready.Unlock
	go s.serve()
	ready.Lock()
	defer ready.Unlock()
}

// Negative: the same through a literal that unlocks it.
func startAndWaitLiteral(s *readyServer) {
	var ready sync.Mutex
	ready.Lock()
	s.OnReady = func() { ready.Unlock() }
	go s.serve()
	ready.Lock()
	ready.Unlock()
}

// Positive: the method value handed over is not an unlock; nothing else
// releases the mutex.
func startAndWaitWrongValue(s *readyServer) {
	var ready sync.Mutex
	ready.Lock()
	s.OnReady = ready.Lock
	go s.serve()
	ready.Lock() // want `ready is locked again while this goroutine still holds it \(locked at line 43\)`
	ready.Unlock()
}
