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
}

// A LockUse is one mutex of a LockFact.
type LockUse struct {
	Param  int    // parameter index, -1 for a package-level variable
	Global string // the package-level variable (path.Name), when Param is -1
	Path   string // fields (".N") and loads ("*") from the parameter or variable
	Suffix string // the field names, for messages (".mu")
	Read   bool   // read-locked
	At     string // where the function locks it (file.go:30)
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
	return "mutexes(" + strings.Join(parts, ", ") + ")"
}

func (s *lockSum) fact() *LockFact {
	conv := func(es []lockEffect) []LockUse {
		var out []LockUse
		for _, e := range es {
			out = append(out, LockUse{Param: e.param, Global: e.global, Path: e.path, Suffix: e.suffix, Read: e.mode == modeRead, At: e.at})
		}
		return out
	}
	return &LockFact{Acquires: conv(s.acquires), Holds: conv(s.holds), Releases: conv(s.releases)}
}

func (f *LockFact) summary() *lockSum {
	conv := func(us []LockUse) []lockEffect {
		var out []lockEffect
		for _, u := range us {
			m := modeWrite
			if u.Read {
				m = modeRead
			}
			out = append(out, lockEffect{param: u.Param, global: u.Global, path: u.Path, suffix: u.Suffix, mode: m, at: u.At})
		}
		return out
	}
	return &lockSum{acquires: conv(f.Acquires), holds: conv(f.Holds), releases: conv(f.Releases)}
}
