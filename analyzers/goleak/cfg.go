package goleak

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// many stands for an unbounded number of operations (a loop).
const many = 1 << 30

// plus adds counts, saturating at many.
func plus(a, b int) int {
	if a >= many || b >= many || a+b >= many {
		return many
	}
	return a + b
}

// minus subtracts b from a, never below zero; many stays many.
func minus(a, b int) int {
	if a >= many {
		return many
	}
	if b >= a {
		return 0
	}
	return a - b
}

// A graph is the control-flow graph of one function, condensed into strongly
// connected components, with the blocks that end the path (a call that does
// not return, a test failure) cut off.
type graph struct {
	fn        *ssa.Function
	nest      []*loop // natural loops, computed on demand
	nestOK    bool
	countedOK map[int]*countedLoop // component -> its counted loop, nil when it is none
	dead      []bool               // block index -> the block ends its path (no successors)
	closedNot []bool               // block index -> its If tests that a never-closed channel is closed
	scc       []int                // block index -> component, -1 when unreachable
	cyclic    []bool               // component -> it contains a cycle
	order     []int                // components in topological order (entry first)
	members   [][]int              // component -> block indexes
}

// succs returns the successors of block b, none for a dead block.
func (g *graph) succs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if g.dead[b.Index] {
		return nil
	}
	if g.closedNot[b.Index] {
		return b.Succs[:1] // the channel is never closed: ok is true
	}
	return b.Succs
}

// inLoop reports whether block b lies on a cycle.
func (g *graph) inLoop(b *ssa.BasicBlock) bool {
	c := g.scc[b.Index]
	return c >= 0 && g.cyclic[c]
}

// returns reports whether any block ending in a return is reachable.
func (g *graph) returns() bool {
	for _, b := range g.fn.Blocks {
		if g.scc[b.Index] >= 0 && !g.dead[b.Index] && isReturn(b) {
			return true
		}
	}
	return false
}

func isReturn(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	return ok
}

// graphOf builds (and caches) the graph of fn.
func (c *checker) graphOf(fn *ssa.Function) *graph {
	if g, ok := c.graphs[fn]; ok {
		return g
	}
	n := len(fn.Blocks)
	g := &graph{fn: fn, dead: make([]bool, n), closedNot: make([]bool, n), scc: make([]int, n)}
	for _, b := range fn.Blocks {
		g.scc[b.Index] = -1
		g.closedNot[b.Index] = c.testsNeverClosed(b)
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && c.endsPath(call.Common()) {
				g.dead[b.Index] = true
				break
			}
		}
	}
	if n > 0 {
		g.tarjan()
	}
	c.graphs[fn] = g
	return g
}

// endsPath reports whether a call never returns or fails the test.
func (c *checker) endsPath(cc *ssa.CallCommon) bool {
	fn := apis.SSACallee(cc)
	if _, ok := c.pathEnds.Lookup(fn); ok {
		return true
	}
	return fn != nil && fn.Pkg() != nil && apis.PathMatches(fn.Pkg().Path(), apis.PathEndPkgs)
}

// tarjan computes the components reachable from the entry block.
func (g *graph) tarjan() {
	n := len(g.fn.Blocks)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	next := 0
	var comps [][]int
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		i := b.Index
		index[i], low[i] = next, next
		next++
		stack = append(stack, i)
		onStack[i] = true
		for _, s := range g.succs(b) {
			j := s.Index
			if index[j] < 0 {
				visit(s)
				low[i] = min(low[i], low[j])
			} else if onStack[j] {
				low[i] = min(low[i], index[j])
			}
		}
		if low[i] == index[i] {
			var comp []int
			for {
				j := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[j] = false
				comp = append(comp, j)
				if j == i {
					break
				}
			}
			comps = append(comps, comp)
		}
	}
	visit(g.fn.Blocks[0])
	// Tarjan emits components in reverse topological order.
	for k := len(comps) - 1; k >= 0; k-- {
		id := len(g.members)
		g.members = append(g.members, comps[k])
		g.order = append(g.order, id)
		cyc := len(comps[k]) > 1
		for _, j := range comps[k] {
			g.scc[j] = id
			for _, s := range g.succs(g.fn.Blocks[j]) {
				if s.Index == j {
					cyc = true
				}
			}
		}
		g.cyclic = append(g.cyclic, cyc)
	}
}

// span is the least and greatest number of times something happens on the
// paths from a function's entry to its returns.
type span struct{ lo, hi int }

// paths computes the span of a per-block count over the paths from entry to
// a return (or into a loop that never exits). A loop that counts anything
// counts many at most and zero at least. ok is false when no path ends.
func (g *graph) paths(weight func(b *ssa.BasicBlock) span) (span, bool) {
	nc := len(g.members)
	if nc == 0 {
		return span{}, false
	}
	in := make([]span, nc)
	reached := make([]bool, nc)
	reached[g.scc[0]] = true
	res, ok := span{lo: many}, false
	for _, id := range g.order {
		if !reached[id] {
			continue
		}
		var w span
		if l := g.counted(id); l != nil {
			w = g.iteration(id, l, weight)
		} else if g.cyclic[id] {
			for _, j := range g.members[id] {
				if weight(g.fn.Blocks[j]).hi > 0 {
					w.hi = many
				}
			}
			if h := g.entryOf(id); h != nil {
				w.lo = weight(h).lo // the one entry block runs whenever the loop is entered
			}
		} else {
			w = weight(g.fn.Blocks[g.members[id][0]])
		}
		out := span{plus(in[id].lo, w.lo), plus(in[id].hi, w.hi)}
		exits := false
		for _, j := range g.members[id] {
			b := g.fn.Blocks[j]
			if !g.dead[j] && isReturn(b) {
				res.lo, res.hi, ok = min(res.lo, out.lo), max(res.hi, out.hi), true
			}
			for i, s := range g.succs(b) {
				t := g.scc[s.Index]
				if t == id || infeasible(b, i) {
					continue
				}
				exits = true
				if !reached[t] {
					reached[t], in[t] = true, out
				} else {
					in[t] = span{min(in[t].lo, out.lo), max(in[t].hi, out.hi)}
				}
			}
		}
		if g.cyclic[id] && !exits {
			res.lo, res.hi, ok = min(res.lo, out.lo), max(res.hi, out.hi), true
		}
	}
	return res, ok
}

// isChan reports whether t is a channel type.
func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == apis.ContextPkg && obj.Name() == "Context"
}

// A loop is a natural loop: the blocks that reach a back edge to header
// without passing through it.
type loop struct {
	header *ssa.BasicBlock
	blocks map[*ssa.BasicBlock]bool
}

func (l *loop) has(b *ssa.BasicBlock) bool { return l != nil && l.blocks[b] }

// loops returns the natural loops of the function (one per header).
func (g *graph) loops() []*loop {
	if g.nestOK {
		return g.nest
	}
	g.nestOK = true
	byHeader := make(map[*ssa.BasicBlock]*loop)
	for _, u := range g.fn.Blocks {
		if g.scc[u.Index] < 0 {
			continue
		}
		for _, h := range g.succs(u) {
			if !h.Dominates(u) {
				continue
			}
			l := byHeader[h]
			if l == nil {
				l = &loop{header: h, blocks: map[*ssa.BasicBlock]bool{h: true}}
				byHeader[h] = l
				g.nest = append(g.nest, l)
			}
			work := []*ssa.BasicBlock{u}
			for len(work) > 0 {
				b := work[len(work)-1]
				work = work[:len(work)-1]
				if l.blocks[b] {
					continue
				}
				l.blocks[b] = true
				for _, p := range b.Preds {
					if g.scc[p.Index] >= 0 {
						work = append(work, p)
					}
				}
			}
		}
	}
	return g.nest
}

// innermost returns the smallest natural loop holding b, or nil.
func (g *graph) innermost(b *ssa.BasicBlock) *loop {
	var best *loop
	for _, l := range g.loops() {
		if l.blocks[b] && (best == nil || len(l.blocks) < len(best.blocks)) {
			best = l
		}
	}
	return best
}

// entryOf returns the one block of component id entered from outside it,
// or nil when there are several (or none: the function's entry loops).
func (g *graph) entryOf(id int) *ssa.BasicBlock {
	var entry *ssa.BasicBlock
	for _, j := range g.members[id] {
		b := g.fn.Blocks[j]
		outside := j == 0
		for _, p := range b.Preds {
			if g.scc[p.Index] != id {
				outside = true
			}
		}
		if outside {
			if entry != nil {
				return nil
			}
			entry = b
		}
	}
	return entry
}

// testsNeverClosed reports whether b ends in an If on the ok of a receive
// from a channel that nothing closes: the C of a timer or ticker made by
// the time package (time.Tick, time.NewTicker(d).C, time.NewTimer(d).C;
// Stop does not close it). A range over such a channel ends only by a
// return or break inside it.
func (c *checker) testsNeverClosed(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	ex, ok := iff.Cond.(*ssa.Extract)
	if !ok || ex.Index != 1 {
		return false
	}
	recv, ok := ex.Tuple.(*ssa.UnOp)
	if !ok || recv.Op != token.ARROW || !recv.CommaOk {
		return false
	}
	return c.timerChan(recv.X, 0)
}

// timerChan reports whether v is a channel made by the time package for a
// timer or ticker.
func (c *checker) timerChan(v ssa.Value, depth int) bool {
	if depth > 3 {
		return false
	}
	switch x := v.(type) {
	case *ssa.ChangeType:
		return c.timerChan(x.X, depth+1)
	case *ssa.Call:
		k, ok := c.timers.Lookup(apis.SSACallee(x.Common()))
		return ok && k == apis.TimerTick
	case *ssa.UnOp:
		fa, ok := x.X.(*ssa.FieldAddr)
		if !ok || x.Op != token.MUL {
			return false
		}
		call, ok := fa.X.(*ssa.Call)
		if !ok {
			return false
		}
		k, ok := c.timers.Lookup(apis.SSACallee(call.Common()))
		st, isStruct := pointee(fa.X.Type()).Underlying().(*types.Struct)
		return ok && k == apis.TimerStopper && isStruct && st.Field(fa.Field).Name() == "C"
	}
	return false
}

// runsAfter reports whether an instruction for which hit holds can run
// after s: later in its block, or in a block that succs reaches from it.
func runsAfter(s ssa.Instruction, succs func(*ssa.BasicBlock) []*ssa.BasicBlock, hit func(ssa.Instruction) bool) bool {
	b := s.Block()
	after := false
	for _, instr := range b.Instrs {
		if after && hit(instr) {
			return true
		}
		after = after || instr == s
	}
	seen := make(map[*ssa.BasicBlock]bool)
	work := append([]*ssa.BasicBlock(nil), succs(b)...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		for _, instr := range x.Instrs {
			if hit(instr) {
				return true
			}
		}
		work = append(work, succs(x)...)
	}
	return false
}

// reachingBlocks returns the blocks from which one of targets can be
// reached, targets included.
func reachingBlocks(targets []*ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	reach := make(map[*ssa.BasicBlock]bool, len(targets))
	work := make([]*ssa.BasicBlock, 0, len(targets))
	for _, b := range targets {
		if !reach[b] {
			reach[b] = true
			work = append(work, b)
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range b.Preds {
			if !reach[p] {
				reach[p] = true
				work = append(work, p)
			}
		}
	}
	return reach
}
