package goleak

import (
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// A ctxPair is a context and its cancel function, made by one
// context.WithCancel call of a constructor and kept in two fields of the
// fresh struct it returns. To the analysis the pair is one channel:
// <-ctx.Done() receives from it and calling cancel closes it.
type ctxPair struct {
	ctx, cancel int       // field indexes
	parent      ssa.Value // the parent context passed to WithCancel
}

// ctxPairs returns the context pairs of the fresh struct that constructor
// fn returns: fields set once, from the results of one call of a cancel
// constructor without a deadline (context.WithCancel), and read nowhere in fn.
func (c *checker) ctxPairs(fn *ssa.Function) []ctxPair {
	c.freshFields(fn)
	if _, ok := c.freshGos[fn]; !ok {
		return nil // not a constructor of a fresh struct
	}
	var alloc *ssa.Alloc
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
			alloc, _ = ret.Results[0].(*ssa.Alloc)
		}
	}
	if alloc == nil {
		return nil
	}
	type half struct {
		call  *ssa.Call
		index int
	}
	stored := make(map[int]half) // field -> the WithCancel result stored in it
	bad := make(map[int]bool)
	for _, r := range *alloc.Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, u := range *fa.Referrers() {
			st, ok := u.(*ssa.Store)
			if !ok || st.Addr != fa {
				bad[fa.Field] = true
				continue
			}
			ex, ok := st.Val.(*ssa.Extract)
			if !ok {
				bad[fa.Field] = true
				continue
			}
			call, ok := ex.Tuple.(*ssa.Call)
			if _, dup := stored[fa.Field]; !ok || dup || !c.manualCancel(call) {
				bad[fa.Field] = true
				continue
			}
			stored[fa.Field] = half{call, ex.Index}
		}
	}
	var out []ctxPair
	for f, h := range stored {
		if bad[f] || h.index != 0 {
			continue
		}
		for g, k := range stored {
			if !bad[g] && k.call == h.call && k.index == 1 && onlyStored(h.call) {
				out = append(out, ctxPair{ctx: f, cancel: g, parent: h.call.Call.Args[0]})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ctx < out[j].ctx })
	return out
}

// onlyStored reports whether the results of call are used only by their
// extraction into the struct (and debug information).
func onlyStored(call *ssa.Call) bool {
	for _, r := range refs(call) {
		ex, ok := r.(*ssa.Extract)
		if !ok {
			return false
		}
		for _, u := range refs(ex) {
			switch u.(type) {
			case *ssa.Store, *ssa.DebugRef:
			default:
				return false
			}
		}
	}
	return true
}

// manualCancel reports whether call makes a context that only its cancel
// function ends: a cancel constructor taking nothing but the parent
// (context.WithCancel, not WithTimeout).
func (c *checker) manualCancel(call *ssa.Call) bool {
	fn := apis.SSACallee(call.Common())
	if fn == nil {
		return false
	}
	if _, ok := c.cancelCtors.Lookup(fn); !ok {
		return false
	}
	return fn.Signature().Params().Len() == 1
}

// rootCtx reports whether v, the parent of a pair made by constructor
// callee, is a context that is never cancelled (context.Background), at
// the constructor's call.
func (c *checker) rootCtx(v ssa.Value, callee *ssa.Function, call *ssa.Call) bool {
	if p, ok := v.(*ssa.Parameter); ok {
		for i, fp := range callee.Params {
			if fp == p && i < len(call.Call.Args) {
				v = call.Call.Args[i]
			}
		}
	}
	cv, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	_, ok = c.ctxRoots.Lookup(apis.SSACallee(cv.Common()))
	return ok
}

// checkFreshCtx checks the context pairs of the fresh struct returned by
// constructor callee at call: a goroutine that the constructor starts to
// wait on the context waits forever when the caller never calls anything
// that cancels it.
func (c *checker) checkFreshCtx(fn *ssa.Function, call *ssa.Call, callee *ssa.Function) {
	st := structOf(call.Type())
	if st == nil || len(c.freshGos[callee]) == 0 {
		return
	}
	for _, p := range c.ctxPairs(callee) {
		if !c.rootCtx(p.parent, callee, call) {
			continue
		}
		evs, ok := c.events(fn, call, p.ctx)
		if !ok {
			continue
		}
		evs2, ok := c.events(fn, call, p.cancel)
		if !ok {
			continue
		}
		spawned, ok := c.ctorSpawnsPair(callee, call, p)
		if !ok {
			continue
		}
		evs = append(evs, evs2...)
		c.checkChanCtx(fn, call, st.Field(p.ctx).Name(), st.Field(p.cancel).Name(), append(evs, spawned...))
	}
}

// ctorSpawnsPair is ctorSpawns for a context pair: each goroutine is
// summarised for both fields.
func (c *checker) ctorSpawnsPair(callee *ssa.Function, call *ssa.Call, p ctxPair) (evs []event, ok bool) {
	for _, g := range c.freshGos[callee] {
		gfn := g.g.Call.StaticCallee()
		a := c.paramSummary(gfn, g.arg, p.ctx)
		b := c.paramSummary(gfn, g.arg, p.cancel)
		if a.Escapes || b.Escapes || len(a.Spawns) > 0 || len(b.Spawns) > 0 {
			return nil, false
		}
		evs = append(evs, event{kind: evGo, instr: call, sum: merge(a, b), pos: call.Pos()})
	}
	return evs, true
}

// merge adds up what a function does with the two halves of a pair.
func merge(a, b *summary) *summary {
	add := func(x, y span) span { return span{plus(x.lo, y.lo), plus(x.hi, y.hi)} }
	s := *a
	s.Send, s.Recv, s.Close = add(a.Send, b.Send), add(a.Recv, b.Recv), add(a.Close, b.Close)
	s.Range = a.Range || b.Range
	s.RangeExits = a.RangeExits || b.RangeExits
	s.RecvLoop = a.RecvLoop || b.RecvLoop
	s.GroupRecv = a.GroupRecv || b.GroupRecv
	s.NonBlocking = a.NonBlocking || b.NonBlocking
	s.OtherSends = a.OtherSends || b.OtherSends
	s.Joined = a.Joined || b.Joined
	if s.SendPos == 0 {
		s.SendPos = b.SendPos
	}
	if s.RecvPos == 0 {
		s.RecvPos = b.RecvPos
	}
	return &s
}

// ctxUse handles a call that uses x, a context or a cancel function held
// in a pair: ctx.Done() yields the channel, ctx.Err() and the other methods
// that do not block are nothing, calling cancel closes. handled is false
// for calls of any other kind.
func (c *checker) ctxUse(call ssa.CallInstruction, x ssa.Value, push func(item), evs *[]event) (ok, handled bool) {
	cc := call.Common()
	switch {
	case cc.IsInvoke() && cc.Value == x && isContext(x.Type()):
		sig, known := c.signals.Lookup(apis.SSACallee(cc))
		v, isCall := call.(*ssa.Call)
		switch {
		case known && sig.Chan && isCall:
			push(item{v, -1})
			return true, true
		case known && !sig.Chan:
			return true, true
		}
		return false, true
	case !cc.IsInvoke() && cc.Value == x && isCancelFunc(x.Type()):
		switch call.(type) {
		case *ssa.Call:
			*evs = append(*evs, event{kind: evClose, instr: call, pos: call.Pos()})
			return true, true
		case *ssa.Defer:
			*evs = append(*evs, event{kind: evDefer, instr: call, sum: &summary{Close: span{1, 1}}, pos: call.Pos()})
			return true, true
		}
		return false, true
	}
	return false, false
}

// isCancelFunc reports whether t is a function that takes at most an
// error and returns nothing: context.CancelFunc or CancelCauseFunc.
func isCancelFunc(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Results().Len() != 0 || sig.Recv() != nil {
		return false
	}
	switch sig.Params().Len() {
	case 0:
		return true
	case 1:
		return types.Identical(sig.Params().At(0).Type(), types.Universe.Lookup("error").Type())
	}
	return false
}

// checkChanCtx runs the receive rule on a context pair of a fresh struct:
// the goroutines wait on ctx.Done(), calling cancel closes.
func (c *checker) checkChanCtx(fn *ssa.Function, call *ssa.Call, ctxField, cancelField string, evs []event) {
	evs = append([]event{{kind: evMake, instr: call, pos: call.Pos()}}, evs...)
	ch := &channel{fn: fn, origin: call, field: ctxField, cancel: cancelField, evs: evs, bufKnown: true}
	c.classify(ch)
}
