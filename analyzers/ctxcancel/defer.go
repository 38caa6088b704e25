package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// deferInLoop reports the rule defer-in-loop: `defer cancel()` in the body
// of a for or range loop, where cancel comes from a cancel constructor
// called in the same loop body. Each iteration's context (and timer) then
// lives until the function returns. It stays silent when the defer is in a
// function literal (called per iteration), and when the statement list
// holding the defer ends the loop (return, break, panic): then it runs once.
//
// The cost of the defer grows with the number of iterations, so it is only
// reported when that number depends on the data (a range over a channel, a
// parameter or a collection built at run time; a loop with no condition or
// a bound that is not a constant). It stays silent when every loop around
// the defer runs a constant number of times (a literal table of test cases,
// i < 2, an array) or the defer sits in a select case that runs at most
// once (a one-shot timer's channel), and when the loop body calls the
// cancel itself after the defer: each iteration that ends normally releases
// its context, and the defer only covers the early exits.
func (c *checker) deferInLoop(u *unit, sites []*site) {
	var inLoop []*site
	for _, s := range sites {
		if s.cancel != nil && s.loop != nil {
			inLoop = append(inLoop, s)
		}
	}
	if len(inLoop) == 0 {
		return
	}
	inspectBody(u, func(n ast.Node, stack []ast.Node) bool {
		d, ok := n.(*ast.DeferStmt)
		if !ok {
			return true
		}
		v := c.varOf(d.Call.Fun)
		loop := innermostLoop(stack)
		var s *site // the latest assignment of v before d in the same loop
		for _, t := range inLoop {
			if t.cancel == v && t.loop == loop && t.stmt.Pos() < d.Pos() {
				s = t
			}
		}
		if s == nil || endsIteration(stack, d) || c.cancelledEachIteration(loop, d, v) {
			return true
		}
		if c.boundedDefers(u, stack) {
			return true
		}
		name := v.Name()
		c.report.Report(analysis.Diagnostic{
			Pos: d.Pos(), End: d.End(), Category: ruleDeferInLoop,
			Message: fmt.Sprintf("defer %s() in a loop runs only when the function returns, so every iteration's context from %s (line %d) stays alive until then: call %s() at the end of each iteration, or move the loop body into a function", name, s.ctor.name, c.line(s.stmt.Pos()), name),
			Related: []analysis.RelatedInformation{
				{Pos: s.call.Pos(), End: s.call.End(), Message: "context created here on every iteration"},
				{Pos: s.loop.Pos(), Message: "the loop"},
			},
		})
		return true
	})
}

// boundedDefers reports whether the defer at the end of stack can only
// run a number of times fixed by the program text: each loop around it is
// bounded, or holds it in a branch that runs at most once.
func (c *checker) boundedDefers(u *unit, stack []ast.Node) bool {
	for _, l := range enclosingLoops(stack) {
		if !c.boundedLoop(u, l) && !c.onceBranch(u, stack, l) {
			return false
		}
	}
	return true
}

// endsIteration reports whether every path from d leaves the innermost
// loop around it before the next iteration: after d, in its statement list
// or in a list around it (up to the loop's body), comes a statement that
// leaves the loop on every path (return, panic, a break of the loop, an if
// whose branches both leave), with no continue of the loop or goto before
// it. Code that leaves the loop right after d runs d at most once per run
// of the loop.
func endsIteration(stack []ast.Node, d ast.Node) bool {
	loopAt := -1
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loopAt = i
		}
		if loopAt >= 0 {
			break
		}
	}
	if loopAt < 0 {
		return false
	}
	var label string
	if loopAt > 0 {
		if l, ok := stack[loopAt-1].(*ast.LabeledStmt); ok {
			label = l.Label.Name
		}
	}
	child := d
	for i := len(stack) - 1; i > loopAt; i-- {
		if list := stmtList(stack[i]); list != nil {
			// An unlabelled break here leaves the loop only when no
			// switch, select or loop lies between this list and the loop.
			direct := true
			for _, n := range stack[loopAt+1 : i] {
				switch n.(type) {
				case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
					direct = false
				}
			}
			after := false
			for _, st := range list {
				if !after {
					after = st == child || st.Pos() <= child.Pos() && child.End() <= st.End()
					continue
				}
				if leavesLoop(st, direct, label) {
					return true
				}
				if jumpsBack(st, label) {
					return false
				}
			}
		}
		child = stack[i]
	}
	return false
}

// leavesLoop reports whether st leaves the loop on every path: a return, a
// panic, a break of the loop (unlabelled when direct, or naming the loop's
// label), a block that ends so, or an if whose branches both do.
func leavesLoop(st ast.Stmt, direct bool, label string) bool {
	switch st := st.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		if st.Tok != token.BREAK {
			return false
		}
		if st.Label == nil {
			return direct
		}
		return label != "" && st.Label.Name == label
	case *ast.ExprStmt:
		if call, ok := st.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	case *ast.BlockStmt:
		for _, s := range st.List {
			if leavesLoop(s, direct, label) {
				return true
			}
			if jumpsBack(s, label) {
				return false
			}
		}
	case *ast.IfStmt:
		return st.Else != nil && leavesLoop(st.Body, direct, label) && leavesLoop(st.Else, direct, label)
	}
	return false
}

// jumpsBack reports whether st holds a continue of the loop (unlabelled
// and outside any loop inside st, or naming the loop's label) or a goto:
// a path that may start the next iteration.
func jumpsBack(st ast.Stmt, label string) bool {
	found := false
	var walk func(n ast.Node, inner bool)
	walk = func(n ast.Node, inner bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				if m != n {
					walk(m, true)
					return false
				}
			case *ast.BranchStmt:
				switch {
				case m.Tok == token.GOTO:
					found = true
				case m.Tok == token.CONTINUE && m.Label == nil && !inner:
					found = true
				case m.Tok == token.CONTINUE && m.Label != nil && m.Label.Name == label:
					found = true
				}
			}
			return true
		})
	}
	walk(st, false)
	return found
}
