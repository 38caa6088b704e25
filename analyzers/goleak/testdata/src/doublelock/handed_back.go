package doublelock

import "sync"

// A method that returns with its mutex held hands the release to the
// object it returns: the cursor's Close unlocks. Locking again after the
// cursor is closed is fine; before, the goroutine waits on itself.

type Cursor interface {
	Next() bool
	Close()
}

type Table interface {
	Scan() Cursor
	Len() int
}

type table struct {
	mu   sync.Mutex
	rows []int
}

type cursor struct {
	t *table
	i int
}

func (c *cursor) Next() bool { c.i++; return c.i < len(c.t.rows) }
func (c *cursor) Close()     { c.t.mu.Unlock() } // want Close:`mutexes\(unlocks p0.t.mu\)`

func (t *table) Scan() Cursor { // want Scan:`mutexes\(locks p0.mu, holds p0.mu\)`
	t.mu.Lock()
	return &cursor{t: t}
}

func (t *table) Len() int { // want Len:`mutexes\(locks p0.mu\)`
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.rows)
}

func newTable() Table { return &table{} }

func scanThenLen() int {
	t := newTable()
	c := t.Scan()
	for c.Next() {
	}
	c.Close()
	return t.Len()
}

func scanWithoutClose() int {
	t := newTable()
	c := t.Scan()
	for c.Next() {
	}
	return t.Len() // want `t.Len locks the value.mu at handed_back.go:38 while this goroutine still holds it \(left locked by t.Scan at line 56\)`
}
