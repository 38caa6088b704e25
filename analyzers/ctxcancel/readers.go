package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// ctxReader is the fact that a function reads the context parameters at
// the indices Params only for the values they carry: every use of such a
// parameter is ctx.Value, or passing it where the callee only reads values
// too (a logger or tracer taken from the context, apis.CtxValueReaders).
// A root context given to it loses log and trace correlation, never
// cancellation.
type ctxReader struct {
	Params []int
}

func (*ctxReader) AFact() {}

func (r *ctxReader) String() string { return fmt.Sprintf("ctxReader%v", r.Params) }

// exportCtxReaders exports a ctxReader fact for every declared function of
// the package with context parameters that it only reads values from. It
// computes the greatest fixed point over the package's own functions, so
// that helpers calling helpers are found, and uses the facts of imported
// functions.
func (c *checker) exportCtxReaders(units []*unit) {
	c.readers = make(map[*types.Func][]int)
	c.paramFixpoint(units, c.readers, func(v *types.Var) bool { return isContext(v.Type()) }, func(u *unit, p *types.Var) bool {
		used, only := c.onlyValues(u, p)
		return used && only
	})
	for fn, ps := range c.readers {
		if len(ps) > 0 {
			c.pass.ExportObjectFact(fn, &ctxReader{Params: ps})
		}
	}
}

// paramFixpoint fills out with, for every declared function of the
// package, the indices of its named parameters that are candidates (cand)
// and for which holds is true, as a greatest fixed point: every candidate
// is assumed to hold at first, and holds (which may ask about other
// functions of the package through out, as it is being computed) removes
// them until nothing changes. Functions without a candidate parameter are
// not in out.
func (c *checker) paramFixpoint(units []*unit, out map[*types.Func][]int, cand func(*types.Var) bool, holds func(*unit, *types.Var) bool) {
	units = slices.DeleteFunc(slices.Clone(units), func(u *unit) bool {
		d, ok := u.node.(*ast.FuncDecl)
		if !ok || u.sig == nil {
			return true
		}
		fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok {
			return true
		}
		var params []int
		for i := range u.sig.Params().Len() {
			if v := u.sig.Params().At(i); cand(v) && v.Name() != "" && v.Name() != "_" {
				params = append(params, i)
			}
		}
		if len(params) == 0 {
			return true
		}
		out[fn] = params // optimistic start
		return false
	})
	fnOf := func(u *unit) *types.Func { return c.pass.TypesInfo.Defs[u.node.(*ast.FuncDecl).Name].(*types.Func) }
	for changed := true; changed; {
		changed = false
		for _, u := range units {
			fn := fnOf(u)
			kept := slices.DeleteFunc(slices.Clone(out[fn]), func(i int) bool { return !holds(u, u.sig.Params().At(i)) })
			if len(kept) != len(out[fn]) {
				out[fn] = kept
				changed = true
			}
		}
	}
}

// readsValuesOnly reports whether fn reads its i-th argument, a context,
// only for its values: a row of apis.CtxValueReaders, a function of this
// package found so by exportCtxReaders, or an imported one with the fact.
func (c *checker) readsValuesOnly(fn *types.Func, i int) bool {
	if fn == nil {
		return false
	}
	if row, ok := c.valueReaders.Lookup(fn); ok {
		return row.Ctx == i
	}
	if ps, ok := c.readers[fn]; ok {
		return slices.Contains(ps, i)
	}
	var f ctxReader
	if fn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(fn, &f) {
		return slices.Contains(f.Params, i)
	}
	return false
}

// onlyValues reports whether u uses the context parameter p at all, and
// whether every use, function literals included, reads values only:
// p.Value(k), or p passed as an argument that the callee only reads values
// from. A parameter that is never used carries nothing, and gets no fact.
func (c *checker) onlyValues(u *unit, p *types.Var) (used, only bool) {
	ok := true
	ast.PreorderStack(u.body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !ok || !isID || c.pass.TypesInfo.Uses[id] != p {
			return ok
		}
		used = true
		if len(stack) == 0 {
			ok = false
			return false
		}
		switch parent := stack[len(stack)-1].(type) {
		case *ast.SelectorExpr:
			if parent.Sel.Name == "Value" && len(stack) >= 2 {
				if call, isCall := stack[len(stack)-2].(*ast.CallExpr); isCall && call.Fun == parent {
					return true
				}
			}
		case *ast.CallExpr:
			if i := slices.IndexFunc(parent.Args, func(a ast.Expr) bool { return ast.Unparen(a) == id }); i >= 0 {
				if c.readsValuesOnly(c.callee(parent), i) {
					return true
				}
			}
		}
		ok = false
		return false
	})
	return used, ok
}

// valueReaderArg reports whether root is passed to outer at an argument
// position whose callee only reads values from its context.
func (c *checker) valueReaderArg(outer, root *ast.CallExpr) bool {
	i := slices.IndexFunc(outer.Args, func(a ast.Expr) bool { return ast.Unparen(a) == root })
	return i >= 0 && c.readsValuesOnly(c.callee(outer), i)
}

// discardsContext reports whether the statement parent assigns the
// results of outer, a call that derives a context and returns no error
// (tracer.Start), so that its context result goes to the blank
// identifier: the root context given to it then only shapes what else the
// call returns (the span's parent), and nothing downstream runs under it.
func (c *checker) discardsContext(parent ast.Node, outer *ast.CallExpr) bool {
	as, ok := parent.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != outer {
		return false
	}
	sig, ok := c.pass.TypesInfo.TypeOf(outer.Fun).(*types.Signature)
	if !ok || sig.Results().Len() != len(as.Lhs) {
		return false
	}
	discarded := false
	for i := range sig.Results().Len() {
		t := sig.Results().At(i).Type()
		if types.Identical(t, types.Universe.Lookup("error").Type()) {
			return false
		}
		if isContext(t) {
			id, isID := as.Lhs[i].(*ast.Ident)
			if !isID || id.Name != "_" {
				return false
			}
			discarded = true
		}
	}
	return discarded
}

// callSites returns, for each function declared in the package, the calls
// that name it directly; a function that is also used as a value (a method
// value, a callback, an interface satisfied by its method) maps to nil.
// It is computed once per pass.
func (c *checker) callSites() map[*types.Func][]*ast.CallExpr {
	if c.calls != nil {
		return c.calls
	}
	c.calls = make(map[*types.Func][]*ast.CallExpr)
	escaped := make(map[*types.Func]bool)
	for _, f := range c.pass.Files {
		ast.PreorderStack(f, nil, func(n ast.Node, stack []ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
			if !ok || fn.Pkg() != c.pass.Pkg {
				return true
			}
			var fun ast.Node = id
			i := len(stack) - 1
			if i >= 0 {
				if sel, ok := stack[i].(*ast.SelectorExpr); ok && sel.Sel == id {
					fun, i = sel, i-1
				}
			}
			for i >= 0 {
				if p, ok := stack[i].(*ast.ParenExpr); ok {
					fun, i = p, i-1
					continue
				}
				break
			}
			if i >= 0 {
				if call, ok := stack[i].(*ast.CallExpr); ok && call.Fun == fun {
					c.calls[fn] = append(c.calls[fn], call)
					return true
				}
			}
			escaped[fn] = true
			return true
		})
	}
	for fn := range escaped {
		c.calls[fn] = nil
	}
	return c.calls
}

// givenRootOnly reports whether u's i-th parameter is known to hold a root
// context on every call: passing it on instead of a new root changes
// nothing. See rootParam.
func (c *checker) givenRootOnly(u *unit, i int) bool {
	switch n := u.node.(type) {
	case *ast.FuncDecl:
		fn, ok := c.pass.TypesInfo.Defs[n.Name].(*types.Func)
		return ok && c.rootParam(fn, i, make(map[*types.Func]bool))
	case *ast.FuncLit:
		// A literal called or started where it is written,
		// go func(ctx context.Context) { ... }(context.Background()): its
		// one call gives the parameter its value.
		call := c.litCall(n)
		if call == nil || i >= len(call.Args) || call.Ellipsis.IsValid() || c.assignedIn(n.Body, u.sig.Params().At(i)) {
			return false
		}
		return c.rootArg(call.Args[i], make(map[*types.Func]bool))
	}
	return false
}

// litCall returns the call whose function is lit itself, or nil.
func (c *checker) litCall(lit *ast.FuncLit) *ast.CallExpr {
	var call *ast.CallExpr
	ast.Inspect(c.fileOf(lit.Pos()), func(n ast.Node) bool {
		if call != nil || n == nil || n.End() <= lit.Pos() || n.Pos() > lit.Pos() {
			return false
		}
		if x, ok := n.(*ast.CallExpr); ok && ast.Unparen(x.Fun) == lit {
			call = x
		}
		return call == nil
	})
	return call
}

// rootParam reports whether fn is an unexported function of the package,
// never used as a value, whose every caller (one at least) passes as its
// i-th argument context.Background() or context.TODO(), or a ctx parameter
// of its own that it never reassigns and that is itself known to hold a
// root context this way (tried once per function along a chain of calls:
// a cycle counts as unknown).
func (c *checker) rootParam(fn *types.Func, i int, visiting map[*types.Func]bool) bool {
	if fn.Exported() || fn.Pkg() != c.pass.Pkg || visiting[fn] {
		return false
	}
	visiting[fn] = true
	defer delete(visiting, fn)
	calls := c.callSites()[fn]
	if len(calls) == 0 {
		return false
	}
	for _, call := range calls {
		if i >= len(call.Args) || call.Ellipsis.IsValid() || !c.rootArg(call.Args[i], visiting) {
			return false
		}
	}
	return true
}

// rootArg reports whether the argument arg is context.Background() or
// context.TODO(), or a ctx parameter of the function that passes it, never
// reassigned there and itself known to hold a root context (rootParam).
func (c *checker) rootArg(arg ast.Expr, visiting map[*types.Func]bool) bool {
	switch arg := ast.Unparen(arg).(type) {
	case *ast.CallExpr:
		_, ok := c.roots.Lookup(c.callee(arg))
		return ok
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[arg].(*types.Var)
		if !ok {
			return false
		}
		caller, j, decl := c.paramOf(v)
		return caller != nil && !c.assignedIn(decl.Body, v) && c.rootParam(caller, j, visiting)
	}
	return false
}

// paramOf returns the function declared in the package whose j-th
// parameter is v, with its declaration, or nil.
func (c *checker) paramOf(v *types.Var) (*types.Func, int, *ast.FuncDecl) {
	if !v.IsField() && v.Pkg() == c.pass.Pkg {
		for _, f := range c.pass.Files {
			if v.Pos() < f.FileStart || v.Pos() >= f.FileEnd {
				continue
			}
			for _, decl := range f.Decls {
				d, ok := decl.(*ast.FuncDecl)
				if !ok || d.Body == nil || v.Pos() < d.Type.Pos() || v.Pos() >= d.Type.End() {
					continue
				}
				fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
				if !ok {
					return nil, 0, nil
				}
				params := fn.Signature().Params()
				for j := range params.Len() {
					if params.At(j) == v {
						return fn, j, d
					}
				}
			}
		}
	}
	return nil, 0, nil
}

// linksSpans reports whether u (function literals included) calls a
// function of apis.SpanLinkers: it relates spans by links, not parenthood.
func (c *checker) linksSpans(u *unit) bool {
	found := false
	ast.Inspect(u.body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if _, ok := apis.SpanLinkers.Lookup(c.callee(call)); ok {
				found = true
			}
		}
		return !found
	})
	return found
}
