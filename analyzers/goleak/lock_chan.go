package goleak

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// This file holds the rules on channels kept in struct fields that the
// package alone can reach (an unexported field of a struct type it
// declares, whose value goes nowhere but into channel operations): a
// blocking send on such a channel that nothing in the package ever
// receives from, a blocking receive that nothing sends on or closes, and a
// wait on it while holding a mutex that every partner locks first.

// A fieldChan is the channel field of one struct type, with every
// operation of the package on it.
type fieldChan struct {
	id       string // path.Type.field
	show     string // Type.field
	escapes  bool   // its value goes somewhere else: partners are unknown
	made     bool   // some store puts a new channel in it
	buffered bool   // some store puts a buffered (or unknown-size) channel in it
	mayEmpty bool   // some store puts a channel with no room for certain (unbuffered, unknown size, nil)
	bufSize  int64  // the largest constant buffer of a store, or -1 when a size is not a constant
	ops      []*chanOp
}

// A chanOp is one operation on a field channel.
type chanOp struct {
	kind     chanOpKind
	fn       *ssa.Function
	instr    ssa.Instruction
	pos      token.Pos
	blocking bool                 // a plain send or receive, not a case of a select
	deferred bool                 // a deferred close
	held     []heldLock           // mutexes held on every path to it (recorded by the flow)
	heldOK   bool                 // held was recorded
	lockedBy map[string]lockClass // kinds of mutex locked on some path from fn's entry to it
	rel      map[string]bool      // kinds of mutex fn may have unlocked without locking on its way to it
}

type chanOpKind int

const (
	opSend chanOpKind = iota + 1
	opRecv
	opClose
)

// fieldChans finds the channel fields of the package and their operations.
func (lc *lockChecker) fieldChans(fns []*ssa.Function) {
	lc.chans = make(map[string]*fieldChan)
	lc.getters = make(map[*ssa.Function]*fieldChan)
	lc.chanOps = make(map[ssa.Instruction][]*chanOp)
	lc.escapedStructs = make(map[string]bool)
	get := func(fa *ssa.FieldAddr) *fieldChan {
		id, show := lc.chanField(fa)
		if id == "" {
			return nil
		}
		fc := lc.chans[id]
		if fc == nil {
			fc = &fieldChan{id: id, show: show}
			lc.chans[id] = fc
		}
		return fc
	}
	add := func(fc *fieldChan, kind chanOpKind, fn *ssa.Function, instr ssa.Instruction, pos token.Pos, blocking, deferred bool) {
		op := &chanOp{kind: kind, fn: fn, instr: instr, pos: pos, blocking: blocking, deferred: deferred}
		fc.ops = append(fc.ops, op)
		lc.chanOps[instr] = append(lc.chanOps[instr], op)
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if f, ok := instr.(*ssa.Field); ok {
					// A copy of the struct: its channels are read without
					// their field address.
					if st, ok := f.X.Type().Underlying().(*types.Struct); ok {
						if _, isChan := st.Field(f.Field).Type().Underlying().(*types.Chan); isChan {
							lc.escapedStructs[types.TypeString(f.X.Type(), nil)] = true
						}
					}
				}
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				fc := get(fa)
				if fc == nil {
					continue
				}
				for _, r := range refs(fa) {
					switch r := r.(type) {
					case *ssa.DebugRef:
					case *ssa.Store:
						if r.Addr != fa {
							fc.escapes = true
							continue
						}
						switch v := r.Val.(type) {
						case *ssa.MakeChan:
							for _, u := range refs(v) {
								if u != r && !isDebug(u) {
									fc.escapes = true // also used through a variable
								}
							}
							fc.made = true
							if k, ok := v.Size.(*ssa.Const); !ok || k.Value == nil || k.Int64() != 0 {
								fc.buffered = true
							}
							if k, ok := intConst(v.Size); !ok || k < 1 {
								fc.mayEmpty = true
							}
							if k, ok := intConst(v.Size); !ok {
								fc.bufSize = -1
							} else if fc.bufSize >= 0 && k > fc.bufSize {
								fc.bufSize = k
							}
						case *ssa.Const:
							fc.mayEmpty = true
						default:
							fc.escapes = true // another channel is put there
						}
					case *ssa.UnOp:
						if r.Op != token.MUL {
							fc.escapes = true
							continue
						}
						lc.chanUses(fc, fn, r, add, 0)
					default:
						fc.escapes = true
					}
				}
			}
		}
	}
	lc.getterUses(fns, add)
}

// chanUses classifies the uses of v, the value of a field channel in fn:
// channel operations, comparisons with nil, len and cap; a getter that
// returns it (resolved at its callers); anything else lets it escape.
func (lc *lockChecker) chanUses(fc *fieldChan, fn *ssa.Function, v ssa.Value, add func(*fieldChan, chanOpKind, *ssa.Function, ssa.Instruction, token.Pos, bool, bool), depth int) {
	for _, u := range refs(v) {
		switch u := u.(type) {
		case *ssa.DebugRef:
		case *ssa.Send:
			if u.Chan != v {
				fc.escapes = true
				continue
			}
			add(fc, opSend, fn, u, u.Pos(), true, false)
		case *ssa.UnOp:
			if u.Op != token.ARROW {
				fc.escapes = true
				continue
			}
			add(fc, opRecv, fn, u, u.Pos(), true, false)
		case *ssa.Select:
			for _, st := range u.States {
				if st.Chan != v {
					continue
				}
				if st.Dir == types.SendOnly {
					add(fc, opSend, fn, u, st.Pos, false, false)
				} else {
					add(fc, opRecv, fn, u, st.Pos, false, false)
				}
			}
			for _, st := range u.States {
				if st.Send == v {
					fc.escapes = true // sent on another channel
				}
			}
		case *ssa.BinOp:
			// compared with nil
		case *ssa.ChangeType:
			if depth > 4 {
				fc.escapes = true
				continue
			}
			lc.chanUses(fc, fn, u, add, depth+1) // chan T to <-chan T
		case *ssa.Return:
			// A getter (func (s *S) Done() <-chan struct{} { return s.done }):
			// its callers use the channel.
			if fn.Parent() != nil || len(u.Results) != 1 || fn.Signature.Results().Len() != 1 {
				fc.escapes = true
				continue
			}
			if lc.getters[fn] != nil && lc.getters[fn] != fc {
				fc.escapes = true
				lc.getters[fn].escapes = true
				continue
			}
			lc.getters[fn] = fc
		case ssa.CallInstruction:
			if lc.chanArg(fc, u, v, add, depth) {
				continue
			}
			bi, ok := u.Common().Value.(*ssa.Builtin)
			if !ok {
				fc.escapes = true
				continue
			}
			switch bi.Name() {
			case "close":
				_, deferred := u.(*ssa.Defer)
				add(fc, opClose, fn, u, u.Pos(), false, deferred)
			case "len", "cap":
			default:
				fc.escapes = true
			}
		default:
			fc.escapes = true
		}
	}
}

// chanArg follows v, a field channel passed to a function of this
// package by a call or go statement, into that function's parameter: its
// uses there are uses of the field. A function that also gets other
// channels for that parameter only adds partners that are not there,
// which the rules take as a reason to keep silent, never to report.
func (lc *lockChecker) chanArg(fc *fieldChan, u ssa.CallInstruction, v ssa.Value, add func(*fieldChan, chanOpKind, *ssa.Function, ssa.Instruction, token.Pos, bool, bool), depth int) bool {
	if _, isDefer := u.(*ssa.Defer); isDefer {
		return false
	}
	cc := u.Common()
	callee := cc.StaticCallee()
	if callee == nil || cc.IsInvoke() || callee.Pkg != lc.ssaPkg || len(callee.Blocks) == 0 || callee.Parent() != nil || depth > 4 {
		return false
	}
	if cc.Value == v || len(cc.Args) != len(callee.Params) {
		return false
	}
	for i, a := range cc.Args {
		if a == v {
			lc.chanUses(fc, callee, callee.Params[i], add, depth+1)
		}
	}
	return true
}

// getterUses follows the channels that getters return to the calls of
// those getters: a getter must return the field (or nil) on every path and
// be called only directly.
func (lc *lockChecker) getterUses(fns []*ssa.Function, add func(*fieldChan, chanOpKind, *ssa.Function, ssa.Instruction, token.Pos, bool, bool)) {
	if len(lc.getters) == 0 {
		return
	}
	main := lc.pass.Pkg.Name() == "main"
	for g, fc := range lc.getters {
		if obj, ok := g.Object().(*types.Func); !ok || (obj.Exported() && !main) {
			fc.escapes = true // other packages may call it
			continue
		}
		for _, b := range g.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
				if k, isConst := ret.Results[0].(*ssa.Const); isConst && k.Value == nil {
					continue // return nil
				}
				if !returnsField(ret.Results[0]) {
					fc.escapes = true
				}
			}
		}
	}
	byName := make(map[string]*fieldChan)
	for g, fc := range lc.getters {
		if g.Signature.Recv() != nil {
			byName[g.Name()] = fc
		}
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok && call.Common().IsInvoke() {
					if fc := byName[call.Common().Method.Name()]; fc != nil {
						fc.escapes = true // maybe called through an interface
					}
				}
				var rands []*ssa.Value
				for _, op := range instr.Operands(rands) {
					g, ok := (*op).(*ssa.Function)
					if !ok || lc.getters[g] == nil {
						continue
					}
					fc := lc.getters[g]
					call, ok := instr.(*ssa.Call)
					if !ok || call.Call.Value != g {
						fc.escapes = true // a go or defer statement, or a function value
						continue
					}
					lc.chanUses(fc, fn, call, add, 0)
				}
			}
		}
	}
}

// returnsField reports whether v is a load of a field (through changes of
// channel direction).
func returnsField(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			_, ok := x.X.(*ssa.FieldAddr)
			return ok && x.Op == token.MUL
		default:
			return false
		}
	}
}

// chanField returns the kind of a channel field that fa addresses, when
// only this package can reach it: an unexported field of a struct type the
// package declares.
func (lc *lockChecker) chanField(fa *ssa.FieldAddr) (id, show string) {
	return lc.ownField(fa, func(fld *types.Var) bool {
		_, ok := fld.Type().Underlying().(*types.Chan)
		return ok && !fld.Exported()
	})
}

// ownField returns the kind (path.Type.field) and the display name
// (Type.field) of the field that fa addresses when the struct type is
// declared by this package and keep holds for the field, or "".
func (lc *lockChecker) ownField(fa *ssa.FieldAddr, keep func(*types.Var) bool) (id, show string) {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return "", ""
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() != lc.pass.Pkg {
		return "", ""
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return "", ""
	}
	fld := st.Field(fa.Field)
	if !keep(fld) {
		return "", ""
	}
	obj := named.Obj()
	return obj.Pkg().Path() + "." + obj.Name() + "." + fld.Name(), obj.Name() + "." + fld.Name()
}

// noteChanOp records, in the report pass of a function's flow, what the
// goroutine holds at a channel operation.
func (f *lockFlow) noteChanOp(st *lockState, instr ssa.Instruction) {
	if f.emit == nil || f.next || f.lc.chanOps == nil {
		return
	}
	if s, ok := instr.(*ssa.Store); ok && boolConst(s.Val) != flagUnknown {
		if _, ok := s.Addr.(*ssa.FieldAddr); ok {
			if _, seen := f.lc.flagHeld[s]; !seen {
				held := []heldLock{}
				for k, h := range st.must {
					if h.class.id != "" && !f.poison[k] {
						held = append(held, h)
					}
				}
				f.lc.flagHeld[s] = held
			}
		}
	}
	for _, op := range f.lc.chanOps[instr] {
		if op.heldOK {
			continue
		}
		op.heldOK = true
		for k, h := range st.must {
			if h.class.id != "" && !f.poison[k] {
				op.held = append(op.held, h)
			}
		}
		op.rel = make(map[string]bool)
		for _, e := range st.rel {
			op.rel[e.cls.id] = true
		}
		for id := range st.opaque {
			op.rel[id] = true
		}
		sort.Slice(op.held, func(i, j int) bool { return op.held[i].pos < op.held[j].pos })
	}
}

// lockedBefore returns, by kind, the first line at which fn locks a mutex
// of that kind on some path from its entry to op (to any return for a
// deferred op), itself or through a function of this package.
func (lc *lockChecker) lockedBefore(op *chanOp) map[string]lockClass {
	if op.lockedBy != nil {
		return op.lockedBy
	}
	fn := op.fn
	op.lockedBy = make(map[string]lockClass)
	kinds := func(instr ssa.Instruction) []lockClass { return lc.lockKinds(fn, instr) }
	// Blocks that reach op's block (or a return, for a deferred op).
	targets := map[*ssa.BasicBlock]bool{}
	if op.deferred {
		for _, b := range fn.Blocks {
			if isReturn(b) {
				targets[b] = true
			}
		}
	} else {
		targets[op.instr.Block()] = true
	}
	reaches := reachingBlocks(slices.Collect(maps.Keys(targets)))
	for _, b := range fn.Blocks {
		if !reaches[b] {
			continue
		}
		for _, instr := range b.Instrs {
			if instr == op.instr && !op.deferred && !lc.graphOf(fn).inLoop(b) {
				break // locks after op in its block come after it
			}
			for _, cl := range kinds(instr) {
				if cl.id == "" {
					continue
				}
				cl.pos = instr.Pos()
				if old, ok := op.lockedBy[cl.id]; !ok || cl.pos < old.pos || (cl.mode == modeWrite && old.mode != modeWrite) {
					op.lockedBy[cl.id] = cl
				}
			}
		}
	}
	return op.lockedBy
}

// chanRules reports the blocking operations on field channels that no
// partner can ever complete.
func (lc *lockChecker) chanRules() {
	for _, id := range slices.Sorted(maps.Keys(lc.chans)) {
		fc := lc.chans[id]
		if fc.escapes || !fc.made || lc.escapedStructs[structType(fc.id)] {
			continue
		}
		var sends, recvs, closes []*chanOp
		for _, op := range fc.ops {
			switch op.kind {
			case opSend:
				sends = append(sends, op)
			case opRecv:
				recvs = append(recvs, op)
			case opClose:
				closes = append(closes, op)
			}
		}
		for _, op := range fc.ops {
			if !op.blocking || lc.report.Generated(op.pos) {
				continue
			}
			switch {
			case op.kind == opSend && len(recvs) == 0 && !fc.buffered:
				lc.reportNoPartner(fc, op, "send on %s blocks forever: nothing in this package receives from %s, an unexported field: receive from it where it is meant to be read, or drop the send", "abandoned-send")
			case op.kind == opRecv && len(sends) == 0 && len(closes) == 0:
				lc.reportNoPartner(fc, op, "receive from %s blocks forever: nothing in this package sends on or closes %s, an unexported field: close it where its work ends, or drop the receive", "abandoned-receive")
			case op.kind == opSend && !fc.buffered:
				lc.waitHeld(fc, op, recvs, 0)
				lc.sendToLeftLoop(fc, op, recvs)
			case op.kind == opSend && fc.bufSize > 0:
				lc.waitHeld(fc, op, recvs, fc.bufSize)
			case op.kind == opRecv && lc.valueReady(fc, op):
				// the guard says a value is in the buffer: it does not wait
			case op.kind == opRecv:
				lc.waitHeld(fc, op, append(append([]*chanOp(nil), sends...), closes...), 0)
			}
		}
	}
}

// structType is the struct type of a field kind: path.Type of path.Type.field.
func structType(id string) string { return id[:strings.LastIndex(id, ".")] }

func (lc *lockChecker) reportNoPartner(fc *fieldChan, op *chanOp, format, category string) {
	if lc.flagged[op.pos] || lc.report.Reported(op.pos) {
		return
	}
	lc.flagged[op.pos] = true
	lc.report.Report(analysis.Diagnostic{
		Pos:      op.pos,
		Category: category,
		Message:  fmt.Sprintf(format, fc.show, fc.show),
	})
}

// waitHeld reports a blocking operation op made while holding a mutex
// that every partner operation needs first: the partner locks it on its
// way to the operation, or holds it there. The mutex may be held by op's
// function or by every caller of it (see callerHeld).
//
// A send on a channel with a constant buffer of buf slots blocks once the
// buffer is full. That needs more sends than slots while the receiver is
// away: the rule takes it only when nothing can keep count, the send
// running on every path from the lock (no branch in between, in op's
// function and in each call on the way from the lock, that could test a
// flag saying the buffer holds a value), and only from receivers that
// receive without the mutex and lock it again before they come back for
// the next value. A receiver that holds the mutex at its receive, or needs
// it only before its first, drains the buffer in step with the senders.
// The send of a busy-flag handshake (busyHandshake) finds its receiver past
// that locking.
func (lc *lockChecker) waitHeld(fc *fieldChan, op *chanOp, partners []*chanOp, buf int64) {
	if len(partners) == 0 || lc.flagged[op.pos] || lc.report.Reported(op.pos) {
		return
	}
	own, callers, ok := lc.heldAt(op)
	if !ok {
		return
	}
	for i, h := range append(own, callers...) {
		byCaller := i >= len(own)
		if buf > 0 && !lc.unconditional(op.fn, op.instr.Block(), h.class.id, byCaller, 0) {
			continue
		}
		line := 0
		ok := true
		for _, p := range partners {
			l, gated := lc.gated(p, h, buf > 0)
			if !gated {
				ok = false
				break
			}
			if line == 0 || l < line {
				line = l
			}
		}
		if !ok || lc.busyHandshake(fc, op, h, partners) {
			continue
		}
		verb, partner := "receive from", "sends on or closes"
		if op.kind == opSend {
			verb, partner = "send on", "receives from"
		}
		when := ""
		if buf > 0 {
			when = fmt.Sprintf(" once its buffer of %d is full", buf)
		}
		by := ""
		if byCaller {
			by = ", by every caller of " + op.fn.Name()
		}
		lc.flagged[op.pos] = true
		lc.report.Report(analysis.Diagnostic{
			Pos:      op.pos,
			Category: "lock-held-wait",
			Message: fmt.Sprintf("%s %s blocks forever%s while %s is held (locked at line %d%s): every goroutine that %s %s locks %s on its way there or before it comes back (line %d); release %s before waiting",
				verb, fc.show, when, h.name, lc.line(h.pos), by, partner, fc.show, h.class.show, line, h.name),
			Related: []analysis.RelatedInformation{{Pos: h.pos, Message: h.name + " is locked here"}},
		})
		return
	}
}

// gated reports whether partner operation p cannot happen while another
// goroutine holds h: its function holds a mutex of h's kind there, or
// locks one on a path to it, in a mode that conflicts with h.
func (lc *lockChecker) gated(p *chanOp, h heldLock, again bool) (int, bool) {
	if p.heldOK && !again {
		for _, ph := range p.held {
			if ph.class.id == h.class.id && (ph.mode == modeWrite || h.mode == modeWrite) {
				return lc.line(ph.pos), true
			}
		}
	}
	if cl, ok := lc.lockedBefore(p)[h.class.id]; ok && !again && (cl.mode == modeWrite || h.mode == modeWrite) {
		return lc.line(cl.pos), true
	}
	if cl, ok := lc.lockedAround(p)[h.class.id]; ok && (cl.mode == modeWrite || h.mode == modeWrite) {
		return lc.line(cl.pos), true
	}
	return 0, false
}

// lockedAround returns, by kind, the mutexes that p's goroutine locks
// between one operation p and the next: in the body of a loop around p, or,
// when p's function is called in a loop, after p in that function.
func (lc *lockChecker) lockedAround(p *chanOp) map[string]lockClass {
	out := make(map[string]lockClass)
	if p.deferred {
		return out
	}
	fn, b := p.fn, p.instr.Block()
	g := lc.graphOf(fn)
	var blocks []*ssa.BasicBlock
	after := false // only the instructions after p in its block
	if l := g.innermost(b); l != nil {
		for blk := range l.blocks {
			blocks = append(blocks, blk)
		}
	} else if lc.calledInLoop(fn) {
		seen := map[*ssa.BasicBlock]bool{b: true}
		work := []*ssa.BasicBlock{b}
		for len(work) > 0 {
			x := work[len(work)-1]
			work = work[:len(work)-1]
			blocks = append(blocks, x)
			for _, s := range g.succs(x) {
				if !seen[s] {
					seen[s] = true
					work = append(work, s)
				}
			}
		}
		after = true
	}
	for _, blk := range blocks {
		started := !(after && blk == b)
		for _, instr := range blk.Instrs {
			if instr == p.instr {
				started = true
				continue
			}
			if !started {
				continue
			}
			for _, cl := range lc.lockKinds(fn, instr) {
				if cl.id == "" {
					continue
				}
				cl.pos = instr.Pos()
				if old, ok := out[cl.id]; !ok || cl.pos < old.pos {
					out[cl.id] = cl
				}
			}
		}
	}
	return out
}

// calledInLoop reports whether some function of the package calls fn
// inside a loop.
func (lc *lockChecker) calledInLoop(fn *ssa.Function) bool {
	for _, call := range lc.dyn.CallSites()[fn] {
		if call != nil && lc.graphOf(call.Parent()).inLoop(call.Block()) {
			return true
		}
	}
	return false
}

// lockKinds returns the kinds of mutex that instr locks, itself or through
// a function of this package.
func (lc *lockChecker) lockKinds(fn *ssa.Function, instr ssa.Instruction) []lockClass {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return nil
	}
	cc := call.Common()
	if o, mu, ok := lc.lockCall(cc); ok {
		switch o {
		case apis.LockWrite:
			return []lockClass{lc.classOf(mu, modeWrite, call.Pos(), fn)}
		case apis.LockRead:
			return []lockClass{lc.classOf(mu, modeRead, call.Pos(), fn)}
		}
		return nil
	}
	if callee := lc.dyn.Callee(cc); callee != nil && len(callee.Blocks) > 0 && callee.Pkg == lc.ssaPkg {
		return lc.summary(callee).classes
	}
	return nil
}

// unconditional reports whether block b of fn runs on every path through
// fn, and, when the mutex of kind id is held by fn's callers rather than
// fn, whether every call of fn does too, in its caller and up to the
// caller that locks it.
func (lc *lockChecker) unconditional(fn *ssa.Function, b *ssa.BasicBlock, id string, byCaller bool, depth int) bool {
	if depth > 8 || !onEveryPath(fn, b) {
		return false
	}
	if !byCaller {
		return true
	}
	lc.callerHeld()
	sites, ok := lc.callerSites[fn]
	if !ok {
		return false
	}
	for _, s := range sites {
		cb := lc.blockOf(s.caller, s.pos)
		if cb == nil {
			return false
		}
		_, own := s.locks[id]
		if !lc.unconditional(s.caller, cb, id, !own, depth+1) {
			return false
		}
	}
	return true
}

// onEveryPath reports whether every path from fn's entry to its end, or
// round a loop, passes through block b.
func onEveryPath(fn *ssa.Function, b *ssa.BasicBlock) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{b: true}
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	if fn.Blocks[0] == b {
		return true
	}
	seen[fn.Blocks[0]] = true
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if len(x.Succs) == 0 {
			return false // an end reached without passing b
		}
		for _, s := range x.Succs {
			if s != b && s.Dominates(x) {
				return false // a loop that can skip b
			}
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return true
}
