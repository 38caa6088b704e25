package goleak

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file resolves the dynamic calls whose target the package alone
// decides. A call through a function value, or of a method of an interface
// value, calls one known function when every value that can reach it was
// made in this package from one function (or one function literal), or
// from values of one concrete type. The values are followed back through:
//
//   - a load of a struct field that only this package can assign (an
//     unexported field of a struct type it declares, or any field in
//     package main, which no package imports), to every store into that
//     field; a field whose address goes anywhere else is not followed;
//   - a load of such a package-level variable, likewise;
//   - a captured variable, to every store into it;
//   - a parameter of a function that is only ever called directly (not
//     started, deferred or used as a value; for a method, its type is
//     never converted to an interface and the method never made a value),
//     and that only this package can call, to the argument of every call;
//   - the result of a call of a function of this package, to every value
//     it returns;
//   - conversions and phis, to their operands.
//
// A nil value adds nothing: calling it panics. Anything else (a value from
// another package, a type assertion, a map or slice element) leaves the
// call unresolved. Reflection and unsafe writes to fields are not seen.

// A dynIndex holds what the resolution needs from the whole package: the
// values stored into each field and package-level variable, and the
// closures made of each function literal.
type dynIndex struct {
	fieldVals  map[*types.Var][]ssa.Value // by field, Origin
	fieldOpen  map[*types.Var]bool        // fields whose address goes elsewhere
	globalVals map[*ssa.Global][]ssa.Value
	globalOpen map[*ssa.Global]bool
	closures   map[*ssa.Function][]*ssa.MakeClosure
	ifaceTypes []types.Type                 // the types the package converts to interfaces
	methodVals map[*types.Func]bool         // methods made values (bound or thunk)
	invokes    map[string][]*ssa.CallCommon // interface calls, by method Id
	resolving  map[*ssa.CallCommon]bool     // dynamic calls being resolved
	resolved   map[*ssa.CallCommon]*ssa.Function
	cut        int // resolutions cut short by a cycle
}

// callee returns the function that cc calls: its static callee, or the one
// function that every value reaching a dynamic call comes from. It is nil
// when the call is of a builtin or cannot be resolved.
func (c *checker) callee(cc *ssa.CallCommon) *ssa.Function {
	if f := cc.StaticCallee(); f != nil {
		return f
	}
	return c.dynCallee(cc)
}

// dynCallee resolves a call that has no static callee, or returns nil. A
// call met again while it is being resolved does not resolve.
func (c *checker) dynCallee(cc *ssa.CallCommon) *ssa.Function {
	if _, ok := cc.Value.(*ssa.Builtin); ok {
		return nil
	}
	d := c.dynIdx()
	if fn, ok := d.resolved[cc]; ok {
		return fn
	}
	if d.resolving[cc] {
		d.cut++
		return nil
	}
	d.resolving[cc] = true
	cut := d.cut
	fn := c.resolveDyn(cc)
	delete(d.resolving, cc)
	if d.cut == cut {
		d.resolved[cc] = fn // not cut short by a cycle
	}
	return fn
}

// resolveDyn resolves a dynamic call.
func (c *checker) resolveDyn(cc *ssa.CallCommon) *ssa.Function {
	var leaves []ssa.Value
	if !c.dynLeaves(cc.Value, map[ssa.Value]bool{}, &leaves) || len(leaves) == 0 {
		return nil
	}
	if cc.IsInvoke() {
		var t types.Type
		for _, l := range leaves {
			mi, ok := l.(*ssa.MakeInterface)
			if !ok || (t != nil && !types.Identical(t, mi.X.Type())) {
				return nil
			}
			t = mi.X.Type()
		}
		prog := c.ssaPkg.Prog
		sel := prog.MethodSets.MethodSet(t).Lookup(cc.Method.Pkg(), cc.Method.Name())
		if sel == nil {
			return nil
		}
		return prog.MethodValue(sel)
	}
	var fn *ssa.Function
	for _, l := range leaves {
		var g *ssa.Function
		switch l := l.(type) {
		case *ssa.Function:
			g = l
		case *ssa.MakeClosure:
			g = l.Fn.(*ssa.Function)
		default:
			return nil
		}
		if fn != nil && g != fn {
			return nil
		}
		fn = g
	}
	return fn
}

// callArgs returns the values cc passes to its callee's parameters: the
// receiver first for a method call through an interface.
func callArgs(cc *ssa.CallCommon) []ssa.Value {
	if cc.IsInvoke() {
		return append([]ssa.Value{cc.Value}, cc.Args...)
	}
	return cc.Args
}

// dynLeaves adds to out the values that v comes from (functions, closures,
// interface conversions); it fails when one of them cannot be followed.
func (c *checker) dynLeaves(v ssa.Value, seen map[ssa.Value]bool, out *[]ssa.Value) bool {
	if seen[v] {
		return true
	}
	seen[v] = true
	if len(seen) > 256 {
		return false
	}
	all := func(vs []ssa.Value) bool {
		for _, w := range vs {
			if !c.dynLeaves(w, seen, out) {
				return false
			}
		}
		return true
	}
	d := c.dynIdx()
	switch x := v.(type) {
	case *ssa.Function, *ssa.MakeClosure, *ssa.MakeInterface:
		*out = append(*out, v)
		return true
	case *ssa.Const:
		return x.IsNil()
	case *ssa.ChangeType:
		return c.dynLeaves(x.X, seen, out)
	case *ssa.ChangeInterface:
		return c.dynLeaves(x.X, seen, out)
	case *ssa.Phi:
		return all(x.Edges)
	case *ssa.Field:
		fld := fieldVar(x.X.Type(), x.Field)
		return fld != nil && !d.fieldOpen[fld] && c.ownField(fld) && all(d.fieldVals[fld])
	case *ssa.UnOp:
		if x.CommaOk {
			return false
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			fld := fieldVar(a.X.Type(), a.Field)
			return fld != nil && !d.fieldOpen[fld] && c.ownField(fld) && all(d.fieldVals[fld])
		case *ssa.Global:
			return a.Pkg == c.ssaPkg && (!a.Object().Exported() || c.isMainPkg()) && !d.globalOpen[a] && all(d.globalVals[a])
		case *ssa.Alloc, *ssa.FreeVar:
			vals, ok := c.cellVals(a)
			return ok && all(vals)
		}
		return false
	case *ssa.FreeVar:
		vals, ok := c.boundVals(x)
		return ok && all(vals)
	case *ssa.Parameter:
		vals, ok := c.paramVals(x)
		return ok && all(vals)
	case *ssa.Call:
		vals, ok := c.resultVals(x, 0, false)
		return ok && all(vals)
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		if !ok {
			return false
		}
		vals, ok := c.resultVals(call, x.Index, true)
		return ok && all(vals)
	}
	return false
}

// dynIdx builds (once) the index of the package's stores and closures.
func (c *checker) dynIdx() *dynIndex {
	if c.dyn != nil {
		return c.dyn
	}
	d := &dynIndex{
		fieldVals:  make(map[*types.Var][]ssa.Value),
		fieldOpen:  make(map[*types.Var]bool),
		globalVals: make(map[*ssa.Global][]ssa.Value),
		globalOpen: make(map[*ssa.Global]bool),
		closures:   make(map[*ssa.Function][]*ssa.MakeClosure),
		methodVals: make(map[*types.Func]bool),
		invokes:    make(map[string][]*ssa.CallCommon),
		resolving:  make(map[*ssa.CallCommon]bool),
		resolved:   make(map[*ssa.CallCommon]*ssa.Function),
	}
	c.dyn = d
	for _, fn := range c.allFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				d.note(instr)
			}
		}
	}
	return d
}

// note records what instr stores, makes or converts.
func (d *dynIndex) note(instr ssa.Instruction) {
	switch x := instr.(type) {
	case *ssa.FieldAddr:
		fld := fieldVar(x.X.Type(), x.Field)
		if fld == nil {
			return
		}
		for _, r := range refs(x) {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr == x && r.Val != x {
					d.fieldVals[fld] = append(d.fieldVals[fld], r.Val)
					continue
				}
			case *ssa.UnOp:
				continue
			case *ssa.DebugRef:
				continue
			}
			d.fieldOpen[fld] = true
		}
	case *ssa.MakeClosure:
		fn := x.Fn.(*ssa.Function)
		d.closures[fn] = append(d.closures[fn], x)
		if fn.Synthetic != "" {
			if m, ok := fn.Object().(*types.Func); ok {
				d.methodVals[m] = true
			}
		}
	case *ssa.MakeInterface:
		d.ifaceTypes = append(d.ifaceTypes, x.X.Type())
	case ssa.CallInstruction:
		if cc := x.Common(); cc.IsInvoke() {
			d.invokes[cc.Method.Id()] = append(d.invokes[cc.Method.Id()], cc)
		}
	}
	var rands []*ssa.Value
	for _, op := range instr.Operands(rands) {
		switch v := (*op).(type) {
		case *ssa.Global:
			if st, ok := instr.(*ssa.Store); ok && op == &st.Addr {
				d.globalVals[v] = append(d.globalVals[v], st.Val)
				continue
			}
			switch instr.(type) {
			case *ssa.UnOp, *ssa.DebugRef:
			default:
				d.globalOpen[v] = true
			}
		case *ssa.Function:
			if v.Synthetic != "" {
				if m, ok := v.Object().(*types.Func); ok {
					d.methodVals[m] = true // a method expression
				}
			}
		}
	}
}

// allFuncs returns the functions of the package with a body, the package
// initializer (which assigns package-level variables) included.
func (c *checker) allFuncs() []*ssa.Function {
	fns := c.srcFuncs
	if init, ok := c.ssaPkg.Members["init"].(*ssa.Function); ok {
		fns = append(fns[:len(fns):len(fns)], init)
		for _, a := range init.AnonFuncs {
			fns = append(fns, a)
		}
	}
	return fns
}

// fieldVar returns the field i of the struct that t is or points to.
func fieldVar(t types.Type, i int) *types.Var {
	st := structOf(t)
	if st == nil || i >= st.NumFields() {
		return nil
	}
	return st.Field(i).Origin()
}

// ownField reports whether only this package can assign fld.
func (c *checker) ownField(fld *types.Var) bool {
	return fld.Pkg() == c.pass.Pkg && (!fld.Exported() || c.isMainPkg())
}

func (c *checker) isMainPkg() bool { return c.pass.Pkg.Name() == "main" }

// cellVals returns the values stored into the variable cell a (a local
// variable that a closure captures, or the captured variable itself):
// every store into it, in its maker and in every closure that captures it.
func (c *checker) cellVals(cell ssa.Value) ([]ssa.Value, bool) {
	if fv, ok := cell.(*ssa.FreeVar); ok {
		root, ok := c.cellRoot(fv, 0)
		if !ok {
			return nil, false
		}
		cell = root
	}
	var vals []ssa.Value
	work := []ssa.Value{cell}
	seen := map[ssa.Value]bool{cell: true}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		for _, r := range refs(x) {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr != x || r.Val == x {
					return nil, false
				}
				vals = append(vals, r.Val)
			case *ssa.UnOp, *ssa.DebugRef:
			case *ssa.MakeClosure:
				fn := r.Fn.(*ssa.Function)
				for i, b := range r.Bindings {
					if b == x && !seen[fn.FreeVars[i]] {
						seen[fn.FreeVars[i]] = true
						work = append(work, fn.FreeVars[i])
					}
				}
			default:
				return nil, false
			}
		}
	}
	return vals, true
}

// cellRoot returns the variable cell that the captured variable fv stands
// for: the Alloc its one closure binds, through enclosing closures.
func (c *checker) cellRoot(fv *ssa.FreeVar, depth int) (ssa.Value, bool) {
	vals, ok := c.boundVals(fv)
	if !ok || len(vals) != 1 || depth > 8 {
		return nil, false
	}
	switch b := vals[0].(type) {
	case *ssa.Alloc:
		return b, true
	case *ssa.FreeVar:
		return c.cellRoot(b, depth+1)
	}
	return nil, false
}

// boundVals returns the values bound to the captured variable fv by every
// closure made of its function.
func (c *checker) boundVals(fv *ssa.FreeVar) ([]ssa.Value, bool) {
	fn := fv.Parent()
	i := -1
	for j, f := range fn.FreeVars {
		if f == fv {
			i = j
		}
	}
	mcs := c.dynIdx().closures[fn]
	if i < 0 || len(mcs) == 0 {
		return nil, false
	}
	var vals []ssa.Value
	for _, mc := range mcs {
		vals = append(vals, mc.Bindings[i])
	}
	return vals, true
}

// paramVals returns the arguments of every call of p's function for p,
// when those calls are all there are: the function is not started,
// deferred or made a value, and only this package can call it (it is
// unexported, or the package is main). A method of a type converted to an
// interface is also called by the interface calls of its name: each of
// them must resolve, and its arguments count when it resolves to the
// method. No other package may make such a call: the method is unexported,
// or its signature names a type of this package (package main).
func (c *checker) paramVals(p *ssa.Parameter) ([]ssa.Value, bool) {
	fn := p.Parent()
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Parent() != nil || fn.Pkg != c.ssaPkg || fn.TypeParams().Len() > 0 || (obj.Exported() && !c.isMainPkg()) {
		return nil, false
	}
	i := -1
	for j, q := range fn.Params {
		if q == p {
			i = j
		}
	}
	if i < 0 {
		return nil, false
	}
	var vals []ssa.Value
	for _, s := range c.callSites()[fn] {
		if s == nil {
			return nil, false
		}
		vals = append(vals, s.Call.Args[i])
	}
	if fn.Signature.Recv() != nil {
		more, ok := c.invokeArgs(fn, obj, i)
		if !ok {
			return nil, false
		}
		vals = append(vals, more...)
	}
	return vals, len(vals) > 0
}

// invokeArgs returns argument i of the interface calls that resolve to
// method fn (obj), failing when fn can be reached otherwise: made a value,
// or called through an interface by a call that does not resolve or that
// another package could make.
func (c *checker) invokeArgs(fn *ssa.Function, obj *types.Func, i int) ([]ssa.Value, bool) {
	d := c.dynIdx()
	if d.methodVals[obj] {
		return nil, false
	}
	converted := false
	for _, t := range d.ifaceTypes {
		if sel := c.ssaPkg.Prog.MethodSets.MethodSet(t).Lookup(obj.Pkg(), obj.Name()); sel != nil && sel.Obj() == obj {
			converted = true
			break
		}
	}
	if !converted {
		return nil, true
	}
	if obj.Exported() && !namesLocalType(obj.Signature(), c.pass.Pkg) {
		return nil, false
	}
	var vals []ssa.Value
	for _, cc := range d.invokes[obj.Id()] {
		switch g := c.dynCallee(cc); {
		case g == fn:
			vals = append(vals, callArgs(cc)[i])
		case g == nil, g.Object() == obj:
			return nil, false // unresolved, or through a wrapper
		}
	}
	return vals, true
}

// namesLocalType reports whether sig mentions a named type declared in
// pkg among its parameters or results, at the top level.
func namesLocalType(sig *types.Signature, pkg *types.Package) bool {
	for _, tup := range []*types.Tuple{sig.Params(), sig.Results()} {
		for v := range tup.Variables() {
			t := v.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == pkg {
				return true
			}
		}
	}
	return false
}

// resultVals returns the values that call's callee returns as result i,
// on every return, when the callee is a function of this package.
func (c *checker) resultVals(call *ssa.Call, i int, tuple bool) ([]ssa.Value, bool) {
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Pkg != c.ssaPkg || len(fn.Blocks) == 0 || fn.TypeParams().Len() > 0 {
		return nil, false
	}
	if n := fn.Signature.Results().Len(); (n != 1 && !tuple) || i >= n {
		return nil, false
	}
	var vals []ssa.Value
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			vals = append(vals, ret.Results[i])
		}
	}
	return vals, len(vals) > 0
}

// hookSet recognises the test of an installed hook, if h != nil { h() }:
// iff compares with nil a function value (or interface) that a dynamic
// call resolves in the block the test leads to when it is set. The flow
// follows only that block: the hook holds nothing but that function once
// installed, and the path where it is not is the one the program leaves
// unconfigured. set is the value of the condition that leads there.
func (c *checker) hookSet(iff *ssa.If) (set, ok bool) {
	cmp, isCmp := iff.Cond.(*ssa.BinOp)
	if !isCmp || (cmp.Op != token.NEQ && cmp.Op != token.EQL) {
		return false, false
	}
	v := cmp.X
	if k, isK := v.(*ssa.Const); isK && k.IsNil() {
		v = cmp.Y
	} else if k, isK := cmp.Y.(*ssa.Const); !isK || !k.IsNil() {
		return false, false
	}
	succs := iff.Block().Succs
	next := succs[0]
	if cmp.Op == token.EQL {
		next = succs[1]
	}
	for _, instr := range next.Instrs {
		ci, isCall := instr.(ssa.CallInstruction)
		if !isCall {
			continue
		}
		cc := ci.Common()
		if cc.StaticCallee() == nil && sameRead(cc.Value, v) && c.dynCallee(cc) != nil {
			return cmp.Op == token.NEQ, true
		}
	}
	return false, false
}

// sameRead reports whether a and b read the same variable or field of the
// same value.
func sameRead(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	switch x := a.(type) {
	case *ssa.UnOp:
		y, ok := b.(*ssa.UnOp)
		return ok && x.Op == token.MUL && y.Op == token.MUL && sameAddr(x.X, y.X)
	case *ssa.Field:
		y, ok := b.(*ssa.Field)
		return ok && x.X == y.X && x.Field == y.Field
	}
	return false
}

func sameAddr(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	x, ok1 := a.(*ssa.FieldAddr)
	y, ok2 := b.(*ssa.FieldAddr)
	return ok1 && ok2 && x.X == y.X && x.Field == y.Field
}
