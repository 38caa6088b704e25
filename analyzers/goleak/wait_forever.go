package goleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// This file holds two more cases of unsignalled-wait, a Wait that nothing
// can ever end: a WaitGroup whose counter the package raises but never
// lowers, and a loop around a condition variable's Wait whose condition
// cannot change.

// A wgUses gathers what the package does with one WaitGroup: a field kind
// (an unexported, non-embedded field of a struct type of the package), or
// a local variable with the closures that capture it.
type wgUses struct {
	field   string // path.Type.field, or "" for a local variable
	show    string // Type.field, or the variable's name
	escapes bool   // handed anywhere but to its own methods
	lowers  bool   // Done, Go, or an Add whose count may be negative
	adds    []*ssa.Call
	waits   []*ssa.Call
}

// undoneWaitGroups reports a Wait on a WaitGroup whose counter the package
// raises (Add with a positive constant) and never lowers: no Done, no Go,
// no Add that may be negative. Once an Add has run, Wait never returns.
// The WaitGroup is an unexported field of a struct type of the package
// (not embedded: other packages could call its promoted methods), or a
// local variable; it must go nowhere but into calls of its own Add, Done,
// Go and Wait (a local one in the closures that capture it too).
func (lc *lockChecker) undoneWaitGroups() {
	fields := make(map[string]*wgUses)
	var all []*wgUses
	for _, fn := range lc.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.FieldAddr:
					id, show := lc.wgField(x)
					if id == "" {
						continue
					}
					u := fields[id]
					if u == nil {
						u = &wgUses{field: id, show: show}
						fields[id] = u
						all = append(all, u)
					}
					lc.wgUse(u, x, 0)
				case *ssa.Alloc:
					if p, ok := x.Type().(*types.Pointer); ok && isWaitGroupType(p.Elem()) {
						u := &wgUses{show: x.Comment}
						all = append(all, u)
						lc.wgUse(u, x, 0)
					}
				}
			}
		}
	}
	for _, u := range all {
		if u.escapes || u.lowers || len(u.adds) == 0 || len(u.waits) == 0 {
			continue
		}
		if u.field != "" && lc.escapedStructs[structType(u.field)] {
			continue
		}
		add := u.adds[0]
		addName := lc.recvText(add.Pos())
		kind := ""
		if u.field != "" {
			kind = " (" + u.show + ", an unexported field)"
		}
		for _, w := range u.waits {
			if lc.report.Generated(w.Pos()) || lc.report.Reported(w.Pos()) {
				continue
			}
			name := lc.recvText(w.Pos())
			if name == "" {
				name = u.show
			}
			d := analysis.Diagnostic{
				Pos:      w.Pos(),
				Category: "unsignalled-wait",
				Message: fmt.Sprintf("%s.Wait() blocks forever once %s.Add has run (line %d, in %s): nothing in this package calls Done on %s%s, nor Add with a negative count; call Done when each counted task ends",
					name, addName, lc.line(add.Pos()), add.Parent().Name(), name, kind),
				Related: []analysis.RelatedInformation{{Pos: add.Pos(), Message: "counted up here, never counted down"}},
			}
			if done := lc.deadDone(w); done != nil {
				// The source calls Done, but only after calls that never
				// return: the SSA form has no path to it.
				d.Message = fmt.Sprintf("%s.Wait() blocks forever once %s.Add has run (line %d, in %s): %s.Done() at line %d never runs, every path to it passes a call that does not return (a loop that only ends by panicking or exiting); let that call return when its work ends, or do not wait for it",
					name, addName, lc.line(add.Pos()), add.Parent().Name(), name, lc.line(done.Pos()))
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: done.Pos(), Message: "never reached"})
			}
			lc.report.Report(d)
		}
	}
}

// wgUse classifies the uses of v, the address of a WaitGroup: calls of its
// own methods, and for a local variable the closures that capture it.
func (lc *lockChecker) wgUse(u *wgUses, v ssa.Value, depth int) {
	for _, r := range refs(v) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Call:
			cc := r.Common()
			k, ok := lc.joiners.Lookup(apis.SSACallee(cc))
			if !ok || cc.IsInvoke() || len(cc.Args) == 0 || cc.Args[0] != v {
				u.escapes = true
				continue
			}
			for _, a := range cc.Args[1:] {
				if a == v {
					u.escapes = true
				}
			}
			switch k {
			case apis.JoinAdd:
				if n, ok := intConst(cc.Args[1]); ok && n > 0 {
					u.adds = append(u.adds, r)
				} else if !ok || n < 0 {
					u.lowers = true
				}
			case apis.JoinWait:
				u.waits = append(u.waits, r)
			default: // Done, Go
				u.lowers = true
			}
		case *ssa.MakeClosure:
			fn, ok := r.Fn.(*ssa.Function)
			if !ok || depth > 4 {
				u.escapes = true
				continue
			}
			for i, bound := range r.Bindings {
				if bound == v && i < len(fn.FreeVars) {
					lc.wgUse(u, fn.FreeVars[i], depth+1)
				}
			}
		default:
			u.escapes = true
		}
	}
}

// wgField returns the kind of a WaitGroup field that fa addresses, when
// only this package can reach it: an unexported field, not embedded, of a
// struct type the package declares, holding a sync.WaitGroup value.
func (lc *lockChecker) wgField(fa *ssa.FieldAddr) (id, show string) {
	return lc.ownField(fa, func(fld *types.Var) bool {
		return !fld.Exported() && !fld.Embedded() && isWaitGroupType(fld.Type())
	})
}

// isWaitGroupType reports whether t is sync.WaitGroup.
func isWaitGroupType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "WaitGroup"
}

// staleConditions reports a Wait on a condition variable inside a loop
// that can never end once entered: every way out of the loop is a branch
// on a value fixed before the loop (a constant, a parameter, a local set
// before it and never again, or an expression of those), tested on the
// way to the Wait. A Signal or Broadcast wakes the goroutine only for it
// to test the same value and wait again: the condition a Wait loop is
// meant to re-read (for !c.ready { c.cond.Wait() }) is a stale copy. A
// loop without any way out (for { c.Wait(); work() }) is left alone: it
// says it runs forever.
func (lc *lockChecker) staleConditions(fn *ssa.Function) {
	conds := apis.NewMatcher(apis.Conds)
	g := lc.graphOf(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if op, ok := conds.Lookup(apis.SSACallee(call.Common())); !ok || op != apis.CondWait {
				continue
			}
			l := g.innermost(b)
			if l == nil || !stuckLoop(l, b) || lc.report.Generated(call.Pos()) || lc.report.Reported(call.Pos()) {
				continue
			}
			cond := "its exit condition"
			for _, n := range lc.pathAt(call.Pos()) {
				if fs, ok := n.(*ast.ForStmt); ok {
					if fs.Cond != nil {
						cond = "its condition " + types.ExprString(fs.Cond)
					}
					break
				}
			}
			name := lc.recvText(call.Pos())
			lc.report.Report(analysis.Diagnostic{
				Pos:      call.Pos(),
				Category: "unsignalled-wait",
				Message: fmt.Sprintf("the loop around %s.Wait() never ends: %s is fixed before the loop and nothing in it can change it, so every Signal or Broadcast only wakes the goroutine to wait again; re-read the state the loop waits for in its condition",
					name, cond),
			})
		}
	}
}

// stuckLoop reports whether loop l, once it reaches block w, never ends:
// it has a way out, and every way out is a branch on a value that does
// not change inside the loop, in a block that w's iteration has passed
// (it dominates w) without leaving.
func stuckLoop(l *loop, w *ssa.BasicBlock) bool {
	exits := 0
	for b := range l.blocks {
		for _, s := range b.Succs {
			if l.blocks[s] {
				continue
			}
			exits++
			br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
			if !ok || !b.Dominates(w) || !invariant(l, br.Cond, 0) {
				return false
			}
		}
	}
	return exits > 0
}

// invariant reports whether v has the same value on every iteration of
// loop l: a constant, a value defined outside the loop, or an arithmetic,
// logical or conversion of those.
func invariant(l *loop, v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Const, *ssa.Parameter, *ssa.FreeVar, *ssa.Global, *ssa.Function:
		return true
	case *ssa.UnOp:
		if !l.blocks[x.Block()] {
			return true
		}
		return x.Op != token.MUL && x.Op != token.ARROW && invariant(l, x.X, depth+1)
	case *ssa.BinOp:
		return !l.blocks[x.Block()] || invariant(l, x.X, depth+1) && invariant(l, x.Y, depth+1)
	case *ssa.Convert:
		return !l.blocks[x.Block()] || invariant(l, x.X, depth+1)
	case *ssa.ChangeType:
		return !l.blocks[x.Block()] || invariant(l, x.X, depth+1)
	case ssa.Instruction:
		return !l.blocks[x.Block()]
	}
	return false
}

// deadDone returns a call of Done in the source on the WaitGroup that the
// Wait call w waits on (the same variable or field), which the SSA form
// dropped as unreachable, or nil.
func (lc *lockChecker) deadDone(w *ssa.Call) *ast.CallExpr {
	call := lc.callAt(w.Pos())
	if call == nil {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	target := lc.wgObject(sel.X)
	if target == nil {
		return nil
	}
	var done *ast.CallExpr
	for _, f := range lc.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || done != nil {
				return done == nil
			}
			s, ok := c.Fun.(*ast.SelectorExpr)
			if !ok || s.Sel.Name != "Done" || lc.wgObject(s.X) != target {
				return true
			}
			if fn, ok := lc.pass.TypesInfo.Uses[s.Sel].(*types.Func); ok && apis.FullName(fn) == "(*sync.WaitGroup).Done" {
				done = c
			}
			return true
		})
	}
	return done
}

// wgObject returns the variable or field that x, the receiver of a
// WaitGroup method call, denotes: an identifier's variable, or a
// selector's field.
func (lc *lockChecker) wgObject(x ast.Expr) types.Object {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return lc.pass.TypesInfo.Uses[x]
	case *ast.SelectorExpr:
		return lc.pass.TypesInfo.Uses[x.Sel]
	case *ast.UnaryExpr:
		return lc.wgObject(x.X)
	}
	return nil
}
