package goleak

import (
	"fmt"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// This file holds the rule on a send to a loop that may have left: the
// only receiver of an unbuffered field channel is the loop of one
// function, which returns when another case of its select is taken (a
// stop channel, ctx.Done()), and a plain send on the channel elsewhere
// has nothing that stops it once that has happened.

// A loopExit is how the only receiving loop of a field channel leaves:
// case k of sel, in fn, leads to ret without receiving from the channel
// again.
type loopExit struct {
	fn  *ssa.Function
	sel *ssa.Select
	k   int
	ret *ssa.Return
}

// sendToLeftLoop reports a plain send op on the unbuffered field channel
// fc when every receive of the package from fc (recvs) is in a loop of
// one function L, L leaves that loop on another case of a select that
// receives from fc and returns without receiving from fc again, and the
// sender shows that nothing orders it before that return:
//
//   - the send runs in a goroutine that only go statements of this package
//     start, and it is the goroutine's last act: after it, the goroutine
//     sends, closes, selects, defers and calls nothing of this package, of
//     sync or of context, and calls no function value; or
//   - L closes a channel field D, and another function of the package sends
//     to L in a select that also receives from D: the package itself says
//     that a sender may come after L has left.
//
// It ignores buffered channels, channels L does not receive from in a
// loop, receivers in more than one function, loops that drain the
// channel on their way out, and goroutines that may signal L after their
// send (a close, a WaitGroup.Done, a cancel).
func (lc *lockChecker) sendToLeftLoop(fc *fieldChan, op *chanOp, recvs []*chanOp) {
	if lc.flagged[op.pos] || lc.report.Reported(op.pos) {
		return
	}
	ex, ok := lc.soleLoopExit(recvs)
	if !ok || ex.fn == op.fn {
		return
	}
	name := ex.fn.Name()
	caseText := lc.caseText(ex.sel, ex.k)
	related := []analysis.RelatedInformation{{Pos: retPos(ex.ret), Message: fmt.Sprintf("%s returns here after %s", name, caseText)}}
	var msg string
	if guard, done, ok := lc.guardedByExitClose(ex); ok {
		msg = fmt.Sprintf("send on %s blocks forever once %s has returned at line %d (%s): its loop is the only receiver of %s, and the send at line %d already waits on %s, which %s closes, for that case; select on it here too",
			fc.show, name, lc.line(retPos(ex.ret)), caseText, fc.show, lc.line(guard.pos), done.show, name)
		related = append(related, analysis.RelatedInformation{Pos: guard.pos, Message: "this send also waits for " + done.show})
	} else if g, ok := lc.lastActOfGoroutine(op); ok {
		msg = fmt.Sprintf("goroutine blocks forever on send to %s once %s has returned at line %d (%s): its loop is the only receiver of %s, and nothing this goroutine does after the send can let it know; send in a select that also waits for %s to leave (a done channel it closes)",
			fc.show, name, lc.line(retPos(ex.ret)), caseText, fc.show, name)
		related = append([]analysis.RelatedInformation{{Pos: g.Pos(), Message: "goroutine started here"}}, related...)
	} else {
		return
	}
	lc.flagged[op.pos] = true
	lc.report.Report(analysis.Diagnostic{Pos: op.pos, Category: "abandoned-send", Message: msg, Related: related})
}

// soleLoopExit returns how the one loop that receives from a field
// channel leaves: every receive (recvs) is in a loop of the same function,
// and one of them is a case of a select with another receive case from
// which a return is reached without passing a receive from the channel.
func (lc *lockChecker) soleLoopExit(recvs []*chanOp) (loopExit, bool) {
	fn := recvs[0].fn
	g := lc.graphOf(fn)
	at := make(map[*ssa.BasicBlock]bool)
	for _, r := range recvs {
		if r.fn != fn || r.deferred || !g.inLoop(r.instr.Block()) {
			return loopExit{}, false
		}
		at[r.instr.Block()] = true
	}
	for _, r := range recvs {
		sel, ok := r.instr.(*ssa.Select)
		if !ok {
			continue
		}
		edges := selectCases(sel)
		keys := make([]edgeKey, 0, len(edges))
		for k := range edges {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return edges[keys[i]] < edges[keys[j]] })
		for _, e := range keys {
			k := edges[e]
			st := sel.States[k]
			if st.Dir != types.RecvOnly || st.Pos == r.pos {
				continue
			}
			if ret := returnAvoiding(g, e.b.Succs[e.i], at); ret != nil {
				return loopExit{fn: fn, sel: sel, k: k, ret: ret}, true
			}
		}
	}
	return loopExit{}, false
}

// returnAvoiding returns a return of g reached from block from without
// entering a block of avoid, nil when there is none.
func returnAvoiding(g *graph, from *ssa.BasicBlock, avoid map[*ssa.BasicBlock]bool) *ssa.Return {
	seen := map[*ssa.BasicBlock]bool{from: true}
	work := []*ssa.BasicBlock{from}
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		if avoid[b] {
			continue
		}
		if isReturn(b) && !g.dead[b.Index] {
			return b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		}
		for _, s := range g.succs(b) {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return nil
}

// lastActOfGoroutine returns a go statement that starts op's function when
// only go statements of this package start it (and the function is not
// exported, or this is package main), the goroutine sends on a field of a
// struct it did not make itself (a struct it made may be what it stops
// later), and nothing the goroutine does after op can let the receiver
// know: no send, select, close, go or defer
// statement, call of a function value or interface method, or call of a
// function of this package, sync or context. Sending again on op itself (a
// producer's loop) is fine.
func (lc *lockChecker) lastActOfGoroutine(op *chanOp) (*ssa.Go, bool) {
	fn := op.fn
	if obj, ok := fn.Object().(*types.Func); ok && obj.Exported() && lc.pass.Pkg.Name() != "main" {
		return nil, false
	}
	send, ok := op.instr.(*ssa.Send)
	if !ok {
		return nil, false
	}
	load, ok := send.Chan.(*ssa.UnOp)
	if !ok {
		return nil, false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil, false
	}
	if a, ok := fa.X.(*ssa.Alloc); ok && a.Parent() == fn {
		return nil, false // the goroutine made the struct: it may also be what stops the loop
	}
	var starts []*ssa.Go
	for _, caller := range lc.srcFuncs {
		for _, b := range caller.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok && goFunc(g) == fn {
					starts = append(starts, g)
				}
			}
		}
	}
	sites := lc.dyn.CallSites()[fn]
	if len(starts) == 0 || len(sites) != len(starts) {
		return nil, false
	}
	for _, s := range sites {
		if s != nil {
			return nil, false // also called directly
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Defer); ok {
				return nil, false
			}
		}
	}
	g := lc.graphOf(fn)
	if runsAfter(op.instr, g.succs, func(instr ssa.Instruction) bool { return instr != op.instr && signalsOthers(instr) }) {
		return nil, false
	}
	return starts[0], true
}

// goFunc returns the function that go statement g runs: a declared
// function or method, or a function literal made only for it.
func goFunc(g *ssa.Go) *ssa.Function {
	if g.Call.IsInvoke() {
		return nil
	}
	switch v := g.Call.Value.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		for _, r := range refs(v) {
			if r != g && !isDebug(r) {
				return nil
			}
		}
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// signalsOthers reports whether instr may let another goroutine go on:
// a send, a select, a close, a go or defer statement, or a call that is
// not a builtin or a static call of a function outside this package,
// sync and context.
func signalsOthers(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Send, *ssa.Select, *ssa.Go, *ssa.Defer:
		return true
	case *ssa.Call:
		cc := instr.Common()
		if bi, ok := cc.Value.(*ssa.Builtin); ok {
			return bi.Name() == "close"
		}
		callee := cc.StaticCallee()
		if callee == nil || callee.Pkg == nil || callee.Pkg == instr.Parent().Pkg {
			return true
		}
		switch callee.Pkg.Pkg.Path() {
		case "sync", "context":
			return true
		}
	}
	return false
}

// guardedByExitClose finds a send to ex's loop, on a channel field that
// the loop receives from, made by another function in a select that also
// receives from a channel field D that the loop's function closes.
func (lc *lockChecker) guardedByExitClose(ex loopExit) (guard *chanOp, done *fieldChan, ok bool) {
	ids := make([]string, 0, len(lc.chans))
	for id := range lc.chans {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	served := make(map[*chanOp]bool) // sends on a channel that ex.fn receives from
	for _, id := range ids {
		fc := lc.chans[id]
		recv := false
		for _, op := range fc.ops {
			recv = recv || (op.kind == opRecv && op.fn == ex.fn)
		}
		if !recv {
			continue
		}
		for _, op := range fc.ops {
			if op.kind == opSend {
				served[op] = true
			}
		}
	}
	for _, id := range ids {
		d := lc.chans[id]
		closed := false
		for _, op := range d.ops {
			closed = closed || (op.kind == opClose && op.fn == ex.fn)
		}
		if !closed || d.escapes {
			continue
		}
		for _, op := range d.ops {
			if op.kind != opRecv || op.fn == ex.fn {
				continue
			}
			if _, isSel := op.instr.(*ssa.Select); !isSel {
				continue
			}
			for _, other := range lc.chanOps[op.instr] {
				if served[other] && !other.blocking {
					return other, d, true
				}
			}
		}
	}
	return nil, nil, false
}
