package goleak

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Sends that cannot repeat. A goroutine may send on a channel at several
// places, or at one place inside a loop, and still send at most once: a
// flag checked before the send and set right after it (if !sent { ch <- v;
// sent = true }), or the send inside once.Do(func() { ch <- v }) of a
// sync.Once. Counting such sends per path, as paths does, overstates what
// a buffer must hold. sendBound gives the most sends any path can really
// make, following the boolean values that decide branches (boolFlags);
// computeSummary keeps the smaller of the two.

// A flagVal is what a path knows about a boolean value.
type flagVal uint8

const (
	flagUnknown flagVal = iota
	flagTrue
	flagFalse
)

func (v flagVal) not() flagVal {
	switch v {
	case flagTrue:
		return flagFalse
	case flagFalse:
		return flagTrue
	}
	return flagUnknown
}

// maxBoolFlags bounds the phis followed in one function: two bits each in
// a flagState.
const maxBoolFlags = 32

// A flagState is the value of every followed phi on one path.
type flagState uint64

func (s flagState) get(i int) flagVal { return flagVal(s >> (2 * i) & 3) }

func (s flagState) set(i int, v flagVal) flagState {
	return s&^(3<<(2*i)) | flagState(v)<<(2*i)
}

// boolFlags are the boolean phis of a function that decide its branches:
// a local bool variable (sent, done) becomes such phis once it is lifted
// into registers. A path that entered a phi's block from a predecessor
// whose edge carries a constant (sent = true right after the send) knows
// its value, and a branch on it, or on !it, == or != against a constant,
// takes one side only. A variable that a closure captures or whose address
// is taken is not lifted, and is not followed.
type boolFlags struct {
	g     *graph
	index map[*ssa.Phi]int
}

// newBoolFlags collects the boolean phis that an If of g's function tests,
// directly or through !, ==, != and other phis.
func newBoolFlags(g *graph) *boolFlags {
	f := &boolFlags{g: g, index: make(map[*ssa.Phi]int)}
	var visit func(v ssa.Value, depth int)
	visit = func(v ssa.Value, depth int) {
		if depth > 8 || len(f.index) >= maxBoolFlags {
			return
		}
		switch v := v.(type) {
		case *ssa.Phi:
			if _, ok := f.index[v]; ok || !isBoolType(v.Type()) {
				return
			}
			f.index[v] = len(f.index)
			for _, e := range v.Edges {
				visit(e, depth+1)
			}
		case *ssa.UnOp:
			if v.Op == token.NOT {
				visit(v.X, depth+1)
			}
		case *ssa.BinOp:
			if (v.Op == token.EQL || v.Op == token.NEQ) && isBoolType(v.X.Type()) {
				visit(v.X, depth+1)
				visit(v.Y, depth+1)
			}
		}
	}
	for _, b := range g.fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			visit(iff.Cond, 0)
		}
	}
	return f
}

// isBoolType reports whether t is a boolean type.
func isBoolType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// eval returns what st knows about the boolean value v.
func (f *boolFlags) eval(v ssa.Value, st flagState, depth int) flagVal {
	if depth > 8 {
		return flagUnknown
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.Bool {
			if constant.BoolVal(v.Value) {
				return flagTrue
			}
			return flagFalse
		}
	case *ssa.Phi:
		if i, ok := f.index[v]; ok {
			return st.get(i)
		}
	case *ssa.UnOp:
		if v.Op == token.NOT {
			return f.eval(v.X, st, depth+1).not()
		}
	case *ssa.BinOp:
		if (v.Op == token.EQL || v.Op == token.NEQ) && isBoolType(v.X.Type()) {
			x, y := f.eval(v.X, st, depth+1), f.eval(v.Y, st, depth+1)
			if x == flagUnknown || y == flagUnknown {
				return flagUnknown
			}
			if (x == y) == (v.Op == token.EQL) {
				return flagTrue
			}
			return flagFalse
		}
	}
	return flagUnknown
}

// enter returns the state of a path that goes from block p into block s:
// the followed phis of s take the values of their edges from p, all at
// once.
func (f *boolFlags) enter(p, s *ssa.BasicBlock, st flagState) flagState {
	k := -1
	for i, q := range s.Preds {
		if q == p {
			k = i
			break
		}
	}
	if k < 0 {
		return st
	}
	next := st
	for _, instr := range s.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if i, ok := f.index[phi]; ok {
			next = next.set(i, f.eval(phi.Edges[k], st, 0))
		}
	}
	return next
}

// feasible reports whether a path in state st leaving block b can take
// its i-th successor.
func (f *boolFlags) feasible(b *ssa.BasicBlock, i int, st flagState) bool {
	if infeasible(b, i) {
		return false
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return true
	}
	switch f.eval(iff.Cond, st, 0) {
	case flagTrue:
		return i == 0
	case flagFalse:
		return i == 1
	}
	return true
}

// reachAfter returns the blocks that some path leaving block start can
// reach, taking only the branches that the values it fixed on the way
// allow. ok is false when the search grew too large.
func (f *boolFlags) reachAfter(start *ssa.BasicBlock) (reach map[*ssa.BasicBlock]bool, ok bool) {
	type visit struct {
		b  *ssa.BasicBlock
		st flagState
	}
	reach = make(map[*ssa.BasicBlock]bool)
	seen := make(map[visit]bool)
	var work []visit
	push := func(from *ssa.BasicBlock, st flagState) {
		for i, s := range f.g.succs(from) {
			if !f.feasible(from, i, st) {
				continue
			}
			v := visit{s, f.enter(from, s, st)}
			if !seen[v] {
				seen[v] = true
				work = append(work, v)
			}
		}
	}
	push(start, 0)
	for len(work) > 0 {
		if len(seen) > 4000 {
			return nil, false
		}
		v := work[len(work)-1]
		work = work[:len(work)-1]
		reach[v.b] = true
		push(v.b, v.st)
	}
	return reach, true
}

// A onceKey names a sync.Once by how the function reaches it: a value (a
// parameter, a captured variable, a global, a local) and, for a Once held
// in a field, the field's index (-1 otherwise).
type onceKey struct {
	base  ssa.Value
	field int
}

func (k onceKey) valid() bool { return k.base != nil }

// onceKeyOf returns the key of the Once whose address is v.
func onceKeyOf(v ssa.Value) onceKey {
	if fa, ok := v.(*ssa.FieldAddr); ok {
		return onceKey{root(fa.X), fa.Field}
	}
	return onceKey{root(v), -1}
}

// sendBound returns the most sends on the channel that a path through g's
// function can make in the blocks of regular (block -> its sends): along
// the branches that the values of flags fixed by the path allow, the sending blocks
// that follow each other. It returns many when a sending block can follow
// itself, or when the search grows too large.
func sendBound(g *graph, f *boolFlags, regular map[*ssa.BasicBlock]int) int {
	after := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool)
	for b := range regular {
		r, ok := f.reachAfter(b)
		if !ok || r[b] {
			return many
		}
		after[b] = r
	}
	longest := make(map[*ssa.BasicBlock]int)
	const visiting = -1
	var chain func(b *ssa.BasicBlock) int
	chain = func(b *ssa.BasicBlock) int {
		switch n, ok := longest[b]; {
		case ok && n == visiting:
			return many
		case ok:
			return n
		}
		longest[b] = visiting
		best := 0
		for c := range after[b] {
			if _, sends := regular[c]; sends {
				best = max(best, chain(c))
			}
		}
		n := plus(regular[b], best)
		longest[b] = n
		return n
	}
	total := 0
	for b := range regular {
		total = max(total, chain(b))
	}
	return total
}

// onceCall reports whether call is the Do of a sync.Once (a row of
// apis.Onces) that runs the closure mc, and returns the key of the Once.
func (c *checker) onceCall(call ssa.CallInstruction, mc *ssa.MakeClosure) (onceKey, bool) {
	if _, ok := call.(*ssa.Call); !ok {
		return onceKey{}, false
	}
	cc := call.Common()
	if cc.IsInvoke() || len(cc.Args) != 2 || cc.Args[1] != mc || cc.Value == mc {
		return onceKey{}, false
	}
	fn := cc.StaticCallee()
	if fn == nil {
		return onceKey{}, false
	}
	if _, ok := c.onces.Lookup(funcObj(fn)); !ok {
		return onceKey{}, false
	}
	k := onceKeyOf(cc.Args[0])
	return k, k.valid()
}

// funcObj returns the declared function of fn, or nil.
func funcObj(fn *ssa.Function) *types.Func {
	obj, _ := fn.Object().(*types.Func)
	return obj
}

// onceGroups numbers the goroutines of ch (by go statement) whose sends under a Once share
// that Once in the creator: the same captured variable, parameter or
// global, not made anew in a loop around the go statement. Only the first
// of a group to start can send under it; the others add only their sends
// outside it (summary.OnceFree).
func (c *checker) onceGroups(ch *channel, g *graph) map[ssa.Instruction]int {
	out := make(map[ssa.Instruction]int)
	ids := make(map[onceKey]int)
	for _, e := range ch.gos {
		if !e.sum.OnceKey.valid() {
			continue
		}
		k, ok := creatorOnce(e, g)
		if !ok {
			continue
		}
		id, seen := ids[k]
		if !seen {
			if len(ids) >= 64 {
				continue
			}
			id = len(ids)
			ids[k] = id
		}
		out[e.instr] = id
	}
	return out
}

// creatorOnce maps the Once of goroutine e's summary (a captured variable,
// a parameter or a global of the goroutine's function) to the value the
// creator hands it, and reports whether that value is the same Once for
// every start of the go statement.
func creatorOnce(e *event, g *graph) (onceKey, bool) {
	gs, ok := e.instr.(*ssa.Go)
	if !ok {
		return onceKey{}, false
	}
	k := e.sum.OnceKey
	var v ssa.Value
	switch base := k.base.(type) {
	case *ssa.Global:
		v = base
	case *ssa.FreeVar:
		mc, ok := gs.Call.Value.(*ssa.MakeClosure)
		if !ok {
			return onceKey{}, false
		}
		fn := mc.Fn.(*ssa.Function)
		for i, fv := range fn.FreeVars {
			if fv == base && i < len(mc.Bindings) {
				v = mc.Bindings[i]
			}
		}
	case *ssa.Parameter:
		fn := base.Parent()
		for i, p := range fn.Params {
			if p == base && i < len(gs.Call.Args) && !gs.Call.IsInvoke() {
				v = gs.Call.Args[i]
			}
		}
	}
	if v == nil {
		return onceKey{}, false
	}
	v = root(v)
	if instr, ok := v.(ssa.Instruction); ok {
		if l := g.innermost(gs.Block()); l != nil && l.has(instr.Block()) {
			return onceKey{}, false // a new Once at each iteration
		}
	}
	return onceKey{v, k.field}, true
}

// boundSends lowers s.Send.hi to what sendBound finds for the sends among
// evs (direct sends and calls that send, each block's sends together; the
// Do calls of a Once apart), and records the Once that goroutines sharing
// it send under only once between them.
func (c *checker) boundSends(g *graph, s *summary, evs []event) {
	regular := make(map[*ssa.BasicBlock]int)
	once := make(map[onceKey]int)
	for _, e := range evs {
		b := e.instr.Block()
		if g.scc[b.Index] < 0 {
			continue
		}
		switch {
		case e.kind == evSend:
			regular[b] = plus(regular[b], 1)
		case e.kind == evCall && e.sum.Send.hi > 0:
			if k, ok := latchCell(&e); ok && !madeInLoop(g, k.base) {
				once[k] = max(once[k], e.sum.Send.hi)
				continue
			}
			if e.once.valid() && !madeInLoop(g, e.once.base) {
				once[e.once] = max(once[e.once], e.sum.Send.hi)
				continue
			}
			regular[b] = plus(regular[b], e.sum.Send.hi)
		}
	}
	if len(once) == 0 && s.Send.hi <= 1 {
		return
	}
	flags := newBoolFlags(g)
	if len(once) == 0 && len(flags.index) == 0 {
		return // nothing that paths does not already see
	}
	free := sendBound(g, flags, regular)
	bound := free
	for _, n := range once {
		bound = plus(bound, n)
	}
	if bound < s.Send.hi {
		s.Send.hi = bound
		s.Send.lo = min(s.Send.lo, bound)
	}
	if len(once) == 1 {
		for k := range once {
			switch k.base.(type) {
			case *ssa.FreeVar, *ssa.Parameter, *ssa.Global:
				s.OnceKey, s.OnceFree = k, min(free, s.Send.hi)
			}
		}
	}
}

// madeInLoop reports whether v is made by an instruction in a loop of g: a
// new value at each iteration.
func madeInLoop(g *graph, v ssa.Value) bool {
	instr, ok := v.(ssa.Instruction)
	return ok && instr.Block() != nil && g.inLoop(instr.Block())
}

// latchOf returns the captured bool under which every send of evs is made
// (see summary.Latch), or nil. A send is latched when its block runs only
// on the branch where the variable is false (if !*sent, or if *sent
// else) and stores true to it after the send in the same block; calls
// that send are not followed.
func latchOf(evs []event) *ssa.FreeVar {
	var latch *ssa.FreeVar
	for _, e := range evs {
		switch e.kind {
		case evSend:
			fv := latchedSend(e.instr)
			if fv == nil || latch != nil && fv != latch {
				return nil
			}
			latch = fv
		case evCall, evGo, evDefer, evSelSend:
			if e.sum == nil || e.sum.Send.hi > 0 || e.kind == evSelSend {
				return nil
			}
		}
	}
	return latch
}

// latchedSend returns the captured bool that latches send (see latchOf).
func latchedSend(send ssa.Instruction) *ssa.FreeVar {
	b := send.Block()
	var fv *ssa.FreeVar
	after := false
	for _, instr := range b.Instrs {
		if instr == send {
			after = true
			continue
		}
		st, ok := instr.(*ssa.Store)
		if !ok || !after {
			continue
		}
		if k, ok := st.Val.(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.Bool && constant.BoolVal(k.Value) {
			if v, ok := st.Addr.(*ssa.FreeVar); ok {
				fv = v
				break
			}
		}
	}
	if fv == nil {
		return nil
	}
	for _, d := range b.Parent().Blocks {
		if len(d.Instrs) == 0 {
			continue
		}
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cond, branch := iff.Cond, 1 // if *sent: the else branch is the unsent one
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond, branch = not.X, 0
		}
		if load, ok := cond.(*ssa.UnOp); ok && load.Op == token.MUL && load.X == fv && d.Succs[branch].Dominates(b) {
			return fv
		}
	}
	return nil
}

// latchCell returns, for a call e of a closure whose sends are latched
// (summary.Latch), the variable the creator binds to the latch: the calls
// of that one closure instance share it.
func latchCell(e *event) (onceKey, bool) {
	if e.sum == nil || e.sum.Latch == nil {
		return onceKey{}, false
	}
	call, ok := e.instr.(*ssa.Call)
	if !ok {
		return onceKey{}, false
	}
	mc, ok := call.Call.Value.(*ssa.MakeClosure)
	if !ok {
		return onceKey{}, false
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return onceKey{}, false
	}
	for i, fv := range fn.FreeVars {
		if fv == e.sum.Latch && i < len(mc.Bindings) {
			return onceKey{root(mc.Bindings[i]), -1}, true
		}
	}
	return onceKey{}, false
}
