// Package lazyssa builds a package's SSA form on demand, once, for the
// analyzers that share it.
//
// buildssa, as a Requires dependency, builds SSA for every package the
// driver analyzes, dependencies included, before any analyzer has looked
// at the package. Most packages need it for nothing: an analyzer whose
// rules cannot fire there, and whose facts cannot be exported there, stops
// at a check of the package's imports or syntax. [Analyzer]'s result is a
// *[SSA] whose [SSA.Get] builds buildssa's result on its first call (under
// a sync.Once: analyzers may run at the same time on one package) and
// returns the same result to every later caller, so that SSA is built only
// where some analyzer asks for it, and at most once per package.
package lazyssa

import (
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

// Analyzer provides a *SSA for the package. It requires what buildssa
// requires (ctrlflow, whose no-return facts improve the SSA CFG).
var Analyzer = &analysis.Analyzer{
	Name:       "lazyssa",
	Doc:        "build SSA-form IR on demand, once per package, for the analyzers that ask for it",
	URL:        "https://github.com/o11ylint/o11ylint/blob/main/analyzers/internal/lazyssa",
	Requires:   buildssa.Analyzer.Requires,
	ResultType: reflect.TypeOf((*SSA)(nil)),
	Run:        func(pass *analysis.Pass) (any, error) { return &SSA{pass: pass}, nil },
}

// SSA is the package's SSA form, built on the first call of Get.
type SSA struct {
	pass *analysis.Pass
	once sync.Once
	res  *buildssa.SSA
}

// Get returns buildssa's result for the package, building it on the first
// call.
func (s *SSA) Get() *buildssa.SSA {
	s.once.Do(func() {
		r, _ := buildssa.Analyzer.Run(s.pass) // never fails
		s.res, _ = r.(*buildssa.SSA)
	})
	return s.res
}

// Of returns the package's SSA form from a pass whose analyzer requires
// Analyzer, building it if no analyzer has yet.
func Of(pass *analysis.Pass) *buildssa.SSA {
	s, _ := pass.ResultOf[Analyzer].(*SSA)
	if s == nil {
		return nil
	}
	return s.Get()
}
