package goleak

import (
	"go/ast"
	"go/constant"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Mutexes reached through an element of an array or a slice (s.shards[i].mu)
// are named with their index: a constant ("[3]"), or one SSA value ("[?]"
// with lockKey.idx), which is the same number wherever it is used. Two
// names are the same mutex when everything, index included, agrees; an
// index value computed inside a loop is new on each iteration, as the
// values rooted there are. Two names that differ only in their indexes,
// one of them not a constant, may be the same mutex: an unlock of one
// releases the other (aliases). Two different constants are two mutexes.

// indexSeg returns the path segment of index v, recording in k the one
// index that is not a constant; a second such index is not followed.
func indexSeg(v ssa.Value, k *lockKey) (string, bool) {
	if c, ok := v.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
		return "[" + c.Value.ExactString() + "]", true
	}
	if k.idx != nil {
		return "", false
	}
	k.idx = v
	return "[?]", true
}

// indexName is index v as the source spells it, for messages.
func indexName(v ssa.Value) string {
	if c, ok := v.(*ssa.Const); ok && c.Value != nil {
		return c.Value.ExactString()
	}
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return v.Name()
	}
	for _, r := range refs(v) {
		if d, ok := r.(*ssa.DebugRef); ok {
			if id, ok := d.Expr.(*ast.Ident); ok {
				return id.Name
			}
		}
	}
	return "…"
}

// aliases returns the keys of m other than k that may name the same mutex
// as k: the same root and fields, with indexes that differ but are not two
// different constants.
func aliases[V any](m map[lockKey]V, k lockKey) []lockKey {
	if !strings.Contains(k.path, "[") {
		return nil
	}
	var out []lockKey
	for o := range m {
		if o != k && o.root == k.root && o.global == k.global && sameBesideIndex(o.path, k.path) {
			out = append(out, o)
		}
	}
	return out
}

// sameBesideIndex reports whether paths a and b agree but for indexes, of
// which no pair is two different constants.
func sameBesideIndex(a, b string) bool {
	for a != "" && b != "" {
		if a[0] != '[' || b[0] != '[' {
			if a[0] != b[0] {
				return false
			}
			a, b = a[1:], b[1:]
			continue
		}
		i, j := strings.IndexByte(a, ']'), strings.IndexByte(b, ']')
		if i < 0 || j < 0 {
			return false
		}
		x, y := a[:i+1], b[:j+1]
		if x != y && x != "[?]" && y != "[?]" {
			return false
		}
		a, b = a[i+1:], b[j+1:]
	}
	return a == b
}
