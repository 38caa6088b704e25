package goleak

import (
	"fmt"
	"go/token"
	"slices"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// This file holds the WaitGroup case of lock-held-wait: a goroutine waits
// on a WaitGroup while it holds a mutex that a goroutine counted by that
// WaitGroup must lock before it can call Done.
//
//	p.mu.Lock()
//	defer p.mu.Unlock()
//	for _, j := range jobs {
//		wg.Add(1)
//		go func() { defer wg.Done(); p.record(j) }() // record locks p.mu
//	}
//	wg.Wait() // never returns: record waits for p.mu
//
// The goroutine is started by a go statement (or WaitGroup.Go) of the
// waiting function, before the Wait on every path to it; its function is
// handed the WaitGroup and the mutex (as arguments or captured values), so
// that both are the waiter's own, and it uses the WaitGroup only to call
// Done (deferred or not: WaitGroup.Go calls it when the function returns).
// The goroutine must lock the mutex on every path to every Done, itself or
// through a callee that locks it on every path (a LockFact for other
// packages). A try-lock, a lock under a condition or after the Done, a
// mutex reached from another value (another instance of the type), or a
// WaitGroup handed anywhere else keep it silent.

// A wgPartner is a goroutine that must lock the mutexes of locks before
// its Done; keys are the waiter's.
type wgPartner struct {
	start token.Pos // the go statement or WaitGroup.Go call
	instr ssa.Instruction
	locks map[lockKey]lockEffect
}

// waitUnderLock reports, in the solved flow f, the WaitGroup waits made
// while holding a mutex that a partner goroutine must lock first.
func (lc *lockChecker) waitUnderLock(f *lockFlow) {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			cc := call.Common()
			if k, ok := lc.joiners.Lookup(apis.SSACallee(cc)); !ok || k != apis.JoinWait || cc.IsInvoke() || len(cc.Args) != 1 || !isWaitGroup(cc.Args[0].Type()) {
				continue
			}
			wg, wgName, _, ok := lc.keyOf(cc.Args[0])
			if !ok {
				continue
			}
			if text := lc.recvText(call.Pos()); text != "" {
				wgName = text
			}
			st := f.stateBefore(call)
			if st == nil || len(st.must) == 0 {
				continue
			}
			lc.waitHeldBy(f, call, wgName, st, lc.wgPartners(f, wg, call))
		}
	}
}

// waitHeldBy reports wait when a partner must lock a mutex held there.
func (lc *lockChecker) waitHeldBy(f *lockFlow, wait *ssa.Call, wgName string, st *lockState, partners []wgPartner) {
	keys := make([]lockKey, 0, len(st.must))
	for k := range st.must {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return st.must[keys[i]].pos < st.must[keys[j]].pos })
	for _, p := range partners {
		for _, k := range keys {
			h := st.must[k]
			e, ok := p.locks[k]
			if !ok || f.poison[k] || (h.mode == modeRead && e.mode == modeRead) || lc.report.Reported(wait.Pos()) {
				continue
			}
			how, at := lc.partnerLock(e, h.name)
			lc.report.Report(analysis.Diagnostic{
				Pos:      wait.Pos(),
				Category: "lock-held-wait",
				Message: fmt.Sprintf("%s.Wait() blocks forever while %s is held (locked at line %d): the goroutine started at line %d %s before it calls %s.Done(), and cannot get it while this goroutine waits; release %s before waiting",
					wgName, h.name, lc.line(h.pos), lc.line(p.start), how, wgName, h.name),
				Related: []analysis.RelatedInformation{
					{Pos: h.pos, Message: h.name + " is locked here"},
					{Pos: at, Message: "the goroutine needs " + h.name + " here before its Done"},
				},
			})
			return
		}
	}
}

// partnerLock says how a partner goroutine locks mutex name (e): at a
// line, or through a call; and where.
func (lc *lockChecker) partnerLock(e lockEffect, name string) (string, token.Pos) {
	if e.via == "" {
		return fmt.Sprintf("locks %s at line %d", name, lc.line(e.pos)), e.pos
	}
	how := fmt.Sprintf("calls %s at line %d, which locks %s", e.via, lc.line(e.viaPos), name)
	if e.at != "" {
		how += " at " + e.at
	}
	return how, e.viaPos
}

// wgPartners returns the goroutines that f's function starts before wait
// on every path to it, that are counted by WaitGroup wg, with the
// mutexes each must lock before its Done.
func (lc *lockChecker) wgPartners(f *lockFlow, wg lockKey, wait *ssa.Call) []wgPartner {
	var out []wgPartner
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			var cc *ssa.CallCommon
			var locks []lockEffect
			switch x := instr.(type) {
			case *ssa.Go:
				cc = x.Common()
				g := cc.StaticCallee()
				if g == nil || len(g.Blocks) == 0 || g.Pkg != lc.ssaPkg {
					continue
				}
				wv := lc.boundTo(cc, g, wg)
				if wv == nil {
					continue
				}
				var ok bool
				if locks, ok = lc.lockedBeforeDone(g, wv); !ok {
					continue
				}
			case *ssa.Call:
				// wg.Go(fn): Done when fn returns.
				c := x.Common()
				if apis.FullName(apis.SSACallee(c)) != "(*sync.WaitGroup).Go" || len(c.Args) != 2 {
					continue
				}
				if k, _, _, ok := lc.keyOf(c.Args[0]); !ok || k != wg {
					continue
				}
				cc = &ssa.CallCommon{Value: c.Args[1]}
				g := cc.StaticCallee()
				if g == nil || len(g.Blocks) == 0 || g.Pkg != lc.ssaPkg {
					continue
				}
				locks = lc.summary(g).acquires
			default:
				continue
			}
			if len(locks) == 0 || !startedBefore(f.g, instr, wait) {
				continue
			}
			p := wgPartner{start: instr.Pos(), instr: instr, locks: make(map[lockKey]lockEffect)}
			for _, e := range locks {
				if k, _, ok := f.translate(cc, cc.StaticCallee(), e); ok {
					p.locks[k] = e
				}
			}
			out = append(out, p)
		}
	}
	return out
}

// boundTo returns the parameter or free variable of g, started by cc,
// that is the WaitGroup wg of the caller, or nil.
func (lc *lockChecker) boundTo(cc *ssa.CallCommon, g *ssa.Function, wg lockKey) ssa.Value {
	for i, a := range cc.Args {
		if k, _, _, ok := lc.keyOf(a); ok && k == wg && i < len(g.Params) {
			return g.Params[i]
		}
	}
	if mc, ok := cc.Value.(*ssa.MakeClosure); ok {
		for i, v := range mc.Bindings {
			if k, _, _, ok := lc.keyOf(v); ok && k == wg && i < len(g.FreeVars) {
				return g.FreeVars[i]
			}
		}
	}
	return nil
}

// lockedBeforeDone returns the mutexes, as summary items of g, that g
// locks on every path to each of its Done calls on wv (to every return for
// a deferred Done). It fails when g uses wv other than to call Done, or
// never calls it.
func (lc *lockChecker) lockedBeforeDone(g *ssa.Function, wv ssa.Value) ([]lockEffect, bool) {
	var dones []*ssa.Call
	deferred := false
	for _, r := range refs(wv) {
		if isDebug(r) {
			continue
		}
		call, ok := r.(ssa.CallInstruction)
		if !ok || len(call.Common().Args) != 1 || call.Common().Args[0] != wv || apis.FullName(apis.SSACallee(call.Common())) != "(*sync.WaitGroup).Done" {
			return nil, false
		}
		switch c := call.(type) {
		case *ssa.Call:
			dones = append(dones, c)
		case *ssa.Defer:
			deferred = true
		default:
			return nil, false
		}
	}
	if len(dones) == 0 && !deferred {
		return nil, false
	}
	points := make([]ssa.Instruction, len(dones))
	for i, d := range dones {
		points[i] = d
	}
	return lc.lockedAt(g, points, deferred)
}

// lockedAt returns the mutexes, as summary items of g, that g locks on
// every path to each of points, and to every return when atReturn is set
// (for deferred operations).
func (lc *lockChecker) lockedAt(g *ssa.Function, points []ssa.Instruction, atReturn bool) ([]lockEffect, bool) {
	var sets [][]lockEffect
	if atReturn {
		sets = append(sets, lc.summary(g).acquires)
	}
	if len(points) > 0 {
		gf := lc.newFlow(g)
		gf.solve(g.Blocks[0], newLockState(), nil)
		for _, p := range points {
			st := gf.stateBefore(p)
			if st == nil {
				continue // never reached
			}
			acq := make(map[lockKey]lockEffect)
			for k, e := range st.acq {
				if !gf.poison[k] {
					acq[k] = e
				}
			}
			sets = append(sets, lc.relative(g, acq))
		}
	}
	if len(sets) == 0 {
		return nil, false
	}
	id := func(e lockEffect) string { return fmt.Sprintf("%d|%s|%s", e.param, e.global, e.path) }
	out := slices.Clone(sets[0])
	for _, s := range sets[1:] {
		in := make(map[string]bool, len(s))
		for _, e := range s {
			in[id(e)] = true
		}
		out = slices.DeleteFunc(out, func(e lockEffect) bool { return !in[id(e)] })
	}
	return out, true
}

// startedBefore reports whether start runs before wait on every path to
// it: its block dominates wait's (earlier in the same block), or it is in
// a loop whose header dominates wait, which is outside the loop, and runs
// on every iteration.
func startedBefore(g *graph, start, wait ssa.Instruction) bool {
	sb, wb := start.Block(), wait.Block()
	if sb == wb {
		for _, x := range sb.Instrs {
			if x == start {
				return true
			}
			if x == wait {
				return false
			}
		}
	}
	if sb.Dominates(wb) {
		return true
	}
	l := g.innermost(sb)
	return l != nil && !l.has(wb) && l.header.Dominates(wb) && everyIteration(l, sb)
}
