package goleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// This file holds the local-channel case of lock-held-wait: a function
// receives from a channel it made while it holds a mutex that every
// goroutine able to send on or close that channel must lock first.
//
//	done := make(chan struct{})
//	go func() { c.refresh(); close(done) }() // refresh locks c.mu
//	c.mu.Lock()
//	<-done                                   // never returns
//
// The channel must be made by the function and go nowhere but into its
// plain receives and into goroutines it starts (as an argument or a
// captured variable), which only send on it or close it. Each of those
// goroutines must lock the mutex, reached from the same value, on every
// path to each of its sends and closes (to its returns for a deferred
// close), itself or through a callee.

// recvUnderLock reports, in the solved flow f, the plain receives from a
// channel of the function made while holding a mutex that every sender
// and closer must lock first.
func (lc *lockChecker) recvUnderLock(f *lockFlow) {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || lc.report.Reported(recv.Pos()) {
				continue
			}
			ch, _, _, ok := lc.keyOf(recv.X)
			if !ok {
				continue
			}
			st := f.stateBefore(recv)
			if st == nil || len(st.must) == 0 {
				continue
			}
			partners, ok := lc.chanPartners(f, ch)
			if !ok || !slices.ContainsFunc(partners, func(p wgPartner) bool { return startedBefore(f.g, p.instr, recv) }) {
				continue
			}
			lc.recvHeldBy(f, recv, st, partners)
		}
	}
}

// recvHeldBy reports recv when every partner must lock a mutex held there.
func (lc *lockChecker) recvHeldBy(f *lockFlow, recv *ssa.UnOp, st *lockState, partners []wgPartner) {
	keys := make([]lockKey, 0, len(st.must))
	for k := range st.must {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return st.must[keys[i]].pos < st.must[keys[j]].pos })
next:
	for _, k := range keys {
		h := st.must[k]
		if f.poison[k] {
			continue
		}
		for _, p := range partners {
			e, ok := p.locks[k]
			if !ok || (h.mode == modeRead && e.mode == modeRead) {
				continue next
			}
		}
		p := partners[0]
		e := p.locks[k]
		how, at := lc.partnerLock(e, h.name)
		ch := "the channel"
		for _, n := range lc.pathAt(recv.Pos()) {
			if u, ok := n.(*ast.UnaryExpr); ok && u.OpPos == recv.Pos() {
				ch = types.ExprString(u.X)
				break
			}
		}
		lc.report.Report(analysis.Diagnostic{
			Pos:      recv.Pos(),
			Category: "lock-held-wait",
			Message: fmt.Sprintf("receive from %s blocks forever while %s is held (locked at line %d): every goroutine that sends on or closes %s must lock it first (the one started at line %d %s), and cannot get it while this goroutine waits; release %s before waiting",
				ch, h.name, lc.line(h.pos), ch, lc.line(p.start), how, h.name),
			Related: []analysis.RelatedInformation{
				{Pos: h.pos, Message: h.name + " is locked here"},
				{Pos: at, Message: "the goroutine needs " + h.name + " here before it sends or closes"},
			},
		})
		return
	}
}

// chanPartners returns the goroutines that f's function starts with
// channel ch, each with the mutexes it must lock before it sends on or
// closes ch. It fails when ch is not a channel the function made, or goes
// anywhere else.
func (lc *lockChecker) chanPartners(f *lockFlow, ch lockKey) ([]wgPartner, bool) {
	var vals []ssa.Value // the channel in f's function
	closures := map[*ssa.MakeClosure]int{}
	switch root := ch.root.(type) {
	case *ssa.MakeChan:
		if ch.path != "" || root.Parent() != f.fn {
			return nil, false
		}
		vals = append(vals, root)
	case *ssa.Alloc:
		if ch.path != "*" || root.Parent() != f.fn {
			return nil, false
		}
		made := 0
		for _, r := range refs(root) {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Store:
				if _, ok := r.Val.(*ssa.MakeChan); !ok || r.Addr != root {
					return nil, false
				}
				made++
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return nil, false
				}
				vals = append(vals, r)
			case *ssa.MakeClosure:
				for i, v := range r.Bindings {
					if v == root {
						closures[r] = i
					}
				}
			default:
				return nil, false
			}
		}
		if made != 1 {
			return nil, false
		}
	default:
		return nil, false
	}
	args := map[*ssa.Go][]int{}
	for _, v := range vals {
		for _, r := range refs(v) {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if r.Op != token.ARROW {
					return nil, false
				}
			case *ssa.Go:
				for i, a := range r.Call.Args {
					if a == v {
						args[r] = append(args[r], i)
					}
				}
			default:
				return nil, false
			}
		}
	}
	var out []wgPartner
	add := func(g *ssa.Go, sides []ssa.Value) bool {
		fn := g.Call.StaticCallee()
		if fn == nil || len(fn.Blocks) == 0 || fn.Pkg != lc.ssaPkg {
			return false
		}
		points, atReturn, ok := signals(sides)
		if !ok {
			return false
		}
		if len(points) == 0 && !atReturn {
			return true // it never signals: not a partner
		}
		locks, ok := lc.lockedAt(fn, points, atReturn)
		if !ok {
			return false
		}
		p := wgPartner{start: g.Pos(), instr: g, locks: make(map[lockKey]lockEffect)}
		for _, e := range locks {
			if k, _, ok := f.translate(g.Common(), fn, e); ok {
				p.locks[k] = e
			}
		}
		out = append(out, p)
		return true
	}
	for mc, i := range closures {
		rs := refs(mc)
		for _, r := range rs {
			g, ok := r.(*ssa.Go)
			if !ok || g.Call.Value != mc {
				return nil, false // the closure is called or handed on
			}
			fn := mc.Fn.(*ssa.Function)
			if i >= len(fn.FreeVars) {
				return nil, false
			}
			var sides []ssa.Value
			for _, u := range refs(fn.FreeVars[i]) {
				if l, ok := u.(*ssa.UnOp); ok && l.Op == token.MUL {
					sides = append(sides, l)
				} else if !isDebug(u) {
					return nil, false
				}
			}
			if !add(g, sides) {
				return nil, false
			}
		}
	}
	for g, idx := range args {
		fn := g.Call.StaticCallee()
		if fn == nil {
			return nil, false
		}
		var sides []ssa.Value
		for _, i := range idx {
			if i >= len(fn.Params) {
				return nil, false
			}
			sides = append(sides, fn.Params[i])
		}
		if !add(g, sides) {
			return nil, false
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out, true
}

// signals returns the sends on and closes of the channel values vals of a
// goroutine, and whether it closes it in a deferred call; it fails when
// the goroutine does anything else with the channel.
func signals(vals []ssa.Value) (points []ssa.Instruction, atReturn, ok bool) {
	for _, v := range vals {
		for _, r := range refs(v) {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Send:
				if r.Chan != v {
					return nil, false, false
				}
				points = append(points, r)
			case *ssa.Call, *ssa.Defer:
				cc := r.(ssa.CallInstruction).Common()
				if bi, isBi := cc.Value.(*ssa.Builtin); !isBi || bi.Name() != "close" {
					return nil, false, false
				}
				if _, d := r.(*ssa.Defer); d {
					atReturn = true
				} else {
					points = append(points, r)
				}
			default:
				return nil, false, false
			}
		}
	}
	return points, atReturn, true
}
