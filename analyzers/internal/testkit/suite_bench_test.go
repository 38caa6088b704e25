package testkit_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/o11ylint/o11ylint/analyzers/internal/testkit"
	"github.com/o11ylint/o11ylint/suite"
)

// BenchmarkNetHTTP (here because the suite may not import this internal
// package, while this package's tests may import the suite) runs, on net/http and every package it imports (loaded
// once, with syntax, as the standalone driver loads them), the whole suite,
// each analyzer alone, and buildssa alone as the shared baseline, so that
// each analyzer's share of the suite's time can be read off one run:
//
//	go test -run '^$' -bench NetHTTP -benchtime 3x ./analyzers/internal/testkit
func BenchmarkNetHTTP(b *testing.B) {
	b.Run("suite", func(b *testing.B) { testkit.Bench(b, ".", suite.Analyzers(), "net/http") })
	b.Run("buildssa", func(b *testing.B) {
		testkit.Bench(b, ".", []*analysis.Analyzer{buildssa.Analyzer}, "net/http")
	})
	for _, a := range suite.Analyzers() {
		b.Run(a.Name, func(b *testing.B) { testkit.Bench(b, ".", []*analysis.Analyzer{a}, "net/http") })
	}
}
