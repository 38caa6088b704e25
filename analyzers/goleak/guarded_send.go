package goleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A guarded send and a plain one. A goroutine that sends on a channel in a
// select that also waits for a cancellation signal (select { case out <- v:
// case <-ctx.Done(): return }) says that the receiver may stop receiving
// when that signal fires; a plain send on the same channel elsewhere in the
// goroutine (out <- errResult on an error path) then blocks forever.

// unguardedSend reports the plain sends of the goroutine that g starts on a
// channel on which the same goroutine also sends in a blocking select with
// a receive case on a done channel (a receivable chan struct{}, as
// ctx.Done() returns). The channel must be made with a constant buffer in
// sight of g (captured by the function literal, or an argument of a
// function of this package); a send counts as plain when it is a send
// statement or the only case of a select.
//
// The receiver may leave before it takes the k-th value, where k is the
// fewest sends on the channel before the guarded select on any path; a
// plain send is reported when some path reaches it with at least k+buffer
// sends before it (a plain send that always comes before any guarded one,
// out <- header before the guarded loop, is not). When every use of the
// channel is in sight, the rule also needs a receiver that can stop: a
// receive in a select with other cases, or a range loop with another exit.
//
// It ignores sends in functions the goroutine calls or in nested function
// literals, selects with a default or with other cases that are not a done
// channel, channels made with a size that is not a constant, and variables
// assigned more than once.
func (c *checker) unguardedSend(fn *ssa.Function, g *ssa.Go) {
	gfn, binds := goBindings(g, c.ssaPkg)
	if gfn == nil || recovers(gfn) {
		return
	}
	inners := make([]ssa.Value, 0, len(binds))
	for inner := range binds {
		inners = append(inners, inner)
	}
	sort.Slice(inners, func(i, j int) bool { return inners[i].Pos() < inners[j].Pos() })
	for _, inner := range inners {
		mc, ok := root(binds[inner]).(*ssa.MakeChan)
		if !ok || !soleChanValue(inner) {
			continue
		}
		k, ok := mc.Size.(*ssa.Const)
		if !ok || k.Value == nil {
			continue
		}
		c.mixedSends(fn, g, gfn, inner, mc, int(k.Int64()))
	}
}

// goBindings returns the function that g runs and, for each of its free
// variables and parameters, the value g binds to it; nil for a function
// without a body in this package or a dynamic call.
func goBindings(g *ssa.Go, pkg *ssa.Package) (*ssa.Function, map[ssa.Value]ssa.Value) {
	if g.Call.IsInvoke() {
		return nil, nil
	}
	out := make(map[ssa.Value]ssa.Value)
	var fn *ssa.Function
	switch v := g.Call.Value.(type) {
	case *ssa.MakeClosure:
		fn = v.Fn.(*ssa.Function)
		for i, b := range v.Bindings {
			out[fn.FreeVars[i]] = b
		}
	case *ssa.Function:
		fn = v
	default:
		return nil, nil
	}
	if fn.Pkg != pkg || len(fn.Blocks) == 0 || len(g.Call.Args) != len(fn.Params) {
		return nil, nil
	}
	for i, a := range g.Call.Args {
		out[fn.Params[i]] = a
	}
	return fn, out
}

// soleChanValue reports whether v, a parameter or free variable of its
// function, holds a channel that the function never replaces: a channel
// parameter, or a captured channel variable that the function only loads.
func soleChanValue(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Parameter:
		return isChan(v.Type())
	case *ssa.FreeVar:
		if !isChan(pointee(v.Type())) {
			return false
		}
		for _, r := range refs(v) {
			if u, ok := r.(*ssa.UnOp); !ok || u.Op != token.MUL {
				if !isDebug(r) {
					return false
				}
			}
		}
		return true
	}
	return false
}

// A chanSend is one send on the channel in the goroutine's function.
type chanSend struct {
	instr ssa.Instruction
	pos   token.Pos
	guard int // for a guarded select: the index of its done case; -1 otherwise
	plain bool
}

// mixedSends checks the sends of gfn on the channel held by ch, made by mc
// with buffer buf, for the goroutine g that fn starts.
func (c *checker) mixedSends(fn *ssa.Function, g *ssa.Go, gfn *ssa.Function, ch ssa.Value, mc *ssa.MakeChan, buf int) {
	var sends []chanSend
	for _, b := range gfn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				if root(x.Chan) == ch {
					sends = append(sends, chanSend{instr: x, pos: x.Pos(), guard: -1, plain: true})
				}
			case *ssa.Select:
				if s, ok := selectSend(x, ch); ok {
					sends = append(sends, s)
				}
			}
		}
	}
	gr := c.graphOf(gfn)
	isSend := make(map[ssa.Instruction]bool)
	for _, s := range sends {
		isSend[s.instr] = true
	}
	lo, hi := sendOrdinals(gr, isSend)
	var guard *chanSend
	first := many
	for i := range sends {
		s := &sends[i]
		if s.guard >= 0 && gr.scc[s.instr.Block().Index] >= 0 && lo[s.instr] < first {
			guard, first = s, lo[s.instr]
		}
	}
	if guard == nil {
		return
	}
	if leaves, inSight := c.receiverMayLeave(mc, g); !leaves || !inSight && !doneCaseEnds(gfn, guard, isSend) {
		return
	}
	for _, s := range sends {
		if !s.plain || gr.scc[s.instr.Block().Index] < 0 || hi[s.instr] < plus(first, buf) {
			continue
		}
		c.reportUnguarded(gfn, g, s, guard, mc)
	}
}

// selectSend describes a blocking select with a send case on ch: plain when
// that is its only case, guarded when another case receives from a done
// channel. ok is false for other selects.
func selectSend(sel *ssa.Select, ch ssa.Value) (chanSend, bool) {
	at := -1
	for i, st := range sel.States {
		if st.Dir == types.SendOnly && root(st.Chan) == ch {
			at = i
		}
	}
	if at < 0 {
		return chanSend{}, false
	}
	s := chanSend{instr: sel, pos: sel.States[at].Pos, guard: -1}
	if !sel.Blocking {
		return s, true // counted, never reported nor evidence
	}
	if len(sel.States) == 1 {
		s.plain = true
		return s, true
	}
	for i, st := range sel.States {
		if i != at && st.Dir == types.RecvOnly && isDoneChan(st.Chan.Type()) {
			s.guard = i
		}
	}
	return s, true
}

// sendOrdinals returns, for every send instruction of g's function, the
// fewest (lo) and the most (hi) sends that the paths from the entry make
// before it; hi is many when a loop that sends can run before it.
func sendOrdinals(g *graph, isSend map[ssa.Instruction]bool) (lo, hi map[ssa.Instruction]int) {
	fn := g.fn
	weight := func(b *ssa.BasicBlock) int {
		n := 0
		for _, instr := range b.Instrs {
			if isSend[instr] {
				n++
			}
		}
		return n
	}
	// Fewest: shortest paths, the weights being non-negative.
	in := make([]int, len(fn.Blocks))
	for i := range in {
		in[i] = many
	}
	in[0] = 0
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			if in[b.Index] >= many {
				continue
			}
			out := plus(in[b.Index], weight(b))
			for i, s := range g.succs(b) {
				if !infeasible(b, i) && out < in[s.Index] {
					in[s.Index], changed = out, true
				}
			}
		}
	}
	// Most: over the components in topological order.
	compIn := make([]int, len(g.members))
	blockIn := make([]int, len(fn.Blocks))
	for _, id := range g.order {
		w, sends := 0, false
		for _, j := range g.members[id] {
			n := weight(fn.Blocks[j])
			w, sends = plus(w, n), sends || n > 0
		}
		at, out := compIn[id], plus(compIn[id], w)
		if g.cyclic[id] && sends {
			at, out = many, many
		}
		for _, j := range g.members[id] {
			blockIn[j] = at
			b := fn.Blocks[j]
			for i, s := range g.succs(b) {
				if t := g.scc[s.Index]; t != id && !infeasible(b, i) {
					compIn[t] = max(compIn[t], out)
				}
			}
		}
	}
	lo, hi = make(map[ssa.Instruction]int), make(map[ssa.Instruction]int)
	for _, b := range fn.Blocks {
		n := 0
		for _, instr := range b.Instrs {
			if isSend[instr] {
				lo[instr], hi[instr] = plus(in[b.Index], n), plus(blockIn[b.Index], n)
				n++
			}
		}
	}
	return lo, hi
}

// receiverMayLeave reports whether a receiver of the channel made by mc can
// stop receiving before the channel is closed: the channel goes where the
// analysis cannot see (inSight is false; the guarded select is the evidence
// then), or a receive of it in sight is a select case or a range loop with
// another exit. Goroutine g, the sender, does not count.
func (c *checker) receiverMayLeave(mc *ssa.MakeChan, g *ssa.Go) (leaves, inSight bool) {
	evs, ok := c.events(mc.Parent(), mc, -1)
	if !ok {
		return true, false
	}
	gr := c.graphOf(mc.Parent())
	for _, e := range evs {
		switch e.kind {
		case evSelRecv:
			return true, true
		case evRecv:
			if u, ok := e.instr.(*ssa.UnOp); ok && u.CommaOk && gr.inLoop(u.Block()) && loopHasOtherExits(gr, u) {
				return true, true
			}
		case evCall, evGo:
			if e.instr != g && (e.sum.RangeExits || e.sum.NonBlocking && e.sum.Send.hi == 0) {
				return true, true
			}
		}
	}
	return false, true
}

// doneCaseEnds reports whether the goroutine function gfn, once guard's
// done case is taken, sends on the channel no more (isSend: its sends):
// then the select says that the receiver may be gone when the signal
// fires. A goroutine that goes on to send after the signal (it reacts to
// the cancellation, then still delivers its result) expects the receiver
// to stay, and its select says nothing about the receiver leaving.
func doneCaseEnds(gfn *ssa.Function, guard *chanSend, isSend map[ssa.Instruction]bool) bool {
	sel, ok := guard.instr.(*ssa.Select)
	if !ok {
		return false
	}
	var start *ssa.BasicBlock
	for e, k := range selectCases(sel) {
		if k == guard.guard {
			start = e.b.Succs[e.i]
		}
	}
	if start == nil {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{start: true}
	work := []*ssa.BasicBlock{start}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, instr := range b.Instrs {
			if isSend[instr] {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return true
}

// reportUnguarded reports plain send s of goroutine function gfn, with
// guard the select that shows the receiver may leave.
func (c *checker) reportUnguarded(gfn *ssa.Function, g *ssa.Go, s chanSend, guard *chanSend, mc *ssa.MakeChan) {
	sel := guard.instr.(*ssa.Select)
	_, _, name := c.makeCall(mc)
	if stmt := c.sendStmt(s.pos); stmt != nil {
		name = types.ExprString(stmt.Chan)
	}
	done := c.caseText(sel, guard.guard)
	d := analysis.Diagnostic{
		Pos:      s.pos,
		Category: "abandoned-send",
		Message: fmt.Sprintf("send on %s blocks forever once its receiver has left: the select at line %d sends on %s only until %s "+
			"(the receiver may leave then), this send waits regardless; send in a select with the same %s",
			name, c.line(sel.Pos()), name, doneText(done), done),
		Related: []analysis.RelatedInformation{
			{Pos: guard.pos, Message: "the guarded send on " + name},
			{Pos: g.Pos(), Message: "goroutine started here"},
		},
	}
	if fix, ok := c.guardFix(s, sel, guard.guard); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.report.Report(d)
}

// doneText turns "case <-ctx.Done()" into "ctx.Done() is closed".
func doneText(caseText string) string {
	const p = "case <-"
	if len(caseText) > len(p) && caseText[:len(p)] == p {
		return caseText[len(p):] + " is closed"
	}
	return "another case is ready"
}

// sendStmt finds the send statement whose arrow is at pos.
func (c *checker) sendStmt(pos token.Pos) *ast.SendStmt {
	for _, n := range c.pathAt(pos) {
		if s, ok := n.(*ast.SendStmt); ok && s.Arrow == pos {
			return s
		}
	}
	return nil
}

// guardFix wraps plain send s in a select with the done case idx of sel,
// when s is a send statement on a line of its own and the done case's
// receive means the same at s (every identifier in it resolves to the same
// object there).
func (c *checker) guardFix(s chanSend, sel *ssa.Select, idx int) (analysis.SuggestedFix, bool) {
	stmt := c.sendStmt(s.pos)
	if stmt == nil {
		return analysis.SuggestedFix{}, false
	}
	recv := c.recvExprAt(sel.States[idx].Pos)
	if recv == nil || !c.sameMeaningAt(recv, stmt.Pos()) {
		return analysis.SuggestedFix{}, false
	}
	tf, src, indent, ok := c.lineIndent(stmt.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	text := func(n ast.Node) string { return string(src[tf.Offset(n.Pos()):tf.Offset(n.End())]) }
	repl := "select {\n" + indent + "case " + text(stmt) + ":\n" + indent + "case " + text(recv) + ":\n" + indent + "}"
	return analysis.SuggestedFix{
		Message:   "send in a select that also waits for " + text(recv.X),
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(repl)}},
	}, true
}

// recvExprAt finds the receive expression whose arrow is at pos.
func (c *checker) recvExprAt(pos token.Pos) *ast.UnaryExpr {
	for _, n := range c.pathAt(pos) {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW && u.OpPos == pos {
			return u
		}
	}
	return nil
}

// sameMeaningAt reports whether every identifier of e, written at pos,
// would denote the object it denotes where it is.
func (c *checker) sameMeaningAt(e ast.Expr, pos token.Pos) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool {
				if id, isID := m.(*ast.Ident); isID {
					ok = ok && c.resolvesAt(id, scope, pos)
				}
				return true
			})
			return false // the selected name is a field or method
		case *ast.Ident:
			ok = ok && c.resolvesAt(n, scope, pos)
		}
		return true
	})
	return ok
}

func (c *checker) resolvesAt(id *ast.Ident, scope *types.Scope, pos token.Pos) bool {
	obj := c.pass.TypesInfo.ObjectOf(id)
	_, found := scope.LookupParent(id.Name, pos)
	return obj != nil && found == obj
}
