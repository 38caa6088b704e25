// Package guard wraps analyzers for o11ylint's drivers (the suite, and so
// the CLI, go vet -vettool and the golangci-lint plugin):
//
//   - a panic inside one analyzer becomes an error for that analyzer and
//     package, and the other analyzers' findings are kept;
//   - passes that do not apply suppression themselves (staticcheck's
//     SA1012, and our SA1029 that mirrors staticcheck's) honour o11ylint's
//     suppression directives (//nolint:SA1012, //lint:ignore SA1029 reason)
//     and skip generated files, as o11ylint's own analyzers do.
//
// It lives under analyzers/ so that it may use analyzers/internal/suppress.
package guard

import (
	"flag"
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/analyzers/internal/suppress"
)

// Own returns a copy of one of o11ylint's analyzers whose run recovers from panics.
func Own(a *analysis.Analyzer) *analysis.Analyzer { return wrap(a, false) }

// Foreign returns a copy of a third-party analyzer whose run recovers from
// panics and whose diagnostics go through o11ylint's suppression directives.
// The copy gets a -<name>.generated flag.
func Foreign(a *analysis.Analyzer) *analysis.Analyzer { return wrap(a, true) }

func wrap(a *analysis.Analyzer, foreign bool) *analysis.Analyzer {
	w := *a
	run := a.Run
	var opts *suppress.Options
	if foreign {
		w.Flags = *flagSetCopy(a)
		opts = suppress.Flags(&w.Flags)
	}
	w.Run = func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if r := recover(); r != nil {
				res, err = nil, fmt.Errorf("internal error: analyzer %s panicked on package %s: %v (please report this at https://github.com/o11ylint/o11ylint/issues)\n%s",
					a.Name, pass.Pkg.Path(), r, debug.Stack())
			}
		}()
		if foreign {
			f := suppress.New(pass, *opts)
			p := *pass
			p.Report = f.Report
			pass = &p
		}
		return run(pass)
	}
	return &w
}

// flagSetCopy returns a new flag set holding a's flags, so that the wrapper
// can add its own without touching the original analyzer.
func flagSetCopy(a *analysis.Analyzer) *flag.FlagSet {
	fs := flag.NewFlagSet(a.Name, flag.ContinueOnError)
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	return fs
}
