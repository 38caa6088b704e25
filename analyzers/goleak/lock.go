package goleak

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/dyncall"
	"github.com/o11ylint/o11ylint/analyzers/internal/words"
)

// This file holds the two mutex rules, double-lock and missing-unlock. A
// goroutine that locks a mutex it already holds blocks forever (sync
// mutexes are not reentrant), and a function that returns with a mutex
// still locked on one of its paths leaves every later Lock of it waiting.
//
// The analysis follows each function's control flow with the set of
// mutexes the goroutine holds. A mutex is named by the way the code reaches
// it, a root value (a parameter, a captured variable, a local allocation, a
// package-level variable) and the path of fields and loads from it; two
// names are the same mutex when root and path agree. A lock counts as held
// at a point only when it is held on every path there (must), so a Lock
// taken under a condition and released under the same condition is never
// mistaken for a held one. Calls are followed through summaries: what a
// callee of this package locks on every path, what it returns still
// holding and what it unlocks without locking; callees of other packages
// through a LockFact. Dynamic calls that are handed a value leading to a
// held mutex may unlock it and end what is known of it.

// A lockMode is how a mutex is held.
type lockMode uint8

const (
	modeWrite lockMode = iota + 1
	modeRead
)

// A lockKey names one mutex by the way the code reaches it. root is nil for
// a package-level variable, which global names. Values made inside a loop
// are new on every iteration: keys rooted in them are dropped when the
// state crosses the loop's back edge.
type lockKey struct {
	root   ssa.Value
	global string
	path   string    // ".N" field N, "*" a load, "[N]" element N, "[?]" the element idx
	idx    ssa.Value // the one index that is not a constant, or nil
}

// A heldLock is a mutex held at a point.
type heldLock struct {
	mode   lockMode
	pos    token.Pos // the Lock, or the call that left it locked
	name   string    // the mutex as the code spells it (l.mu)
	suffix string    // the field names from the root (".mu")
	via    string    // the callee that left it locked, or ""
	class  lockClass
}

// A lockEffect is one item of a function summary: a mutex reached from a
// parameter (Params then FreeVars, by index) or a package-level variable.
type lockEffect struct {
	param  int
	global string
	path   string
	suffix string
	mode   lockMode
	pos    token.Pos // the Lock in this package, for Related
	at     string    // where the Lock is, for messages ("file.go:30")
	cls    lockClass // the kind of mutex
	via    string    // in a flow: the call that locks it, or ""
	viaPos token.Pos // and where that call is
}

// A lockSum summarises a function for its callers.
type lockSum struct {
	acquires []lockEffect // locked on every path, while the function did not hold it
	holds    []lockEffect // still locked at every return
	releases []lockEffect // unlocked on some path without being locked first
	classes  []lockClass  // the kinds of mutex it locks on every path, or leaves locked
	opaque   []string     // kinds of mutex it unlocks through values its caller cannot name
}

// A lockClass is a kind of mutex: a field of a named struct type, or a
// package-level variable. Lock order is checked between classes.
type lockClass struct {
	id    string // path.Type.field or path.var
	show  string // Type.field
	mode  lockMode
	pos   token.Pos // where it is locked
	owner *ssa.Function
}

func (s *lockSum) empty() bool {
	return s == nil || len(s.acquires)+len(s.holds)+len(s.releases)+len(s.opaque) == 0
}

// A lockEdge is one place where a goroutine holding a mutex of class from
// locks one of class to.
type lockEdge struct {
	from, to lockClass       // from.pos: where from is locked; to.pos: where to is
	pos      token.Pos       // the Lock or the call that locks to
	via      string          // the callee that locks to, or ""
	fn       *ssa.Function   // where
	gates    map[string]bool // other kinds of mutex held there
}

// A lockState is what the flow knows at a point of a function.
type lockState struct {
	must     map[lockKey]heldLock   // held on every path
	may      map[lockKey]heldLock   // held on some path
	acq      map[lockKey]lockEffect // locked on every path so far while not held
	rel      map[lockKey]lockEffect // unlocked on some path while not held
	deferRel map[lockKey]bool       // released by a deferred call
	deferAny bool                   // a deferred call may release anything
	opaque   map[string]bool        // kinds of mutex unlocked through values a caller cannot name
	deferCls map[string]bool        // kinds of mutex a deferred call unlocks
	unl      map[lockKey]heldLock   // unlocked on some path, and not locked since on it (the unlock)
	deferUnl map[lockKey]heldLock   // unlocked by a deferred Unlock registered on every path
	deferLk  map[lockKey]heldLock   // locked by a deferred Lock registered on every path
}

func newLockState() *lockState {
	return &lockState{
		must: map[lockKey]heldLock{}, may: map[lockKey]heldLock{},
		acq: map[lockKey]lockEffect{}, rel: map[lockKey]lockEffect{}, deferRel: map[lockKey]bool{},
		opaque: map[string]bool{}, deferCls: map[string]bool{},
		unl: map[lockKey]heldLock{}, deferUnl: map[lockKey]heldLock{}, deferLk: map[lockKey]heldLock{},
	}
}

func (s *lockState) clone() *lockState {
	n := &lockState{
		must: make(map[lockKey]heldLock, len(s.must)), may: make(map[lockKey]heldLock, len(s.may)),
		acq: make(map[lockKey]lockEffect, len(s.acq)), rel: make(map[lockKey]lockEffect, len(s.rel)),
		deferRel: make(map[lockKey]bool, len(s.deferRel)), deferAny: s.deferAny,
		opaque: make(map[string]bool, len(s.opaque)), deferCls: make(map[string]bool, len(s.deferCls)),
		unl: make(map[lockKey]heldLock, len(s.unl)), deferUnl: make(map[lockKey]heldLock, len(s.deferUnl)),
		deferLk: make(map[lockKey]heldLock, len(s.deferLk)),
	}
	maps.Copy(n.deferLk, s.deferLk)
	for k, v := range s.unl {
		n.unl[k] = v
	}
	for k, v := range s.deferUnl {
		n.deferUnl[k] = v
	}
	for k := range s.opaque {
		n.opaque[k] = true
	}
	for k := range s.deferCls {
		n.deferCls[k] = true
	}
	for k, v := range s.must {
		n.must[k] = v
	}
	for k, v := range s.may {
		n.may[k] = v
	}
	for k, v := range s.acq {
		n.acq[k] = v
	}
	for k, v := range s.rel {
		n.rel[k] = v
	}
	for k, v := range s.deferRel {
		n.deferRel[k] = v
	}
	return n
}

// meet merges o into s (must sets intersect, may sets unite) and reports
// whether s changed.
func (s *lockState) meet(o *lockState) bool {
	changed := false
	for k := range s.must {
		if _, ok := o.must[k]; !ok {
			delete(s.must, k)
			changed = true
		}
	}
	for k := range s.acq {
		if _, ok := o.acq[k]; !ok {
			delete(s.acq, k)
			changed = true
		}
	}
	for k, v := range o.unl {
		if _, ok := s.unl[k]; !ok {
			s.unl[k] = v
			changed = true
		}
	}
	for k := range s.deferUnl {
		if _, ok := o.deferUnl[k]; !ok {
			delete(s.deferUnl, k)
			changed = true
		}
	}
	for k := range s.deferLk {
		if _, ok := o.deferLk[k]; !ok {
			delete(s.deferLk, k)
			changed = true
		}
	}
	for k, v := range o.may {
		if _, ok := s.may[k]; !ok {
			s.may[k] = v
			changed = true
		}
	}
	for k, v := range o.rel {
		if _, ok := s.rel[k]; !ok {
			s.rel[k] = v
			changed = true
		}
	}
	for k := range o.deferRel {
		if !s.deferRel[k] {
			s.deferRel[k] = true
			changed = true
		}
	}
	for k := range o.opaque {
		if !s.opaque[k] {
			s.opaque[k] = true
			changed = true
		}
	}
	for k := range o.deferCls {
		if !s.deferCls[k] {
			s.deferCls[k] = true
			changed = true
		}
	}
	if o.deferAny && !s.deferAny {
		s.deferAny = true
		changed = true
	}
	return changed
}

// kill forgets that k is held.
func (s *lockState) kill(k lockKey) {
	delete(s.must, k)
	delete(s.may, k)
}

// A lockChecker runs the mutex rules over one package.
type lockChecker struct {
	*checker
	locks          *apis.Matcher[apis.LockOp]
	errs           *apis.Matcher[struct{}]
	sums           map[*ssa.Function]*lockSum
	checks         map[*ssa.Function]bool // functions to check, true until checked
	edges          map[[2]string][]lockEdge
	callHeld       map[*ssa.Function][]callSite
	fns            []*ssa.Function
	chans          map[string]*fieldChan
	getters        map[*ssa.Function]*fieldChan
	chanOps        map[ssa.Instruction][]*chanOp
	flagHeld       map[*ssa.Store][]heldLock // mutexes held at a store of a bool constant into a field
	escapedStructs map[string]bool
	conds          map[string]*fieldCond
	calls          map[token.Pos]*ast.CallExpr // by Lparen
	flagged        map[token.Pos]bool
	solving        []*ssa.Function        // the functions whose summary is being computed, callers first
	cyclic         map[*ssa.Function]bool // functions whose summary saw a call back into one being computed
	byCaller       map[*ssa.Function]map[string]heldLock
	callerSites    map[*ssa.Function][]callSite // the calls of the functions callerHeld covers
}

func newLockChecker(c *checker) *lockChecker {
	return &lockChecker{
		checker:  c,
		locks:    apis.NewMatcher(apis.Locks),
		errs:     apis.NewMatcher(apis.ErrorCtors),
		sums:     make(map[*ssa.Function]*lockSum),
		checks:   make(map[*ssa.Function]bool),
		edges:    make(map[[2]string][]lockEdge),
		callHeld: make(map[*ssa.Function][]callSite),
		flagged:  make(map[token.Pos]bool),
		flagHeld: make(map[*ssa.Store][]heldLock),
		cyclic:   make(map[*ssa.Function]bool),
	}
}

// run checks every function of the package and exports the summaries of
// its functions as LockFacts.
func (lc *lockChecker) run(fns []*ssa.Function) {
	lc.fns = fns
	lc.fieldChans(fns)
	lc.fieldConds(fns)
	for _, fn := range fns {
		if len(fn.Blocks) > 0 && !lc.report.Generated(fn.Pos()) {
			lc.checks[fn] = true
		}
	}
	for _, fn := range fns {
		if len(fn.Blocks) > 0 {
			lc.summary(fn) // checks fn too
		}
	}
	lc.recursive(fns)
	for _, fn := range fns {
		if len(fn.Blocks) == 0 {
			continue
		}
		s := lc.sums[fn]
		if obj, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil && obj.Exported() && !s.empty() {
			if fact := s.fact(lc.pass.Pkg.Path()); !fact.summary().empty() {
				lc.pass.ExportObjectFact(obj, fact)
			}
		}
	}
	lc.lockOrder()
	lc.chanRules()
	lc.stopSentOnce()
	lc.cancelThenWait()
	lc.unsignalledWait()
	lc.undoneWaitGroups()
	for _, fn := range fns {
		lc.staleConditions(fn)
		lc.sendToLockingMaker(fn)
	}
}

// A lockFlow is the flow of lock states over one function.
type lockFlow struct {
	lc     *lockChecker
	fn     *ssa.Function
	g      *graph
	in     map[*ssa.BasicBlock]*lockState
	out    map[*ssa.BasicBlock]*lockState
	poison map[lockKey]bool // keys the function try-locks: never reported
	nested map[lockKey]bool // keys read-locked again while read-locked: unlocked more than once
	next   bool             // a next-iteration pass: no lock-order edges
	emit   func(d lockFinding)
	cur    ssa.Instruction // the instruction being applied
}

// A lockFinding is a double lock found by the flow.
type lockFinding struct {
	pos    token.Pos
	held   heldLock
	want   lockMode
	name   string
	key    lockKey
	callee string     // the call that locks, or "" for a Lock
	eff    lockEffect // for a call: where the callee locks
	loop   bool
	unlock bool // an unlock of a mutex already unlocked: held is the first unlock
}

func (lc *lockChecker) newFlow(fn *ssa.Function) *lockFlow {
	f := &lockFlow{lc: lc, fn: fn, g: lc.graphOf(fn), poison: make(map[lockKey]bool), nested: make(map[lockKey]bool)}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if op, ok := lc.locks.Lookup(apis.SSACallee(call.Common())); ok && op == apis.LockTry && len(call.Call.Args) == 1 {
					if k, _, _, ok := lc.keyOf(call.Call.Args[0]); ok {
						f.poison[k] = true
					}
				}
			}
		}
	}
	return f
}

// solve runs the flow from start, whose state is seed, over the blocks
// within accepts.
func (f *lockFlow) solve(start *ssa.BasicBlock, seed *lockState, within func(*ssa.BasicBlock) bool) {
	f.in = map[*ssa.BasicBlock]*lockState{start: seed}
	f.out = make(map[*ssa.BasicBlock]*lockState)
	work := []*ssa.BasicBlock{start}
	queued := map[*ssa.BasicBlock]bool{start: true}
	for steps := 0; len(work) > 0 && steps < 50*len(f.fn.Blocks)+100; steps++ {
		b := work[0]
		work = work[1:]
		queued[b] = false
		st := f.in[b].clone()
		f.block(b, st, nil)
		f.out[b] = st
		for _, s := range f.liveSuccs(b) {
			if s == start || (within != nil && !within(s)) {
				continue
			}
			ns := f.edge(st, b, s)
			if cur, ok := f.in[s]; !ok {
				f.in[s] = ns
			} else if !cur.meet(ns) {
				continue
			}
			if !queued[s] {
				queued[s] = true
				work = append(work, s)
			}
		}
	}
}

// liveSuccs returns the successors of b that can run: one of them when b
// ends in a test of a constant (if false { ... }), or in a nil test of a
// hook that the next block calls (see hookSet).
func (f *lockFlow) liveSuccs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	succs := f.g.succs(b)
	if len(succs) != 2 || len(b.Instrs) == 0 {
		return succs
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return succs
	}
	if set, ok := f.lc.hookSet(iff); ok {
		if set {
			return succs[:1]
		}
		return succs[1:]
	}
	k, ok := iff.Cond.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Bool {
		return succs
	}
	if constant.BoolVal(k.Value) {
		return succs[:1]
	}
	return succs[1:]
}

// edge returns the state that flows from b to s: on a back edge, mutexes
// reached through values made inside the loop are new next time round.
func (f *lockFlow) edge(st *lockState, b, s *ssa.BasicBlock) *lockState {
	if !s.Dominates(b) {
		return st.clone()
	}
	ns := st.clone()
	inLoop := func(k lockKey) bool {
		for _, v := range []ssa.Value{k.root, k.idx} {
			if instr, ok := v.(ssa.Instruction); ok && instr.Block() != nil && s.Dominates(instr.Block()) {
				return true
			}
		}
		return false
	}
	for k := range ns.must {
		if inLoop(k) {
			delete(ns.must, k)
		}
	}
	for k := range ns.may {
		if inLoop(k) {
			delete(ns.may, k)
		}
	}
	for k := range ns.acq {
		if inLoop(k) {
			delete(ns.acq, k)
		}
	}
	for k := range ns.unl {
		if inLoop(k) {
			delete(ns.unl, k)
		}
	}
	return ns
}

// block applies the instructions of b to st.
func (f *lockFlow) block(b *ssa.BasicBlock, st *lockState, emit func(lockFinding)) {
	f.emit = emit
	for _, instr := range b.Instrs {
		f.step(st, instr)
	}
	f.emit = nil
}

// step applies one instruction to st.
func (f *lockFlow) step(st *lockState, instr ssa.Instruction) {
	f.noteChanOp(st, instr)
	f.cur = instr
	if waits(instr) {
		clear(st.unl) // another goroutine may lock a mutex and hand it over
	}
	switch x := instr.(type) {
	case *ssa.Call:
		f.call(st, x.Common(), x.Pos())
	case *ssa.Defer:
		f.deferred(st, x.Common())
	case *ssa.Go:
		f.started(st, x.Common())
	case *ssa.Store:
		if mc, ok := x.Val.(*ssa.MakeClosure); ok {
			f.handedOver(st, mc)
		}
	}
}

// stateBefore returns the state of the solved flow right before instr, or
// nil when the flow does not reach it.
func (f *lockFlow) stateBefore(instr ssa.Instruction) *lockState {
	in, ok := f.in[instr.Block()]
	if !ok {
		return nil
	}
	st := in.clone()
	for _, x := range instr.Block().Instrs {
		if x == instr {
			return st
		}
		f.step(st, x)
	}
	return nil
}

// call applies a synchronous call.
func (f *lockFlow) call(st *lockState, cc *ssa.CallCommon, pos token.Pos) {
	lc := f.lc
	if op, mu, ok := lc.lockCall(cc); ok {
		k, name, suffix, ok := lc.keyOf(mu)
		if !ok {
			if op == apis.LockWrite || op == apis.LockRead || op == apis.LockTry {
				clear(st.unl) // a mutex it cannot name may be any of them
			}
			return
		}
		if text := lc.recvText(pos); text != "" {
			name = text
		}
		switch op {
		case apis.LockWrite, apis.LockRead:
			mode := modeWrite
			if op == apis.LockRead {
				mode = modeRead
			}
			if h, held := st.must[k]; held && f.emit != nil && !f.poison[k] {
				f.emit(lockFinding{pos: pos, held: h, want: mode, name: name, key: k})
			}
			if h, held := st.may[k]; held && h.mode == modeRead && mode == modeRead {
				f.nested[k] = true
			}
			cl := lc.classOf(mu, mode, pos, f.fn)
			f.relocked(st, k, cl)
			f.acquired(st, k, lockEffect{mode: mode, suffix: suffix, pos: pos, at: lc.at(pos), cls: cl})
			if !unpublished(k.root, f.cur) {
				f.ordered(st, cl, pos, "", nil)
			}
			h := heldLock{mode: mode, pos: pos, name: name, suffix: suffix, class: cl}
			st.must[k], st.may[k] = h, h
		case apis.UnlockWrite, apis.UnlockRead:
			cl := lc.classOf(mu, modeWrite, pos, f.fn)
			f.unlockedAgain(st, k, heldLock{pos: pos, name: name, mode: unlockMode(op), class: cl})
			f.released(st, k, suffix, cl)
		case apis.LockTry:
			if _, held := st.may[k]; held {
				f.nested[k] = true // TryRLock twice: two holds, two unlocks
			}
			f.relocked(st, k, lc.classOf(mu, modeWrite, pos, f.fn))
			st.may[k] = heldLock{mode: modeWrite, pos: pos, name: name, suffix: suffix}
		}
		return
	}
	f.noteCall(st, cc)
	f.touched(st, cc)
	sum, callee := lc.calleeSummary(cc)
	if sum == nil {
		if cc.StaticCallee() == nil {
			f.unknown(st, cc)
		}
		f.closureArgs(st, cc)
		return
	}
	f.sameCall(st, cc, callee, sum, pos)
	for _, e := range sum.releases {
		if k, _, ok := f.translate(cc, callee, e); ok {
			f.released(st, k, "", e.cls)
		} else if cc.StaticCallee() == nil && e.cls.id != "" {
			// A resolved dynamic call does not say what its closure
			// binds: the unlock may be of any mutex of that kind.
			f.killClass(st, e.cls.id, lockKey{})
			st.opaque[e.cls.id] = true
		}
	}
	if f.emit != nil && len(sum.classes) > 0 {
		var released []lockKey
		for _, e := range sum.releases {
			if k, _, ok := f.translate(cc, callee, e); ok {
				released = append(released, k)
			}
		}
		for _, cl := range sum.classes {
			f.ordered(st, cl, pos, lc.calleeText(pos, callee), released)
		}
	}
	for _, e := range sum.acquires {
		k, name, ok := f.translate(cc, callee, e)
		if !ok {
			continue
		}
		if h, held := st.must[k]; held && f.emit != nil && !f.poison[k] {
			f.emit(lockFinding{pos: pos, held: h, want: e.mode, name: name, key: k, callee: lc.calleeText(pos, callee), eff: e})
		}
		e.via, e.viaPos = lc.calleeText(pos, callee), pos
		f.acquired(st, k, e)
	}
	if cc.StaticCallee() == nil {
		f.takenKinds(st, cc, sum, lc.calleeText(pos, callee), pos)
	}
	for _, e := range sum.holds {
		if k, name, ok := f.translate(cc, callee, e); ok {
			cl := e.cls
			cl.pos = pos
			h := heldLock{mode: e.mode, pos: pos, name: name, suffix: e.suffix, via: lc.calleeText(pos, callee), class: cl}
			st.must[k], st.may[k] = h, h
		}
	}
	for _, id := range sum.opaque {
		f.killClass(st, id, lockKey{})
		st.opaque[id] = true
	}
	f.closureArgs(st, cc)
}

// sameCall reports a call of the function itself with its own parameters,
// unchanged, while it holds a mutex that it locked itself through a
// parameter or a package-level variable: the call starts over with the
// same values, takes the same path to the same Lock and waits on itself
// there, even when the function does not lock on every path (an early
// return for a nil argument). The summary's own acquires are reported
// by the caller.
func (f *lockFlow) sameCall(st *lockState, cc *ssa.CallCommon, callee *ssa.Function, sum *lockSum, pos token.Pos) {
	if f.emit == nil || callee != f.fn || len(f.fn.FreeVars) > 0 {
		return
	}
	args := dyncall.Args(cc)
	if len(args) != len(f.fn.Params) {
		return
	}
	for i, a := range args {
		if a != f.fn.Params[i] {
			return
		}
	}
	taken := make(map[lockKey]bool)
	for _, e := range sum.acquires {
		if k, _, ok := f.translate(cc, callee, e); ok {
			taken[k] = true
		}
	}
	for k, h := range st.must {
		if taken[k] || f.poison[k] || h.via != "" {
			continue
		}
		if _, param := k.root.(*ssa.Parameter); !param && k.global == "" {
			continue
		}
		eff := lockEffect{mode: h.mode, suffix: h.suffix, pos: h.pos, at: f.lc.at(h.pos), cls: h.class}
		f.emit(lockFinding{pos: pos, held: h, want: h.mode, name: h.name, key: k, callee: f.lc.calleeText(pos, callee), eff: eff})
	}
}

// takenKinds records, for the summary's kinds of mutex, the kinds that a
// resolved dynamic call takes through mutexes the caller cannot name (a
// closure's captured values): the call takes them all the same.
func (f *lockFlow) takenKinds(st *lockState, cc *ssa.CallCommon, sum *lockSum, via string, pos token.Pos) {
	for _, cl := range sum.classes {
		k := lockKey{root: cc.Value, path: "(" + cl.id + ")"}
		f.acquired(st, k, lockEffect{mode: cl.mode, pos: cl.pos, at: f.lc.at(cl.pos), cls: cl, via: via, viaPos: pos})
	}
}

// killClass forgets the held mutexes of kind id other than except: an
// unlock through another way of reaching a mutex of that kind may have
// released them.
func (f *lockFlow) killClass(st *lockState, id string, except lockKey) {
	if id == "" {
		return
	}
	for k, h := range st.may { // must is a subset of may
		if h.class.id == id && k != except {
			st.kill(k)
		}
	}
}

// acquired records that the function locks k, for its summary, when it
// does not hold k already and has not unlocked it before.
func (f *lockFlow) acquired(st *lockState, k lockKey, e lockEffect) {
	if _, held := st.may[k]; held {
		return
	}
	if _, rel := st.rel[k]; rel {
		return
	}
	st.acq[k] = e
}

// released applies an unlock of k. Through a phi (n := head; ...; n =
// next) the unlock may be of any value the phi merges: those are released
// too.
func (f *lockFlow) released(st *lockState, k lockKey, suffix string, cls lockClass) {
	if _, held := st.may[k]; !held {
		st.rel[k] = lockEffect{suffix: suffix, cls: cls}
	}
	st.kill(k)
	for _, o := range aliases(st.may, k) {
		st.kill(o)
	}
	f.killClass(st, cls.id, k)
	switch k.root.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
	default:
		if k.global == "" && cls.id != "" {
			st.opaque[cls.id] = true
		}
	}
	if _, ok := k.root.(*ssa.Phi); !ok {
		return
	}
	for _, v := range phiInputs(k.root) {
		st.kill(lockKey{root: v, path: k.path, idx: k.idx})
	}
}

// phiInputs returns the values that the phi v merges, through nested phis.
func phiInputs(v ssa.Value) []ssa.Value {
	var out []ssa.Value
	seen := map[ssa.Value]bool{}
	work := []ssa.Value{v}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
		if phi, ok := x.(*ssa.Phi); ok {
			work = append(work, phi.Edges...)
		}
	}
	return out
}

// deferred records what a deferred call releases when the function returns.
func (f *lockFlow) deferred(st *lockState, cc *ssa.CallCommon) {
	lc := f.lc
	if op, mu, ok := lc.lockCall(cc); ok {
		if op == apis.UnlockWrite || op == apis.UnlockRead {
			if k, name, _, ok := lc.keyOf(mu); ok {
				st.deferRel[k] = true
				for _, o := range aliases(st.may, k) {
					st.deferRel[o] = true
				}
				if !f.g.inLoop(f.cur.Block()) {
					st.deferUnl[k] = heldLock{pos: f.cur.Pos(), name: name, mode: unlockMode(op)}
				}
				if cl := lc.classOf(mu, modeWrite, token.NoPos, f.fn); cl.id != "" {
					st.deferCls[cl.id] = true
				}
			} else {
				st.deferAny = true
			}
		}
		f.deferredLock(st, op, mu)
		return
	}
	sum, callee := lc.calleeSummary(cc)
	if sum == nil {
		if cc.StaticCallee() == nil || len(cc.Args) > 0 {
			st.deferAny = true
		}
		return
	}
	for _, e := range sum.releases {
		if k, _, ok := f.translate(cc, callee, e); ok {
			st.deferRel[k] = true
		} else {
			st.deferAny = true
		}
		if e.cls.id != "" {
			st.deferCls[e.cls.id] = true
		}
	}
	for _, id := range sum.opaque {
		st.deferCls[id] = true
	}
}

// started applies a go statement: the new goroutine may unlock what it
// releases, and nothing it locks is held by this one.
func (f *lockFlow) started(st *lockState, cc *ssa.CallCommon) {
	f.touched(st, cc)
	sum, callee := f.lc.calleeSummary(cc)
	if sum == nil {
		f.unknown(st, cc)
		f.closureArgs(st, cc)
		return
	}
	for _, e := range sum.releases {
		if k, _, ok := f.translate(cc, callee, e); ok {
			st.kill(k)
		}
	}
	f.closureArgs(st, cc)
}

// unknown forgets the mutexes that a call it cannot see into can reach
// through its arguments or receiver.
func (f *lockFlow) unknown(st *lockState, cc *ssa.CallCommon) {
	vals := append([]ssa.Value{cc.Value}, cc.Args...)
	if mc, ok := cc.Value.(*ssa.MakeClosure); ok {
		vals = append(vals, mc.Bindings...)
	}
	for _, v := range vals {
		if mi, ok := v.(*ssa.MakeInterface); ok {
			v = mi.X
		}
		f.handedBack(st, cc, v)
		ka, _, _, ok := f.lc.keyOf(v)
		if !ok {
			continue
		}
		for k := range st.may { // must is a subset of may
			if k.root == ka.root && k.global == ka.global && strings.HasPrefix(k.path, ka.path) {
				st.kill(k)
			}
		}
	}
}

// handedBack forgets the mutexes that a call left locked when v, given to
// the unresolved call cc, is what that call returned: a function that
// returns with a mutex held hands its release to the object it returns
// (it := c.Iterator(); ...; it.Close()), and a call the analysis cannot
// follow on that object may be the release. A method call through an
// interface is not one when the package declares methods of that name and
// none of them unlocks a mutex of the kind held.
func (f *lockFlow) handedBack(st *lockState, cc *ssa.CallCommon, v ssa.Value) {
	if ex, ok := v.(*ssa.Extract); ok {
		v = ex.Tuple
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return
	}
	for k, h := range st.may {
		if h.via != "" && h.pos == call.Pos() && f.mayRelease(cc, h.class.id) {
			st.kill(k)
		}
	}
}

// mayRelease reports whether the unresolved call cc may unlock a mutex of
// kind id: always, unless it calls an interface method whose name some
// methods of the package carry, none of which unlocks one.
func (f *lockFlow) mayRelease(cc *ssa.CallCommon, id string) bool {
	if !cc.IsInvoke() {
		return true
	}
	name := cc.Method.Name()
	found := false
	for _, fn := range f.lc.fns {
		if fn.Signature.Recv() == nil || fn.Name() != name {
			continue
		}
		found = true
		for _, e := range f.lc.summary(fn).releases {
			if e.cls.id == "" || e.cls.id == id {
				return true
			}
		}
	}
	return !found
}

// closureArgs applies what function literals handed to a call may release
// when the callee runs them (time.AfterFunc(d, func() { mu.Unlock() })).
func (f *lockFlow) closureArgs(st *lockState, cc *ssa.CallCommon) {
	for _, a := range cc.Args {
		if mc, ok := a.(*ssa.MakeClosure); ok {
			f.handedOver(st, mc)
		}
	}
}

// handedOver forgets the mutexes that the function value mc may release
// once it is out of this function's hands (an argument, a value stored in
// a field, mu.Unlock as a method value): whoever calls it releases them,
// at a time this function does not see, so a later Lock here waits for
// that call rather than for itself (a mutex used as a one-shot signal).
func (f *lockFlow) handedOver(st *lockState, mc *ssa.MakeClosure) {
	fn := mc.Fn.(*ssa.Function)
	sum := f.lc.summary(fn)
	for _, e := range sum.releases {
		if e.global != "" {
			st.kill(lockKey{global: e.global, path: e.path})
			continue
		}
		i := e.param - len(fn.Params)
		if i < 0 || i >= len(mc.Bindings) {
			continue
		}
		if ka, _, _, ok := f.lc.keyOf(mc.Bindings[i]); ok {
			st.kill(lockKey{root: ka.root, global: ka.global, path: ka.path + e.path, idx: ka.idx})
		}
	}
}

// translate turns a callee's summary item into the caller's key for the
// same mutex, and names it as the caller would.
func (f *lockFlow) translate(cc *ssa.CallCommon, callee *ssa.Function, e lockEffect) (lockKey, string, bool) {
	if e.global != "" {
		name := e.global
		if i := strings.LastIndex(name, "/"); i >= 0 {
			name = name[i+1:]
		}
		if strings.HasPrefix(e.global, f.lc.pass.Pkg.Path()+".") {
			name = e.global[len(f.lc.pass.Pkg.Path())+1:]
		}
		return lockKey{global: e.global, path: e.path}, name + e.suffix, true
	}
	// The callee's parameters are the call's arguments (receiver first),
	// then the free variables a closure binds.
	var arg ssa.Value
	args := dyncall.Args(cc)
	nparams := len(args)
	switch {
	case e.param < nparams:
		arg = args[e.param]
	default:
		mc, ok := cc.Value.(*ssa.MakeClosure)
		if !ok || e.param-nparams >= len(mc.Bindings) || e.param < nparams {
			return lockKey{}, "", false
		}
		arg = mc.Bindings[e.param-nparams]
	}
	ka, name, _, ok := f.lc.keyOf(arg)
	if !ok {
		return lockKey{}, "", false
	}
	return lockKey{root: ka.root, global: ka.global, path: ka.path + e.path, idx: ka.idx}, name + e.suffix, true
}

// keyOf names the mutex (or the value leading to mutexes) that v points to.
func (lc *lockChecker) keyOf(v ssa.Value) (k lockKey, name, suffix string, ok bool) {
	var path, names []string
	for range 16 {
		if fa, _, ok := lc.condMutex(v); ok {
			v = fa // c.cond.L is &c.mu
		}
		switch x := v.(type) {
		case *ssa.FieldAddr:
			st := structOf(x.X.Type())
			if st == nil {
				return lockKey{}, "", "", false
			}
			fld := st.Field(x.Field)
			path = append(path, fmt.Sprintf(".%d", x.Field))
			if !fld.Embedded() {
				names = append(names, "."+fld.Name())
			}
			v = x.X
			continue
		case *ssa.UnOp:
			if x.Op == token.MUL {
				path = append(path, "*")
				v = x.X
				continue
			}
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.Convert:
			// (*T)(p) of an unsafe.Pointer: the same pointer each time.
			v = x.X
			continue
		case *ssa.Global:
			k.global = x.Pkg.Pkg.Path() + "." + x.Name()
			return k.withPath(path), x.Name() + join(names), join(names), true
		case *ssa.IndexAddr:
			seg, ok := indexSeg(x.Index, &k)
			if !ok {
				return lockKey{}, "", "", false
			}
			path = append(path, seg)
			names = append(names, "["+indexName(x.Index)+"]")
			v = x.X
			continue
		case *ssa.Field, *ssa.Index, *ssa.Lookup, *ssa.Const:
			return lockKey{}, "", "", false
		}
		k.root = v
		return k.withPath(path), rootName(v) + join(names), join(names), true
	}
	return lockKey{}, "", "", false
}

func (k lockKey) withPath(rev []string) lockKey {
	for i := len(rev) - 1; i >= 0; i-- {
		k.path += rev[i]
	}
	return k
}

func join(rev []string) string {
	var b strings.Builder
	for i := len(rev) - 1; i >= 0; i-- {
		b.WriteString(rev[i])
	}
	return b.String()
}

// rootName names a root value for messages.
func rootName(v ssa.Value) string {
	switch x := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return v.Name()
	case *ssa.Alloc:
		if token.IsIdentifier(x.Comment) {
			return x.Comment
		}
	}
	return "the value"
}

// calleeSummary returns the summary of the callee (static, or a resolved
// dynamic call, see dyncall.Resolver.Callee): computed for
// functions of this package (and synthetic wrappers), imported as a
// LockFact for the others. It is nil when there is nothing to know.
func (lc *lockChecker) calleeSummary(cc *ssa.CallCommon) (*lockSum, *ssa.Function) {
	callee := lc.dyn.Callee(cc)
	if callee == nil {
		return nil, nil
	}
	if len(callee.Blocks) > 0 && (callee.Pkg == lc.ssaPkg || callee.Synthetic != "") {
		return lc.summary(callee), callee
	}
	if s, ok := lc.sums[callee]; ok {
		return s, callee // imported before
	}
	s := &lockSum{}
	if obj, ok := callee.Object().(*types.Func); ok {
		var fact LockFact
		if lc.pass.ImportObjectFact(obj.Origin(), &fact) {
			s = fact.summary()
		}
	}
	lc.sums[callee] = s
	return s, callee
}

// summary computes (once) the summary of fn, which has a body.
func (lc *lockChecker) summary(fn *ssa.Function) *lockSum {
	if s, ok := lc.sums[fn]; ok {
		if i := slices.Index(lc.solving, fn); i >= 0 {
			for _, g := range lc.solving[i:] {
				lc.cyclic[g] = true
			}
		}
		return s
	}
	lc.sums[fn] = &lockSum{} // recursion sees nothing, for now
	lc.solving = append(lc.solving, fn)
	defer func() { lc.solving = lc.solving[:len(lc.solving)-1] }()
	if lc.lockFree(fn) {
		if lc.checks[fn] {
			lc.checks[fn] = false
			lc.prematureWait(fn)
		}
		return lc.sums[fn]
	}
	return lc.solveSummary(fn, true)
}

// solveSummary runs the lock flow over fn, records its summary and, when
// check is set, checks it, unless its summary saw a recursive call as
// doing nothing: that one is checked by recursive.
func (lc *lockChecker) solveSummary(fn *ssa.Function, check bool) *lockSum {
	f := lc.newFlow(fn)
	f.solve(fn.Blocks[0], newLockState(), nil)
	var acq, holds map[lockKey]lockEffect
	rel := map[lockKey]lockEffect{}
	opaque := map[string]bool{}
	for _, st := range f.out {
		for id := range st.opaque {
			opaque[id] = true
		}
	}
	for _, b := range fn.Blocks {
		st, ok := f.out[b]
		if !ok || !isReturn(b) || f.g.dead[b.Index] {
			continue
		}
		h := map[lockKey]lockEffect{}
		if !st.deferAny {
			for k, v := range st.must {
				if !st.deferRel[k] && !f.poison[k] && !st.deferCls[v.class.id] {
					h[k] = lockEffect{mode: v.mode, suffix: v.suffix, pos: v.pos, at: lc.at(v.pos), cls: v.class}
				}
			}
		}
		a := map[lockKey]lockEffect{}
		for k, v := range st.acq {
			if !f.poison[k] {
				a[k] = v
			}
		}
		if acq == nil {
			acq, holds = a, h
		} else {
			intersect(acq, a)
			intersect(holds, h)
		}
		for k, v := range st.rel {
			rel[k] = v
		}
		for k := range st.deferRel {
			_, locked := st.acq[k]
			if _, held := st.may[k]; !locked && !held {
				rel[k] = lockEffect{}
			}
		}
	}
	s := &lockSum{
		acquires: lc.relative(fn, acq),
		holds:    lc.relative(fn, holds),
		releases: lc.relative(fn, rel),
	}
	all := &lockSum{}
	for _, e := range acq {
		all.acquires = append(all.acquires, e)
	}
	for _, e := range holds {
		all.holds = append(all.holds, e)
	}
	s.classes = taken(all) // whatever the mutex is reached through
	for id := range opaque {
		s.opaque = append(s.opaque, id)
	}
	sort.Strings(s.opaque)
	lc.sums[fn] = s
	if check && lc.checks[fn] && !lc.cyclic[fn] {
		lc.checks[fn] = false
		lc.check(f)
	}
	return s
}

// recursive computes again the summaries of the functions that call
// themselves, directly or through others of the package, now that each
// call back sees what the first summary found (what the function locks on
// every path while its recursive calls lock nothing), and checks them: a
// function that holds a mutex it locked on entry when it calls itself
// waits on itself there (double-lock). A recursive path that unlocks
// first, or a call on another value (n.left.walk()), is fine.
func (lc *lockChecker) recursive(fns []*ssa.Function) {
	var cyc []*ssa.Function
	for _, fn := range fns {
		if lc.cyclic[fn] && len(fn.Blocks) > 0 {
			cyc = append(cyc, fn)
		}
	}
	// Until the summaries of the cycle settle (a few rounds at most: each
	// adds what one more call in the cycle locks).
	for range 4 {
		changed := false
		for _, fn := range cyc {
			old := lc.sums[fn].String()
			if lc.solveSummary(fn, false).String() != old {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, fn := range cyc {
		lc.cyclic[fn] = false
		lc.solveSummary(fn, true)
	}
}

// lockFree reports whether fn neither locks nor unlocks a mutex, itself or
// through what it calls: its summary is empty and it has nothing to check.
func (lc *lockChecker) lockFree(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			cc := call.Common()
			if _, ok := lc.locks.Lookup(apis.SSACallee(cc)); ok {
				return false
			}
			if _, _, ok := lc.lockCall(cc); ok {
				return false
			}
			if sum, _ := lc.calleeSummary(cc); !sum.empty() || (sum != nil && len(sum.classes) > 0) {
				return false
			}
			for _, a := range cc.Args {
				if mc, ok := a.(*ssa.MakeClosure); ok && !lc.summary(mc.Fn.(*ssa.Function)).empty() {
					return false
				}
			}
		}
	}
	return true
}

func intersect(a, b map[lockKey]lockEffect) {
	for k := range a {
		if _, ok := b[k]; !ok {
			delete(a, k)
		}
	}
}

// relative keeps the keys rooted in fn's parameters, free variables or
// package-level variables, as summary items in a fixed order.
func (lc *lockChecker) relative(fn *ssa.Function, m map[lockKey]lockEffect) []lockEffect {
	var out []lockEffect
	for k, e := range m {
		if k.idx != nil {
			continue // an index the caller cannot name
		}
		e.param, e.global, e.path = -1, k.global, k.path
		if k.global == "" {
			for i, p := range fn.Params {
				if k.root == p && isPointerLike(p.Type()) {
					e.param = i
				}
			}
			for i, fv := range fn.FreeVars {
				if k.root == fv && isPointerLike(fv.Type()) {
					e.param = len(fn.Params) + i
				}
			}
			if e.param < 0 {
				continue
			}
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].param != out[j].param {
			return out[i].param < out[j].param
		}
		if out[i].global != out[j].global {
			return out[i].global < out[j].global
		}
		return out[i].path < out[j].path
	})
	return out
}

// isPointerLike reports whether a value of type t shares what it points to
// with its copies: a callee's lock through it is the caller's lock.
func isPointerLike(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// at describes pos as file:line for messages that cross packages.
func (lc *lockChecker) at(pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	p := lc.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", baseName(p.Filename), p.Line)
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// callAt returns the call expression whose opening parenthesis is at pos.
func (lc *lockChecker) callAt(pos token.Pos) *ast.CallExpr {
	if lc.calls == nil {
		lc.calls = make(map[token.Pos]*ast.CallExpr)
		for _, f := range lc.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					lc.calls[call.Lparen] = call
				}
				return true
			})
		}
	}
	return lc.calls[pos]
}

// recvText is the source text of the receiver of the method call at pos
// (l.mu in l.mu.Lock()), or "".
func (lc *lockChecker) recvText(pos token.Pos) string {
	if call := lc.callAt(pos); call != nil {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			return types.ExprString(sel.X)
		}
	}
	return ""
}

// calleeText is the source text of the function called at pos (l.exit).
func (lc *lockChecker) calleeText(pos token.Pos, callee *ssa.Function) string {
	if call := lc.callAt(pos); call != nil {
		return types.ExprString(call.Fun)
	}
	if callee != nil {
		return callee.Name()
	}
	return "the call"
}

// check reports the double locks and missing unlocks of the function of
// the solved flow f.
func (lc *lockChecker) check(f *lockFlow) {
	fn := f.fn
	f.report(false)
	lc.prematureWait(fn)
	lc.waitUnderLock(f)
	lc.recvUnderLock(f)
	lc.missingUnlock(f)
	// The next iteration of a loop: a mutex locked in the loop and held on
	// every way back to its header is locked again there.
	for _, l := range f.g.loops() {
		seed, ok := f.in[l.header]
		if !ok {
			continue
		}
		for _, p := range l.header.Preds {
			out, ok := f.out[p]
			if !ok || !l.header.Dominates(p) {
				continue
			}
			back := f.edge(out, p, l.header)
			extra := false
			next := seed.clone()
			for k, h := range back.must {
				if _, ok := seed.must[k]; !ok && h.via == "" && l.has(lc.blockOf(fn, h.pos)) {
					next.must[k], next.may[k] = h, h
					extra = true
				}
			}
			if !extra {
				continue
			}
			lf := lc.newFlow(fn)
			lf.next = true
			lf.solve(l.header, next, l.has)
			lf.report(true)
		}
	}
}

// blockOf returns the block of fn holding the call at pos, or nil.
func (lc *lockChecker) blockOf(fn *ssa.Function, pos token.Pos) *ssa.BasicBlock {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && call.Pos() == pos {
				return b
			}
		}
	}
	return nil
}

// report replays the solved flow and reports each double lock once.
func (f *lockFlow) report(nextIteration bool) {
	var found []lockFinding
	for _, b := range f.fn.Blocks {
		in, ok := f.in[b]
		if !ok {
			continue
		}
		f.block(b, in.clone(), func(d lockFinding) {
			d.loop = nextIteration
			found = append(found, d)
		})
	}
	if !nextIteration {
		found = append(found, f.deferredUnlocks()...)
		for _, d := range f.deferredLocks() {
			if !f.lc.flagged[d.pos] {
				f.lc.flagged[d.pos] = true
				f.lc.reportDeferredLock(d)
			}
		}
	}
	for _, d := range found {
		if f.lc.flagged[d.pos] {
			continue
		}
		if d.unlock {
			if !f.nested[d.key] {
				f.lc.flagged[d.pos] = true
				f.lc.reportDoubleUnlock(d)
			}
			continue
		}
		if d.held.mode == modeRead && d.want == modeRead && !f.lc.writerPossible(f.fn, d.key) {
			continue // recursive read locks deadlock only with a writer
		}
		f.lc.flagged[d.pos] = true
		f.lc.reportDouble(d)
	}
}

// reportDouble reports a Lock, or a call that locks, of a mutex the
// goroutine already holds.
func (lc *lockChecker) reportDouble(d lockFinding) {
	since := fmt.Sprintf("locked at line %d", lc.line(d.held.pos))
	if d.held.via != "" {
		since = fmt.Sprintf("left locked by %s at line %d", d.held.via, lc.line(d.held.pos))
	}
	if d.loop {
		since = fmt.Sprintf("locked at line %d on the previous iteration of the loop and still held when it comes round", lc.line(d.held.pos))
	}
	var what, why, fix string
	switch {
	case d.held.mode == modeRead && d.want == modeRead:
		what = "read-locked again"
		why = "a writer that calls Lock in between blocks both forever, since sync.RWMutex forbids recursive read locking"
		fix = "use what the first read lock already guards, or release it before"
	case d.held.mode == modeRead:
		what = "locked for writing"
		why = "a read lock cannot be upgraded, so this goroutine waits on itself forever"
		fix = "RUnlock first and check the state again after Lock"
	default:
		what = "locked again"
		if d.want == modeRead {
			what = "read-locked"
		}
		why = "sync mutexes are not reentrant, so this goroutine waits on itself forever"
		fix = "unlock it first, or do not lock it again"
	}
	msg := fmt.Sprintf("%s is %s while this goroutine still holds it (%s): %s; %s", d.name, what, since, why, fix)
	if d.callee != "" {
		where := ""
		if d.eff.at != "" {
			where = " at " + d.eff.at
		}
		verb := "locks"
		if d.want == modeRead {
			verb = "read-locks"
		}
		msg = fmt.Sprintf("%s %s %s%s while this goroutine still holds it (%s): %s; %s",
			d.callee, verb, d.name, where, since, why, "call a variant that expects the lock held, or unlock before the call")
	}
	diag := analysis.Diagnostic{
		Pos:      d.pos,
		Category: "double-lock",
		Message:  msg,
		Related:  []analysis.RelatedInformation{{Pos: d.held.pos, Message: d.name + " is locked here"}},
	}
	if d.callee != "" && d.eff.pos.IsValid() && d.eff.pos != d.pos {
		diag.Related = append(diag.Related, analysis.RelatedInformation{Pos: d.eff.pos, Message: "and locked again here"})
	}
	lc.report.Report(diag)
}

// missingUnlock reports a return that leaves a mutex the function locked
// itself still locked, when the function shows that it should not:
// another of its returns has the mutex unlocked and the function either
// has no results (its caller cannot tell whether it holds the lock) or
// does not present itself as taking a lock (by name or doc comment); or
// this return hands back an error (a caller that gets an error does not
// unlock what the failed call took). Functions that return holding a
// mutex on every path without failing are lock helpers; callers see them
// through their summary.
func (lc *lockChecker) missingUnlock(f *lockFlow) {
	fn := f.fn
	type ret struct {
		r  *ssa.Return
		st *lockState
	}
	var rets []ret
	for _, b := range fn.Blocks {
		st, ok := f.out[b]
		if !ok || !isReturn(b) || f.g.dead[b.Index] {
			continue
		}
		rets = append(rets, ret{b.Instrs[len(b.Instrs)-1].(*ssa.Return), st})
	}
	sort.Slice(rets, func(i, j int) bool { return retPos(rets[i].r) < retPos(rets[j].r) })
	noResults := fn.Signature.Results().Len() == 0
	for _, r := range rets {
		if r.st.deferAny {
			continue
		}
		var keys []lockKey
		for k, h := range r.st.must {
			if _, atEntry := r.st.rel[k]; atEntry {
				continue // held when the function began: it locks it again for its caller
			}
			if h.via == "" && !f.poison[k] && !r.st.deferRel[k] && !r.st.deferCls[h.class.id] {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return r.st.must[keys[i]].pos < r.st.must[keys[j]].pos })
		for _, k := range keys {
			h := r.st.must[k]
			if lc.flagged[h.pos] {
				continue // the Lock itself never returns: reported as a double lock
			}
			if f.unlocksAlias(k) {
				continue // it may unlock the same mutex reached another way
			}
			released := false
			for _, o := range rets {
				if _, held := o.st.may[k]; !held && !o.st.deferAny {
					released = true
				}
			}
			failing := lc.failing(r.r)
			if !(released && (noResults || !lc.lockish(fn))) && !failing {
				continue
			}
			lc.reportMissingUnlock(r.r, h, failing)
		}
	}
}

// unlocksAlias reports whether the function unlocks a mutex at the same
// field path as k from another root: it may be k reached another way.
func (f *lockFlow) unlocksAlias(k lockKey) bool {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			cc := call.Common()
			op, mu, ok := f.lc.lockCall(cc)
			if !ok || (op != apis.UnlockWrite && op != apis.UnlockRead) {
				continue
			}
			u, _, _, ok := f.lc.keyOf(mu)
			if !ok || (u.path == k.path && u.root != k.root) {
				return true
			}
		}
	}
	return false
}

// lockish reports whether fn presents itself as taking a lock for its
// caller, by a word of its name (lockOpen, acquire, holdSlot, begin) or of
// its doc comment (locks, held, holding): such a function may return
// holding a mutex on purpose. Words, not substrings: "block" and "clock"
// say nothing about a lock, and "unlock" says the opposite.
func (lc *lockChecker) lockish(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	nameWords := map[string]bool{"lock": true, "rlock": true, "locked": true, "acquire": true, "hold": true, "grab": true, "enter": true, "begin": true, "take": true}
	for _, w := range words.Split(fn.Name()) {
		if nameWords[w] {
			return true
		}
	}
	if decl, ok := fn.Syntax().(*ast.FuncDecl); ok && decl.Doc != nil {
		docWords := map[string]bool{"lock": true, "locks": true, "locked": true, "locking": true, "held": true, "hold": true, "holds": true, "holding": true}
		for _, w := range words.Prose(decl.Doc.Text()) {
			if docWords[w] {
				return true
			}
		}
	}
	return false
}

// failing reports whether return r hands back a non-nil error.
func (lc *lockChecker) failing(r *ssa.Return) bool {
	for _, v := range r.Results {
		if types.Identical(v.Type(), types.Universe.Lookup("error").Type()) && lc.nonNil(v, r.Block()) {
			return true
		}
	}
	return false
}

// nonNil reports whether error v is surely not nil in block b: a sentinel
// variable, a new error, a concrete value, or a value tested against nil on
// the way to b.
func (lc *lockChecker) nonNil(v ssa.Value, b *ssa.BasicBlock) bool {
	switch x := v.(type) {
	case *ssa.Const:
		return false
	case *ssa.UnOp:
		if _, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return true
		}
	case *ssa.Call:
		if _, ok := lc.errs.Lookup(apis.SSACallee(x.Common())); ok {
			return true
		}
	case *ssa.MakeInterface:
		if k, ok := x.X.(*ssa.Const); !ok || k.Value != nil {
			return true
		}
	}
	// A named result (or a variable a closure captures) is read anew at
	// each use: a test of another load of the same variable counts when
	// nothing stores to it between the test and b.
	addr := loadedVar(v)
	same := func(x ssa.Value) bool { return x == v || (addr != nil && loadedVar(x) == addr) }
	if addr != nil && blockStores(b, addr) {
		addr = nil
	}
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		bin, isBin := (*ssa.BinOp)(nil), false
		if ok {
			bin, isBin = iff.Cond.(*ssa.BinOp)
		}
		if !ok || len(d.Succs) != 2 || d.Succs[0] == d.Succs[1] || !isBin || (!same(bin.X) && !same(bin.Y)) {
			if addr != nil && blockStores(d, addr) {
				addr = nil // stored on the way: only v itself counts above
			}
			continue
		}
		other := bin.Y
		if same(bin.Y) {
			other = bin.X
		}
		if k, ok := other.(*ssa.Const); !ok || k.Value != nil {
			continue
		}
		switch {
		case bin.Op == token.NEQ && d.Succs[0].Dominates(b):
			return true
		case bin.Op == token.EQL && d.Succs[1].Dominates(b):
			return true
		}
	}
	return false
}

// loadedVar returns the local variable (an Alloc: a named result, or a
// variable captured by a closure) whose value v loads, or nil.
func loadedVar(v ssa.Value) *ssa.Alloc {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return nil
	}
	a, _ := u.X.(*ssa.Alloc)
	return a
}

// blockStores reports whether block b stores to addr anything but what
// it loaded from it (return x of a named result stores x back).
func blockStores(b *ssa.BasicBlock, addr *ssa.Alloc) bool {
	for _, instr := range b.Instrs {
		if st, ok := instr.(*ssa.Store); ok && st.Addr == addr && loadedVar(st.Val) != addr {
			return true
		}
	}
	return false
}

// reportMissingUnlock reports return r, which leaves h locked.
func (lc *lockChecker) reportMissingUnlock(r *ssa.Return, h heldLock, failing bool) {
	pos := retPos(r)
	if lc.flagged[pos] {
		return
	}
	lc.flagged[pos] = true
	unlock := "Unlock"
	state := "locked"
	if h.mode == modeRead {
		unlock, state = "RUnlock", "read-locked"
	}
	why := "unlike the function's other returns"
	if failing {
		why = "while returning an error, and a caller that gets an error does not unlock it"
	}
	d := analysis.Diagnostic{
		Pos:      pos,
		Category: "missing-unlock",
		Message: fmt.Sprintf("this return leaves %s %s (locked at line %d), %s: every later Lock of %s blocks forever; call %s.%s() before returning, or defer it right after the lock",
			h.name, state, lc.line(h.pos), why, h.name, h.name, unlock),
		Related: []analysis.RelatedInformation{{Pos: h.pos, Message: h.name + " is locked here"}},
	}
	if fix, ok := lc.unlockFix(r, h.name, unlock); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	lc.report.Report(d)
}

// unlockFix inserts name.unlock() on its own line before return statement r.
func (lc *lockChecker) unlockFix(r *ssa.Return, name, unlock string) (analysis.SuggestedFix, bool) {
	if !r.Pos().IsValid() || strings.Contains(name, " ") {
		return analysis.SuggestedFix{}, false
	}
	var stmt *ast.ReturnStmt
	for _, n := range lc.pathAt(r.Pos()) {
		if rs, ok := n.(*ast.ReturnStmt); ok && rs.Return == r.Pos() {
			stmt = rs
			break
		}
	}
	if stmt == nil {
		return analysis.SuggestedFix{}, false
	}
	_, _, indent, ok := lc.lineIndent(stmt.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	text := name + "." + unlock + "()\n" + indent
	return analysis.SuggestedFix{
		Message:   "unlock " + name + " before this return",
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(text)}},
	}, true
}

// writerPossible reports whether some goroutine may lock mutex k of fn for
// writing: always, unless k is a local variable of fn, or of the function
// whose variable fn captures, that is handed to nothing but function
// literals of that function, none of which locks it for writing.
func (lc *lockChecker) writerPossible(fn *ssa.Function, k lockKey) bool {
	root, path, owner := k.root, k.path, fn
	for {
		fv, ok := root.(*ssa.FreeVar)
		if !ok {
			break
		}
		parent := owner.Parent()
		if parent == nil {
			return true
		}
		idx := -1
		for i, v := range owner.FreeVars {
			if v == fv {
				idx = i
			}
		}
		var binding ssa.Value
		for _, b := range parent.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == owner && idx >= 0 && idx < len(mc.Bindings) {
					if binding != nil {
						return true
					}
					binding = mc.Bindings[idx]
				}
			}
		}
		bk, _, _, ok := lc.keyOf(binding)
		if binding == nil || !ok {
			return true
		}
		root, path, owner = bk.root, bk.path+path, parent
	}
	alloc, ok := root.(*ssa.Alloc)
	if !ok || strings.Contains(path, "*") {
		return true // not the variable's own mutex, but one it points to
	}
	for _, r := range refs(alloc) {
		switch r.(type) {
		case *ssa.FieldAddr, *ssa.Store, *ssa.DebugRef, *ssa.MakeClosure, *ssa.UnOp:
		case ssa.CallInstruction:
			if _, ok := lc.locks.Lookup(apis.SSACallee(r.(ssa.CallInstruction).Common())); !ok {
				return true
			}
		default:
			return true
		}
	}
	// Any write lock in owner or its function literals that may reach it.
	var fns []*ssa.Function
	var add func(*ssa.Function)
	add = func(f *ssa.Function) {
		fns = append(fns, f)
		for _, a := range f.AnonFuncs {
			add(a)
		}
	}
	add(owner)
	for _, f := range fns {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				cc := call.Common()
				if op, _, ok := lc.lockCall(cc); ok && (op == apis.LockWrite || op == apis.LockTry) {
					return true
				}
			}
		}
	}
	return false
}

// classOf returns the class of the mutex v points to: the innermost named
// struct type on the way to it and the fields from there, or the
// package-level variable and its fields. id is empty when it has none.
func (lc *lockChecker) classOf(v ssa.Value, mode lockMode, pos token.Pos, owner *ssa.Function) lockClass {
	var fields, shown []string
	for range 16 {
		if fa, _, ok := lc.condMutex(v); ok {
			v = fa // c.cond.L is &c.mu
		}
		switch x := v.(type) {
		case *ssa.FieldAddr:
			st := structOf(x.X.Type())
			if st == nil {
				return lockClass{}
			}
			fld := st.Field(x.Field)
			fields = append([]string{fld.Name()}, fields...)
			if !fld.Embedded() {
				shown = append([]string{fld.Name()}, shown...)
			}
			ptr, ok := x.X.Type().Underlying().(*types.Pointer)
			if !ok {
				return lockClass{}
			}
			if named, ok := types.Unalias(ptr.Elem()).(*types.Named); ok && named.Obj().Pkg() != nil {
				obj := named.Obj()
				return lockClass{
					id:   obj.Pkg().Path() + "." + obj.Name() + "." + strings.Join(fields, "."),
					show: strings.Join(append([]string{obj.Name()}, shown...), "."),
					mode: mode, pos: pos, owner: owner,
				}
			}
			v = x.X
		case *ssa.Global:
			return lockClass{
				id:   x.Pkg.Pkg.Path() + "." + strings.Join(append([]string{x.Name()}, fields...), "."),
				show: strings.Join(append([]string{x.Name()}, shown...), "."),
				mode: mode, pos: pos, owner: owner,
			}
		default:
			return lockClass{}
		}
	}
	return lockClass{}
}

// taken returns the kinds of mutex that a function with summary s locks
// on every path (or leaves locked), whichever mutex of the kind it is.
func taken(s *lockSum) []lockClass {
	byID := make(map[string]lockClass)
	for _, es := range [][]lockEffect{s.acquires, s.holds} {
		for _, e := range es {
			c := e.cls
			if c.id == "" {
				continue
			}
			c.mode = e.mode
			if e.pos.IsValid() {
				c.pos = e.pos
			}
			if old, ok := byID[c.id]; ok {
				if c.mode == modeWrite && old.mode != modeWrite {
					old.mode = modeWrite
					byID[c.id] = old
				}
				continue
			}
			byID[c.id] = c
		}
	}
	out := make([]lockClass, 0, len(byID))
	for _, c := range byID {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// ordered records, in the report pass, that the goroutine locks class cl
// at pos while it holds the mutexes of st (except those the call releases).
func (f *lockFlow) ordered(st *lockState, cl lockClass, pos token.Pos, via string, released []lockKey) {
	if f.emit == nil || f.next || cl.id == "" {
		return
	}
	for _, h := range st.must {
		if h.class.id == cl.id {
			return // a mutex of that kind is held already: no order to learn
		}
	}
	held := heldClasses(st)
	for k, h := range st.must {
		if h.class.id == "" || f.poison[k] || slices.Contains(released, k) {
			continue
		}
		gates := make(map[string]bool, len(held))
		for id := range held {
			if id != h.class.id {
				gates[id] = true
			}
		}
		key := [2]string{h.class.id, cl.id}
		f.lc.edges[key] = append(f.lc.edges[key], lockEdge{from: h.class, to: cl, pos: pos, via: via, fn: f.fn, gates: gates})
	}
}

// heldClasses returns the kinds of mutex held on every path at st.
func heldClasses(st *lockState) map[string]bool {
	out := make(map[string]bool, len(st.must))
	for _, h := range st.must {
		if h.class.id != "" {
			out[h.class.id] = true
		}
	}
	return out
}

// noteCall records, in the report pass, the kinds of mutex held where fn
// calls a function of this package: a function whose every caller holds a
// kind runs under it (its entry lockset).
func (f *lockFlow) noteCall(st *lockState, cc *ssa.CallCommon) {
	if f.emit == nil || f.next {
		return
	}
	callee := cc.StaticCallee()
	if callee == nil || callee.Pkg != f.lc.ssaPkg {
		return
	}
	site := callSite{caller: f.fn, held: heldClasses(st), locks: make(map[string]heldLock)}
	if f.cur != nil {
		site.pos = f.cur.Pos()
	}
	for _, h := range st.must {
		if old, ok := site.locks[h.class.id]; h.class.id != "" && (!ok || h.pos < old.pos) {
			site.locks[h.class.id] = h
		}
	}
	f.lc.callHeld[callee] = append(f.lc.callHeld[callee], site)
}

// calledOnly reports whether the function literal fn is made once and
// its closure is only ever called (check := func(...) {...}; check(a);
// check(b)): it runs only where its maker calls it, under the locks held
// there.
func calledOnly(fn *ssa.Function) bool {
	var mc *ssa.MakeClosure
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if m, ok := instr.(*ssa.MakeClosure); ok && m.Fn == fn {
				if mc != nil {
					return false
				}
				mc = m
			}
		}
	}
	if mc == nil {
		return false
	}
	for _, r := range *mc.Referrers() {
		if isDebug(r) {
			continue
		}
		call, ok := r.(*ssa.Call)
		if !ok || call.Call.Value != mc || slices.Contains(call.Call.Args, ssa.Value(mc)) {
			return false
		}
	}
	return true
}

// A callSite is where a function of the package is called, with the kinds
// of mutex held there.
type callSite struct {
	caller *ssa.Function
	held   map[string]bool
	pos    token.Pos           // the call
	locks  map[string]heldLock // by kind, the mutexes held there
}

// entryLocksets computes, for each function of the package that is only
// ever called directly, the kinds of mutex held at every one of its call
// sites (and, through its callers, at theirs).
func (lc *lockChecker) entryLocksets() map[*ssa.Function]map[string]bool {
	// Used other than by a direct call: a go or defer statement, a
	// function value or a closure.
	// A call from the package initializer is outside lc.fns, so its
	// lockset is not known: it counts as taken too.
	taken := func(fn *ssa.Function) bool {
		return slices.ContainsFunc(lc.dyn.CallSites()[fn], func(call *ssa.Call) bool {
			return call == nil || inInitializer(call.Parent())
		})
	}
	// A function that unlocks a mutex it did not lock runs with it held.
	base := func(fn *ssa.Function) map[string]bool {
		out := make(map[string]bool)
		if sum, ok := lc.sums[fn]; ok {
			for _, e := range sum.releases {
				if e.cls.id != "" {
					out[e.cls.id] = true
				}
			}
		}
		return out
	}
	ctx := make(map[*ssa.Function]map[string]bool)
	for _, fn := range lc.fns {
		if b := base(fn); len(b) > 0 {
			ctx[fn] = b
		}
	}
	eligible := func(fn *ssa.Function) bool {
		if len(lc.callHeld[fn]) == 0 {
			return false
		}
		if fn.Parent() != nil {
			return calledOnly(fn) // a function literal, called where it is made
		}
		obj, ok := fn.Object().(*types.Func)
		return ok && !obj.Exported() && !taken(fn)
	}
	for changed, rounds := true, 0; changed && rounds < 10; rounds++ {
		changed = false
		for fn, sites := range lc.callHeld {
			if !eligible(fn) {
				continue
			}
			var cur map[string]bool
			for _, site := range sites {
				in := make(map[string]bool, len(site.held))
				for id := range site.held {
					in[id] = true
				}
				for id := range ctx[site.caller] {
					in[id] = true
				}
				if cur == nil {
					cur = in
					continue
				}
				for id := range cur {
					if !in[id] {
						delete(cur, id)
					}
				}
			}
			for id := range base(fn) {
				cur[id] = true
			}
			if old := ctx[fn]; len(old) != len(cur) {
				ctx[fn] = cur
				changed = true
			} else {
				for id := range cur {
					if !old[id] {
						ctx[fn] = cur
						changed = true
						break
					}
				}
			}
		}
	}
	return ctx
}

// lockOrder reports pairs of mutex classes that the package locks in both
// orders, each while holding the other: two goroutines, one in each order,
// wait for each other forever.
func (lc *lockChecker) lockOrder() {
	var keys [][2]string
	for k := range lc.edges {
		if k[0] < k[1] {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+"\x00"+keys[i][1] < keys[j][0]+"\x00"+keys[j][1] })
	if len(keys) == 0 {
		return
	}
	ctx := lc.entryLocksets()
	// Two edges held under a common third kind of mutex never run at once.
	gated := func(a, b *lockEdge) bool {
		ga := make(map[string]bool)
		for id := range a.gates {
			ga[id] = true
		}
		for id := range ctx[a.fn] {
			ga[id] = true
		}
		for id := range b.gates {
			if ga[id] {
				return true
			}
		}
		for id := range ctx[b.fn] {
			if ga[id] {
				return true
			}
		}
		return false
	}
	for _, k := range keys {
		back, ok := lc.edges[[2]string{k[1], k[0]}]
		if !ok {
			continue
		}
		fwd := lc.edges[k]
		// Each goroutine blocks only if its second lock conflicts with the
		// other's first: not when both are read locks.
		var a, b *lockEdge
		for i := range fwd {
			for j := range back {
				if (fwd[i].to.mode == modeWrite || back[j].from.mode == modeWrite) &&
					(back[j].to.mode == modeWrite || fwd[i].from.mode == modeWrite) && !gated(&fwd[i], &back[j]) {
					if a == nil || fwd[i].pos < a.pos || (fwd[i].pos == a.pos && back[j].pos < b.pos) {
						a, b = &fwd[i], &back[j]
					}
				}
			}
		}
		if a == nil {
			continue
		}
		if b.pos < a.pos {
			a, b = b, a
		}
		lc.reportOrder(*a, *b)
	}
}

// reportOrder reports edge b, whose reverse is edge a.
func (lc *lockChecker) reportOrder(a, b lockEdge) {
	how := func(e lockEdge) string {
		if e.via != "" {
			return fmt.Sprintf("%s locks %s", e.via, e.to.show)
		}
		return fmt.Sprintf("%s is locked", e.to.show)
	}
	msg := fmt.Sprintf("%s here while %s is held (locked at line %d), but at line %d %s while %s is held (locked at line %d): "+
		"two goroutines taking them in opposite orders wait for each other forever; always lock %s before %s",
		how(b), b.from.show, lc.line(b.from.pos), lc.line(a.pos), strings.TrimSuffix(how(a), " is locked")+" is locked", a.from.show, lc.line(a.from.pos),
		a.from.show, a.to.show)
	if a.via != "" {
		msg = fmt.Sprintf("%s here while %s is held (locked at line %d), but at line %d %s while %s is held (locked at line %d): "+
			"two goroutines taking them in opposite orders wait for each other forever; always lock %s before %s",
			how(b), b.from.show, lc.line(b.from.pos), lc.line(a.pos), how(a), a.from.show, lc.line(a.from.pos),
			a.from.show, a.to.show)
	}
	lc.report.Report(analysis.Diagnostic{
		Pos:      b.pos,
		Category: "lock-order",
		Message:  msg,
		Related: []analysis.RelatedInformation{
			{Pos: b.from.pos, Message: b.from.show + " is locked here"},
			{Pos: a.pos, Message: "the opposite order: " + a.to.show + " taken while " + a.from.show + " is held"},
		},
	})
}

// unpublished reports whether root, the value a mutex is reached from, is
// an object that this function allocated and has not yet handed to anyone
// when instr (its Lock) runs: allocated in the same block, and every use
// that could make it reachable by another goroutine (stored as a value,
// passed to a call, put in a map, interface, closure or channel, returned)
// comes later in that block. No other goroutine can hold such a mutex, so
// locking it while holding another one teaches no lock order: it is the
// usual "lock the new entry, then publish it" of a cache that constructs
// values under their own lock.
func unpublished(root ssa.Value, instr ssa.Instruction) bool {
	alloc, ok := root.(*ssa.Alloc)
	if !ok || instr == nil || alloc.Block() != instr.Block() {
		return false
	}
	idx := make(map[ssa.Instruction]int, len(instr.Block().Instrs))
	for i, in := range instr.Block().Instrs {
		idx[in] = i
	}
	at := idx[instr]
	var publishes func(v ssa.Value, depth int) bool
	publishes = func(v ssa.Value, depth int) bool {
		for _, ref := range *v.Referrers() {
			switch r := ref.(type) {
			case *ssa.DebugRef:
				continue
			case *ssa.FieldAddr:
				// An address inside the object: follow it once, so that
				// storing into a field does not count, but storing the
				// field's address (the mutex itself) does.
				if depth < 1 && !publishes(r, depth+1) {
					continue
				}
				return true
			case *ssa.Store:
				if r.Addr == v && r.Val != v {
					continue // writing into the object
				}
			case *ssa.Call:
				if ref == instr {
					continue // the Lock itself
				}
				if depth > 0 && r.Call.Signature().Recv() != nil && len(r.Call.Args) > 0 && r.Call.Args[0] == v {
					continue // a method of a field (an atomic counter) called on its address
				}
			case *ssa.UnOp:
				continue // a load from the object
			}
			if ref.Block() != instr.Block() {
				return true
			}
			if i, ok := idx[ref]; !ok || i < at {
				return true
			}
		}
		return false
	}
	return !publishes(alloc, 0)
}

// lockCall returns what a call does to a mutex, and the mutex: a call of
// the Locks table on its one argument, or Lock and Unlock of the L of a
// condition variable that is made on a mutex of the same struct value
// (c.cond.L.Lock() is c.mu.Lock(), or c.mu.RLock() for an RLocker).
func (lc *lockChecker) lockCall(cc *ssa.CallCommon) (apis.LockOp, ssa.Value, bool) {
	if op, ok := lc.locks.Lookup(apis.SSACallee(cc)); ok && !cc.IsInvoke() && len(cc.Args) == 1 {
		return op, cc.Args[0], true
	}
	if !cc.IsInvoke() || cc.Method.Pkg() == nil || cc.Method.Pkg().Path() != "sync" {
		return 0, nil, false
	}
	mu, read, ok := lc.condMutex(cc.Value)
	if !ok {
		return 0, nil, false
	}
	switch {
	case cc.Method.Name() == "Lock" && read:
		return apis.LockRead, mu, true
	case cc.Method.Name() == "Lock":
		return apis.LockWrite, mu, true
	case cc.Method.Name() == "Unlock" && read:
		return apis.UnlockRead, mu, true
	case cc.Method.Name() == "Unlock":
		return apis.UnlockWrite, mu, true
	}
	return 0, nil, false
}
