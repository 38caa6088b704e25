package goleak

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// An initCtx is what an init method does to its receiver: it makes a
// context with context.WithCancel, keeps the cancel function in a field of
// the receiver and starts a goroutine that gets the context.
type initCtx struct {
	cancel  int       // field of the receiver holding the cancel function
	wc      *ssa.Call // the WithCancel call
	g       *ssa.Go   // the goroutine handed the context
	ctxArg  int       // the argument of g that is the context
	recvArg int       // the argument of g that is the receiver, or -1
	ctor    bool      // fn is a constructor and the struct is the one it returns
}

// initCtxOf recognises init method fn: on every path it stores the cancel
// function of one context.WithCancel call into a field of its receiver
// (ctx, r.cancel = context.WithCancel(parent)) and starts one goroutine of
// this package with the context (go r.wait(ctx)); the context goes nowhere
// else. A constructor of a fresh struct that does the same with the struct
// it returns counts too.
func (c *checker) initCtxOf(fn *ssa.Function) *initCtx {
	if in, ok := c.initCtxs[fn]; ok {
		return in
	}
	in := c.findInitCtx(fn)
	c.initCtxs[fn] = in
	return in
}

func (c *checker) findInitCtx(fn *ssa.Function) *initCtx {
	if len(fn.Blocks) == 0 || recovers(fn) {
		return nil
	}
	var holder ssa.Value
	if ctor := c.freshAlloc(fn); ctor != nil {
		holder = ctor // a constructor: the struct it returns
	} else if len(fn.Params) > 0 && structOf(fn.Params[0].Type()) != nil {
		if _, isPtr := fn.Params[0].Type().Underlying().(*types.Pointer); isPtr {
			holder = fn.Params[0] // a method: its receiver
		}
	}
	if holder == nil {
		return nil
	}
	var found *initCtx
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			wc, ok := instr.(*ssa.Call)
			if !ok || !c.manualCancel(wc) {
				continue
			}
			if found != nil {
				return nil
			}
			in := &initCtx{wc: wc, cancel: -1, recvArg: -1}
			for _, r := range refs(wc) {
				ex, ok := r.(*ssa.Extract)
				if !ok {
					return nil
				}
				for _, u := range refs(ex) {
					switch u := u.(type) {
					case *ssa.DebugRef:
					case *ssa.Store:
						fa, ok := u.Addr.(*ssa.FieldAddr)
						if ex.Index != 1 || !ok || fa.X != holder || in.cancel >= 0 {
							return nil
						}
						in.cancel = fa.Field
						if !dominatesReturns(u.Block()) {
							return nil
						}
					case *ssa.Go:
						if ex.Index != 0 || in.g != nil {
							return nil
						}
						in.g = u
					default:
						return nil
					}
				}
			}
			if in.cancel < 0 || in.g == nil || !dominatesReturns(in.g.Block()) {
				return nil
			}
			found = in
		}
	}
	if found == nil {
		return nil
	}
	_, found.ctor = holder.(*ssa.Alloc)
	g := found.g
	gfn, ok := g.Call.Value.(*ssa.Function)
	if !ok || g.Call.IsInvoke() || gfn.Pkg != c.ssaPkg || len(gfn.Blocks) == 0 {
		return nil
	}
	found.ctxArg = -1
	for i, a := range g.Call.Args {
		switch {
		case a == holder:
			if found.recvArg >= 0 {
				return nil
			}
			found.recvArg = i
		case isExtract(a, found.wc, 0):
			if found.ctxArg >= 0 {
				return nil
			}
			found.ctxArg = i
		}
	}
	if found.ctxArg < 0 {
		return nil
	}
	return found
}

func isExtract(v ssa.Value, call *ssa.Call, i int) bool {
	ex, ok := v.(*ssa.Extract)
	return ok && ex.Tuple == call && ex.Index == i
}

// dominatesReturns reports whether block b runs on every path to a return.
func dominatesReturns(b *ssa.BasicBlock) bool {
	for _, r := range b.Parent().Blocks {
		if isReturn(r) && !b.Dominates(r) {
			return false
		}
	}
	return true
}

// checkInitCtx checks a call of an init method on a fresh local struct
// (r := &T{}; r.init(context.Background())): the goroutine it starts waits
// on a context that only the cancel function in r ends, so the caller must
// call something that cancels it on every path.
func (c *checker) checkInitCtx(fn *ssa.Function, call *ssa.Call) {
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Pkg != c.ssaPkg || callee == fn || call.Call.IsInvoke() {
		return
	}
	in := c.initCtxOf(callee)
	if in == nil || !c.rootCtx(in.wc.Call.Args[0], callee, call) {
		return
	}
	// The struct: the one the constructor returns, or a fresh local one
	// the method is called on.
	var holder ssa.Value = call
	var skip ssa.Instruction
	if !in.ctor {
		if len(call.Call.Args) == 0 {
			return
		}
		alloc, ok := call.Call.Args[0].(*ssa.Alloc)
		if !ok {
			return
		}
		holder, skip = alloc, call
	}
	gfn := in.g.Call.Value.(*ssa.Function)
	if in.ctxArg >= len(gfn.Params) || (in.recvArg >= len(gfn.Params)) {
		return
	}
	wait := c.summarize(gfn, gfn.Params[in.ctxArg], -1)
	if wait.Escapes || len(wait.Spawns) > 0 || wait.Recv.lo == 0 {
		return
	}
	sum := merge(wait, &summary{})
	if in.recvArg >= 0 {
		own := c.summarize(gfn, gfn.Params[in.recvArg], in.cancel)
		if own.Escapes || len(own.Spawns) > 0 {
			return
		}
		if own.Close.hi > 0 && !c.closesAfterWait(gfn, gfn.Params[in.ctxArg], gfn.Params[in.recvArg], in.cancel) {
			return // the goroutine may cancel the context itself
		}
	}
	evs, ok := c.eventsExcept(fn, holder, in.cancel, skip)
	if !ok {
		return
	}
	evs = append([]event{{kind: evMake, instr: call, pos: call.Pos()}, {kind: evGo, instr: call, sum: sum, pos: call.Pos()}}, evs...)
	recv := "the receiver"
	if sel := c.callSelector(call); sel != nil && !in.ctor {
		recv = types.ExprString(sel.X)
	}
	if in.ctor {
		recv = "the result"
		for _, n := range c.pathAt(call.Pos()) {
			if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
				recv = types.ExprString(as.Lhs[0])
				break
			}
		}
	}
	st := structOf(holder.Type())
	ch := &channel{fn: fn, origin: call, evs: evs, bufKnown: true,
		label:  fmt.Sprintf("ctx.Done() of the context that %s makes", types.ExprString(c.callFun(call))),
		cancel: recv + "." + st.Field(in.cancel).Name()}
	c.classify(ch)
}

// callSelector returns the x.m of a method call x.m(...), or nil.
func (c *checker) callSelector(call *ssa.Call) *ast.SelectorExpr {
	sel, _ := c.callFun(call).(*ast.SelectorExpr)
	return sel
}

// callFun returns the function expression of the call at call's position.
func (c *checker) callFun(call *ssa.Call) ast.Expr {
	for _, n := range c.pathAt(call.Pos()) {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == call.Pos() {
			return ce.Fun
		}
	}
	return &ast.Ident{Name: call.Call.StaticCallee().Name()}
}

// closesAfterWait reports whether goroutine gfn cancels the context (field
// cancel of holder) only after it has waited on it (ctx): its first
// blocking receive from ctx comes before every cancel on every path, so
// its own cancel cannot release it.
func (c *checker) closesAfterWait(gfn *ssa.Function, ctx, holder ssa.Value, cancel int) bool {
	waits, ok := c.events(gfn, ctx, -1)
	if !ok {
		return false
	}
	var wait ssa.Instruction
	for _, e := range waits {
		if e.kind != evRecv {
			continue
		}
		if wait != nil {
			return false
		}
		wait = e.instr
	}
	if wait == nil {
		return false
	}
	closes, ok := c.events(gfn, holder, cancel)
	if !ok {
		return false
	}
	for _, e := range closes {
		if !before(wait, e.instr) {
			return false
		}
	}
	return true
}

// before reports whether a runs before b on every path to b.
func before(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	for _, instr := range a.Block().Instrs {
		switch instr {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// freshAlloc returns the struct that constructor fn makes and returns,
// when freshFields accepts fn as a constructor of a fresh struct.
func (c *checker) freshAlloc(fn *ssa.Function) *ssa.Alloc {
	c.freshFields(fn)
	if _, ok := c.freshGos[fn]; !ok {
		return nil
	}
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
			a, _ := ret.Results[0].(*ssa.Alloc)
			return a
		}
	}
	return nil
}
