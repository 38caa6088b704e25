package goleak

import (
	"fmt"
	"go/token"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// This file holds the case of lock-held-wait where the sender holds the
// mutex and the receiver needs it: a function literal sends, while
// holding a mutex, on an unbuffered channel that the function making it
// alone receives from, and that function locks the same mutex before each
// of its receives.
//
//	done := make(chan struct{})
//	var mu sync.Mutex
//	bus.subscribe(func() {                   // runs on the bus's goroutine
//		mu.Lock()
//		defer mu.Unlock()
//		done <- struct{}{}                   // waits for the receive below
//	})
//	mu.Lock()                                // waits for the literal's unlock
//	mu.Unlock()
//	<-done
//
// When the literal takes the mutex first, its send waits for a receive
// that comes only after a Lock that waits for the literal: neither goes
// on. The literal may run anywhere (it is handed to code the analysis does
// not follow); what matters is that it can only finish its send by meeting
// the function's receive.

// sendToLockingMaker reports, in function fn, the sends that function
// literals made by fn perform on an unbuffered channel that fn made, alone
// receives from, and reaches only after locking a mutex that the literal
// holds at its send.
func (lc *lockChecker) sendToLockingMaker(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			a, ok := instr.(*ssa.Alloc)
			if !ok {
				continue
			}
			recvs, closures, ok := makerOnlyReceives(a)
			if !ok || len(recvs) == 0 {
				continue
			}
			sends := make([][]*ssa.Send, len(closures))
			for i, c := range closures {
				if sends[i], ok = literalSends(c); !ok {
					break // another literal receives, closes or hands it on
				}
			}
			if !ok {
				continue
			}
			for i, c := range closures {
				lc.lockedSends(fn, c, sends[i], recvs)
			}
		}
	}
}

// A capture is a function literal's closure and the index of the free
// variable bound to a variable of its maker.
type capture struct {
	mc    *ssa.MakeClosure
	index int
}

// makerOnlyReceives returns, for a variable a that holds an unbuffered
// channel made once, the plain receives of a's function from it and the
// closures that capture it; it fails when the channel goes anywhere else
// or the function does anything else with it.
func makerOnlyReceives(a *ssa.Alloc) (recvs []*ssa.UnOp, closures []capture, ok bool) {
	made := 0
	for _, r := range refs(a) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			mc, isMake := r.Val.(*ssa.MakeChan)
			if !isMake || r.Addr != a {
				return nil, nil, false
			}
			if n, isConst := intConst(mc.Size); !isConst || n != 0 {
				return nil, nil, false
			}
			for _, u := range refs(mc) {
				if u != r && !isDebug(u) {
					return nil, nil, false
				}
			}
			made++
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return nil, nil, false
			}
			for _, u := range refs(r) {
				recv, isRecv := u.(*ssa.UnOp)
				if isDebug(u) {
					continue
				}
				if !isRecv || recv.Op != token.ARROW || recv.CommaOk {
					return nil, nil, false
				}
				recvs = append(recvs, recv)
			}
		case *ssa.MakeClosure:
			for i, v := range r.Bindings {
				if v == a {
					closures = append(closures, capture{r, i})
				}
			}
		default:
			return nil, nil, false
		}
	}
	if made != 1 {
		return nil, nil, false
	}
	return recvs, closures, true
}

// literalSends returns the sends of the literal that c closes over on the
// channel of its captured variable; it fails when the literal does
// anything else with the variable or the channel.
func literalSends(c capture) ([]*ssa.Send, bool) {
	lit, ok := c.mc.Fn.(*ssa.Function)
	if !ok || c.index >= len(lit.FreeVars) {
		return nil, false
	}
	var sends []*ssa.Send
	for _, r := range refs(lit.FreeVars[c.index]) {
		if isDebug(r) {
			continue
		}
		load, ok := r.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			return nil, false // the literal hands the variable on, or assigns it
		}
		for _, u := range refs(load) {
			if isDebug(u) {
				continue
			}
			s, ok := u.(*ssa.Send)
			if !ok || s.Chan != load {
				return nil, false // it also receives, closes or passes the channel
			}
			sends = append(sends, s)
		}
	}
	return sends, true
}

// lockedSends reports the sends of the literal that c closes over, made
// while the literal holds a mutex that fn locks before each receive in
// recvs, after it has handed the literal anywhere it could start running.
func (lc *lockChecker) lockedSends(fn *ssa.Function, c capture, sends []*ssa.Send, recvs []*ssa.UnOp) {
	lit := c.mc.Fn.(*ssa.Function)
	if len(sends) == 0 || len(lit.Blocks) == 0 {
		return
	}
	// The literal can run once its closure is used: called, started,
	// passed or stored.
	handed := make(map[ssa.Instruction]bool)
	for _, r := range refs(c.mc) {
		if !isDebug(r) {
			handed[r] = true
		}
	}
	if len(handed) == 0 {
		return
	}
	lf := lc.newFlow(lit)
	lf.solve(lit.Blocks[0], newLockState(), nil)
	mf := lc.newFlow(fn)
	for _, s := range sends {
		if lc.report.Generated(s.Pos()) || lc.report.Reported(s.Pos()) {
			continue
		}
		st := lf.stateBefore(s)
		if st == nil {
			continue
		}
		keys := make([]lockKey, 0, len(st.must))
		for k := range st.must {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return st.must[keys[i]].pos < st.must[keys[j]].pos })
		for _, k := range keys {
			h := st.must[k]
			if lf.poison[k] {
				continue
			}
			mk, ok := lc.makerKey(c, k)
			if !ok {
				continue
			}
			first, via, ok := lc.lockedSince(mf, handed, mk, h.mode, recvs)
			if !ok {
				continue
			}
			how := "locks " + h.name
			if via != "" {
				how += " through " + via
			}
			recv := recvs[0]
			name := lc.chanText(recv)
			lc.report.Report(analysis.Diagnostic{
				Pos:      s.Pos(),
				Category: "lock-held-wait",
				Message: fmt.Sprintf("send on %s may block forever while %s is held (locked at line %d): the only receive from %s (line %d) comes after the function that made this literal %s (line %d), which waits for this send to end; release %s before sending",
					name, h.name, lc.line(h.pos), name, lc.line(recv.Pos()), how, lc.line(first), h.name),
				Related: []analysis.RelatedInformation{
					{Pos: h.pos, Message: h.name + " is locked here"},
					{Pos: first, Message: "the receiver locks it here, before it receives"},
					{Pos: recv.Pos(), Message: "the only receive"},
				},
			})
			break
		}
	}
}

// chanText is the source text of the channel of a receive.
func (lc *lockChecker) chanText(recv *ssa.UnOp) string {
	if a, ok := recv.X.(*ssa.UnOp); ok {
		if v, ok := a.X.(*ssa.Alloc); ok && token.IsIdentifier(v.Comment) {
			return v.Comment
		}
	}
	return "the channel"
}

// makerKey translates the key of a mutex in a literal, reached from one of
// its free variables or a package-level variable, to its maker's names.
func (lc *lockChecker) makerKey(c capture, k lockKey) (lockKey, bool) {
	if k.global != "" {
		return k, true
	}
	fv, ok := k.root.(*ssa.FreeVar)
	if !ok || k.idx != nil {
		return lockKey{}, false
	}
	lit := c.mc.Fn.(*ssa.Function)
	for i, v := range lit.FreeVars {
		if v != fv {
			continue
		}
		kb, _, _, ok := lc.keyOf(c.mc.Bindings[i])
		if !ok || kb.idx != nil {
			return lockKey{}, false
		}
		return lockKey{root: kb.root, global: kb.global, path: kb.path + k.path}, true
	}
	return lockKey{}, false
}

// lockedSince reports whether, on every path of f's function from one of
// the instructions starts to each receive of recvs, with no other start
// in between, the function locks the mutex k (itself, or
// through a callee that locks it on every path or returns holding it), in
// a mode that conflicts with held; it returns the first such lock, with
// the callee that takes it, or "" for a Lock. Every receive must come
// after a start on every path to it.
func (lc *lockChecker) lockedSince(f *lockFlow, starts map[ssa.Instruction]bool, k lockKey, held lockMode, recvs []*ssa.UnOp) (token.Pos, string, bool) {
	var first token.Pos
	via := ""
	locks := func(instr ssa.Instruction) bool {
		call, ok := instr.(*ssa.Call)
		if !ok {
			return false
		}
		cc := call.Common()
		conflicts := func(m lockMode) bool { return m == modeWrite || held == modeWrite }
		if op, mu, ok := lc.lockCall(cc); ok {
			if op != apis.LockWrite && op != apis.LockRead {
				return false
			}
			mode := modeWrite
			if op == apis.LockRead {
				mode = modeRead
			}
			key, _, _, ok := lc.keyOf(mu)
			if ok && key == k && conflicts(mode) {
				if !first.IsValid() || call.Pos() < first {
					first, via = call.Pos(), ""
				}
				return true
			}
			return false
		}
		sum, callee := lc.calleeSummary(cc)
		if sum == nil {
			return false
		}
		for _, e := range append(append([]lockEffect(nil), sum.acquires...), sum.holds...) {
			if key, _, ok := f.translate(cc, callee, e); ok && key == k && conflicts(e.mode) {
				if !first.IsValid() || call.Pos() < first {
					first, via = call.Pos(), lc.calleeText(call.Pos(), callee)
				}
				return true
			}
		}
		return false
	}
	isRecv := make(map[ssa.Instruction]bool, len(recvs))
	for _, r := range recvs {
		isRecv[r] = true
	}
	// in[b]: whether every path from start into b has locked k since; a
	// block is in the map once some path from start reaches it.
	in := map[*ssa.BasicBlock]bool{}
	ok := true
	// run applies block b; known says whether the flow from start has
	// reached its entry. It returns the state at its exit.
	run := func(b *ssa.BasicBlock, check bool) (v, known bool) {
		v, known = in[b]
		for _, instr := range b.Instrs {
			switch {
			case starts[instr]:
				v, known = false, true
			case isRecv[instr]:
				if check && (!known || !v) {
					ok = false
				}
			case known && !v && locks(instr):
				v = true
			}
		}
		return v, known
	}
	var work []*ssa.BasicBlock
	for instr := range starts {
		work = append(work, instr.Block())
	}
	sort.Slice(work, func(i, j int) bool { return work[i].Index < work[j].Index })
	for steps := 0; len(work) > 0 && steps < 50*len(f.fn.Blocks)+100; steps++ {
		b := work[0]
		work = work[1:]
		v, known := run(b, false)
		if !known {
			continue
		}
		for _, s := range f.liveSuccs(b) {
			old, seen := in[s]
			if seen && (!old || v) {
				continue // no change
			}
			in[s] = v
			work = append(work, s)
		}
	}
	for _, b := range f.fn.Blocks {
		run(b, true)
	}
	return first, via, ok && first.IsValid()
}
