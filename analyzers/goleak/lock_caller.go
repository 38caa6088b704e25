package goleak

import (
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file gives lock-held-wait the mutexes that a function's callers
// hold: a helper that sends on a field channel (func (k *keeper) add() {
// k.in <- struct{}{} }) waits while holding every mutex that each of its
// callers holds when it calls it.

// callerHeld computes, for each function of the package whose every call
// the analysis sees, the kinds of mutex held at every one of its calls
// (or by its callers' callers), with the lock of the first call as the
// place to show. A kind held for reading at some call counts as read.
//
// A function qualifies when nothing but a direct call of this package
// reaches it: unexported (or in package main, which nothing imports), not
// used as a value (go, defer, a function value, a method value), a method
// whose name no interface call of the package uses (nor, exported, of a
// type the package puts in an interface value), or a function literal
// only called where it is made; and each of its calls must lie on a path
// that the lock flow followed (or in a function that neither locks nor
// unlocks, which holds what its own callers hold).
func (lc *lockChecker) callerHeld() map[*ssa.Function]map[string]heldLock {
	if lc.byCaller != nil {
		return lc.byCaller
	}
	sites := lc.dyn.CallSites()
	invoked := make(map[string]bool)
	bound := make(map[types.Object]bool)
	boxed := make(map[types.Object]bool) // named types put in interface values, or pointers to them
	for _, fn := range lc.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok && call.Common().IsInvoke() {
					invoked[call.Common().Method.Name()] = true
				}
				if mi, ok := instr.(*ssa.MakeInterface); ok {
					if n := namedOf(mi.X.Type()); n != nil {
						boxed[n.Obj()] = true
					}
				}
				var rands []*ssa.Value
				for _, op := range instr.Operands(rands) {
					// A method value or expression: a wrapper that calls the
					// method where the analysis does not look.
					if g, ok := (*op).(*ssa.Function); ok && g.Synthetic != "" && g.Object() != nil {
						bound[g.Object()] = true
					}
				}
			}
		}
	}
	main := lc.pass.Pkg.Name() == "main"
	eligible := func(fn *ssa.Function) bool {
		calls := sites[fn]
		// A call from the package initializer is outside the lock flow.
		if len(calls) == 0 || slices.ContainsFunc(calls, func(call *ssa.Call) bool {
			return call == nil || inInitializer(call.Parent())
		}) {
			return false
		}
		if fn.Parent() != nil {
			if !calledOnly(fn) {
				return false
			}
		} else {
			obj, ok := fn.Object().(*types.Func)
			if !ok || (obj.Exported() && !main) || bound[obj] {
				return false
			}
			if recv := fn.Signature.Recv(); recv != nil {
				if invoked[fn.Name()] {
					return false
				}
				// An exported method of a type put in an interface may be
				// called by another package through it.
				if n := namedOf(recv.Type()); obj.Exported() && (n == nil || boxed[n.Obj()]) {
					return false
				}
			}
		}
		return true
	}
	// The calls of each qualifying function, with the mutexes held at
	// each: as the flow of the caller recorded them, or none for a caller
	// that neither locks nor unlocks anything (no flow runs over it).
	lc.callerSites = make(map[*ssa.Function][]callSite)
	for _, fn := range lc.fns {
		if !eligible(fn) {
			continue
		}
		var list []callSite
		for _, call := range sites[fn] {
			i := slices.IndexFunc(lc.callHeld[fn], func(s callSite) bool { return s.caller == call.Parent() && s.pos == call.Pos() })
			switch {
			case i >= 0:
				list = append(list, lc.callHeld[fn][i])
			case lc.lockFree(call.Parent()):
				list = append(list, callSite{caller: call.Parent(), pos: call.Pos()})
			default:
				list = nil // a call the flow did not reach
			}
			if list == nil {
				break
			}
		}
		if list != nil {
			lc.callerSites[fn] = list
		}
	}
	out := make(map[*ssa.Function]map[string]heldLock)
	for changed, rounds := true, 0; changed && rounds < 10; rounds++ {
		changed = false
		for _, fn := range lc.fns {
			if lc.callerSites[fn] == nil {
				continue
			}
			var cur map[string]heldLock
			for _, s := range lc.callerSites[fn] {
				in := make(map[string]heldLock)
				if lc.passesThrough(s.caller) {
					maps.Copy(in, out[s.caller])
				}
				for id, h := range s.locks {
					in[id] = h
				}
				if cur == nil {
					cur = in
					continue
				}
				for id, h := range cur {
					o, both := in[id]
					switch {
					case !both:
						delete(cur, id)
					case o.mode == modeRead && h.mode != modeRead:
						h.mode = modeRead
						cur[id] = h
					}
				}
			}
			if len(cur) != len(out[fn]) {
				out[fn] = cur
				changed = true
				continue
			}
			for id, h := range cur {
				if o, has := out[fn][id]; !has || o.mode != h.mode {
					out[fn] = cur
					changed = true
					break
				}
			}
		}
	}
	lc.byCaller = out
	return out
}

// heldAt returns the mutexes held at channel operation op: by its own
// function, and by every caller of it that it has not unlocked since (nor
// could have: see passesThrough).
// The second result is false when the flow never reached op.
func (lc *lockChecker) heldAt(op *chanOp) (own, callers []heldLock, ok bool) {
	if !op.heldOK && !lc.lockFree(op.fn) {
		return nil, nil, false
	}
	own = op.held
	if !lc.passesThrough(op.fn) {
		return own, nil, true
	}
	byCaller := lc.callerHeld()[op.fn]
	for _, id := range slices.Sorted(maps.Keys(byCaller)) {
		if op.rel[id] || slices.ContainsFunc(own, func(h heldLock) bool { return h.class.id == id }) {
			continue
		}
		callers = append(callers, byCaller[id])
	}
	return own, callers, true
}

// namedOf returns the named type of t or of what t points to, or nil.
func namedOf(t types.Type) *types.Named {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// passesThrough reports whether fn keeps what its callers hold: it makes
// no call the analysis cannot resolve (a function value or interface
// method handed anything may unlock), and unlocks nothing it did not lock.
func (lc *lockChecker) passesThrough(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			cc := call.Common()
			if _, builtin := cc.Value.(*ssa.Builtin); builtin {
				continue
			}
			if cc.StaticCallee() == nil {
				// A resolved call of a function value says what it unlocks,
				// not which mutex its closure binds.
				if sum, _ := lc.calleeSummary(cc); sum == nil || len(sum.releases) > 0 || len(sum.opaque) > 0 {
					return false
				}
			}
		}
	}
	sum := lc.summary(fn)
	return len(sum.releases) == 0 && len(sum.opaque) == 0
}
