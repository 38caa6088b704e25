package goleak

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A state is what the flow knows at one program point about one channel:
// how many goroutine operations are still waiting for a partner.
type state struct {
	dead    bool // the path cannot happen (a select case nobody can serve)
	forever bool // a goroutine waits until the channel is closed (range)
	closed  bool // the channel is closed on this path: receives return at once
	bal     int
	started int         // operations started by goroutines, none taken away
	goEv    *event      // the goroutine start that last added waiting operations
	sel     *ssa.Select // a select with a case on the channel that took another case
	selCase int
	once    uint64 // once groups (onceGroups) whose goroutine has started: the rest add only their OnceFree
}

// An edgeKey names the i-th successor edge of a block.
type edgeKey struct {
	b *ssa.BasicBlock
	i int
}

// A flow propagates states over the creator's control-flow graph.
type flow struct {
	g      *graph
	at     map[ssa.Instruction][]event
	apply  func(e *event, st *state)   // effect of an event
	edges  map[edgeKey]func(st *state) // effect of taking an edge
	result map[*ssa.Return]state       // states reaching returns
	in     map[*ssa.BasicBlock]*state  // states entering blocks
	visits map[*ssa.BasicBlock]int     // updates, for widening
}

func newFlow(g *graph, evs []event) *flow {
	f := &flow{
		g:      g,
		at:     make(map[ssa.Instruction][]event),
		edges:  make(map[edgeKey]func(*state)),
		result: make(map[*ssa.Return]state),
		in:     make(map[*ssa.BasicBlock]*state),
		visits: make(map[*ssa.BasicBlock]int),
	}
	for i := range evs {
		f.at[evs[i].instr] = append(f.at[evs[i].instr], evs[i])
	}
	return f
}

// addEdge composes an effect onto an edge.
func (f *flow) addEdge(k edgeKey, fx func(*state)) {
	if prev := f.edges[k]; prev != nil {
		f.edges[k] = func(st *state) { prev(st); fx(st) }
		return
	}
	f.edges[k] = fx
}

// solve runs the flow from the function's entry to a fixed point.
func (f *flow) solve() {
	entry := f.g.fn.Blocks[0]
	f.in[entry] = &state{}
	work := []*ssa.BasicBlock{entry}
	queued := map[*ssa.BasicBlock]bool{entry: true}
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		queued[b] = false
		st := *f.in[b]
		for _, instr := range b.Instrs {
			for i := range f.at[instr] {
				f.apply(&f.at[instr][i], &st)
			}
			if ret, ok := instr.(*ssa.Return); ok && !f.g.dead[b.Index] {
				if prev, ok := f.result[ret]; !ok || st.bal > prev.bal || st.forever && !prev.forever {
					f.result[ret] = st
				}
			}
		}
		for i, s := range f.g.succs(b) {
			if infeasible(b, i) {
				continue
			}
			nst := st
			if fx := f.edges[edgeKey{b, i}]; fx != nil {
				fx(&nst)
			}
			if nst.dead {
				continue
			}
			old := f.in[s]
			switch {
			case old == nil:
			case nst.bal > old.bal || nst.forever && !old.forever:
				f.visits[s]++
				if f.visits[s] > 3 {
					nst.bal, nst.started = many, many
				}
			default:
				continue
			}
			f.in[s] = &nst
			if !queued[s] {
				queued[s] = true
				work = append(work, s)
			}
		}
	}
}

// selectCases maps the edges that a lowered select takes for each of its
// cases to the case index: SSA tests `index == k` in a chain of ifs.
func selectCases(sel *ssa.Select) map[edgeKey]int {
	out := make(map[edgeKey]int)
	for _, r := range *sel.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 0 {
			continue
		}
		for _, r2 := range *ex.Referrers() {
			cmp, ok := r2.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL {
				continue
			}
			k, ok := cmp.Y.(*ssa.Const)
			if !ok || k.Value == nil {
				continue
			}
			for _, r3 := range *cmp.Referrers() {
				if iff, ok := r3.(*ssa.If); ok {
					out[edgeKey{iff.Block(), 0}] = int(k.Int64())
				}
			}
		}
	}
	return out
}

// okExits returns the edges that leave a receive loop because the channel
// was closed: the branch on ok of `v, ok := <-ch` (how range is lowered).
func okExits(g *graph, recv *ssa.UnOp) []edgeKey {
	var out []edgeKey
	for _, r := range *recv.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 1 {
			continue
		}
		conds := []ssa.Value{ex}
		for _, r2 := range *ex.Referrers() {
			if not, ok := r2.(*ssa.UnOp); ok && not.Op == token.NOT {
				conds = append(conds, not)
			}
		}
		for _, c := range conds {
			for _, r3 := range *c.Referrers() {
				iff, ok := r3.(*ssa.If)
				if !ok {
					continue
				}
				b := iff.Block()
				l := g.innermost(b)
				for i, s := range b.Succs {
					if l != nil && !l.has(s) {
						out = append(out, edgeKey{b, i})
					}
				}
			}
		}
	}
	return out
}

// loopExits returns the edges that leave loop l.
func loopExits(g *graph, l *loop) []edgeKey {
	var out []edgeKey
	for _, b := range g.fn.Blocks {
		if !l.blocks[b] {
			continue
		}
		for i, s := range g.succs(b) {
			if !l.blocks[s] {
				out = append(out, edgeKey{b, i})
			}
		}
	}
	return out
}

// normalExits returns the exits of loop l that are taken because the
// loop's own condition failed: not a select case, and not a branch on a
// value just received (if err := <-errc; err != nil { return }).
func normalExits(g *graph, l *loop, received map[ssa.Value]bool) []edgeKey {
	var out []edgeKey
	for _, k := range loopExits(g, l) {
		if selectBranch(k.b) {
			continue
		}
		iff, ok := k.b.Instrs[len(k.b.Instrs)-1].(*ssa.If)
		if ok && dependsOn(iff.Cond, received, 8) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// dependsOn reports whether v is computed from one of the values in set.
func dependsOn(v ssa.Value, set map[ssa.Value]bool, depth int) bool {
	if set[v] {
		return true
	}
	if depth == 0 {
		return false
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	if _, isPhi := v.(*ssa.Phi); isPhi {
		return false
	}
	for _, op := range instr.Operands(nil) {
		if op != nil && *op != nil && dependsOn(*op, set, depth-1) {
			return true
		}
	}
	return false
}

// selectBranch reports whether b ends in a branch on which case of a select
// was taken: leaving a loop that way is not the loop's condition failing.
func selectBranch(b *ssa.BasicBlock) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	ex, ok := cmp.X.(*ssa.Extract)
	if !ok {
		return false
	}
	_, ok = ex.Tuple.(*ssa.Select)
	return ok
}

// infeasible reports whether successor i of b is never taken because b
// branches on a constant condition (the `0 < K` test before a range over a
// constant K).
func infeasible(b *ssa.BasicBlock, i int) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	var val constant.Value
	switch c := iff.Cond.(type) {
	case *ssa.Const:
		val = c.Value
	case *ssa.BinOp:
		x, ok1 := c.X.(*ssa.Const)
		y, ok2 := c.Y.(*ssa.Const)
		if !ok1 || !ok2 || x.Value == nil || y.Value == nil {
			return false
		}
		switch c.Op {
		case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
			if x.Value.Kind() != y.Value.Kind() {
				return false
			}
			val = constant.MakeBool(constant.Compare(x.Value, c.Op, y.Value))
		}
	}
	if val == nil || val.Kind() != constant.Bool {
		return false
	}
	taken := 1
	if constant.BoolVal(val) {
		taken = 0
	}
	return i != taken
}

// preTests returns the edges that skip loop l altogether from the test in
// front of a rotated loop (`for range n` is lowered as `if 0 < n` followed
// by the body): the branch that goes where the loop's normal exits go while
// the other branch enters the loop.
func preTests(g *graph, l *loop, exits []edgeKey) []edgeKey {
	done := make(map[*ssa.BasicBlock]bool)
	for _, k := range exits {
		done[k.b.Succs[k.i]] = true
	}
	var out []edgeKey
	for _, p := range l.header.Preds {
		if l.blocks[p] || len(p.Succs) != 2 {
			continue
		}
		for i, s := range p.Succs {
			if done[s] && p.Succs[1-i] == l.header {
				out = append(out, edgeKey{p, i})
			}
		}
	}
	return out
}
