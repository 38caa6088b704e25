package spanname_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
	"github.com/o11ylint/o11ylint/analyzers/spanname"
)

func TestSpanName(t *testing.T) { testkit.Run(t, spanname.Analyzer, "./...") }

// BenchmarkNetHTTP runs spanname (and the origin analysis it requires) on
// net/http, which takes the fast path: no tracing API.
func BenchmarkNetHTTP(b *testing.B) {
	testkit.Bench(b, ".", []*analysis.Analyzer{spanname.Analyzer}, "net/http")
}

// BenchmarkFixtures runs spanname on its fixture module, which uses the
// OpenTelemetry and OpenTracing APIs.
func BenchmarkFixtures(b *testing.B) {
	dir := testkit.Dir(b)
	testkit.Download(b, dir)
	testkit.Bench(b, dir, []*analysis.Analyzer{spanname.Analyzer}, "./...")
}
