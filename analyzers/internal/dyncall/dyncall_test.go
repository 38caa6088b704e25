package dyncall_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/dyncall"
	"github.com/o11ylint/o11ylint/analyzers/internal/lazyssa"
	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
)

// probe reports, at every call without a static callee (builtins aside),
// the function the resolver finds it calls, or that it is unresolved.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "test probe for the resolution of dynamic calls",
	Requires: []*analysis.Analyzer{lazyssa.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := lazyssa.Of(pass)
		r := dyncall.New(res.Pkg, res.SrcFuncs)
		for _, fn := range res.SrcFuncs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					ci, ok := instr.(ssa.CallInstruction)
					if !ok {
						continue
					}
					cc := ci.Common()
					if _, ok := cc.Value.(*ssa.Builtin); ok || cc.StaticCallee() != nil {
						continue
					}
					if g := r.Callee(cc); g != nil {
						pass.Reportf(cc.Pos(), "calls %s", g.RelString(pass.Pkg))
					} else {
						pass.Reportf(cc.Pos(), "unresolved")
					}
				}
			}
		}
		return nil, nil
	},
}

func TestCallee(t *testing.T) { testkit.Run(t, probe, "./library", "./command") }
