// Package library is imported by others: what it exports, they can assign
// or call.
package library

func drain()    {}
func flushAll() {}

// A field only this package assigns, stored once: the call resolves.
type server struct{ onStop func() }

func newServer() *server { return &server{onStop: drain} }

func (s *server) stop() {
	s.onStop() // want "calls drain"
}

// Stored in two functions with two different functions: no one callee.
type pool struct{ release func() }

func newPool() *pool { return &pool{release: drain} }

func (p *pool) reset() { p.release = flushAll }

func (p *pool) close() {
	p.release() // want "unresolved"
}

// Stored in two functions, both times with the same function: the call
// resolves; the number of stores does not matter.
type queue struct{ done func() }

func newQueue() *queue { return &queue{done: drain} }

func (q *queue) reset() { q.done = drain }

func (q *queue) finish() {
	q.done() // want "calls drain"
}

// An exported field: another package may assign it.
type Hooks struct{ OnStart func() }

func newHooks() *Hooks { return &Hooks{OnStart: drain} }

func (h *Hooks) start() {
	h.OnStart() // want "unresolved"
}

// A parameter of an unexported function always called with the same
// function: the call resolves.
func every(f func()) {
	f() // want "calls drain"
}

func first()  { every(drain) }
func second() { every(drain) }

// Called with two functions.
func each(f func()) {
	f() // want "unresolved"
}

func third()  { each(drain) }
func fourth() { each(flushAll) }

// An exported function: other packages call it with their own functions.
func Apply(f func()) {
	f() // want "unresolved"
}

func fifth() { Apply(drain) }

// Started as a goroutine as well as called: the go statement's argument
// is not followed.
func later(f func()) {
	f() // want "unresolved"
}

func sixth() {
	later(drain)
	go later(drain)
}

// An interface field holding values of one concrete type.
type closer interface{ close() }

type file struct{}

func (file) close() {}

type holder struct{ c closer }

func newHolder() *holder { return &holder{c: file{}} }

func (h *holder) shut() {
	h.c.close() // want `calls \(file\).close`
}

// A captured variable assigned one function.
func captured() func() {
	h := flushAll
	return func() {
		h() // want "calls flushAll"
	}
}

// A nil store adds nothing: calling nil panics.
type optional struct{ hook func() }

func newOptional(set bool) *optional {
	o := &optional{}
	if set {
		o.hook = drain
	} else {
		o.hook = nil
	}
	return o
}

func (o *optional) run() {
	o.hook() // want "calls drain"
}

// Called with one function from a function and with another from the
// initial value of a package-level variable: no one callee.
func pick(f func()) int {
	f() // want "unresolved"
	return 0
}

func seventh() { pick(drain) }

var picked = pick(flushAll)
