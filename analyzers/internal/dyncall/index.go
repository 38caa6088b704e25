package dyncall

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// An index holds what the resolution needs from the whole package: the
// values stored into each field and package-level variable, and the
// closures made of each function literal.
type index struct {
	fieldVals  map[*types.Var][]ssa.Value // by field, Origin
	fieldOpen  map[*types.Var]bool        // fields whose address goes elsewhere
	globalVals map[*ssa.Global][]ssa.Value
	globalOpen map[*ssa.Global]bool
	closures   map[*ssa.Function][]*ssa.MakeClosure
	ifaceTypes []types.Type                 // the types the package converts to interfaces
	methodVals map[*types.Func]bool         // methods made values (bound or thunk)
	invokes    map[string][]*ssa.CallCommon // interface calls, by method Id
}

// index builds (once) the index of the package's stores and closures.
func (r *Resolver) index() *index {
	if r.idx != nil {
		return r.idx
	}
	d := &index{
		fieldVals:  make(map[*types.Var][]ssa.Value),
		fieldOpen:  make(map[*types.Var]bool),
		globalVals: make(map[*ssa.Global][]ssa.Value),
		globalOpen: make(map[*ssa.Global]bool),
		closures:   make(map[*ssa.Function][]*ssa.MakeClosure),
		methodVals: make(map[*types.Func]bool),
		invokes:    make(map[string][]*ssa.CallCommon),
	}
	r.idx = d
	for _, fn := range r.allFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				d.note(instr)
			}
		}
	}
	return d
}

// note records what instr stores, makes or converts.
func (d *index) note(instr ssa.Instruction) {
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
func (r *Resolver) allFuncs() []*ssa.Function {
	fns := r.srcFuncs
	if init, ok := r.pkg.Members["init"].(*ssa.Function); ok {
		fns = append(fns[:len(fns):len(fns)], init)
		for _, a := range init.AnonFuncs {
			fns = append(fns, a)
		}
	}
	return fns
}

// fieldVar returns the field i of the struct that t is or points to.
func fieldVar(t types.Type, i int) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	if st == nil || i >= st.NumFields() {
		return nil
	}
	return st.Field(i).Origin()
}

// refs returns the referrers of v, none for constants and globals.
func refs(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}
