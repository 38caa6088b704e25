package goleak

import (
	"fmt"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// This file holds a case of abandoned-send that involves three fields of
// one struct: a function of the package stops the struct's goroutine by
// calling the cancel function kept in a field and then waits for it on a
// WaitGroup field, and the goroutine (the one that calls Done on that
// WaitGroup) makes plain sends on a channel field in a loop. A plain send
// does not observe the cancellation: once whoever reads the channel stops
// (the usual reason to stop the goroutine) and the buffer is full, the
// goroutine blocks on its send and the Wait never returns.

// A fieldCall is a call in fn on a field of the package's own struct.
type fieldCall struct {
	fn   *ssa.Function
	call *ssa.Call
	id   string // path.Type.field
	show string // Type.field
}

// cancelThenWait reports the plain sends in a loop, on a channel field,
// of a goroutine that a function of the package stops by cancelling (a
// context.CancelFunc field of the same struct) and then waiting for (a
// WaitGroup field of the same struct on which the goroutine calls Done),
// when that function neither receives from nor closes the channel
// between the cancel and the Wait.
func (lc *lockChecker) cancelThenWait() {
	var cancels, waits, dones []fieldCall
	for _, fn := range lc.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				call, _ := ci.(*ssa.Call)
				cc := ci.Common()
				if fa := loadedField(cc.Value); fa != nil && !cc.IsInvoke() && call != nil {
					if id, show := lc.ownField(fa, isCancelField); id != "" {
						cancels = append(cancels, fieldCall{fn, call, id, show})
					}
					continue
				}
				k, ok := lc.joiners.Lookup(apis.SSACallee(cc))
				if !ok || cc.IsInvoke() || len(cc.Args) == 0 {
					continue
				}
				fa, ok := cc.Args[0].(*ssa.FieldAddr)
				if !ok {
					continue
				}
				id, show := lc.wgField(fa)
				if id == "" {
					continue
				}
				switch {
				case k == apis.JoinWait && call != nil:
					waits = append(waits, fieldCall{fn, call, id, show})
				case k == apis.JoinDone:
					dones = append(dones, fieldCall{fn, call, id, show})
				}
			}
		}
	}
	if len(cancels) == 0 || len(waits) == 0 {
		return
	}
	gos := startedFuncs(lc.fns)
	for _, w := range waits {
		st := structType(w.id)
		i := slices.IndexFunc(cancels, func(c fieldCall) bool {
			return c.fn == w.fn && structType(c.id) == st && runsAfter(c.call, lc.graphOf(c.fn).succs, func(x ssa.Instruction) bool { return x == w.call })
		})
		if i < 0 {
			continue
		}
		cancel := cancels[i]
		for _, d := range dones {
			if d.id != w.id || !gos[d.fn] || d.fn == w.fn {
				continue
			}
			lc.sendIgnoringCancel(d.fn, st, cancel, w, gos)
		}
	}
}

// sendIgnoringCancel reports the first plain send in a loop of goroutine
// g on a channel field of struct type st that the stopping function (of
// cancel and w) does not drain or close after the cancel.
func (lc *lockChecker) sendIgnoringCancel(g *ssa.Function, st string, cancel, w fieldCall, gos map[*ssa.Function]bool) {
	for _, id := range slices.Sorted(maps.Keys(lc.chans)) {
		fc := lc.chans[id]
		if structType(id) != st || fc.escapes || !fc.made || lc.escapedStructs[st] {
			continue
		}
		// Drained by the stopper, or read by a goroutine of the package
		// (which may read until the channel is closed).
		drained := slices.ContainsFunc(fc.ops, func(op *chanOp) bool {
			return (op.fn == w.fn && (op.kind == opRecv || op.kind == opClose)) || (op.kind == opRecv && gos[op.fn])
		})
		if drained {
			continue
		}
		for _, op := range fc.ops {
			if op.kind != opSend || op.fn != g || !op.blocking || !lc.graphOf(g).inLoop(op.instr.Block()) {
				continue
			}
			if lc.flagged[op.pos] || lc.report.Reported(op.pos) || lc.report.Generated(op.pos) {
				continue
			}
			lc.flagged[op.pos] = true
			stopper := w.fn.Name()
			lc.report.Report(analysis.Diagnostic{
				Pos:      op.pos,
				Category: "abandoned-send",
				Message: fmt.Sprintf("send on %s blocks forever once its reader stops with the buffer full: %s cancels (%s, line %d) and then waits for %s (%s.Wait, line %d), but a plain send does not observe the cancellation, so %s waits forever too; select on the cancelled context's Done() beside the send",
					fc.show, stopper, cancel.show, lc.line(cancel.call.Pos()), g.Name(), w.show, lc.line(w.call.Pos()), stopper),
				Related: []analysis.RelatedInformation{
					{Pos: cancel.call.Pos(), Message: "cancelled here"},
					{Pos: w.call.Pos(), Message: "waits for the goroutine here"},
				},
			})
			return
		}
	}
}

// isCancelField reports whether fld holds a context.CancelFunc or
// CancelCauseFunc.
func isCancelField(fld *types.Var) bool {
	n, ok := types.Unalias(fld.Type()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != apis.ContextPkg {
		return false
	}
	return n.Obj().Name() == "CancelFunc" || n.Obj().Name() == "CancelCauseFunc"
}
