package guard_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/o11ylint/o11ylint/analyzers/guard"
)

var panicker = &analysis.Analyzer{
	Name: "panicker",
	Doc:  "panics on every package",
	Run:  func(*analysis.Pass) (any, error) { panic("boom") },
}

var reporter = &analysis.Analyzer{
	Name: "reporter",
	Doc:  "reports the package clause of every file",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			pass.Reportf(f.Package, "package %s", pass.Pkg.Name())
		}
		return nil, nil
	},
}

// TestPanicKeepsOthers checks that a panic in one analyzer becomes an error
// for that analyzer alone, and that another analyzer's findings survive.
func TestPanicKeepsOthers(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, "errors")
	if err != nil {
		t.Fatal(err)
	}
	p, r := guard.Own(panicker), guard.Foreign(reporter)
	res, err := checker.Analyze([]*analysis.Analyzer{p, r}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sawPanic, sawDiag bool
	for _, act := range res.Roots {
		switch act.Analyzer {
		case p:
			sawPanic = act.Err != nil && strings.Contains(act.Err.Error(), "panicked") && strings.Contains(act.Err.Error(), "boom")
		case r:
			sawDiag = act.Err == nil && len(act.Diagnostics) > 0
		}
	}
	if !sawPanic {
		t.Error("the panic was not turned into an error of the panicking analyzer")
	}
	if !sawDiag {
		t.Error("the other analyzer's findings were lost")
	}
	if r.Flags.Lookup("generated") == nil {
		t.Error("a foreign analyzer should get the -generated flag")
	}
}
