// Command ctxcancel runs the ctxcancel analyzer alone.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/o11ylint/o11ylint/analyzers/ctxcancel"
)

func main() { singlechecker.Main(ctxcancel.Analyzer) }
