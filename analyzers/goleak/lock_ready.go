package goleak

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A receive that cannot block, in two forms.
//
// A struct may keep, beside a buffered
// channel field, a bool field that says a value is waiting in it: the
// sender sets it right after its send, and the receiver clears it right
// after its receive, each in one critical section of the same mutex.
//
//	m.mu.Lock()
//	m.slot <- v       // buffered
//	m.ready = true
//	m.mu.Unlock()
//
//	m.mu.Lock()
//	if m.ready {
//		v := <-m.slot // a value is there: it does not wait
//		m.ready = false
//	}
//
// While the mutex is held, ready is true only after a send whose value no
// receive has taken yet, so a receive that tests it first, under that
// mutex, finds the value in the buffer. lock-held-wait does not report it.
//
// Or the flag is a latch that says the channel is closed: it is only ever
// set true, each time in a critical section that also closes the channel
// (or that found it already true), and the channel field is only set on a
// struct being built.
//
//	w.mu.Lock()
//	w.done = true
//	w.result <- v
//	close(w.result)
//	w.mu.Unlock()
//
//	w.mu.Lock()
//	if w.done {
//		r, ok := <-w.result // closed: it returns at once
//	} else {
//		close(w.result)
//	}
//	w.done = true // already true, or the close just ran
//	w.mu.Unlock()
//
// A receive from a closed channel does not wait, whatever its buffer.

// valueReady reports whether the receive op on field channel fc runs only
// when the buffer holds a value: it is the first operation of the branch
// taken when a bool field of the same struct value is true, tested with
// nothing in between that could release a mutex, and readyFlag holds for
// that field and a mutex held (write-locked) at the receive.
func (lc *lockChecker) valueReady(fc *fieldChan, op *chanOp) bool {
	if !op.blocking || !op.heldOK {
		return false
	}
	recv, ok := op.instr.(*ssa.UnOp)
	if !ok || recv.Op != token.ARROW {
		return false
	}
	chanFA := loadedField(recv.X)
	if chanFA == nil {
		return false
	}
	b := recv.Block()
	if len(b.Preds) != 1 || !noCallBefore(b, 0, recv) {
		return false
	}
	d := b.Preds[0]
	iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cond, want := iff.Cond, b == d.Succs[0]
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, want = not.X, !want
	}
	flagFA := loadedField(cond)
	if !want || flagFA == nil || flagFA.X != chanFA.X || !isBoolType(flagFA.Type().Underlying().(*types.Pointer).Elem()) {
		return false
	}
	ld := cond.(ssa.Instruction)
	if ld.Block() != d || !noCallBefore(d, indexOf(d, ld)+1, iff) {
		return false
	}
	for _, h := range op.held {
		if h.mode != modeWrite {
			continue
		}
		if !fc.mayEmpty && lc.readyFlag(fc, chanFA, flagFA, h.class.id) {
			return true
		}
		if lc.closedLatch(chanFA, flagFA, h.class.id) {
			return true
		}
	}
	return false
}

// closedLatch reports whether, in the whole package, the bool field of
// flagFA is true only while the channel field of chanFA is closed, as
// seen under a mutex of kind mu: every store into the flag sets it true
// with mu write-held, and next to a close of the channel through the same
// struct value or on a path where the flag was found true (latchSet); the
// flag and the channel field are set otherwise only on a struct being
// built, never addressed, and their struct never assigned as a whole.
func (lc *lockChecker) closedLatch(chanFA, flagFA *ssa.FieldAddr, mu string) bool {
	st := pointee(flagFA.X.Type())
	same := func(fa *ssa.FieldAddr, field int) bool {
		return fa.Field == field && types.Identical(pointee(fa.X.Type()), st)
	}
	for _, fn := range lc.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Store:
					if types.Identical(x.Addr.Type(), types.NewPointer(st)) {
						return false // the struct assigned as a whole
					}
				case *ssa.FieldAddr:
					isFlag, isChan := same(x, flagFA.Field), same(x, chanFA.Field)
					if !isFlag && !isChan {
						continue
					}
					for _, r := range refs(x) {
						switch r := r.(type) {
						case *ssa.DebugRef:
						case *ssa.UnOp:
							if r.Op != token.MUL {
								return false
							}
						case *ssa.Store:
							switch {
							case r.Addr != x:
								return false
							case isChan && building(x, r):
							case isChan:
								return false // another channel, maybe open
							case isFalse(r.Val) && building(x, r):
							case !isTrue(r.Val) || !holdsAt(lc.flagHeld[r], mu) || !lc.latchSet(r, x, chanFA.Field):
								return false
							}
						default:
							return false // its address goes elsewhere
						}
					}
				}
			}
		}
	}
	return true
}

// building reports whether store, into the field fa, fills a struct that
// was allocated earlier in the same block and has not been shared yet:
// before the store, it is only used to fill its fields.
func building(fa *ssa.FieldAddr, store *ssa.Store) bool {
	alloc, ok := fa.X.(*ssa.Alloc)
	if !ok || alloc.Block() != store.Block() {
		return false
	}
	b := store.Block()
	at := indexOf(b, store)
	for _, r := range refs(alloc) {
		if r.Block() != b || indexOf(b, r) > at {
			continue
		}
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			for _, u := range refs(r) {
				if st, ok := u.(*ssa.Store); !ok || st.Addr != r {
					if !isDebug(u) {
						return false
					}
				}
			}
		default:
			return false
		}
	}
	return true
}

// latchSet reports whether every path through store, setting the flag fa
// true, closes the channel field chanField of the same struct value with
// no call between them (one critical section), or comes from a branch
// where that flag was found true with no call since.
func (lc *lockChecker) latchSet(store *ssa.Store, fa *ssa.FieldAddr, chanField int) bool {
	closes := func(x ssa.Instruction) bool {
		call, ok := x.(*ssa.Call)
		if !ok {
			return false
		}
		bi, ok := call.Call.Value.(*ssa.Builtin)
		if !ok || bi.Name() != "close" || len(call.Call.Args) != 1 {
			return false
		}
		cfa := loadedField(call.Call.Args[0])
		return cfa != nil && cfa.X == fa.X && cfa.Field == chanField
	}
	// Forward: the close follows in the same block.
	b := store.Block()
	for _, x := range b.Instrs[indexOf(b, store)+1:] {
		if closes(x) {
			return true
		}
		if isCall(x) {
			break
		}
	}
	// Backward, over every path that reaches the store.
	seen := map[*ssa.BasicBlock]bool{}
	var back func(b *ssa.BasicBlock, from int) bool
	back = func(b *ssa.BasicBlock, from int) bool {
		for i := from - 1; i >= 0; i-- {
			x := b.Instrs[i]
			if closes(x) {
				return true
			}
			if isCall(x) {
				return false
			}
		}
		if seen[b] {
			return true
		}
		seen[b] = true
		if len(b.Preds) == 0 || len(seen) > 64 {
			return false
		}
		for _, p := range b.Preds {
			if flagTrueEdge(p, b, fa) {
				continue
			}
			if !back(p, len(p.Instrs)) {
				return false
			}
		}
		return true
	}
	return back(b, indexOf(b, store))
}

// flagTrueEdge reports whether p branches to b when the flag field fa
// (through the same struct value) is true, loaded in p with no call before
// the branch.
func flagTrueEdge(p, b *ssa.BasicBlock, fa *ssa.FieldAddr) bool {
	iff, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
	if !ok || p.Succs[0] == p.Succs[1] {
		return false
	}
	cond, want := iff.Cond, b == p.Succs[0]
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, want = not.X, !want
	}
	lfa := loadedField(cond)
	if !want || lfa == nil || lfa.X != fa.X || lfa.Field != fa.Field {
		return false
	}
	ld := cond.(ssa.Instruction)
	return ld.Block() == p && noCallBefore(p, indexOf(p, ld)+1, iff)
}

// isCall reports whether x is a call of any kind (one that may release a
// mutex).
func isCall(x ssa.Instruction) bool {
	_, ok := x.(ssa.CallInstruction)
	return ok
}

// holdsAt reports whether a mutex of kind mu is write-locked in held.
func holdsAt(held []heldLock, mu string) bool {
	for _, h := range held {
		if h.class.id == mu && h.mode == modeWrite {
			return true
		}
	}
	return false
}

// readyFlag reports whether, in the whole package, the bool field of
// flagFA is set true only next to a plain send on fc (the field of
// chanFA) through the same struct value, in one critical section of a
// mutex of kind mu (readySet); every receive from fc is a plain receive followed by
// setting the field false through the same value under that mutex; and
// the field is otherwise only set false, never addressed, and its struct
// never assigned as a whole.
func (lc *lockChecker) readyFlag(fc *fieldChan, chanFA, flagFA *ssa.FieldAddr, mu string) bool {
	st := pointee(flagFA.X.Type())
	isFlag := func(fa *ssa.FieldAddr) bool {
		return fa.Field == flagFA.Field && types.Identical(pointee(fa.X.Type()), st)
	}
	for _, op := range fc.ops {
		if op.kind != opRecv {
			continue
		}
		r, ok := op.instr.(*ssa.UnOp)
		if !ok || !holdsWrite(op, mu) {
			return false
		}
		fa := loadedField(r.X)
		if fa == nil {
			return false
		}
		store := nextStore(r, func(st *ssa.Store) bool {
			sfa, ok := st.Addr.(*ssa.FieldAddr)
			return ok && isFlag(sfa) && sfa.X == fa.X
		})
		if store == nil || !isFalse(store.Val) {
			return false
		}
	}
	for _, fn := range lc.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Store:
					if types.Identical(x.Addr.Type(), types.NewPointer(st)) {
						return false // the struct assigned as a whole
					}
				case *ssa.FieldAddr:
					if !isFlag(x) {
						continue
					}
					for _, r := range refs(x) {
						switch r := r.(type) {
						case *ssa.DebugRef:
						case *ssa.UnOp:
							if r.Op != token.MUL {
								return false
							}
						case *ssa.Store:
							if r.Addr != x || !lc.readySet(fc, r, x, mu) {
								return false
							}
						default:
							return false // its address goes elsewhere
						}
					}
				}
			}
		}
	}
	return true
}

// readySet reports whether store, into the flag field fa, is allowed by
// readyFlag: a false, or a true next to a plain send on fc through the
// same struct value, before or after it with no call, select or other
// channel operation between (one critical section), while mu is
// write-locked.
func (lc *lockChecker) readySet(fc *fieldChan, store *ssa.Store, fa *ssa.FieldAddr, mu string) bool {
	if isFalse(store.Val) {
		return true
	}
	if !isTrue(store.Val) {
		return false
	}
	b := store.Block()
	at := indexOf(b, store)
	for _, dir := range []int{-1, 1} {
		for i := at + dir; i >= 0 && i < len(b.Instrs); i += dir {
			x := b.Instrs[i]
			if send, ok := x.(*ssa.Send); ok {
				if sfa := loadedField(send.Chan); sfa != nil && sfa.X == fa.X {
					for _, op := range lc.chanOps[send] {
						if op.kind == opSend && containsOp(fc, op) && holdsWrite(op, mu) {
							return true
						}
					}
				}
				break
			}
			if blocksOrCalls(x) {
				break
			}
		}
	}
	return false
}

// blocksOrCalls reports whether x is a call, a select, a send or a
// receive: something that may release a mutex or wait.
func blocksOrCalls(x ssa.Instruction) bool {
	switch x := x.(type) {
	case ssa.CallInstruction, *ssa.Send, *ssa.Select:
		return true
	case *ssa.UnOp:
		return x.Op == token.ARROW
	}
	return false
}

// holdsWrite reports whether a mutex of kind mu is write-locked on every
// path to op.
func holdsWrite(op *chanOp, mu string) bool {
	if !op.heldOK {
		return false
	}
	for _, h := range op.held {
		if h.class.id == mu && h.mode == modeWrite {
			return true
		}
	}
	return false
}

func containsOp(fc *fieldChan, op *chanOp) bool {
	for _, o := range fc.ops {
		if o == op {
			return true
		}
	}
	return false
}

// nextStore returns the first store after instr in its block that is
// wanted, when no call, select or channel operation comes before it.
func nextStore(instr ssa.Instruction, wanted func(*ssa.Store) bool) *ssa.Store {
	b := instr.Block()
	for _, x := range b.Instrs[indexOf(b, instr)+1:] {
		if st, ok := x.(*ssa.Store); ok && wanted(st) {
			return st
		}
		if blocksOrCalls(x) {
			return nil
		}
	}
	return nil
}

// noCallBefore reports whether the instructions of b from index i up to
// end include no call, select or channel operation.
func noCallBefore(b *ssa.BasicBlock, i int, end ssa.Instruction) bool {
	for _, x := range b.Instrs[i:] {
		if x == end {
			return true
		}
		if blocksOrCalls(x) {
			return false
		}
	}
	return false
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// loadedField returns fa for a value loaded as *fa (through changes of
// channel direction), or nil.
func loadedField(v ssa.Value) *ssa.FieldAddr {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil
			}
			fa, _ := x.X.(*ssa.FieldAddr)
			return fa
		default:
			return nil
		}
	}
}

// pointee returns the element type of a pointer type.
func pointee(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func isTrue(v ssa.Value) bool  { return boolConst(v) == flagTrue }
func isFalse(v ssa.Value) bool { return boolConst(v) == flagFalse }

// boolConst returns the value of a boolean constant, or flagUnknown.
func boolConst(v ssa.Value) flagVal {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
		return flagUnknown
	}
	if constant.BoolVal(c.Value) {
		return flagTrue
	}
	return flagFalse
}
