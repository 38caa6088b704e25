// Command gen writes docs/<analyzer>.md from each analyzer's package
// documentation. Run it from the repository root: go run ./internal/docgen/gen
package main

import (
	"log"
	"os"
	"path/filepath"

	"github.com/o11ylint/o11ylint/internal/docgen"
)

func main() {
	for _, name := range docgen.Analyzers {
		page, err := docgen.Page(".", name)
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("docs", name+".md"), page, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
