package lsp

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/passes/printf"
)

// Dependencies are loaded from source only when some analyzer, or one it
// requires, uses facts.
func TestNeedFacts(t *testing.T) {
	if needFacts(nil) || needFacts([]*analysis.Analyzer{demo, inspect.Analyzer}) {
		t.Error("needFacts true for analyzers without facts")
	}
	wrapper := &analysis.Analyzer{Name: "w", Doc: "d", Run: demo.Run, Requires: []*analysis.Analyzer{printf.Analyzer}}
	if !needFacts([]*analysis.Analyzer{demo, wrapper}) {
		t.Error("needFacts false for an analyzer requiring printf, which has facts")
	}
}
