package testkit_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
	"github.com/o11ylint/o11ylint/analyzers/internal/suppress"
	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
)

// probe reports every call of a metric constructor or span-name call, to
// check that fixtures resolve the real libraries and that the apis tables
// and suppression directives work end to end.
var probe = &analysis.Analyzer{
	Name:     "testkit",
	Doc:      "test probe",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		f := suppress.New(pass, suppress.Options{})
		metrics := apis.NewMatcher(apis.MetricCtors)
		spans := apis.NewMatcher(apis.SpanNameCalls)
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for n := range ins.PreorderSeq((*ast.CallExpr)(nil)) {
			call := n.(*ast.CallExpr)
			fn := apis.Callee(pass.TypesInfo, call)
			_, isMetric := metrics.Lookup(fn)
			_, isSpan := spans.Lookup(fn)
			if isMetric || isSpan {
				f.Reportf(call.Pos(), "probe", "call of %s", apis.DisplayName(fn))
			}
		}
		return nil, nil
	},
}

func TestFixtureModule(t *testing.T) { testkit.Run(t, probe, "./...") }
