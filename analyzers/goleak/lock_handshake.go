package goleak

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// A send under a mutex that waits only for a receiver past its locking:
// the busy-flag handshake.
//
// A struct keeps, beside an unbuffered channel field, a bool field (or an
// atomic bool) that says its receiver is busy with the last value sent.
// The sender sends only where it found the flag false, and sets it true
// before the send, holding the mutex from the test to the send; the
// receiver's loop clears it only after the work that locks the mutex,
// and locks nothing of that kind between the clear and its next receive.
//
//	s.mu.Lock()
//	if !s.busy.Load() {
//		s.busy.Store(true)
//		s.queue <- v              // not reported
//	}
//	s.mu.Unlock()
//
//	for v := range s.queue {
//		s.flush(v)                // locks s.mu
//		s.busy.Store(false)
//	}
//
// Call a receiving goroutine idle from its start, and from each clear,
// up to its next receive; busy from a receive up to the clear. Every
// send follows a test that found the flag false, and the flag is false
// only while no receiver is busy: a receiver becomes busy only by taking
// a value, taking a value needs a send, a send sets the flag (with no
// other sender between the test and the set, since all of them test under
// the mutex), and only the busy receiver clears it again. So a send finds
// every receiver idle, and an idle receiver reaches its receive without
// locking the mutex: the send completes.

// A flagOp is what an instruction does to a bool flag.
type flagOp int

const (
	flagRead flagOp = iota + 1
	flagSetTrue
	flagSetFalse
	flagSetOther // a value that is not a constant
)

// atomicBools are the methods of atomic bools that read or set them; the
// receiver is the bool's address.
var atomicBools = apis.Table[bool]{
	"(*sync/atomic.Bool).Load":         false,
	"(*sync/atomic.Bool).Store":        true,
	"(*go.uber.org/atomic.Bool).Load":  false,
	"(*go.uber.org/atomic.Bool).Store": true,
}

// atomicBoolCtors return a new atomic bool.
var atomicBoolCtors = apis.Table[struct{}]{
	"go.uber.org/atomic.NewBool": {},
}

// atomicBoolTypes are the types of those receivers.
var atomicBoolTypes = map[string]bool{
	"sync/atomic.Bool":        true,
	"go.uber.org/atomic.Bool": true,
}

// atomicBoolCall returns, for a call of an atomicBools method, the address
// of its bool and whether the call stores.
func atomicBoolCall(x ssa.Instruction) (recv ssa.Value, store, ok bool) {
	call, isCall := x.(*ssa.Call)
	if !isCall || call.Call.IsInvoke() {
		return nil, false, false
	}
	callee := call.Call.StaticCallee()
	if callee == nil || len(call.Call.Args) == 0 {
		return nil, false, false
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil {
		return nil, false, false
	}
	store, ok = atomicBools.Lookup(obj)
	if !ok {
		return nil, false, false
	}
	return call.Call.Args[0], store, true
}

// isAtomicBool reports whether t is the type of an atomic bool.
func isAtomicBool(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && atomicBoolTypes[named.Obj().Pkg().Path()+"."+named.Obj().Name()]
}

// flagAccess returns the field address of the bool flag that x reads or
// sets (a bool field loaded or stored, or an atomic bool field, by value
// or pointer, whose Load or Store x calls), and what x does to it.
func flagAccess(x ssa.Instruction) (*ssa.FieldAddr, flagOp) {
	setOp := func(v ssa.Value) flagOp {
		switch boolConst(v) {
		case flagTrue:
			return flagSetTrue
		case flagFalse:
			return flagSetFalse
		}
		return flagSetOther
	}
	switch x := x.(type) {
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && isBoolType(pointee(fa.Type())) {
			return fa, flagRead
		}
	case *ssa.Store:
		if fa, ok := x.Addr.(*ssa.FieldAddr); ok && isBoolType(pointee(fa.Type())) {
			return fa, setOp(x.Val)
		}
	case *ssa.Call:
		recv, store, ok := atomicBoolCall(x)
		if !ok {
			return nil, 0
		}
		fa, _ := recv.(*ssa.FieldAddr)
		if fa == nil {
			fa = loadedField(recv) // a field holding a pointer to the bool
		}
		if fa == nil {
			return nil, 0
		}
		if !store {
			return fa, flagRead
		}
		if len(x.Call.Args) != 2 {
			return nil, 0
		}
		return fa, setOp(x.Call.Args[1])
	}
	return nil, 0
}

// flagValue returns the value read by a flag read x (the load or the
// call).
func flagValue(x ssa.Instruction) ssa.Value {
	v, _ := x.(ssa.Value)
	return v
}

// busyHandshake reports whether the send op, made while h is held, is the
// send of a busy-flag handshake over a flag field of the struct value that
// holds the channel: every send on fc follows, with h write-held and
// nothing that could release it or wait from the test to the send, a test
// that found the flag false and a set of it to true (handshakeSend); every
// receive from fc is the plain receive of a goroutine that locks no mutex
// of h's kind while idle (handshakeRecv); and, in the whole package, the
// flag is set true only by those sets, false only by those receivers'
// clears or while its struct is being built, never addressed otherwise,
// and its struct never assigned as a whole (handshakeFlagUses).
func (lc *lockChecker) busyHandshake(fc *fieldChan, op *chanOp, h heldLock, recvs []*chanOp) bool {
	if op.kind != opSend || h.mode != modeWrite || len(recvs) == 0 {
		return false
	}
	send, ok := op.instr.(*ssa.Send)
	if !ok {
		return false
	}
	chanFA := loadedField(send.Chan)
	if chanFA == nil {
		return false
	}
	st := structOf(chanFA.X.Type())
	if st == nil {
		return false
	}
	for i := range st.NumFields() {
		t := st.Field(i).Type()
		if p, isPtr := t.Underlying().(*types.Pointer); isPtr && isAtomicBool(p.Elem()) {
			t = p.Elem()
		}
		if i == chanFA.Field || (!isBoolType(t) && !isAtomicBool(t)) {
			continue
		}
		if lc.handshakeOn(fc, i, h, recvs) {
			return true
		}
	}
	return false
}

// handshakeOn checks the handshake of busyHandshake over the flag field
// number flag of fc's struct.
func (lc *lockChecker) handshakeOn(fc *fieldChan, flag int, h heldLock, recvs []*chanOp) bool {
	sets := map[ssa.Instruction]bool{}
	for _, s := range fc.ops {
		if s.kind != opSend {
			continue
		}
		send, ok := s.instr.(*ssa.Send)
		if !ok || !s.blocking || !holdsWrite(s, h.class.id) {
			return false
		}
		chanFA := loadedField(send.Chan)
		if chanFA == nil || !lc.handshakeSend(send, chanFA.X, flag, sets) {
			return false
		}
	}
	clears := map[ssa.Instruction]bool{}
	for _, r := range recvs {
		if !lc.handshakeRecv(r, flag, h, clears) {
			return false
		}
	}
	return lc.handshakeFlagUses(fc, flag, sets, clears)
}

// isFlag reports whether fa addresses the flag field number flag of the
// struct value x.
func isFlag(fa *ssa.FieldAddr, x ssa.Value, flag int) bool {
	return fa != nil && fa.Field == flag && sameStruct(fa.X, x)
}

// sameStruct reports whether a and b are the same pointer: one value, or
// two loads of one variable captured by a function literal, a variable
// that is set once (setOnce).
func sameStruct(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	if !ok1 || !ok2 || la.Op != token.MUL || lb.Op != token.MUL || la.X != lb.X {
		return false
	}
	fv, ok := la.X.(*ssa.FreeVar)
	return ok && setOnce(fv, 0)
}

// setOnce reports whether the captured variable fv is stored into once, in
// the function that declares it, and is otherwise only read, there and in
// every function literal that captures it.
func setOnce(fv *ssa.FreeVar, depth int) bool {
	fn := fv.Parent()
	if fn.Parent() == nil || depth > 4 {
		return false
	}
	idx := -1
	for i, v := range fn.FreeVars {
		if v == fv {
			idx = i
		}
	}
	if idx < 0 || !onlyLoads(fv, depth) {
		return false
	}
	closures := 0
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			closures++
			alloc, ok := mc.Bindings[idx].(*ssa.Alloc)
			if !ok {
				return false
			}
			stores := 0
			for _, u := range refs(alloc) {
				switch u := u.(type) {
				case *ssa.DebugRef:
				case *ssa.UnOp:
					if u.Op != token.MUL {
						return false
					}
				case *ssa.Store:
					if u.Addr != alloc {
						return false
					}
					stores++
				case *ssa.MakeClosure:
					for i, bv := range u.Bindings {
						if bv == alloc && !onlyLoads(u.Fn.(*ssa.Function).FreeVars[i], depth+1) {
							return false
						}
					}
				default:
					return false
				}
			}
			if stores != 1 {
				return false
			}
		}
	}
	return closures > 0
}

// onlyLoads reports whether the captured variable fv is only read in its
// function and in the function literals that capture it from there.
func onlyLoads(fv *ssa.FreeVar, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, u := range refs(fv) {
		switch u := u.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			for i, bv := range u.Bindings {
				if bv == fv && !onlyLoads(u.Fn.(*ssa.Function).FreeVars[i], depth+1) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// handshakeQuiet reports whether x cannot release a mutex, wait, or hand
// control to other code: not a call (but of a builtin or an atomic bool's
// Load or Store), a channel operation or a select.
func handshakeQuiet(x ssa.Instruction) bool {
	switch x := x.(type) {
	case *ssa.Call:
		if bi, ok := x.Call.Value.(*ssa.Builtin); ok {
			switch bi.Name() {
			case "len", "cap", "append", "copy", "min", "max", "ssa:wrapnilchk":
				return true
			}
			return false
		}
		_, _, ok := atomicBoolCall(x)
		return ok
	case ssa.CallInstruction, *ssa.Send, *ssa.Select:
		return false
	case *ssa.UnOp:
		return x.Op != token.ARROW
	}
	return true
}

// handshakeSend reports whether every path to send comes from a branch
// taken when the flag of the struct value x was found false, and sets that
// flag true between the branch and the send, with nothing between the
// test and the send but quiet instructions (handshakeQuiet) and reads of
// the flag; the sets met are added to sets.
func (lc *lockChecker) handshakeSend(send *ssa.Send, x ssa.Value, flag int, sets map[ssa.Instruction]bool) bool {
	type key struct {
		b   *ssa.BasicBlock
		set bool
	}
	seen := map[key]bool{}
	var walk func(b *ssa.BasicBlock, upto int, set bool) bool
	walk = func(b *ssa.BasicBlock, upto int, set bool) bool {
		for j := upto - 1; j >= 0; j-- {
			instr := b.Instrs[j]
			if fa, fop := flagAccess(instr); fa != nil && fa.Field == flag && types.Identical(fa.X.Type(), x.Type()) {
				switch {
				case fop == flagRead:
				case fop == flagSetTrue && sameStruct(fa.X, x):
					set = true
					sets[instr] = true
				default:
					return false // another set of the flag, maybe of this value
				}
			}
			if !handshakeQuiet(instr) {
				return false
			}
		}
		if seen[key{b, set}] {
			return true
		}
		seen[key{b, set}] = true
		if len(b.Preds) == 0 || len(seen) > 64 {
			return false
		}
		for _, p := range b.Preds {
			if flagFalseEdge(p, b, x, flag) {
				if !set {
					return false
				}
				continue
			}
			if !walk(p, len(p.Instrs), set) {
				return false
			}
		}
		return true
	}
	b := send.Block()
	return walk(b, indexOf(b, send), false)
}

// flagFalseEdge reports whether p branches to b when the flag of the
// struct value x is false, read in p with only quiet instructions
// (handshakeQuiet) before the branch.
func flagFalseEdge(p, b *ssa.BasicBlock, x ssa.Value, flag int) bool {
	iff, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
	if !ok || p.Succs[0] == p.Succs[1] {
		return false
	}
	cond, onFalse := iff.Cond, b == p.Succs[1]
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, onFalse = not.X, !onFalse
	}
	ld, ok := cond.(ssa.Instruction)
	if !ok || !onFalse || ld.Block() != p {
		return false
	}
	fa, fop := flagAccess(ld)
	if fop != flagRead || !isFlag(fa, x, flag) || flagValue(ld) != cond {
		return false
	}
	for _, instr := range p.Instrs[indexOf(p, ld)+1 : len(p.Instrs)-1] {
		if !handshakeQuiet(instr) {
			return false
		}
		if fa, fop := flagAccess(instr); fa != nil && fa.Field == flag && fop != flagRead {
			return false
		}
	}
	return true
}

// Receiver states of handshakeRecv, as bits.
const (
	rcvIdle = 1 << iota // from the start or a clear, up to the receive
	rcvBusy             // from the receive up to the clear
)

// handshakeRecv reports whether the receive r is a plain receive, in a
// function only ever started as a goroutine, through the struct value
// whose flag it clears: on every path, the function clears the flag only
// while busy (after a receive, with h's kind write-held for a plain bool),
// and while idle it locks no mutex of h's kind (itself or through a
// function of this package), calls nothing it cannot resolve, makes no
// other channel operation, does not return, and can still reach the
// receive. The clears
// met are added to clears.
func (lc *lockChecker) handshakeRecv(r *chanOp, flag int, h heldLock, clears map[ssa.Instruction]bool) bool {
	recv, ok := r.instr.(*ssa.UnOp)
	if !ok || !r.blocking || recv.Op != token.ARROW {
		return false
	}
	rfa := loadedField(recv.X)
	if rfa == nil {
		return false
	}
	fn := r.fn
	if !lc.onlyStarted(fn) {
		return false
	}
	// Blocks from which the receive can be reached.
	reach := reachingBlocks([]*ssa.BasicBlock{recv.Block()})
	in := map[*ssa.BasicBlock]int{fn.Blocks[0]: rcvIdle}
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		state := in[b]
		if state&rcvIdle != 0 && !reach[b] {
			return false
		}
		for _, instr := range b.Instrs {
			if instr == recv {
				state = rcvBusy
				continue
			}
			if fa, fop := flagAccess(instr); fa != nil && fa.Field == flag && types.Identical(fa.X.Type(), rfa.X.Type()) {
				switch {
				case fop == flagRead:
				case fop == flagSetFalse && sameStruct(fa.X, rfa.X) && state == rcvBusy:
					if st, isStore := instr.(*ssa.Store); isStore && !holdsAt(lc.flagHeld[st], h.class.id) {
						return false // a plain bool cleared without the mutex
					}
					clears[instr] = true
					state = rcvIdle
					continue
				default:
					return false
				}
			}
			if state&rcvIdle == 0 {
				continue
			}
			switch x := instr.(type) {
			case *ssa.Send, *ssa.Select:
				return false
			case *ssa.UnOp:
				if x.Op == token.ARROW {
					return false
				}
			}
			if call, ok := instr.(ssa.CallInstruction); ok {
				cc := call.Common()
				if _, bi := cc.Value.(*ssa.Builtin); !bi && (cc.IsInvoke() || lc.dyn.Callee(cc) == nil) {
					return false // it may lock anything
				}
			}
			for _, cl := range lc.lockKinds(fn, instr) {
				if cl.id == h.class.id {
					return false
				}
			}
		}
		if state&rcvIdle != 0 && (len(b.Succs) == 0 || !reach[b]) {
			return false // leaves, or may never receive again
		}
		for _, s := range b.Succs {
			if in[s]|state != in[s] {
				in[s] |= state
				work = append(work, s)
			}
		}
	}
	return true
}

// onlyStarted reports whether fn is only ever started as a goroutine (go
// fn(...), or go of a closure of it that is used for nothing else), by
// this package alone: a function literal, or an unexported function or
// method (any, in package main) that is never a method value and whose
// name no interface call of the package uses.
func (lc *lockChecker) onlyStarted(fn *ssa.Function) bool {
	obj, _ := fn.Object().(*types.Func)
	if fn.Parent() == nil {
		if obj == nil || (obj.Exported() && lc.pass.Pkg.Name() != "main") {
			return false
		}
	}
	uses := 0
	for _, caller := range lc.fns {
		for _, b := range caller.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok && obj != nil && fn.Signature.Recv() != nil &&
					call.Common().IsInvoke() && call.Common().Method.Name() == fn.Name() {
					return false // maybe called through an interface
				}
				if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn != fn && obj != nil && mc.Fn.(*ssa.Function).Object() == obj {
					return false // a method value
				}
				var rands []*ssa.Value
				for _, rand := range instr.Operands(rands) {
					if *rand != fn {
						continue
					}
					switch x := instr.(type) {
					case *ssa.Go:
						if x.Call.Value != fn {
							return false
						}
					case *ssa.MakeClosure:
						if x.Fn != fn {
							return false
						}
						for _, u := range refs(x) {
							if g, isGo := u.(*ssa.Go); !isDebug(u) && (!isGo || g.Call.Value != x) {
								return false
							}
						}
					default:
						return false
					}
					uses++
				}
			}
		}
	}
	// Uses outside the functions above (the package initializer).
	sites := lc.dyn.CallSites()[fn]
	for _, s := range sites {
		if s != nil {
			return false
		}
	}
	return uses > 0 && uses == len(sites)
}

// handshakeFlagUses reports whether, in the whole package, the flag field
// number flag of fc's struct type is set true only by sets, set false only
// by clears or, for a plain bool, while its struct is being built, and
// otherwise only read: a plain bool loaded, an atomic bool's Load or
// Store called on its address, a field holding a pointer to an atomic
// bool set only to a new one while its struct is being built. The struct
// is never assigned as a whole, by itself or inside another value.
func (lc *lockChecker) handshakeFlagUses(fc *fieldChan, flag int, sets, clears map[ssa.Instruction]bool) bool {
	var st types.Type
	for _, op := range fc.ops {
		if send, ok := op.instr.(*ssa.Send); ok {
			if fa := loadedField(send.Chan); fa != nil {
				st = pointee(fa.X.Type())
				break
			}
		}
	}
	if st == nil {
		return false
	}
	setOK := func(x ssa.Instruction, fop flagOp) bool {
		switch fop {
		case flagSetTrue:
			return sets[x]
		case flagSetFalse:
			return clears[x]
		}
		return false
	}
	atomicUse := func(fa *ssa.FieldAddr, recv ssa.Value, u ssa.Instruction) bool {
		if isDebug(u) {
			return true
		}
		if r, _, ok := atomicBoolCall(u); !ok || r != recv {
			return false
		}
		got, fop := flagAccess(u)
		return got == fa && (fop == flagRead || setOK(u, fop))
	}
	for _, fn := range lc.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if s, ok := instr.(*ssa.Store); ok && holdsType(pointee(s.Addr.Type()), st, 0) {
					return false // the struct assigned as a whole
				}
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok || fa.Field != flag || !types.Identical(pointee(fa.X.Type()), st) {
					continue
				}
				for _, r := range refs(fa) {
					switch r := r.(type) {
					case *ssa.DebugRef:
					case *ssa.UnOp:
						if r.Op != token.MUL {
							return false
						}
						if isBoolType(r.Type()) {
							continue // a plain bool read
						}
						for _, u := range refs(r) { // a pointer to an atomic bool
							if !atomicUse(fa, r, u) {
								return false
							}
						}
					case *ssa.Store:
						if r.Addr != fa {
							return false
						}
						if isBoolType(r.Val.Type()) {
							if _, fop := flagAccess(r); !setOK(r, fop) && (fop != flagSetFalse || !building(fa, r)) {
								return false
							}
							continue
						}
						if !building(fa, r) || !freshAtomic(r) {
							return false
						}
					case *ssa.Call:
						if !atomicUse(fa, fa, r) {
							return false
						}
					default:
						return false // its address goes elsewhere
					}
				}
			}
		}
	}
	return true
}

// freshAtomic reports whether store puts into a field a new atomic bool
// that nothing else refers to: new(T), &T{}, or the result of a
// constructor (atomicBoolCtors).
func freshAtomic(store *ssa.Store) bool {
	switch v := store.Val.(type) {
	case *ssa.Alloc:
		if !v.Heap {
			return false
		}
	case *ssa.Call:
		callee := v.Call.StaticCallee()
		if callee == nil {
			return false
		}
		obj, _ := callee.Object().(*types.Func)
		if _, ok := atomicBoolCtors.Lookup(obj); obj == nil || !ok {
			return false
		}
	default:
		return false
	}
	for _, u := range refs(store.Val) {
		if u != store && !isDebug(u) {
			return false
		}
	}
	return true
}

// holdsType reports whether a value of type t contains a value of type
// st: is one, or has one as a field or array element.
func holdsType(t, st types.Type, depth int) bool {
	if types.Identical(t, st) {
		return true
	}
	if depth > 4 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if holdsType(u.Field(i).Type(), st, depth+1) {
				return true
			}
		}
	case *types.Array:
		return holdsType(u.Elem(), st, depth+1)
	}
	return false
}
