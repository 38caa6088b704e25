// Command goleak runs the goleak analyzer alone.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/o11ylint/o11ylint/analyzers/goleak"
)

func main() { singlechecker.Main(goleak.Analyzer) }
