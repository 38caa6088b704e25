package goleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// This file holds the rule stop-sent-once: a channel field that the
// package uses as a stop signal (every receive from it is followed by
// leaving: the function returns, or its loop ends, without waiting on the
// channel again) and that several functions wait on, one of them a
// goroutine, is signalled by sending one value. A send wakes one receiver;
// the others keep waiting for a value that never comes, and whatever they
// guard (a loop's next send, a caller's select) blocks forever. close()
// wakes every receiver, present and future.

// stopSentOnce reports the one plain send on a field channel fc when
//
//   - it is the only send on fc in the package, outside any loop, and
//     nothing closes fc;
//   - every receive from fc leaves its function: a plain receive outside
//     a loop, or a select case from which the select is not reached again;
//   - the receives are in at least two functions, and one of them runs as
//     a goroutine started by a go statement of the package, so that both
//     can be waiting at once.
func (lc *lockChecker) stopSentOnce() {
	gos := startedFuncs(lc.fns)
	for _, id := range slices.Sorted(maps.Keys(lc.chans)) {
		fc := lc.chans[id]
		if fc.escapes || !fc.made || lc.escapedStructs[structType(fc.id)] {
			continue
		}
		var send *chanOp
		var recvs []*chanOp
		ok := true
		for _, op := range fc.ops {
			switch op.kind {
			case opSend:
				if send != nil || !op.blocking {
					ok = false
				}
				send = op
			case opRecv:
				recvs = append(recvs, op)
			case opClose:
				ok = false
			}
		}
		if !ok || send == nil || lc.graphOf(send.fn).inLoop(send.instr.Block()) || lc.flagged[send.pos] || lc.report.Reported(send.pos) {
			continue
		}
		waiters := make(map[*ssa.Function]*chanOp)
		threads := make(map[*ssa.Function]bool) // where each waiter runs: its goroutine, or nil for its callers'
		goroutine := false
		for _, r := range recvs {
			if r.deferred || r.fn == send.fn || !lc.leavesAfter(r) {
				ok = false
				break
			}
			if waiters[r.fn] == nil {
				waiters[r.fn] = r
			}
			threads[lc.threadOf(r.fn, gos)] = true
			goroutine = goroutine || gos[r.fn]
		}
		if !ok || len(waiters) < 2 || len(threads) < 2 || !goroutine {
			continue
		}
		lc.reportStopSentOnce(fc, send, waiters, gos)
	}
}

// leavesAfter reports whether receive r is followed by leaving: a plain
// receive outside any loop of its function, or a select case from which
// the select is never reached again.
func (lc *lockChecker) leavesAfter(r *chanOp) bool {
	g := lc.graphOf(r.fn)
	sel, ok := r.instr.(*ssa.Select)
	if !ok {
		return !g.inLoop(r.instr.Block())
	}
	for e, k := range selectCases(sel) {
		if sel.States[k].Pos != r.pos {
			continue
		}
		from := e.b.Succs[e.i]
		seen := map[*ssa.BasicBlock]bool{from: true}
		work := []*ssa.BasicBlock{from}
		for len(work) > 0 {
			b := work[0]
			work = work[1:]
			if b == sel.Block() {
				return false
			}
			for _, s := range g.succs(b) {
				if !seen[s] {
					seen[s] = true
					work = append(work, s)
				}
			}
		}
		return true
	}
	return false
}

func (lc *lockChecker) reportStopSentOnce(fc *fieldChan, send *chanOp, waiters map[*ssa.Function]*chanOp, gos map[*ssa.Function]bool) {
	lc.flagged[send.pos] = true
	rs := slices.SortedFunc(maps.Values(waiters), func(a, b *chanOp) int { return int(a.pos - b.pos) })
	var names []string
	var related []analysis.RelatedInformation
	for _, r := range rs {
		name := r.fn.Name()
		if r.fn.Parent() != nil {
			name = r.fn.Parent().Name() + "'s function literal"
		}
		if gos[r.fn] {
			name += " (a goroutine)"
		}
		names = append(names, fmt.Sprintf("%s at line %d", name, lc.line(r.pos)))
		related = append(related, analysis.RelatedInformation{Pos: r.pos, Message: fmt.Sprintf("waits on %s here and leaves", fc.show)})
	}
	d := analysis.Diagnostic{
		Pos:      send.pos,
		Category: "stop-sent-once",
		Message: fmt.Sprintf("send on %s wakes only one of its waiters, but %d functions wait on it as a stop signal (%s): once one has taken the value the others wait forever, and so does what they guard; close %s instead, which wakes every receiver",
			fc.show, len(waiters), strings.Join(names, ", "), fc.show),
		Related: related,
	}
	if fix, ok := lc.closeFix(send.pos); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	lc.report.Report(d)
}

// closeFix replaces the send statement at arrow position pos, whose value
// has no effects, with a close of its channel.
func (lc *lockChecker) closeFix(pos token.Pos) (analysis.SuggestedFix, bool) {
	for _, n := range lc.pathAt(pos) {
		s, ok := n.(*ast.SendStmt)
		if !ok || s.Arrow != pos {
			continue
		}
		switch v := ast.Unparen(s.Value).(type) {
		case *ast.CompositeLit, *ast.BasicLit:
		case *ast.Ident:
			if _, isConst := lc.pass.TypesInfo.Uses[v].(*types.Const); !isConst && v.Name != "true" && v.Name != "false" {
				return analysis.SuggestedFix{}, false
			}
		default:
			return analysis.SuggestedFix{}, false
		}
		return analysis.SuggestedFix{
			Message:   "close " + types.ExprString(s.Chan) + " instead of sending one value",
			TextEdits: []analysis.TextEdit{{Pos: s.Pos(), End: s.End(), NewText: []byte("close(" + types.ExprString(s.Chan) + ")")}},
		}, true
	}
	return analysis.SuggestedFix{}, false
}

// startedFuncs returns the functions that go statements of fns start (see
// goFunc), generic ones also by their origin: a go statement in a generic
// function starts an instance of the method it names.
func startedFuncs(fns []*ssa.Function) map[*ssa.Function]bool {
	gos := make(map[*ssa.Function]bool)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok {
					if f := goFunc(g); f != nil {
						gos[f] = true
						if o := f.Origin(); o != nil {
							gos[o] = true
						}
					}
				}
			}
		}
	}
	return gos
}

// threadOf returns the goroutine function that fn runs in when that is
// known: fn itself when a go statement starts it, or the goroutine of
// the one function of the package that calls it (and does nothing else
// with it), followed up to a few calls. It returns nil when fn may run in
// any caller's goroutine. Two waiters that run in one goroutine never wait
// at once.
func (lc *lockChecker) threadOf(fn *ssa.Function, gos map[*ssa.Function]bool) *ssa.Function {
	for range 4 {
		if gos[fn] || (fn.Origin() != nil && gos[fn.Origin()]) {
			return fn
		}
		sites := lc.dyn.CallSites()[fn]
		if len(sites) == 0 || slices.Contains(sites, nil) {
			return nil
		}
		caller := sites[0].Parent()
		for _, c := range sites[1:] {
			if c.Parent() != caller {
				return nil
			}
		}
		fn = caller
	}
	return nil
}
