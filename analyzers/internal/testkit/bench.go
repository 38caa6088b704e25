package testkit

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Bench loads the packages matching patterns (with syntax for all
// dependencies, as facts need) once, then runs the analyzers on them b.N
// times. Use a large package, e.g. "net/http", or a fixture module dir.
func Bench(b *testing.B, dir string, analyzers []*analysis.Analyzer, patterns ...string) {
	b.Helper()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: false}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("packages had errors")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := checker.Analyze(analyzers, pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
}
