package missingunlock

import "errors"

var errShort = errors.New("short")

type segments struct {
	pool
	rows []int
}

func (s *segments) write(n int) error {
	if n < 0 {
		return errShort
	}
	return nil
}

// cut writes the segment first, and only then blocks readers for a short
// time while the new rows are swapped in: "blocks" is not a word about
// what the function returns with.
func (s *segments) cut(n int) (err error) {
	if len(s.rows) == 0 {
		return nil
	}
	s.rw.Lock()
	s.rows = s.rows[n:]
	if s.closed {
		return nil // want `this return leaves s.rw locked \(locked at line \d+\), unlike the function's other returns`
	}
	s.rw.Unlock()
	return s.write(n)
}

// Negative: the doc comment says the lock stays held for the caller.
//
// lockRows returns with s.rw held when it returns nil; the caller unlocks.
func (s *segments) lockRows(n int) error {
	if n < 0 {
		return errShort
	}
	s.rw.Lock()
	if n > len(s.rows) {
		s.rw.Unlock()
		return errShort
	}
	return nil
}

func (s *segments) index() error { return nil }

// flush swaps the rows in. The caller should be holding the write lock
// of the store (a precondition on another lock, not a promise to return
// with this one). The error is a named result, read again by the deferred
// closure.
func (s *segments) flush(n int) (err error) {
	defer func() {
		if err != nil {
			s.closed = true
		}
	}()
	if n == 0 {
		return nil
	}
	s.mu.Lock()
	s.rows = append(s.rows, n)
	err = s.index()
	if err != nil {
		return err // want `this return leaves s.mu locked \(locked at line \d+\), while returning an error`
	}
	s.mu.Unlock()
	return nil
}
