package dyncall

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// cellVals returns the values stored into the variable cell a (a local
// variable that a closure captures, or the captured variable itself):
// every store into it, in its maker and in every closure that captures it.
func (r *Resolver) cellVals(cell ssa.Value) ([]ssa.Value, bool) {
	if fv, ok := cell.(*ssa.FreeVar); ok {
		root, ok := r.cellRoot(fv, 0)
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
		for _, u := range refs(x) {
			switch u := u.(type) {
			case *ssa.Store:
				if u.Addr != x || u.Val == x {
					return nil, false
				}
				vals = append(vals, u.Val)
			case *ssa.UnOp, *ssa.DebugRef:
			case *ssa.MakeClosure:
				fn := u.Fn.(*ssa.Function)
				for i, b := range u.Bindings {
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
func (r *Resolver) cellRoot(fv *ssa.FreeVar, depth int) (ssa.Value, bool) {
	vals, ok := r.boundVals(fv)
	if !ok || len(vals) != 1 || depth > 8 {
		return nil, false
	}
	switch b := vals[0].(type) {
	case *ssa.Alloc:
		return b, true
	case *ssa.FreeVar:
		return r.cellRoot(b, depth+1)
	}
	return nil, false
}

// boundVals returns the values bound to the captured variable fv by every
// closure made of its function.
func (r *Resolver) boundVals(fv *ssa.FreeVar) ([]ssa.Value, bool) {
	fn := fv.Parent()
	i := -1
	for j, f := range fn.FreeVars {
		if f == fv {
			i = j
		}
	}
	mcs := r.index().closures[fn]
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
func (r *Resolver) paramVals(p *ssa.Parameter) ([]ssa.Value, bool) {
	fn := p.Parent()
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Parent() != nil || fn.Pkg != r.pkg || fn.TypeParams().Len() > 0 || (obj.Exported() && !r.isMain()) {
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
	for _, s := range r.CallSites()[fn] {
		if s == nil {
			return nil, false
		}
		vals = append(vals, s.Call.Args[i])
	}
	if fn.Signature.Recv() != nil {
		more, ok := r.invokeArgs(fn, obj, i)
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
func (r *Resolver) invokeArgs(fn *ssa.Function, obj *types.Func, i int) ([]ssa.Value, bool) {
	d := r.index()
	if d.methodVals[obj] {
		return nil, false
	}
	converted := false
	for _, t := range d.ifaceTypes {
		if sel := r.pkg.Prog.MethodSets.MethodSet(t).Lookup(obj.Pkg(), obj.Name()); sel != nil && sel.Obj() == obj {
			converted = true
			break
		}
	}
	if !converted {
		return nil, true
	}
	if obj.Exported() && !namesLocalType(obj.Signature(), r.pkg.Pkg) {
		return nil, false
	}
	var vals []ssa.Value
	for _, cc := range d.invokes[obj.Id()] {
		switch g := r.dynCallee(cc); {
		case g == fn:
			vals = append(vals, Args(cc)[i])
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
func (r *Resolver) resultVals(call *ssa.Call, i int, tuple bool) ([]ssa.Value, bool) {
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Pkg != r.pkg || len(fn.Blocks) == 0 || fn.TypeParams().Len() > 0 {
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
