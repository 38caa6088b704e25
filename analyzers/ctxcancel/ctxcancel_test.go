package ctxcancel_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/lostcancel"

	"github.com/o11ylint/o11ylint/analyzers/ctxcancel"
	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
)

func TestCtxcancel(t *testing.T) {
	testkit.RunWithSuggestedFixes(t, ctxcancel.Analyzer, "./...")
}

func BenchmarkNetHTTP(b *testing.B) {
	testkit.Bench(b, ".", []*analysis.Analyzer{ctxcancel.Analyzer}, "net/http")
}

// BenchmarkLostcancelNetHTTP is the baseline: go vet's lostcancel on the
// same packages.
func BenchmarkLostcancelNetHTTP(b *testing.B) {
	testkit.Bench(b, ".", []*analysis.Analyzer{lostcancel.Analyzer}, "net/http")
}
