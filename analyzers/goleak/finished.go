package goleak

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file finds the points of a creator after which the goroutine that
// sends on a channel has made all its sends: the goroutine announces its own
// end on a second channel, and the creator waits for that announcement.
//
//	done := make(chan struct{})
//	go func() {
//		defer close(done) // or close(done) right before it returns
//		for v := range src {
//			out <- v
//		}
//	}()
//	for {
//		select {
//		case v := <-out: use(v)
//		case <-done: return // the goroutine has finished: nothing is left unreceived
//		}
//	}
//
// A receive from done (plain, as a select case, or in a function of the
// package that returns only after receiving from it) can complete only
// after the goroutine closed or sent on it when
//   - the goroutine is started once (not in a loop), and it is the only
//     one that contributes sends on the channel;
//   - it closes or sends on done only where no use of the channel can
//     follow (deferred, or with no path from there to a use);
//   - nothing else closes or sends on done: every other use, in the
//     creator and in the functions it passes done to or starts with it,
//     is a receive.
//
// Anything else the values meet (a field, an interface, another closure, a
// call that may close them) leaves the goroutine unproven and the rule as
// it was.

// A join is where a creator learns that its sending goroutine finished:
// after an instruction, or along an edge (a select case).
type joins struct {
	at    map[ssa.Instruction]bool
	edges map[edgeKey]bool
}

// finishJoins returns the points of ch's creator after which the one
// goroutine that sends on ch has finished.
func (c *checker) finishJoins(ch *channel) joins {
	var out joins
	if ch.mc == nil || ch.origin != ch.mc {
		return out
	}
	var sender *event
	for _, e := range ch.gos {
		if contribution(e.sum) == 0 {
			continue
		}
		if sender != nil {
			return out // several goroutines: one's end says nothing of the others
		}
		sender = e
	}
	if sender == nil {
		return out
	}
	gi, ok := sender.instr.(*ssa.Go)
	if !ok || c.graphOf(ch.fn).inLoop(gi.Block()) {
		return out
	}
	fn := goFunc(gi)
	if fn == nil {
		return out
	}
	pairs := bindings(gi, fn)
	var chIn ssa.Value // the channel inside the goroutine's function
	for _, p := range pairs {
		if p.outer == ch.mc {
			if chIn != nil {
				return out
			}
			chIn = p.inner
		}
	}
	if chIn == nil {
		return out
	}
	for _, p := range pairs {
		other, ok := p.outer.(*ssa.MakeChan)
		if !ok || other == ch.mc || other.Parent() != ch.fn {
			continue
		}
		if !c.signalsAtEnd(fn, p.inner, chIn) {
			continue
		}
		if j, ok := c.waitsFor(ch.fn, other, gi); ok {
			return j
		}
	}
	return out
}

// A binding pairs a value of the creator (its root) with the parameter or
// free variable that receives it in the started function.
type binding struct{ outer, inner ssa.Value }

func bindings(gi *ssa.Go, fn *ssa.Function) []binding {
	var out []binding
	if mc, ok := gi.Call.Value.(*ssa.MakeClosure); ok {
		for i, b := range mc.Bindings {
			if i < len(fn.FreeVars) {
				out = append(out, binding{root(b), fn.FreeVars[i]})
			}
		}
	}
	for i, a := range gi.Call.Args {
		if i < len(fn.Params) {
			out = append(out, binding{root(a), fn.Params[i]})
		}
	}
	return out
}

// A use is what a function does with a channel value.
type useKind int

const (
	useRecv   useKind = iota + 1 // a receive, plain or a select case
	useSignal                    // a send or a close
	useFinal                     // a deferred close: runs as the function returns
	useCall                      // passed to a call of a function of the package
	useOther                     // anything else: the value escapes
)

type chanUse struct {
	kind  useKind
	instr ssa.Instruction
	state int // the select case, for a select
}

// usesOf lists what fn does with v (a parameter, free variable or make),
// following loads of variables holding it.
func usesOf(fn *ssa.Function, v ssa.Value) []chanUse {
	var out []chanUse
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var rands []*ssa.Value
			for _, op := range instr.Operands(rands) {
				if *op == nil || root(*op) != v {
					continue
				}
				out = append(out, classifyUse(instr, *op))
			}
		}
	}
	return out
}

func classifyUse(instr ssa.Instruction, op ssa.Value) chanUse {
	u := chanUse{kind: useOther, instr: instr}
	switch x := instr.(type) {
	case *ssa.DebugRef:
		u.kind = 0
	case *ssa.UnOp:
		switch x.Op {
		case token.MUL:
			u.kind = 0 // a load: its uses are seen through root
		case token.ARROW:
			u.kind = useRecv
		}
	case *ssa.ChangeType:
		u.kind = 0
	case *ssa.Store:
		if a, ok := x.Addr.(*ssa.Alloc); ok && x.Val == op && onlyStore(a) {
			u.kind = 0 // a local variable: its loads root here
		} else if x.Addr == op {
			u.kind = 0 // the variable itself, stored into
		}
	case *ssa.Send:
		if x.Chan == op && x.X != op {
			u.kind = useSignal
		}
	case *ssa.Select:
		for i, st := range x.States {
			if st.Send == op {
				return u
			}
			if st.Chan == op {
				u.state = i
				u.kind = useRecv
				if st.Dir != types.RecvOnly {
					u.kind = useSignal
				}
			}
		}
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok {
			switch b.Name() {
			case "close":
				u.kind = useSignal
			case "len", "cap":
				u.kind = 0
			}
		} else if x.Call.StaticCallee() != nil && x.Call.Value != op {
			u.kind = useCall
		}
	case *ssa.Defer:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "close" {
			u.kind = useFinal
		}
	case *ssa.MakeClosure:
		if deferredCloser(x, op) {
			u.kind = useFinal
		}
	}
	return u
}

// received records where the receive u has completed: after the
// instruction, or, for a select case, along the edges that take it.
func (u chanUse) received(at map[ssa.Instruction]bool, edges map[edgeKey]bool) {
	sel, ok := u.instr.(*ssa.Select)
	if !ok {
		at[u.instr] = true
		return
	}
	for k, idx := range selectCases(sel) {
		if idx == u.state {
			edges[k] = true
		}
	}
}

func onlyStore(a *ssa.Alloc) bool {
	n := 0
	for _, r := range refs(a) {
		if st, ok := r.(*ssa.Store); ok && st.Addr == a {
			n++
		}
	}
	return n == 1
}

// signalsAtEnd reports whether fn closes or sends on done only where no
// use of ch can follow, and does nothing else with done but receive.
func (c *checker) signalsAtEnd(fn *ssa.Function, done, ch ssa.Value) bool {
	var signals []ssa.Instruction
	final := false
	for _, u := range usesOf(fn, done) {
		switch u.kind {
		case 0, useRecv:
		case useSignal:
			signals = append(signals, u.instr)
		case useFinal:
			final = true
		default:
			return false
		}
	}
	if len(signals) == 0 && !final {
		return false
	}
	touch := make(map[ssa.Instruction]bool)
	for _, u := range usesOf(fn, ch) {
		if u.kind != 0 {
			touch[u.instr] = true
		}
	}
	for _, s := range signals {
		if runsAfter(s, func(b *ssa.BasicBlock) []*ssa.BasicBlock { return b.Succs }, func(i ssa.Instruction) bool { return touch[i] }) {
			return false
		}
	}
	return true
}

// waitsFor checks that the creator fn, and the functions it passes done
// to, only receive from done (besides handing it to the goroutine gi), and
// returns where a receive from done completes.
func (c *checker) waitsFor(fn *ssa.Function, done *ssa.MakeChan, gi *ssa.Go) (joins, bool) {
	j := joins{at: make(map[ssa.Instruction]bool), edges: make(map[edgeKey]bool)}
	for _, u := range usesOf(fn, done) {
		switch u.kind {
		case 0:
		case useRecv:
			u.received(j.at, j.edges)
		case useCall:
			call := u.instr.(*ssa.Call)
			callee := call.Call.StaticCallee()
			if callee == nil || callee.Pkg != fn.Pkg || len(callee.Blocks) == 0 {
				return j, false
			}
			recvs, ok := onlyReceives(callee, &call.Call, done)
			if !ok {
				return j, false
			}
			if recvs {
				j.at[u.instr] = true
			}
		default:
			if mc, ok := u.instr.(*ssa.MakeClosure); ok && gi.Call.Value == mc {
				continue
			}
			if u.instr == gi {
				continue
			}
			// Another goroutine that only waits on done as well.
			if g, ok := u.instr.(*ssa.Go); ok {
				if f, ok := g.Call.Value.(*ssa.Function); ok && f.Pkg == fn.Pkg && len(f.Blocks) > 0 {
					if _, ok := onlyReceives(f, &g.Call, done); ok {
						continue
					}
				}
			}
			return j, false
		}
	}
	return j, len(j.at)+len(j.edges) > 0
}

// onlyReceives checks that callee does nothing with the parameters bound
// to done but receive, and reports whether it returns only after a
// receive from one of them completed.
func onlyReceives(callee *ssa.Function, call *ssa.CallCommon, done ssa.Value) (mustRecv, ok bool) {
	var params []ssa.Value
	for i, a := range call.Args {
		if root(a) == done && i < len(callee.Params) {
			params = append(params, callee.Params[i])
		}
	}
	if len(params) != 1 {
		return false, false
	}
	p := params[0]
	recvAt := make(map[ssa.Instruction]bool)
	recvEdge := make(map[edgeKey]bool)
	for _, u := range usesOf(callee, p) {
		switch u.kind {
		case 0:
		case useRecv:
			u.received(recvAt, recvEdge)
		default:
			return false, false
		}
	}
	return returnsAfter(callee, recvAt, recvEdge), true
}

// returnsAfter reports whether every return of fn comes after one of the
// instructions in at, or after taking one of the edges: a must-analysis
// over fn's blocks.
func returnsAfter(fn *ssa.Function, at map[ssa.Instruction]bool, edges map[edgeKey]bool) bool {
	n := len(fn.Blocks)
	in := make([]bool, n)  // a receive has completed on every path into the block
	out := make([]bool, n) // ... out of it
	for i := range out {
		in[i], out[i] = true, true
	}
	in[0] = false
	blockOut := func(b *ssa.BasicBlock) bool {
		if in[b.Index] {
			return true
		}
		for _, instr := range b.Instrs {
			if at[instr] {
				return true
			}
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			v := b.Index != 0
			for _, p := range b.Preds {
				e := false
				for i, s := range p.Succs {
					if s == b && (out[p.Index] || edges[edgeKey{p, i}]) {
						e = true
					}
				}
				v = v && e
			}
			if len(b.Preds) == 0 && b.Index != 0 {
				v = true // unreachable
			}
			if v != in[b.Index] {
				in[b.Index], changed = v, true
			}
			if o := blockOut(b); o != out[b.Index] {
				out[b.Index], changed = o, true
			}
		}
	}
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); !ok {
			continue
		}
		seen := in[b.Index]
		for _, instr := range b.Instrs {
			if at[instr] {
				seen = true
			}
			if _, ok := instr.(*ssa.Return); ok && !seen {
				return false
			}
		}
	}
	return true
}

// deferredCloser reports whether mc, a closure capturing op, is only
// deferred (defer func() { close(done) }()) and does nothing with op but
// close it or receive from it: its close runs as the function returns.
func deferredCloser(mc *ssa.MakeClosure, op ssa.Value) bool {
	for _, r := range refs(mc) {
		if d, ok := r.(*ssa.Defer); !ok || d.Call.Value != mc {
			if !isDebug(r) {
				return false
			}
		}
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	closes := false
	for i, b := range mc.Bindings {
		if b != op || i >= len(fn.FreeVars) {
			continue
		}
		for _, u := range usesOf(fn, fn.FreeVars[i]) {
			switch u.kind {
			case 0, useRecv:
			case useSignal:
				closes = true
			default:
				return false
			}
		}
	}
	return closes
}
