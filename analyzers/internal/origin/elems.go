package origin

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Elems returns the element values of a slice built from a literal or
// variadic argument list (new [n]T, stores to its elements, slice), in
// order, or nil if v is not such a slice or an element is not known. A nil
// slice constant (a variadic call with no arguments) has no elements: the
// result is empty but not nil.
func Elems(v ssa.Value) []ssa.Value {
	switch v := v.(type) {
	case *ssa.Const:
		if _, ok := v.Type().Underlying().(*types.Slice); ok && v.IsNil() {
			return []ssa.Value{}
		}
		return nil
	case *ssa.Slice:
		if v.Low != nil || v.High != nil || v.Max != nil {
			return nil
		}
		alloc, ok := v.X.(*ssa.Alloc)
		if !ok {
			return nil
		}
		ptr, ok := alloc.Type().Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		arr, ok := ptr.Elem().Underlying().(*types.Array)
		if !ok || arr.Len() > 1<<12 {
			return nil
		}
		elems := make([]ssa.Value, arr.Len())
		refs := alloc.Referrers()
		if refs == nil {
			return nil
		}
		for _, ref := range *refs {
			switch ref := ref.(type) {
			case *ssa.IndexAddr:
				k, ok := ref.Index.(*ssa.Const)
				if !ok || k.Value == nil {
					return nil
				}
				i, exact := constant.Int64Val(k.Value)
				if !exact || i < 0 || i >= int64(len(elems)) {
					return nil
				}
				val := storedOnce(ref)
				if val == nil || elems[i] != nil {
					return nil
				}
				elems[i] = val
			case *ssa.Slice, *ssa.DebugRef:
			default:
				return nil
			}
		}
		for _, e := range elems {
			if e == nil {
				return nil
			}
		}
		return elems
	}
	return nil
}

// storedOnce returns the one value stored to addr, or nil if there is not
// exactly one store or the address is used otherwise than to load.
func storedOnce(addr ssa.Value) ssa.Value {
	var val ssa.Value
	refs := addr.Referrers()
	if refs == nil {
		return nil
	}
	for _, ref := range *refs {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != addr || val != nil {
				return nil
			}
			val = ref.Val
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil
			}
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	return val
}

// MapEntries returns the entries of a map built from a composite literal
// with constant string keys (MakeMap followed by MapUpdates), or nil. Later
// updates with constant keys count too (the last one wins); entries with
// non-constant keys are left out.
func MapEntries(v ssa.Value) map[string]ssa.Value {
	mm, ok := v.(*ssa.MakeMap)
	if !ok {
		return nil
	}
	refs := mm.Referrers()
	if refs == nil {
		return nil
	}
	out := make(map[string]ssa.Value)
	for _, ref := range *refs {
		up, ok := ref.(*ssa.MapUpdate)
		if !ok || up.Map != mm {
			continue
		}
		key := up.Key
		if mi, ok := key.(*ssa.MakeInterface); ok {
			key = mi.X
		}
		k, ok := key.(*ssa.Const)
		if !ok || k.Value == nil || k.Value.Kind() != constant.String {
			continue
		}
		out[constant.StringVal(k.Value)] = up.Value
	}
	return out
}
