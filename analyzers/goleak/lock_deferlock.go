package goleak

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// This file holds the rule on a deferred Lock of a mutex the function
// still holds when it returns: `mu.Lock(); defer mu.Lock()`, where Unlock
// was meant. The deferred call runs at the return and waits on the
// goroutine itself.

// deferredLock records a deferred Lock or RLock of a mutex it can name,
// registered outside a loop.
func (f *lockFlow) deferredLock(st *lockState, op apis.LockOp, mu ssa.Value) {
	if op != apis.LockWrite && op != apis.LockRead || f.g.inLoop(f.cur.Block()) {
		return
	}
	k, name, _, ok := f.lc.keyOf(mu)
	if !ok {
		return
	}
	mode := modeWrite
	if op == apis.LockRead {
		mode = modeRead
	}
	st.deferLk[k] = heldLock{pos: f.cur.Pos(), name: name, mode: mode}
}

// deferredLocks finds the deferred Locks (registered on every path) of a
// mutex that the function holds on every path at a return, with no
// deferred call that may release it: the deferred Lock then runs while
// the mutex is held. A read lock deferred while a read lock is held is
// left out (it blocks only when a writer waits in between), as are
// functions whose deferred calls may release anything.
func (f *lockFlow) deferredLocks() []lockFinding {
	var out []lockFinding
	for _, b := range f.fn.Blocks {
		st, ok := f.out[b]
		if !ok || !isReturn(b) || f.g.dead[b.Index] || st.deferAny {
			continue
		}
		for k, d := range st.deferLk {
			h, held := st.must[k]
			if !held || st.deferRel[k] || h.mode == modeRead && d.mode == modeRead || f.poison[k] {
				continue
			}
			out = append(out, lockFinding{pos: d.pos, held: h, want: d.mode, name: d.name, key: k})
		}
	}
	return out
}

// reportDeferredLock reports a deferred Lock that runs while the mutex is
// held, with a fix that defers the unlock instead.
func (lc *lockChecker) reportDeferredLock(d lockFinding) {
	lock, unlock := "Lock", "Unlock" // unlock releases what is held
	if d.want == modeRead {
		lock = "RLock"
	}
	if d.held.mode == modeRead {
		unlock = "RUnlock"
	}
	diag := analysis.Diagnostic{
		Pos:      d.pos,
		Category: "double-lock",
		Message: fmt.Sprintf("the deferred %s.%s() runs when the function returns, while it still holds %s (locked at line %d): sync mutexes are not reentrant, so the function never returns and %s stays locked for every other goroutine; defer %s.%s() instead",
			d.name, lock, d.name, lc.line(d.held.pos), d.name, d.name, unlock),
		Related: []analysis.RelatedInformation{{Pos: d.held.pos, Message: d.name + " is locked here"}},
	}
	if sel := lc.deferredSelector(d.pos); sel != nil && sel.Sel.Name == lock {
		diag.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "defer " + unlock,
			TextEdits: []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(unlock)}},
		}}
	}
	lc.report.Report(diag)
}

// deferredSelector returns the selector called by the defer statement at
// pos (mu.Lock), or nil.
func (lc *lockChecker) deferredSelector(pos token.Pos) *ast.SelectorExpr {
	for _, n := range lc.pathAt(pos) {
		if ds, ok := n.(*ast.DeferStmt); ok {
			sel, _ := ds.Call.Fun.(*ast.SelectorExpr)
			return sel
		}
	}
	return nil
}
