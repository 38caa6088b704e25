// Package dyncall resolves the dynamic calls whose target the package alone
// decides.
//
// A call through a function value, or of a method of an interface value,
// calls one known function when every value that can reach it was made in
// this package from one function (or one function literal), or from values
// of one concrete type. The values are followed back through:
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
//
// A [Resolver] answers for one package: [New] is cheap, and the index of
// the package's stores, closures and calls is built on the first question.
package dyncall

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A Resolver resolves the dynamic calls of one package. It is not safe for
// concurrent use.
type Resolver struct {
	pkg      *ssa.Package
	srcFuncs []*ssa.Function
	idx      *index                            // built on first use
	sites    map[*ssa.Function][]*ssa.Call     // built on first use
	resolved map[*ssa.CallCommon]*ssa.Function // by call, nil when unresolved
	// resolving holds the dynamic calls being resolved; cut counts the
	// resolutions cut short by meeting one of them again.
	resolving map[*ssa.CallCommon]bool
	cut       int
}

// New returns the resolver of the calls of pkg, whose functions declared in
// source (their function literals included, the package initializer not)
// are srcFuncs: buildssa's SrcFuncs.
func New(pkg *ssa.Package, srcFuncs []*ssa.Function) *Resolver {
	return &Resolver{
		pkg:       pkg,
		srcFuncs:  srcFuncs,
		resolved:  make(map[*ssa.CallCommon]*ssa.Function),
		resolving: make(map[*ssa.CallCommon]bool),
	}
}

// Callee returns the function that cc calls: its static callee, or the one
// function that every value reaching a dynamic call comes from. It is nil
// when the call is of a builtin or cannot be resolved.
func (r *Resolver) Callee(cc *ssa.CallCommon) *ssa.Function {
	if f := cc.StaticCallee(); f != nil {
		return f
	}
	return r.dynCallee(cc)
}

// CallSites maps each function of the package to its direct calls, from
// the functions declared in source and from the package initializer (the
// initial values of package-level variables); a nil entry stands for any
// other use (go, defer, a function value).
func (r *Resolver) CallSites() map[*ssa.Function][]*ssa.Call {
	if r.sites != nil {
		return r.sites
	}
	r.sites = make(map[*ssa.Function][]*ssa.Call)
	for _, caller := range r.allFuncs() {
		for _, b := range caller.Blocks {
			for _, instr := range b.Instrs {
				var rands []*ssa.Value
				for _, op := range instr.Operands(rands) {
					g, ok := (*op).(*ssa.Function)
					if !ok || g.Pkg != r.pkg {
						continue
					}
					if call, ok := instr.(*ssa.Call); ok && call.Call.Value == g {
						r.sites[g] = append(r.sites[g], call)
					} else {
						r.sites[g] = append(r.sites[g], nil)
					}
				}
			}
		}
	}
	return r.sites
}

// Args returns the values cc passes to its callee's parameters: the
// receiver first for a method call through an interface.
func Args(cc *ssa.CallCommon) []ssa.Value {
	if cc.IsInvoke() {
		return append([]ssa.Value{cc.Value}, cc.Args...)
	}
	return cc.Args
}

// dynCallee resolves a call that has no static callee, or returns nil. A
// call met again while it is being resolved does not resolve.
func (r *Resolver) dynCallee(cc *ssa.CallCommon) *ssa.Function {
	if _, ok := cc.Value.(*ssa.Builtin); ok {
		return nil
	}
	if fn, ok := r.resolved[cc]; ok {
		return fn
	}
	if r.resolving[cc] {
		r.cut++
		return nil
	}
	r.resolving[cc] = true
	cut := r.cut
	fn := r.resolve(cc)
	delete(r.resolving, cc)
	if r.cut == cut {
		r.resolved[cc] = fn // not cut short by a cycle
	}
	return fn
}

// resolve resolves a dynamic call.
func (r *Resolver) resolve(cc *ssa.CallCommon) *ssa.Function {
	var leaves []ssa.Value
	if !r.leaves(cc.Value, map[ssa.Value]bool{}, &leaves) || len(leaves) == 0 {
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
		prog := r.pkg.Prog
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

// leaves adds to out the values that v comes from (functions, closures,
// interface conversions); it fails when one of them cannot be followed.
func (r *Resolver) leaves(v ssa.Value, seen map[ssa.Value]bool, out *[]ssa.Value) bool {
	if seen[v] {
		return true
	}
	seen[v] = true
	if len(seen) > 256 {
		return false
	}
	all := func(vs []ssa.Value) bool {
		for _, w := range vs {
			if !r.leaves(w, seen, out) {
				return false
			}
		}
		return true
	}
	d := r.index()
	switch x := v.(type) {
	case *ssa.Function, *ssa.MakeClosure, *ssa.MakeInterface:
		*out = append(*out, v)
		return true
	case *ssa.Const:
		return x.IsNil()
	case *ssa.ChangeType:
		return r.leaves(x.X, seen, out)
	case *ssa.ChangeInterface:
		return r.leaves(x.X, seen, out)
	case *ssa.Phi:
		return all(x.Edges)
	case *ssa.Field:
		fld := fieldVar(x.X.Type(), x.Field)
		return fld != nil && !d.fieldOpen[fld] && r.ownField(fld) && all(d.fieldVals[fld])
	case *ssa.UnOp:
		if x.CommaOk {
			return false
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			fld := fieldVar(a.X.Type(), a.Field)
			return fld != nil && !d.fieldOpen[fld] && r.ownField(fld) && all(d.fieldVals[fld])
		case *ssa.Global:
			return a.Pkg == r.pkg && (!a.Object().Exported() || r.isMain()) && !d.globalOpen[a] && all(d.globalVals[a])
		case *ssa.Alloc, *ssa.FreeVar:
			vals, ok := r.cellVals(a)
			return ok && all(vals)
		}
		return false
	case *ssa.FreeVar:
		vals, ok := r.boundVals(x)
		return ok && all(vals)
	case *ssa.Parameter:
		vals, ok := r.paramVals(x)
		return ok && all(vals)
	case *ssa.Call:
		vals, ok := r.resultVals(x, 0, false)
		return ok && all(vals)
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		if !ok {
			return false
		}
		vals, ok := r.resultVals(call, x.Index, true)
		return ok && all(vals)
	}
	return false
}

// ownField reports whether only this package can assign fld.
func (r *Resolver) ownField(fld *types.Var) bool {
	return fld.Pkg() == r.pkg.Pkg && (!fld.Exported() || r.isMain())
}

// isMain reports whether the package is a main package, which no package
// imports.
func (r *Resolver) isMain() bool { return r.pkg.Pkg.Name() == "main" }
