package suppress_test

import (
	"go/ast"
	"go/constant"
	"strconv"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/o11ylint/o11ylint/analyzers/internal/suppress"
)

// probe reports, as the analyzer named by the test, every call
// report("rule") with Category rule, through a suppress.Filter.
func probe(name string) *analysis.Analyzer {
	a := &analysis.Analyzer{Name: name, Doc: "reports report(rule) calls"}
	opts := suppress.Flags(&a.Flags)
	a.Run = func(pass *analysis.Pass) (any, error) {
		f := suppress.New(pass, *opts)
		for _, file := range pass.Files {
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "report" {
					return true
				}
				tv := pass.TypesInfo.Types[call.Args[0]]
				if tv.Value == nil || tv.Value.Kind() != constant.String {
					return true
				}
				rule, _ := strconv.Unquote(tv.Value.ExactString())
				f.Reportf(call.Pos(), rule, "%s/%s", name, rule)
				return true
			})
		}
		return nil, nil
	}
	return a
}

// TestEquivalents checks that directives written for equivalent linters
// waive exactly the rule that reports the same defect, and no other.
func TestEquivalents(t *testing.T) {
	dir := analysistest.TestData()
	analysistest.Run(t, dir, probe("ctxcancel"), "equiv/ctx")
	analysistest.Run(t, dir, probe("metricname"), "equiv/metric")
	analysistest.Run(t, dir, probe("SA1012"), "equiv/sa")
}
