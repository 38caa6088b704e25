package goleak

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// An evKind is one kind of thing a function does with a channel.
type evKind int

const (
	evSend    evKind = iota + 1 // blocking send (plain, or the only case of a select)
	evRecv                      // blocking receive (plain, range, or the only case of a select)
	evClose                     // close(ch)
	evSelSend                   // send case of a select with other cases or a default
	evSelRecv                   // receive case of a select with other cases or a default
	evCall                      // synchronous call of a function that uses the channel as summarised
	evGo                        // goroutine that uses the channel as summarised
	evDefer                     // deferred call that uses the channel as summarised
	evMake                      // the make itself: a fresh channel (in a loop, one per iteration)
	evJoin                      // the sending goroutine has finished (finished.go)
)

// An event is one use of a channel value inside one function.
type event struct {
	kind    evKind
	instr   ssa.Instruction
	sum     *summary    // evCall, evGo, evDefer
	sel     *ssa.Select // evSelSend, evSelRecv
	state   int         // index of the select case
	commaOk bool        // evRecv: v, ok := <-ch (the shape of a range loop)
	group   bool        // evRecv: a select over receives from channels of one struct
	once    onceKey     // evCall: the Do of this sync.Once runs the closure, at most once
	pos     token.Pos
}

// A summary says what a function does with one channel (a parameter or a
// captured variable) on the paths from its entry to its returns.
type summary struct {
	Send, Recv, Close span       // blocking sends, blocking receives, closes
	Range             bool       // receives in a loop until the channel is closed
	RangeExits        bool       // that loop can also end another way (an error, a break)
	RecvLoop          bool       // receives in a loop without looking at ok: close does not stop it
	GroupRecv         bool       // waits in a select over the channels of one struct
	Spawns            []*summary // goroutines the function starts that use the channel
	NonBlocking       bool       // uses the channel in a select with other cases
	Escapes           bool       // hands the channel to something we cannot see
	OtherSends        bool       // the function also sends on other channels
	Joined            bool       // the function reports to a WaitGroup (Done)
	SendPos, RecvPos  token.Pos

	// OnceKey is the one sync.Once (a parameter, captured variable or
	// global of the function) under whose Do the function makes the sends
	// that OnceFree leaves out: goroutines sharing it send under it only
	// once between them. OnceFree is the most sends outside it.
	OnceKey  onceKey
	OnceFree int

	// Latch is the captured bool under which the function makes all its
	// sends, setting it true right after each (if !*sent { ch <- v; *sent =
	// true }): the calls of one instance of the closure, made one after
	// another, send at most Send.hi times between them.
	Latch *ssa.FreeVar
}

var escaped = &summary{Escapes: true}

type sumKey struct {
	fn    *ssa.Function
	v     ssa.Value
	field int
}

// An item is a value that holds the channel: the channel itself, a
// variable cell holding it (field < 0), or a struct value or pointer to a
// struct whose field `field` holds it.
type item struct {
	v     ssa.Value
	field int
}

// events collects the uses of channel v in fn (or, with field >= 0, of the
// channel in that field of struct v). ok is false when the channel escapes:
// it is stored, converted to an interface, returned, sent on a channel, or
// handed to a function without a summary.
func (c *checker) events(fn *ssa.Function, v ssa.Value, field int) (evs []event, ok bool) {
	return c.eventsExcept(fn, v, field, nil)
}

// eventsExcept is events, leaving out instruction skip (a call that the
// caller accounts for itself).
func (c *checker) eventsExcept(fn *ssa.Function, v ssa.Value, field int, skip ssa.Instruction) (evs []event, ok bool) {
	work := []item{{v, field}}
	seen := map[item]bool{{v, field}: true}
	init := make(map[ssa.Value]*ssa.Store) // variable cell -> its one store
	push := func(it item) {
		if !seen[it] {
			seen[it] = true
			work = append(work, it)
		}
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		x := it.v
		refs := x.Referrers()
		if refs == nil {
			continue
		}
		if it.field >= 0 {
			for _, r := range *refs {
				if r == skip {
					continue
				}
				if !c.holderUse(r, it, push, init, &evs) {
					return nil, false
				}
			}
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.BinOp: // ch == nil
			case *ssa.ChangeType:
				push(item{r, -1})
			case *ssa.Send:
				if r.X == x {
					return nil, false
				}
				evs = append(evs, event{kind: evSend, instr: r, pos: r.Pos()})
			case *ssa.Store:
				if r.Addr == x {
					if init[x] == r {
						continue
					}
					return nil, false // the variable is assigned again
				}
				if fa, ok := r.Addr.(*ssa.FieldAddr); ok {
					if a, ok := fa.X.(*ssa.Alloc); ok && soleFieldStore(a, fa.Field, r) {
						init[fa] = r
						push(item{a, fa.Field})
						continue
					}
					return nil, false
				}
				cell, ok := r.Addr.(*ssa.Alloc)
				if !ok {
					return nil, false
				}
				for _, u := range *cell.Referrers() {
					if st, ok := u.(*ssa.Store); ok && st.Addr == cell && st != r {
						return nil, false
					}
				}
				init[cell] = r
				push(item{cell, -1})
			case *ssa.UnOp:
				if r.Op == token.MUL && r.X == x {
					push(item{r, -1})
					continue
				}
				if r.Op != token.ARROW {
					return nil, false
				}
				evs = append(evs, event{kind: evRecv, instr: r, commaOk: r.CommaOk, pos: r.Pos()})
			case *ssa.Select:
				for i, st := range r.States {
					if st.Send == x {
						return nil, false
					}
					if st.Chan != x {
						continue
					}
					single := len(r.States) == 1 && r.Blocking
					switch {
					case single && st.Dir == types.SendOnly:
						evs = append(evs, event{kind: evSend, instr: r, pos: st.Pos})
					case single:
						evs = append(evs, event{kind: evRecv, instr: r, pos: st.Pos})
					case st.Dir == types.SendOnly:
						evs = append(evs, event{kind: evSelSend, instr: r, sel: r, state: i, pos: st.Pos})
					case groupSelect(r, x):
						evs = append(evs, event{kind: evRecv, instr: r, group: true, pos: st.Pos})
					default:
						evs = append(evs, event{kind: evSelRecv, instr: r, sel: r, state: i, pos: st.Pos})
					}
				}
			case *ssa.MakeClosure:
				if r.Fn == x {
					return nil, false
				}
				cfn := r.Fn.(*ssa.Function)
				for i, b := range r.Bindings {
					if b != x {
						continue
					}
					sum := c.summarize(cfn, cfn.FreeVars[i], -1)
					if sum.Escapes {
						return nil, false
					}
					if !c.closureUses(r, sum, &evs) {
						return nil, false
					}
				}
			case ssa.CallInstruction:
				if ok, handled := c.ctxUse(r, x, push, &evs); handled {
					if !ok {
						return nil, false
					}
					continue
				}
				if !c.callUses(r, x, -1, &evs) {
					return nil, false
				}
			default:
				return nil, false
			}
		}
	}
	return evs, true
}

// holderUse follows one use r of a struct (or pointer to a struct) whose
// field it.field holds the channel. Uses of other fields do not matter.
func (c *checker) holderUse(r ssa.Instruction, it item, push func(item), init map[ssa.Value]*ssa.Store, evs *[]event) bool {
	x := it.v
	switch r := r.(type) {
	case *ssa.DebugRef:
	case *ssa.FieldAddr:
		if r.Field == it.field {
			push(item{r, -1})
		}
	case *ssa.Field:
		if r.Field == it.field {
			push(item{r, -1})
		}
	case *ssa.UnOp:
		if r.Op != token.MUL {
			return false
		}
		push(item{r, it.field})
	case *ssa.Store:
		if r.Addr == x {
			return init[x] == r
		}
		cell, ok := r.Addr.(*ssa.Alloc)
		if !ok {
			return false
		}
		for _, u := range *cell.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == cell && st != r {
				return false
			}
		}
		init[cell] = r
		push(item{cell, it.field})
	case *ssa.MakeClosure:
		if r.Fn == x {
			return false
		}
		cfn := r.Fn.(*ssa.Function)
		for i, b := range r.Bindings {
			if b != x {
				continue
			}
			sum := c.summarize(cfn, cfn.FreeVars[i], it.field)
			if sum.Escapes {
				return false
			}
			if !c.closureUses(r, sum, evs) {
				return false
			}
		}
	case ssa.CallInstruction:
		if _, ok := r.Common().Value.(*ssa.Builtin); ok {
			return false
		}
		return c.callUses(r, x, it.field, evs)
	default:
		return false
	}
	return true
}

// soleFieldStore reports whether st is the only store into field f of the
// local struct a, and a is never assigned as a whole.
func soleFieldStore(a *ssa.Alloc, f int, st *ssa.Store) bool {
	for _, u := range *a.Referrers() {
		switch u := u.(type) {
		case *ssa.Store:
			if u.Addr == a {
				return false
			}
		case *ssa.FieldAddr:
			if u.Field != f {
				continue
			}
			for _, w := range *u.Referrers() {
				if s, ok := w.(*ssa.Store); ok && s.Addr == u && s != st {
					return false
				}
			}
		}
	}
	return true
}

// groupSelect reports whether sel blocks on receives only, from channels
// held in fields of the same struct as x: while that struct's channels are
// silent the select blocks as surely as a plain receive.
func groupSelect(sel *ssa.Select, x ssa.Value) bool {
	if !sel.Blocking {
		return false
	}
	base := fieldBase(x)
	if base == nil {
		return false
	}
	for _, st := range sel.States {
		if st.Dir != types.RecvOnly || fieldBase(st.Chan) != base {
			return false
		}
	}
	return true
}

// fieldBase returns p for a channel loaded as *(&p.f), or nil.
func fieldBase(v ssa.Value) ssa.Value {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	return fa.X
}

// closureUses records how the closure made by mc, whose body uses the
// channel as sum says, is run: called, started as a goroutine or deferred.
func (c *checker) closureUses(mc *ssa.MakeClosure, sum *summary, evs *[]event) bool {
	for _, u := range *mc.Referrers() {
		switch u := u.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			cc := u.Common()
			if k, ok := c.onceCall(u, mc); ok {
				// Do runs the closure, or has run it before: what it
				// certainly does is taken to happen, and its sends count
				// once per Once (boundSends, onceGroups).
				*evs = append(*evs, event{kind: evCall, instr: u, sum: sum, once: k, pos: u.Pos()})
				continue
			}
			if cc.Value != mc {
				return false
			}
			for _, a := range cc.Args {
				if a == mc {
					return false
				}
			}
			*evs = append(*evs, event{kind: kindOf(u), instr: u, sum: sum, pos: u.Pos()})
		default:
			return false
		}
	}
	return true
}

func kindOf(call ssa.CallInstruction) evKind {
	switch call.(type) {
	case *ssa.Go:
		return evGo
	case *ssa.Defer:
		return evDefer
	}
	return evCall
}

// callUses records a call, go or defer statement that passes channel x.
func (c *checker) callUses(call ssa.CallInstruction, x ssa.Value, field int, evs *[]event) bool {
	cc := call.Common()
	if b, ok := cc.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			if _, isCall := call.(*ssa.Call); isCall {
				*evs = append(*evs, event{kind: evClose, instr: call, pos: call.Pos()})
				return true
			}
			if _, isDefer := call.(*ssa.Defer); isDefer {
				*evs = append(*evs, event{kind: evDefer, instr: call, sum: &summary{Close: span{1, 1}}, pos: call.Pos()})
				return true
			}
			return false
		case "len", "cap":
			return true
		}
		return false
	}
	if cc.IsInvoke() || cc.Value == x {
		return false
	}
	callee := cc.StaticCallee()
	if callee == nil {
		return false
	}
	for i, a := range cc.Args {
		if a != x {
			continue
		}
		sum := c.paramSummary(callee, i, field)
		if sum.Escapes {
			return false
		}
		*evs = append(*evs, event{kind: kindOf(call), instr: call, sum: sum, pos: call.Pos()})
	}
	return true
}

// paramSummary summarises what callee does with its i-th parameter (the
// receiver counts as parameter 0): from its body when it is in this package,
// from its fact otherwise. Without either, the channel escapes.
func (c *checker) paramSummary(callee *ssa.Function, i, field int) *summary {
	if callee.Pkg == c.ssaPkg && len(callee.Blocks) > 0 && i < len(callee.Params) {
		return c.summarize(callee, callee.Params[i], field)
	}
	if field >= 0 {
		return escaped // facts describe channel parameters only
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return escaped
	}
	var fact ChanFact
	if !c.pass.ImportObjectFact(obj.Origin(), &fact) {
		return escaped
	}
	for _, p := range fact.Params {
		if p.Index == i && p.Chan {
			return p.summary()
		}
	}
	return escaped
}

// summarize computes (and caches) what fn does with channel v.
func (c *checker) summarize(fn *ssa.Function, v ssa.Value, field int) *summary {
	key := sumKey{fn, v, field}
	if s, ok := c.sums[key]; ok {
		return s
	}
	c.sums[key] = escaped // recursion guard
	s := c.computeSummary(fn, v, field)
	c.sums[key] = s
	return s
}

func (c *checker) computeSummary(fn *ssa.Function, v ssa.Value, field int) *summary {
	if len(fn.Blocks) == 0 || recovers(fn) {
		return escaped
	}
	evs, ok := c.events(fn, v, field)
	if !ok {
		return escaped
	}
	g := c.graphOf(fn)
	type counts struct{ send, recv, close span }
	per := make(map[*ssa.BasicBlock]*counts)
	at := func(b *ssa.BasicBlock) *counts {
		if per[b] == nil {
			per[b] = new(counts)
		}
		return per[b]
	}
	s := new(summary)
	var deferred []*summary
	for _, e := range evs {
		b := e.instr.Block()
		if g.scc[b.Index] < 0 {
			continue
		}
		k := at(b)
		switch e.kind {
		case evSend:
			k.send = span{k.send.lo + 1, k.send.hi + 1}
			if s.SendPos == token.NoPos {
				s.SendPos = e.pos
			}
		case evRecv:
			k.recv = span{k.recv.lo + 1, k.recv.hi + 1}
			if !e.commaOk && !e.group && g.inLoop(b) && g.counted(g.scc[b.Index]) == nil && !sccExits(g, b) {
				s.RecvLoop = true
			}
			s.GroupRecv = s.GroupRecv || e.group
			if e.commaOk && g.inLoop(b) {
				s.Range = true
				if u, ok := e.instr.(*ssa.UnOp); ok && loopHasOtherExits(g, u) {
					s.RangeExits = true
				}
			}
			if s.RecvPos == token.NoPos {
				s.RecvPos = e.pos
			}
		case evClose:
			k.close = span{k.close.lo + 1, k.close.hi + 1}
		case evSelSend, evSelRecv:
			s.NonBlocking = true
		case evCall:
			if len(e.sum.Spawns) > 0 {
				return escaped // a callee that starts goroutines: out of reach here
			}
			k.send = span{plus(k.send.lo, e.sum.Send.lo), plus(k.send.hi, e.sum.Send.hi)}
			k.recv = span{plus(k.recv.lo, e.sum.Recv.lo), plus(k.recv.hi, e.sum.Recv.hi)}
			k.close = span{plus(k.close.lo, e.sum.Close.lo), plus(k.close.hi, e.sum.Close.hi)}
			s.Range = s.Range || e.sum.Range
			s.RangeExits = s.RangeExits || e.sum.RangeExits
			s.RecvLoop = s.RecvLoop || e.sum.RecvLoop
			s.NonBlocking = s.NonBlocking || e.sum.NonBlocking
			s.GroupRecv = s.GroupRecv || e.sum.GroupRecv
			if e.sum.Send.hi > 0 && s.SendPos == token.NoPos {
				s.SendPos = e.pos
			}
			if (e.sum.Recv.hi > 0 || e.sum.Range) && s.RecvPos == token.NoPos {
				s.RecvPos = e.pos
			}
		case evGo:
			if len(e.sum.Spawns) > 0 {
				return escaped
			}
			s.Spawns = append(s.Spawns, e.sum)
		case evDefer:
			deferred = append(deferred, e.sum)
		}
	}
	weight := func(f func(*counts) span) func(*ssa.BasicBlock) span {
		return func(b *ssa.BasicBlock) span {
			if k := per[b]; k != nil {
				return f(k)
			}
			return span{}
		}
	}
	s.Send, _ = g.paths(weight(func(k *counts) span { return k.send }))
	if s.Send.hi > 0 {
		s.Latch = latchOf(evs)
		c.boundSends(g, s, evs)
	}
	s.Recv, _ = g.paths(weight(func(k *counts) span { return k.recv }))
	s.Close, _ = g.paths(weight(func(k *counts) span { return k.close }))
	for _, d := range deferred {
		if d.Send.hi > 0 || d.Recv.hi > 0 || d.Range {
			return escaped // deferred channel traffic: keep out
		}
		s.Close = span{plus(s.Close.lo, d.Close.lo), plus(s.Close.hi, d.Close.hi)}
	}
	s.OtherSends = sendsOther(fn, v)
	s.Joined = c.joins(fn)
	return s
}

// sendsOther reports whether fn sends on a channel other than v.
func sendsOther(fn *ssa.Function, v ssa.Value) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Send:
				if instr.Chan != v {
					return true
				}
			case *ssa.Select:
				for _, st := range instr.States {
					if st.Dir == types.SendOnly && st.Chan != v {
						return true
					}
				}
			}
		}
	}
	return false
}

// joins reports whether fn reports to a WaitGroup or similar joiner.
func (c *checker) joins(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if k, ok := c.joiners.Lookup(apis.SSACallee(call.Common())); ok && k == apis.JoinDone {
					return true
				}
			}
		}
	}
	return false
}

// loopHasOtherExits reports whether the loop around receive u can be left
// other than by the channel being closed.
// sccExits reports whether the loop holding b can be left: an edge out of
// it, or a return inside it. A loop that cannot is a receive loop that only
// the process ends; one that can (for i := 0; i < n; i++ { if i == k { <-ch
// } }) waits only for the receives it makes.
func sccExits(g *graph, b *ssa.BasicBlock) bool {
	id := g.scc[b.Index]
	for _, j := range g.members[id] {
		blk := g.fn.Blocks[j]
		if isReturn(blk) {
			return true
		}
		for _, s := range g.succs(blk) {
			if g.scc[s.Index] != id {
				return true
			}
		}
	}
	return false
}

func loopHasOtherExits(g *graph, u *ssa.UnOp) bool {
	ok := make(map[edgeKey]bool)
	for _, k := range okExits(g, u) {
		ok[k] = true
	}
	id := g.scc[u.Block().Index]
	for _, j := range g.members[id] {
		b := g.fn.Blocks[j]
		for i, s := range g.succs(b) {
			if g.scc[s.Index] != id && !ok[edgeKey{b, i}] {
				return true
			}
		}
		if isReturn(b) {
			return true
		}
	}
	return false
}

// recovers reports whether a deferred call of fn may recover a panic: it
// defers a function value it cannot see, or a function whose body calls
// recover. Other defers (unlock, close, cleanup) leave the paths of fn as
// they are: a panic that no one recovers ends the program.
func recovers(fn *ssa.Function) bool {
	if fn.Recover == nil {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			if d.Call.IsInvoke() {
				return true
			}
			var callee *ssa.Function
			switch v := d.Call.Value.(type) {
			case *ssa.Builtin:
				continue
			case *ssa.Function:
				callee = v
			case *ssa.MakeClosure:
				callee, _ = v.Fn.(*ssa.Function)
			}
			if callee == nil || callsRecover(callee) {
				return true
			}
		}
	}
	return false
}

// callsRecover reports whether fn (or a closure in it) calls recover, or
// has no body to look at in this package. The standard library's
// deferrable functions ((*sync.Mutex).Unlock, (*time.Ticker).Stop,
// (*os.File).Close, ...) do not recover the caller's panic: recover stops
// one only when the deferred function itself calls it.
func callsRecover(fn *ssa.Function) bool {
	if len(fn.Blocks) == 0 {
		return fn.Pkg == nil || !isStdPath(fn.Pkg.Pkg.Path())
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if bi, ok := call.Common().Value.(*ssa.Builtin); ok && bi.Name() == "recover" {
				return true
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if callsRecover(anon) {
			return true
		}
	}
	return false
}
