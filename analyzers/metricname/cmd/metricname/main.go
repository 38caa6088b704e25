// The metricname command runs the metricname analyzer on its own.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/o11ylint/o11ylint/analyzers/metricname"
)

func main() { singlechecker.Main(metricname.Analyzer) }
