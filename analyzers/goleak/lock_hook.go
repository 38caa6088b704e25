package goleak

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

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
		if cc.StaticCallee() == nil && sameRead(cc.Value, v) && c.dyn.Callee(cc) != nil {
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
