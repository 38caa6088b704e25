package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// ctxAfterWait reports the rule ctx-after-wait: the context of a group
// made by errgroup.WithContext is cancelled when the group's Wait returns
// (errgroup documents it: "the first time Wait returns"). A call that is
// given that context, or one derived from it, on a path after Wait gets a
// context that is already done: the work it does for it fails or returns
// at once. Calls that only read the context's values (a logger, a span)
// lose nothing and are not reported, nor are uses inside function
// literals, nor paths on which the group or its context is assigned anew.
func (c *checker) ctxAfterWait(u *unit) {
	g := c.cfg(u)
	if g == nil {
		return
	}
	inspectBody(u, func(n ast.Node, stack []ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(stack) == 0 {
			return true
		}
		row, ok := c.groups.Lookup(c.callee(call))
		if !ok {
			return true
		}
		var lhs []ast.Expr
		switch p := stack[len(stack)-1].(type) {
		case *ast.AssignStmt:
			if len(p.Rhs) == 1 {
				lhs = p.Lhs
			}
		case *ast.ValueSpec:
			if len(p.Values) == 1 {
				for _, id := range p.Names {
					lhs = append(lhs, id)
				}
			}
		}
		if len(lhs) <= max(row.Group, row.Ctx) {
			return true
		}
		group, gctx := c.varOf(lhs[row.Group]), c.varOf(lhs[row.Ctx])
		if group == nil || gctx == nil || !within(u.node, gctx.Pos()) {
			return true
		}
		c.afterWait(u, g, group, c.newCtxSet(u, nil, gctx), gctx, c.varOf(call.Args[row.Parent]))
		return true
	})
}

// afterWait searches the paths from each group.Wait() call of u for the
// first call given a context of set.
func (c *checker) afterWait(u *unit, g *cfg.CFG, group *types.Var, set *ctxSet, gctx, parent *types.Var) {
	pname := "the group's parent context"
	if parent != nil {
		pname = parent.Name()
	}
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			wait := c.waitCall(n, group)
			if wait == nil {
				continue
			}
			seen := make(map[*cfg.Block]bool)
			var walk func(b *cfg.Block, nodes []ast.Node)
			walk = func(b *cfg.Block, nodes []ast.Node) {
				for _, n := range nodes {
					use, stop := c.groupCtxUse(n, group, set)
					if use != nil {
						fn := "the call"
						if f := c.callee(use); f != nil {
							fn = f.Name()
						}
						c.report.Report(analysis.Diagnostic{
							Pos: use.Pos(), End: use.End(), Category: ruleCtxAfterWait,
							Message: fmt.Sprintf("%s is given to %s after %s.Wait() (line %d), which cancels %s: %s gets a context that is already done and its work fails or stops at once; pass %s instead",
								gctx.Name(), fn, group.Name(), c.line(wait.Pos()), gctx.Name(), fn, pname),
							Related:        []analysis.RelatedInformation{{Pos: wait.Pos(), End: wait.End(), Message: fmt.Sprintf("%s cancelled here", gctx.Name())}},
							SuggestedFixes: c.parentFix(use, gctx, parent),
						})
						return
					}
					if stop {
						return
					}
				}
				for _, s := range b.Succs {
					if !seen[s] {
						seen[s] = true
						walk(s, s.Nodes)
					}
				}
			}
			walk(b, b.Nodes[i+1:])
		}
	}
}

// waitCall returns the call group.Wait() in node n (not in function
// literals), or nil.
func (c *checker) waitCall(n ast.Node, group *types.Var) *ast.CallExpr {
	var wait *ast.CallExpr
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if ok && c.varOf(sel.X) == group {
				if k, ok := c.joiners.Lookup(c.callee(x)); ok && k == apis.JoinWait {
					wait = x
				}
			}
		}
		return wait == nil
	})
	return wait
}

// groupCtxUse returns the first call in n (not in function literals) that
// is given a context of set for more than its values, and whether n
// assigns the group or a context of the set anew (the path ends there).
func (c *checker) groupCtxUse(n ast.Node, group *types.Var, set *ctxSet) (*ast.CallExpr, bool) {
	var use *ast.CallExpr
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			fn := c.callee(x)
			if _, ok := c.derivers.Lookup(fn); ok {
				return true // a derivation does nothing with the context yet
			}
			for i, a := range x.Args {
				if set.has(a) && !c.readsValuesOnly(fn, i) {
					use = x
				}
			}
		}
		return use == nil
	})
	if use != nil {
		return use, false
	}
	as, ok := n.(*ast.AssignStmt)
	if !ok || c.derivesFrom(as, set) {
		return nil, false
	}
	return nil, slices.ContainsFunc(as.Lhs, func(l ast.Expr) bool {
		v := c.varOf(l)
		return v != nil && (v == group || set.vars[v])
	})
}

// derivesFrom reports whether as assigns a derivation of a context of set
// (ctx, cancel := context.WithTimeout(gctx, d)): the set lives on in it.
func (c *checker) derivesFrom(as *ast.AssignStmt, set *ctxSet) bool {
	if len(as.Rhs) != 1 {
		return false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return set.has(as.Rhs[0])
	}
	row, ok := c.derivers.Lookup(c.callee(call))
	return ok && !row.Detach && row.Parent < len(call.Args) && set.has(call.Args[row.Parent])
}

// parentFix replaces the group's context, given as a plain argument of
// use, by the group's parent variable when that variable is what its name
// denotes at the call.
func (c *checker) parentFix(use *ast.CallExpr, gctx, parent *types.Var) []analysis.SuggestedFix {
	if parent == nil {
		return nil
	}
	scope := c.pass.Pkg.Scope().Innermost(use.Pos())
	if scope == nil {
		return nil
	}
	if _, obj := scope.LookupParent(parent.Name(), use.Pos()); obj != parent {
		return nil
	}
	var edits []analysis.TextEdit
	for _, a := range use.Args {
		if c.varOf(a) == gctx {
			edits = append(edits, analysis.TextEdit{Pos: a.Pos(), End: a.End(), NewText: []byte(parent.Name())})
		}
	}
	if len(edits) == 0 {
		return nil
	}
	return []analysis.SuggestedFix{{Message: fmt.Sprintf("pass %s instead of %s", parent.Name(), gctx.Name()), TextEdits: edits}}
}
