package goleak

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// This file holds the double-unlock rule: unlocking a sync.Mutex or
// sync.RWMutex that is not locked is a fatal run-time error ("sync: unlock
// of unlocked mutex") that recover cannot stop. The lock flow keeps, with
// the mutexes held, the ones unlocked on some path to a point and not
// locked since on it (lockState.unl): an unlock of one of them is the
// second when it cannot be avoided once the first has run (its block
// post-dominates the first), so that no condition tested in between (a
// flag saying whether it was unlocked) can choose the path that skips it.

// unlockMode is the mode an unlock operation releases.
func unlockMode(op apis.LockOp) lockMode {
	if op == apis.UnlockRead {
		return modeRead
	}
	return modeWrite
}

// waits reports whether instr waits for another goroutine: a channel
// operation or a select. Another goroutine may lock a mutex and hand it
// over while this one waits, so what was unlocked before is unknown after.
func waits(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.Send, *ssa.Select:
		return true
	case *ssa.UnOp:
		return x.Op == token.ARROW
	}
	return false
}

// touched forgets the mutexes known unlocked that a call, or a goroutine
// it starts, may lock: every one when the call waits for other goroutines
// (WaitGroup.Wait); otherwise, unless the callee is a builtin, a function
// of this package that locks nothing, or a function of another package
// without a LockFact, package-level mutexes and those reached through its
// arguments, its receiver or the values a closure binds.
func (f *lockFlow) touched(st *lockState, cc *ssa.CallCommon) {
	if len(st.unl) == 0 {
		return
	}
	if k, ok := f.lc.joiners.Lookup(apis.SSACallee(cc)); ok && k == apis.JoinWait {
		clear(st.unl)
		return
	}
	if _, ok := cc.Value.(*ssa.Builtin); ok {
		return
	}
	if callee := cc.StaticCallee(); callee != nil {
		sum, _ := f.lc.calleeSummary(cc)
		local := len(callee.Blocks) > 0 && (callee.Pkg == f.lc.ssaPkg || callee.Synthetic != "")
		if sum.empty() && (!local || f.lc.lockFree(callee)) {
			return
		}
	}
	vals := append([]ssa.Value{cc.Value}, cc.Args...)
	if mc, ok := cc.Value.(*ssa.MakeClosure); ok {
		vals = append(vals, mc.Bindings...)
	}
	for k := range st.unl {
		if k.global != "" {
			delete(st.unl, k)
			continue
		}
		for _, v := range vals {
			if mi, ok := v.(*ssa.MakeInterface); ok {
				v = mi.X
			}
			if ka, _, _, ok := f.lc.keyOf(v); ok && k.root == ka.root && strings.HasPrefix(k.path, ka.path) {
				delete(st.unl, k)
				break
			}
		}
	}
}

// unlockedAgain applies an unlock u of k: when k is unlocked on some path
// here, not locked since, and every path from that first unlock comes
// here, it reports the second unlock; k is unlocked from now on.
func (f *lockFlow) unlockedAgain(st *lockState, k lockKey, u heldLock) {
	if first, ok := st.unl[k]; ok && first.mode == u.mode && f.emit != nil && f.inevitable(first.pos, f.cur) {
		f.emit(lockFinding{pos: u.pos, held: first, want: u.mode, name: u.name, key: k, unlock: true})
	}
	st.unl[k] = u
}

// inevitable reports whether instr runs on every path from the call at
// pos to a return: it comes later in the same block, or every path from
// that block to a return passes instr's block.
func (f *lockFlow) inevitable(pos token.Pos, instr ssa.Instruction) bool {
	b := f.lc.blockOf(f.fn, pos)
	if b == nil {
		return false
	}
	if b == instr.Block() {
		for _, x := range b.Instrs {
			if x == instr {
				return false // instr comes first: it runs again only through a loop
			}
			if x.Pos() == pos {
				return true
			}
		}
	}
	return f.g.returnAvoiding(b, map[*ssa.BasicBlock]bool{instr.Block(): true}) == nil
}

// relocked applies a lock of k, of kind cl: k and any mutex of its kind,
// which may be k reached another way, are no longer known unlocked.
func (f *lockFlow) relocked(st *lockState, k lockKey, cl lockClass) {
	delete(st.unl, k)
	for _, o := range aliases(st.unl, k) {
		delete(st.unl, o)
	}
	if cl.id == "" {
		return
	}
	for o, u := range st.unl {
		if u.class.id == cl.id {
			delete(st.unl, o)
		}
	}
}

// deferredUnlocks returns, as findings, the unlocks after which the
// function returns with a deferred Unlock of the same mutex registered on
// every path and no lock in between: the deferred call unlocks it again.
// It is silent when a deferred call it cannot see into may lock it.
func (f *lockFlow) deferredUnlocks() []lockFinding {
	var out []lockFinding
	for _, b := range f.fn.Blocks {
		st, ok := f.out[b]
		if !ok || !isReturn(b) || f.g.dead[b.Index] || st.deferAny {
			continue
		}
		for k, d := range st.deferUnl {
			if u, ok := st.unl[k]; ok && u.mode == d.mode {
				out = append(out, lockFinding{pos: u.pos, held: u, want: d.mode, name: u.name, key: k, unlock: true, eff: lockEffect{pos: d.pos}})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// reportDoubleUnlock reports the second unlock of a mutex: d.held is the
// first one, or, for a deferred second unlock (d.eff.pos), the only
// explicit one.
func (lc *lockChecker) reportDoubleUnlock(d lockFinding) {
	unlock := "Unlock"
	if d.want == modeRead {
		unlock = "RUnlock"
	}
	const why = "unlocking a mutex that is not locked is a fatal error (sync: unlock of unlocked mutex) that recover cannot stop, so the whole program crashes"
	msg := fmt.Sprintf("%s is unlocked again (already unlocked at line %d, not locked since): %s; drop one of the unlocks, or lock it again in between",
		d.name, lc.line(d.held.pos), why)
	related := []analysis.RelatedInformation{{Pos: d.held.pos, Message: d.name + " is unlocked here first"}}
	if d.eff.pos.IsValid() {
		msg = fmt.Sprintf("%s is unlocked here, and the deferred %s.%s() at line %d unlocks it again when the function returns: %s; drop this unlock or the deferred one",
			d.name, d.name, unlock, lc.line(d.eff.pos), why)
		related = []analysis.RelatedInformation{{Pos: d.eff.pos, Message: "deferred unlock"}}
	}
	lc.report.Report(analysis.Diagnostic{
		Pos:      d.pos,
		Category: "double-unlock",
		Message:  msg,
		Related:  related,
	})
}
