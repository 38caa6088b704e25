package goleak

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A selfWalk follows one goroutine's straight-line code from the make of a
// channel (or the call of a constructor that makes it) while no other
// goroutine can hold the channel yet: every use of the channel is seen, so a
// send that finds the buffer full, or a receive that finds it empty, waits
// for a partner that does not exist.
type selfWalk struct {
	c       *checker
	chans   map[ssa.Value]bool      // values that are the channel
	holders map[ssa.Value]int       // pointers to a struct whose field (the int) holds it
	cells   map[ssa.Value]bool      // addresses of that field
	vars    map[ssa.Value]ssa.Value // variable cells (never assigned again) holding one of the above
	made    ssa.Value               // the channel, before it is stored in a struct
	origin  ssa.Instruction         // the make, or the constructor call
	field   string                  // for a constructor call, the field holding the channel
	buf     int
	count   int         // values in the buffer
	fills   []token.Pos // the sends that put them there
	stack   []*ssa.Call // calls being followed
	idlers  []*ssa.Go   // goroutines handed the channel that never use it
	steps   int
}

// A selfHit is an operation that blocks forever.
type selfHit struct {
	pos   token.Pos
	send  bool
	calls []*ssa.Call
}

// walkStatus says how the walk of one function ended.
type walkStatus int

const (
	walkStop   walkStatus = iota // something the walk cannot follow: stay silent
	walkHit                      // a blocking operation with no partner
	walkReturn                   // the function returned normally
)

// selfBlockMake checks a channel made in fn with a constant buffer.
func (c *checker) selfBlockMake(fn *ssa.Function, mc *ssa.MakeChan) {
	k, ok := intConst(mc.Size)
	if !ok || k < 0 || k > 1<<16 || c.blocksForever(mc) {
		return
	}
	w := c.newSelfWalk(int(k))
	w.chans[mc] = true
	w.made = mc
	w.origin = mc
	b := mc.Block()
	for i, instr := range b.Instrs {
		if instr == mc {
			st, hit := w.walk(fn, b, i+1)
			c.selfBlockReport(w, mc, st, hit)
			return
		}
	}
}

// blocksForever reports whether mc is made right in the operand of a
// receive, as in <-make(chan struct{}): no code can ever send on or close a
// channel that is never named, so the receive is the idiom for blocking
// forever (as select {} is), not a wait whose partner went missing.
func (c *checker) blocksForever(mc *ssa.MakeChan) bool {
	for _, n := range c.pathAt(mc.Pos()) {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.ParenExpr:
			continue
		case *ast.UnaryExpr:
			return n.Op == token.ARROW
		}
		return false
	}
	return false
}

// selfBlockCtor checks the channels that a same-package constructor called
// at call makes and returns in fields of a fresh struct, when the
// constructor starts no goroutine.
func (c *checker) selfBlockCtor(fn *ssa.Function, call *ssa.Call) {
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Pkg != c.ssaPkg || callee == fn {
		return
	}
	fresh := c.freshFields(callee)
	if len(fresh) == 0 || len(c.freshGos[callee]) > 0 {
		return
	}
	for f, mc := range fresh {
		size := mc.Size
		if arg := ctorArg(call, mc.Size); arg != nil {
			size = arg
		}
		k, ok := intConst(size)
		if !ok || k < 0 || k > 1<<16 {
			continue
		}
		w := c.newSelfWalk(int(k))
		w.holders[call] = f
		w.origin, w.field = call, structOf(call.Type()).Field(f).Name()
		b := call.Block()
		for i, instr := range b.Instrs {
			if instr == call {
				st, hit := w.walk(fn, b, i+1)
				c.selfBlockReport(w, mc, st, hit)
				break
			}
		}
	}
}

func (c *checker) newSelfWalk(buf int) *selfWalk {
	return &selfWalk{
		c:       c,
		chans:   make(map[ssa.Value]bool),
		holders: make(map[ssa.Value]int),
		cells:   make(map[ssa.Value]bool),
		vars:    make(map[ssa.Value]ssa.Value),
		buf:     buf,
	}
}

func (c *checker) selfBlockReport(w *selfWalk, mc *ssa.MakeChan, st walkStatus, hit *selfHit) {
	if st != walkHit {
		return
	}
	c.selfHits[w.origin] = true
	_, _, name := c.chanName(&channel{mc: mc, origin: w.origin, field: w.field})
	var d analysis.Diagnostic
	switch {
	case hit.send && w.buf > 0:
		d = analysis.Diagnostic{
			Pos:      hit.pos,
			Category: "insufficient-buffer",
			Message: fmt.Sprintf("send on %s blocks forever: its buffer of %d is already full and no other goroutine can receive from it yet: "+
				"receive before sending again, or send in a select with a default case", name, w.buf),
		}
	case hit.send:
		d = analysis.Diagnostic{
			Pos:      hit.pos,
			Category: "abandoned-send",
			Message: fmt.Sprintf("send on %s blocks forever: it is unbuffered and no other goroutine can receive from it yet: "+
				"start the receiver before sending, or give it a buffer", name),
		}
	default:
		d = analysis.Diagnostic{
			Pos:      hit.pos,
			Category: "abandoned-receive",
			Message: fmt.Sprintf("receive from %s blocks forever: it is empty and no other goroutine can send on or close it yet: "+
				"start the sender before receiving", name),
		}
		if len(w.idlers) > 0 {
			d.Message = fmt.Sprintf("receive from %s blocks forever: it is empty and no goroutine sends on or closes it "+
				"(the goroutine started at line %d is handed it but never uses it): send on or close %s in that goroutine",
				name, c.line(w.idlers[0].Pos()), name)
		}
	}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: mc.Pos(), Message: "channel made here"})
	for _, p := range w.fills {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: p, Message: "this send fills its buffer"})
	}
	for _, g := range w.idlers {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: g.Pos(), Message: "goroutine started here never uses it"})
	}
	for _, call := range hit.calls {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: call.Pos(), Message: "called here"})
	}
	if c.fileOf(d.Pos) == nil {
		return
	}
	c.report.Report(d)
}

// tracked reports whether v is the channel, a holder of it or its cell.
func (w *selfWalk) tracked(v ssa.Value) bool {
	if v == nil {
		return false
	}
	_, h := w.holders[v]
	_, cell := w.vars[v]
	return w.chans[v] || h || w.cells[v] || cell
}

// walk follows fn from instruction i of block b along its only path:
// jumps, and branches on whether a holder is nil. In a callee, a return of
// the channel or of a holder (a getter) makes the call's value tracked in
// the caller.
func (w *selfWalk) walk(fn *ssa.Function, b *ssa.BasicBlock, i int) (walkStatus, *selfHit) {
	g := w.c.graphOf(fn)
	seen := make(map[*ssa.BasicBlock]bool)
	for {
		if g.dead[b.Index] || seen[b] {
			return walkStop, nil
		}
		seen[b] = true
		var succ *ssa.BasicBlock
		for ; i < len(b.Instrs) && succ == nil; i++ {
			if w.steps++; w.steps > 5000 {
				return walkStop, nil
			}
			switch x := b.Instrs[i].(type) {
			case *ssa.Jump:
				succ = b.Succs[0]
			case *ssa.If:
				s, ok := w.nilBranch(x)
				if !ok {
					return walkStop, nil
				}
				succ = b.Succs[s]
			case *ssa.Return:
				return w.ret(x)
			case *ssa.Panic:
				return walkStop, nil
			default:
				if st, hit := w.step(x); st != walkReturn {
					return st, hit
				}
			}
		}
		if succ == nil {
			return walkStop, nil
		}
		b, i = succ, 0
	}
}

// ret handles a return: in a callee, a returned channel or holder is
// tracked as the value of the call.
func (w *selfWalk) ret(x *ssa.Return) (walkStatus, *selfHit) {
	for _, r := range x.Results {
		if !w.tracked(r) {
			continue
		}
		if len(w.stack) == 0 || len(x.Results) != 1 || w.cells[r] {
			return walkStop, nil
		}
		call := w.stack[len(w.stack)-1]
		if w.chans[r] {
			w.chans[call] = true
		}
		if f, ok := w.holders[r]; ok {
			w.holders[call] = f
		}
	}
	return walkReturn, nil
}

// nilBranch decides a branch on whether a holder or the channel is nil:
// neither is. It returns the index of the successor taken.
func (w *selfWalk) nilBranch(iff *ssa.If) (int, bool) {
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
		return 0, false
	}
	x, y := cmp.X, cmp.Y
	k, isConst := y.(*ssa.Const)
	if !w.tracked(x) || w.cells[x] || !isConst || !k.IsNil() {
		return 0, false
	}
	if cmp.Op == token.EQL {
		return 1, true
	}
	return 0, true
}

// step applies one instruction. walkReturn means: go on.
func (w *selfWalk) step(instr ssa.Instruction) (walkStatus, *selfHit) {
	var ops []*ssa.Value
	uses := false
	for _, op := range instr.Operands(ops) {
		if op != nil && w.tracked(*op) {
			uses = true
		}
	}
	if !uses {
		return walkReturn, nil
	}
	switch x := instr.(type) {
	case *ssa.DebugRef:
		return walkReturn, nil
	case *ssa.BinOp: // p == nil, decided by nilBranch
		if k, ok := x.Y.(*ssa.Const); ok && k.IsNil() && !w.cells[x.X] && (x.Op == token.EQL || x.Op == token.NEQ) {
			return walkReturn, nil
		}
	case *ssa.FieldAddr:
		if f, ok := w.holders[x.X]; ok {
			if x.Field == f {
				w.cells[x] = true
			}
			return walkReturn, nil
		}
	case *ssa.UnOp:
		switch {
		case x.Op == token.MUL && w.cells[x.X]:
			w.chans[x] = true
			return walkReturn, nil
		case x.Op == token.MUL && w.vars[x.X] != nil:
			w.alias(x, w.vars[x.X])
			return walkReturn, nil
		case x.Op == token.ARROW && w.chans[x.X]:
			if w.count == 0 {
				return walkHit, &selfHit{pos: x.Pos(), calls: append([]*ssa.Call(nil), w.stack...)}
			}
			w.count--
			w.fills = w.fills[1:]
			return walkReturn, nil
		}
	case *ssa.ChangeType:
		if w.chans[x.X] {
			w.chans[x] = true
			return walkReturn, nil
		}
	case *ssa.Send:
		if w.chans[x.Chan] && !w.tracked(x.X) {
			if w.count >= w.buf {
				return walkHit, &selfHit{pos: x.Pos(), send: true, calls: append([]*ssa.Call(nil), w.stack...)}
			}
			w.count++
			w.fills = append(w.fills, x.Pos())
			return walkReturn, nil
		}
	case *ssa.Store:
		if w.made != nil && x.Val == w.made && w.initStore(x) {
			w.made = nil
			return walkReturn, nil
		}
		if cell, ok := x.Addr.(*ssa.Alloc); ok && !w.tracked(cell) && !w.cells[x.Val] && w.firstStore(cell, x) {
			w.vars[cell] = x.Val // a parameter a closure captures: *t0 = c
			return walkReturn, nil
		}
	case *ssa.Call:
		return w.walkCall(x)
	case *ssa.Go:
		if w.idle(x) {
			w.idlers = append(w.idlers, x)
			return walkReturn, nil
		}
	}
	return walkStop, nil
}

// idle reports whether goroutine g, handed the channel, never uses it: a
// static function of this package whose summary has no operation on it.
func (w *selfWalk) idle(g *ssa.Go) bool {
	cc := g.Common()
	callee, ok := cc.Value.(*ssa.Function)
	if !ok || cc.IsInvoke() || callee.Pkg != w.c.ssaPkg || len(callee.Blocks) == 0 {
		return false
	}
	for i, a := range cc.Args {
		if !w.tracked(a) {
			continue
		}
		field := -1
		switch f, isHolder := w.holders[a]; {
		case isHolder:
			field = f
		case !w.chans[a]:
			return false
		}
		s := w.c.paramSummary(callee, i, field)
		if s.Escapes || len(s.Spawns) > 0 || s.Send.hi > 0 || s.Recv.hi > 0 || s.Close.hi > 0 ||
			s.Range || s.NonBlocking || s.GroupRecv {
			return false
		}
	}
	return true
}

// initStore handles the store of the fresh channel into a field of a fresh
// struct (&T{ch: make(chan int)}): the struct, made in the same block, must
// have had no use before other than stores into its fields.
func (w *selfWalk) initStore(st *ssa.Store) bool {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	a, ok := fa.X.(*ssa.Alloc)
	if !ok || a.Block() != st.Block() {
		return false
	}
	at := make(map[ssa.Instruction]int)
	for i, instr := range st.Block().Instrs {
		at[instr] = i
	}
	before := func(r ssa.Instruction) bool { return r.Block() == st.Block() && at[r] < at[st] }
	for _, r := range *a.Referrers() {
		if !before(r) {
			continue
		}
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			for _, u := range *r.Referrers() {
				if s, ok := u.(*ssa.Store); !ok || s.Addr != r {
					return false // the field is read, or its address taken
				}
			}
		default:
			return false
		}
	}
	w.holders[a] = fa.Field
	w.cells[fa] = true
	return true
}

// walkCall follows a call that is handed the channel or its holder: a
// static call of a function of this package, whose walk must return; a
// result that is the channel (a getter) is tracked in turn.
func (w *selfWalk) walkCall(call *ssa.Call) (walkStatus, *selfHit) {
	cc := call.Common()
	if b, ok := cc.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "len", "cap":
			return walkReturn, nil
		}
		return walkStop, nil
	}
	callee := cc.StaticCallee()
	if callee == nil || cc.IsInvoke() || w.tracked(cc.Value) || callee.Pkg != w.c.ssaPkg ||
		len(callee.Blocks) == 0 || len(w.stack) >= 4 || recovers(callee) || len(callee.FreeVars) > 0 {
		return walkStop, nil
	}
	for _, s := range w.stack {
		if s.Call.StaticCallee() == callee {
			return walkStop, nil
		}
	}
	for i, a := range cc.Args {
		if !w.tracked(a) {
			continue
		}
		if i >= len(callee.Params) || w.cells[a] {
			return walkStop, nil
		}
		p := callee.Params[i]
		if w.chans[a] {
			w.chans[p] = true
		}
		if f, ok := w.holders[a]; ok {
			w.holders[p] = f
		}
	}
	w.stack = append(w.stack, call)
	st, hit := w.walk(callee, callee.Blocks[0], 0)
	w.stack = w.stack[:len(w.stack)-1]
	switch st {
	case walkHit:
		return st, hit
	case walkReturn:
		return walkReturn, nil
	}
	return walkStop, nil
}

// alias makes v tracked as what u is.
func (w *selfWalk) alias(v, u ssa.Value) {
	if w.chans[u] {
		w.chans[v] = true
	}
	if f, ok := w.holders[u]; ok {
		w.holders[v] = f
	}
}

// firstStore reports whether st is the only store into variable cell a and
// comes before every other use of a (a closure that captures the variable
// earlier could read it from another goroutine), outside any loop.
func (w *selfWalk) firstStore(a *ssa.Alloc, st *ssa.Store) bool {
	if w.c.graphOf(st.Parent()).inLoop(st.Block()) {
		return false
	}
	at := make(map[ssa.Instruction]int)
	for i, instr := range st.Block().Instrs {
		at[instr] = i
	}
	for _, r := range *a.Referrers() {
		if r == st {
			continue
		}
		if s, ok := r.(*ssa.Store); ok && s.Addr == a {
			return false
		}
		if r.Block() == st.Block() {
			if at[r] < at[st] {
				return false
			}
		} else if !st.Block().Dominates(r.Block()) {
			return false
		}
	}
	return true
}
