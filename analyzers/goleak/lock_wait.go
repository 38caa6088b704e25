package goleak

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// prematureWait reports WaitGroup.Wait called inside the loop that starts
// the goroutines a WaitGroup.Add before the loop counted, by the length of
// what the loop ranges over: the first Wait waits for every goroutine, but
// only the first has been started, so it never returns once there are two.
func (lc *lockChecker) prematureWait(fn *ssa.Function) {
	g := lc.graphOf(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			cc := call.Common()
			if k, ok := lc.joiners.Lookup(apis.SSACallee(cc)); !ok || k != apis.JoinWait || cc.IsInvoke() || len(cc.Args) != 1 {
				continue
			}
			if !isWaitGroup(cc.Args[0].Type()) {
				continue
			}
			wg, name, _, ok := lc.keyOf(cc.Args[0])
			if !ok {
				continue
			}
			l := g.innermost(b)
			if l == nil || !loopStarts(l) || !everyIteration(l, b) {
				continue
			}
			add := lc.countedAdd(fn, l, wg)
			if add == nil {
				continue
			}
			if lc.report.Reported(call.Pos()) {
				continue
			}
			lc.report.Report(analysis.Diagnostic{
				Pos:      call.Pos(),
				Category: "premature-wait",
				Message: fmt.Sprintf("%s.Wait() inside the loop waits for every goroutine that %s.Add at line %d counted, but the loop has started only one when it first waits: "+
					"it blocks forever once there are two; move Wait after the loop", name, name, lc.line(add.Pos())),
				Related: []analysis.RelatedInformation{{Pos: add.Pos(), Message: "counted here, before the loop"}},
			})
		}
	}
}

// everyIteration reports whether block b of loop l runs on every iteration
// that comes round: it dominates every back edge to the header.
func everyIteration(l *loop, b *ssa.BasicBlock) bool {
	for _, p := range l.header.Preds {
		if l.has(p) && l.header.Dominates(p) && !b.Dominates(p) {
			return false
		}
	}
	return true
}

// loopStarts reports whether loop l starts a goroutine in its body.
func loopStarts(l *loop) bool {
	for b := range l.blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Go); ok {
				return true
			}
		}
	}
	return false
}

// countedAdd returns the Add on wg that comes before loop l, outside it,
// with len(x) of a slice or map as its count, when l adds nothing itself.
func (lc *lockChecker) countedAdd(fn *ssa.Function, l *loop, wg lockKey) *ssa.Call {
	var found *ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			cc := call.Common()
			if k, ok := lc.joiners.Lookup(apis.SSACallee(cc)); !ok || k != apis.JoinAdd || cc.IsInvoke() || len(cc.Args) != 2 {
				continue
			}
			if key, _, _, ok := lc.keyOf(cc.Args[0]); !ok || key != wg {
				continue
			}
			if l.has(b) {
				return nil // the loop counts as it goes
			}
			if !b.Dominates(l.header) || !countsLen(cc.Args[1]) {
				return nil
			}
			found = call
		}
	}
	return found
}

// countsLen reports whether v is len(x), possibly converted.
func countsLen(v ssa.Value) bool {
	if c, ok := v.(*ssa.Convert); ok {
		v = c.X
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	bi, ok := call.Call.Value.(*ssa.Builtin)
	return ok && bi.Name() == "len"
}

// isWaitGroup reports whether t is *sync.WaitGroup.
func isWaitGroup(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "WaitGroup"
}
