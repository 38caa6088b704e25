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
//	o11ylint -diff ./...        # print the suggested fixes as a unified diff
//	o11ylint -sarif ./...       # findings as a SARIF 2.1.0 log, for code scanning
//	o11ylint -new-from-rev=REV ./...          # only findings on lines changed since REV
//	o11ylint -new-from-merge-base=REV ./...   # the same from the merge base of REV and HEAD
//	o11ylint -write-baseline=FILE ./...       # record today's findings
//	o11ylint -baseline=FILE ./...             # only findings not recorded in FILE
//	o11ylint -engine=load ./... # analyze in this process instead of through go vet
//	o11ylint lsp                # a language server publishing findings to editors
//
// By default (-engine=vet) the standalone command runs
// `go vet -vettool=<this binary> -json` (or `go fix -fixtool=<this binary>`
// for -fix and -diff) with the analyzer flags and patterns given, so that
// the go command analyzes one package at a time with its dependencies'
// export data and facts, and caches the results; the front end prints the
// findings as the in-process driver does. -engine=load runs that driver,
// x/tools' multichecker, which loads every package and dependency from
// source into one process.
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
)

func main() {
	args := os.Args[1:]
	if len(args) == 1 && (args[0] == "version" || args[0] == "-V" || args[0] == "--version") {
		fmt.Println("o11ylint", version())
		return
	}
	if len(args) >= 1 && args[0] == "lsp" {
		os.Exit(lspMain(args[1:]))
	}
	if invokedByGo(args) {
		// go vet or go fix running this binary on one package, or their
		// handshakes: the unitchecker protocol, as ever.
		runMultichecker(args)
	}
	name, args, err := splitEngineFlag(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		os.Exit(2)
	}
	f, rest, err := splitAdoptFlags(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		os.Exit(1)
	}
	if name == engineVet {
		os.Exit(runVet(f, rest))
	}
	switch {
	case f.any():
		os.Exit(runAdopt(f, engine{load: rest}, -1))
	case f.sarif:
		os.Exit(runSARIF(rest))
	}
	runMultichecker(rest)
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
