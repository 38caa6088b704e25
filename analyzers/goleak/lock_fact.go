package goleak

import (
	"fmt"
	"strings"
)

// A LockFact summarises, for callers in other packages, what a function
// does to the mutexes it reaches through its parameters (receiver first)
// or package-level variables: the ones it locks on every path (a caller
// that holds one of them deadlocks), the ones it returns still holding,
// and the ones it unlocks without locking them first.
type LockFact struct {
	Acquires, Holds, Releases []LockUse
	Opaque                    []string // kinds of mutex it unlocks through values the caller cannot name
}

// A LockUse is one mutex of a LockFact.
type LockUse struct {
	Param  int    // parameter index, -1 for a package-level variable
	Global string // the package-level variable (path.Name), when Param is -1
	Path   string // fields (".N") and loads ("*") from the parameter or variable
	Suffix string // the field names, for messages (".mu")
	Read   bool   // read-locked
	At     string // where the function locks it (file.go:30)
	Class  string // the kind of mutex (path.Type.field), for lock order and aliasing
	Show   string // the kind for messages (Type.field)
}

func (*LockFact) AFact() {}

func (f *LockFact) String() string {
	var parts []string
	add := func(what string, us []LockUse) {
		for _, u := range us {
			root := fmt.Sprintf("p%d", u.Param)
			if u.Param < 0 {
				root = u.Global
			}
			mode := ""
			if u.Read {
				mode = "(r)"
			}
			parts = append(parts, what+" "+root+u.Suffix+mode)
		}
	}
	add("locks", f.Acquires)
	add("holds", f.Holds)
	add("unlocks", f.Releases)
	for _, c := range f.Opaque {
		parts = append(parts, "unlocks some "+c)
	}
	return "mutexes(" + strings.Join(parts, ", ") + ")"
}

// String describes the summary, for comparing two of them.
func (s *lockSum) String() string {
	return s.fact("").String() + fmt.Sprint(s.classes)
}

// fact converts the summary of a function of package pkg. Kinds of mutex
// it unlocks opaquely are kept only when pkg declares them: a caller can
// hold another package's mutex only through that package.
func (s *lockSum) fact(pkg string) *LockFact {
	conv := func(es []lockEffect) []LockUse {
		var out []LockUse
		for _, e := range es {
			out = append(out, LockUse{Param: e.param, Global: e.global, Path: e.path, Suffix: e.suffix, Read: e.mode == modeRead, At: e.at, Class: e.cls.id, Show: e.cls.show})
		}
		return out
	}
	var opaque []string
	for _, id := range s.opaque {
		if strings.HasPrefix(id, pkg+".") {
			opaque = append(opaque, id)
		}
	}
	return &LockFact{Acquires: conv(s.acquires), Holds: conv(s.holds), Releases: conv(s.releases), Opaque: opaque}
}

func (f *LockFact) summary() *lockSum {
	conv := func(us []LockUse) []lockEffect {
		var out []lockEffect
		for _, u := range us {
			m := modeWrite
			if u.Read {
				m = modeRead
			}
			out = append(out, lockEffect{param: u.Param, global: u.Global, path: u.Path, suffix: u.Suffix, mode: m, at: u.At,
				cls: lockClass{id: u.Class, show: u.Show, mode: m}})
		}
		return out
	}
	s := &lockSum{acquires: conv(f.Acquires), holds: conv(f.Holds), releases: conv(f.Releases), opaque: f.Opaque}
	s.classes = taken(s)
	return s
}
