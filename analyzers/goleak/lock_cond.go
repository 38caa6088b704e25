package goleak

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"

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
}

// unsignalledWait reports Wait calls on condition variables of unexported
// fields that nothing in the package ever signals or broadcasts: the
// goroutine waits forever.
func (lc *lockChecker) unsignalledWait(fns []*ssa.Function) {
	conds := make(map[string]*fieldCond)
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
	ids := make([]string, 0, len(conds))
	for id := range conds {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fc := conds[id]
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
