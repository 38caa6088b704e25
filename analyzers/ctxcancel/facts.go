package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/types"
)

// cancelPair is the fact that a function returns a cancel function its
// caller must call: it returns, at result index Cancel, the cancel of a
// context.WithCancel-like call or of another such function. Ctx is the
// index of the derived context among the results, or -1.
type cancelPair struct {
	Ctx    int
	Cancel int
	Err    bool // the function also returns an error or an ok bool (the cancel may be nil on failure)
}

func (*cancelPair) AFact() {}

func (p *cancelPair) String() string {
	if p.Err {
		return fmt.Sprintf("cancelPair(ctx=%d, cancel=%d, err)", p.Ctx, p.Cancel)
	}
	return fmt.Sprintf("cancelPair(ctx=%d, cancel=%d)", p.Ctx, p.Cancel)
}

// exportCancelPairs exports a cancelPair fact for every declared function
// of the package that returns the cancel function of a cancel constructor
// (or of a function that has the fact). It iterates so that wrappers of
// wrappers within the package are found too.
func (c *checker) exportCancelPairs(units []*unit) {
	for round := 0; round < 3; round++ {
		changed := false
		for _, u := range units {
			d, ok := u.node.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
			if !ok || c.pass.ImportObjectFact(fn, new(cancelPair)) {
				continue
			}
			if p := c.returnedPair(u); p != nil {
				c.pass.ExportObjectFact(fn, p)
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// returnedPair reports which results of u carry a cancel function (and its
// context) obtained from a cancel constructor, or nil.
func (c *checker) returnedPair(u *unit) *cancelPair {
	res := u.sig.Results()
	hasFunc := false
	for v := range res.Variables() {
		if _, ok := v.Type().Underlying().(*types.Signature); ok {
			hasFunc = true
		}
	}
	if !hasFunc {
		return nil
	}
	sites := c.cancelSites(u)
	cancelVars := make(map[*types.Var]*site)
	ctxVars := make(map[*types.Var]bool)
	for _, s := range sites {
		if s.cancel != nil {
			cancelVars[s.cancel] = s
		}
		if s.ctx != nil {
			ctxVars[s.ctx] = true
		}
	}
	var pair *cancelPair
	found := func(ctx, cancel int) {
		if pair == nil {
			pair = &cancelPair{Ctx: ctx, Cancel: cancel}
		}
	}
	inspectBody(u, func(n ast.Node, _ []ast.Node) bool {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || pair != nil {
			return pair == nil
		}
		switch {
		case len(ret.Results) == 0:
			// Naked return of named results.
			cancel, ctx := -1, -1
			for i := range res.Len() {
				v := res.At(i)
				if cancelVars[v] != nil {
					cancel = i
				} else if ctxVars[v] {
					ctx = i
				}
			}
			if cancel >= 0 {
				found(ctx, cancel)
			}
		case len(ret.Results) == 1 && res.Len() > 1:
			// return context.WithCancel(ctx)
			if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
				if ct, ok := c.cancelCtor(call); ok && ct.nres == res.Len() {
					found(ct.ctx, ct.cancel)
				}
			}
		default:
			cancel, ctx := -1, -1
			for i, e := range ret.Results {
				if v := c.varOf(e); v != nil {
					if cancelVars[v] != nil {
						cancel = i
					} else if ctxVars[v] {
						ctx = i
					}
				}
			}
			if cancel >= 0 {
				found(ctx, cancel)
			}
		}
		return true
	})
	if pair != nil {
		if _, ok := res.At(pair.Cancel).Type().Underlying().(*types.Signature); !ok {
			return nil
		}
		for v := range res.Variables() {
			// An error or an ok flag reports failure, and the cancel may be
			// nil with it (return nil, nil, false).
			if types.Identical(v.Type(), types.Universe.Lookup("error").Type()) || types.Identical(v.Type(), types.Typ[types.Bool]) {
				pair.Err = true
			}
		}
	}
	return pair
}
