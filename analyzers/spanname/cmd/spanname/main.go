// Command spanname runs the spanname analyzer alone.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/o11ylint/o11ylint/analyzers/spanname"
)

func main() { singlechecker.Main(spanname.Analyzer) }
