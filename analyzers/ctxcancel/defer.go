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

// endsIteration reports whether the statement list that holds d ends with
// a statement that leaves the loop: return, panic, or a break of the loop.
func endsIteration(stack []ast.Node, d ast.Node) bool {
	var list []ast.Stmt
	for i := len(stack) - 1; i >= 0 && list == nil; i-- {
		switch b := stack[i].(type) {
		case *ast.BlockStmt:
			list = b.List
		case *ast.CaseClause:
			list = b.Body
		case *ast.CommClause:
			list = b.Body
		}
	}
	if len(list) == 0 || list[len(list)-1].Pos() < d.Pos() {
		return false
	}
	switch last := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		if last.Tok != token.BREAK {
			return false
		}
		if last.Label != nil {
			return true // a labelled break leaves a loop or statement around it
		}
		// An unlabelled break in a switch or select leaves only that.
		for i := len(stack) - 1; i >= 0; i-- {
			switch stack[i].(type) {
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				return true
			}
		}
	case *ast.ExprStmt:
		if call, ok := last.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}
