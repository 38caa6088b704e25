package goleak

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// A fieldCond is a condition variable kept in an unexported field of a
// struct type of the package (sync.Cond or *sync.Cond), with its uses.
type fieldCond struct {
	show    string
	escapes bool // used other than by Wait, Signal, Broadcast or its L
	made    bool // some store puts a fresh sync.NewCond in it, or it is a value
	waits   []token.Pos
	signals int
	// The mutex that every sync.NewCond stored in the field is made on: a
	// field of the same struct value (c.cond = sync.NewCond(&c.mu), or
	// c.mu.RLocker() for read), when no store differs and nothing assigns
	// the L of the condition variable.
	locker    condLocker
	lockerSet bool
	lockerBad bool
}

// A condLocker is the mutex field under a condition variable field, and
// whether its L locks it for reading (RLocker).
type condLocker struct {
	field int
	read  bool
}

// unsignalledWait reports Wait calls on condition variables of unexported
// fields that nothing in the package ever signals or broadcasts: the
// goroutine waits forever.
func (lc *lockChecker) unsignalledWait() {
	for _, id := range slices.Sorted(maps.Keys(lc.conds)) {
		fc := lc.conds[id]
		if fc.escapes || !fc.made || fc.signals > 0 || lc.escapedStructs[structType(id)] {
			continue
		}
		for _, pos := range fc.waits {
			if lc.report.Generated(pos) || lc.report.Reported(pos) {
				continue
			}
			lc.report.Report(analysis.Diagnostic{
				Pos:      pos,
				Category: "unsignalled-wait",
				Message: fmt.Sprintf("Wait on %s blocks forever: nothing in this package calls Signal or Broadcast on %s, an unexported field: "+
					"signal it where the condition it waits for changes", fc.show, fc.show),
			})
		}
	}
}

// fieldConds finds the condition variables of unexported fields of the
// package and their uses.
func (lc *lockChecker) fieldConds(fns []*ssa.Function) {
	conds := make(map[string]*fieldCond)
	lc.conds = conds
	condOps := apis.NewMatcher(apis.Conds)
	// use classifies one use of the condition variable's address.
	use := func(fc *fieldCond, v ssa.Value, r ssa.Instruction) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			// c.L: the locker, used to lock around Wait.
			if st := structOf(r.X.Type()); r.X != v || st == nil || st.Field(r.Field).Name() != "L" {
				fc.escapes = true
			}
			for _, u := range refs(r) {
				if load, ok := u.(*ssa.UnOp); (!ok || load.Op != token.MUL) && !isDebug(u) {
					fc.lockerBad = true // L is assigned or its address taken
				}
			}
		case *ssa.Call:
			op, ok := condOps.Lookup(apis.SSACallee(r.Common()))
			if !ok || r.Common().IsInvoke() || len(r.Call.Args) != 1 || r.Call.Args[0] != v {
				fc.escapes = true
				return
			}
			switch op {
			case apis.CondWait:
				fc.waits = append(fc.waits, r.Pos())
			case apis.CondSignal:
				fc.signals++
			default:
				fc.escapes = true
			}
		default:
			fc.escapes = true
		}
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				id, show, ptr := lc.condField(fa)
				if id == "" {
					continue
				}
				fc := conds[id]
				if fc == nil {
					fc = &fieldCond{show: show, made: !ptr}
					conds[id] = fc
				}
				for _, r := range refs(fa) {
					if !ptr {
						use(fc, fa, r)
						continue
					}
					switch r := r.(type) {
					case *ssa.DebugRef:
					case *ssa.Store:
						call, ok := r.Val.(*ssa.Call)
						if r.Addr != fa || !ok {
							if k, isConst := r.Val.(*ssa.Const); !isConst || k.Value != nil || r.Addr != fa {
								fc.escapes = true
							}
							continue
						}
						if op, ok := condOps.Lookup(apis.SSACallee(call.Common())); !ok || op != apis.CondNew {
							fc.escapes = true
							continue
						}
						for _, u := range refs(call) {
							if u != r && !isDebug(u) {
								fc.escapes = true // also kept in a variable
							}
						}
						fc.made = true
						fc.noteLocker(fa.X, call.Call.Args[0])
					case *ssa.UnOp:
						if r.Op != token.MUL {
							fc.escapes = true
							continue
						}
						for _, u := range refs(r) {
							use(fc, r, u)
						}
					default:
						fc.escapes = true
					}
				}
			}
		}
	}
}

// condField returns the kind of a condition-variable field that fa
// addresses, when only this package can reach it, and whether the field
// holds a pointer.
func (lc *lockChecker) condField(fa *ssa.FieldAddr) (id, show string, ptr bool) {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return "", "", false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() != lc.pass.Pkg {
		return "", "", false
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return "", "", false
	}
	fld := st.Field(fa.Field)
	if fld.Exported() {
		return "", "", false
	}
	t := fld.Type()
	if pt, ok := t.(*types.Pointer); ok {
		t, ptr = pt.Elem(), true
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" || n.Obj().Name() != "Cond" {
		return "", "", false
	}
	obj := named.Obj()
	return obj.Pkg().Path() + "." + obj.Name() + "." + fld.Name(), obj.Name() + "." + fld.Name(), ptr
}

// noteLocker records the mutex that a sync.NewCond(locker) stored in a
// field of the struct that base points to is made on.
func (fc *fieldCond) noteLocker(base, locker ssa.Value) {
	if mi, ok := locker.(*ssa.MakeInterface); ok {
		locker = mi.X
	}
	var cl condLocker
	fa, ok := locker.(*ssa.FieldAddr)
	if call, isCall := locker.(*ssa.Call); isCall && !call.Call.IsInvoke() && len(call.Call.Args) == 1 {
		// c.mu.RLocker()
		if callee := call.Call.StaticCallee(); callee != nil && callee.Pkg != nil && callee.Pkg.Pkg.Path() == "sync" && callee.Name() == "RLocker" {
			fa, ok = call.Call.Args[0].(*ssa.FieldAddr)
			cl.read = true
		}
	}
	if !ok || fa.X != base || !isMutex(fa.Type().(*types.Pointer).Elem()) {
		fc.lockerBad = true
		return
	}
	cl.field = fa.Field
	if fc.lockerSet && fc.locker != cl {
		fc.lockerBad = true
	}
	fc.locker, fc.lockerSet = cl, true
}

// isMutex reports whether t is sync.Mutex or sync.RWMutex.
func isMutex(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" {
		return false
	}
	return n.Obj().Name() == "Mutex" || n.Obj().Name() == "RWMutex"
}

// condMutex resolves v, the L of a condition variable loaded from an
// unexported field (c.cond.L), to the mutex field of the same struct value
// that every condition variable stored there is made on: it returns that
// field's address as a FieldAddr of the struct pointer, and whether L
// locks it for reading.
func (lc *lockChecker) condMutex(v ssa.Value) (*ssa.FieldAddr, bool, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false, false
	}
	lfa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil, false, false
	}
	cload, ok := lfa.X.(*ssa.UnOp)
	if !ok || cload.Op != token.MUL {
		return nil, false, false
	}
	cfa, ok := cload.X.(*ssa.FieldAddr)
	if !ok {
		return nil, false, false
	}
	id, _, ptr := lc.condField(cfa)
	fc := lc.conds[id]
	if id == "" || !ptr || fc == nil || fc.escapes || !fc.lockerSet || fc.lockerBad || lc.escapedStructs[structType(id)] {
		return nil, false, false
	}
	if st := structOf(cload.Type()); st == nil || st.Field(lfa.Field).Name() != "L" {
		return nil, false, false
	}
	// The same address as &c.mu: keyOf and classOf read only X and Field.
	return &ssa.FieldAddr{X: cfa.X, Field: fc.locker.field}, fc.locker.read, true
}
