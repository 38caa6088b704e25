package goleak

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A countedLoop is a loop component that runs a constant number of times:
// `for i := c; i < K; i++` (tested at the top) or `for range K` (lowered
// with the test at the bottom), with no exit but its condition.
type countedLoop struct {
	trips  int
	header *ssa.BasicBlock
	top    bool // the test is in the header: it runs once more than the body
}

// counted returns the counted loop that component id is, or nil. The
// loop must have one entry block, an induction variable that starts at a
// constant and only grows by one, a test against a constant as its only
// exit (edges to blocks that end the path, a panic, do not count), and no
// loop nested inside.
func (g *graph) counted(id int) *countedLoop {
	if g.countedOK == nil {
		g.countedOK = make(map[int]*countedLoop)
	}
	if l, ok := g.countedOK[id]; ok {
		return l
	}
	l := g.findCounted(id)
	g.countedOK[id] = l
	return l
}

func (g *graph) findCounted(id int) *countedLoop {
	if !g.cyclic[id] {
		return nil
	}
	h := g.entryOf(id)
	if h == nil || h.Index == 0 {
		return nil
	}
	var exit *ssa.BasicBlock
	for _, j := range g.members[id] {
		b := g.fn.Blocks[j]
		for _, s := range g.succs(b) {
			if g.scc[s.Index] == id || endsPath(g, s) {
				continue
			}
			if exit != nil && exit != b {
				return nil
			}
			exit = b
		}
	}
	if exit == nil {
		return nil
	}
	iff, ok := exit.Instrs[len(exit.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	cond, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cond.Op != token.LSS {
		return nil
	}
	k, ok := intConst(cond.Y)
	if !ok {
		return nil
	}
	// The exit must be the false branch of the test, the true branch stays.
	if g.scc[exit.Succs[0].Index] != id || g.scc[exit.Succs[1].Index] == id {
		return nil
	}
	for _, instr := range h.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		start, inc, ok := g.induction(id, phi)
		if !ok {
			continue
		}
		var top bool
		switch {
		case cond.X == phi && exit == h:
			top = true
		case cond.X == inc && !g.inBody(id, h, exit):
			// rotated: the test at the bottom, in the block that jumps back
		default:
			continue
		}
		trips := k - start
		if trips <= 0 || trips >= 1<<16 || !g.acyclicBody(id, h) {
			return nil
		}
		return &countedLoop{trips: int(trips), header: h, top: top}
	}
	return nil
}

// inBody reports whether block b of component id may be followed, within
// the same iteration, by other blocks (anything but a jump back to h).
func (g *graph) inBody(id int, h, b *ssa.BasicBlock) bool {
	for _, s := range g.succs(b) {
		if g.scc[s.Index] == id && s != h {
			return true
		}
	}
	return false
}

// induction reports whether phi, in the entry block of component id, starts
// at a constant on the edges from outside and is phi+1 on the edges from
// inside, and returns the start and the increment.
func (g *graph) induction(id int, phi *ssa.Phi) (start int64, inc *ssa.BinOp, ok bool) {
	h := phi.Block()
	startSet := false
	for i, p := range h.Preds {
		v := phi.Edges[i]
		if g.scc[p.Index] != id {
			c, ok := intConst(v)
			if !ok || (startSet && c != start) {
				return 0, nil, false
			}
			start, startSet = c, true
			continue
		}
		add, ok := v.(*ssa.BinOp)
		if !ok || add.Op != token.ADD || (inc != nil && inc != add) {
			return 0, nil, false
		}
		one, ok := intConst(add.Y)
		if add.X != phi || !ok || one != 1 {
			return 0, nil, false
		}
		inc = add
	}
	return start, inc, startSet && inc != nil
}

// acyclicBody reports whether component id has no cycle other than the one
// through its header h.
func (g *graph) acyclicBody(id int, h *ssa.BasicBlock) bool {
	state := make(map[*ssa.BasicBlock]int) // 1 visiting, 2 done
	var visit func(b *ssa.BasicBlock) bool
	visit = func(b *ssa.BasicBlock) bool {
		state[b] = 1
		for _, s := range g.succs(b) {
			if g.scc[s.Index] != id || s == h {
				continue
			}
			switch state[s] {
			case 1:
				return false
			case 0:
				if !visit(s) {
					return false
				}
			}
		}
		state[b] = 2
		return true
	}
	return visit(h)
}

// iteration returns the span of weight over one iteration of counted loop
// l in component id: the paths from its header back to it.
func (g *graph) iteration(id int, l *countedLoop, weight func(*ssa.BasicBlock) span) span {
	memo := make(map[*ssa.BasicBlock]span)
	var from func(b *ssa.BasicBlock) (span, bool)
	from = func(b *ssa.BasicBlock) (span, bool) {
		if s, ok := memo[b]; ok {
			return s, s.lo >= 0
		}
		w := weight(b)
		res, any := span{lo: many}, false
		for _, s := range g.succs(b) {
			switch {
			case s == l.header:
				res, any = span{min(res.lo, 0), max(res.hi, 0)}, true
			case g.scc[s.Index] == id:
				if sub, ok := from(s); ok {
					res, any = span{min(res.lo, sub.lo), max(res.hi, sub.hi)}, true
				}
			}
		}
		if !any {
			memo[b] = span{-1, -1}
			return span{}, false
		}
		out := span{plus(w.lo, res.lo), plus(w.hi, res.hi)}
		memo[b] = out
		return out, true
	}
	it, _ := from(l.header)
	hi := times(it.hi, l.trips)
	if it.lo != it.hi {
		// Some iterations skip it: the product may count iterations that
		// never happen, so the most is unknown.
		hi = many
	}
	total := span{times(it.lo, l.trips), hi}
	if l.top {
		hw := weight(l.header) // the last, failing test
		total = span{plus(total.lo, hw.lo), plus(total.hi, hw.hi)}
	}
	return total
}

// times multiplies a count, saturating at many.
func times(a, k int) int {
	if a == 0 || k == 0 {
		return 0
	}
	if a >= many || k >= many || a > many/k {
		return many
	}
	return a * k
}

// endsPath reports whether block b ends its path without returning: a
// panic, or a call that never returns.
func endsPath(g *graph, b *ssa.BasicBlock) bool {
	return len(g.succs(b)) == 0 && !isReturn(b)
}

// intConst returns the value of an integer constant.
func intConst(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil {
		return 0, false
	}
	if c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}
