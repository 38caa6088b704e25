package lockorder

import "sync"

// Calls through an interface field and through a hook of function type:
// each resolves when every value the package ever stores there comes from
// one function, or from values of one concrete type.

// --- positive: one stage type behind the interface, one hook ---

type flusher interface{ flush() }

type spool struct {
	mu     sync.Mutex
	onFull func() // unexported: only this package sets it, and only below
}

// spool then tally, through the hook when it is installed.
func (s *spool) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.onFull != nil {
		s.onFull()
	}
}

type tally struct {
	mu    sync.Mutex
	n     int
	stage flusher // unexported: only *spool is ever stored
}

func (t *tally) bump() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
}

func newTally() *tally {
	t := &tally{}
	s := &spool{}
	s.onFull = func() { t.bump() }
	t.stage = s
	return t
}

// tally then spool, through the interface.
func (t *tally) drain() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stage.flush() // want `t.stage.flush locks spool.mu here while tally.mu is held \(locked at line \d+\), but at line \d+ s.onFull locks tally.mu while spool.mu is held .*always lock spool.mu before tally.mu`
}

// --- negative: a hook assigned two different functions ---

type hookedQueue struct {
	mu     sync.Mutex
	onPush func()
}

type hookOwner struct {
	mu    sync.Mutex
	queue *hookedQueue
}

func (o *hookOwner) touch() {
	o.mu.Lock()
	defer o.mu.Unlock()
}

func (q *hookedQueue) push() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.onPush != nil {
		q.onPush() // either function may be installed: not resolved
	}
}

func newHookOwner(quiet bool) *hookOwner {
	o := &hookOwner{queue: &hookedQueue{}}
	if quiet {
		o.queue.onPush = func() {}
	} else {
		o.queue.onPush = func() { o.touch() }
	}
	return o
}

func (o *hookOwner) flushQueue() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.queue.push()
}

// --- negative: an exported hook, which other packages may set ---

type Notifier struct {
	mu       sync.Mutex
	OnChange func()
}

type watcherSet struct {
	mu       sync.Mutex
	notifier *Notifier
}

func (w *watcherSet) add() {
	w.mu.Lock()
	defer w.mu.Unlock()
}

func (n *Notifier) change() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.OnChange != nil {
		n.OnChange() // another package may have installed anything
	}
}

func newWatcherSet() *watcherSet {
	w := &watcherSet{notifier: &Notifier{}}
	w.notifier.OnChange = func() { w.add() }
	return w
}

func (w *watcherSet) announce() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.notifier.change()
}

// --- negative: an interface field holding two implementations ---

type sink interface{ write() }

type lockedSink struct {
	mu    sync.Mutex
	owner *router
}

func (s *lockedSink) write() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.owner.route()
}

type discardSink struct{}

func (discardSink) write() {}

type router struct {
	mu   sync.Mutex
	sink sink
}

func (r *router) route() {
	r.mu.Lock()
	defer r.mu.Unlock()
}

func newRouter(discard bool) *router {
	r := &router{}
	if discard {
		r.sink = discardSink{}
	} else {
		r.sink = &lockedSink{owner: r}
	}
	return r
}

// router then lockedSink only when that implementation is installed,
// which is not known here.
func (r *router) send() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sink.write()
}
