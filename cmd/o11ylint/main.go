// Command o11ylint runs o11ylint's analyzers: goroutine leaks (goleak), lost
// contexts and cancel misuse (ctxcancel), metric names and label
// cardinality (metricname) and span names (spanname), plus staticcheck's
// SA1012 and SA1029.
//
// Standalone:
//
//	o11ylint ./...              # exit status 3 when there are findings
//	o11ylint -json ./...        # machine-readable findings
//	o11ylint -fix ./...         # apply suggested fixes
//	o11ylint -sarif ./...       # findings as a SARIF 2.1.0 log, for code scanning
//	o11ylint -new-from-rev=REV ./...          # only findings on lines changed since REV
//	o11ylint -new-from-merge-base=REV ./...   # the same from the merge base of REV and HEAD
//	o11ylint -write-baseline=FILE ./...       # record today's findings
//	o11ylint -baseline=FILE ./...             # only findings not recorded in FILE
//	o11ylint lsp                # a language server publishing findings to editors
//
// As a go vet tool (cmd/go runs it per package and caches facts):
//
//	go vet -vettool=$(which o11ylint) ./...
//
// `o11ylint version` (or a bare -V) prints the module version; go vet's
// -V=full handshake is left to the analysis driver, which answers it with
// the executable's build ID.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/o11ylint/o11ylint/suite"
)

func main() {
	if len(os.Args) == 2 && (os.Args[1] == "version" || os.Args[1] == "-V" || os.Args[1] == "--version") {
		fmt.Println("o11ylint", version())
		return
	}
	if len(os.Args) >= 2 && os.Args[1] == "lsp" {
		os.Exit(lspMain(os.Args[2:]))
	}
	if f, rest, err := splitAdoptFlags(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		os.Exit(1)
	} else if f.any() {
		os.Exit(runAdopt(f, rest))
	}
	if ok, rest := wantsSARIF(os.Args[1:]); ok {
		os.Exit(runSARIF(rest))
	}
	multichecker.Main(suite.Analyzers()...)
}

// version returns the module version of the binary: a release tag when
// installed with go install …@vX, "(devel)" when built from a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				v += " " + s.Value
			}
		}
		return v
	}
	return "(unknown)"
}
