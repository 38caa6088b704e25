// Package suite lists the analyzers that o11ylint runs: its own four
// (goleak, ctxcancel, metricname, spanname), staticcheck's SA1012 (nil
// context), and SA1029 (context.WithValue key type), which is our own
// go/types rewrite of staticcheck's check under the same name. Each is
// wrapped by package guard (panics become errors; the SA passes honour
// o11ylint's suppression directives through guard.Foreign).
package suite

import (
	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/staticcheck/sa1012"

	"github.com/o11ylint/o11ylint/analyzers/ctxcancel"
	"github.com/o11ylint/o11ylint/analyzers/goleak"
	"github.com/o11ylint/o11ylint/analyzers/guard"
	"github.com/o11ylint/o11ylint/analyzers/metricname"
	"github.com/o11ylint/o11ylint/analyzers/sa1029"
	"github.com/o11ylint/o11ylint/analyzers/spanname"
)

// Analyzers returns the analyzers of the suite, in a fixed order. Every call
// returns the same analyzers.
func Analyzers() []*analysis.Analyzer { return all }

var all = []*analysis.Analyzer{
	guard.Own(goleak.Analyzer),
	guard.Own(ctxcancel.Analyzer),
	guard.Own(metricname.Analyzer),
	guard.Own(spanname.Analyzer),
	guard.Foreign(sa1012.Analyzer),
	guard.Foreign(sa1029.Analyzer),
}
