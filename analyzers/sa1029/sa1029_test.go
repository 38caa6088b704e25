package sa1029_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	staticcheck "honnef.co/go/tools/staticcheck/sa1029"

	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
	"github.com/o11ylint/o11ylint/analyzers/sa1029"
)

func TestSA1029(t *testing.T) {
	testkit.Run(t, sa1029.Analyzer, "./...")
}

// TestSameAsStaticcheck runs staticcheck's SA1029 on the same fixtures: it
// must report exactly what the // want comments expect of ours.
func TestSameAsStaticcheck(t *testing.T) {
	testkit.Run(t, staticcheck.Analyzer, "./...")
}

func BenchmarkNetHTTP(b *testing.B) {
	testkit.Bench(b, ".", []*analysis.Analyzer{sa1029.Analyzer}, "net/http")
}

// BenchmarkStaticcheckNetHTTP is the baseline: staticcheck's SA1029, which
// builds staticcheck's IR.
func BenchmarkStaticcheckNetHTTP(b *testing.B) {
	testkit.Bench(b, ".", []*analysis.Analyzer{staticcheck.Analyzer}, "net/http")
}
