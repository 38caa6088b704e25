package goleak_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/o11ylint/o11ylint/analyzers/goleak"
	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
)

func TestGoleak(t *testing.T) {
	testkit.RunWithSuggestedFixes(t, goleak.Analyzer, "./...")
}

func BenchmarkNetHTTP(b *testing.B) {
	testkit.Bench(b, testkit.Dir(b), []*analysis.Analyzer{goleak.Analyzer}, "net/http")
}

// BenchmarkNetHTTPBuildSSA is the baseline: building SSA alone, which
// goleak shares with the other analyzers of the suite.
func BenchmarkNetHTTPBuildSSA(b *testing.B) {
	testkit.Bench(b, testkit.Dir(b), []*analysis.Analyzer{buildssa.Analyzer}, "net/http")
}
